// What every shop payment screen shares: one Idempotency-Key per payment, kept while a
// try may have got through and renewed once the server has refused it.

import { useState } from "preact/hooks";
import { ApiError } from "../../api/client";
import { navigate } from "../../shell/router";

function newKey(): string {
  return crypto.randomUUID();
}

/** Refused (4xx): nothing moved, so the next try is a new payment. A network error, a 5xx
 * or a twin still in flight keep the key: the retry is the same payment. */
function refused(error: unknown): boolean {
  return error instanceof ApiError && error.status >= 400 && error.status < 500 && error.code !== "idempotency.in_flight";
}

export function usePaymentKey(): { key: string; failed: (error: unknown) => void; next: () => void } {
  const [key, setKey] = useState(newKey);
  return {
    key,
    failed: (error) => {
      if (refused(error)) setKey(newKey());
    },
    next: () => setKey(newKey()),
  };
}

/** Problems fixed on the Wallet page (real name, PIN): the PIN sheet links there. */
export const WALLET_FIXES = new Set(["wallet.real_name_required", "wallet.pin_not_set", "wallet.pin_locked"]);

export function errorCode(error: unknown): string | null {
  return error instanceof ApiError ? error.code : null;
}

/** The pay page a shop's receive QR opens (the server's pay_url, on this app's origin). */
export function payUrl(merchantId: string, amount: string | null): string {
  const url = `${location.origin}/pay/${merchantId}`;
  return amount ? `${url}?amount=${amount}` : url;
}

/** The receipt in place of the page that paid or charged. */
export function openReceipt(paymentId: string): void {
  navigate(`/me/wallet/payments/${paymentId}`, { replace: true });
}
