// The last event seq this device applied, per account, kept across reloads so that a
// reconnect asks GET /v1/sync only for what it missed.

const PREFIX = "plaza.sync_cursor.";

export function readCursor(accountId: string): number | null {
  try {
    const value = Number(localStorage.getItem(PREFIX + accountId));
    return localStorage.getItem(PREFIX + accountId) !== null && Number.isInteger(value) && value >= 0 ? value : null;
  } catch {
    return null;
  }
}

export function writeCursor(accountId: string, seq: number): void {
  try {
    localStorage.setItem(PREFIX + accountId, String(seq));
  } catch {
    // Without storage the cursor lasts as long as the page; a reload starts afresh.
  }
}
