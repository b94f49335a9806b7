// Money on screen: amounts arrive in minor units (fen) and leave as decimal strings ("12.34").

import type { Amount } from "../api/types";

const SYMBOLS: Record<string, string> = { CNY: "¥" };

/** The currency's sign ("¥"), or its code followed by a space. */
export function currencySymbol(currency: string): string {
  return SYMBOLS[currency] ?? `${currency} `;
}

/** "12.34" for 1234 minor units (every supported currency has 2 decimals). */
export function formatMinor(amount: number): string {
  const sign = amount < 0 ? "-" : "";
  const abs = Math.abs(amount);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** "¥12.34". */
export function formatMoney({ amount, currency }: Amount): string {
  return `${currencySymbol(currency)}${formatMinor(amount)}`;
}

/** What the amount field accepts while typing: digits, then at most 2 decimals. */
export const AMOUNT_TYPING = /^(\d{0,8})(\.\d{0,2})?$/;

/** The amount typed as minor units, or null when it is not a positive amount. */
export function parseAmount(text: string): number | null {
  const match = /^(\d{1,8})(?:\.(\d{1,2}))?$/.exec(text.trim().replace(/\.$/, ""));
  if (!match) return null;
  const minor = Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
  return minor > 0 ? minor : null;
}

/** The decimal string the API takes: "12.30" for 1230. */
export function toDecimal(minor: number): string {
  return formatMinor(minor);
}

/** A wrong PIN's "… 3 tries left." from the server's detail, or null. */
export function triesLeft(detail: string): number | null {
  const match = /(\d+)\s+tr(?:y|ies)\s+left/i.exec(detail);
  return match ? Number(match[1]) : null;
}
