/**
 * The per-source packet ring: a bounded history of raw frames, addressed by consecutive packet ids.
 *
 * Frames are copied into one preallocated byte ring; their metadata lives in parallel typed arrays indexed by
 * `id % capacity`. Appending does not allocate. The ring is bounded twice: by packet count (`--buffer-size`) and by
 * bytes; whatever either bound evicts is counted in {@linkcode PacketStore.overwritten}, whatever ages out in
 * {@linkcode PacketStore.discharged}.
 * @module
 */

import { BATCH_HEADER_BYTES, RECORD_HEADER_BYTES, recordSize, writeBatchHeader } from "../wire/messages.ts";

export interface PacketStoreLimits {
  /** Most packets held at once. */
  maxPackets: number;
  /** Most frame bytes held at once. */
  maxBytes: number;
}

export class PacketStore {
  readonly maxPackets: number;
  readonly maxBytes: number;
  /** Oldest id still held; equals {@linkcode nextId} when empty. Ids start at 1. */
  firstId = 1;
  /** Id the next appended packet gets. */
  nextId = 1;
  overwritten = 0;
  discharged = 0;
  /** Bytes of frame data held, padding included. */
  bytesHeld = 0;

  readonly #data: Uint8Array;
  readonly #offset: Uint32Array;
  readonly #caplen: Uint32Array;
  readonly #origlen: Uint32Array;
  readonly #tsSec: Uint32Array;
  readonly #tsNsec: Uint32Array;
  readonly #storedAtMs: Float64Array;
  #writePos = 0;
  /** Highest byte offset ever written: the part of the ring that is resident. */
  #extent = 0;

  constructor(limits: PacketStoreLimits) {
    if (!(limits.maxPackets >= 1) || !(limits.maxBytes >= 4)) {
      throw new RangeError("Packet store limits must be positive");
    }
    this.maxPackets = limits.maxPackets;
    this.maxBytes = limits.maxBytes;
    this.#data = new Uint8Array(limits.maxBytes);
    this.#offset = new Uint32Array(limits.maxPackets);
    this.#caplen = new Uint32Array(limits.maxPackets);
    this.#origlen = new Uint32Array(limits.maxPackets);
    this.#tsSec = new Uint32Array(limits.maxPackets);
    this.#tsNsec = new Uint32Array(limits.maxPackets);
    this.#storedAtMs = new Float64Array(limits.maxPackets);
  }

  /** Packets held now. */
  get size(): number {
    return this.nextId - this.firstId;
  }

  /**
   * Copies one frame in, evicting the oldest packets as needed, and returns its id.
   * A frame larger than the whole byte ring is truncated to fit (its original length is kept).
   */
  append(
    src: Uint8Array,
    offset: number,
    caplen: number,
    tsSec: number,
    tsNsec: number,
    origlen: number,
    nowMs: number,
  ): number {
    if (caplen > this.maxBytes) caplen = this.maxBytes & ~3;
    const padded = (caplen + 3) & ~3;
    if (this.size === this.maxPackets) this.#evictOldest();
    if (this.size > 0) {
      // Wrap early once the free space in front of the oldest packet could hold everything held: the writer then
      // stays within about twice the bytes held, so a ring of small packets touches (and keeps resident) only that
      // much of the preallocated array, not all of it.
      const oldest = this.#offset[this.#slot(this.firstId)]!;
      if (oldest < this.#writePos && oldest >= this.bytesHeld + padded) this.#writePos = 0;
    }
    if (this.#writePos + padded > this.maxBytes) {
      // Skip the tail: whatever still lies ahead of the writer there is the oldest data; evict it first.
      while (this.size > 0 && this.#offset[this.#slot(this.firstId)]! >= this.#writePos) this.#evictOldest();
      this.#writePos = 0;
    }
    const start = this.#writePos;
    const end = start + padded;
    while (this.size > 0) {
      const o = this.#offset[this.#slot(this.firstId)]!;
      if (o < start || o >= end) break;
      this.#evictOldest();
    }
    if (this.size === 0) this.#writePos = 0;
    const at = this.#writePos;
    this.#data.set(src.subarray(offset, offset + caplen), at);
    const id = this.nextId++;
    const s = this.#slot(id);
    this.#offset[s] = at;
    this.#caplen[s] = caplen;
    this.#origlen[s] = origlen;
    this.#tsSec[s] = tsSec;
    this.#tsNsec[s] = tsNsec;
    this.#storedAtMs[s] = nowMs;
    this.#writePos = at + padded;
    if (this.#writePos > this.#extent) this.#extent = this.#writePos;
    this.bytesHeld += padded;
    return id;
  }

  /** Bytes of the ring ever written to (resident memory); at most {@linkcode PacketStore.maxBytes}. */
  get extentBytes(): number {
    return this.#extent;
  }

  /** Drops packets stored before `cutoffMs` (wall clock); returns how many. */
  dischargeOlderThan(cutoffMs: number): number {
    let n = 0;
    while (this.size > 0 && this.#storedAtMs[this.#slot(this.firstId)]! < cutoffMs) {
      this.#drop();
      n++;
    }
    this.discharged += n;
    return n;
  }

  /** Captured length of packet `id` (must be held). */
  caplenOf(id: number): number {
    return this.#caplen[this.#slot(id)]!;
  }

  /** The frame bytes of packet `id` (a view into the ring: copy it if you keep it past the next append). */
  frameOf(id: number): Uint8Array {
    const s = this.#slot(id);
    const o = this.#offset[s]!;
    return this.#data.subarray(o, o + this.#caplen[s]!);
  }

  /**
   * Encodes packets `[startId, …)` as one wire batch of at most `maxPackets` packets and about `maxBytes` bytes
   * (a single larger packet still goes alone). Returns null when `startId` is not held.
   */
  encodeBatch(
    source: number,
    linkType: number,
    startId: number,
    maxPackets: number,
    maxBytes: number,
  ): { message: Uint8Array<ArrayBuffer>; endId: number } | null {
    if (startId < this.firstId || startId >= this.nextId) return null;
    let total = BATCH_HEADER_BYTES;
    let endId = startId;
    while (endId < this.nextId && endId - startId < maxPackets) {
      const size = recordSize(this.#caplen[this.#slot(endId)]!);
      if (endId > startId && total + size > maxBytes) break;
      total += size;
      endId++;
    }
    const message = new Uint8Array(total);
    const view = new DataView(message.buffer);
    writeBatchHeader(view, source, endId - startId, startId, linkType);
    let p = BATCH_HEADER_BYTES;
    for (let id = startId; id < endId; id++) {
      const s = this.#slot(id);
      const caplen = this.#caplen[s]!;
      view.setUint32(p, this.#tsSec[s]!, true);
      view.setUint32(p + 4, this.#tsNsec[s]!, true);
      view.setUint32(p + 8, caplen, true);
      view.setUint32(p + 12, this.#origlen[s]!, true);
      const o = this.#offset[s]!;
      message.set(this.#data.subarray(o, o + caplen), p + RECORD_HEADER_BYTES);
      p += recordSize(caplen);
    }
    return { message, endId };
  }

  #slot(id: number): number {
    return id % this.maxPackets;
  }

  #evictOldest(): void {
    this.#drop();
    this.overwritten++;
  }

  #drop(): void {
    this.bytesHeld -= (this.#caplen[this.#slot(this.firstId)]! + 3) & ~3;
    this.firstId++;
  }
}
