// What each plaza.js call does in the host (docs/open-platform/plaza-js.md). The host's
// screens (consent, payment, scanner, ...) are reached through `ask`, which shows one and
// settles with the person's answer; everything that needs the person's data or money goes
// through one of them.

import { me } from "../../identity/store";
import { showToast } from "../../shell/store";
import {
  answerSubscriptions,
  getOrder,
  grantScope,
  loginCode,
  phoneCode,
  storageGet,
  storageRemove,
  storageSet,
  subscribeTemplates,
  type HostOrder,
  type Scope,
  type SubscribeTemplate,
} from "./api";
import type { Handler } from "./bridge";
import { appPath, CallError, optionalString, stringParam, type Params } from "./protocol";

export type Prompt =
  | { kind: "consent"; scope: Scope }
  | { kind: "payment"; order: HostOrder }
  | { kind: "subscribe"; templates: SubscribeTemplate[] }
  | { kind: "modal"; title: string; content: string; confirmText: string | undefined }
  | { kind: "scan" }
  | { kind: "share"; title: string; path: string };

/** What each screen settles with; null when dismissed. */
export interface PromptAnswers {
  consent: boolean;
  payment: HostOrder | null;
  subscribe: string[] | null;
  modal: boolean;
  scan: string | null;
  share: number | null;
}

export type Ask = <K extends Prompt["kind"]>(prompt: Extract<Prompt, { kind: K }>) => Promise<PromptAnswers[K]>;

export interface HostContext {
  appId: string;
  origin: string;
  /** The scopes granted so far (loaded at launch, added to by the consent dialog). */
  scopes: Set<Scope>;
  ask: Ask;
  /** The page on top of the mini-program's stack. */
  page: () => { path: string; title: string };
  navigateTo: (path: string) => void;
  navigateBack: () => void;
  setTitle: (title: string) => void;
  openMiniProgram: (appId: string, path: string | undefined) => void;
  close: () => void;
}

const TITLE_MAX = 64;
const TOAST_MAX = 40;
const MODAL_TEXT_MAX = 500;
const IMAGES_MAX = 9;
const TEMPLATES_MAX = 3;
const APP_ID = /^[a-z0-9]{4,32}$/;
const LOCATION_TIMEOUT_MS = 15_000;

/** Whether the person just did something (a tap, a key), here or inside the frame: Chromium and
 * Safari pass a frame's user activation up to the page around it. */
function hasGesture(): boolean {
  return navigator.userActivation?.isActive ?? true;
}

/** Host screens the person did not ask for are refused: a mini-program cannot pop them up on its own. */
function requireGesture(): void {
  if (!hasGesture()) throw new CallError("consent.gesture_required", "Call this from a tap or a key press");
}

/** Makes sure the person granted `scope`: asks on their gesture, remembers an Allow. */
async function consent(ctx: HostContext, scope: Scope): Promise<void> {
  if (ctx.scopes.has(scope)) return;
  requireGesture();
  if (!(await ctx.ask({ kind: "consent", scope }))) throw new CallError("consent.denied", "The person said no");
  await grantScope(ctx.appId, scope);
  ctx.scopes.add(scope);
}

function locate(): Promise<{ latitude: number; longitude: number; accuracy: number }> {
  return new Promise((resolve, reject) => {
    const unavailable = () => reject(new CallError("location.unavailable", "The location is not available"));
    if (!("geolocation" in navigator)) {
      unavailable();
      return;
    }
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => resolve({ latitude: coords.latitude, longitude: coords.longitude, accuracy: coords.accuracy }),
      unavailable,
      { timeout: LOCATION_TIMEOUT_MS, maximumAge: 60_000 },
    );
  });
}

/** The host's own file picker: the mini-program never sees the person's files, only what they pick. */
function pickImages(count: number): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement("input");
    input.type = "file";
    input.accept = "image/*";
    input.multiple = count > 1;
    input.addEventListener("change", () => resolve(Array.from(input.files ?? []).slice(0, count)), { once: true });
    input.addEventListener("cancel", () => resolve([]), { once: true });
    input.click();
  });
}

function dataUrl(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(new CallError("image.cancelled", "The picture could not be read"));
    reader.readAsDataURL(file);
  });
}

function templateIds(params: Params): string[] {
  const ids = params["templateIds"];
  if (
    !Array.isArray(ids) ||
    ids.length < 1 ||
    ids.length > TEMPLATES_MAX ||
    !ids.every((id): id is string => typeof id === "string" && id.length > 0 && id.length <= 64)
  ) {
    throw new CallError("bridge.invalid_params", `templateIds must list 1 to ${TEMPLATES_MAX} template ids`);
  }
  return [...new Set(ids)];
}

export function createHandlers(ctx: HostContext): Record<string, Handler> {
  const { appId } = ctx;
  return {
    login: async () => ({ code: (await loginCode(appId)).code }),

    getUserProfile: async () => {
      await consent(ctx, "profile");
      const person = me.value;
      if (person === null) throw new CallError("bridge.failed", "Not signed in");
      const avatar = person.avatar ? new URL(person.avatar.medium, location.origin).href : "";
      return { nickname: person.display_name, avatarUrl: avatar };
    },

    getPhoneNumber: async () => {
      await consent(ctx, "phone");
      return { code: (await phoneCode(appId)).code };
    },

    getLocation: async () => {
      await consent(ctx, "location");
      return locate();
    },

    chooseImage: async (params) => {
      const count = params["count"] ?? 1;
      if (typeof count !== "number" || !Number.isInteger(count) || count < 1 || count > IMAGES_MAX) {
        throw new CallError("bridge.invalid_params", `count is 1 to ${IMAGES_MAX}`);
      }
      requireGesture(); // the browser shows no file picker without one
      const files = await pickImages(count);
      if (files.length === 0) throw new CallError("image.cancelled", "No picture was chosen");
      const images = await Promise.all(
        files.map(async (file) => ({ name: file.name, type: file.type, size: file.size, blob: file, dataUrl: await dataUrl(file) })),
      );
      return { images };
    },

    scanCode: async () => {
      await consent(ctx, "camera");
      const text = await ctx.ask({ kind: "scan" });
      if (text === null) throw new CallError("scan.cancelled", "The scanner was closed");
      return { result: text };
    },

    requestPayment: async (params) => {
      const prepayId = stringParam(params, "prepayId", 1, 64);
      const order = await getOrder(appId, prepayId);
      if (order.status === "SUCCESS") return { status: "SUCCESS" };
      if (order.status !== "NOTPAY") throw new CallError("payments.order_closed", "The order is closed");
      const paid = await ctx.ask({ kind: "payment", order });
      if (paid === null) throw new CallError("payments.cancelled", "The person closed the payment sheet");
      return { status: "SUCCESS" };
    },

    shareToChat: async (params) => {
      const page = ctx.page();
      const title = optionalString(params, "title", TITLE_MAX) || page.title;
      const path = params["path"] === undefined ? page.path : appPath(ctx.origin, params["path"]);
      requireGesture();
      const sent = await ctx.ask({ kind: "share", title, path });
      if (sent === null) throw new CallError("share.cancelled", "The person did not share");
      return { sent };
    },

    requestSubscribeMessage: async (params) => {
      const ids = templateIds(params);
      requireGesture();
      const templates = await subscribeTemplates(appId, ids);
      const accepted = (await ctx.ask({ kind: "subscribe", templates })) ?? [];
      const rejected = ids.filter((id) => !accepted.includes(id));
      return answerSubscriptions(appId, accepted, rejected);
    },

    "storage.get": async (params) => ({ value: await storageGet(appId, stringParam(params, "key", 1, 128)) }),

    "storage.set": async (params) => {
      const value = params["value"];
      if (typeof value !== "string") throw new CallError("bridge.invalid_params", "value must be a string");
      await storageSet(appId, stringParam(params, "key", 1, 128), value);
      return {};
    },

    "storage.remove": async (params) => {
      await storageRemove(appId, stringParam(params, "key", 1, 128));
      return {};
    },

    navigateTo: async (params) => {
      ctx.navigateTo(appPath(ctx.origin, params["path"]));
      return {};
    },

    navigateBack: async () => {
      ctx.navigateBack();
      return {};
    },

    setTitle: async (params) => {
      ctx.setTitle(stringParam(params, "title", 0, TITLE_MAX));
      return {};
    },

    showToast: async (params) => {
      const icon = params["icon"];
      if (icon !== undefined && icon !== "success" && icon !== "error") {
        throw new CallError("bridge.invalid_params", 'icon is "success" or "error"');
      }
      showToast(stringParam(params, "title", 1, TOAST_MAX), icon === "error" ? "warning" : "done");
      return {};
    },

    showModal: async (params) => {
      const title = stringParam(params, "title", 1, TITLE_MAX);
      const content = optionalString(params, "content", MODAL_TEXT_MAX) ?? "";
      const confirmText = optionalString(params, "confirmText", 8);
      return { confirm: await ctx.ask({ kind: "modal", title, content, confirmText: confirmText || undefined }) };
    },

    openMiniProgram: async (params) => {
      const target = stringParam(params, "appId", 1, 64);
      if (!APP_ID.test(target)) throw new CallError("bridge.invalid_params", "Not an app id");
      requireGesture();
      const path = params["path"] === undefined ? undefined : appPath("http://x.invalid", params["path"]);
      ctx.openMiniProgram(target, path);
      return {};
    },

    close: async () => {
      ctx.close();
      return {};
    },
  };
}
