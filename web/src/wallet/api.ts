// The wallet endpoints of the Plaza API.

import { api, request } from "../api/client";
import type { PinChange, RealNameVerification, Transfer, TransferCreate, Wallet } from "../api/types";

const transfer = (id: string) => `/v1/wallet/transfers/${encodeURIComponent(id)}`;

export function getWallet(): Promise<Wallet> {
  return api.get<Wallet>("/v1/wallet");
}

export function verifyRealName(body: RealNameVerification): Promise<Wallet> {
  return api.post<Wallet>("/v1/wallet/real-name", body);
}

export function setPin(body: PinChange): Promise<Wallet> {
  return request<Wallet>("PUT", "/v1/wallet/pin", { json: body });
}

/** `idempotencyKey` is made once per payment and sent again when the same payment is retried. */
export function sendTransfer(body: TransferCreate, idempotencyKey: string): Promise<Transfer> {
  return api.post<Transfer>("/v1/wallet/transfers", body, { headers: { "Idempotency-Key": idempotencyKey } });
}

export function getTransfer(id: string): Promise<Transfer> {
  return api.get<Transfer>(transfer(id));
}

export function acceptTransfer(id: string): Promise<Transfer> {
  return api.post<Transfer>(`${transfer(id)}/accept`);
}

export function returnTransfer(id: string): Promise<Transfer> {
  return api.post<Transfer>(`${transfer(id)}/return`);
}
