// The chat store: my conversations, the loaded messages of each, messages on their way
// out (photos, files and voice notes upload first), group members and who is typing.
// Realtime events keep it current (applyEvent); everything in it can be rebuilt from the
// API, so it is never saved.

import { batch, signal, type Signal } from "@preact/signals";
import { ApiError } from "../api/client";
import type { Conversation, GroupCreate, Member, Message, MessageSend, ReplyPreview, UploadKind } from "../api/types";
import { rememberPeople } from "../contacts/store";
import { isEvent, type RealtimeEvent } from "../realtime/events";
import { onRealtimeEvent, startRealtime, stopRealtime } from "../realtime/store";
import * as chatApi from "./api";

/** How long "typing…" shows after the last typing frame. */
export const TYPING_SHOWN_MS = 5_000;
/** As the server's RECALL_WINDOW. */
export const RECALL_WINDOW_MS = 2 * 60_000;

export type OutgoingBody = Omit<MessageSend, "client_msg_id">;

/** The photo, file or voice note of an outgoing message, until the server has it. */
export interface OutgoingMedia {
  kind: UploadKind;
  file: Blob;
  name: string;
  /** A blob: URL of the file, shown (or played) in the bubble meanwhile. */
  localUrl: string;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  /** Share uploaded, 0 to 1; the body's upload_id is set once it is done. */
  progress: number;
}

/** A message I sent that the server has not confirmed yet. */
export interface Outgoing {
  clientMsgId: string;
  body: MessageSend;
  reply: ReplyPreview | null;
  status: "sending" | "failed";
  createdAt: string;
  media: OutgoingMedia | null;
}

export interface Thread {
  /** By seq, oldest first; each id once. */
  messages: Message[];
  outgoing: Outgoing[];
  /** Pass as before_seq for older messages; null at the beginning. */
  nextBeforeSeq: number | null;
  loaded: boolean;
  loadingOlder: boolean;
}

const EMPTY_THREAD: Thread = { messages: [], outgoing: [], nextBeforeSeq: null, loaded: false, loadingOlder: false };

export const conversations = signal<Conversation[] | null>(null);
export const conversationsError = signal<unknown>(null);
/** Members of the groups looked at, by conversation id. */
export const members = signal<ReadonlyMap<string, Member[]>>(new Map());
/** Conversation id -> until when (ms) its peer shows as typing. */
export const typing = signal<ReadonlyMap<string, number>>(new Map());

const threads = new Map<string, Signal<Thread>>();
let myId = "";
let myToken = "";
let realtimeStarted = false;
let unsubscribe: (() => void) | null = null;

export function thread(conversationId: string): Signal<Thread> {
  let found = threads.get(conversationId);
  if (!found) {
    found = signal<Thread>(EMPTY_THREAD);
    threads.set(conversationId, found);
  }
  return found;
}

export function conversationById(id: string): Conversation | undefined {
  return conversations.value?.find((conversation) => conversation.id === id);
}

function time(iso: string): number {
  const value = Date.parse(iso);
  return Number.isNaN(value) ? 0 : value;
}

function sorted(list: Conversation[]): Conversation[] {
  return [...list].sort((a, b) => Number(b.pinned) - Number(a.pinned) || time(b.updated_at) - time(a.updated_at));
}

function withUnread(conversation: Conversation): Conversation {
  return { ...conversation, unread: Math.max(0, conversation.last_seq - conversation.last_read_seq) };
}

function upsert(conversation: Conversation): void {
  rememberPeople([conversation.peer]);
  const rest = (conversations.value ?? []).filter((c) => c.id !== conversation.id);
  conversations.value = sorted([...rest, conversation]);
}

function patchConversation(id: string, patch: (conversation: Conversation) => Conversation): void {
  const list = conversations.value;
  if (!list || !list.some((c) => c.id === id)) return;
  conversations.value = sorted(list.map((c) => (c.id === id ? patch(c) : c)));
}

function patchThread(id: string, patch: (thread: Thread) => Thread): void {
  const found = threads.get(id);
  if (found) found.value = patch(found.value);
}

function insertMessage(list: Message[], message: Message): Message[] {
  const without = list.filter((m) => m.id !== message.id);
  const index = without.findIndex((m) => m.seq > message.seq);
  if (index === -1) return [...without, message];
  return [...without.slice(0, index), message, ...without.slice(index)];
}

function mergeMessages(list: Message[], incoming: Message[]): Message[] {
  const byId = new Map(list.map((m) => [m.id, m]));
  for (const message of incoming) byId.set(message.id, message);
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

// --- loading --------------------------------------------------------------------------

const fetching = new Set<string>();
const LIST_RETRY_MAX_MS = 30_000;
let listRetryTimer: number | undefined;
let listRetryDelay = 2_000;

export async function loadConversations(): Promise<void> {
  conversationsError.value = null;
  window.clearTimeout(listRetryTimer);
  try {
    const list = await chatApi.listConversations();
    rememberPeople(list.items.map((c) => c.peer));
    conversations.value = sorted(list.items);
    if (!realtimeStarted && myId) {
      realtimeStarted = true;
      startRealtime(myId, myToken, list.sync_cursor);
    }
    listRetryDelay = 2_000;
  } catch (error) {
    conversationsError.value = error;
    // Without the list there is no socket either: keep trying while signed in.
    if (myId && !realtimeStarted) {
      listRetryTimer = window.setTimeout(() => void loadConversations(), listRetryDelay);
      listRetryDelay = Math.min(LIST_RETRY_MAX_MS, listRetryDelay * 2);
    }
  }
}

/** Fetches one conversation (a new one I just learnt of) into the list. */
export async function fetchConversation(id: string): Promise<Conversation | null> {
  if (fetching.has(id)) return null;
  fetching.add(id);
  try {
    const conversation = await chatApi.getConversation(id);
    upsert(conversation);
    return conversation;
  } catch {
    return null;
  } finally {
    fetching.delete(id);
  }
}

export async function loadLatest(conversationId: string): Promise<void> {
  const page = await chatApi.history(conversationId, null);
  patchThreadOrCreate(conversationId, (current) => ({
    ...current,
    messages: mergeMessages(current.messages, page.items),
    nextBeforeSeq: current.loaded ? current.nextBeforeSeq : page.next_before_seq,
    loaded: true,
  }));
}

function patchThreadOrCreate(id: string, patch: (thread: Thread) => Thread): void {
  const found = thread(id);
  found.value = patch(found.value);
}

export async function loadOlder(conversationId: string): Promise<void> {
  const current = thread(conversationId);
  if (current.value.loadingOlder || current.value.nextBeforeSeq === null) return;
  current.value = { ...current.value, loadingOlder: true };
  try {
    const page = await chatApi.history(conversationId, current.value.nextBeforeSeq);
    current.value = {
      ...current.value,
      messages: mergeMessages(current.value.messages, page.items),
      nextBeforeSeq: page.next_before_seq,
    };
  } finally {
    current.value = { ...current.value, loadingOlder: false };
  }
}

export async function loadMembers(conversationId: string): Promise<Member[]> {
  const list = await chatApi.listMembers(conversationId);
  rememberPeople(list.map((member) => member.account));
  const next = new Map(members.value);
  next.set(conversationId, list);
  members.value = next;
  return list;
}

const membersLoading = new Set<string>();

/** Loads a group's members once (for its avatar and, unnamed, its title). */
export function ensureMembers(conversationId: string): void {
  if (members.peek().has(conversationId) || membersLoading.has(conversationId)) return;
  membersLoading.add(conversationId);
  loadMembers(conversationId)
    .catch(() => undefined)
    .finally(() => membersLoading.delete(conversationId));
}

// --- applying messages and events --------------------------------------------------------

/** A message from the server (sent, pushed or synced): into the list and the thread, once. */
function receiveMessage(conversationId: string, message: Message): void {
  const known = conversationById(conversationId);
  if (!known) {
    void fetchConversation(conversationId);
  } else if (message.seq > known.last_seq) {
    patchConversation(conversationId, (c) =>
      withUnread({
        ...c,
        last_seq: message.seq,
        last_message: message,
        updated_at: message.created_at,
        last_read_seq: message.sender_id === myId ? Math.max(c.last_read_seq, message.seq) : c.last_read_seq,
      }),
    );
  } else if (known.last_message?.id === message.id) {
    patchConversation(conversationId, (c) => ({ ...c, last_message: message }));
  }
  patchThread(conversationId, (current) => ({
    ...current,
    messages: insertMessage(current.messages, message),
    outgoing: message.sender_id === myId ? withoutOutgoing(current.outgoing, message.client_msg_id) : current.outgoing,
  }));
  if (message.sender_id !== myId && typing.value.has(conversationId)) setTyping(conversationId, null);
}

/** The list without that message on its way, whose local copy of a file is let go. */
function withoutOutgoing(list: Outgoing[], clientMsgId: string | null): Outgoing[] {
  const gone = list.find((o) => o.clientMsgId === clientMsgId);
  if (!gone) return list;
  if (gone.media) URL.revokeObjectURL(gone.media.localUrl);
  return list.filter((o) => o !== gone);
}

function recallLocally(conversationId: string, messageId: string): void {
  const redact = (m: Message): Message => (m.id === messageId ? { ...m, recalled: true, content: {} } : m);
  const quote = (m: Message): Message =>
    m.reply_to?.id === messageId ? { ...m, reply_to: { ...m.reply_to, preview: "[Recalled]" } } : m;
  patchConversation(conversationId, (c) => (c.last_message ? { ...c, last_message: redact(c.last_message) } : c));
  patchThread(conversationId, (current) => ({ ...current, messages: current.messages.map(redact).map(quote) }));
}

function hideLocally(conversationId: string, messageId: string): void {
  let previous: Message | null = null;
  patchThread(conversationId, (current) => {
    const messages = current.messages.filter((m) => m.id !== messageId);
    previous = messages[messages.length - 1] ?? null;
    return { ...current, messages };
  });
  patchConversation(conversationId, (c) =>
    c.last_message?.id === messageId ? { ...c, last_message: previous } : c,
  );
}

function setTyping(conversationId: string, until: number | null): void {
  const next = new Map(typing.value);
  if (until === null) next.delete(conversationId);
  else next.set(conversationId, until);
  typing.value = next;
}

function removeConversation(id: string): void {
  batch(() => {
    conversations.value = (conversations.value ?? []).filter((c) => c.id !== id);
    const next = new Map(members.value);
    next.delete(id);
    members.value = next;
  });
  threads.delete(id);
}

export function applyEvent(event: RealtimeEvent): void {
  if (isEvent(event, "message.new")) {
    receiveMessage(event.data.conversation_id, event.data.message);
  } else if (isEvent(event, "message.recalled")) {
    recallLocally(event.data.conversation_id, event.data.message_id);
  } else if (isEvent(event, "message.hidden")) {
    hideLocally(event.data.conversation_id, event.data.message_id);
  } else if (isEvent(event, "conversation.updated")) {
    const info = event.data;
    if (!conversationById(info.id)) {
      void fetchConversation(info.id);
    } else {
      patchConversation(info.id, (c) => ({ ...c, ...info }));
      if (members.value.has(info.id)) void loadMembers(info.id).catch(() => undefined);
    }
  } else if (isEvent(event, "conversation.removed")) {
    removeConversation(event.data.conversation_id);
  } else if (isEvent(event, "read.updated")) {
    const { conversation_id, last_read_seq } = event.data;
    patchConversation(conversation_id, (c) =>
      withUnread({ ...c, last_read_seq: Math.max(c.last_read_seq, last_read_seq) }),
    );
  } else if (isEvent(event, "peer_read.updated")) {
    const { conversation_id, last_read_seq } = event.data;
    patchConversation(conversation_id, (c) => ({
      ...c,
      peer_read_seq: Math.max(c.peer_read_seq ?? 0, last_read_seq),
    }));
  } else if (isEvent(event, "member_settings.updated")) {
    const { conversation_id, muted, pinned } = event.data;
    patchConversation(conversation_id, (c) => ({ ...c, muted, pinned }));
  } else if (isEvent(event, "typing")) {
    const { conversation_id, account_id } = event.data;
    if (account_id === myId) return;
    const until = Date.now() + TYPING_SHOWN_MS;
    setTyping(conversation_id, until);
    window.setTimeout(() => {
      if (typing.value.get(conversation_id) === until) setTyping(conversation_id, null);
    }, TYPING_SHOWN_MS);
  }
}

// --- sending ------------------------------------------------------------------------------

function newClientMsgId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  // Pages on plain http (not localhost) have no randomUUID; 16 random bytes do as well.
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}

function patchOutgoing(conversationId: string, clientMsgId: string, patch: (outgoing: Outgoing) => Outgoing): void {
  patchThread(conversationId, (current) => ({
    ...current,
    outgoing: current.outgoing.map((o) => (o.clientMsgId === clientMsgId ? patch(o) : o)),
  }));
}

function outgoingNow(conversationId: string, clientMsgId: string): Outgoing | undefined {
  return threads.get(conversationId)?.peek().outgoing.find((o) => o.clientMsgId === clientMsgId);
}

/** Uploads the file of a media message that has none on the server yet; the body to send. */
async function uploadMedia(conversationId: string, outgoing: Outgoing, media: OutgoingMedia): Promise<MessageSend> {
  const id = outgoing.clientMsgId;
  const setProgress = (progress: number) =>
    patchOutgoing(conversationId, id, (o) => (o.media ? { ...o, media: { ...o.media, progress } } : o));
  setProgress(0);
  let shown = 0;
  try {
    const uploaded = await chatApi.upload(media.kind, media.file, media.name, {
      onProgress: (fraction) => {
        // One repaint a percent is plenty.
        if (Math.floor(fraction * 100) === Math.floor(shown * 100)) return;
        shown = fraction;
        setProgress(Math.min(fraction, 0.99));
      },
    });
    const body: MessageSend = { ...outgoing.body, upload_id: uploaded.id };
    patchOutgoing(conversationId, id, (o) => ({ ...o, body, media: o.media ? { ...o.media, progress: 1 } : null }));
    return body;
  } catch (error) {
    // A file the server refuses (too large, not a picture) will not do better next time.
    if (!isRetryable(error)) discardMessage(conversationId, id);
    throw error;
  }
}

/** The body to send: the message's own, once its file (if it has one) is uploaded. */
async function readyBody(conversationId: string, outgoing: Outgoing): Promise<MessageSend> {
  return outgoing.media && !outgoing.body.upload_id ? uploadMedia(conversationId, outgoing, outgoing.media) : outgoing.body;
}

async function deliver(conversationId: string, outgoing: Outgoing): Promise<void> {
  const id = outgoing.clientMsgId;
  patchOutgoing(conversationId, id, (o) => ({ ...o, status: "sending" }));
  try {
    const current = outgoingNow(conversationId, id) ?? outgoing;
    let message: Message;
    try {
      message = await chatApi.send(conversationId, await readyBody(conversationId, current));
    } catch (error) {
      // The server deletes an upload nothing used for a day (a send that failed and was
      // retried much later, say): upload the file again, once.
      if (!(current.media && error instanceof ApiError && error.code === "media.not_found")) throw error;
      const again = { ...current, body: { ...current.body, upload_id: null } };
      message = await chatApi.send(conversationId, await readyBody(conversationId, again));
    }
    receiveMessage(conversationId, message);
  } catch (error) {
    patchOutgoing(conversationId, id, (o) => ({ ...o, status: "failed" }));
    throw error;
  }
}

/** Sends optimistically: the message shows at once with a spinner, a red "!" if it fails. */
export function sendMessage(conversationId: string, body: OutgoingBody, reply: ReplyPreview | null): Promise<void> {
  const clientMsgId = newClientMsgId();
  const outgoing: Outgoing = {
    clientMsgId,
    body: { ...body, client_msg_id: clientMsgId },
    reply,
    status: "sending",
    createdAt: new Date().toISOString(),
    media: null,
  };
  patchThreadOrCreate(conversationId, (current) => ({ ...current, outgoing: [...current.outgoing, outgoing] }));
  return deliver(conversationId, outgoing);
}

export interface MediaToSend {
  kind: UploadKind;
  file: Blob;
  name: string;
  width?: number | null;
  height?: number | null;
  durationMs?: number | null;
}

/** Media of a conversation go up one after another, so that they arrive in the order chosen. */
const mediaQueues = new Map<string, Promise<void>>();

/**
 * Sends a photo, file or voice note: the bubble shows at once with the upload's progress,
 * then the message is sent with the upload's id. A failure shows the red "!", and tapping
 * it uploads again if the upload is what failed, then sends with the same client_msg_id.
 */
export function sendMedia(conversationId: string, item: MediaToSend): Promise<void> {
  const clientMsgId = newClientMsgId();
  const outgoing: Outgoing = {
    clientMsgId,
    body: { client_msg_id: clientMsgId, kind: item.kind, upload_id: null },
    reply: null,
    status: "sending",
    createdAt: new Date().toISOString(),
    media: {
      kind: item.kind,
      file: item.file,
      name: item.name,
      localUrl: URL.createObjectURL(item.file),
      width: item.width ?? null,
      height: item.height ?? null,
      durationMs: item.durationMs ?? null,
      progress: 0,
    },
  };
  patchThreadOrCreate(conversationId, (current) => ({ ...current, outgoing: [...current.outgoing, outgoing] }));
  const sent = (mediaQueues.get(conversationId) ?? Promise.resolve()).then(() => {
    // Discarded meanwhile (signed out): nothing to do.
    const current = outgoingNow(conversationId, clientMsgId);
    return current ? deliver(conversationId, current) : undefined;
  });
  mediaQueues.set(conversationId, sent.catch(() => undefined));
  return sent;
}

/** Sends a failed message again with the same client_msg_id, so it can never arrive twice. */
export function retryMessage(conversationId: string, clientMsgId: string): Promise<void> {
  const outgoing = thread(conversationId).value.outgoing.find((o) => o.clientMsgId === clientMsgId);
  return outgoing ? deliver(conversationId, outgoing) : Promise.resolve();
}

export function discardMessage(conversationId: string, clientMsgId: string): void {
  patchThread(conversationId, (current) => ({ ...current, outgoing: withoutOutgoing(current.outgoing, clientMsgId) }));
}

export async function forwardMessages(messageIds: string[], conversationIds: string[]): Promise<void> {
  const copies = await chatApi.forward({
    message_ids: messageIds,
    conversation_ids: conversationIds,
    client_msg_id: newClientMsgId(),
  });
  for (const copy of copies) receiveMessage(copy.conversation_id, copy);
}

export async function recallMessage(conversationId: string, messageId: string): Promise<void> {
  await chatApi.recall(conversationId, messageId);
  recallLocally(conversationId, messageId);
}

export async function deleteMessage(conversationId: string, messageId: string): Promise<void> {
  await chatApi.hide(conversationId, messageId);
  hideLocally(conversationId, messageId);
}

const reading = new Set<string>();

/** Marks everything in the conversation read (the page is open and visible). */
export async function markRead(conversationId: string): Promise<void> {
  const conversation = conversationById(conversationId);
  if (!conversation || conversation.last_read_seq >= conversation.last_seq || reading.has(conversationId)) return;
  const seq = conversation.last_seq;
  reading.add(conversationId);
  patchConversation(conversationId, (c) => withUnread({ ...c, last_read_seq: Math.max(c.last_read_seq, seq) }));
  try {
    await chatApi.markRead(conversationId, seq);
  } catch {
    // The next visit marks it again.
  } finally {
    reading.delete(conversationId);
  }
}

// --- conversations and groups -----------------------------------------------------------------

export async function openDirect(peerId: string): Promise<Conversation> {
  const conversation = await chatApi.openDirect(peerId);
  if (!conversationById(conversation.id)) upsert(conversation);
  return conversation;
}

export async function createGroup(body: GroupCreate): Promise<Conversation> {
  const conversation = await chatApi.createGroup(body);
  upsert(conversation);
  return conversation;
}

export async function joinGroup(token: string): Promise<Conversation> {
  const conversation = await chatApi.join(token);
  upsert(conversation);
  return conversation;
}

export async function updateGroup(id: string, body: { name?: string; announcement?: string }): Promise<void> {
  upsert(await chatApi.updateGroup(id, body));
}

export async function updateSettings(id: string, body: { muted?: boolean; pinned?: boolean }): Promise<void> {
  upsert(await chatApi.updateSettings(id, body));
}

export async function inviteMembers(id: string, accountIds: string[]): Promise<void> {
  await chatApi.invite(id, accountIds);
  await loadMembers(id);
}

export async function removeMembers(id: string, accountIds: string[]): Promise<void> {
  for (const accountId of accountIds) await chatApi.removeMember(id, accountId);
  await loadMembers(id);
}

export async function leaveGroup(id: string): Promise<void> {
  await chatApi.removeMember(id, myId);
  removeConversation(id);
}

export async function transferOwnership(id: string, accountId: string): Promise<void> {
  await chatApi.transferOwnership(id, accountId);
  await Promise.all([loadMembers(id), fetchConversation(id)]);
}

export async function setAdmin(id: string, accountId: string, admin: boolean): Promise<void> {
  await chatApi.setAdmin(id, accountId, admin);
  await loadMembers(id);
}

// --- lifecycle -------------------------------------------------------------------------------------

/** Loads the list and connects the socket for `accountId`; returns the stopper. */
export function startChat(accountId: string, token: string): () => void {
  myId = accountId;
  myToken = token;
  realtimeStarted = false;
  unsubscribe?.();
  unsubscribe = onRealtimeEvent(applyEvent);
  void loadConversations();
  return stopChat;
}

export function stopChat(): void {
  window.clearTimeout(listRetryTimer);
  myId = "";
  unsubscribe?.();
  unsubscribe = null;
  stopRealtime();
  realtimeStarted = false;
  batch(() => {
    conversations.value = null;
    conversationsError.value = null;
    members.value = new Map();
    typing.value = new Map();
  });
  for (const found of threads.values()) {
    for (const outgoing of found.peek().outgoing) if (outgoing.media) URL.revokeObjectURL(outgoing.media.localUrl);
  }
  threads.clear();
  mediaQueues.clear();
}

/** Whether an error is worth retrying with the same message (the network, not the message). */
export function isRetryable(error: unknown): boolean {
  return !(error instanceof ApiError) || error.status === 0 || error.status === 429 || error.status >= 500;
}
