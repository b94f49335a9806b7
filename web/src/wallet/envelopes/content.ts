// What a chat message of kind "envelope" carries.

import type { EnvelopeContent } from "../../api/types";

export function isEnvelopeContent(content: Record<string, unknown>): content is Record<string, unknown> & EnvelopeContent {
  return (
    typeof content["envelope_id"] === "string" &&
    typeof content["greeting"] === "string" &&
    typeof content["count"] === "number" &&
    typeof content["expires_at"] === "string" &&
    (content["kind"] === "lucky" || content["kind"] === "equal")
  );
}
