// The developer console's endpoints: developer registration, mini-programs, versions, testers,
// subscribe-message templates, webhook deliveries, daily opens, takings and the platform's review.

import { api, upload } from "../../api/client";
import type * as gen from "../../api/schema.gen";

export type Developer = gen.DeveloperOut;
export type MiniApp = gen.MiniAppOut;
export type MiniAppCreated = gen.MiniAppCreated;
export type MiniAppCreate = gen.MiniAppCreate;
export type MiniAppUpdate = gen.MiniAppUpdate;
export type Category = gen.MiniAppOut["category"];
export type AppSecret = gen.AppSecret;
export type Version = gen.VersionOut;
export type VersionStatus = gen.VersionOut["status"];
export type ReviewItem = gen.ReviewItem;
export type Tester = gen.Profile;
export type Template = gen.TemplateOut;
export type TemplateCreate = gen.TemplateCreate;
export type Delivery = gen.WebhookDelivery;
export type DeliveryDetail = gen.WebhookDeliveryDetail;
export type DeliveryPage = gen.Page_WebhookDelivery_;
export type DayOpens = gen.DayOpens;
export type DirectoryEntry = gen.DirectoryEntry;
export type BankOrder = gen.BankOrderOut;
export type SettlementAccountUpdate = gen.SettlementAccountUpdate;
export type SettlementCreate = gen.SettlementCreate;

/** A mini-program's takings, its settlement account and its latest payouts (50, newest first). */
export type MiniappTakings = gen.MiniappTakings;

/** The directory's shelves, as the server's `Category` lists them. */
export const CATEGORIES: readonly Category[] = [
  "business",
  "education",
  "entertainment",
  "finance",
  "food",
  "games",
  "health",
  "lifestyle",
  "news",
  "shopping",
  "social",
  "tools",
  "travel",
];
export const TESTERS_MAX = 30;
export const NAME_MAX = 30;
export const DESCRIPTION_MAX = 200;
export const DEVELOPER_NAME_MAX = 64;
export const REASON_MAX = 200;
export const TEMPLATE_TITLE_MAX = 20;
export const TEMPLATE_FIELD_MAX = 20;
export const TEMPLATE_FIELDS_MAX = 5;
export const PACKAGE_MAX_BYTES = 2 * 1024 * 1024;
export const BANK_NAME_MAX = 64;
export const ACCOUNT_NUMBER_MAX = 40;

const BASE = "/v1/miniapps";
const app = (appId: string) => `${BASE}/${encodeURIComponent(appId)}`;
const version = (appId: string, name: string) => `${app(appId)}/versions/${encodeURIComponent(name)}`;

export function getDeveloper(): Promise<Developer> {
  return api.get<Developer>(`${BASE}/developer`);
}

export function becomeDeveloper(displayName: string): Promise<Developer> {
  return api.post<Developer>(`${BASE}/developer`, { display_name: displayName });
}

export function listApps(): Promise<MiniApp[]> {
  return api.get<MiniApp[]>(BASE);
}

export function createApp(body: MiniAppCreate): Promise<MiniAppCreated> {
  return api.post<MiniAppCreated>(BASE, body);
}

export function getApp(appId: string): Promise<MiniApp> {
  return api.get<MiniApp>(app(appId));
}

export function updateApp(appId: string, body: MiniAppUpdate): Promise<MiniApp> {
  return api.patch<MiniApp>(app(appId), body);
}

export function rotateSecret(appId: string): Promise<AppSecret> {
  return api.post<AppSecret>(`${app(appId)}/secret/rotate`);
}

/** The released version as people get it (for its icon); fails for an app with none. */
export function directoryEntry(appId: string): Promise<DirectoryEntry> {
  return api.get<DirectoryEntry>(`${BASE}/directory/${encodeURIComponent(appId)}`);
}

export function listVersions(appId: string): Promise<Version[]> {
  return api.get<Version[]>(`${app(appId)}/versions`);
}

/** Sends the zip as the request body (not a form), as the upload route wants it. */
export function uploadVersion(appId: string, file: Blob, onProgress?: (fraction: number) => void): Promise<Version> {
  const body = new Blob([file], { type: "application/zip" });
  return upload<Version>(`${app(appId)}/versions`, body, onProgress ? { onProgress } : {});
}

export type VersionStep = "trial" | "submit" | "approve";

export function stepVersion(appId: string, name: string, step: VersionStep): Promise<Version> {
  return api.post<Version>(`${version(appId, name)}/${step}`);
}

export function rejectVersion(appId: string, name: string, reason: string): Promise<Version> {
  return api.post<Version>(`${version(appId, name)}/reject`, { reason });
}

export function rollback(appId: string, name: string): Promise<Version> {
  return api.post<Version>(`${app(appId)}/rollback`, { version: name });
}

export function reviewQueue(): Promise<ReviewItem[]> {
  return api.get<ReviewItem[]>(`${BASE}/review-queue`);
}

export function listTesters(appId: string): Promise<Tester[]> {
  return api.get<Tester[]>(`${app(appId)}/testers`);
}

export function setTesters(appId: string, plazaIds: string[]): Promise<Tester[]> {
  return api.put<Tester[]>(`${app(appId)}/testers`, { json: { plaza_ids: plazaIds } });
}

export function listTemplates(appId: string): Promise<Template[]> {
  return api.get<Template[]>(`${app(appId)}/templates`);
}

export function createTemplate(appId: string, body: TemplateCreate): Promise<Template> {
  return api.post<Template>(`${app(appId)}/templates`, body);
}

export function deleteTemplate(appId: string, templateId: string): Promise<void> {
  return api.delete(`${app(appId)}/templates/${encodeURIComponent(templateId)}`);
}

export function listDeliveries(appId: string, cursor: string | null = null, limit = 50): Promise<DeliveryPage> {
  const query = new URLSearchParams({ limit: String(limit) });
  if (cursor !== null) query.set("cursor", cursor);
  return api.get<DeliveryPage>(`${app(appId)}/webhooks?${query.toString()}`);
}

export function getDelivery(appId: string, webhookId: string): Promise<DeliveryDetail> {
  return api.get<DeliveryDetail>(`${app(appId)}/webhooks/${encodeURIComponent(webhookId)}`);
}

export function dailyOpens(appId: string, days = 30): Promise<DayOpens[]> {
  return api.get<DayOpens[]>(`${app(appId)}/stats/opens?days=${days}`);
}

export function getTakings(appId: string): Promise<MiniappTakings> {
  return api.get<MiniappTakings>(`${app(appId)}/takings`);
}

export function setSettlementAccount(appId: string, body: SettlementAccountUpdate): Promise<MiniappTakings> {
  return api.put<MiniappTakings>(`${app(appId)}/settlement-account`, { json: body });
}

/** `idempotencyKey` is made once per payout and sent again when the same payout is retried. */
export function payOut(appId: string, body: SettlementCreate, idempotencyKey: string): Promise<BankOrder> {
  return api.post<BankOrder>(`${app(appId)}/settlements`, body, { headers: { "Idempotency-Key": idempotencyKey } });
}
