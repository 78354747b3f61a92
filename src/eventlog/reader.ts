/**
 * Reads a WebRTC event log file as a {@linkcode PacketReader}: the same batch records a libpcap capture yields,
 * with link type 147 (src/eventlog/frame.ts), so `CaptureSource`, `netpix analyze` and `netpix convert` run it
 * unchanged.
 *
 * Following (`follow: true`, what `netpix run -l` does): at the end of the file the reader polls its size every
 * {@linkcode POLL_MS} (within the wait the caller allows) and goes on when it grows. The bytes of an event still being
 * written are kept until the rest arrives. The log is finished when an EndLogEvent was read and no bytes follow it;
 * without one (a browser that is still logging, or one that crashed) the reader keeps following.
 * - Truncation (the file became shorter than what was read) and rotation (the path now names another file, by
 *   inode) are logged, emitted as `log-truncated` / `log-rotated` event records, and reading restarts at the start
 *   of the new file.
 * - Damage (bytes that are not a v2 log) stops decoding: everything before it is delivered, then a `log-damaged`
 *   event record with the offset, then the next read fails with the same message (the source's error).
 *
 * Without following, the reader ends at the end of the file; an incomplete last event is reported as a
 * `log-incomplete` event record.
 *
 * Events are put in time order within each read of up to {@linkcode CHUNK_BYTES} of log: WebRTC writes its events
 * grouped by type every few seconds, so a file read in one go is fully ordered.
 * @module
 */

import type { CaptureStats, PacketReader, ReadResult } from "../capture/reader.ts";
import { EventLogDecoder } from "./stream.ts";
import { EventRecordWriter } from "./records.ts";
import type { InfoEvent, InfoValue, LogEvent } from "./events.ts";
import { LINKTYPE_NETPIX_EVENT_LOG } from "./frame.ts";

/** How often a followed log's size is checked at its end. */
export const POLL_MS = 200;
/** Bytes of log read per file read. */
export const CHUNK_BYTES = 1 << 20;

export interface EventLogReaderOptions {
  /** Keep reading as the file grows (see the module doc). */
  follow: boolean;
  /** Told about truncation, rotation, damage and incomplete ends, one line each. */
  onNotice?: (message: string) => void;
}

/** A WebRTC event log as a packet source. */
export class EventLogReader implements PacketReader {
  readonly linkType = LINKTYPE_NETPIX_EVENT_LOG;
  readonly live: boolean;
  /** Events decoded so far (including batch members), and records delivered. */
  events = 0;
  records = 0;
  readonly writer = new EventRecordWriter();
  #file: Deno.FsFile;
  #ino: number | null;
  #pos = 0;
  #decoder = new EventLogDecoder();
  #queue: LogEvent[] = [];
  #qi = 0;
  #lastTimeMs = 0;
  #endSeen = false;
  #ended = false;
  #error: string | null = null;
  #rejected = false;
  #closed = false;
  readonly #chunk = new Uint8Array(CHUNK_BYTES);
  readonly #notice: (m: string) => void;

  private constructor(readonly path: string, file: Deno.FsFile, ino: number | null, opts: EventLogReaderOptions) {
    this.#file = file;
    this.#ino = ino;
    this.live = opts.follow;
    this.#notice = opts.onNotice ?? (() => {});
  }

  /** Opens `path` (Deno's errors propagate: NotFound, PermissionDenied, …). */
  static open(path: string, opts: EventLogReaderOptions): EventLogReader {
    const file = Deno.openSync(path, { read: true });
    return new EventLogReader(path, file, file.statSync().ino, opts);
  }

  /** What decoding stopped at, if anything (also the message `read` rejects with). */
  get error(): string | null {
    return this.#error;
  }

  async read(buf: Uint8Array, waitMs: number): Promise<ReadResult> {
    const deadline = Date.now() + waitMs;
    let waited = false;
    while (true) {
      if (this.#qi < this.#queue.length) return this.#fill(buf);
      if (this.#ended) {
        if (this.#error === null || this.#rejected) return { kind: "eof" };
        this.#rejected = true; // rejects once, then EOF
        throw new Error(this.#error);
      }
      if (this.#closed) return { kind: "eof" };
      const n = await this.#file.read(this.#chunk);
      if (n !== null && n > 0) {
        this.#pos += n;
        this.#decode(this.#chunk.subarray(0, n));
        continue;
      }
      if (!this.live) {
        this.#finishAtEof();
        continue;
      }
      if (this.#endSeen && this.#decoder.pending === 0) {
        this.#ended = true;
        continue;
      }
      if (await this.#replaced()) continue;
      if (waited && Date.now() >= deadline) return { kind: "packets", count: 0, bytes: 0 };
      waited = true;
      await new Promise((r) => setTimeout(r, Math.max(1, Math.min(POLL_MS, deadline - Date.now()))));
    }
  }

  stats(): CaptureStats | null {
    return null;
  }

  close(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      try {
        this.#file.close();
      } catch { /* already closed */ }
    }
    return Promise.resolve();
  }

  #fill(buf: Uint8Array): ReadResult {
    let at = 0;
    let count = 0;
    while (this.#qi < this.#queue.length) {
      const next = this.writer.write(buf, at, this.#queue[this.#qi]!);
      if (next < 0) break;
      at = next;
      count++;
      this.#qi++;
    }
    if (count === 0) throw new RangeError(`Cannot read events: one record does not fit a ${buf.length}-byte buffer`);
    if (this.#qi === this.#queue.length) {
      this.#queue = [];
      this.#qi = 0;
    }
    this.records += count;
    return { kind: "packets", count, bytes: at };
  }

  #decode(bytes: Uint8Array): void {
    this.#decoder.push(bytes);
    const out: LogEvent[] = [];
    this.#decoder.drain(out);
    this.events += out.length;
    for (const e of out) {
      if (e.timeMs > this.#lastTimeMs) this.#lastTimeMs = e.timeMs;
      if (e.kind === "info" && e.event === "end-log") this.#endSeen = true;
    }
    out.sort((a, b) => a.timeMs - b.timeMs); // stable: batch order is kept for equal times
    const f = this.#decoder.failure;
    if (f) {
      const event = f.reason === "legacy-v1" ? "log-unsupported" : "log-damaged";
      const msg = f.reason === "legacy-v1"
        ? `${this.path}: ${f.detail}`
        : `${this.path}: event log damaged at byte ${f.offset}: ${f.detail}; decoded ${this.events} events before it`;
      out.push(this.#info(event, { offset: f.offset, detail: f.detail }));
      this.#notice(msg);
      this.#error = msg;
      this.#ended = true;
    }
    this.#enqueue(out);
  }

  #enqueue(events: LogEvent[]): void {
    if (this.#qi === this.#queue.length) {
      this.#queue = events;
      this.#qi = 0;
    } else this.#queue.push(...events);
  }

  #info(event: string, fields: Record<string, InfoValue>): InfoEvent {
    return { kind: "info", timeMs: this.#lastTimeMs, event, fields };
  }

  #finishAtEof(): void {
    const pending = this.#decoder.pending;
    if (pending > 0) {
      const offset = this.#decoder.offset;
      this.#notice(`${this.path}: the log ends inside an event at byte ${offset} (${pending} bytes of it present)`);
      this.#enqueue([this.#info("log-incomplete", { offset, bytes: pending })]);
    }
    this.#ended = true;
  }

  /** Detects rotation and truncation; restarts on the new file. True when it did. */
  async #replaced(): Promise<boolean> {
    let info: Deno.FileInfo;
    try {
      info = await Deno.stat(this.path);
    } catch {
      return false; // moved away and not yet recreated: keep waiting
    }
    const rotated = info.ino !== null && this.#ino !== null && info.ino !== this.#ino;
    const truncated = !rotated && info.size < this.#pos;
    if (!rotated && !truncated) return false;
    const discarded = this.#decoder.pending;
    const fields: Record<string, InfoValue> = { offset: this.#pos, discardedBytes: discarded };
    if (rotated) {
      this.#notice(`${this.path}: the log file was replaced (rotated); reading the new file from its start`);
      try {
        this.#file.close();
      } catch { /* already closed */ }
      try {
        this.#file = await Deno.open(this.path, { read: true });
      } catch {
        return false;
      }
      this.#ino = (await this.#file.stat()).ino;
    } else {
      fields.size = info.size;
      this.#notice(
        `${this.path}: the log shrank from ${this.#pos} to ${info.size} bytes (truncated); reading it again from the start`,
      );
      await this.#file.seek(0, Deno.SeekMode.Start);
    }
    this.#enqueue([this.#info(rotated ? "log-rotated" : "log-truncated", fields)]);
    this.#pos = 0;
    this.#decoder = new EventLogDecoder();
    this.writer.reset();
    this.#endSeen = false;
    return true;
  }
}
