// A shop payment's receipt, for the payer and for the shop's owner alike.

import { useEffect, useState } from "preact/hooks";
import type { Payment } from "../../api/types";
import { errorMessage } from "../../i18n/errors";
import { formatDateTime } from "../../i18n/format";
import { t } from "../../i18n/t";
import { back } from "../../shell/router";
import { Button } from "../../ui/Button";
import { Cell, CellGroup } from "../../ui/Cell";
import { CheckIcon, WarningIcon } from "../../ui/icons";
import { Page } from "../../ui/Page";
import { ErrorState, LoadingState } from "../../ui/States";
import { formatMoney } from "../money";
import { getPayment } from "./api";
import { lastReceipt } from "./store";
import "./shops.css";

function Receipt({ payment }: { payment: Payment }) {
  const done = payment.status === "completed";
  return (
    <div class="shop-receipt" data-testid="payment-receipt" data-status={payment.status}>
      <span class={done ? "shop-receipt__icon" : "shop-receipt__icon shop-receipt__icon--waiting"}>
        {done ? <CheckIcon size={40} /> : <WarningIcon size={40} />}
      </span>
      <p class="shop-receipt__status" data-testid="receipt-status">
        {t(`shop.status.${payment.status}`)}
      </p>
      <p class="shop-receipt__name">{payment.merchant_name}</p>
      <p class="shop-receipt__amount" data-testid="receipt-amount">
        {formatMoney(payment.amount)}
      </p>
      <CellGroup>
        <Cell title={t("shop.receipt_method")} value={t(`shop.method.${payment.method}`)} />
        <Cell title={t("shop.receipt_time")} value={formatDateTime(payment.completed_at ?? payment.created_at)} />
        {payment.note && <Cell title={t("shop.note_label")} value={payment.note} />}
        <Cell title={t("shop.receipt_number")} value={<span class="shop-receipt__number">{payment.id}</span>} />
      </CellGroup>
      <div class="wallet-form__actions">
        <Button block variant="default" testid="receipt-done" onClick={() => back("/me/wallet")}>
          {t("shop.done")}
        </Button>
      </div>
    </div>
  );
}

export function ReceiptPage({ id }: { id: string }) {
  const [payment, setPayment] = useState<Payment | null>(null);
  const [error, setError] = useState<unknown>(null);
  const receipt = lastReceipt.value;

  function load() {
    setError(null);
    getPayment(id).then(setPayment, setError);
  }
  // Loaded again when this payment's receipt arrives (an awaiting_pin charge completing).
  useEffect(load, [id, receipt?.payment_id === id ? receipt : null]);

  let body;
  if (payment === null && error !== null)
    body = <ErrorState title={t("shop.receipt_error")} message={errorMessage(error)} onRetry={load} />;
  else if (payment === null) body = <LoadingState />;
  else body = <Receipt payment={payment} />;

  return (
    <Page title={t("shop.receipt")} onBack={() => back("/me/wallet")} testid="receipt-page">
      {body}
    </Page>
  );
}
