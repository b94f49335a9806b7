// A top-up's or a withdrawal's status: "Processing" until the bank settles it, then
// "Done" (or what went wrong). It changes when `bank_order.updated` arrives, and is
// polled meanwhile in case the socket is down.

import { useEffect, useState } from "preact/hooks";
import type { BankOrder } from "../../api/types";
import { errorMessage } from "../../i18n/errors";
import { t } from "../../i18n/t";
import { back } from "../../shell/router";
import { Button } from "../../ui/Button";
import { CheckIcon, CloseIcon } from "../../ui/icons";
import { Page } from "../../ui/Page";
import { Spinner } from "../../ui/Spinner";
import { ErrorState, LoadingState } from "../../ui/States";
import { formatMoney } from "../money";
import { cardLabel } from "./BankCardTile";
import { orders, refreshOrder } from "./store";
import "./bank.css";

const POLL_MS = 3000;

function statusText(order: BankOrder): string {
  const amount = formatMoney(order.amount);
  if (order.status === "declined") return t("bank.status_text.declined");
  return t(`bank.status_text.${order.kind}.${order.status}`, { amount });
}

function OrderStatus({ order }: { order: BankOrder }) {
  const pending = order.status === "pending";
  const done = order.status === "succeeded";
  return (
    <div class="bank-status" data-testid="bank-order-status" data-status={order.status}>
      <span class={`bank-status__icon bank-status__icon--${order.status}`}>
        {pending ? <Spinner size={32} light /> : done ? <CheckIcon size={36} /> : <CloseIcon size={36} />}
      </span>
      <p class="bank-status__state">{t(`bank.status.${order.status}`)}</p>
      <p class="bank-status__amount" data-testid="bank-order-amount">
        {formatMoney(order.amount)}
      </p>
      <p class="bank-status__text">{statusText(order)}</p>
      <p class="bank-status__card">
        {t(`bank.order_title.${order.kind}`)} · {cardLabel({ bank_name: order.bank_name, last4: order.card_last4 })}
      </p>
      <div class="bank-status__actions">
        <Button variant={pending ? "default" : "primary"} testid="bank-order-done" onClick={() => back("/me/wallet")}>
          {t("bank.done")}
        </Button>
      </div>
    </div>
  );
}

export function BankOrderPage({ id }: { id: string }) {
  const [error, setError] = useState<unknown>(null);
  const order = orders.value.get(id) ?? null;
  const pending = order === null || order.status === "pending";

  function load() {
    setError(null);
    refreshOrder(id).catch(setError);
  }
  useEffect(load, [id]);
  useEffect(() => {
    if (!pending) return;
    const timer = window.setInterval(() => void refreshOrder(id).catch(() => undefined), POLL_MS);
    return () => window.clearInterval(timer);
  }, [id, pending]);

  let body;
  if (order === null && error !== null) {
    body = <ErrorState title={t("bank.order_error")} message={errorMessage(error)} onRetry={load} />;
  } else if (order === null) {
    body = <LoadingState />;
  } else {
    body = <OrderStatus order={order} />;
  }
  return (
    <Page
      title={order ? t(`bank.order_title.${order.kind}`) : ""}
      onBack={() => back("/me/wallet")}
      light
      testid="bank-order-page"
    >
      {body}
    </Page>
  );
}
