// The identity store: the session token, the signed-in account and its devices.

import { batch, signal } from "@preact/signals";
import { UNAUTHORIZED_EVENT } from "../api/client";
import { readToken, writeToken } from "../api/token";
import type { Device, Me, MePatch, SessionCreated } from "../api/types";
import { isEvent } from "../realtime/events";
import { onRealtimeEvent } from "../realtime/store";
import * as identityApi from "./api";

export const token = signal<string | null>(readToken());
export const me = signal<Me | null>(null);
/** The error of the last failed GET /v1/me, for the boot screen. */
export const meError = signal<unknown>(null);
export const devices = signal<Device[] | null>(null);
/** A one-off notice for the sign-in screen, e.g. after deleting the account. */
export const signInNotice = signal<"deleted" | null>(null);

export function startSession(created: SessionCreated): void {
  writeToken(created.token);
  batch(() => {
    token.value = created.token;
    me.value = created.account;
    meError.value = null;
    devices.value = null;
    signInNotice.value = null;
  });
}

/** Forgets the session locally; the server side is the caller's business. */
export function endSession(): void {
  writeToken(null);
  batch(() => {
    token.value = null;
    me.value = null;
    meError.value = null;
    devices.value = null;
  });
}

export async function loadMe(): Promise<void> {
  meError.value = null;
  try {
    me.value = await identityApi.getMe();
  } catch (error) {
    if (token.value !== null) meError.value = error;
  }
}

export async function updateMe(patch: MePatch): Promise<Me> {
  const updated = await identityApi.patchMe(patch);
  me.value = updated;
  return updated;
}

export async function uploadAvatar(file: File): Promise<void> {
  me.value = await identityApi.putAvatar(file);
}

export async function removeAvatar(): Promise<void> {
  me.value = await identityApi.deleteAvatar();
}

/** Every signed-in device, following the pages to the end. */
export async function loadDevices(): Promise<void> {
  const all: Device[] = [];
  let cursor: string | null = null;
  do {
    const page = await identityApi.listDevices(cursor);
    all.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor !== null);
  devices.value = all;
}

export async function signOutDevice(id: string): Promise<void> {
  await identityApi.deleteDevice(id);
  devices.value = (devices.value ?? []).filter((device) => device.id !== id);
}

export async function signOutEverywhere(): Promise<void> {
  await identityApi.deleteAllDevices();
  endSession();
}

/** Signs this device out; the local session ends even if the server cannot be reached. */
export async function signOut(): Promise<void> {
  try {
    await identityApi.deleteSession();
  } catch {
    // A revoked or unreachable session is signed out all the same.
  } finally {
    endSession();
  }
}

export async function deleteAccount(phone: string): Promise<void> {
  await identityApi.requestDeletion({ phone });
  endSession();
  signInNotice.value = "deleted";
}

/** Ends the session whenever the API answers 401; returns the disposer. */
export function bindUnauthorized(): () => void {
  const onUnauthorized = () => endSession();
  window.addEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
  return () => window.removeEventListener(UNAUTHORIZED_EVENT, onUnauthorized);
}

/** Keeps the device list in step when devices are signed out elsewhere; returns the stopper. */
export function followDeviceEvents(): () => void {
  return onRealtimeEvent((event) => {
    if (!isEvent(event, "session.revoked") || devices.value === null) return;
    const revoked = event.data.device_ids;
    devices.value = revoked === null ? [] : devices.value.filter((device) => !revoked.includes(device.id));
  });
}
