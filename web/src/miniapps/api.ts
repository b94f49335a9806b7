// The mini-program runtime endpoints of the Plaza API: what the host, Discover -> Mini Programs
// and Me -> Settings call (docs/subsystems/miniapps.md, "Runtime"). Plain functions; other
// features of the runtime add theirs below.

import { api } from "../api/client";
import type * as gen from "../api/schema.gen";

export type DirectoryEntry = gen.DirectoryEntry;
export type DirectoryPage = gen.DirectoryPage;
export type CategoryCount = gen.CategoryCount;
export type Category = gen.CategoryCount["category"];
export type MiniAppGrants = gen.MiniAppGrants;
export type MiniAppLink = gen.MiniAppLink;
export type DayOpens = gen.DayOpens;

const app = (appId: string) => `/v1/miniapps/${encodeURIComponent(appId)}`;

/** A released mini-program (or one on trial for the caller), as the host frames it. */
export function getDirectoryEntry(appId: string): Promise<DirectoryEntry> {
  return api.get<DirectoryEntry>(`/v1/miniapps/directory/${encodeURIComponent(appId)}`);
}

/** Records that the person opened the mini-program: recently used and its daily opens. */
export function recordOpen(appId: string): Promise<void> {
  return api.post<void>(`${app(appId)}/opens`);
}

/** Mini-programs the person opened, most recent first (up to 20). */
export function recentMiniApps(): Promise<DirectoryEntry[]> {
  return api.get<DirectoryEntry[]>("/v1/miniapps/recent");
}

/** One page of released mini-programs, by name search and/or category. */
export function searchDirectory(
  options: { q?: string; category?: string | null; cursor?: string | null } = {},
): Promise<DirectoryPage> {
  const query = new URLSearchParams();
  if (options.q) query.set("q", options.q);
  if (options.category) query.set("category", options.category);
  if (options.cursor) query.set("cursor", options.cursor);
  const search = query.toString();
  return api.get<DirectoryPage>(`/v1/miniapps/directory${search ? `?${search}` : ""}`);
}

/** The directory's categories that have at least one released mini-program. */
export function directoryCategories(): Promise<CategoryCount[]> {
  return api.get<CategoryCount[]>("/v1/miniapps/categories");
}

/** The developer's daily opens over the last `days` days, the oldest first. */
export function dailyOpens(appId: string, days = 30): Promise<DayOpens[]> {
  return api.get<DayOpens[]>(`${app(appId)}/stats/opens?days=${days}`);
}

/** Every mini-program the person granted a scope to, for Me -> Settings. */
export function myMiniAppGrants(): Promise<MiniAppGrants[]> {
  return api.get<MiniAppGrants[]>("/v1/me/miniapp-grants");
}

/** Grants a scope again, on the person's tap in Me -> Mini Program permissions. */
export function grantConsent(appId: string, scope: MiniAppGrants["scopes"][number]): Promise<unknown> {
  return api.post<unknown>(`${app(appId)}/consents`, { scope });
}

/** Takes back one scope the person granted a mini-program. */
export function revokeConsent(appId: string, scope: string): Promise<void> {
  return api.delete(`${app(appId)}/consents/${encodeURIComponent(scope)}`);
}

/** A link (and its QR code as SVG) that opens the mini-program at `path` with `scene`. */
export function miniAppLink(appId: string, options: { path?: string; scene?: string } = {}): Promise<MiniAppLink> {
  const query = new URLSearchParams();
  if (options.path) query.set("path", options.path);
  if (options.scene) query.set("scene", options.scene);
  const search = query.toString();
  return api.get<MiniAppLink>(`${app(appId)}/link${search ? `?${search}` : ""}`);
}
