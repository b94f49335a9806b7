// Shop payments as they happen: a toast for every receipt (`payment.completed`, to the
// payer and to the shop's owner) and for a refund the payer gets (`payment.refunded`),
// and the charge waiting for my PIN (`payment.confirmation_required`) for the money code
// page to ask about.

import { signal } from "@preact/signals";
import type { Payment } from "../../api/types";
import { t } from "../../i18n/t";
import type { RealtimeEvent } from "../../realtime/events";
import { onRealtimeEvent } from "../../realtime/store";
import { showToast } from "../../shell/store";
import { formatMoney } from "../money";
import { loadWallet, wallet } from "../store";

/** What a payment event carries (see wallet/merchants/service.py `_event_data`). */
export interface PaymentEvent {
  payment_id: Payment["id"];
  payer_id: Payment["payer_id"];
  merchant_id: Payment["merchant_id"];
  merchant_name: string;
  amount: number;
  currency: string;
  method: Payment["method"];
  status: Payment["status"];
  /** In minor units, over all the payment's refunds. */
  refunded: number;
  expires_at: string | null;
}

/** A code charge over the no-PIN limit that waits for my PIN. */
export const awaitingPin = signal<PaymentEvent | null>(null);
/** The latest receipt, mine as payer or my shop's; pages that wait for one watch it. */
export const lastReceipt = signal<PaymentEvent | null>(null);
/** The latest refund, to me or by my shop; pages that show takings or a receipt reload on it. */
export const lastRefund = signal<PaymentEvent | null>(null);

function paymentOf(event: RealtimeEvent): PaymentEvent | null {
  return event.type.startsWith("payment.") ? (event.data as unknown as PaymentEvent) : null;
}

export function startShops(myId: string): () => void {
  const unsubscribe = onRealtimeEvent((event) => {
    const payment = paymentOf(event);
    if (!payment) return;
    if (event.type === "payment.confirmation_required") {
      awaitingPin.value = payment;
      return;
    }
    if (awaitingPin.value?.payment_id === payment.payment_id) awaitingPin.value = null;
    const mine = payment.payer_id === myId;
    const name = payment.merchant_name;
    if (event.type === "payment.refunded") {
      lastRefund.value = payment;
      if (mine) showToast(t("shop.toast_refunded", { name }));
    } else if (event.type === "payment.completed") {
      lastReceipt.value = payment;
      const amount = formatMoney(payment);
      showToast(mine ? t("shop.toast_paid", { amount, name }) : t("shop.toast_received", { amount }));
    } else return;
    if (wallet.value) void loadWallet().catch(() => undefined);
  });
  return () => {
    unsubscribe();
    awaitingPin.value = null;
    lastReceipt.value = null;
    lastRefund.value = null;
  };
}
