// Add a bank card: in the wallet's verified real name only, a card number with a valid
// check digit, and the bank's name if the person wants to give it. On the sandbox bank,
// the test cards and what each does are shown under the form.

import { useEffect, useState } from "preact/hooks";
import type { BankInfo } from "../../api/types";
import { errorMessage } from "../../i18n/errors";
import { t } from "../../i18n/t";
import { back, navigate } from "../../shell/router";
import { showToast } from "../../shell/store";
import { Button } from "../../ui/Button";
import { CellGroup } from "../../ui/Cell";
import { FieldError } from "../../ui/FieldError";
import { Page } from "../../ui/Page";
import { ErrorState, LoadingState } from "../../ui/States";
import { loadWallet, wallet } from "../store";
import { getBankInfo } from "./api";
import { linkCard } from "./store";
import "./bank.css";

const BANK_MAX = 64;
const DIGITS_MAX = 19;

/** "4242 4242 4242 4242": digits in groups of four, as printed on cards. */
function grouped(digits: string): string {
  return digits.replace(/(\d{4})(?=\d)/g, "$1 ");
}

function SandboxHint({ info }: { info: BankInfo }) {
  if (info.sample_cards.length === 0) return null;
  return (
    <div class="bank-hint" data-testid="add-card-sandbox-hint">
      <p class="bank-hint__title">{t("bank.sandbox_title")}</p>
      <ul class="bank-hint__list">
        {info.sample_cards.map((card) => (
          <li key={card.number}>
            <span class="bank-hint__number">{card.number}</span> {t(`bank.sample.${card.behaviour}`)}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function AddCardPage() {
  const [loadError, setLoadError] = useState<unknown>(null);
  const [info, setInfo] = useState<BankInfo | null>(null);
  const [digits, setDigits] = useState("");
  const [bankName, setBankName] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function load() {
    setLoadError(null);
    if (!wallet.value) loadWallet().catch(setLoadError);
    getBankInfo().then(setInfo, () => setInfo({ connector: "", sample_cards: [] }));
  }
  useEffect(load, []);

  const current = wallet.value;
  const holder = current?.real_name ?? "";
  const ready = digits.length >= 12;

  async function submit() {
    if (!ready || busy) return;
    setBusy(true);
    setError(null);
    try {
      await linkCard({ holder_name: holder, card_number: digits, bank_name: bankName.trim() || null });
      showToast(t("bank.card_added"));
      back("/me/wallet/cards");
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  }

  let body;
  if (current === null && loadError !== null) {
    body = <ErrorState title={t("wallet.error")} message={errorMessage(loadError)} onRetry={load} />;
  } else if (current === null) {
    body = <LoadingState />;
  } else if (!current.real_name_verified) {
    body = (
      <div class="bank-empty" data-testid="add-card-needs-real-name">
        <p class="bank-empty__text">{t("bank.need_real_name")}</p>
        <Button size="small" onClick={() => navigate("/me/wallet/real-name")}>
          {t("wallet.go_real_name")}
        </Button>
      </div>
    );
  } else {
    body = (
      <form
        class="wallet-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <CellGroup footer={t("bank.card_holder_hint")}>
          <div class="cell wallet-field">
            <span class="wallet-field__label">{t("bank.card_holder")}</span>
            <span class="wallet-field__input" data-testid="add-card-holder">
              {holder}
            </span>
          </div>
          <label class="cell wallet-field">
            <span class="wallet-field__label">{t("bank.card_number")}</span>
            <input
              class="wallet-field__input"
              type="text"
              inputMode="numeric"
              autoComplete="cc-number"
              value={grouped(digits)}
              placeholder={t("bank.card_number_placeholder")}
              data-testid="add-card-number"
              onInput={(event) => {
                const element = event.currentTarget;
                const next = element.value.replace(/\D/g, "").slice(0, DIGITS_MAX);
                setDigits(next);
                element.value = grouped(next);
                setError(null);
              }}
            />
          </label>
          <label class="cell wallet-field">
            <span class="wallet-field__label">{t("bank.card_bank")}</span>
            <input
              class="wallet-field__input"
              type="text"
              value={bankName}
              maxLength={BANK_MAX}
              placeholder={t("bank.card_bank_placeholder")}
              data-testid="add-card-bank"
              onInput={(event) => setBankName(event.currentTarget.value)}
            />
          </label>
        </CellGroup>
        <div class="wallet-form__notes">
          <FieldError message={error} />
        </div>
        <div class="wallet-form__actions">
          <Button type="submit" block busy={busy} disabled={!ready} testid="add-card-submit">
            {t("bank.card_submit")}
          </Button>
        </div>
        {info && <SandboxHint info={info} />}
      </form>
    );
  }

  return (
    <Page title={t("bank.add_card")} onBack={() => back("/me/wallet/cards")} testid="add-card-page">
      {body}
    </Page>
  );
}
