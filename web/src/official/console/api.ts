// The official account console's endpoints: applications and their review, drafts and
// broadcasts, the custom menu, auto-replies, the inbox, the webhook and its deliveries (see
// contracts in docs/subsystems/official.md and official-messaging.md).

import { api } from "../../api/client";
import type * as gen from "../../api/schema.gen";
import type { Message, MessagePage } from "../../api/types";
import type { DeliveryDetail, DeliveryPage } from "../../miniapps/console/api";

export type OfficialAccount = gen.OfficialAccount;
/** An account as its operator and the reviewing admins see it. */
export type Application = gen.Application;
export type ApplicationCreate = gen.ApplicationCreate;
export type AccountType = OfficialAccount["type"];
export type AccountStatus = OfficialAccount["status"];
export type MenuItem = gen.MenuItem;
export type MenuSubItem = gen.MenuSubItem;
export type MenuKind = MenuItem["kind"];
/** A draft as its operator edits it, with the sanitised HTML the server made of its Markdown. */
export type Draft = gen.Draft;
export type ArticleCreate = gen.ArticleCreate;
export type Broadcast = gen.Broadcast;
export type BroadcastQuota = gen.BroadcastQuota;
export type ApplicationDocument = gen.ApplicationDocument;
export type KeywordReply = gen.KeywordReply;
export type MatchKind = KeywordReply["match"];
export type AutoReplies = gen.AutoReplies;
export type AccountRef = gen.AccountRef;
export type Thread = gen.InboxThread;
export type Webhook = gen.WebhookSetting;

/** The limits the server holds (official/ on the server). */
export const NAME_MIN = 2;
export const NAME_MAX = 30;
export const DESCRIPTION_MAX = 200;
export const DOCUMENTS_MAX = 5;
export const REASON_MAX = 200;
export const TITLE_MAX = 64;
export const DIGEST_MAX = 120;
export const MARKDOWN_MAX = 20000;
export const ARTICLES_PER_BROADCAST = 8;
export const MENU_ITEMS = 3;
export const MENU_SUB_ITEMS = 5;
export const MENU_NAME_MAX = 16;
export const KEYWORD_MAX = 30;
export const REPLY_MAX = 600;
export const KEYWORD_RULES_MAX = 50;
export const MESSAGE_MAX = 2000;

const BASE = "/v1/official";
const id = (value: string) => encodeURIComponent(value);
const account = (accountId: string) => `${BASE}/accounts/${id(accountId)}`;

export function mine(): Promise<Application[]> {
  return api.get<Application[]>(`${BASE}/mine`);
}

export function apply(body: ApplicationCreate): Promise<Application> {
  return api.post<Application>(`${BASE}/applications`, body);
}

export function pendingApplications(): Promise<Application[]> {
  return api.get<Application[]>(`${BASE}/applications?status=pending`);
}

/** For platform admins and the operator. */
export function applicationDocuments(accountId: string): Promise<ApplicationDocument[]> {
  return api.get<ApplicationDocument[]>(`${BASE}/applications/${id(accountId)}/documents`);
}

export function approve(accountId: string): Promise<Application> {
  return api.post<Application>(`${BASE}/applications/${id(accountId)}/approve`);
}

export function reject(accountId: string, reason: string): Promise<Application> {
  return api.post<Application>(`${BASE}/applications/${id(accountId)}/reject`, { reason });
}

export function drafts(accountId: string): Promise<Draft[]> {
  return api.get<Draft[]>(`${account(accountId)}/drafts`);
}

export function createArticle(accountId: string, body: ArticleCreate): Promise<Draft> {
  return api.post<Draft>(`${account(accountId)}/articles`, body);
}

export function updateArticle(articleId: string, body: ArticleCreate): Promise<Draft> {
  return api.patch<Draft>(`${BASE}/articles/${id(articleId)}`, body);
}

export function deleteArticle(articleId: string): Promise<void> {
  return api.delete(`${BASE}/articles/${id(articleId)}`);
}

export function broadcastQuota(accountId: string): Promise<BroadcastQuota> {
  return api.get<BroadcastQuota>(`${account(accountId)}/broadcast-quota`);
}

export function broadcast(accountId: string, articleIds: string[]): Promise<Broadcast> {
  return api.post<Broadcast>(`${account(accountId)}/broadcasts`, { article_ids: articleIds });
}

export function saveMenu(accountId: string, items: MenuItem[]): Promise<OfficialAccount> {
  return api.put<OfficialAccount>(`${account(accountId)}/menu`, { json: { items } });
}

export function autoReplies(accountId: string): Promise<AutoReplies> {
  return api.get<AutoReplies>(`${account(accountId)}/auto-replies`);
}

export function saveAutoReplies(accountId: string, body: AutoReplies): Promise<AutoReplies> {
  return api.put<AutoReplies>(`${account(accountId)}/auto-replies`, { json: body });
}

export function inbox(accountId: string): Promise<Thread[]> {
  return api.get<Thread[]>(`${account(accountId)}/inbox`);
}

/** The latest messages with one follower, both ways, oldest first. */
export function thread(accountId: string, followerId: string, limit = 50): Promise<MessagePage> {
  return api.get<MessagePage>(`${account(accountId)}/inbox/${id(followerId)}?limit=${limit}`);
}

export function replyTo(accountId: string, followerId: string, text: string): Promise<Message> {
  return api.post<Message>(`${account(accountId)}/inbox/${id(followerId)}/replies`, { text });
}

export function webhook(accountId: string): Promise<Webhook> {
  return api.get<Webhook>(`${account(accountId)}/webhook`);
}

export function saveWebhook(accountId: string, url: string | null): Promise<Webhook> {
  return api.put<Webhook>(`${account(accountId)}/webhook`, { json: { url } });
}

/** The events posted to the account's webhook, newest first; as the mini-program console pages them. */
export function listWebhookDeliveries(accountId: string, cursor: string | null = null, limit = 50): Promise<DeliveryPage> {
  const query = new URLSearchParams({ limit: String(limit) });
  if (cursor !== null) query.set("cursor", cursor);
  return api.get<DeliveryPage>(`${account(accountId)}/webhook/deliveries?${query.toString()}`);
}

export function getWebhookDelivery(accountId: string, webhookId: string): Promise<DeliveryDetail> {
  return api.get<DeliveryDetail>(`${account(accountId)}/webhook/deliveries/${id(webhookId)}`);
}
