// Deleting the account: the user types the account's phone number to confirm.

import { useState } from "preact/hooks";
import type { Me } from "../../api/types";
import { errorMessage } from "../../i18n/errors";
import { t } from "../../i18n/t";
import { back } from "../../shell/router";
import { Button } from "../../ui/Button";
import { FieldError } from "../../ui/FieldError";
import { WarningIcon } from "../../ui/icons";
import { Page } from "../../ui/Page";
import { deleteAccount } from "../store";

/**
 * What to send for what the user typed: "+86 138..." as typed (spaces dropped), and a
 * national number without the country code as the account's own number when it matches.
 */
export function phoneForDeletion(typed: string, accountPhone: string): string {
  const cleaned = typed.replace(/[\s().-]/g, "");
  if (cleaned.startsWith("+")) return cleaned;
  const national = cleaned.replace(/^0+/, "");
  if (national.length >= 5 && accountPhone.endsWith(national)) return accountPhone;
  return cleaned;
}

export function DeleteAccountPage({ me }: { me: Me }) {
  const [typed, setTyped] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: Event) {
    event.preventDefault();
    if (typed.trim() === "") return;
    setBusy(true);
    setError(null);
    try {
      await deleteAccount(phoneForDeletion(typed, me.phone));
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  }

  return (
    <Page title={t("delete.title")} onBack={() => back("/me")} testid="delete-page">
      <form class="delete" onSubmit={submit} noValidate>
        <div class="delete__card">
          <span class="delete__icon">
            <WarningIcon size={40} />
          </span>
          <h2 class="delete__heading">{t("delete.heading")}</h2>
          <ul class="delete__points">
            <li>{t("delete.point_profile")}</li>
            <li>{t("delete.point_moments")}</li>
            <li>{t("delete.point_devices")}</li>
            <li>{t("delete.point_final")}</li>
          </ul>
        </div>
        <p class="delete__label">{t("delete.phone_label")}</p>
        <div class="form-cells">
          <label class="form-row">
            <span class="form-row__label">{t("signin.phone")}</span>
            <input
              class="form-row__input"
              type="tel"
              inputMode="tel"
              autoComplete="off"
              placeholder={t("delete.phone_placeholder")}
              value={typed}
              disabled={busy}
              aria-invalid={error !== null}
              data-testid="delete-phone"
              onInput={(event) => {
                setTyped(event.currentTarget.value);
                setError(null);
              }}
            />
          </label>
        </div>
        <div class="cell-error">
          <FieldError message={error} />
        </div>
        <div class="delete__actions">
          <Button type="submit" variant="danger" busy={busy} disabled={typed.trim() === ""} testid="delete-confirm">
            {busy ? t("delete.deleting") : t("delete.confirm")}
          </Button>
        </div>
      </form>
    </Page>
  );
}
