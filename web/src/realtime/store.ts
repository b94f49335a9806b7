// The realtime store: the connection state, and the one client of the signed-in account.
// Domains subscribe to events with onRealtimeEvent(); chat starts and stops the client.

import { signal } from "@preact/signals";
import { UNAUTHORIZED_EVENT } from "../api/client";
import { writeToken } from "../api/token";
import { RealtimeClient, type ConnectionState } from "./client";
import { readCursor, writeCursor } from "./cursor";
import type { RealtimeEvent } from "./events";

export const connection = signal<ConnectionState>("offline");

type Handler = (event: RealtimeEvent) => void;

const handlers = new Set<Handler>();
let client: RealtimeClient | null = null;

/** Calls `handler` with every event, in order; returns the unsubscriber. */
export function onRealtimeEvent(handler: Handler): () => void {
  handlers.add(handler);
  return () => handlers.delete(handler);
}

/**
 * Connects as `accountId`. Catch-up starts at the cursor this device saved, or at
 * `freshCursor` (the `sync_cursor` of GET /v1/conversations) on a device that has none.
 */
export function startRealtime(accountId: string, token: string, freshCursor: number): void {
  stopRealtime();
  let cursor = readCursor(accountId);
  if (cursor === null) {
    cursor = freshCursor;
    writeCursor(accountId, cursor);
  }
  client = new RealtimeClient({
    token,
    cursor,
    apply: (event) => handlers.forEach((handler) => handler(event)),
    onCursor: (seq) => writeCursor(accountId, seq),
    onState: (state) => {
      connection.value = state;
    },
    onSessionEnded: (code) => {
      writeToken(null);
      window.dispatchEvent(new CustomEvent(UNAUTHORIZED_EVENT, { detail: code }));
    },
  });
  client.start();
}

export function stopRealtime(): void {
  client?.stop();
  client = null;
}

/** Tells the other person of a 1:1 chat that I am typing (the caller throttles). */
export function sendTyping(conversationId: string): void {
  client?.send({ type: "typing", conversation_id: conversationId });
}
