// The official-account endpoints a follower calls (docs/subsystems/official.md): the
// directory, following, profiles with their articles, the reader, likes and shares, the
// Subscriptions folder, and messaging an account from its chat.

import { api } from "../api/client";
import type { Message } from "../api/types";
import type * as gen from "../api/schema.gen";

export type OfficialAccount = gen.OfficialAccount;
export type MenuItem = OfficialAccount["menu"][number];
export type MenuLeaf = NonNullable<MenuItem["sub_items"]>[number];
export type Article = gen.Article;
export type ArticleCard = gen.ArticleCard;
export type ArticleCardPage = gen.Page_ArticleCard_;
export type SubscriptionEntry = gen.FolderEntry;
export type SubscriptionPage = gen.Page_FolderEntry_;
export type SubscriptionSummary = gen.FolderSummary;
export type AccountChat = gen.AccountChat;

const account = (id: string) => `/v1/official/accounts/${encodeURIComponent(id)}`;
const article = (id: string) => `/v1/official/articles/${encodeURIComponent(id)}`;
const withCursor = (url: string, cursor: string | null) =>
  cursor ? `${url}?${new URLSearchParams({ cursor }).toString()}` : url;

/** Verified accounts whose name matches `query` (all of them for ""). */
export function searchAccounts(query: string): Promise<OfficialAccount[]> {
  const search = query ? `?${new URLSearchParams({ query }).toString()}` : "";
  return api.get<OfficialAccount[]>(`/v1/official/accounts${search}`);
}

export function getAccount(id: string): Promise<OfficialAccount> {
  return api.get<OfficialAccount>(account(id));
}

export function follow(id: string): Promise<OfficialAccount> {
  return api.post<OfficialAccount>(`${account(id)}/follow`);
}

export function unfollow(id: string): Promise<OfficialAccount> {
  return api.delete<OfficialAccount>(`${account(id)}/follow`);
}

export function following(): Promise<OfficialAccount[]> {
  return api.get<OfficialAccount[]>("/v1/official/following");
}

/** One page of the account's published articles, newest first. */
export function publishedArticles(id: string, cursor: string | null = null): Promise<ArticleCardPage> {
  return api.get<ArticleCardPage>(withCursor(`${account(id)}/articles`, cursor));
}

export function getArticle(id: string): Promise<Article> {
  return api.get<Article>(article(id));
}

export function setLiked(id: string, liked: boolean): Promise<Article> {
  return liked ? api.post<Article>(`${article(id)}/like`) : api.delete<Article>(`${article(id)}/like`);
}

/** Posts the article as a card (kind "article") into one of my conversations. */
export function shareArticle(id: string, conversationId: string, clientMsgId: string): Promise<Message> {
  return api.post<Message>(`${article(id)}/share`, { conversation_id: conversationId, client_msg_id: clientMsgId });
}

/** One page of the Subscriptions folder: broadcasts of the subscription accounts I follow. */
export function subscriptions(cursor: string | null = null): Promise<SubscriptionPage> {
  return api.get<SubscriptionPage>(withCursor("/v1/official/subscriptions", cursor));
}

export function subscriptionSummary(): Promise<SubscriptionSummary> {
  return api.get<SubscriptionSummary>("/v1/official/subscriptions/summary");
}

export function markSubscriptionsRead(): Promise<void> {
  return api.post<void>("/v1/official/subscriptions/read");
}

/** My conversation with the account (made on first use; followers only). */
export function accountChat(id: string): Promise<AccountChat> {
  return api.get<AccountChat>(`${account(id)}/chat`);
}

/** Sends the account a message (typed, or a menu item's keyword); it may answer at once. */
export function messageAccount(id: string, text: string, clientMsgId: string): Promise<Message> {
  return api.post<Message>(`${account(id)}/messages`, { client_msg_id: clientMsgId, text });
}
