// The WebSocket client: authenticates with the first frame, keeps the socket alive with
// pings, reconnects with exponential back-off, and after every (re)connect catches up
// with GET /v1/sync from the last applied seq. Events reach `apply` once each, in seq
// order; live frames that arrive while catching up wait until it is done.

import { api } from "../api/client";
import type { SyncPage } from "../api/types";
import type { RealtimeEvent } from "./events";

const PING_MS = 25_000;
/** No frame (not even a pong) for this long: the socket is dead even if it looks open. */
const STALE_MS = 60_000;
const BACKOFF_MIN_MS = 1_000;
const BACKOFF_MAX_MS = 30_000;
const SYNC_PAGE = 500;
const CLOSE_POLICY_VIOLATION = 1008;
/** Close reasons that mean the session is over, not that the network hiccupped. */
const SESSION_ENDED = new Set(["auth.token_invalid", "auth.token_revoked"]);

export type ConnectionState = "connecting" | "online" | "offline";

export interface ClientOptions {
  token: string;
  /** The seq of the last event this device applied. */
  cursor: number;
  /** Applies one event; events with a seq come in order, exactly once. */
  apply: (event: RealtimeEvent) => void;
  onCursor: (seq: number) => void;
  onState: (state: ConnectionState) => void;
  onSessionEnded: (code: string) => void;
}

interface Frame {
  type?: unknown;
  seq?: unknown;
  data?: unknown;
  code?: unknown;
  detail?: unknown;
}

function socketUrl(): string {
  return `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws`;
}

export class RealtimeClient {
  private readonly options: ClientOptions;
  private socket: WebSocket | null = null;
  private ready = false;
  private stopped = false;
  private attempt = 0;
  private retryTimer: number | undefined;
  private pingTimer: number | undefined;
  private lastFrameAt = 0;
  private cursor: number;
  private syncing = false;
  private syncAgain = false;
  private buffered: RealtimeEvent[] = [];

  constructor(options: ClientOptions) {
    this.options = options;
    this.cursor = options.cursor;
  }

  start(): void {
    window.addEventListener("online", this.wake);
    document.addEventListener("visibilitychange", this.onVisibility);
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    window.removeEventListener("online", this.wake);
    document.removeEventListener("visibilitychange", this.onVisibility);
    window.clearTimeout(this.retryTimer);
    window.clearInterval(this.pingTimer);
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000);
    this.options.onState("offline");
  }

  /** Sends a frame on a ready socket; false when there is none. */
  send(frame: Record<string, unknown>): boolean {
    if (!this.ready || this.socket?.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(frame));
    return true;
  }

  /** Page visible again or back online: reconnect now, or check for missed events. */
  private readonly wake = (): void => {
    if (this.stopped) return;
    if (this.socket === null) {
      window.clearTimeout(this.retryTimer);
      this.retryTimer = undefined;
      this.attempt = 0;
      this.connect();
    } else if (this.ready) {
      void this.catchUp();
    }
  };

  private readonly onVisibility = (): void => {
    if (document.visibilityState === "visible") this.wake();
  };

  private connect(): void {
    this.retryTimer = undefined;
    this.options.onState("connecting");
    let socket: WebSocket;
    try {
      socket = new WebSocket(socketUrl());
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    this.ready = false;
    socket.onopen = () => socket.send(JSON.stringify({ type: "auth", token: this.options.token }));
    socket.onmessage = (message: MessageEvent) => {
      if (socket !== this.socket || typeof message.data !== "string") return;
      this.lastFrameAt = Date.now();
      this.onFrame(message.data);
    };
    socket.onclose = (event: CloseEvent) => {
      if (socket !== this.socket) return;
      this.socket = null;
      this.ready = false;
      window.clearInterval(this.pingTimer);
      this.options.onState("offline");
      if (event.code === CLOSE_POLICY_VIOLATION && SESSION_ENDED.has(event.reason)) {
        this.options.onSessionEnded(event.reason);
        return;
      }
      this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.retryTimer !== undefined) return;
    const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** this.attempt);
    this.attempt += 1;
    this.retryTimer = window.setTimeout(() => this.connect(), delay * (0.8 + Math.random() * 0.4));
  }

  private startPinging(): void {
    window.clearInterval(this.pingTimer);
    this.pingTimer = window.setInterval(() => {
      if (Date.now() - this.lastFrameAt > STALE_MS) {
        this.socket?.close();
        return;
      }
      this.send({ type: "ping" });
    }, PING_MS);
  }

  private onFrame(text: string): void {
    let frame: Frame;
    try {
      frame = JSON.parse(text) as Frame;
    } catch {
      return;
    }
    if (typeof frame.type !== "string") return;
    switch (frame.type) {
      case "ready":
        this.ready = true;
        this.attempt = 0;
        this.options.onState("online");
        this.startPinging();
        void this.catchUp();
        return;
      case "pong":
        return;
      case "error":
        console.warn("realtime:", frame.code, frame.detail);
        return;
    }
    const data = typeof frame.data === "object" && frame.data !== null ? (frame.data as Record<string, unknown>) : {};
    const seq = typeof frame.seq === "number" ? frame.seq : null;
    const event: RealtimeEvent = { type: frame.type, seq, data };
    if (seq === null) this.deliver(event);
    else this.receive(event, seq);
  }

  private receive(event: RealtimeEvent, seq: number): void {
    if (this.syncing) {
      this.buffered.push(event);
    } else if (seq === this.cursor + 1) {
      this.applyInOrder(event, seq);
    } else if (seq > this.cursor) {
      // A gap: something was missed; sync fills it, then this frame follows.
      this.buffered.push(event);
      void this.catchUp();
    }
  }

  private deliver(event: RealtimeEvent): void {
    try {
      this.options.apply(event);
    } catch (error) {
      console.error("realtime: applying", event.type, error);
    }
  }

  private applyInOrder(event: RealtimeEvent, seq: number): void {
    this.deliver(event);
    this.cursor = seq;
    this.options.onCursor(seq);
  }

  private async catchUp(): Promise<void> {
    if (this.syncing) {
      this.syncAgain = true;
      return;
    }
    this.syncing = true;
    try {
      for (let round = 1; ; round++) {
        this.syncAgain = false;
        let more = true;
        while (more && !this.stopped) {
          const page = await api.get<SyncPage>(`/v1/sync?cursor=${this.cursor}&limit=${SYNC_PAGE}`);
          for (const event of page.events) {
            if (event.seq > this.cursor) this.applyInOrder({ type: event.type, seq: event.seq, data: event.data }, event.seq);
          }
          more = page.has_more && page.events.length > 0;
        }
        // Live frames that came meanwhile follow on; a gap left means syncing once more
        // (after which the server has nothing between, so they apply as they are).
        const waiting = this.buffered.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
        this.buffered = [];
        for (const event of waiting) {
          const seq = event.seq ?? 0;
          if (seq <= this.cursor) continue;
          if (seq !== this.cursor + 1 && round < 2) {
            this.syncAgain = true;
            break;
          }
          this.applyInOrder(event, seq);
        }
        if (!this.syncAgain || this.stopped) break;
      }
    } catch {
      // Unreachable or failing: drop the socket, and the reconnect syncs again.
      this.buffered = [];
      this.socket?.close();
    } finally {
      this.syncing = false;
    }
  }
}
