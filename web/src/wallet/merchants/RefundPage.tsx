// The shop owner gives a payment back: how much (all that is left unless changed), why,
// then the owner's PIN. The receipt shows the refund once it is made.

import { useEffect, useState } from "preact/hooks";
import type { Payment } from "../../api/types";
import { errorMessage } from "../../i18n/errors";
import { t } from "../../i18n/t";
import { back } from "../../shell/router";
import { Button } from "../../ui/Button";
import { Page } from "../../ui/Page";
import { ErrorState, LoadingState } from "../../ui/States";
import { currencySymbol, formatMinor, formatMoney, parseAmount, toDecimal } from "../money";
import { AmountInput } from "./AmountInput";
import { getPayment, refundPayment } from "./api";
import { usePaymentKey } from "./payments";
import { ShopAvatar } from "./ShopAvatar";
import { ShopPinSheet, usePinTries } from "./ShopPinSheet";
import "./shops.css";

const REASON_MAX = 80;

function RefundForm({ payment }: { payment: Payment }) {
  const left = payment.amount.amount - payment.refunded.amount;
  const [typed, setTyped] = useState(toDecimal(left));
  const [reason, setReason] = useState("");
  const [sheet, setSheet] = useState(false);
  const tries = usePinTries();
  const refund = usePaymentKey();
  const minor = parseAmount(typed);
  const currency = payment.amount.currency;
  const receipt = `/me/wallet/payments/${payment.id}`;

  async function submit(pin: string) {
    if (minor === null) return;
    tries.start();
    try {
      await refundPayment(payment.id, { amount: toDecimal(minor), reason: reason.trim(), pin }, refund.key);
      back(receipt);
    } catch (caught) {
      tries.fail(caught);
      refund.failed(caught);
    }
  }

  return (
    <div class="transfer-page">
      <div class="transfer-page__peer" data-testid="refund-payment">
        <ShopAvatar name={payment.merchant_name} size={56} />
        <span class="transfer-page__name">{payment.merchant_name}</span>
        <span>
          {t("shop.refund_paid", { amount: formatMoney(payment.amount), left: formatMoney({ amount: left, currency }) })}
        </span>
      </div>
      <div class="transfer-page__panel">
        <label class="transfer-page__label" for="refund-amount">
          {t("shop.refund_amount")}
        </label>
        <AmountInput id="refund-amount" value={typed} currency={currency} testid="refund-amount" onChange={setTyped} />
        <input
          class="transfer-page__memo"
          type="text"
          value={reason}
          maxLength={REASON_MAX}
          placeholder={t("shop.refund_reason")}
          data-testid="refund-reason"
          onInput={(event) => setReason(event.currentTarget.value)}
        />
        <Button
          block
          disabled={minor === null || minor <= 0 || minor > left}
          testid="refund-submit"
          onClick={() => {
            tries.reset();
            setSheet(true);
          }}
        >
          {t("shop.refund")}
        </Button>
      </div>
      {sheet && minor !== null && (
        <ShopPinSheet
          title={t("shop.refund_to_payer")}
          amount={`${currencySymbol(currency)}${formatMinor(minor)}`}
          tries={tries}
          onSubmit={(pin) => void submit(pin)}
          onClose={() => setSheet(false)}
        />
      )}
    </div>
  );
}

export function RefundPage({ id }: { id: string }) {
  const [payment, setPayment] = useState<Payment | null>(null);
  const [error, setError] = useState<unknown>(null);

  function load() {
    setError(null);
    getPayment(id).then(setPayment, setError);
  }
  useEffect(load, [id]);

  let body;
  if (payment === null && error !== null)
    body = <ErrorState title={t("shop.receipt_error")} message={errorMessage(error)} onRetry={load} />;
  else if (payment === null) body = <LoadingState />;
  else body = <RefundForm payment={payment} />;

  return (
    <Page title={t("shop.refund")} onBack={() => back(`/me/wallet/payments/${id}`)} testid="refund-page">
      {body}
    </Page>
  );
}
