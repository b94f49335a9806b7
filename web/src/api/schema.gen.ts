// Generated from Plaza's OpenAPI document by `make openapi`. Do not edit.
/* eslint-disable */

export interface AccessTokenOut {
  access_token: string;
  /** Seconds the token is valid for: 7200. */
  expires_in: number;
}

export interface AccessTokenRequest {
  app_id: string;
  app_secret: string;
}

export interface AccountChat {
  /** Open it with the chat endpoints (/v1/conversations). */
  conversation_id: string;
}

export interface AccountDeletion {
  /** The account's phone number, typed again to confirm. */
  phone: string;
}

/** Someone as the viewer knows them. */
export interface AccountRef {
  id: string;
  /** Your remark for them if you set one, else their name. */
  display_name: string;
  /** A small square avatar; null when they have none. */
  avatar_url: string | null;
  /** Empty for a deleted account. */
  plaza_id: string;
}

export type AccountStatus = "pending" | "verified" | "rejected";

export interface Amount {
  /** In the currency's minor unit (fen, cents). */
  amount: number;
  /** ISO 4217, such as CNY. */
  currency: string;
}

export interface AppSecret {
  app_id: string;
  /** Shown this once: keep it on your server. Only a keyed hash is stored. */
  app_secret: string;
  rotated_at: string;
}

export interface AppSessionOut {
  /** The person in this mini-program; stable, per app. */
  openid: string;
  /** The person across this developer's mini-programs. */
  unionid: string;
  /** Fresh per exchange; keep it on your server. */
  session_key: string;
}

/** An account as its operator and the reviewing admins see it. */
export interface Application {
  id: string;
  name: string;
  type: "subscription" | "service";
  description: string;
  avatar_url: string | null;
  status: "pending" | "verified" | "rejected";
  follower_count: number;
  /** Whether the caller follows it. */
  following: boolean;
  menu: MenuItem[];
  /** The uploads the admins review. */
  document_ids: string[];
  reject_reason: string | null;
  created_at: string;
  reviewed_at: string | null;
}

export interface ApplicationCreate {
  /** Unique on the platform, whatever the case. */
  name: string;
  /** subscription: 1 broadcast a day, into the Subscriptions folder; service: 4 a month, into the chat list. */
  type: "subscription" | "service";
  description?: string;
  /** An image upload of the caller's. */
  avatar_id?: string | null;
  /** 1 to 5 uploads of the caller's (licence etc.) for the admins to review. */
  document_ids: string[];
}

/** A document an account applied with (a business licence, an ID). */
export interface ApplicationDocument {
  id: string;
  name: string;
  content_type: string;
  /** Where to open it. */
  url: string;
}

export interface Article {
  id: string;
  account: OfficialAccount;
  title: string;
  digest: string;
  cover_url: string | null;
  /** The body, rendered from Markdown and sanitised. */
  html: string;
  /** Null for a draft. */
  published_at: string | null;
  like_count: number;
  liked_by_me: boolean;
}

export interface ArticleCard {
  id: string;
  title: string;
  digest: string;
  cover_url: string | null;
  account_id: string;
  account_name: string;
  /** Null for a draft. */
  published_at: string | null;
}

export interface ArticleCreate {
  title: string;
  /** The summary on cards. */
  digest?: string;
  /** An image upload of the caller's. */
  cover_id?: string | null;
  /** The body in Markdown; HTML that could run script is refused. */
  markdown: string;
}

export interface ArticleShare {
  conversation_id: string;
  /** As for any message: a retry returns the first send. */
  client_msg_id: string;
}

/** Only the fields given change; ``cover_id: null`` removes the cover. */
export interface ArticleUpdate {
  title?: string | null;
  digest?: string | null;
  cover_id?: string | null;
  markdown?: string | null;
}

export interface AutoReplies {
  /** Sent to each new follower; empty: nothing. */
  on_follow: string;
  /** Sent when no keyword matches a follower's message; empty: nothing. */
  default: string;
  /** Tried in order; the first that matches answers. */
  keywords: KeywordReply[];
}

export interface Avatar {
  /** URL of the re-encoded upload. */
  original: string;
  /** URL of a 132 px square thumbnail. */
  small: string;
  /** URL of a 640 px square thumbnail. */
  medium: string;
}

export interface BankInfo {
  /** PLAZA_BANK_CONNECTOR: sandbox, or a real bank. */
  connector: string;
  /** Test card numbers and what the sandbox does with them; empty for a real bank. */
  sample_cards: SampleCardOut[];
}

/** A top-up from the card, or a withdrawal to it. */
export interface BankOrderCreate {
  card_id: string;
  /** In major units as a decimal string, such as '200.00'. */
  amount: string;
  pin: string;
}

export interface BankOrderOut {
  id: string;
  /** settlement: a shop's takings to its bank account. */
  kind: "top_up" | "withdrawal" | "settlement";
  /** The person's card; none for a settlement. */
  card_id: string | null;
  card_last4: string;
  bank_name: string;
  amount: Amount;
  /** pending until the bank calls back; declined when refused at once. */
  status: "pending" | "succeeded" | "failed" | "declined";
  created_at: string;
  settled_at: string | null;
}

export interface Bill {
  /** The posting's id. */
  id: string;
  entry_id: string;
  /** top_up, transfer_sent, transfer_accepted, …; new kinds appear over time, so show unknown ones generically. */
  kind: string;
  /** Signed: positive came in, negative went out. */
  amount: Amount;
  created_at: string;
  /** YYYY-MM in the wallet's time zone, to group bills by. */
  month: string;
  memo: string;
  subject: BillSubject | null;
  /** Who was on the other side, if known. */
  counterparty: Counterparty | null;
  /** The chat it happened in, if any. */
  conversation_id: string | null;
}

export interface BillDetail {
  /** The posting's id. */
  id: string;
  entry_id: string;
  /** top_up, transfer_sent, transfer_accepted, …; new kinds appear over time, so show unknown ones generically. */
  kind: string;
  /** Signed: positive came in, negative went out. */
  amount: Amount;
  created_at: string;
  /** YYYY-MM in the wallet's time zone, to group bills by. */
  month: string;
  memo: string;
  subject: BillSubject | null;
  /** Who was on the other side, if known. */
  counterparty: Counterparty | null;
  /** The chat it happened in, if any. */
  conversation_id: string | null;
  /** The entry's other legs: where it went or came from. */
  legs: BillLeg[];
}

export interface BillLeg {
  /** Signed, as it moved that account. */
  amount: Amount;
  /** The account's purpose: available (a person's wallet), bank_clearing, transfer_hold, envelope_hold, withdrawal_hold, merchant, … */
  account: string;
  /** The person whose account it is, if any. */
  owner: Counterparty | null;
}

export interface BillSubject {
  /** transfer, envelope, payment, bank_order, … */
  type: string;
  id: string;
}

export interface BlockCreate {
  /** The account to block. */
  account_id: string;
}

export interface Body_set_avatar_v1_me_avatar_put {
  /** A PNG, JPEG or WebP image up to 5 MB. */
  file: Blob;
}

export interface Broadcast {
  id: string;
  account: OfficialAccount;
  articles: ArticleCard[];
  sent_at: string;
}

export interface BroadcastCreate {
  /** 1 to 8 drafts, in the order they are shown. */
  article_ids: string[];
}

export interface BroadcastQuota {
  /** Broadcasts a period: 1 a UTC day, or 4 a calendar month. */
  quota: number;
  /** Broadcasts sent in the current period. */
  sent: number;
  left: number;
  /** When the next period starts. */
  resets_at: string;
}

export interface CallbackAck {
  /** duplicate: the order was settled by an earlier callback; nothing moved. */
  outcome: "applied" | "duplicate";
  order_id: string;
}

export interface Card {
  /** The person whose contact card this is. */
  account_id: string;
}

export interface CardCreate {
  /** Must be the wallet's verified real name. */
  holder_name: string;
  /** 12 to 19 digits, spaces or dashes allowed; only the last four are kept. */
  card_number: string;
  /** As the person calls it; else the bank's. */
  bank_name?: string | null;
}

export interface CardOut {
  id: string;
  holder_name: string;
  bank_name: string;
  last4: string;
  created_at: string;
}

export interface CategoryCount {
  category: "business" | "education" | "entertainment" | "finance" | "food" | "games" | "health" | "lifestyle" | "news" | "shopping" | "social" | "tools" | "travel";
  /** Released mini-programs in the category. */
  count: number;
}

export interface ChargeCreate {
  /** The 18 digits the payer's payment code shows (spaces allowed). */
  code: string;
  /** In major units as a decimal string, such as '8.80'. */
  amount: string;
}

export interface ChatSettingsOut {
  read_receipts: boolean;
}

export interface ChatSettingsUpdate {
  read_receipts: boolean;
}

export interface CodeExchange {
  code: string;
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

export interface ConsentGrant {
  scope: Scope;
}

export interface ConsentOut {
  scope: Scope;
  granted_at: string;
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
  /** direct, group, service: the person's read-only Service Notifications, official: with a service account, or subscribed: with a subscription account (not in the chat list). */
  kind: "direct" | "group" | "service" | "official" | "subscribed";
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

export interface Counterparty {
  /** `person`, `chat` (a group a red envelope was sent to), `shop`, `bank` or `miniapp`; others may come, so show unknown ones by name. */
  type: string;
  /** The person's, chat's or shop's id; for the bank, the card's. */
  id: string;
  /** The person's or shop's name, the group's name, the bank's. */
  name: string;
  /** For the bank: the card's last four digits. */
  card_last4: string | null;
  /** For a group's red envelope: how many people it was for, to name it by when the group has no name. */
  share_count: number | null;
}

export interface DayOpens {
  /** A day in the deployment's time zone (PLAZA_WALLET_TIMEZONE). */
  day: string;
  /** How many times the mini-program was opened that day. */
  opens: number;
  /** How many people opened it that day, each counted once. */
  people: number;
}

export interface DeveloperCreate {
  /** The maker's name people see on your mini-programs. */
  display_name: string;
}

export interface DeveloperOut {
  display_name: string;
  created_at: string;
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

export interface DirectoryEntry {
  app_id: string;
  name: string;
  category: "business" | "education" | "entertainment" | "finance" | "food" | "games" | "health" | "lifestyle" | "news" | "shopping" | "social" | "tools" | "travel";
  description: string;
  /** The developer's display name. */
  developer: string;
  /** The version the URL serves: the released one, or for the app's testers its version on trial. */
  live_version: string;
  /** The mini-program's own origin: the iframe's and postMessage's target. */
  origin: string;
  /** Where it opens: its first page. */
  url: string;
  icon_url: string;
  /** True when this is a version on trial, given only to the app's testers, at an origin of its own that serves it only while it is on trial. */
  trial: boolean;
}

export interface DirectoryPage {
  items: DirectoryEntry[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  next_cursor: string | null;
}

/** A draft as its operator edits it. */
export interface Draft {
  id: string;
  account: OfficialAccount;
  title: string;
  digest: string;
  cover_url: string | null;
  /** The body, rendered from Markdown and sanitised. */
  html: string;
  /** Null for a draft. */
  published_at: string | null;
  like_count: number;
  liked_by_me: boolean;
  markdown: string;
  cover_id: string | null;
  updated_at: string;
}

export interface EnvelopeCreate {
  /** The chat to send it in; you must be in it. */
  conversation_id: string;
  /** lucky: random shares of `total`; equal: `amount_each` each. */
  kind: "equal" | "lucky";
  /** For lucky envelopes: the whole amount in major units, such as '10.00'. */
  total?: string | null;
  /** For equal envelopes: each share in major units. */
  amount_each?: string | null;
  /** Shares: 1 in a 1:1 chat, at most the group's member count. */
  count: number;
  greeting?: string;
  pin: string;
}

export interface EnvelopeOpened {
  envelope_id: string;
  /** My share. */
  amount: Amount;
  opened_at: string;
}

export interface EnvelopeOut {
  id: string;
  conversation_id: string;
  sender: EnvelopePerson;
  kind: "equal" | "lucky";
  /** Sent in a 1:1 chat: only the other person may open it. */
  direct: boolean;
  greeting: string;
  total: Amount;
  count: number;
  /** First opened first. */
  opened: EnvelopeShareOut[];
  /** What I got, if I opened it. */
  mine: Amount | null;
  /** open; empty (all taken); expired (24 hours passed, not yet given back); returned (what was left went back to the sender). */
  status: "open" | "empty" | "expired" | "returned";
  /** Lucky envelopes, once all shares are taken: who got the most (the earliest on ties). */
  luckiest: string | null;
  created_at: string;
  expires_at: string;
}

export interface EnvelopePerson {
  id: string;
  name: string;
}

export interface EnvelopeShareOut {
  opener: EnvelopePerson;
  amount: Amount;
  opened_at: string;
}

export type Environment = "dev" | "test" | "prod";

export interface FieldProblem {
  field: string | null;
  message: string;
}

export interface FieldValue {
  /** At most 40 characters. */
  value: string;
}

export interface FolderEntry {
  broadcast_id: string;
  account: OfficialAccount;
  articles: ArticleCard[];
  sent_at: string;
}

export interface FolderSummary {
  /** Broadcasts since the folder was last read. */
  unread: number;
  latest: LatestInFolder | null;
}

export interface FollowerMessage {
  /** Chosen by the client, unique in this chat: a retry returns the first send. */
  client_msg_id: string;
  text: string;
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
  /** The node id of the process that answered (PLAZA_NODE_ID). */
  node: number;
}

export interface InboxThread {
  /** Their name and avatar, never their phone. */
  follower: AccountRef;
  /** The start of the latest message, either way. */
  last_message_text: string;
  last_message_at: string;
  /** 48 hours after the follower's last message. */
  can_reply_until: string;
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

export interface KeywordReply {
  keyword: string;
  /** exact: the whole message (ignoring case and surrounding spaces); contains: anywhere in it. */
  match: "exact" | "contains";
  reply: string;
}

export interface KindTotal {
  kind: string;
  money_in: Amount;
  money_out: Amount;
  count: number;
}

export interface LatestInFolder {
  account_name: string;
  title: string;
  sent_at: string;
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

export interface MenuItem {
  name: string;
  /** link, miniapp or keyword (submenu only at the top). */
  kind: "link" | "miniapp" | "keyword" | "submenu";
  /** For kind=link: an https:// URL. */
  url?: string | null;
  /** For kind=miniapp: a released mini-program. */
  app_id?: string | null;
  /** For kind=miniapp: the page to open. */
  path?: string | null;
  /** For kind=keyword: sent as the follower's message. */
  keyword?: string | null;
  /** For kind=submenu. */
  sub_items?: MenuSubItem[] | null;
}

/** A menu entry: opens a link, opens a mini-program page, or sends a keyword. */
export interface MenuSubItem {
  name: string;
  /** link, miniapp or keyword (submenu only at the top). */
  kind: "link" | "miniapp" | "keyword" | "submenu";
  /** For kind=link: an https:// URL. */
  url?: string | null;
  /** For kind=miniapp: a released mini-program. */
  app_id?: string | null;
  /** For kind=miniapp: the page to open. */
  path?: string | null;
  /** For kind=keyword: sent as the follower's message. */
  keyword?: string | null;
}

export interface MenuUpdate {
  /** Up to 3 items; a submenu item holds up to 5 sub-items of the other kinds. */
  items: MenuItem[];
}

export interface MerchantCreate {
  /** Shown to payers. */
  business_name: string;
  /** The business registration number (unified social credit code). */
  registration_number: string;
  category?: string;
  settlement_bank_name: string;
  /** Where takings are settled: digits (spaces allowed), Luhn-checked. Only the last four are kept. */
  settlement_account_number: string;
}

/** The owner's view of their shop. */
export interface MerchantOut {
  id: string;
  business_name: string;
  registration_number: string;
  category: string;
  settlement_bank_name: string;
  settlement_account_last4: string;
  /** The settlement account is linked with the bank, so takings can be settled. */
  settlement_linked: boolean;
  created_at: string;
  /** The shop's balance: what it has been paid. */
  takings: Amount;
  /** Completed payments since local midnight. */
  today_total: Amount;
  today_count: number;
}

/** What a payer sees before paying. */
export interface MerchantPublic {
  id: string;
  business_name: string;
}

export interface MessageOut {
  id: string;
  conversation_id: string;
  seq: number;
  /** Null for system messages. */
  sender_id: string | null;
  client_msg_id: string | null;
  /** text, image, file, voice, location, card, miniapp, article (content {article_id, title, digest, cover_url, account_name}), transfer, envelope, system, service_notice (a mini-program's card in Service Notifications), or official (from an official account: content {account_id, account_name, text or articles}). */
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
  /** text, image, file, voice, location, card, miniapp or article. */
  kind: string;
  /** For kind=text: up to 5,000 characters. */
  text?: string | null;
  /** For image, file and voice: the id from POST /v1/media/uploads. */
  upload_id?: string | null;
  location?: Location | null;
  card?: Card | null;
  /** For kind=miniapp: a page of a mini-program the sender can open. */
  miniapp?: MiniAppCard | null;
  /** For kind=article: a published official-account article. */
  article?: SharedArticle | null;
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

/** A page of a mini-program, shared from its capsule menu or ``plaza.shareToChat``; tapping the card opens the mini-program at that page. */
export interface MiniAppCard {
  app_id: string;
  /** The page, with its query. */
  path?: string;
  title: string;
}

export interface MiniAppCreate {
  /** Unique on the platform, regardless of letter case. */
  name: string;
  category: "business" | "education" | "entertainment" | "finance" | "food" | "games" | "health" | "lifestyle" | "news" | "shopping" | "social" | "tools" | "travel";
  description?: string;
  /** Host names the mini-program may call over https (api.example.com or https://api.example.com), up to 20; in development also a loopback host with a port, called over http (127.0.0.1:8010). */
  server_domains?: string[];
}

export interface MiniAppCreated {
  /** "px" and 16 hex digits. */
  app_id: string;
  name: string;
  category: "business" | "education" | "entertainment" | "finance" | "food" | "games" | "health" | "lifestyle" | "news" | "shopping" | "social" | "tools" | "travel";
  description: string;
  server_domains: string[];
  /** The released version people get, if any. */
  live_version: string | null;
  secret_rotated_at: string;
  created_at: string;
  updated_at: string;
  /** Shown this once: keep it on your server. Only a keyed hash is stored. */
  app_secret: string;
}

export interface MiniAppGrants {
  app_id: string;
  name: string;
  /** Null while the mini-program has no released version. */
  icon_url: string | null;
  /** What the caller granted it, by name. */
  scopes: Scope[];
}

export interface MiniAppLink {
  /** Opens the mini-program in Plaza at the page, with the scene. */
  url: string;
  /** The URL as a QR code: an SVG document. */
  qr_svg: string;
}

export interface MiniAppOut {
  /** "px" and 16 hex digits. */
  app_id: string;
  name: string;
  category: "business" | "education" | "entertainment" | "finance" | "food" | "games" | "health" | "lifestyle" | "news" | "shopping" | "social" | "tools" | "travel";
  description: string;
  server_domains: string[];
  /** The released version people get, if any. */
  live_version: string | null;
  secret_rotated_at: string;
  created_at: string;
  updated_at: string;
}

export interface MiniAppUpdate {
  name?: string | null;
  category?: "business" | "education" | "entertainment" | "finance" | "food" | "games" | "health" | "lifestyle" | "news" | "shopping" | "social" | "tools" | "travel" | null;
  description?: string | null;
  /** Replaces the list; absent to keep. */
  server_domains?: string[] | null;
}

export interface MiniappTakings {
  /** What people paid in the mini-program, less refunds and payouts. */
  takings: Amount;
  /** Null until an account is linked. */
  settlement_bank_name: string | null;
  settlement_account_last4: string | null;
  /** Whether payouts can go to the account: it is linked with this bank. */
  settlement_linked: boolean;
  /** The latest payouts, newest first. */
  settlements: BankOrderOut[];
}

export interface MomentBadge {
  unread_notifications: number;
  /** Who caused the latest unread one. */
  latest_actor: AccountRef | null;
  /** The latest friend with a post newer than your last look at the timeline. */
  new_posts_from: AccountRef | null;
}

export interface MomentNotification {
  id: string;
  kind: "like" | "comment" | "reply";
  actor: AccountRef;
  post_id: string;
  post_thumbnail_url: string | null;
  post_excerpt: string;
  comment_text: string | null;
  created_at: string;
  read: boolean;
}

export interface MomentSettings {
  /** How far back friends may look at your posts. */
  friends_see: "3d" | "6m" | "all";
  /** Whether non-friends see your latest 10 posts. */
  strangers_see_ten: boolean;
}

export interface MomentSettingsUpdate {
  friends_see?: "3d" | "6m" | "all" | null;
  strangers_see_ten?: boolean | null;
}

export interface MomentStatus {
  account_id: string;
  text: string;
  emoji: string;
  photo: MomentStatusPhoto | null;
  created_at: string;
  /** 24 hours after it was set. */
  expires_at: string;
}

export interface MomentStatusPhoto {
  /** Send it back as photo_id to keep the photo. */
  upload_id: string;
  url: string;
  thumbnail_url: string;
}

export interface MomentStatusUpdate {
  text?: string;
  emoji?: string;
  /** One of your image uploads. */
  photo_id?: string | null;
}

export interface OfficialAccount {
  id: string;
  name: string;
  type: "subscription" | "service";
  description: string;
  avatar_url: string | null;
  status: "pending" | "verified" | "rejected";
  follower_count: number;
  /** Whether the caller follows it. */
  following: boolean;
  menu: MenuItem[];
}

export interface OneTimeCodeOut {
  /** One-time, for the mini-program's server to exchange. */
  code: string;
  expires_at: string;
}

export interface OperatorReply {
  text: string;
}

export interface OrderAmountIn {
  /** In minor units (fen, cents). */
  total: number;
  /** ISO 4217; must be the deployment's currency (default: it). */
  currency?: string | null;
}

export interface OrderAmountOut {
  total: number;
  currency: string;
  /** What has been refunded so far, in minor units. */
  refunded: number;
}

export interface OrderCreate {
  /** Your order number: 6-32 of A-Z a-z 0-9 _ -, unique per mini-program. */
  out_trade_no: string;
  /** What is bought; shown to the payer in the payment sheet. */
  description: string;
  amount: OrderAmountIn;
  payer: Payer;
  /** An absolute http(s) URL that receives `payment.succeeded` and `refund.succeeded`. */
  notify_url: string;
  /** When the order stops being payable; default 2 hours, at most 7 days. */
  time_expire?: string | null;
}

export interface OrderOut {
  out_trade_no: string;
  prepay_id: string;
  /** Plaza's payment number, once paid. */
  transaction_id: string | null;
  /** NOTPAY (payable), SUCCESS (paid), CLOSED (closed or expired unpaid), REFUND (paid, then refunded in part or whole). */
  trade_state: "NOTPAY" | "SUCCESS" | "CLOSED" | "REFUND";
  description: string;
  amount: OrderAmountOut;
  payer: Payer;
  success_time: string | null;
  time_expire: string;
}

export interface OwnerTransfer {
  account_id: string;
}

export interface Page_ArticleCard_ {
  items: ArticleCard[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  next_cursor: string | null;
}

export interface Page_BankOrderOut_ {
  items: BankOrderOut[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  next_cursor: string | null;
}

export interface Page_Bill_ {
  items: Bill[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  next_cursor: string | null;
}

export interface Page_Device_ {
  items: Device[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  next_cursor: string | null;
}

export interface Page_FolderEntry_ {
  items: FolderEntry[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  next_cursor: string | null;
}

export interface Page_FriendRequest_ {
  items: FriendRequest[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  next_cursor: string | null;
}

export interface Page_MomentNotification_ {
  items: MomentNotification[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  next_cursor: string | null;
}

export interface Page_PaymentOut_ {
  items: PaymentOut[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  next_cursor: string | null;
}

export interface Page_Post_ {
  items: Post[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  next_cursor: string | null;
}

export interface Page_WebhookDelivery_ {
  items: WebhookDelivery[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  next_cursor: string | null;
}

export interface PayBody {
  pin: string;
}

export interface Payer {
  /** The person's openid in this mini-program (from code2session). */
  openid: string;
}

/** What a device needs to show payment codes offline. Asking again replaces it. */
export interface PaymentCodeSecret {
  id: string;
  /** 20 random bytes, base32 (RFC 4648, no padding). */
  secret: string;
  /** The code's first 2 digits. */
  code_prefix: string;
  /** The 8 digits after the prefix: names this secret. */
  token: string;
  /** The TOTP's digits, last in the code. */
  digits: number;
  /** Seconds per time step. */
  period: number;
  created_at: string;
}

export interface PaymentCodeSecretCreate {
  pin: string;
}

export interface PaymentConfirm {
  pin: string;
}

export interface PaymentCreate {
  /** From the shop's receive QR: /pay/<merchant_id>. */
  merchant_id: string;
  /** In major units as a decimal string, such as '12.50'. */
  amount: string;
  pin: string;
  note?: string;
}

export interface PaymentOut {
  id: string;
  payer_id: string;
  merchant_id: string;
  merchant_name: string;
  amount: Amount;
  method: "qr" | "code";
  status: "completed" | "awaiting_pin" | "lapsed";
  note: string;
  created_at: string;
  completed_at: string | null;
  /** An awaiting_pin payment lapses then unless the payer confirms it. */
  expires_at: string | null;
  /** How much the shop has given back, over all refunds. */
  refunded: Amount;
}

export interface PersonChoices {
  /** Keep their posts out of your timeline. */
  hide_their_posts: boolean;
  /** Don't let them see your posts. */
  hide_my_posts: boolean;
}

export interface PersonChoicesUpdate {
  hide_their_posts?: boolean | null;
  hide_my_posts?: boolean | null;
}

export interface PhoneNumberOut {
  /** E.164, such as +12025550101. */
  phone_number: string;
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

export interface Post {
  id: string;
  author: AccountRef;
  text: string;
  photos: PostPhoto[];
  location: PostLocation_Output | null;
  link: PostLink_Output | null;
  /** Shown to the author only. */
  audience: PostAudience_Output | null;
  created_at: string;
  /** Only the likes you may see, oldest first. */
  likes: AccountRef[];
  liked_by_me: boolean;
  /** Only the comments you may see, oldest first. */
  comments: PostComment[];
  can_delete: boolean;
}

export interface PostAudience_Input {
  /** friends: all friends; private: only you; include: only the chosen tags and people; exclude: all friends but them. */
  kind: "friends" | "private" | "include" | "exclude";
  tags?: string[];
  people?: string[];
}

export interface PostAudience_Output {
  /** friends: all friends; private: only you; include: only the chosen tags and people; exclude: all friends but them. */
  kind: "friends" | "private" | "include" | "exclude";
  tags: string[];
  people: string[];
}

export interface PostComment {
  id: string;
  author: AccountRef;
  /** Whose comment this one answers. */
  reply_to: AccountRef | null;
  text: string;
  created_at: string;
  /** True for its author and for the poster. */
  can_delete: boolean;
}

export interface PostCommentCreate {
  /** Your key for this comment: a retry adds nothing. */
  client_id: string;
  text: string;
  /** The comment this one answers. */
  reply_to?: string | null;
}

export interface PostCreate {
  /** Your key for this post: a retry returns the first. */
  client_id: string;
  text?: string;
  /** Your image uploads, at most 9, in order. */
  photo_ids?: string[];
  location?: PostLocation_Input | null;
  link?: PostLink_Input | null;
  audience?: PostAudience_Input;
}

export interface PostLink_Input {
  /** https://... or a Plaza page path such as /official/articles/123. */
  url: string;
  title: string;
  cover_url?: string | null;
}

export interface PostLink_Output {
  /** https://... or a Plaza page path such as /official/articles/123. */
  url: string;
  title: string;
  cover_url: string | null;
}

export interface PostLocation_Input {
  name: string;
  latitude?: number | null;
  longitude?: number | null;
}

export interface PostLocation_Output {
  name: string;
  latitude: number | null;
  longitude: number | null;
}

export interface PostPhoto {
  upload_id: string;
  url: string;
  thumbnail_url: string;
  width: number;
  height: number;
}

export interface PrepayOut {
  /** Hand it to `plaza.requestPayment({prepayId})`. */
  prepay_id: string;
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

export interface RefundAmountIn {
  /** In minor units. */
  refund: number;
}

export interface RefundAmountOut {
  refund: number;
  /** The order's total. */
  total: number;
  currency: string;
}

export interface RefundCreate {
  out_trade_no: string;
  /** Your refund number: 6-64 of A-Z a-z 0-9 _ - | * @, unique per mini-program. */
  out_refund_no: string;
  amount: RefundAmountIn;
  reason?: string;
}

export interface RefundOut {
  out_refund_no: string;
  /** Plaza's refund number. */
  refund_id: string;
  out_trade_no: string;
  status: "SUCCESS";
  amount: RefundAmountOut;
  success_time: string;
}

export interface RejectBody {
  /** Shown to the developer. */
  reason: string;
}

export interface Rejection {
  /** Shown to the operator. */
  reason: string;
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

export interface ReviewItem {
  app: MiniAppOut;
  /** The developer's display name. */
  developer: string;
  version: VersionOut;
}

export interface RollbackBody {
  /** An earlier released version. */
  version: string;
}

export interface SampleCardOut {
  number: string;
  /** no_answer: accepted, never called back; reconciliation settles it failed. */
  behaviour: "succeeds" | "declined" | "fails" | "no_answer";
}

/** What a person may let a mini-program have, each asked for on a gesture of theirs. */
export type Scope = "profile" | "phone" | "location" | "camera";

export interface SettlementAccountUpdate {
  settlement_bank_name: string;
  /** As when opening the shop: digits (spaces allowed), Luhn-checked. */
  settlement_account_number: string;
}

export interface SettlementCreate {
  /** In major units, such as '120.00'; all the takings when omitted. */
  amount?: string | null;
  /** The shop owner's payment PIN. */
  pin: string;
}

/** A published official-account article; the message carries its title, digest, cover and account name, and tapping it opens the reader. */
export interface SharedArticle {
  article_id: string;
}

/** An order as the host's payment sheet shows it: the amount and the merchant come from here, never from the mini-program. */
export interface SheetOrder {
  prepay_id: string;
  app_id: string;
  /** The mini-program's name. */
  merchant_name: string;
  description: string;
  amount: Amount;
  status: "NOTPAY" | "SUCCESS" | "CLOSED";
  expires_at: string;
}

export interface ShopRefund {
  id: string;
  payment_id: string;
  amount: Amount;
  reason: string;
  created_at: string;
}

export interface ShopRefundCreate {
  /** In major units as a decimal string, at most what is left unrefunded. */
  amount: string;
  /** Shown to the payer on the receipt and in their bill. */
  reason?: string;
  /** The shop owner's payment PIN. */
  pin: string;
}

/** A refund and the payment as it is now. */
export interface ShopRefundMade {
  refund: ShopRefund;
  payment: PaymentOut;
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

export interface Statement {
  /** YYYY-MM, in the wallet's time zone. */
  month: string;
  starts_at: string;
  ends_at: string;
  opening_balance: Amount;
  money_in: Amount;
  /** Positive: the sum of what went out. */
  money_out: Amount;
  /** opening_balance + money_in - money_out. */
  closing_balance: Amount;
  bill_count: number;
  kinds: KindTotal[];
}

export interface StorageEntry {
  key: string;
  value: string;
}

export interface StorageKeys {
  /** Every key stored for the caller, in code point order. */
  keys: string[];
}

export interface StorageValue {
  /** Up to 4,096 bytes in UTF-8 (else 422 `storage.value_too_large`): a string, as the mini-program serialised it. */
  value: string;
}

export interface SubscribeMessage {
  /** The person's openid in this mini-program, from code2session. */
  touser: string;
  template_id: string;
  /** Where tapping the card opens the mini-program. */
  page?: string;
  /** A value for every field of the template, and nothing else. */
  data: Record<string, FieldValue>;
}

export interface SubscribeMessageSent {
  /** The id of the message in the person's chat. */
  msgid: string;
}

export interface SubscriptionAnswers {
  /** Templates the person accepted: one more message of each is allowed. */
  accepted?: string[];
  rejected?: string[];
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

export interface TemplateCreate {
  /** What the card says at the top, such as “Order ready”. */
  title: string;
  /** The names of the card's rows, in order, such as “Order” and “Pick up at”. */
  fields: string[];
}

export interface TemplateOut {
  template_id: string;
  title: string;
  fields: string[];
  created_at: string;
}

export interface TestersUpdate {
  /** Replaces the testers: up to 30 Plaza IDs. */
  plaza_ids: string[];
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

export interface VersionOut {
  version: string;
  status: "development" | "trial" | "under_review" | "released" | "rejected";
  /** True for the version people get. */
  live: boolean;
  /** The package's size in bytes. */
  size: number;
  /** The manifest's name. */
  name: string;
  icon: string;
  pages: string[];
  permissions: string[];
  server_domains: string[];
  reject_reason: string | null;
  created_at: string;
  submitted_at: string | null;
  reviewed_at: string | null;
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

export interface WebhookAttemptOut {
  /** 1 for the first attempt. */
  number: number;
  started_at: string;
  duration_ms: number;
  /** The receiver's HTTP status; null if none. */
  status_code: number | null;
  /** Why no answer came, when none did. */
  error: string | null;
  /** The first kilobyte of the receiver's answer. */
  response_excerpt: string;
}

export interface WebhookDelivery {
  /** The webhook's id: the body's `id`, the same on every attempt. */
  id: string;
  event_type: string;
  /** Where it is posted. */
  url: string;
  /** pending (not yet answered 2xx, retried on the schedule), delivered (answered 2xx) or given_up (the retry schedule ran out). */
  status: "pending" | "delivered" | "given_up";
  /** How many times it was posted so far. */
  attempts: number;
  created_at: string;
  /** When the latest attempt started. */
  last_attempt_at: string | null;
  /** The receiver's HTTP status on the latest attempt; null when it did not answer (see last_error) or before the first attempt. */
  last_status_code: number | null;
  /** Why the latest attempt got no answer: a connection error or a timeout. */
  last_error: string | null;
  /** The first kilobyte of the receiver's latest answer. */
  response_excerpt: string | null;
  /** When it is posted next; null once delivered or given up. */
  next_attempt_at: string | null;
}

export interface WebhookDeliveryDetail {
  /** The webhook's id: the body's `id`, the same on every attempt. */
  id: string;
  event_type: string;
  /** Where it is posted. */
  url: string;
  /** pending (not yet answered 2xx, retried on the schedule), delivered (answered 2xx) or given_up (the retry schedule ran out). */
  status: "pending" | "delivered" | "given_up";
  /** How many times it was posted so far. */
  attempts: number;
  created_at: string;
  /** When the latest attempt started. */
  last_attempt_at: string | null;
  /** The receiver's HTTP status on the latest attempt; null when it did not answer (see last_error) or before the first attempt. */
  last_status_code: number | null;
  /** Why the latest attempt got no answer: a connection error or a timeout. */
  last_error: string | null;
  /** The first kilobyte of the receiver's latest answer. */
  response_excerpt: string | null;
  /** When it is posted next; null once delivered or given up. */
  next_attempt_at: string | null;
  /** The JSON posted, byte for byte as every attempt sent it. */
  body: string;
  /** When it was delivered or given up. */
  finished_at: string | null;
  /** Every attempt, the first first. */
  attempt_log: WebhookAttemptOut[];
}

export interface WebhookKey {
  /** The key's fingerprint; it changes when the key does. */
  key_id: string;
  /** Always Ed25519. */
  algorithm: string;
  /** The raw 32-byte Ed25519 public key, base64. */
  public_key: string;
}

export interface WebhookSetting {
  /** Where official.message, official.follow and official.unfollow are posted, signed; https (http only to a loopback host, for development); null: none. */
  url: string | null;
}
