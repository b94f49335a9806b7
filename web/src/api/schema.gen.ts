// Generated from Plaza's OpenAPI document by `make openapi`. Do not edit.
/* eslint-disable */

export interface AccountDeletion {
  /** The account's phone number, typed again to confirm. */
  phone: string;
}

export interface Avatar {
  /** URL of the re-encoded upload. */
  original: string;
  /** URL of a 132 px square thumbnail. */
  small: string;
  /** URL of a 640 px square thumbnail. */
  medium: string;
}

export interface Body_set_avatar_v1_me_avatar_put {
  /** A PNG, JPEG or WebP image up to 5 MB. */
  file: Blob;
}

export interface CodeRequest {
  /** The phone number in E.164 form, such as +8613800138000. */
  phone: string;
}

export interface CodeSent {
  /** The number the code went to, normalised to E.164. */
  phone: string;
  expires_at: string;
  code_length: number;
}

export interface Device {
  id: string;
  name: string;
  created_at: string;
  last_seen_at: string;
  /** True for the device making this request. */
  current: boolean;
}

export type Environment = "dev" | "test" | "prod";

export interface FieldProblem {
  field: string | null;
  message: string;
}

export interface Health {
  status: string;
}

export interface Me {
  id: string;
  phone: string;
  plaza_id: string;
  display_name: string;
  bio: string;
  region: string;
  avatar: Avatar | null;
  /** When the Plaza ID may next be changed; null when it may be now. */
  plaza_id_changeable_at: string | null;
  /** False until a display name is set. */
  profile_complete: boolean;
  created_at: string;
}

export interface Meta {
  name: string;
  version: string;
  environment: Environment;
  /** Where sign-in codes are shown on a development server; null elsewhere. */
  dev_outbox: string | null;
}

export interface Page_Device_ {
  items: Device[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  next_cursor: string | null;
}

/** RFC 9457 problem details; clients switch on ``code``. */
export interface Problem {
  /** urn:plaza:problem:<code> */
  type: string;
  title: string;
  status: number;
  /** A human explanation of this occurrence. */
  detail: string;
  /** Stable machine-readable code, such as identity.code_invalid. */
  code: string;
  /** The request field at fault, if any. */
  field: string | null;
  /** Quote it when reporting a problem. */
  request_id: string | null;
  /** Every validation error, on validation problems only. */
  errors?: FieldProblem[] | null;
}

/** What others see of an account. */
export interface Profile {
  id: string;
  /** Empty for a deleted account. */
  plaza_id: string;
  /** Empty for a deleted account. */
  display_name: string;
  bio: string;
  region: string;
  avatar: Avatar | null;
  /** True once the account was deleted. */
  deleted: boolean;
}

export interface ProfileUpdate {
  display_name?: string | null;
  plaza_id?: string | null;
  bio?: string | null;
  region?: string | null;
}

export interface SignIn {
  phone: string;
  /** The 6-digit code from the SMS. */
  code: string;
  /** Shown in the device list, such as 'Chrome on Mac'. */
  device_name?: string;
}

export interface SignedIn {
  /** Bearer token for the Authorization header. */
  token: string;
  account: Me;
  device: Device;
  /** True when this sign-in created the account. */
  created: boolean;
}
