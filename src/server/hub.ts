/**
 * The hub ties sources to clients.
 *
 * - **Subscriptions.** Each source keeps the set of its clients. New packets are offered only to them: a live
 *   packet is an id range admitted into each subscriber's bounded queue (no copy, no per-packet work per client).
 * - **Ticks.** While any client has something to receive, a ticker runs every `--message-interval` ms (it stops when
 *   all are served, so an idle netpix does not wake). Per client it sends queued control messages, then the replay
 *   in chunks of up to {@linkcode PACKETS_PER_MESSAGE} packets while the socket drains, then live packets: one frame of
 *   `--message-batch-size`, or with adaptive batching as many as are queued, up to {@linkcode MAX_ADAPTIVE_BATCH} per
 *   tick, in frames of at most 64 KiB.
 *   A frame is encoded (and deflated) once per tick and shared by every client that gets the same ids.
 * - **Backpressure.** A socket holding more than {@linkcode SOCKET_HIGH_WATER_BYTES} unsent bytes gets nothing that
 *   tick; its live queue fills, and what the full queue refuses is dropped, counted, logged as a summary and reported
 *   to the client where the gap is. Capture never waits for a client.
 *
 * Every bound and what it drops: `--max-clients` (refused with close 1013, "Maximum client limit reached"),
 * `--max-client-queue-size` (live packets and control messages, "Client queue full, dropping message"), the ring
 * (`--buffer-size`, "Packet buffer full, discarding oldest packet"), `--maximum-package-age` (discharged), and the
 * request limits ({@linkcode MAX_REQUEST_CHARS}, {@linkcode MAX_REQUESTS_PER_SECOND}).
 * @module
 */

import {
  type ClientRequest,
  type DropReason,
  encodeControl,
  type ErrorCode,
  MAX_ADAPTIVE_BATCH,
  type ServerLimits,
  WIRE_VERSION,
} from "../wire/messages.ts";
import type { CaptureSource } from "../capture/source.ts";
import { ClientSession, type Peer } from "./client_session.ts";
import { deflateOrKeep, FrameCache } from "./frame_cache.ts";
import { SourceSettingsStore } from "./source_settings.ts";
import { RateLimitedWarning } from "../log.ts";
import { VERSION } from "../version.ts";

/** Most packets in one replay message. */
export const PACKETS_PER_MESSAGE = 256;
/** A client whose socket holds more unsent bytes than this gets nothing until it drains. */
export const SOCKET_HIGH_WATER_BYTES = 128 << 10;
/** Replay frames per client per tick at most (each up to {@linkcode PACKETS_PER_MESSAGE} packets). */
export const REPLAY_FRAMES_PER_TICK = 16;
/** How often sources age out old packets and changed counters go out. */
export const HOUSEKEEPING_MS = 1000;
/** Unchanged counters still go to every client this often. */
export const STATS_PERIOD_MS = 5000;
/** Longest client message, in characters; longer ones close the connection with 1009. */
export const MAX_REQUEST_CHARS = 64 << 10;
/** Client messages per second allowed (averaged over a one-second window); more close the connection with 1008. */
export const MAX_REQUESTS_PER_SECOND = 50;
/** WebSocket close codes (RFC 6455 §7.4.1). */
export const CloseCode = { GoingAway: 1001, PolicyViolation: 1008, TooBig: 1009, TryAgainLater: 1013 } as const;

/** Hub-wide counters for `/metrics`; they outlive the clients they count. */
export interface HubTotals {
  acceptedClients: number;
  rejectedClients: number;
  messagesSent: number;
  bytesSent: number;
  /** What the compressed frames would have weighed uncompressed, and what they weighed. */
  compressedBytesIn: number;
  compressedBytesOut: number;
  packetsSent: number;
  droppedPacketsEvicted: number;
  droppedPacketsQueueFull: number;
  droppedControlMessages: number;
  badRequests: number;
  closedTooBig: number;
  closedTooManyRequests: number;
  /** HTTP requests and upgrades refused by the access policy (token, Origin, Host). */
  refusedRequests: number;
  stalledTicks: number;
  ticks: number;
  tickSecondsSum: number;
  tickSecondsMax: number;
  reloads: number;
}

export interface HubOptions {
  limits: ServerLimits;
  /** Decides per client whether frames may be deflated (by its address). */
  compressionFor?: (remote: string | undefined) => boolean;
}

export class Hub {
  readonly clients = new Map<number, ClientSession>();
  readonly totals: HubTotals = {
    acceptedClients: 0,
    rejectedClients: 0,
    messagesSent: 0,
    bytesSent: 0,
    compressedBytesIn: 0,
    compressedBytesOut: 0,
    packetsSent: 0,
    droppedPacketsEvicted: 0,
    droppedPacketsQueueFull: 0,
    droppedControlMessages: 0,
    badRequests: 0,
    closedTooBig: 0,
    closedTooManyRequests: 0,
    refusedRequests: 0,
    stalledTicks: 0,
    ticks: 0,
    tickSecondsSum: 0,
    tickSecondsMax: 0,
    reloads: 0,
  };
  limits: ServerLimits;
  readonly settings: SourceSettingsStore[];
  /** Clients of each source, by source id. */
  readonly #subscribers: Set<ClientSession>[];
  /** Clients that picked no source yet. */
  readonly #unsubscribed = new Set<ClientSession>();
  readonly #frames = new FrameCache();
  readonly #compressionFor: (remote: string | undefined) => boolean;
  #nextClientId = 1;
  #ticker: ReturnType<typeof setInterval> | undefined;
  #housekeeping: ReturnType<typeof setInterval> | undefined;
  #closing = false;
  readonly #clientLimit = new RateLimitedWarning("Maximum client limit reached");
  readonly #evicted = new RateLimitedWarning("Packet buffer full, discarding oldest packet");
  #lastOverwritten = 0;
  /** Per source: the overwritten/discharged counts last sent, and when. */
  readonly #lastStats: { key: string; atMs: number }[];
  #lastUnsubscribedStatsMs = 0;

  constructor(readonly sources: CaptureSource[], options: HubOptions) {
    this.limits = { ...options.limits };
    this.#compressionFor = options.compressionFor ?? (() => false);
    this.settings = sources.map(() => new SourceSettingsStore());
    this.#subscribers = sources.map(() => new Set());
    this.#lastStats = sources.map(() => ({ key: "", atMs: 0 }));
    for (const s of sources) s.onPackets = (from, to) => this.#offer(s, from, to);
  }

  start(): void {
    this.#housekeeping ??= setInterval(() => this.housekeeping(), HOUSEKEEPING_MS);
  }

  /** Starts the send ticker if it is not running; called whenever a client may have something to receive. */
  wake(): void {
    if (this.#housekeeping === undefined) return;
    this.#ticker ??= setInterval(() => {
      if (!this.tick()) {
        clearInterval(this.#ticker);
        this.#ticker = undefined;
      }
    }, this.limits.messageIntervalMs);
  }

  stop(): void {
    clearInterval(this.#ticker);
    clearInterval(this.#housekeeping);
    this.#ticker = this.#housekeeping = undefined;
  }

  /**
   * Shutdown: refuses new clients, tells each client why, closes it with 1001 (going away) and waits up to
   * `flushMs` for the sockets to drain.
   */
  async closeAll(flushMs: number): Promise<void> {
    this.#closing = true;
    this.stop();
    const closing = encodeControl({ type: "error", code: "shutting-down", message: "netpix is shutting down" });
    for (const c of this.clients.values()) {
      if (!c.peer.open) continue;
      c.peer.send(closing);
    }
    const deadline = Date.now() + flushMs;
    while (Date.now() < deadline && [...this.clients.values()].some((c) => c.peer.open && c.peer.buffered > 0)) {
      await new Promise((r) => setTimeout(r, 20));
    }
    for (const c of this.clients.values()) if (c.peer.open) c.peer.close(CloseCode.GoingAway, "server shutting down");
  }

  /** Admits a new client, or sends it an error and closes it with 1013 when the limit is reached. */
  connect(peer: Peer, remote?: string): ClientSession | null {
    if (this.#closing || this.clients.size >= this.limits.maxClients) {
      const full = !this.#closing;
      if (full) {
        this.totals.rejectedClients++;
        this.#clientLimit.hit(1, `${this.limits.maxClients} clients, rejecting new connection`);
      }
      peer.send(encodeControl({
        type: "error",
        code: full ? "too-many-clients" : "shutting-down",
        message: full
          ? `Maximum client limit reached (${this.limits.maxClients}); try again later`
          : "netpix is shutting down",
      }));
      peer.close(
        full ? CloseCode.TryAgainLater : CloseCode.GoingAway,
        full ? "Maximum client limit reached" : "server shutting down",
      );
      return null;
    }
    const client = new ClientSession(
      this.#nextClientId++,
      peer,
      this.limits.maxClientQueueSize,
      this.#compressionFor(remote),
    );
    this.clients.set(client.id, client);
    this.#unsubscribed.add(client);
    this.totals.acceptedClients++;
    this.#sendControl(
      client,
      encodeControl({
        type: "hello",
        version: WIRE_VERSION,
        server: `netpix ${VERSION}`,
        sources: this.sources.map((s) => s.describe()),
        limits: this.limits,
        compression: client.compression,
      }),
    );
    return client;
  }

  disconnect(client: ClientSession): void {
    this.clients.delete(client.id);
    this.#unsubscribed.delete(client);
    this.#subscribers[client.source]?.delete(client);
  }

  /**
   * Checks a raw client message against the size and rate limits. Returns false (after closing the connection with
   * an error message and a close code) when the client broke one.
   */
  admitRequest(client: ClientSession, chars: number, nowMs = Date.now()): boolean {
    if (!this.clients.has(client.id)) return false; // already refused; messages still in flight are ignored
    if (chars > MAX_REQUEST_CHARS) {
      this.totals.closedTooBig++;
      this.#refuse(client, "message-too-large", `messages are limited to ${MAX_REQUEST_CHARS} characters`, 1009);
      return false;
    }
    if (nowMs - client.requestWindowStartMs >= 1000) {
      client.requestWindowStartMs = nowMs;
      client.requestsInWindow = 0;
    }
    if (++client.requestsInWindow > MAX_REQUESTS_PER_SECOND) {
      this.totals.closedTooManyRequests++;
      this.#refuse(client, "too-many-requests", `more than ${MAX_REQUESTS_PER_SECOND} messages in a second`, 1008);
      return false;
    }
    return true;
  }

  #refuse(client: ClientSession, code: "message-too-large" | "too-many-requests", message: string, close: number) {
    client.peer.send(encodeControl({ type: "error", code, message }));
    client.peer.close(close, message);
    this.disconnect(client);
  }

  /** Handles one parsed request, or reports a malformed one back to the client. */
  request(client: ClientSession, req: ClientRequest | { invalid: string }): void {
    if ("invalid" in req) {
      client.stats.badRequests++;
      this.totals.badRequests++;
      this.#error(client, "bad-request", req.invalid);
      return;
    }
    if (req.type === "select" || req.type === "fetch-all") {
      const id = req.type === "select" ? req.source : client.source;
      const source = this.sources[id];
      if (!source) {
        if (req.type === "select") this.#error(client, "unknown-source", `no source with id ${id}`);
        else this.#error(client, "no-source-selected", "fetch-all needs a selected source");
        return;
      }
      this.#subscribe(client, source);
      return;
    }
    const source = this.sources[client.source];
    if (!source) {
      this.#error(client, "no-source-selected", `${req.type} needs a selected source`);
      return;
    }
    const store = this.settings[source.id]!;
    const change = req.type === "decode-as" ? store.decodeAs(req.port, req.as) : store.setSdp(req.ssrc, req.sdp);
    if (!change.ok) {
      this.#error(client, change.code, change.message);
      return;
    }
    const msg = encodeControl({ type: "settings", source: source.id, settings: store.toJSON() });
    for (const c of this.#subscribers[source.id]!) this.#sendControl(c, msg);
  }

  #subscribe(client: ClientSession, source: CaptureSource): void {
    this.#unsubscribed.delete(client);
    this.#subscribers[client.source]?.delete(client);
    const { firstId, nextId } = source.store;
    client.subscribe(source.id, firstId, nextId);
    this.#subscribers[source.id]!.add(client);
    this.#enqueueOnly(
      client,
      encodeControl({
        type: "selected",
        source: source.id,
        firstId,
        nextId,
        settings: this.settings[source.id]!.toJSON(),
      }),
    );
    this.#enqueueOnly(client, this.#statsMessage(client));
    // Serve at once: the first replay chunks leave before a capture batch can evict them from a full ring.
    this.#serve(client, source);
    this.wake();
  }

  #enqueueOnly(client: ClientSession, msg: Uint8Array<ArrayBuffer>): void {
    if (!client.enqueue(msg)) {
      this.totals.droppedControlMessages++;
      client.queueFullWarning.hit(1, `client ${client.id} (control message)`);
    }
  }

  #error(client: ClientSession, code: ErrorCode, message: string): void {
    this.#sendControl(client, encodeControl({ type: "error", code, message }));
  }

  #sendControl(client: ClientSession, msg: Uint8Array<ArrayBuffer>): void {
    this.#enqueueOnly(client, msg);
    this.wake();
  }

  /** New packets `[from, to)` of `source`: offered to its clients only. */
  #offer(source: CaptureSource, from: number, to: number): void {
    const subs = this.#subscribers[source.id]!;
    if (subs.size === 0) return;
    for (const client of subs) {
      const refused = client.admit(from, to);
      if (refused > 0) {
        this.totals.droppedPacketsQueueFull += refused;
        client.queueFullWarning.hit(refused, `client ${client.id} has ${client.queued} packets queued`);
      }
    }
    this.wake();
  }

  /**
   * One send round. Returns whether any client still has something to receive (or is waiting for its socket to
   * drain).
   */
  tick(): boolean {
    const started = performance.now();
    let more = false;
    for (const client of this.#unsubscribed) more = this.#sendControls(client) || more;
    for (const source of this.sources) {
      const subs = this.#subscribers[source.id]!;
      if (subs.size === 0) continue;
      this.#frames.clear();
      for (const client of subs) {
        if (!client.hasWork) continue;
        more = this.#serve(client, source) || more;
      }
    }
    const seconds = (performance.now() - started) / 1000;
    this.totals.ticks++;
    this.totals.tickSecondsSum += seconds;
    if (seconds > this.totals.tickSecondsMax) this.totals.tickSecondsMax = seconds;
    return more;
  }

  /** Sends what the client's control queue holds; returns whether it must be visited again. */
  #sendControls(client: ClientSession): boolean {
    const peer = client.peer;
    if (!peer.open) return false;
    if (peer.buffered > SOCKET_HIGH_WATER_BYTES) {
      this.#stalled(client);
      return true;
    }
    while (client.control.length > 0) this.#send(client, client.control.shift()!);
    return false;
  }

  /** One client's turn: control, replay chunks, one live frame. Returns whether it has more to receive. */
  #serve(client: ClientSession, source: CaptureSource): boolean {
    const peer = client.peer;
    if (this.#sendControls(client) || !peer.open) return peer.open;
    const store = source.store;
    if (client.replayPending) {
      for (let f = 0; f < REPLAY_FRAMES_PER_TICK && client.cursor < client.replayEnd; f++) {
        if (peer.buffered > SOCKET_HIGH_WATER_BYTES) {
          this.#stalled(client);
          return true;
        }
        if (client.cursor < store.firstId) {
          const upTo = Math.min(store.firstId, client.replayEnd);
          this.#reportDrop(client, source.id, client.cursor, upTo - client.cursor, "evicted");
          client.cursor = upTo;
          continue;
        }
        this.#sendBatch(client, source, Math.min(PACKETS_PER_MESSAGE, client.replayEnd - client.cursor));
      }
      if (client.cursor < client.replayEnd) return true;
      client.replayPending = false;
      this.#send(client, encodeControl({ type: "replay-done", source: source.id, nextId: client.replayEnd }));
    }
    if (peer.buffered > SOCKET_HIGH_WATER_BYTES) {
      if (client.runs.length > 0) this.#stalled(client);
      return client.runs.length > 0;
    }
    const adaptive = this.limits.adaptiveBatching;
    let budget = adaptive
      ? Math.min(MAX_ADAPTIVE_BATCH, Math.max(this.limits.messageBatchSize, client.queued))
      : this.limits.messageBatchSize;
    // Notices for gaps and evictions go out in place. Then live packets: with fixed batching one frame of at most
    // the batch; with adaptive batching the whole budget, in frames of at most MESSAGE_BYTES, while the socket drains.
    while (client.runs.length > 0 && budget > 0) {
      const head = client.runs[0]!;
      client.cursor = head.start;
      if (head.gap) {
        this.#reportDrop(client, source.id, head.start, head.end - head.start, "queue-full", true);
        client.consumeHead(head.end - head.start);
        continue;
      }
      if (head.start < store.firstId) {
        const n = Math.min(store.firstId, head.end) - head.start;
        this.#reportDrop(client, source.id, head.start, n, "evicted");
        client.consumeHead(n);
        continue;
      }
      if (peer.buffered > SOCKET_HIGH_WATER_BYTES) {
        this.#stalled(client);
        break;
      }
      const sent = this.#sendBatch(client, source, Math.min(budget, head.end - head.start));
      client.consumeHead(sent);
      budget -= sent;
      if (!adaptive) break;
    }
    return client.runs.length > 0 || client.control.length > 0;
  }

  /** Sends packets from the client's cursor (at most `count`); returns how many went. */
  #sendBatch(client: ClientSession, source: CaptureSource, count: number): number {
    const b = this.#frames.batch(source, client.cursor, count);
    const n = b.endId - client.cursor;
    this.#send(client, b.message, client.compression ? this.#frames.deflated(b, client.cursor, count) : b.message);
    this.totals.packetsSent += n;
    client.cursor = b.endId;
    return n;
  }

  /**
   * Sends `plain`, or `wire` (its deflated form, when given) to a client that takes compression; control messages
   * are deflated here, uncached (they are rare).
   */
  #send(client: ClientSession, plain: Uint8Array<ArrayBuffer>, wire?: Uint8Array<ArrayBuffer>): void {
    const msg = wire ?? (client.compression ? deflateOrKeep(plain) : plain);
    client.peer.send(msg);
    this.totals.messagesSent++;
    this.totals.bytesSent += msg.length;
    if (msg !== plain) {
      this.totals.compressedBytesIn += plain.length;
      this.totals.compressedBytesOut += msg.length;
    }
  }

  #stalled(client: ClientSession): void {
    client.stalledTicks++;
    this.totals.stalledTicks++;
  }

  /** Tells the client which packets it will never get, and why; counts them unless counted at admission. */
  #reportDrop(
    client: ClientSession,
    source: number,
    fromId: number,
    count: number,
    reason: DropReason,
    alreadyCounted = false,
  ): void {
    if (count <= 0) return;
    if (!alreadyCounted) {
      client.stats.droppedPackets += count;
      this.totals.droppedPacketsEvicted += count;
    }
    this.#send(client, encodeControl({ type: "dropped", source, fromId, count, reason }));
  }

  #statsMessage(client: ClientSession): Uint8Array<ArrayBuffer> {
    const sources = client.source >= 0 ? [this.sources[client.source]!.stats()] : this.sources.map((s) => s.stats());
    return encodeControl({ type: "stats", sources, client: client.stats });
  }

  /**
   * Ages out old packets of every source (files too), logs ring overflow as a summary, and sends each source's
   * clients the counters when they changed or every {@linkcode STATS_PERIOD_MS}.
   */
  housekeeping(now = Date.now()): void {
    let overwritten = 0;
    for (const s of this.sources) {
      s.age(now, this.limits.maximumPacketAgeS);
      overwritten += s.store.overwritten;
    }
    if (overwritten > this.#lastOverwritten) {
      this.#evicted.hit(overwritten - this.#lastOverwritten, "raise --buffer-size to keep more");
      this.#lastOverwritten = overwritten;
    }
    for (const s of this.sources) {
      const subs = this.#subscribers[s.id]!;
      const last = this.#lastStats[s.id]!;
      const key = `${s.store.overwritten}/${s.store.discharged}/${s.state}`;
      if (key === last.key && now - last.atMs < STATS_PERIOD_MS) continue;
      last.key = key;
      last.atMs = now;
      for (const c of subs) this.#sendControl(c, this.#statsMessage(c));
    }
    if (now - this.#lastUnsubscribedStatsMs >= STATS_PERIOD_MS) {
      this.#lastUnsubscribedStatsMs = now;
      for (const c of this.#unsubscribed) this.#sendControl(c, this.#statsMessage(c));
    }
  }

  /** Applies new tunables (SIGHUP); the caller validated them. Tells every client. */
  reload(next: ServerLimits): void {
    const intervalChanged = next.messageIntervalMs !== this.limits.messageIntervalMs;
    this.limits = { ...next };
    this.totals.reloads++;
    for (const c of this.clients.values()) c.maxQueue = next.maxClientQueueSize;
    if (intervalChanged && this.#ticker !== undefined) {
      clearInterval(this.#ticker);
      this.#ticker = undefined;
      this.wake();
    }
    const msg = encodeControl({ type: "limits", limits: this.limits });
    for (const c of this.clients.values()) this.#sendControl(c, msg);
  }

  /** Queue depths over all clients, for `/metrics`. */
  queueDepths(): { sum: number; max: number; controlSum: number; controlMax: number } {
    let sum = 0, max = 0, controlSum = 0, controlMax = 0;
    for (const c of this.clients.values()) {
      sum += c.queued;
      if (c.queued > max) max = c.queued;
      controlSum += c.control.length;
      if (c.control.length > controlMax) controlMax = c.control.length;
    }
    return { sum, max, controlSum, controlMax };
  }

  /** A snapshot for `/api/stats` and `/api/status`. */
  snapshot(): Record<string, unknown> {
    return {
      clients: this.clients.size,
      rejectedClients: this.totals.rejectedClients,
      limits: this.limits,
      sources: this.sources.map((s) => s.stats()),
    };
  }
}
