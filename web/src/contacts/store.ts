// The contacts store: friends, friend requests, blocks, the cards of people looked at,
// and a cache of public profiles that chat uses for names and avatars. Realtime events
// (a request received, a friend added or removed) keep it current while signed in.

import { computed, signal } from "@preact/signals";
import type { ContactCard, Friend, FriendRequest, FriendUpdate, Profile, Relation } from "../api/types";
import { me } from "../identity/store";
import { isEvent, type RealtimeEvent } from "../realtime/events";
import { onRealtimeEvent } from "../realtime/store";
import * as contactsApi from "./api";

export const friends = signal<Friend[] | null>(null);
export const requests = signal<FriendRequest[] | null>(null);
export const blocks = signal<Profile[] | null>(null);
/** Public profiles by account id: friends, chat peers and members, cards looked at. */
export const people = signal<ReadonlyMap<string, Profile>>(new Map());
/** Contact cards by account id, as last seen (search, Plaza ID or composed). */
export const cards = signal<ReadonlyMap<string, ContactCard>>(new Map());

export const friendsById = computed(() => new Map((friends.value ?? []).map((friend) => [friend.account.id, friend])));

/** Incoming requests still waiting for an answer: the "New friends" badge. */
export const pendingIncoming = computed(
  () => (requests.value ?? []).filter((request) => request.direction === "incoming" && request.status === "pending").length,
);

export function rememberPeople(profiles: Iterable<Profile | null | undefined>): void {
  let next: Map<string, Profile> | null = null;
  for (const profile of profiles) {
    if (!profile) continue;
    const known = (next ?? people.value).get(profile.id);
    if (known && JSON.stringify(known) === JSON.stringify(profile)) continue;
    next ??= new Map(people.value);
    next.set(profile.id, profile);
  }
  if (next) people.value = next;
}

const inFlight = new Set<string>();
const missing = new Set<string>();

/** Fetches a profile once if it is not known yet; names show as "…" meanwhile. */
export function ensurePerson(accountId: string): void {
  if (people.peek().has(accountId) || inFlight.has(accountId) || missing.has(accountId)) return;
  inFlight.add(accountId);
  contactsApi
    .getProfile(accountId)
    .then((profile) => rememberPeople([profile]))
    .catch(() => missing.add(accountId))
    .finally(() => inFlight.delete(accountId));
}

export function personOrNull(accountId: string): Profile | null {
  return people.value.get(accountId) ?? friendsById.value.get(accountId)?.account ?? null;
}

/** The name I see for someone: my remark for a friend, else their display name ("" while unknown). */
export function nameOf(accountId: string): string {
  const friend = friendsById.value.get(accountId);
  if (friend) return friend.remark || friend.account.display_name;
  const profile = people.value.get(accountId);
  if (!profile) {
    ensurePerson(accountId);
    return "";
  }
  return profile.display_name;
}

function rememberCard(card: ContactCard): void {
  const next = new Map(cards.value);
  next.set(card.id, card);
  cards.value = next;
  rememberPeople([card]);
}

function patchCard(accountId: string, patch: Partial<ContactCard>): void {
  const card = cards.value.get(accountId);
  if (card) rememberCard({ ...card, ...patch });
}

export async function loadFriends(): Promise<void> {
  const list = await contactsApi.listFriends();
  friends.value = list;
  rememberPeople(list.map((friend) => friend.account));
}

/** Every friend request, following the pages to the end. */
export async function loadRequests(): Promise<void> {
  const all: FriendRequest[] = [];
  let cursor: string | null = null;
  do {
    const page = await contactsApi.listRequests(cursor);
    all.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor !== null);
  requests.value = all;
  rememberPeople(all.flatMap((request) => [request.from, request.to]));
}

export async function loadBlocks(): Promise<void> {
  blocks.value = await contactsApi.listBlocks();
}

function replaceRequest(updated: FriendRequest): void {
  const rest = (requests.value ?? []).filter((request) => request.id !== updated.id);
  requests.value = [updated, ...rest];
}

export async function search(query: string): Promise<ContactCard> {
  const card = await contactsApi.search(query);
  rememberCard(card);
  return card;
}

export async function loadCardByPlazaId(plazaId: string): Promise<ContactCard> {
  const card = await contactsApi.getByPlazaId(plazaId);
  rememberCard(card);
  return card;
}

function relationOf(accountId: string): Relation {
  if (accountId === me.value?.id) return "self";
  if (friendsById.value.has(accountId)) return "friend";
  const open = (requests.value ?? []).find(
    (request) =>
      request.status === "pending" && (request.direction === "incoming" ? request.from.id : request.to.id) === accountId,
  );
  if (!open) return "none";
  return open.direction === "incoming" ? "request_received" : "request_sent";
}

/** Someone's card, put together from their profile and my friends, requests and blocks. */
export async function loadCard(accountId: string): Promise<ContactCard> {
  const [profile] = await Promise.all([
    contactsApi.getProfile(accountId),
    friends.value === null ? loadFriends() : Promise.resolve(),
    requests.value === null ? loadRequests() : Promise.resolve(),
    loadBlocks(),
  ]);
  const relation = relationOf(accountId);
  const card: ContactCard = {
    ...profile,
    relation,
    remark: relation === "friend" ? (friendsById.value.get(accountId)?.remark ?? "") : null,
    blocked: (blocks.value ?? []).some((blocked) => blocked.id === accountId),
  };
  rememberCard(card);
  return card;
}

/** The request this person sent me and I have not answered, if any. */
export function incomingRequestFrom(accountId: string): FriendRequest | undefined {
  return (requests.value ?? []).find(
    (request) => request.direction === "incoming" && request.status === "pending" && request.from.id === accountId,
  );
}

export async function sendFriendRequest(to: string, greeting: string): Promise<FriendRequest> {
  const request = await contactsApi.sendRequest({ to, greeting });
  replaceRequest(request);
  if (request.status === "accepted") {
    await loadFriends();
    patchCard(to, { relation: "friend", remark: "" });
  } else {
    patchCard(to, { relation: "request_sent" });
  }
  return request;
}

export async function acceptRequest(request: FriendRequest): Promise<void> {
  const friend = await contactsApi.acceptRequest(request.id);
  replaceRequest({ ...request, status: "accepted" });
  friends.value = [...(friends.value ?? []).filter((f) => f.account.id !== friend.account.id), friend];
  rememberPeople([friend.account]);
  patchCard(friend.account.id, { relation: "friend", remark: friend.remark });
  void loadFriends();
}

export async function declineRequest(request: FriendRequest): Promise<void> {
  await contactsApi.declineRequest(request.id);
  replaceRequest({ ...request, status: "declined" });
  patchCard(request.from.id, { relation: "none" });
}

export async function updateFriend(accountId: string, update: FriendUpdate): Promise<void> {
  const friend = await contactsApi.updateFriend(accountId, update);
  friends.value = (friends.value ?? []).map((f) => (f.account.id === accountId ? friend : f));
  patchCard(accountId, { remark: friend.remark });
}

export async function deleteFriend(accountId: string): Promise<void> {
  await contactsApi.removeFriend(accountId);
  friends.value = (friends.value ?? []).filter((f) => f.account.id !== accountId);
  patchCard(accountId, { relation: "none", remark: null });
}

export async function setBlocked(accountId: string, blocked: boolean): Promise<void> {
  if (blocked) await contactsApi.block(accountId);
  else await contactsApi.unblock(accountId);
  patchCard(accountId, { blocked });
  await Promise.all([loadFriends(), loadBlocks(), loadRequests()]);
}

// --- realtime --------------------------------------------------------------------------------

function quietly(load: () => Promise<void>): void {
  load().catch(() => undefined);
}

export function applyContactEvent(event: RealtimeEvent): void {
  if (isEvent(event, "contact_request.received")) {
    // The event carries ids only: fetch the list, which brings the badge up to date.
    quietly(loadRequests);
  } else if (isEvent(event, "contact.added")) {
    const accountId = event.data.account_id;
    patchCard(accountId, { relation: "friend", remark: cards.value.get(accountId)?.remark ?? "" });
    quietly(loadFriends);
    // A request of mine or theirs is answered now.
    if (requests.value !== null) quietly(loadRequests);
  } else if (isEvent(event, "contact.removed")) {
    const accountId = event.data.account_id;
    if (friends.value !== null) friends.value = friends.value.filter((f) => f.account.id !== accountId);
    patchCard(accountId, { relation: "none", remark: null });
  }
}

let unsubscribe: (() => void) | null = null;

/** Loads the friend requests (the New friends badge) and follows contact events; returns the stopper. */
export function startContacts(): () => void {
  unsubscribe?.();
  unsubscribe = onRealtimeEvent(applyContactEvent);
  quietly(loadRequests);
  return stopContacts;
}

export function stopContacts(): void {
  unsubscribe?.();
  unsubscribe = null;
  resetContacts();
}

/** Forgets everything, on sign-out. */
export function resetContacts(): void {
  friends.value = null;
  requests.value = null;
  blocks.value = null;
  people.value = new Map();
  cards.value = new Map();
  missing.clear();
}
