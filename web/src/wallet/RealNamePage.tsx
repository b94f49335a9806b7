// Real-name verification: the name and the national identity number (China's resident ID).

import { useState } from "preact/hooks";
import { errorMessage } from "../i18n/errors";
import { t } from "../i18n/t";
import { back } from "../shell/router";
import { showToast } from "../shell/store";
import { Button } from "../ui/Button";
import { CellGroup } from "../ui/Cell";
import { FieldError } from "../ui/FieldError";
import { Page } from "../ui/Page";
import { verifyRealName } from "./api";
import { setWallet } from "./store";

const NAME_MAX = 64;
const ID_MAX = 32;

export function RealNamePage() {
  const [name, setName] = useState("");
  const [idNumber, setIdNumber] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ready = name.trim() !== "" && idNumber.trim() !== "";

  async function submit() {
    if (!ready || busy) return;
    setBusy(true);
    setError(null);
    try {
      setWallet(await verifyRealName({ name: name.trim(), country: "CN", id_number: idNumber.trim().toUpperCase() }));
      showToast(t("wallet.real_name_done"));
      back("/me/wallet");
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  }

  return (
    <Page title={t("wallet.real_name")} onBack={() => back("/me/wallet")} testid="real-name-page">
      <form
        class="wallet-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <CellGroup footer={t("wallet.real_name_privacy")}>
          <label class="cell wallet-field">
            <span class="wallet-field__label">{t("wallet.real_name_name")}</span>
            <input
              class="wallet-field__input"
              type="text"
              value={name}
              maxLength={NAME_MAX}
              placeholder={t("wallet.real_name_name_placeholder")}
              autoComplete="name"
              data-testid="real-name-name"
              onInput={(event) => {
                setName(event.currentTarget.value);
                setError(null);
              }}
            />
          </label>
          <label class="cell wallet-field">
            <span class="wallet-field__label">{t("wallet.real_name_id")}</span>
            <input
              class="wallet-field__input"
              type="text"
              value={idNumber}
              maxLength={ID_MAX}
              placeholder={t("wallet.real_name_id_placeholder")}
              autoComplete="off"
              autoCapitalize="characters"
              spellcheck={false}
              data-testid="real-name-id"
              onInput={(event) => {
                setIdNumber(event.currentTarget.value.replace(/\s/g, ""));
                setError(null);
              }}
            />
          </label>
        </CellGroup>
        <div class="wallet-form__notes">
          <FieldError message={error} />
        </div>
        <div class="wallet-form__actions">
          <Button type="submit" block busy={busy} disabled={!ready} testid="real-name-submit">
            {t("wallet.real_name_submit")}
          </Button>
        </div>
      </form>
    </Page>
  );
}
