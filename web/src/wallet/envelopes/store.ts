// The red envelopes seen in chats, cached per id and refreshed by the `envelope.updated`
// event (to the opener's devices, and live to the sender's).

import { signal } from "@preact/signals";
import type { Envelope, EnvelopeOpened } from "../../api/types";
import type { RealtimeEvent } from "../../realtime/events";
import { onRealtimeEvent } from "../../realtime/store";
import { loadWallet, wallet } from "../store";
import * as envelopeApi from "./api";

export const envelopes = signal<ReadonlyMap<string, Envelope>>(new Map());

const loading = new Set<string>();

export function rememberEnvelope(envelope: Envelope): void {
  const next = new Map(envelopes.value);
  next.set(envelope.id, envelope);
  envelopes.value = next;
}

/** Loads the envelope (again); cards and the detail page read it from `envelopes`. */
export async function fetchEnvelope(id: string): Promise<Envelope> {
  const found = await envelopeApi.getEnvelope(id);
  rememberEnvelope(found);
  return found;
}

/** Loads an envelope once. */
export function ensureEnvelope(id: string): void {
  if (envelopes.value.has(id) || loading.has(id)) return;
  loading.add(id);
  void fetchEnvelope(id)
    .catch(() => undefined) // the card shows what its message says; opening it tries again
    .finally(() => loading.delete(id));
}

/** Claims my share; the envelope and my balance are fetched again after. */
export async function openEnvelope(id: string): Promise<EnvelopeOpened> {
  try {
    return await envelopeApi.openEnvelope(id);
  } finally {
    void fetchEnvelope(id).catch(() => undefined);
    if (wallet.value) void loadWallet().catch(() => undefined);
  }
}

/** An `envelope.updated` event's envelope id, or null for any other event. */
function updatedEnvelopeId(event: RealtimeEvent): string | null {
  const id = event.data["envelope_id"];
  return event.type === "envelope.updated" && typeof id === "string" ? id : null;
}

let unsubscribe: (() => void) | null = null;

export function startEnvelopes(): () => void {
  unsubscribe?.();
  unsubscribe = onRealtimeEvent((event) => {
    const id = updatedEnvelopeId(event);
    if (id !== null && envelopes.value.has(id)) void fetchEnvelope(id).catch(() => undefined);
  });
  return stopEnvelopes;
}

export function stopEnvelopes(): void {
  unsubscribe?.();
  unsubscribe = null;
  envelopes.value = new Map();
  loading.clear();
}
