// The red envelope endpoints of the Plaza API.

import { api } from "../../api/client";
import type { Envelope, EnvelopeCreate, EnvelopeOpened } from "../../api/types";

const envelope = (id: string) => `/v1/wallet/envelopes/${encodeURIComponent(id)}`;

/** `idempotencyKey` is made once per envelope and sent again when the same send is retried. */
export function sendEnvelope(body: EnvelopeCreate, idempotencyKey: string): Promise<Envelope> {
  return api.post<Envelope>("/v1/wallet/envelopes", body, { headers: { "Idempotency-Key": idempotencyKey } });
}

export function getEnvelope(id: string): Promise<Envelope> {
  return api.get<Envelope>(envelope(id));
}

export function openEnvelope(id: string): Promise<EnvelopeOpened> {
  return api.post<EnvelopeOpened>(`${envelope(id)}/open`);
}
