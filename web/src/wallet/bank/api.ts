// The bank endpoints of the Plaza API: linked cards, top-ups and withdrawals.

import { api } from "../../api/client";
import type { BankCard, BankCardCreate, BankInfo, BankOrder, BankOrderCreate } from "../../api/types";

export function getBankInfo(): Promise<BankInfo> {
  return api.get<BankInfo>("/v1/wallet/bank");
}

export function listCards(): Promise<BankCard[]> {
  return api.get<BankCard[]>("/v1/wallet/cards");
}

export function linkCard(body: BankCardCreate): Promise<BankCard> {
  return api.post<BankCard>("/v1/wallet/cards", body);
}

export function removeCard(id: string): Promise<void> {
  return api.delete(`/v1/wallet/cards/${encodeURIComponent(id)}`);
}

/** `idempotencyKey` is made once per order and sent again when the same order is retried. */
/** A person's own orders; a shop's settlements are placed by `settleTakings`. */
export type CardOrderKind = Exclude<BankOrder["kind"], "settlement">;

export function placeOrder(kind: CardOrderKind, body: BankOrderCreate, idempotencyKey: string): Promise<BankOrder> {
  const path = kind === "top_up" ? "/v1/wallet/top-ups" : "/v1/wallet/withdrawals";
  return api.post<BankOrder>(path, body, { headers: { "Idempotency-Key": idempotencyKey } });
}

export function getOrder(id: string): Promise<BankOrder> {
  return api.get<BankOrder>(`/v1/wallet/bank-orders/${encodeURIComponent(id)}`);
}
