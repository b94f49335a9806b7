// The wire protocol between the host and a mini-program's plaza.js (sdk/js/plaza.js,
// docs/open-platform/plaza-js.md): requests and the ready event in, responses out.
// Everything that arrives is untrusted: anything not exactly of these shapes is ignored.

export const PROTOCOL = 1;

export type Params = Record<string, unknown>;

export interface Request {
  id: number;
  method: string;
  params: Params;
  /** The launch session from the frame's hash, echoed by plaza.js. */
  session: string;
}

export type Incoming = { kind: "request"; request: Request } | { kind: "ready"; session: string };

export interface BridgeError {
  code: string;
  message: string;
}

export type Response =
  | { plaza: typeof PROTOCOL; id: number; ok: true; result: unknown }
  | { plaza: typeof PROTOCOL; id: number; ok: false; error: BridgeError };

const METHOD = /^[A-Za-z][A-Za-z.]{0,63}$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A request or the ready event, or null for anything else (which the host ignores). */
export function parseIncoming(data: unknown): Incoming | null {
  if (!isRecord(data) || data["plaza"] !== PROTOCOL || typeof data["session"] !== "string") return null;
  const session = data["session"];
  if (data["event"] === "ready" && !("id" in data)) return { kind: "ready", session };
  const { id, method, params } = data;
  if (typeof id !== "number" || !Number.isSafeInteger(id) || id < 0) return null;
  if (typeof method !== "string" || !METHOD.test(method)) return null;
  if (params !== undefined && !isRecord(params)) return null;
  return { kind: "request", request: { id, method, params: params ?? {}, session } };
}

/** A call the host refuses, with a stable code for the mini-program. */
export class CallError extends Error {
  readonly code: string;

  constructor(code: string, message = "") {
    super(message || code);
    this.name = "CallError";
    this.code = code;
  }
}

/** `params[name]` as a string of `min`..`max` characters, else `bridge.invalid_params`. */
export function stringParam(params: Params, name: string, min = 1, max = 1024): string {
  const value = params[name];
  if (typeof value !== "string" || value.length < min || value.length > max) {
    throw new CallError("bridge.invalid_params", `${name} must be a string of ${min} to ${max} characters`);
  }
  return value;
}

/** As stringParam, or undefined when absent. */
export function optionalString(params: Params, name: string, max = 1024): string | undefined {
  return params[name] === undefined ? undefined : stringParam(params, name, 0, max);
}

/** A mini-program path: "/pages/x.html?id=1" on the app's own origin; else `navigation.invalid_path`. */
export function appPath(origin: string, value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.length > 1024) {
    throw new CallError("navigation.invalid_path", "A path starts with one / and has up to 1024 characters");
  }
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    throw new CallError("navigation.invalid_path", "Not a path");
  }
  if (url.origin !== origin) throw new CallError("navigation.invalid_path", "Not a path of this mini-program");
  return url.pathname + url.search;
}
