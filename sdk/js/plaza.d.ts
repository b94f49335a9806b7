// Types for plaza.js, the mini-program side of the Plaza host bridge.
// Reference: docs/open-platform/plaza-js.md.

/** A stable error code; the host may also pass through any Plaza API code (docs/api/errors.md). */
export type PlazaErrorCode =
  | "bridge.unavailable"
  | "bridge.unknown_method"
  | "bridge.invalid_params"
  | "bridge.busy"
  | "consent.denied"
  | "consent.gesture_required"
  | "payments.cancelled"
  | "payments.order_closed"
  | "share.cancelled"
  | "scan.cancelled"
  | "image.cancelled"
  | "location.unavailable"
  | "navigation.invalid_path"
  | "navigation.too_deep"
  | "navigation.at_root"
  | (string & {});

/** What every refused call rejects with. */
export declare class PlazaError extends Error {
  constructor(code: string, message: string);
  readonly code: PlazaErrorCode;
}

/** The scopes a person grants a mini-program, once, in the host's consent dialog. */
export type ConsentScope = "profile" | "phone" | "location" | "camera";

export interface LoginResult {
  /** One-time, 5 minutes: exchange it on your server with POST /open/v1/code2session. */
  code: string;
}

export interface UserProfile {
  nickname: string;
  /** An absolute URL of the person's avatar, or "" when they have none. */
  avatarUrl: string;
}

export interface PhoneNumberResult {
  /** One-time, 5 minutes: exchange it on your server with POST /open/v1/phone-number. */
  code: string;
}

export interface LocationResult {
  latitude: number;
  longitude: number;
  /** Metres. */
  accuracy: number;
}

export interface ChooseImageOptions {
  /** How many pictures the person may pick, 1 to 9 (default 1). */
  count?: number;
}

export interface ChosenImage {
  name: string;
  /** "image/png", ... */
  type: string;
  /** Bytes. */
  size: number;
  blob: Blob;
  /** The same picture as a data: URL. */
  dataUrl: string;
}

export interface ChooseImageResult {
  images: ChosenImage[];
}

export interface ScanCodeResult {
  /** The text the code holds. */
  result: string;
}

export interface RequestPaymentOptions {
  /** From POST /open/v1/pay/orders on your server. */
  prepayId: string;
}

export interface PaymentResult {
  status: "SUCCESS";
}

export interface ShareOptions {
  /** The card's title; the current page's title by default. */
  title?: string;
  /** The page the card opens, "/pages/x?id=1"; the current page by default. */
  path?: string;
}

export interface ShareResult {
  /** How many conversations it was sent to. */
  sent: number;
}

export interface SubscribeOptions {
  /** Template ids from the console ("tpl_..."), 1 to 3 of them. */
  templateIds: string[];
}

/** Each asked template's answer. */
export type SubscribeResult = Record<string, "accept" | "reject">;

export interface ToastOptions {
  /** Up to 40 characters. */
  title: string;
  icon?: "success" | "error";
}

export interface ModalOptions {
  title: string;
  content?: string;
  confirmText?: string;
}

export interface ModalResult {
  confirm: boolean;
}

export interface NavigateOptions {
  /** A path of this mini-program, "/pages/detail.html?id=3". */
  path: string;
}

export interface OpenMiniProgramOptions {
  appId: string;
  path?: string;
}

/** Per app and person, kept on the Plaza server: 1,024 keys of 1 to 128 characters, values up to 4 KB. */
export interface PlazaStorage {
  /** The value, or null when the key is not set. */
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  remove(key: string): Promise<void>;
}

export type PlazaMethod =
  | "login"
  | "getUserProfile"
  | "getPhoneNumber"
  | "getLocation"
  | "chooseImage"
  | "scanCode"
  | "requestPayment"
  | "shareToChat"
  | "requestSubscribeMessage"
  | "storage.get"
  | "storage.set"
  | "storage.remove"
  | "navigateTo"
  | "navigateBack"
  | "setTitle"
  | "showToast"
  | "showModal"
  | "openMiniProgram"
  | "close";

export interface Plaza {
  /** This plaza.js's version, "1.0.0". */
  readonly version: string;
  /** The scene the mini-program was opened with (a QR code's or link's), or null. */
  readonly scene: string | null;
  /** Whether this plaza.js can call `method`. */
  supports(method: PlazaMethod | (string & {})): boolean;
  /** Tells the host the first page is drawn: it hides the loading screen. Call it once. */
  ready(): void;
  login(): Promise<LoginResult>;
  /** Asks for the "profile" scope. */
  getUserProfile(): Promise<UserProfile>;
  /** Asks for the "phone" scope. */
  getPhoneNumber(): Promise<PhoneNumberResult>;
  /** Asks for the "location" scope. */
  getLocation(): Promise<LocationResult>;
  chooseImage(options?: ChooseImageOptions): Promise<ChooseImageResult>;
  /** Asks for the "camera" scope. */
  scanCode(): Promise<ScanCodeResult>;
  /** Opens the host's payment sheet; rejects with "payments.cancelled" when dismissed. */
  requestPayment(options: RequestPaymentOptions): Promise<PaymentResult>;
  shareToChat(options?: ShareOptions): Promise<ShareResult>;
  requestSubscribeMessage(options: SubscribeOptions): Promise<SubscribeResult>;
  readonly storage: PlazaStorage;
  navigateTo(options: NavigateOptions): Promise<void>;
  navigateBack(): Promise<void>;
  setTitle(title: string): Promise<void>;
  showToast(options: ToastOptions): Promise<void>;
  showModal(options: ModalOptions): Promise<ModalResult>;
  openMiniProgram(options: OpenMiniProgramOptions): Promise<void>;
  close(): Promise<void>;
}

declare const plaza: Plaza;
export default plaza;

declare global {
  interface Window {
    /** Set by `<script type="module" src="/__plaza__/plaza.js">`. */
    readonly plaza: Plaza;
  }
}
