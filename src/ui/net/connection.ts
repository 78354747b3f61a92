/**
 * The WebSocket to `/ws`: decodes server messages in order (inflating Deflated ones first, one at a time, so a
 * compressed message never overtakes a plain one), and reconnects with exponential backoff and jitter.
 * @module
 */

import {
  type ClientRequest,
  type ControlMessage,
  decodeInflated,
  decodeServerMessage,
  type PacketBatch,
} from "../../wire/messages.ts";

/** RFC 6455 §7.4.1 / IANA: 1013 "Try Again Later", which the server sends when it is full. */
export const CLOSE_TRY_AGAIN_LATER = 1013;

export type ConnectionState =
  | { kind: "connecting"; attempt: number }
  | { kind: "open" }
  /** Closed; a reconnect is scheduled at `retryAt` (ms since epoch). */
  | { kind: "closed"; full: boolean; reason: string; retryAt: number; attempt: number };

export interface ConnectionHandlers {
  onState(state: ConnectionState): void;
  onControl(message: ControlMessage): void;
  onBatch(batch: PacketBatch): void;
  onInvalid(reason: string): void;
}

const MIN_RETRY_MS = 500;
const MAX_RETRY_MS = 15_000;
/** When the server is full, waiting longer is kinder to it. */
const FULL_RETRY_MS = 5_000;

export class Connection {
  #ws: WebSocket | null = null;
  #attempt = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Messages waiting behind a Deflated one still being inflated. */
  #chain: Promise<void> = Promise.resolve();
  #pending = 0;
  #closedByUs = false;
  /** Set from the last `error` message, so the close that follows can say why. */
  #lastError: ControlMessage | null = null;

  constructor(readonly url: string, readonly handlers: ConnectionHandlers) {}

  get open(): boolean {
    return this.#ws?.readyState === WebSocket.OPEN;
  }

  connect(): void {
    clearTimeout(this.#timer);
    this.#closedByUs = false;
    this.#lastError = null;
    this.handlers.onState({ kind: "connecting", attempt: this.#attempt });
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.url);
    } catch (e) {
      this.#scheduleRetry(false, (e as Error).message);
      return;
    }
    ws.binaryType = "arraybuffer";
    this.#ws = ws;
    this.#chain = Promise.resolve();
    this.#pending = 0;
    ws.onopen = () => {
      this.#attempt = 0;
      this.handlers.onState({ kind: "open" });
    };
    ws.onmessage = (ev) => {
      if (ws !== this.#ws || !(ev.data instanceof ArrayBuffer)) return;
      this.#receive(new Uint8Array(ev.data));
    };
    ws.onclose = (ev) => {
      if (ws !== this.#ws || this.#closedByUs) return;
      const err = this.#lastError;
      const full = ev.code === CLOSE_TRY_AGAIN_LATER || (err?.type === "error" && err.code === "too-many-clients");
      const reason = ev.reason || (err?.type === "error" ? err.message : "") ||
        (ev.code === 1006 ? "server unreachable" : `closed (${ev.code})`);
      this.#scheduleRetry(full, reason);
    };
  }

  #scheduleRetry(full: boolean, reason: string): void {
    this.#attempt++;
    const base = Math.min(MAX_RETRY_MS, MIN_RETRY_MS * 2 ** Math.min(this.#attempt - 1, 10));
    const delay = Math.max(full ? FULL_RETRY_MS : 0, base) * (0.8 + Math.random() * 0.4);
    const retryAt = Date.now() + delay;
    this.handlers.onState({ kind: "closed", full, reason, retryAt, attempt: this.#attempt });
    this.#timer = setTimeout(() => this.connect(), delay);
  }

  /** Reconnects now (the banner's "retry now"). */
  retryNow(): void {
    this.close();
    this.connect();
  }

  close(): void {
    this.#closedByUs = true;
    clearTimeout(this.#timer);
    this.#ws?.close();
    this.#ws = null;
  }

  send(req: ClientRequest): boolean {
    if (!this.open) return false;
    this.#ws!.send(JSON.stringify(req));
    return true;
  }

  #receive(data: Uint8Array): void {
    const msg = decodeServerMessage(data);
    if (msg.kind === "deflated" || this.#pending > 0) {
      this.#pending++;
      const ws = this.#ws;
      this.#chain = this.#chain.then(async () => {
        try {
          const inner = msg.kind === "deflated" ? await decodeInflated(msg.bytes) : msg;
          if (ws === this.#ws) this.#dispatch(inner);
        } finally {
          this.#pending--;
        }
      });
      return;
    }
    this.#dispatch(msg);
  }

  #dispatch(msg: ReturnType<typeof decodeServerMessage>): void {
    if (msg.kind === "control") {
      if (msg.message.type === "error") this.#lastError = msg.message;
      this.handlers.onControl(msg.message);
    } else if (msg.kind === "packets") this.handlers.onBatch(msg);
    else if (msg.kind === "invalid") this.handlers.onInvalid(msg.reason);
    else this.handlers.onInvalid("a Deflated message wrapped another Deflated message");
  }
}
