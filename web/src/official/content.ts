// What a message of kind "official" carries (official/messaging on the server): the
// account, and its words or a broadcast's articles.

import type { ArticleCard } from "./api";

export interface OfficialMessage {
  account_id: string;
  account_name: string;
  text?: string | null;
  articles?: ArticleCard[] | null;
}

export function isOfficialMessage(content: Record<string, unknown>): content is Record<string, unknown> & OfficialMessage {
  return typeof content["account_id"] === "string" && typeof content["account_name"] === "string";
}

export function articlesOf(content: OfficialMessage): ArticleCard[] {
  return Array.isArray(content.articles) ? content.articles : [];
}

/** The chat list's line for it: the first article's title, else the words. */
export function officialSummary(content: Record<string, unknown>): string {
  if (!isOfficialMessage(content)) return "";
  return articlesOf(content)[0]?.title ?? content.text ?? "";
}
