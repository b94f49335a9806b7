// Turns an API error into a message in the current language: a translation per known
// problem `code`, falling back to the server's `detail`.

import { ApiError } from "../api/client";
import { hasMessage, t } from "./t";

export function errorMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return t("error.unknown");
  if (error.code === "rate_limited" && error.retryAfter !== null && error.retryAfter > 0) {
    return t("error.rate_limited_seconds", { seconds: error.retryAfter });
  }
  const key = `error.${error.code}`;
  if (hasMessage(key)) return t(key);
  return error.detail || t("error.unknown");
}
