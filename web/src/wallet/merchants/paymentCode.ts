// The payment code (付款码) on this device: the secret the server issued once (kept in
// localStorage), and the 18 digits made from it offline every minute, exactly as the
// server checks them (wallet/merchants/codes.py): prefix + token + an 8-digit TOTP
// (HMAC-SHA1 over the 60-second time step, RFC 6238). WebCrypto needs a secure context
// (https, or localhost).

import type { PaymentCodeSecret } from "../../api/types";

const STORAGE_PREFIX = "plaza.payment_code.";

export type StoredSecret = Pick<PaymentCodeSecret, "id" | "secret" | "code_prefix" | "token" | "digits" | "period">;

export function loadSecret(accountId: string): StoredSecret | null {
  try {
    const raw = localStorage.getItem(STORAGE_PREFIX + accountId);
    return raw ? (JSON.parse(raw) as StoredSecret) : null;
  } catch {
    return null;
  }
}

export function saveSecret(accountId: string, secret: PaymentCodeSecret): StoredSecret {
  const { id, secret: key, code_prefix, token, digits, period } = secret;
  const stored = { id, secret: key, code_prefix, token, digits, period };
  localStorage.setItem(STORAGE_PREFIX + accountId, JSON.stringify(stored));
  return stored;
}

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

function base32Decode(text: string): Uint8Array<ArrayBuffer> {
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of text.replace(/=+$/, "")) {
    const value = BASE32.indexOf(char);
    if (value < 0) throw new Error("not base32");
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  return new Uint8Array(bytes);
}

/** The time step (minute) `at` falls in, and the seconds left in it. */
export function stepAt(secret: StoredSecret, at: number): { step: number; secondsLeft: number } {
  const seconds = Math.floor(at / 1000);
  return { step: Math.floor(seconds / secret.period), secondsLeft: secret.period - (seconds % secret.period) };
}

/** RFC 4226 HOTP of `step`: HMAC-SHA1 of the 8-byte counter, dynamically truncated. */
async function hotp(secret: StoredSecret, step: number): Promise<string> {
  const key = await crypto.subtle.importKey("raw", base32Decode(secret.secret), { name: "HMAC", hash: "SHA-1" }, false, [
    "sign",
  ]);
  const counter = new DataView(new ArrayBuffer(8));
  counter.setUint32(0, Math.floor(step / 2 ** 32));
  counter.setUint32(4, step >>> 0);
  const digest = new Uint8Array(await crypto.subtle.sign("HMAC", key, counter.buffer));
  const offset = (digest[digest.length - 1] ?? 0) & 0x0f;
  const number = new DataView(digest.buffer).getUint32(offset) & 0x7fffffff;
  return String(number % 10 ** secret.digits).padStart(secret.digits, "0");
}

/** The 18 digits to show for `step`. */
export async function codeFor(secret: StoredSecret, step: number): Promise<string> {
  return `${secret.code_prefix}${secret.token}${await hotp(secret, step)}`;
}

/** "28 1234 5678 9012 3456" style groups for reading aloud or typing. */
export function groupDigits(code: string): string {
  return code.replace(/^(\d{2})(\d{4})(\d{4})(\d{4})(\d{4})$/, "$1 $2 $3 $4 $5");
}
