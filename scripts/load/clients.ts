/**
 * The load harness's client kinds. Each feeds what it receives into a {@linkcode StreamAccount}.
 *
 * - fast: the WebSocket API, as the browser UI uses it; every message is handled as it arrives.
 * - slow: {@linkcode RawWebSocket}, reading the socket only as fast as a packet budget allows (a token bucket of
 *   `rate` packets/s with 100 ms of burst). The rest waits in the kernel, so the server sees TCP backpressure.
 * - stalled: {@linkcode RawWebSocket}; reads the hello and the `selected` answer, then stops reading until the
 *   measurement ends. Afterwards it drains what the server still sends, to count the `dropped` notices it was given.
 * - churn: {@linkcode RawWebSocket} sessions that read everything for a random lifetime around a mean, then leave,
 *   alternately with a close frame and by dropping the TCP connection, and reconnect.
 * @module
 */

import {
  type DecodedMessage,
  decodeInflated,
  decodeServerMessage,
  MessageKind,
  type SourceDescription,
} from "../../src/wire/messages.ts";
import { type AccountJSON, StreamAccount, type Window } from "./stream_account.ts";
import { Opcode, RawWebSocket } from "./raw_ws.ts";
import { LogHistogram } from "./histogram.ts";

export type ClientKind = "fast" | "slow" | "stalled" | "churn";

export interface ClientSpec {
  name: string;
  kind: ClientKind;
  /** Packets/s a slow client reads. */
  rate?: number;
}

export interface ClientResult {
  name: string;
  kind: ClientKind;
  /** Sessions opened (1 except for churn). */
  sessions: number;
  account: AccountJSON;
  connectErrors: string[];
  /** Close code from the server, when it closed the connection (with its reason and when, in s after the window). */
  closeCode: number | null;
  closeReason: string;
  closedAfterWindowS: number | null;
}

/** Which source a client selects: the one given, else the first live interface, else 0. */
export function pickSource(sources: SourceDescription[], wanted: number | null): number {
  if (wanted !== null) return wanted;
  return sources.find((s) => s.kind === "interface")?.id ?? 0;
}

const wallMs = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Decodes one message (inflating it when compressed) into the account, and returns it decoded. */
async function account(acc: StreamAccount, data: Uint8Array, arrivalMs: number): Promise<DecodedMessage> {
  const raw = decodeServerMessage(data);
  if (raw.kind === "deflated") acc.deflated++;
  const m = raw.kind === "deflated" ? await decodeInflated(raw.bytes) : raw;
  if (m.kind === "control") acc.control(m.message, arrivalMs);
  else if (m.kind === "packets") acc.batch(m, arrivalMs);
  else {
    acc.invalid++;
    acc.error(m.reason);
  }
  return m;
}

/** A client of any kind; `run` resolves when it has finished (after the window, or at `stop`). */
export abstract class LoadClient {
  acc: StreamAccount;
  sessions = 0;
  readonly connectErrors: string[] = [];
  closeCode: number | null = null;
  closeReason = "";
  closedAtMs: number | null = null;
  /** Resolves when the client has selected its source (or failed to). */
  readonly ready: Promise<void>;
  markReady!: () => void;

  constructor(
    readonly spec: ClientSpec,
    readonly wsUrl: string,
    readonly source: number | null,
    readonly window: Window,
  ) {
    this.acc = new StreamAccount(window);
    this.ready = new Promise((r) => this.markReady = r);
  }

  abstract run(endAtMs: () => number): Promise<void>;

  result(): ClientResult {
    return {
      name: this.spec.name,
      kind: this.spec.kind,
      sessions: this.sessions,
      account: this.acc.toJSON(),
      connectErrors: this.connectErrors,
      closeCode: this.closeCode,
      closeReason: this.closeReason,
      closedAfterWindowS: this.closedAtMs === null ? null : Math.round(this.closedAtMs - this.window.toMs) / 1000,
    };
  }

  /** Records a close the server initiated. */
  serverClosed(code: number, reason: string): void {
    this.closeCode = code;
    this.closeReason = reason;
    this.closedAtMs = wallMs();
  }

  fail(e: unknown): void {
    if (this.connectErrors.length < 10) this.connectErrors.push((e as Error).message ?? String(e));
  }
}

/** The WebSocket API client: handles each message as it comes. Compressed messages keep their order via a chain. */
export class FastClient extends LoadClient {
  #ws: WebSocket | null = null;

  run(endAtMs: () => number): Promise<void> {
    this.sessions = 1;
    return new Promise<void>((resolve) => {
      const ws = new WebSocket(this.wsUrl);
      this.#ws = ws;
      ws.binaryType = "arraybuffer";
      let chain: Promise<unknown> = Promise.resolve();
      let pending = 0;
      const handle = async (data: Uint8Array, arrival: number) => {
        const m = await account(this.acc, data, arrival);
        if (m.kind !== "control") return;
        if (m.message.type === "hello") {
          ws.send(JSON.stringify({ type: "select", source: pickSource(m.message.sources, this.source) }));
        } else if (m.message.type === "selected") this.markReady();
      };
      ws.onmessage = (ev) => {
        const arrival = wallMs();
        const data = new Uint8Array(ev.data as ArrayBuffer);
        // Plain messages are handled at once; from the first compressed one on, a chain keeps the arrival order.
        if (pending === 0 && data[0] !== MessageKind.Deflated) {
          void handle(data, arrival);
          return;
        }
        pending++;
        chain = chain.then(() => handle(data, arrival)).finally(() => pending--);
      };
      ws.onerror = (e) => this.fail(new Error((e as ErrorEvent).message ?? "WebSocket error"));
      ws.onclose = (ev) => {
        if (ev.code !== 1000 && ev.code !== 1005) this.serverClosed(ev.code, ev.reason);
        this.markReady();
        clearTimeout(timer);
        chain.then(() => resolve());
      };
      const timer = setTimeout(function check(this: void) {
        if (wallMs() >= endAtMs()) ws.close(1000);
        else setTimeout(check, 100);
      }, 100);
    });
  }
}

/** Opens a raw connection, reads up to `selected` (selecting on hello); returns null when it failed. */
async function openAndSelect(c: LoadClient): Promise<RawWebSocket | null> {
  let ws: RawWebSocket;
  try {
    ws = await RawWebSocket.connect(c.wsUrl);
  } catch (e) {
    c.fail(e);
    return null;
  }
  c.sessions++;
  while (true) {
    const msg = await ws.nextMessage().catch((e) => (c.fail(e), null));
    if (!msg) {
      if (ws.closeCode !== null) c.serverClosed(ws.closeCode, ws.closeReason);
      return null;
    }
    if (msg.opcode !== Opcode.Binary) continue;
    const m = await account(c.acc, msg.data, wallMs());
    if (m.kind === "control" && m.message.type === "hello") {
      await ws.sendText(JSON.stringify({ type: "select", source: pickSource(m.message.sources, c.source) }));
    }
    if (m.kind === "control" && m.message.type === "selected") return ws;
  }
}

/** Reads and accounts messages until the connection ends; `after` may pause between messages. */
async function readAll(c: LoadClient, ws: RawWebSocket, after?: (m: DecodedMessage) => Promise<void>): Promise<void> {
  while (true) {
    const msg = await ws.nextMessage().catch((e) => (c.fail(e), null));
    if (!msg) break;
    if (msg.opcode !== Opcode.Binary) continue;
    const m = await account(c.acc, msg.data, wallMs());
    if (after) await after(m);
  }
  if (ws.closeCode !== null && ws.closeCode !== 1000) c.serverClosed(ws.closeCode, ws.closeReason);
}

export class SlowClient extends LoadClient {
  async run(endAtMs: () => number): Promise<void> {
    const ws = await openAndSelect(this);
    this.markReady();
    if (!ws) return;
    const rate = this.spec.rate ?? 100;
    let virtualMs = wallMs();
    const stop = setInterval(() => wallMs() >= endAtMs() && ws.close(), 100);
    await readAll(this, ws, async (m) => {
      const packets = m.kind === "packets" ? m.count : 0;
      // Token bucket: each packet costs 1/rate s of a virtual clock that may run at most 100 ms behind real time.
      virtualMs = Math.max(virtualMs, wallMs() - 100) + packets * 1000 / rate;
      const wait = virtualMs - wallMs();
      if (wait > 0) await sleep(wait);
    });
    clearInterval(stop);
  }
}

/**
 * How long a stalled client drains after the window (the sender has stopped by then): until no packet or drop notice
 * came for `DRAIN_IDLE_MS`, or at most `DRAIN_MAX_MS`.
 */
const DRAIN_IDLE_MS = 1500;
const DRAIN_MAX_MS = 15_000;

export class StalledClient extends LoadClient {
  /** Whether the drain read everything (the server went quiet) rather than hitting the time limit. */
  drainedAll = false;

  async run(endAtMs: () => number): Promise<void> {
    const ws = await openAndSelect(this);
    this.markReady();
    if (!ws) return;
    while (wallMs() < endAtMs()) await sleep(Math.min(200, Math.max(1, endAtMs() - wallMs())));
    let last = wallMs();
    const started = last;
    const watchdog = setInterval(() => {
      const now = wallMs();
      if (now - last > DRAIN_IDLE_MS || now - started > DRAIN_MAX_MS) {
        this.drainedAll = now - last > DRAIN_IDLE_MS;
        ws.close();
      }
    }, 100);
    await readAll(this, ws, (m) => {
      // Periodic stats do not count as activity: the drain ends when packets and drop notices stop.
      if (m.kind === "packets" || (m.kind === "control" && m.message.type === "dropped")) last = wallMs();
      return Promise.resolve();
    });
    clearInterval(watchdog);
  }

  override result(): ClientResult & { drainedAll: boolean } {
    return { ...super.result(), drainedAll: this.drainedAll };
  }
}

export class ChurnClient extends LoadClient {
  readonly #latency = new LogHistogram();
  #merged: AccountJSON | null = null;

  constructor(spec: ClientSpec, wsUrl: string, source: number | null, window: Window, readonly meanLifeMs: number) {
    super(spec, wsUrl, source, window);
  }

  async run(endAtMs: () => number): Promise<void> {
    const totals: AccountJSON[] = [];
    let abrupt = false;
    while (wallMs() < endAtMs()) {
      this.acc = new StreamAccount(this.window);
      const ws = await openAndSelect(this);
      this.markReady();
      if (!ws) {
        totals.push(this.acc.toJSON());
        await sleep(200);
        continue;
      }
      const life = this.meanLifeMs * (0.5 + Math.random());
      const leaveAt = Math.min(endAtMs(), wallMs() + life);
      const leaveAbruptly = abrupt;
      abrupt = !abrupt;
      const t = setTimeout(() => leaveAbruptly ? ws.abort() : ws.close(), Math.max(0, leaveAt - wallMs()));
      await readAll(this, ws);
      clearTimeout(t);
      this.#latency.merge(this.acc.latency);
      totals.push(this.acc.toJSON());
    }
    this.#merged = mergeAccounts(totals, this.#latency);
  }

  override result(): ClientResult {
    return { ...super.result(), account: this.#merged ?? this.acc.toJSON() };
  }
}

/** Sums the accounts of a churn client's sessions. */
function mergeAccounts(list: AccountJSON[], latency: LogHistogram): AccountJSON {
  const add = (into: Record<string, number>, from: Record<string, number>) => {
    for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
  };
  const out: AccountJSON = {
    packets: 0,
    livePackets: 0,
    packetsTotal: 0,
    replayed: 0,
    messages: 0,
    bytes: 0,
    drops: {},
    dropsInWindow: {},
    dropNotices: 0,
    lateDropNotices: 0,
    gaps: 0,
    gapRanges: 0,
    duplicates: 0,
    invalid: 0,
    deflated: 0,
    controls: {},
    lagSamples: [],
    queuedSamples: [],
    latency: latency.toJSON(),
    maxLatencyPerSecondMs: [],
    selected: null,
    errors: [],
  };
  for (const a of list) {
    for (
      const k of [
        "packets",
        "livePackets",
        "packetsTotal",
        "replayed",
        "messages",
        "bytes",
        "dropNotices",
        "lateDropNotices",
        "gaps",
        "gapRanges",
        "duplicates",
        "invalid",
        "deflated",
      ] as const
    ) out[k] += a[k];
    a.maxLatencyPerSecondMs.forEach((v, i) => {
      while (out.maxLatencyPerSecondMs.length <= i) out.maxLatencyPerSecondMs.push(0);
      if (v > out.maxLatencyPerSecondMs[i]!) out.maxLatencyPerSecondMs[i] = v;
    });
    add(out.drops, a.drops);
    add(out.dropsInWindow, a.dropsInWindow);
    add(out.controls, a.controls);
    if (out.lagSamples.length < 10_000) out.lagSamples.push(...a.lagSamples);
    if (out.queuedSamples.length < 10_000) out.queuedSamples.push(...a.queuedSamples);
    if (out.errors.length < 20) out.errors.push(...a.errors.slice(0, 20 - out.errors.length));
  }
  return out;
}
