/**
 * The browser's packet history: raw batch messages as they arrived, indexed once, decoded only for the rows on
 * screen. Bounded by bytes; whatever the bound evicts is counted.
 * @module
 */

import { RecordCursor } from "../../ffi/records.ts";
import { BATCH_HEADER_BYTES, type PacketBatch, RECORD_HEADER_BYTES } from "../wire/messages.ts";

interface StoredBatch {
  /** Row number of the batch's first packet in this list. */
  firstRow: number;
  firstId: number;
  linkType: number;
  records: Uint8Array;
  /** Start of each record within `records`. */
  offsets: Uint32Array;
}

/** One record located in the history; fields are valid until the next call that returns a row. */
export interface RowRef {
  id: number;
  linkType: number;
  records: Uint8Array;
  offset: number;
}

export class PacketList {
  #batches: StoredBatch[] = [];
  #head = 0;
  #bytes = 0;
  #nextRow = 0;
  #firstRow = 0;
  /** Packets evicted by the byte bound. */
  evicted = 0;
  /** Records that did not fit their batch (a malformed message); counted, never shown. */
  malformed = 0;
  readonly #cursor = new RecordCursor();

  constructor(readonly maxBytes = 256 << 20) {}

  /** Rows currently held. */
  get length(): number {
    return this.#nextRow - this.#firstRow;
  }

  clear(): void {
    this.#batches = [];
    this.#head = 0;
    this.#bytes = 0;
    this.#firstRow = this.#nextRow = 0;
    this.evicted = 0;
  }

  add(batch: PacketBatch): void {
    const records = batch.bytes.subarray(BATCH_HEADER_BYTES);
    const offsets = new Uint32Array(batch.count);
    this.#cursor.reset(records, records.length, batch.count);
    let n = 0;
    while (n < batch.count && this.#cursor.next()) offsets[n++] = this.#cursor.dataOffset - RECORD_HEADER_BYTES;
    this.malformed += batch.count - n;
    if (n === 0) return;
    this.#batches.push({
      firstRow: this.#nextRow,
      firstId: batch.firstId,
      linkType: batch.linkType,
      records,
      offsets: n === batch.count ? offsets : offsets.subarray(0, n),
    });
    this.#nextRow += n;
    this.#bytes += records.length;
    while (this.#bytes > this.maxBytes && this.#batches.length - this.#head > 1) {
      const old = this.#batches[this.#head++]!;
      this.#bytes -= old.records.length;
      this.evicted += old.offsets.length;
      this.#firstRow += old.offsets.length;
    }
    if (this.#head > 1024) {
      this.#batches = this.#batches.slice(this.#head);
      this.#head = 0;
    }
  }

  /** The record at `index` (0 = oldest held), or null when out of range. */
  row(index: number, out: RowRef): RowRef | null {
    if (index < 0 || index >= this.length) return null;
    const row = this.#firstRow + index;
    let lo = this.#head;
    let hi = this.#batches.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.#batches[mid]!.firstRow <= row) lo = mid;
      else hi = mid - 1;
    }
    const b = this.#batches[lo]!;
    const k = row - b.firstRow;
    out.id = b.firstId + k;
    out.linkType = b.linkType;
    out.records = b.records;
    out.offset = b.offsets[k]!;
    return out;
  }
}
