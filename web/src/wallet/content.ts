// What a chat message of kind "transfer" carries.

import type { TransferContent } from "../api/types";

export function isTransferContent(content: Record<string, unknown>): content is Record<string, unknown> & TransferContent {
  return (
    typeof content["transfer_id"] === "string" &&
    typeof content["amount"] === "number" &&
    typeof content["currency"] === "string" &&
    typeof content["recipient_id"] === "string"
  );
}
