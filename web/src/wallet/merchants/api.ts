// The shop endpoints of the Plaza API: merchants, payments by QR and by payment code.

import { api } from "../../api/client";
import type {
  BankOrder,
  ChargeCreate,
  Merchant,
  MerchantCreate,
  MerchantPublic,
  Payment,
  PaymentCodeSecret,
  PaymentCreate,
  PaymentPage,
  SettlementAccountUpdate,
  SettlementCreate,
  ShopRefund,
  ShopRefundCreate,
  ShopRefundMade,
} from "../../api/types";

const merchant = (id: string) => `/v1/wallet/merchants/${encodeURIComponent(id)}`;
const payment = (id: string) => `/v1/wallet/payments/${encodeURIComponent(id)}`;
const once = (idempotencyKey: string) => ({ headers: { "Idempotency-Key": idempotencyKey } });

export function registerMerchant(body: MerchantCreate): Promise<Merchant> {
  return api.post<Merchant>("/v1/wallet/merchants", body);
}

export function myMerchants(): Promise<Merchant[]> {
  return api.get<Merchant[]>("/v1/wallet/merchants/mine");
}

export function changeSettlementAccount(id: string, body: SettlementAccountUpdate): Promise<Merchant> {
  return api.put<Merchant>(`${merchant(id)}/settlement-account`, { json: body });
}

/** `idempotencyKey` as for payments. */
export function settleTakings(id: string, body: SettlementCreate, idempotencyKey: string): Promise<BankOrder> {
  return api.post<BankOrder>(`${merchant(id)}/settlements`, body, once(idempotencyKey));
}

export function getMerchant(id: string): Promise<MerchantPublic> {
  return api.get<MerchantPublic>(merchant(id));
}

export function merchantPayments(id: string, limit = 50): Promise<PaymentPage> {
  return api.get<PaymentPage>(`${merchant(id)}/payments?limit=${limit}`);
}

/** `idempotencyKey` is made once per payment and sent again when the same payment is retried. */
export function payMerchant(body: PaymentCreate, idempotencyKey: string): Promise<Payment> {
  return api.post<Payment>("/v1/wallet/payments", body, once(idempotencyKey));
}

export function chargeCode(merchantId: string, body: ChargeCreate, idempotencyKey: string): Promise<Payment> {
  return api.post<Payment>(`${merchant(merchantId)}/charges`, body, once(idempotencyKey));
}

export function getPayment(id: string): Promise<Payment> {
  return api.get<Payment>(payment(id));
}

export function confirmPayment(id: string, pin: string, idempotencyKey: string): Promise<Payment> {
  return api.post<Payment>(`${payment(id)}/confirm`, { pin }, once(idempotencyKey));
}

/** By the shop's owner; `idempotencyKey` as for payments. */
export function refundPayment(id: string, body: ShopRefundCreate, idempotencyKey: string): Promise<ShopRefundMade> {
  return api.post<ShopRefundMade>(`${payment(id)}/refunds`, body, once(idempotencyKey));
}

export function paymentRefunds(id: string): Promise<ShopRefund[]> {
  return api.get<ShopRefund[]>(`${payment(id)}/refunds`);
}

export function newPaymentCodeSecret(pin: string): Promise<PaymentCodeSecret> {
  return api.post<PaymentCodeSecret>("/v1/wallet/payment-codes/secret", { pin });
}
