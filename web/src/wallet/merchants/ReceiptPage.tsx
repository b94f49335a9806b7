// A shop payment's receipt, for the payer and for the shop's owner alike; the owner may
// refund it from here, and both see its refunds.

import { useEffect, useState } from "preact/hooks";
import type { Me, Payment, ShopRefund } from "../../api/types";
import { errorMessage } from "../../i18n/errors";
import { formatDateTime } from "../../i18n/format";
import { t } from "../../i18n/t";
import { back, navigate } from "../../shell/router";
import { Button } from "../../ui/Button";
import { Cell, CellGroup } from "../../ui/Cell";
import { CheckIcon, WarningIcon } from "../../ui/icons";
import { Page } from "../../ui/Page";
import { ErrorState, LoadingState } from "../../ui/States";
import { formatMoney } from "../money";
import { getPayment, paymentRefunds } from "./api";
import { lastReceipt, lastRefund } from "./store";
import "./shops.css";

function Refunds({ refunds }: { refunds: ShopRefund[] }) {
  return (
    <CellGroup title={t("shop.refunds")}>
      {refunds.map((refund) => (
        <Cell
          key={refund.id}
          title={refund.reason || t("shop.refund")}
          description={formatDateTime(refund.created_at)}
          value={formatMoney(refund.amount)}
          testid="receipt-refund-row"
        />
      ))}
    </CellGroup>
  );
}

function Receipt({ payment, mine, refunds }: { payment: Payment; mine: boolean; refunds: ShopRefund[] }) {
  const done = payment.status === "completed";
  const refundable = done && !mine && payment.refunded.amount < payment.amount.amount;
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
        {payment.refunded.amount > 0 && (
          <Cell
            title={t("shop.refunded")}
            value={<span data-testid="receipt-refunded">{formatMoney(payment.refunded)}</span>}
          />
        )}
      </CellGroup>
      {refunds.length > 0 && <Refunds refunds={refunds} />}
      <div class="wallet-form__actions">
        {refundable && (
          <Button block variant="default" testid="receipt-refund" onClick={() => navigate(`/me/wallet/payments/${payment.id}/refund`)}>
            {t("shop.refund")}
          </Button>
        )}
        <Button block variant="default" testid="receipt-done" onClick={() => back("/me/wallet")}>
          {t("shop.done")}
        </Button>
      </div>
    </div>
  );
}

export function ReceiptPage({ id, me }: { id: string; me: Me }) {
  const [payment, setPayment] = useState<Payment | null>(null);
  const [refunds, setRefunds] = useState<ShopRefund[]>([]);
  const [error, setError] = useState<unknown>(null);
  const receipt = lastReceipt.value;
  const refund = lastRefund.value;

  function load() {
    setError(null);
    getPayment(id).then((loaded) => {
      setPayment(loaded);
      if (loaded.refunded.amount > 0) paymentRefunds(id).then(setRefunds, setError);
    }, setError);
  }
  // Loaded again when this payment's receipt arrives (an awaiting_pin charge completing)
  // or it is refunded.
  useEffect(load, [id, receipt?.payment_id === id ? receipt : null, refund?.payment_id === id ? refund : null]);

  let body;
  if (payment === null && error !== null)
    body = <ErrorState title={t("shop.receipt_error")} message={errorMessage(error)} onRetry={load} />;
  else if (payment === null) body = <LoadingState />;
  else body = <Receipt payment={payment} mine={payment.payer_id === me.id} refunds={refunds} />;

  return (
    <Page title={t("shop.receipt")} onBack={() => back("/me/wallet")} testid="receipt-page">
      {body}
    </Page>
  );
}
