// Client-side checks that mirror the server's profile rules, so most mistakes show
// before a round trip. The server stays the authority.

import type { Me } from "../api/types";
import type { MessageKey } from "../i18n/t";

export const DISPLAY_NAME_MAX = 32;
export const BIO_MAX = 120;
export const REGION_MAX = 64;
export const PLAZA_ID_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{5,19}$/;

/** Length as the server counts it: in code points, not UTF-16 units. */
export function charCount(value: string): number {
  return Array.from(value).length;
}

export function checkDisplayName(value: string): { key: MessageKey; max?: number } | null {
  const trimmed = value.trim();
  if (trimmed === "") return { key: "profile.name_required" };
  if (charCount(trimmed) > DISPLAY_NAME_MAX) return { key: "profile.name_too_long", max: DISPLAY_NAME_MAX };
  return null;
}

export function checkPlazaId(value: string): MessageKey | null {
  return PLAZA_ID_PATTERN.test(value) ? null : "error.identity.plaza_id_invalid";
}

/** When the Plaza ID may next change, or null if it may change now. */
export function plazaIdLockedUntil(me: Me, now: number = Date.now()): string | null {
  const at = me.plaza_id_changeable_at;
  if (at === null) return null;
  const time = new Date(at).getTime();
  return Number.isNaN(time) || time <= now ? null : at;
}
