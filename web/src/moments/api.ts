// The Moments endpoints of the Plaza API (/v1/moments): posts, timeline and albums, likes
// and comments, notifications and the badge, privacy settings and 24-hour statuses.

import { api } from "../api/client";
import type {
  MomentsBadge,
  MomentsCommentCreate,
  MomentsNotificationPage,
  MomentsPage,
  MomentsPersonSettings,
  MomentsPersonSettingsUpdate,
  MomentsSettings,
  MomentsSettingsUpdate,
  Post,
  PostCreate,
  Status,
  StatusUpdate,
} from "./types";
import { upload } from "../chat/api";

const path = encodeURIComponent;
const BASE = "/v1/moments";

function pageQuery(cursor: string | null, limit?: number): string {
  const query = new URLSearchParams();
  if (cursor !== null) query.set("cursor", cursor);
  if (limit !== undefined) query.set("limit", String(limit));
  const text = query.toString();
  return text ? `?${text}` : "";
}

export function timeline(cursor: string | null = null): Promise<MomentsPage> {
  return api.get<MomentsPage>(`${BASE}/timeline${pageQuery(cursor)}`);
}

export function album(accountId: string, cursor: string | null = null, limit?: number): Promise<MomentsPage> {
  return api.get<MomentsPage>(`${BASE}/accounts/${path(accountId)}/posts${pageQuery(cursor, limit)}`);
}

export function getPost(postId: string): Promise<Post> {
  return api.get<Post>(`${BASE}/posts/${path(postId)}`);
}

export function createPost(body: PostCreate): Promise<Post> {
  return api.post<Post>(`${BASE}/posts`, body);
}

export function deletePost(postId: string): Promise<void> {
  return api.delete(`${BASE}/posts/${path(postId)}`);
}

export function like(postId: string): Promise<Post> {
  return api.post<Post>(`${BASE}/posts/${path(postId)}/likes`, {});
}

export function unlike(postId: string): Promise<Post> {
  return api.delete<Post>(`${BASE}/posts/${path(postId)}/likes`);
}

export function comment(postId: string, body: MomentsCommentCreate): Promise<Post> {
  return api.post<Post>(`${BASE}/posts/${path(postId)}/comments`, body);
}

export function deleteComment(postId: string, commentId: string): Promise<Post> {
  return api.delete<Post>(`${BASE}/posts/${path(postId)}/comments/${path(commentId)}`);
}

export function notifications(cursor: string | null = null): Promise<MomentsNotificationPage> {
  return api.get<MomentsNotificationPage>(`${BASE}/notifications${pageQuery(cursor)}`);
}

export function markNotificationsRead(): Promise<void> {
  return api.post<void>(`${BASE}/notifications/read`);
}

export function badge(): Promise<MomentsBadge> {
  return api.get<MomentsBadge>(`${BASE}/badge`);
}

export function getSettings(): Promise<MomentsSettings> {
  return api.get<MomentsSettings>(`${BASE}/settings`);
}

export function updateSettings(body: MomentsSettingsUpdate): Promise<MomentsSettings> {
  return api.patch<MomentsSettings>(`${BASE}/settings`, body);
}

export function getPersonSettings(accountId: string): Promise<MomentsPersonSettings> {
  return api.get<MomentsPersonSettings>(`${BASE}/people/${path(accountId)}`);
}

export function updatePersonSettings(accountId: string, body: MomentsPersonSettingsUpdate): Promise<MomentsPersonSettings> {
  return api.patch<MomentsPersonSettings>(`${BASE}/people/${path(accountId)}`, body);
}

export function setStatus(body: StatusUpdate): Promise<Status> {
  return api.put<Status>(`${BASE}/status`, { json: body });
}

export function clearStatus(): Promise<void> {
  return api.delete(`${BASE}/status`);
}

export function getStatus(accountId: string): Promise<Status | null> {
  return api.get<Status | null>(`${BASE}/accounts/${path(accountId)}/status`);
}

export function statuses(): Promise<Status[]> {
  return api.get<Status[]>(`${BASE}/statuses`);
}

/** Uploads a photo for a post or a status (the server re-encodes it to WebP, stripping EXIF). */
export function uploadPhoto(file: File, onProgress: (fraction: number) => void) {
  return upload("image", file, file.name, { onProgress });
}
