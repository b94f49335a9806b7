// Where a shared link may go: https:// pages, or a path inside the app ("/official/articles/1");
// anything else (javascript:, data:, "//host") is never made a link. And new client ids.

export function isAppPath(url: string): boolean {
  return url.startsWith("/") && !url.startsWith("//");
}

export function isSafeLink(url: string): boolean {
  if (isAppPath(url)) return true;
  try {
    return new URL(url).protocol === "https:";
  } catch {
    return false;
  }
}

/** A new client_id for a post or a comment, so that a retried request does not post twice. */
export function clientId(): string {
  return crypto.randomUUID();
}
