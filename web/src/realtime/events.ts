// The events the server pushes over /ws and replays from GET /v1/sync. Their payloads
// are not in the OpenAPI document; they are built from its types (see chat/conversations.py,
// chat/messages.py, contacts/service.py, wallet/transfers.py and official/messaging/service.py
// on the server).

import type { Conversation, Message, TransferStatus } from "../api/types";

export type ConversationInfo = Pick<Conversation, "id" | "kind" | "name" | "announcement" | "member_count">;

export interface EventPayloads {
  "message.new": { conversation_id: string; message: Message };
  "message.recalled": { conversation_id: string; message_id: string; seq: number; recalled_by: string };
  "message.hidden": { conversation_id: string; message_id: string };
  "conversation.updated": ConversationInfo;
  "conversation.removed": { conversation_id: string };
  "read.updated": { conversation_id: string; last_read_seq: number };
  "peer_read.updated": { conversation_id: string; account_id: string; last_read_seq: number };
  "member_settings.updated": { conversation_id: string; muted: boolean; pinned: boolean };
  typing: { conversation_id: string; account_id: string };
  /** Someone asked me to be friends (to my devices). */
  "contact_request.received": { request_id: string; from_id: string };
  /** A new friend, on both sides (a request accepted, or two people who asked each other). */
  "contact.added": { account_id: string };
  /** I removed a friend (to my devices; the other side is not told). */
  "contact.removed": { account_id: string };
  /** A transfer was accepted or returned (to the sender's and the recipient's devices). */
  "transfer.updated": { transfer_id: string; status: TransferStatus };
  /** A subscription account I follow broadcast: its articles are in the Subscriptions folder. */
  "subscriptions.updated": { account_id: string };
  /** Devices were signed out (null: all); their sockets close right after this frame. */
  "session.revoked": { device_ids: string[] | null };
}

export type EventType = keyof EventPayloads;

/** One event: `seq` is this account's event number, null for ephemeral ones (typing). */
export interface RealtimeEvent {
  type: string;
  seq: number | null;
  data: Record<string, unknown>;
}

export type TypedEvent<K extends EventType> = { type: K; seq: number | null; data: EventPayloads[K] };

export function isEvent<K extends EventType>(event: RealtimeEvent, type: K): event is RealtimeEvent & TypedEvent<K> {
  return event.type === type;
}
