// Linked cards and the bank orders being watched, kept current by `bank_order.updated`
// (with the balance, which a settled order changes).

import { signal } from "@preact/signals";
import type { BankCard, BankOrder, BankOrderStatus } from "../../api/types";
import type { RealtimeEvent } from "../../realtime/events";
import { onRealtimeEvent } from "../../realtime/store";
import { loadWallet, wallet } from "../store";
import * as bankApi from "./api";

export const cards = signal<BankCard[] | null>(null);
export const orders = signal<ReadonlyMap<string, BankOrder>>(new Map());

/** What the server sends when an order's status changes (wallet/bank/orders.py). */
interface BankOrderUpdated {
  bank_order_id: string;
  status: BankOrderStatus;
}

function isBankOrderUpdate(event: RealtimeEvent): event is RealtimeEvent & { data: BankOrderUpdated } {
  return event.type === "bank_order.updated" && typeof event.data["bank_order_id"] === "string";
}

export async function loadCards(): Promise<BankCard[]> {
  const loaded = await bankApi.listCards();
  cards.value = loaded;
  return loaded;
}

export async function linkCard(...args: Parameters<typeof bankApi.linkCard>): Promise<BankCard> {
  const card = await bankApi.linkCard(...args);
  cards.value = [card, ...(cards.value ?? [])];
  return card;
}

export async function removeCard(id: string): Promise<void> {
  await bankApi.removeCard(id);
  cards.value = (cards.value ?? []).filter((card) => card.id !== id);
}

export function rememberOrder(order: BankOrder): void {
  const next = new Map(orders.value);
  next.set(order.id, order);
  orders.value = next;
}

export async function refreshOrder(id: string): Promise<BankOrder> {
  const order = await bankApi.getOrder(id);
  rememberOrder(order);
  return order;
}

function applyBankEvent(event: RealtimeEvent): void {
  if (!isBankOrderUpdate(event)) return;
  const { bank_order_id: id, status } = event.data;
  const known = orders.value.get(id);
  if (known) rememberOrder({ ...known, status });
  void refreshOrder(id).catch(() => undefined);
  if (wallet.value) void loadWallet().catch(() => undefined);
}

let unsubscribe: (() => void) | null = null;

export function startBank(): () => void {
  unsubscribe?.();
  unsubscribe = onRealtimeEvent(applyBankEvent);
  return stopBank;
}

export function stopBank(): void {
  unsubscribe?.();
  unsubscribe = null;
  cards.value = null;
  orders.value = new Map();
}
