// The host end of the bridge to one running mini-program (protocol.ts): listens for its
// requests, checks where each comes from, runs the handler and posts the answer back.
//
// Who may talk to us: only the window inside *our* iframe (event.source), carrying the
// launch session we put in that frame's hash (a page the mini-program navigated its frame to
// on its own, such as another site, has none). The frame is sandboxed without
// allow-same-origin, so the browser reports its origin as the opaque "null"; the app's own
// origin is the only other one accepted. For the same reason answers cannot name a target
// origin the opaque document would match, so they go to that frame's window with "*", and
// only while the session that asked is still the frame's (every host navigation starts a
// new one, and drops what the previous page was still waiting for).

import { ApiError } from "../../api/client";
import { CallError, parseIncoming, PROTOCOL, type Params, type Response } from "./protocol";

/** What a sandboxed frame's messages carry as their origin. */
const OPAQUE_ORIGIN = "null";

export type Handler = (params: Params) => Promise<unknown>;

export interface BridgeOptions {
  /** The mini-program's own origin (DirectoryEntry.origin). */
  origin: string;
  /** The iframe now showing the mini-program, if any. */
  frame: () => HTMLIFrameElement | null;
  /** The session of the page now in the frame. */
  session: () => string;
  handlers: Readonly<Record<string, Handler>>;
  onReady: () => void;
}

function toError(error: unknown): { code: string; message: string } {
  if (error instanceof CallError) return { code: error.code, message: error.message };
  if (error instanceof ApiError) return { code: error.code, message: error.detail };
  return { code: "bridge.failed", message: "The host could not complete the call" };
}

/** Starts answering the mini-program; returns the function that stops it. */
export function startBridge(options: BridgeOptions): () => void {
  function reply(frame: HTMLIFrameElement, session: string, response: Response): void {
    if (options.frame() !== frame || options.session() !== session) return;
    frame.contentWindow?.postMessage(response, "*");
  }

  async function run(frame: HTMLIFrameElement, session: string, id: number, method: string, params: Params) {
    const handler = Object.prototype.hasOwnProperty.call(options.handlers, method) ? options.handlers[method] : undefined;
    try {
      if (!handler) throw new CallError("bridge.unknown_method", `plaza.${method} is not a call this host knows`);
      const result = await handler(params);
      reply(frame, session, { plaza: PROTOCOL, id, ok: true, result: result ?? {} });
    } catch (error) {
      reply(frame, session, { plaza: PROTOCOL, id, ok: false, error: toError(error) });
    }
  }

  function onMessage(event: MessageEvent) {
    const frame = options.frame();
    if (frame === null || frame.contentWindow === null || event.source !== frame.contentWindow) return;
    if (event.origin !== OPAQUE_ORIGIN && event.origin !== options.origin) return;
    const incoming = parseIncoming(event.data);
    if (incoming === null) return;
    const session = options.session();
    const claimed = incoming.kind === "ready" ? incoming.session : incoming.request.session;
    if (claimed !== session) return;
    if (incoming.kind === "ready") options.onReady();
    else void run(frame, session, incoming.request.id, incoming.request.method, incoming.request.params);
  }

  window.addEventListener("message", onMessage);
  return () => window.removeEventListener("message", onMessage);
}
