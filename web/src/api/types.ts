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

export type Profile = api.Profile;

// Contacts
export type ContactCard = api.ContactCard;
export type Relation = api.ContactCard["relation"];
export type Friend = api.Friend;
export type FriendRequest = api.FriendRequest;
export type FriendRequestCreate = api.FriendRequestCreate;
export type FriendRequestPage = api.Page_FriendRequest_;
export type RequestAnswer = api.RequestAnswer;
export type FriendUpdate = api.FriendUpdate;
export type TagCount = api.TagCount;
export type BlockCreate = api.BlockCreate;
export type Privacy = api.Privacy;
export type PrivacyUpdate = api.PrivacyUpdate;

// Chat
export type Conversation = api.ConversationOut;
export type ConversationList = api.ConversationList;
export type Role = api.ConversationOut["my_role"];
export type Message = api.MessageOut;
export type MessagePage = api.MessagePage;
export type MessageSend = api.MessageSend;
export type ReplyPreview = api.ReplyPreview;
export type MessageLocation = api.Location;
export type MessageCard = api.Card;
export type Member = api.MemberOut;
export type MemberSettings = api.MemberSettings;
export type DirectOpen = api.DirectOpen;
export type GroupCreate = api.GroupCreate;
export type GroupUpdate = api.GroupUpdate;
export type Invite = api.Invite;
export type OwnerTransfer = api.OwnerTransfer;
export type JoinLink = api.JoinLink;
export type Join = api.Join;
export type Forward = api.Forward;
export type ReadPosition = api.ReadPosition;
export type ChatSettings = api.ChatSettingsOut;
export type ChatSettingsUpdate = api.ChatSettingsUpdate;

// Media: uploads, and what an image, file or voice message carries (the upload's fields
// that the server copies into the message; see media/service.py message_content).
export type Upload = api.UploadOut;
export type UploadKind = api.UploadKind;
type UploadRef = { upload_id: Upload["id"] };
export type ImageContent = UploadRef & Pick<Upload, "url" | "thumbnail_url" | "width" | "height">;
export type FileContent = UploadRef & Pick<Upload, "url" | "name" | "size" | "content_type">;
export type VoiceContent = UploadRef & Pick<Upload, "url" | "duration_ms">;

// Wallet
export type Amount = api.Amount;
export type Wallet = api.Wallet;
export type RealNameVerification = api.RealNameVerification;
export type PinChange = api.PinChange;
export type TransferCreate = api.TransferCreate;
export type Transfer = api.TransferOut;
export type TransferStatus = api.TransferOut["status"];
/** What a message of kind "transfer" carries (see flows.py send_transfer on the server). */
export type TransferContent = { transfer_id: Transfer["id"]; recipient_id: Transfer["recipient_id"] } & Pick<
  Transfer,
  "memo"
> &
  Amount;

// Bills, statements and PIN reset
export type Bill = api.Bill;
export type BillDetail = api.BillDetail;
export type BillLeg = api.BillLeg;
export type BillPage = api.Page_Bill_;
export type Counterparty = api.Counterparty;
export type Statement = api.Statement;
export type KindTotal = api.KindTotal;
export type PinReset = api.PinReset;

// Bank: linked cards, top-ups and withdrawals
export type BankCard = api.CardOut;
export type BankCardCreate = api.CardCreate;
export type BankOrderCreate = api.BankOrderCreate;
export type BankOrder = api.BankOrderOut;
export type BankOrderStatus = api.BankOrderOut["status"];
export type BankOrderPage = api.Page_BankOrderOut_;
export type BankInfo = api.BankInfo;
export type SampleCard = api.SampleCardOut;

// Shops: merchants, payments by QR and by payment code
export type Merchant = api.MerchantOut;
export type MerchantCreate = api.MerchantCreate;
export type MerchantPublic = api.MerchantPublic;
export type Payment = api.PaymentOut;
export type PaymentStatus = api.PaymentOut["status"];
export type PaymentPage = api.Page_PaymentOut_;
export type PaymentCreate = api.PaymentCreate;
export type ChargeCreate = api.ChargeCreate;
export type PaymentCodeSecret = api.PaymentCodeSecret;
export type SettlementAccountUpdate = api.SettlementAccountUpdate;
export type SettlementCreate = api.SettlementCreate;
export type ShopRefund = api.ShopRefund;
export type ShopRefundCreate = api.ShopRefundCreate;
export type ShopRefundMade = api.ShopRefundMade;

// Red envelopes
export type EnvelopeCreate = api.EnvelopeCreate;
export type Envelope = api.EnvelopeOut;
export type EnvelopeKind = api.EnvelopeOut["kind"];
export type EnvelopeStatus = api.EnvelopeOut["status"];
export type EnvelopeShare = api.EnvelopeShareOut;
export type EnvelopeOpened = api.EnvelopeOpened;
/** What a message of kind "envelope" carries (see flows.py send_envelope on the server). */
export type EnvelopeContent = { envelope_id: Envelope["id"] } & Pick<Envelope, "kind" | "greeting" | "count" | "expires_at">;

// Realtime
export type SyncEvent = api.SyncEvent;
export type SyncPage = api.SyncPage;
