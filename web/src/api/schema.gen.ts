// Generated from Plaza's OpenAPI document by `make openapi`. Do not edit.
/* eslint-disable */

export interface AccountDeletion {
  /** The account's phone number, typed again to confirm. */
  phone: string;
}

export interface Amount {
  /** In the currency's minor unit (fen, cents). */
  amount: number;
  /** ISO 4217, such as CNY. */
  currency: string;
}

export interface Avatar {
  /** URL of the re-encoded upload. */
  original: string;
  /** URL of a 132 px square thumbnail. */
  small: string;
  /** URL of a 640 px square thumbnail. */
  medium: string;
}

export interface BlockCreate {
  /** The account to block. */
  account_id: string;
}

export interface Body_set_avatar_v1_me_avatar_put {
  /** A PNG, JPEG or WebP image up to 5 MB. */
  file: Blob;
}

export interface Card {
  /** The person whose contact card this is. */
  account_id: string;
}

export interface ChatSettingsOut {
  read_receipts: boolean;
}

export interface ChatSettingsUpdate {
  read_receipts: boolean;
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

/** Someone found by search, Plaza ID or QR code, as the caller sees them. */
export interface ContactCard {
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
  /** self, friend, request_sent or request_received (pending), or none. */
  relation: "self" | "friend" | "request_sent" | "request_received" | "none";
  /** Your remark for a friend; null for anyone else. */
  remark: string | null;
  /** True when you blocked this person. */
  blocked: boolean;
}

export interface ConversationList {
  /** Pinned first, then by latest message. */
  items: ConversationOut[];
  /** Start /v1/sync and the WebSocket from here. */
  sync_cursor: number;
}

/** One member's view of a conversation. */
export interface ConversationOut {
  id: string;
  kind: "direct" | "group";
  name: string;
  announcement: string;
  member_count: number;
  my_role: "owner" | "admin" | "member";
  muted: boolean;
  pinned: boolean;
  last_seq: number;
  last_read_seq: number;
  unread: number;
  last_message: MessageOut | null;
  /** The other person, in a direct conversation. */
  peer: Profile | null;
  /** How far the other person read; only when both turned read receipts on. */
  peer_read_seq: number | null;
  updated_at: string;
}

export interface Device {
  id: string;
  name: string;
  created_at: string;
  last_seen_at: string;
  /** True for the device making this request. */
  current: boolean;
}

export interface DirectOpen {
  peer_id: string;
}

export type Environment = "dev" | "test" | "prod";

export interface FieldProblem {
  field: string | null;
  message: string;
}

export interface Forward {
  message_ids: string[];
  conversation_ids: string[];
  /** Prefix of the forwarded copies' client_msg_id; makes a retry safe. */
  client_msg_id: string;
}

export interface Friend {
  account: Profile;
  /** Your private name for this friend; empty when unset. */
  remark: string;
  /** Your tags for this friend. */
  tags: string[];
  /** When you became friends. */
  since: string;
}

export interface FriendRequest {
  id: string;
  /** Who sent it. */
  from: Profile;
  /** Who it was sent to. */
  to: Profile;
  /** incoming when you received it, else outgoing. */
  direction: "incoming" | "outgoing";
  greeting: string;
  /** A sender sees a declined request as pending until it expires. */
  status: "pending" | "accepted" | "declined" | "expired";
  /** When it was last sent. */
  created_at: string;
  /** 10 days after it was last sent. */
  expires_at: string;
}

export interface FriendRequestCreate {
  /** The account to ask. */
  to: string;
  /** A short note shown with the request, such as 'I'm Alice from work'. */
  greeting?: string;
}

export interface FriendUpdate {
  /** Empty to clear; absent to keep. */
  remark?: string | null;
  /** Replaces the tags: up to 20, each 1-20 characters; absent to keep. */
  tags?: string[] | null;
}

export interface GroupCreate {
  name?: string;
  /** Friends to start the group with. */
  member_ids: string[];
}

export interface GroupUpdate {
  name?: string | null;
  announcement?: string | null;
}

export interface Health {
  status: string;
}

export interface Invite {
  account_ids: string[];
}

export interface Join {
  token: string;
}

export interface JoinLink {
  token: string;
  url: string;
  expires_at: string;
}

export interface Location {
  latitude: number;
  longitude: number;
  label?: string;
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

export interface MemberOut {
  account: Profile;
  role: "owner" | "admin" | "member";
  joined_at: string;
}

export interface MemberSettings {
  muted?: boolean | null;
  pinned?: boolean | null;
}

export interface MessageOut {
  id: string;
  conversation_id: string;
  seq: number;
  /** Null for system messages. */
  sender_id: string | null;
  client_msg_id: string | null;
  /** text, location, card, or system. */
  kind: string;
  /** Empty once recalled. */
  content: Record<string, unknown>;
  reply_to: ReplyPreview | null;
  mentions: string[];
  mention_all: boolean;
  created_at: string;
  recalled: boolean;
}

export interface MessagePage {
  /** Oldest first. */
  items: MessageOut[];
  /** Pass as before_seq for older messages; null at the beginning. */
  next_before_seq: number | null;
}

export interface MessageSend {
  /** Chosen by the client, unique per conversation: a retry returns the first send. */
  client_msg_id: string;
  /** text, image, file, voice, location or card. */
  kind: string;
  /** For kind=text: up to 5,000 characters. */
  text?: string | null;
  /** For image, file and voice: the id from POST /v1/media/uploads. */
  upload_id?: string | null;
  location?: Location | null;
  card?: Card | null;
  /** The id of the message this one quotes. */
  reply_to?: string | null;
  mentions?: string[];
  /** @all: group owner and admins only. */
  mention_all?: boolean;
}

export interface Meta {
  name: string;
  version: string;
  environment: Environment;
  /** Where sign-in codes are shown on a development server; null elsewhere. */
  dev_outbox: string | null;
}

export interface OwnerTransfer {
  account_id: string;
}

export interface Page_Device_ {
  items: Device[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  next_cursor: string | null;
}

export interface Page_FriendRequest_ {
  items: FriendRequest[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  next_cursor: string | null;
}

export interface PinChange {
  /** 6 digits; not one repeated digit or a straight run. */
  pin: string;
  /** Needed when a PIN is already set. */
  current_pin?: string | null;
}

export interface PinReset {
  /** From POST /v1/auth/codes to this account's phone. */
  code: string;
  id_number: string;
  pin: string;
}

export interface Privacy {
  /** Whether others can find you by phone number. */
  findable_by_phone: boolean;
}

export interface PrivacyUpdate {
  findable_by_phone?: boolean | null;
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

export interface ReadPosition {
  /** The latest seq this member has seen. */
  seq: number;
}

export interface RealNameVerification {
  name: string;
  /** ISO 3166 country that issued the identity number. */
  country?: string;
  id_number: string;
}

export interface ReplyPreview {
  id: string;
  seq: number;
  sender_id: string | null;
  kind: string;
  /** The start of the quoted text, or a label like [Location]. */
  preview: string;
}

export interface RequestAnswer {
  /** Your remark for the new friend. */
  remark?: string | null;
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

export interface SyncEvent {
  /** This account's event number; the next cursor. */
  seq: number;
  /** message.new, message.recalled, conversation.updated, ... */
  type: string;
  data: Record<string, unknown>;
  created_at: string;
}

export interface SyncPage {
  events: SyncEvent[];
  /** Pass back as `cursor` to continue from here. */
  cursor: number;
  /** True when more events wait: call again at once. */
  has_more: boolean;
}

export interface TagCount {
  name: string;
  /** How many of your friends carry this tag. */
  count: number;
}

export interface TransferCreate {
  /** The account receiving the money. */
  to: string;
  /** In major units as a decimal string, such as '88.88'. */
  amount: string;
  memo?: string;
  pin: string;
  /** Send it in this chat as a transfer card (both people must be in it). */
  conversation_id?: string | null;
}

export interface TransferOut {
  id: string;
  sender_id: string;
  recipient_id: string;
  amount: Amount;
  memo: string;
  conversation_id: string | null;
  status: "pending" | "accepted" | "returned";
  created_at: string;
  /** Unaccepted by then, it returns to the sender. */
  expires_at: string;
  resolved_at: string | null;
}

export type UploadKind = "image" | "file" | "voice";

export interface UploadOut {
  /** Pass as upload_id when sending the message. */
  id: string;
  kind: UploadKind;
  url: string;
  /** Images only: a preview at most 360 px. */
  thumbnail_url: string | null;
  name: string;
  /** Bytes, as stored. */
  size: number;
  content_type: string;
  width: number | null;
  height: number | null;
  /** Voice only. */
  duration_ms: number | null;
  created_at: string;
}

export interface Wallet {
  balance: Amount;
  /** Unverified people can receive but not pay. */
  real_name_verified: boolean;
  /** Shown masked to others; in full only here. */
  real_name: string | null;
  id_number_last4: string | null;
  pin_set: boolean;
  /** Payments are locked until then. */
  pin_locked_until: string | null;
}
