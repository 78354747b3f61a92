/**
 * One packet source at run time: reads batches from libpcap through the FFI, frames each packet once to count what
 * does not decode, and appends it to the source's {@linkcode PacketStore}.
 *
 * Reads are double-buffered ({@linkcode readBatches}) and never block Deno's event loop.
 * @module
 */

import type { PacketReader } from "./reader.ts";
import { RecordCursor } from "../../ffi/records.ts";
import { readBatches } from "./batches.ts";
import { FrameDecoder, FrameStatusCounters } from "../protocols/frame.ts";
import { linkTypeName } from "../protocols/link/linktype.ts";
import type { SourceDescription, SourceStats } from "../wire/messages.ts";
import { PacketStore } from "../server/packet_store.ts";
import { log } from "../log.ts";

/** How long a live read waits in libpcap for a first packet; bounds how long a stop takes. */
export const LIVE_WAIT_MS = 500;

export type SourceKind = SourceDescription["kind"];

export interface SourceOptions {
  maxPackets: number;
  maxBytes: number;
  promisc: boolean;
}

/** A source that reads from a libpcap capture handle. */
export class CaptureSource {
  readonly store: PacketStore;
  readonly frameIssues = new FrameStatusCounters();
  state: SourceStats["state"] = "running";
  captured = 0;
  error: string | undefined;
  /** Called after each batch of new packets is stored, with their ids `[from, to)`. */
  onPackets: (from: number, to: number) => void = () => {};
  #stopping = false;
  #done: Promise<void> | undefined;

  constructor(
    readonly id: number,
    readonly kind: SourceKind,
    readonly name: string,
    readonly capture: PacketReader | null,
    readonly options: SourceOptions,
    readonly note?: string,
  ) {
    this.store = new PacketStore({ maxPackets: options.maxPackets, maxBytes: options.maxBytes });
  }

  get linkType(): number {
    return this.capture?.linkType ?? -1;
  }

  describe(): SourceDescription {
    const d: SourceDescription = {
      id: this.id,
      kind: this.kind,
      name: this.name,
      linkType: this.linkType,
      linkTypeName: this.capture ? linkTypeName(this.linkType) : "none",
      promisc: this.kind === "interface" && this.options.promisc,
    };
    if (this.note !== undefined) d.note = this.note;
    return d;
  }

  stats(): SourceStats {
    const s: SourceStats = {
      id: this.id,
      state: this.state,
      captured: this.captured,
      stored: this.store.size,
      firstId: this.store.firstId,
      nextId: this.store.nextId,
      overwritten: this.store.overwritten,
      discharged: this.store.discharged,
      frameIssues: this.frameIssues.toJSON(),
    };
    const k = this.capture?.live ? this.capture.stats() : null;
    if (k) s.kernel = k;
    if (this.error !== undefined) s.error = this.error;
    return s;
  }

  /** Starts reading; resolves when the source ends (EOF, error or {@linkcode stop}). */
  start(): Promise<void> {
    this.#done ??= this.#run();
    return this.#done;
  }

  /**
   * Drops packets stored more than `maxAgeS` seconds before `nowMs` (0 keeps them). Runs on a timer for every kind of
   * source, so a finished file ages too.
   */
  age(nowMs: number, maxAgeS: number): number {
    if (maxAgeS <= 0) return 0;
    return this.store.dischargeOlderThan(nowMs - maxAgeS * 1000);
  }

  /** Stops reading and closes the capture handle. */
  async stop(): Promise<void> {
    this.#stopping = true;
    if (this.#done) await this.#done;
    await this.capture?.close();
  }

  async #run(): Promise<void> {
    const cap = this.capture;
    if (!cap) {
      this.state = "finished";
      return;
    }
    const cursor = new RecordCursor();
    const decoder = new FrameDecoder();
    const linkType = cap.linkType;
    const waitMs = cap.live ? LIVE_WAIT_MS : 0;
    try {
      await readBatches(cap, waitMs, (buf, bytes, count) => {
        const now = Date.now();
        const from = this.store.nextId;
        cursor.reset(buf, bytes, count);
        while (cursor.next()) {
          const frame = buf.subarray(cursor.dataOffset, cursor.dataOffset + cursor.caplen);
          this.frameIssues.add(decoder.decode(frame, linkType, cursor.origlen));
          this.store.append(buf, cursor.dataOffset, cursor.caplen, cursor.tsSec, cursor.tsNsec, cursor.origlen, now);
        }
        this.captured += count;
        this.onPackets(from, this.store.nextId);
      }, () => this.#stopping);
      this.state = "finished";
    } catch (e) {
      this.state = "failed";
      this.error = (e as Error).message;
      log.error(`Source ${this.name} stopped: ${this.error}`);
    }
  }
}
