// The Moments types of the Plaza HTTP API under the names the client uses: aliases of
// schema.gen.ts (`make openapi`), so `tsc` fails wherever the client and the server disagree.

import type * as api from "../api/schema.gen";

export type AccountRef = api.AccountRef;
export type Post = api.Post;
export type Photo = Post["photos"][number];
export type PostLink = NonNullable<Post["link"]>;
export type Audience = NonNullable<Post["audience"]>;
export type AudienceKind = Audience["kind"];
export type Comment = Post["comments"][number];
export type PostCreate = api.PostCreate;
export type MomentsPage = api.Page_Post_;
export type MomentsCommentCreate = api.PostCommentCreate;

export type MomentsNotification = api.MomentNotification;
export type MomentsNotificationPage = api.Page_MomentNotification_;
export type MomentsBadge = api.MomentBadge;

export type MomentsSettings = api.MomentSettings;
export type MomentsSettingsUpdate = api.MomentSettingsUpdate;
export type FriendsSee = MomentsSettings["friends_see"];
export type MomentsPersonSettings = api.PersonChoices;
export type MomentsPersonSettingsUpdate = api.PersonChoicesUpdate;

export type Status = api.MomentStatus;
export type StatusUpdate = api.MomentStatusUpdate;
