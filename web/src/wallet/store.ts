// The wallet (balance, real name, PIN) and the transfers seen in chats, cached per id and
// kept current by the `transfer.updated` event.

import { signal } from "@preact/signals";
import type { Transfer, Wallet } from "../api/types";
import { isEvent, type RealtimeEvent } from "../realtime/events";
import { onRealtimeEvent } from "../realtime/store";
import * as walletApi from "./api";

export const wallet = signal<Wallet | null>(null);
export const transfers = signal<ReadonlyMap<string, Transfer>>(new Map());

const loading = new Set<string>();

export async function loadWallet(): Promise<Wallet> {
  const loaded = await walletApi.getWallet();
  wallet.value = loaded;
  return loaded;
}

export function setWallet(value: Wallet): void {
  wallet.value = value;
}

export function rememberTransfer(transfer: Transfer): void {
  const next = new Map(transfers.value);
  next.set(transfer.id, transfer);
  transfers.value = next;
}

async function fetchTransfer(id: string): Promise<void> {
  if (loading.has(id)) return;
  loading.add(id);
  try {
    rememberTransfer(await walletApi.getTransfer(id));
  } catch {
    // The card keeps what it shows; opening it tries again.
  } finally {
    loading.delete(id);
  }
}

/** Loads a transfer once; cards read it from `transfers`. */
export function ensureTransfer(id: string): void {
  if (!transfers.value.has(id)) void fetchTransfer(id);
}

export function refreshTransfer(id: string): void {
  void fetchTransfer(id);
}

export async function acceptTransfer(id: string): Promise<Transfer> {
  const transfer = await walletApi.acceptTransfer(id);
  rememberTransfer(transfer);
  if (wallet.value) void loadWallet().catch(() => undefined);
  return transfer;
}

export async function returnTransfer(id: string): Promise<Transfer> {
  const transfer = await walletApi.returnTransfer(id);
  rememberTransfer(transfer);
  return transfer;
}

export function applyWalletEvent(event: RealtimeEvent): void {
  if (!isEvent(event, "transfer.updated")) return;
  const { transfer_id: id, status } = event.data;
  const known = transfers.value.get(id);
  if (known) rememberTransfer({ ...known, status });
  refreshTransfer(id);
  if (wallet.value) void loadWallet().catch(() => undefined);
}

let unsubscribe: (() => void) | null = null;

export function startWallet(): () => void {
  unsubscribe?.();
  unsubscribe = onRealtimeEvent(applyWalletEvent);
  return stopWallet;
}

export function stopWallet(): void {
  unsubscribe?.();
  unsubscribe = null;
  wallet.value = null;
  transfers.value = new Map();
  loading.clear();
}
