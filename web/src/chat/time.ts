// Times as the chat list and the message list show them.

import { lang } from "../i18n/store";
import { t } from "../i18n/t";

const DAY_MS = 24 * 3600 * 1000;

function startOfDay(date: Date): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

function clock(date: Date): string {
  return new Intl.DateTimeFormat(lang.value, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(date);
}

/** How many calendar days ago (0 = today). */
function daysAgo(date: Date, now: Date): number {
  return Math.round((startOfDay(now) - startOfDay(date)) / DAY_MS);
}

/** The chat list: today "14:05", yesterday, this week "Tuesday", else "2025/3/1". */
export function listTime(iso: string, now: Date = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  const days = daysAgo(date, now);
  if (days <= 0) return clock(date);
  if (days === 1) return t("time.yesterday");
  if (days < 7) return new Intl.DateTimeFormat(lang.value, { weekday: "long" }).format(date);
  return new Intl.DateTimeFormat(lang.value, { year: "numeric", month: "numeric", day: "numeric" }).format(date);
}

/** The separator between messages: "14:05", "Yesterday 14:05", "Tuesday 14:05", "2025/3/1 14:05". */
export function separatorTime(iso: string, now: Date = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  const days = daysAgo(date, now);
  if (days <= 0) return clock(date);
  if (days === 1) return `${t("time.yesterday")} ${clock(date)}`;
  if (days < 7) return `${new Intl.DateTimeFormat(lang.value, { weekday: "long" }).format(date)} ${clock(date)}`;
  const day = new Intl.DateTimeFormat(lang.value, { year: "numeric", month: "numeric", day: "numeric" }).format(date);
  return `${day} ${clock(date)}`;
}

/** A separator goes before a message when 5 minutes or more passed since the one before. */
export const SEPARATOR_GAP_MS = 5 * 60_000;
