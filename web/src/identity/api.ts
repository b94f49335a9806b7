// The identity endpoints of the Plaza API.

import { api } from "../api/client";
import type {
  CodeSent,
  DeletionRequest,
  DeviceList,
  Me,
  MePatch,
  SessionCreated,
  SessionRequest,
} from "../api/types";

export function requestCode(phone: string): Promise<CodeSent> {
  return api.post<CodeSent>("/v1/auth/codes", { phone }, { auth: false });
}

export function createSession(body: SessionRequest): Promise<SessionCreated> {
  return api.post<SessionCreated>("/v1/auth/sessions", body, { auth: false });
}

export function deleteSession(): Promise<void> {
  return api.delete("/v1/auth/session");
}

export function getMe(): Promise<Me> {
  return api.get<Me>("/v1/me");
}

export function patchMe(patch: MePatch): Promise<Me> {
  return api.patch<Me>("/v1/me", patch);
}

export function putAvatar(file: File): Promise<Me> {
  const form = new FormData();
  form.append("file", file, file.name);
  return api.put<Me>("/v1/me/avatar", { form });
}

export function deleteAvatar(): Promise<Me> {
  return api.delete<Me>("/v1/me/avatar");
}

export function listDevices(cursor: string | null = null): Promise<DeviceList> {
  const query = cursor === null ? "" : `?cursor=${encodeURIComponent(cursor)}`;
  return api.get<DeviceList>(`/v1/me/devices${query}`);
}

export function deleteDevice(id: string): Promise<void> {
  return api.delete(`/v1/me/devices/${encodeURIComponent(id)}`);
}

export function deleteAllDevices(): Promise<void> {
  return api.delete("/v1/me/devices");
}

export function requestDeletion(body: DeletionRequest): Promise<void> {
  return api.post<void>("/v1/me/deletion", body);
}
