// Me → Wallet → Merchant → Settle to bank: the shop's takings (all, unless changed) go to
// its settlement account after the owner's PIN; the bank order's page then follows the
// bank. A shop whose account is not linked with the bank enters it again first.

import { useEffect, useState } from "preact/hooks";
import type { Merchant } from "../../api/types";
import { errorMessage } from "../../i18n/errors";
import { t } from "../../i18n/t";
import { back, navigate } from "../../shell/router";
import { Button } from "../../ui/Button";
import { CellGroup } from "../../ui/Cell";
import { FieldError } from "../../ui/FieldError";
import { Page } from "../../ui/Page";
import { ErrorState, LoadingState } from "../../ui/States";
import { cardLabel } from "../bank/BankCardTile";
import { currencySymbol, formatMinor, formatMoney, parseAmount, toDecimal } from "../money";
import { AmountInput } from "./AmountInput";
import { changeSettlementAccount, myMerchants, settleTakings } from "./api";
import { usePaymentKey } from "./payments";
import { ShopPinSheet, usePinTries } from "./ShopPinSheet";
import "./shops.css";

function LinkAccountForm({ merchant, onLinked }: { merchant: Merchant; onLinked: (merchant: Merchant) => void }) {
  const [bankName, setBankName] = useState(merchant.settlement_bank_name);
  const [number, setNumber] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit() {
    setBusy(true);
    setError(null);
    try {
      onLinked(await changeSettlementAccount(merchant.id, { settlement_bank_name: bankName.trim(), settlement_account_number: number }));
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  }

  return (
    <form
      class="wallet-form"
      noValidate
      data-testid="settle-link"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <CellGroup title={t("shop.settle_link_title")} footer={t("shop.register_privacy")}>
        <label class="cell wallet-field">
          <span class="wallet-field__label shop-field__label">{t("shop.field_bank")}</span>
          <input class="wallet-field__input" type="text" value={bankName} maxLength={64} autoComplete="off" data-testid="settle-link-bank" onInput={(event) => setBankName(event.currentTarget.value)} />
        </label>
        <label class="cell wallet-field">
          <span class="wallet-field__label shop-field__label">{t("shop.field_account")}</span>
          <input class="wallet-field__input" type="text" inputMode="numeric" value={number} maxLength={40} autoComplete="off" data-testid="settle-link-number" onInput={(event) => setNumber(event.currentTarget.value)} />
        </label>
      </CellGroup>
      <div class="wallet-form__notes">
        <FieldError message={error} />
      </div>
      <div class="wallet-form__actions">
        <Button type="submit" block busy={busy} disabled={!bankName.trim() || !number.trim()} testid="settle-link-submit">
          {t("shop.settle_link")}
        </Button>
      </div>
    </form>
  );
}

function SettleForm({ merchant }: { merchant: Merchant }) {
  const takings = merchant.takings;
  const [typed, setTyped] = useState(toDecimal(takings.amount));
  const [sheet, setSheet] = useState(false);
  const tries = usePinTries();
  const settlement = usePaymentKey();
  const minor = parseAmount(typed);
  const account = cardLabel({ bank_name: merchant.settlement_bank_name, last4: merchant.settlement_account_last4 });

  async function submit(pin: string) {
    if (minor === null) return;
    tries.start();
    try {
      const order = await settleTakings(merchant.id, { amount: toDecimal(minor), pin }, settlement.key);
      navigate(`/me/wallet/bank-orders/${order.id}`, { replace: true });
    } catch (caught) {
      tries.fail(caught);
      settlement.failed(caught);
    }
  }

  return (
    <div class="transfer-page">
      <div class="transfer-page__panel">
        <label class="transfer-page__label" for="settle-amount">
          {t("shop.settle_to", { account })}
        </label>
        <AmountInput id="settle-amount" value={typed} currency={takings.currency} testid="settle-amount" onChange={setTyped} />
        <p class="shop-muted" data-testid="settle-takings">
          {t("shop.settle_takings", { amount: formatMoney(takings) })}
        </p>
        <Button
          block
          disabled={minor === null || minor <= 0 || minor > takings.amount}
          testid="settle-submit"
          onClick={() => {
            tries.reset();
            setSheet(true);
          }}
        >
          {t("shop.settle")}
        </Button>
      </div>
      {sheet && minor !== null && (
        <ShopPinSheet
          title={t("shop.settle_to", { account })}
          amount={`${currencySymbol(takings.currency)}${formatMinor(minor)}`}
          tries={tries}
          onSubmit={(pin) => void submit(pin)}
          onClose={() => setSheet(false)}
        />
      )}
    </div>
  );
}

export function SettlePage({ merchantId }: { merchantId: string }) {
  const [merchant, setMerchant] = useState<Merchant | null>(null);
  const [error, setError] = useState<unknown>(null);

  function load() {
    setError(null);
    myMerchants().then((mine) => setMerchant(mine.find((m) => m.id === merchantId) ?? null), setError);
  }
  useEffect(load, [merchantId]);

  let body;
  if (error !== null) body = <ErrorState title={t("shop.error")} message={errorMessage(error)} onRetry={load} />;
  else if (merchant === null) body = <LoadingState />;
  else if (!merchant.settlement_linked) body = <LinkAccountForm merchant={merchant} onLinked={setMerchant} />;
  else body = <SettleForm merchant={merchant} />;

  return (
    <Page title={t("shop.settle")} onBack={() => back("/me/wallet/merchant")} testid="settle-page">
      {body}
    </Page>
  );
}
