// The types of the Plaza HTTP API, under the names the client uses. They are
// aliases of schema.gen.ts, which `make openapi` generates from the server's
// OpenAPI document, so `tsc` fails wherever the client and the server disagree.

import type * as api from "./schema.gen";

/** An ISO 8601 UTC timestamp, e.g. "2025-01-31T08:00:00Z". */
export type IsoTime = string;

export type Problem = api.Problem;
export type Environment = api.Environment;
export type Meta = api.Meta;

export type CodeRequest = api.CodeRequest;
export type CodeSent = api.CodeSent;
export type SessionRequest = api.SignIn;
export type SessionCreated = api.SignedIn;
export type Avatar = api.Avatar;
export type Me = api.Me;
export type MePatch = api.ProfileUpdate;
export type Device = api.Device;
export type DeviceList = api.Page_Device_;
export type DeletionRequest = api.AccountDeletion;
