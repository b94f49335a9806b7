// The chat endpoints of the Plaza API.

import { api, upload as uploadBody, type UploadOptions } from "../api/client";
import type {
  ChatSettings,
  Conversation,
  ConversationList,
  Forward,
  GroupCreate,
  GroupUpdate,
  JoinLink,
  Member,
  MemberSettings,
  Message,
  MessagePage,
  MessageSend,
  Upload,
  UploadKind,
} from "../api/types";

const path = encodeURIComponent;
const conversation = (id: string) => `/v1/conversations/${path(id)}`;

export function listConversations(): Promise<ConversationList> {
  return api.get<ConversationList>("/v1/conversations");
}

export function getConversation(id: string): Promise<Conversation> {
  return api.get<Conversation>(conversation(id));
}

export function openDirect(peerId: string): Promise<Conversation> {
  return api.post<Conversation>("/v1/conversations/direct", { peer_id: peerId });
}

export function createGroup(body: GroupCreate): Promise<Conversation> {
  return api.post<Conversation>("/v1/conversations/groups", body);
}

export function updateGroup(id: string, body: GroupUpdate): Promise<Conversation> {
  return api.patch<Conversation>(conversation(id), body);
}

export function updateSettings(id: string, body: MemberSettings): Promise<Conversation> {
  return api.patch<Conversation>(`${conversation(id)}/settings`, body);
}

export function listMembers(id: string): Promise<Member[]> {
  return api.get<Member[]>(`${conversation(id)}/members`);
}

export function invite(id: string, accountIds: string[]): Promise<void> {
  return api.post<void>(`${conversation(id)}/members`, { account_ids: accountIds });
}

/** Removes a member, or leaves the group when `accountId` is mine. */
export function removeMember(id: string, accountId: string): Promise<void> {
  return api.delete(`${conversation(id)}/members/${path(accountId)}`);
}

export function transferOwnership(id: string, accountId: string): Promise<void> {
  return api.post<void>(`${conversation(id)}/owner`, { account_id: accountId });
}

export function setAdmin(id: string, accountId: string, admin: boolean): Promise<void> {
  const url = `${conversation(id)}/admins/${path(accountId)}`;
  return admin ? api.put<void>(url) : api.delete(url);
}

export function createJoinLink(id: string): Promise<JoinLink> {
  return api.post<JoinLink>(`${conversation(id)}/join-link`);
}

export function join(token: string): Promise<Conversation> {
  return api.post<Conversation>("/v1/conversations/join", { token });
}

export function history(id: string, beforeSeq: number | null, limit = 50): Promise<MessagePage> {
  const before = beforeSeq === null ? "" : `&before_seq=${beforeSeq}`;
  return api.get<MessagePage>(`${conversation(id)}/messages?limit=${limit}${before}`);
}

export function send(id: string, body: MessageSend): Promise<Message> {
  return api.post<Message>(`${conversation(id)}/messages`, body);
}

/** Uploads a photo, file or voice note to send as `upload_id` in a message. */
export function upload(kind: UploadKind, file: Blob, name: string, options: UploadOptions = {}): Promise<Upload> {
  return uploadBody<Upload>(`/v1/media/uploads?kind=${kind}&name=${path(name)}`, file, options);
}

export function forward(body: Forward): Promise<Message[]> {
  return api.post<Message[]>("/v1/messages/forward", body);
}

export function recall(id: string, messageId: string): Promise<Message> {
  return api.post<Message>(`${conversation(id)}/messages/${path(messageId)}/recall`);
}

export function hide(id: string, messageId: string): Promise<void> {
  return api.delete(`${conversation(id)}/messages/${path(messageId)}`);
}

export function markRead(id: string, seq: number): Promise<Conversation> {
  return api.post<Conversation>(`${conversation(id)}/read`, { seq });
}

export function getChatSettings(): Promise<ChatSettings> {
  return api.get<ChatSettings>("/v1/chat/settings");
}

export function updateChatSettings(readReceipts: boolean): Promise<ChatSettings> {
  return api.patch<ChatSettings>("/v1/chat/settings", { read_receipts: readReceipts });
}
