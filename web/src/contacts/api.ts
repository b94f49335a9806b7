// The contacts endpoints of the Plaza API (and the public profile from identity).

import { api } from "../api/client";
import { readToken } from "../api/token";
import type {
  ContactCard,
  Friend,
  FriendRequest,
  FriendRequestCreate,
  FriendRequestPage,
  FriendUpdate,
  Privacy,
  PrivacyUpdate,
  Profile,
  TagCount,
} from "../api/types";

const path = encodeURIComponent;

export function listFriends(): Promise<Friend[]> {
  return api.get<Friend[]>("/v1/contacts");
}

export function search(query: string): Promise<ContactCard> {
  return api.get<ContactCard>(`/v1/contacts/search?q=${path(query)}`);
}

export function getByPlazaId(plazaId: string): Promise<ContactCard> {
  return api.get<ContactCard>(`/v1/contacts/by-plaza-id/${path(plazaId)}`);
}

export function getProfile(accountId: string): Promise<Profile> {
  return api.get<Profile>(`/v1/accounts/${path(accountId)}`);
}

export function listRequests(cursor: string | null = null): Promise<FriendRequestPage> {
  const query = cursor === null ? "" : `?cursor=${path(cursor)}`;
  return api.get<FriendRequestPage>(`/v1/contacts/requests${query}`);
}

export function sendRequest(body: FriendRequestCreate): Promise<FriendRequest> {
  return api.post<FriendRequest>("/v1/contacts/requests", body);
}

export function acceptRequest(id: string): Promise<Friend> {
  return api.post<Friend>(`/v1/contacts/requests/${path(id)}/accept`, {});
}

export function declineRequest(id: string): Promise<void> {
  return api.post<void>(`/v1/contacts/requests/${path(id)}/decline`);
}

export function updateFriend(accountId: string, body: FriendUpdate): Promise<Friend> {
  return api.patch<Friend>(`/v1/contacts/${path(accountId)}`, body);
}

export function removeFriend(accountId: string): Promise<void> {
  return api.delete(`/v1/contacts/${path(accountId)}`);
}

export function listTags(): Promise<TagCount[]> {
  return api.get<TagCount[]>("/v1/contacts/tags");
}

export function listBlocks(): Promise<Profile[]> {
  return api.get<Profile[]>("/v1/contacts/blocks");
}

export function block(accountId: string): Promise<void> {
  return api.post<void>("/v1/contacts/blocks", { account_id: accountId });
}

export function unblock(accountId: string): Promise<void> {
  return api.delete(`/v1/contacts/blocks/${path(accountId)}`);
}

export function getPrivacy(): Promise<Privacy> {
  return api.get<Privacy>("/v1/contacts/privacy");
}

export function updatePrivacy(body: PrivacyUpdate): Promise<Privacy> {
  return api.patch<Privacy>("/v1/contacts/privacy", body);
}

/** My QR code as a blob URL: the PNG needs the bearer token, so an <img src> cannot fetch it. */
export async function myQrCodeUrl(): Promise<string> {
  const token = readToken();
  const response = await fetch("/v1/contacts/qr", {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
    credentials: "same-origin",
  });
  if (!response.ok) throw new Error(`${response.status}`);
  return URL.createObjectURL(await response.blob());
}
