/**
 * The hub ties sources to clients. While any client has something to receive, a ticker runs every
 * `--message-interval` ms (it stops when all are served, so an idle netpix does not wake) and, for each client, sends at most
 * `--message-batch-size` messages: queued control messages first, then packet batches read from the source's ring at
 * the client's cursor. A batch starting at the same id is encoded once per tick and shared by every client there.
 *
 * Bounds and what they drop (each counted, reported to the client and logged as a rate-limited summary):
 *  - `--max-clients`: further connections get an error message and are closed ("Maximum client limit reached");
 *  - `--max-client-queue-size`: control messages beyond it are dropped, and a live client more than that many
 *    messages behind skips its oldest pending packets ("Client queue full, dropping message");
 *  - the ring (`--buffer-size` packets): packets evicted before a client was sent them are reported as dropped;
 *  - a socket that has not flushed {@linkcode SOCKET_HIGH_WATER_BYTES} gets nothing more until it drains.
 * @module
 */

import {
  type ClientRequest,
  type DropReason,
  encodeControl,
  type ServerLimits,
  WIRE_VERSION,
} from "../wire/messages.ts";
import type { CaptureSource } from "../capture/source.ts";
import { ClientSession, type Peer } from "./client_session.ts";
import { RateLimitedWarning } from "../log.ts";
import { VERSION } from "../version.ts";

/** Most packets in one batch message. */
export const PACKETS_PER_MESSAGE = 256;
/** Soft limit on one batch message's size. */
export const MESSAGE_BYTES = 256 << 10;
/** A client whose socket holds more unsent bytes than this is skipped until it drains. */
export const SOCKET_HIGH_WATER_BYTES = 8 << 20;
/** How often stats go to every client, and live sources age out old packets. */
export const HOUSEKEEPING_MS = 1000;

export class Hub {
  readonly clients = new Map<number, ClientSession>();
  /** Hub-wide counters for `/metrics`; they outlive the clients they count. */
  readonly totals = {
    rejectedClients: 0,
    messagesSent: 0,
    bytesSent: 0,
    packetsSent: 0,
    droppedPacketsEvicted: 0,
    droppedPacketsClientTooSlow: 0,
    droppedControlMessages: 0,
    badRequests: 0,
    stalledTicks: 0,
    ticks: 0,
    tickSecondsSum: 0,
    tickSecondsMax: 0,
  };
  #nextClientId = 1;
  #ticker: ReturnType<typeof setInterval> | undefined;
  #housekeeping: ReturnType<typeof setInterval> | undefined;
  readonly #queueFull = new RateLimitedWarning("Client queue full, dropping message");
  readonly #clientLimit = new RateLimitedWarning("Maximum client limit reached");
  readonly #evicted = new RateLimitedWarning("Packet buffer full, discarding oldest packet");
  #lastOverwritten = 0;

  constructor(readonly sources: CaptureSource[], readonly limits: ServerLimits) {
    for (const s of sources) s.onPackets = () => this.wake();
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

  /** Admits a new client, or sends it an error and closes it when the limit is reached. */
  connect(peer: Peer): ClientSession | null {
    if (this.clients.size >= this.limits.maxClients) {
      this.totals.rejectedClients++;
      this.#clientLimit.hit(1, `${this.limits.maxClients} clients, rejecting new connection`);
      peer.send(encodeControl({
        type: "error",
        code: "too-many-clients",
        message: `Maximum client limit reached (${this.limits.maxClients}); try again later`,
      }));
      peer.close(1013, "Maximum client limit reached");
      return null;
    }
    const client = new ClientSession(this.#nextClientId++, peer, this.limits.maxClientQueueSize);
    this.wake();
    this.clients.set(client.id, client);
    peer.send(encodeControl({
      type: "hello",
      version: WIRE_VERSION,
      server: `netpix ${VERSION}`,
      sources: this.sources.map((s) => s.describe()),
      limits: this.limits,
      compression: false,
    }));
    return client;
  }

  disconnect(client: ClientSession): void {
    this.clients.delete(client.id);
  }

  /** Handles one parsed request, or reports a malformed one back to the client. */
  request(client: ClientSession, req: ClientRequest | { invalid: string }): void {
    if ("invalid" in req) {
      client.stats.badRequests++;
      this.totals.badRequests++;
      this.#sendControl(client, encodeControl({ type: "error", code: "bad-request", message: req.invalid }));
      return;
    }
    if (req.type === "decode-as" || req.type === "set-sdp") return;
    const id = req.type === "select" ? req.source : client.source;
    const source = this.sources[id];
    if (!source) {
      const message = req.type === "select" ? `no source with id ${id}` : "fetch-all needs a selected source";
      this.#sendControl(client, encodeControl({ type: "error", code: "unknown-source", message }));
      return;
    }
    const { firstId, nextId } = source.store;
    client.subscribe(id, firstId, nextId);
    this.#sendControl(
      client,
      encodeControl({ type: "selected", source: id, firstId, nextId, settings: { decodeAs: [], sdp: [] } }),
    );
  }

  #sendControl(client: ClientSession, msg: Uint8Array<ArrayBuffer>): void {
    if (!client.enqueue(msg)) {
      this.totals.droppedControlMessages++;
      this.#queueFull.hit(1, `client ${client.id}`);
    }
    this.wake();
  }

  /**
   * One send round: control messages, then packet batches, at most `messageBatchSize` messages per client.
   * Returns whether any client still has something to receive (or is waiting for its socket to drain).
   */
  tick(): boolean {
    const started = performance.now();
    let more = false;
    const shared = new Map<number, { message: Uint8Array<ArrayBuffer>; endId: number }>();
    let sharedSource = -1;
    const ordered = [...this.clients.values()].sort((a, b) => a.source - b.source);
    for (const client of ordered) {
      const peer = client.peer;
      if (!peer.open) continue;
      if (peer.buffered > SOCKET_HIGH_WATER_BYTES) {
        client.stalledTicks++;
        this.totals.stalledTicks++;
        more = true;
        continue;
      }
      let budget = this.limits.messageBatchSize;
      while (budget > 0 && client.control.length > 0) {
        const msg = client.control.shift()!;
        peer.send(msg);
        this.totals.messagesSent++;
        this.totals.bytesSent += msg.length;
        budget--;
      }
      const source = this.sources[client.source];
      if (!source || budget === 0) {
        more ||= client.control.length > 0 || (source !== undefined && client.cursor < source.store.nextId);
        continue;
      }
      if (sharedSource !== client.source) {
        shared.clear();
        sharedSource = client.source;
      }
      this.#catchUp(client, source);
      const store = source.store;
      while (budget > 0 && client.cursor < store.nextId && peer.buffered <= SOCKET_HIGH_WATER_BYTES) {
        let batch = shared.get(client.cursor);
        if (!batch) {
          batch = store.encodeBatch(source.id, source.linkType, client.cursor, PACKETS_PER_MESSAGE, MESSAGE_BYTES)!;
          shared.set(client.cursor, batch);
        }
        peer.send(batch.message);
        this.totals.messagesSent++;
        this.totals.bytesSent += batch.message.length;
        this.totals.packetsSent += batch.endId - client.cursor;
        client.cursor = batch.endId;
        budget--;
      }
      more ||= client.control.length > 0 || client.cursor < store.nextId;
    }
    const seconds = (performance.now() - started) / 1000;
    this.totals.ticks++;
    this.totals.tickSecondsSum += seconds;
    if (seconds > this.totals.tickSecondsMax) this.totals.tickSecondsMax = seconds;
    return more;
  }

  /** Moves a client past packets it can no longer get, and tells it how many it lost and why. */
  #catchUp(client: ClientSession, source: CaptureSource): void {
    const store = source.store;
    if (client.cursor < store.firstId) {
      const count = store.firstId - client.cursor;
      this.#reportDrop(client, source.id, client.cursor, count, "evicted");
      client.cursor = store.firstId;
    }
    const maxLag = this.limits.maxClientQueueSize * PACKETS_PER_MESSAGE;
    const lag = store.nextId - client.cursor;
    if (client.cursor >= client.liveFrom && lag > maxLag) {
      const count = lag - maxLag;
      this.#queueFull.hit(count, `client ${client.id} is ${lag} packets behind`);
      this.#reportDrop(client, source.id, client.cursor, count, "queue-full");
      client.cursor += count;
    }
  }

  #reportDrop(
    client: ClientSession,
    source: number,
    fromId: number,
    count: number,
    reason: DropReason,
  ): void {
    client.stats.droppedPackets += count;
    if (reason === "evicted") this.totals.droppedPacketsEvicted += count;
    else this.totals.droppedPacketsClientTooSlow += count;
    this.#sendControl(client, encodeControl({ type: "dropped", source, fromId, count, reason }));
  }

  /** Ages out old live packets, logs ring overflow, and sends every client the stats. */
  housekeeping(now = Date.now()): void {
    let overwritten = 0;
    for (const s of this.sources) {
      s.age(now);
      overwritten += s.store.overwritten;
    }
    if (overwritten > this.#lastOverwritten) {
      this.#evicted.hit(overwritten - this.#lastOverwritten, "raise --buffer-size to keep more");
      this.#lastOverwritten = overwritten;
    }
    if (this.clients.size === 0) return;
    const sources = this.sources.map((s) => s.stats());
    for (const client of this.clients.values()) {
      this.#sendControl(client, encodeControl({ type: "stats", sources, client: client.stats }));
    }
  }

  /** A snapshot for `/api/stats` and logs. */
  snapshot(): Record<string, unknown> {
    return {
      clients: this.clients.size,
      rejectedClients: this.totals.rejectedClients,
      sources: this.sources.map((s) => s.stats()),
    };
  }
}
