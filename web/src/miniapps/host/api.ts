// The Plaza API calls the mini-program host makes for a running mini-program, on the signed-in
// person's behalf: codes, consents, storage, the payment sheet's order and subscriptions.
// The mini-program itself never reaches these: it asks the host over the bridge.

import { api, ApiError } from "../../api/client";

export type Scope = "profile" | "phone" | "location" | "camera";

export interface OneTimeCode {
  code: string;
  expires_at: string;
}

export interface HostOrder {
  prepay_id: string;
  app_id: string;
  /** The mini-program's name, from the platform: what the sheet shows as the payee. */
  merchant_name: string;
  description: string;
  amount: { amount: number; currency: string };
  status: "NOTPAY" | "SUCCESS" | "CLOSED";
  expires_at: string;
}

export interface SubscribeTemplate {
  template_id: string;
  title: string;
  fields: string[];
}

export type SubscribeAnswers = Record<string, "accept" | "reject">;

const app = (appId: string) => `/v1/miniapps/${encodeURIComponent(appId)}`;

export function loginCode(appId: string): Promise<OneTimeCode> {
  return api.post<OneTimeCode>(`${app(appId)}/login-code`);
}

export function phoneCode(appId: string): Promise<OneTimeCode> {
  return api.post<OneTimeCode>(`${app(appId)}/phone-code`);
}

/** The scopes the person granted the mini-program. */
export async function grantedScopes(appId: string): Promise<Set<Scope>> {
  const grants = await api.get<{ scope: Scope }[]>(`${app(appId)}/consents`);
  return new Set(grants.map((grant) => grant.scope));
}

export async function grantScope(appId: string, scope: Scope): Promise<void> {
  await api.post<unknown>(`${app(appId)}/consents`, { scope });
}

const storageKey = (appId: string, key: string) => `${app(appId)}/storage/${encodeURIComponent(key)}`;

/** The stored value, or null when the key is not set. */
export async function storageGet(appId: string, key: string): Promise<string | null> {
  try {
    return (await api.get<{ key: string; value: string }>(storageKey(appId, key))).value;
  } catch (error) {
    if (error instanceof ApiError && error.code === "storage.key_not_found") return null;
    throw error;
  }
}

export function storageSet(appId: string, key: string, value: string): Promise<void> {
  return api.put<void>(storageKey(appId, key), { json: { value } });
}

export function storageRemove(appId: string, key: string): Promise<void> {
  return api.delete(storageKey(appId, key));
}

export function getOrder(appId: string, prepayId: string): Promise<HostOrder> {
  return api.get<HostOrder>(`${app(appId)}/orders/${encodeURIComponent(prepayId)}`);
}

export function payOrder(appId: string, prepayId: string, pin: string): Promise<HostOrder> {
  return api.post<HostOrder>(`${app(appId)}/orders/${encodeURIComponent(prepayId)}/pay`, { pin });
}

export function subscribeTemplates(appId: string, ids: string[]): Promise<SubscribeTemplate[]> {
  const query = new URLSearchParams({ ids: ids.join(",") });
  return api.get<SubscribeTemplate[]>(`${app(appId)}/subscriptions/templates?${query.toString()}`);
}

export function answerSubscriptions(appId: string, accepted: string[], rejected: string[]): Promise<SubscribeAnswers> {
  return api.post<SubscribeAnswers>(`${app(appId)}/subscriptions`, { accepted, rejected });
}
