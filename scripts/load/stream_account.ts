/**
 * What one client received, checked against the wire protocol's promises (src/wire/messages.ts): packet ids of a source
 * are consecutive, a client that selects a source gets `[firstId, nextId)` and then live packets, and every id it will
 * never get is announced by a `dropped` message. Ids skipped with no such message are gaps; ids received twice (or
 * after being announced as dropped) are duplicates. A `dropped` message that arrives after the batch following its
 * gap still explains the gap, but is counted as late (the protocol says it comes where the gap is).
 *
 * Latency is measured per packet, from the record's capture timestamp (the kernel's wall clock) to the arrival of the
 * message carrying it, for live packets only (ids from the `selected` message's `nextId` on): replayed packets are old
 * by design.
 * @module
 */

import { BATCH_HEADER_BYTES, type ControlMessage, type PacketBatch } from "../../src/wire/messages.ts";
import { RecordCursor } from "../../ffi/records.ts";
import { LogHistogram, type SerializedHistogram } from "./histogram.ts";

/** Unexplained gaps are remembered (for late `dropped` messages) up to this many ranges; more are only counted. */
const MAX_OPEN_GAPS = 4096;
/** Lag and queue samples kept per client. */
const MAX_SAMPLES = 100_000;
/** Seconds of the window with a per-second worst latency (the last one takes any beyond). */
const MAX_SECONDS = 86_400;

/** The measurement window, wall clock in ms since the epoch. Packets arriving outside it are checked, not counted. */
export interface Window {
  fromMs: number;
  toMs: number;
}

export interface AccountJSON {
  /** Packets received in the window. */
  packets: number;
  /** Live packets (not replayed) received in the window. */
  livePackets: number;
  /** Packets received in all (warm-up, replay and drain included). */
  packetsTotal: number;
  /** Replayed packets (ids before the `selected` message's `nextId`). */
  replayed: number;
  messages: number;
  bytes: number;
  /** Packets announced as dropped, by reason (whole run). */
  drops: Record<string, number>;
  /** Packets announced as dropped in the window, by reason. */
  dropsInWindow: Record<string, number>;
  dropNotices: number;
  lateDropNotices: number;
  gaps: number;
  gapRanges: number;
  duplicates: number;
  invalid: number;
  /** Messages that arrived compressed (MessageKind.Deflated). */
  deflated: number;
  /** Control messages by type. */
  controls: Record<string, number>;
  /** Server-side lag (`stats.sources[].nextId` minus the next id this client expected), one per `stats` message. */
  lagSamples: number[];
  /** The server's own count of live packets queued for this client (`stats.client.queued`), one per `stats` message. */
  queuedSamples: number[];
  latency: SerializedHistogram;
  /** The largest latency (ms) of each second of the window; 0 for a second without live packets. */
  maxLatencyPerSecondMs: number[];
  selected: { firstId: number; nextId: number } | null;
  errors: string[];
}

export class StreamAccount {
  source = -1;
  selected: { firstId: number; nextId: number } | null = null;
  /** The next id expected. */
  expected = -1;
  packets = 0;
  livePackets = 0;
  packetsTotal = 0;
  replayed = 0;
  messages = 0;
  bytes = 0;
  readonly drops: Record<string, number> = {};
  readonly dropsInWindow: Record<string, number> = {};
  dropNotices = 0;
  lateDropNotices = 0;
  duplicates = 0;
  invalid = 0;
  deflated = 0;
  readonly controls: Record<string, number> = {};
  readonly lagSamples: number[] = [];
  readonly queuedSamples: number[] = [];
  readonly latency = new LogHistogram();
  readonly maxLatencyPerSecondMs: number[] = [];
  readonly errors: string[] = [];
  /** Unexplained gaps as [from, to) pairs, flattened. */
  #gaps: number[] = [];
  #gapOverflow = 0;
  readonly #cursor = new RecordCursor();

  constructor(readonly window: Window) {}

  #inWindow(ms: number): boolean {
    return ms >= this.window.fromMs && ms <= this.window.toMs;
  }

  error(message: string): void {
    if (this.errors.length < 20) this.errors.push(message);
  }

  /** Accounts one control message; `arrivalMs` is wall clock. */
  control(m: ControlMessage, arrivalMs: number): void {
    this.messages++;
    this.controls[m.type] = (this.controls[m.type] ?? 0) + 1;
    if (m.type === "selected") {
      this.source = m.source;
      this.selected = { firstId: m.firstId, nextId: m.nextId };
      this.expected = m.firstId;
    } else if (m.type === "dropped" && m.source === this.source) this.#dropped(m.fromId, m.count, m.reason, arrivalMs);
    else if (m.type === "stats" && this.expected >= 0) {
      const s = m.sources.find((x) => x.id === this.source);
      if (this.#inWindow(arrivalMs) && this.lagSamples.length < MAX_SAMPLES) {
        if (s) this.lagSamples.push(s.nextId - this.expected);
        const queued = (m.client as { queued?: unknown }).queued; // absent from servers before issue 4
        if (typeof queued === "number") this.queuedSamples.push(queued);
      }
    } else if (m.type === "error") this.error(`server error ${m.code}: ${m.message}`);
  }

  #dropped(fromId: number, count: number, reason: string, arrivalMs: number): void {
    this.dropNotices++;
    this.drops[reason] = (this.drops[reason] ?? 0) + count;
    if (this.#inWindow(arrivalMs)) this.dropsInWindow[reason] = (this.dropsInWindow[reason] ?? 0) + count;
    const end = fromId + count;
    if (this.expected < 0) return;
    if (fromId >= this.expected) {
      if (fromId > this.expected) this.#gap(this.expected, fromId);
      this.expected = end;
      return;
    }
    this.lateDropNotices++;
    this.#explain(fromId, end);
    if (end > this.expected) this.expected = end;
  }

  #gap(from: number, to: number): void {
    if (this.#gaps.length < 2 * MAX_OPEN_GAPS) this.#gaps.push(from, to);
    else this.#gapOverflow += to - from;
  }

  /** Removes [from, to) from the open gaps. */
  #explain(from: number, to: number): void {
    const g = this.#gaps;
    const kept: number[] = [];
    for (let i = 0; i < g.length; i += 2) {
      const a = g[i]!, b = g[i + 1]!;
      if (b <= from || a >= to) {
        kept.push(a, b);
        continue;
      }
      if (a < from) kept.push(a, from);
      if (b > to) kept.push(to, b);
    }
    this.#gaps = kept;
  }

  /** Accounts one packet batch, walking its records with the production cursor. */
  batch(b: PacketBatch, arrivalMs: number): void {
    this.messages++;
    this.bytes += b.bytes.length;
    if (b.source !== this.source) {
      this.error(`batch of source ${b.source} while subscribed to ${this.source}`);
      return;
    }
    if (this.expected < 0) this.expected = b.firstId;
    const end = b.firstId + b.count;
    if (b.firstId > this.expected) this.#gap(this.expected, b.firstId);
    else if (b.firstId < this.expected) this.duplicates += Math.min(b.count, this.expected - b.firstId);
    if (end > this.expected) this.expected = end;
    this.packetsTotal += b.count;
    const live = this.selected?.nextId ?? 0;
    if (b.firstId < live) this.replayed += Math.min(b.count, live - b.firstId);
    const counted = this.#inWindow(arrivalMs);
    if (counted) {
      this.packets += b.count;
      this.livePackets += end <= live ? 0 : Math.min(b.count, end - live);
    }
    const records = b.bytes.subarray(BATCH_HEADER_BYTES);
    const c = this.#cursor;
    c.reset(records, records.length, b.count);
    const arrivalUs = arrivalMs * 1000;
    let id = b.firstId;
    let n = 0;
    let worstUs = 0;
    while (c.next()) {
      if (counted && id >= live) {
        const us = arrivalUs - (c.tsSec * 1e6 + c.tsNsec / 1e3);
        this.latency.add(us);
        if (us > worstUs) worstUs = us;
      }
      id++;
      n++;
    }
    if (worstUs > 0) {
      const second = Math.min(MAX_SECONDS - 1, Math.floor((arrivalMs - this.window.fromMs) / 1000));
      const perSecond = this.maxLatencyPerSecondMs;
      while (perSecond.length <= second) perSecond.push(0);
      if (worstUs / 1000 > perSecond[second]!) perSecond[second] = Math.round(worstUs) / 1000;
    }
    if (n !== b.count) this.error(`batch ${b.firstId} holds ${n} of ${b.count} records: ${c.error}`);
  }

  get gaps(): number {
    let n = this.#gapOverflow;
    for (let i = 0; i < this.#gaps.length; i += 2) n += this.#gaps[i + 1]! - this.#gaps[i]!;
    return n;
  }

  toJSON(): AccountJSON {
    return {
      packets: this.packets,
      livePackets: this.livePackets,
      packetsTotal: this.packetsTotal,
      replayed: this.replayed,
      messages: this.messages,
      bytes: this.bytes,
      drops: this.drops,
      dropsInWindow: this.dropsInWindow,
      dropNotices: this.dropNotices,
      lateDropNotices: this.lateDropNotices,
      gaps: this.gaps,
      gapRanges: this.#gaps.length / 2 + (this.#gapOverflow > 0 ? 1 : 0),
      duplicates: this.duplicates,
      invalid: this.invalid,
      deflated: this.deflated,
      controls: this.controls,
      lagSamples: this.lagSamples,
      queuedSamples: this.queuedSamples,
      latency: this.latency.toJSON(),
      maxLatencyPerSecondMs: this.maxLatencyPerSecondMs,
      selected: this.selected,
      errors: this.errors,
    };
  }
}
