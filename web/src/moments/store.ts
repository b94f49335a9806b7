// The Moments store: the Discover badge (unread notifications, a friend's new post) and my
// friends' 24-hour statuses, refreshed on the `moments.notification` and `moments.post`
// signals while signed in.

import { computed, signal } from "@preact/signals";
import type { RealtimeEvent } from "../realtime/events";
import { onRealtimeEvent } from "../realtime/store";
import * as momentsApi from "./api";
import type { MomentsBadge, Status } from "./types";

const NOTIFICATION_SIGNAL = "moments.notification";
const POST_SIGNAL = "moments.post";

export const badge = signal<MomentsBadge | null>(null);
/** Current statuses by account id (friends and me), for profiles and chat headers. */
export const statuses = signal<ReadonlyMap<string, Status>>(new Map());

export const unreadNotifications = computed(() => badge.value?.unread_notifications ?? 0);

export async function refreshBadge(): Promise<void> {
  badge.value = await momentsApi.badge();
}

export async function refreshStatuses(): Promise<void> {
  const list = await momentsApi.statuses();
  statuses.value = new Map(list.map((status) => [status.account_id, status]));
}

/** Someone's status while it lasts (the server drops it after 24 h; so does this). */
export function statusOf(accountId: string, now: number = Date.now()): Status | null {
  const status = statuses.value.get(accountId);
  if (!status || new Date(status.expires_at).getTime() <= now) return null;
  return status;
}

export function rememberStatus(accountId: string, status: Status | null): void {
  const next = new Map(statuses.value);
  if (status) next.set(accountId, status);
  else next.delete(accountId);
  statuses.value = next;
}

function onEvent(event: RealtimeEvent): void {
  if (event.type === NOTIFICATION_SIGNAL || event.type === POST_SIGNAL) void refreshBadge().catch(() => undefined);
}

export function startMoments(): () => void {
  void refreshBadge().catch(() => undefined);
  void refreshStatuses().catch(() => undefined);
  const unsubscribe = onRealtimeEvent(onEvent);
  return () => {
    unsubscribe();
    badge.value = null;
    statuses.value = new Map();
  };
}
