// This module is browser compatible.
/**
 * Walks the packet records that `np_read_batch` (capture-rs/src/record.rs) writes into a batch buffer.
 *
 * ```text
 *  0               4               8               12              16
 * |    ts_sec     |    ts_nsec    |    caplen     |    origlen    | caplen bytes, zero-padded to 4 |
 * ```
 * u32 little-endian fields; each record starts 4-byte aligned.
 *
 * @module
 */

/** Bytes before the packet data in each record. */
export const RECORD_HEADER_BYTES = 16;

const TS_NSEC_OFFSET = 4;
const CAPLEN_OFFSET = TS_NSEC_OFFSET + 4;
const ORIGLEN_OFFSET = CAPLEN_OFFSET + 4;

/**
 * A reusable cursor over one filled batch: `reset` it per batch, then call `next()` until it returns false.
 * It allocates nothing per record (only a `DataView` when the buffer changes), and it never reads past
 * `bytes`: on a corrupt batch it stops and sets {@linkcode RecordCursor.error}.
 *
 * @example Walk a batch of one 3-byte packet
 * ```ts
 * import { RecordCursor } from "./records.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const buf = new Uint8Array(20);
 * new DataView(buf.buffer).setUint32(8, 3, true); // caplen
 * buf.set([7, 8, 9], 16);
 * const cur = new RecordCursor();
 * cur.reset(buf, 20, 1);
 * deepStrictEqual(cur.next(), true);
 * deepStrictEqual(buf.subarray(cur.dataOffset, cur.dataOffset + cur.caplen), new Uint8Array([7, 8, 9]));
 * deepStrictEqual([cur.next(), cur.error], [false, null]);
 * ```
 */
export class RecordCursor {
  /** Capture time, whole seconds (Unix epoch). */
  tsSec = 0;
  /** Nanoseconds within `tsSec`. */
  tsNsec = 0;
  /** Bytes of packet data present in the record. */
  caplen = 0;
  /** Length of the packet on the wire (larger than `caplen` when the snaplen cut it). */
  origlen = 0;
  /** Where the current record's packet data starts in the buffer. */
  dataOffset = 0;
  /** Why iteration stopped early on a corrupt batch; null while the batch is consistent. */
  error: string | null = null;

  #buf: Uint8Array = new Uint8Array(0);
  #view: DataView = new DataView(this.#buf.buffer);
  #bytes = 0;
  #left = 0;
  #offset = 0;

  /**
   * Points the cursor at a new batch.
   * @param buf The buffer passed to `Capture.read`.
   * @param bytes Bytes of it that hold records.
   * @param count Number of records.
   */
  reset(buf: Uint8Array, bytes: number, count: number): void {
    if (buf !== this.#buf) {
      this.#buf = buf;
      this.#view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    }
    this.#bytes = Math.min(bytes, buf.byteLength);
    this.#left = count;
    this.#offset = 0;
    this.error = bytes > buf.byteLength ? `Batch claims ${bytes} bytes but its buffer holds ${buf.byteLength}` : null;
  }

  /**
   * Moves to the next record.
   * @returns false at the end of the batch, or when the batch is corrupt (then `error` says why).
   */
  next(): boolean {
    if (this.#left === 0 || this.error !== null) return false;
    const at = this.#offset;
    if (at + RECORD_HEADER_BYTES > this.#bytes) {
      return this.#fail(`Record header at byte ${at} runs past the batch end (${this.#bytes})`);
    }
    const caplen = this.#view.getUint32(at + CAPLEN_OFFSET, true);
    const dataOffset = at + RECORD_HEADER_BYTES;
    if (caplen > this.#bytes - dataOffset) {
      return this.#fail(`Record at byte ${at} has caplen ${caplen}, past the batch end (${this.#bytes})`);
    }
    this.tsSec = this.#view.getUint32(at, true);
    this.tsNsec = this.#view.getUint32(at + TS_NSEC_OFFSET, true);
    this.origlen = this.#view.getUint32(at + ORIGLEN_OFFSET, true);
    this.caplen = caplen;
    this.dataOffset = dataOffset;
    this.#offset = dataOffset + caplen + ((4 - (caplen & 3)) & 3); // no `& ~3`: caplen may exceed 2^31
    this.#left--;
    return true;
  }

  #fail(message: string): false {
    this.error = message;
    this.#left = 0;
    return false;
  }
}
