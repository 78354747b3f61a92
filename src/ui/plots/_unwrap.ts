/**
 * Unwrapping of RTP's wrapping counters for a continuous plot axis (RFC 3550 §5.1): the 16-bit sequence number and the
 * 32-bit timestamp, each extended by serial-number arithmetic (RFC 1982) against the previous value, so a wrap moves
 * forward by one step and a late packet lands just behind. No allocation.
 * @module
 */
// This module is browser compatible.

const SEQ_MOD = 65536;
const TS_MOD = 4294967296;

/**
 * Extends 16-bit sequence numbers against the highest one so far.
 * @example Across the wrap
 * ```ts
 * import { SeqUnwrapper } from "./_unwrap.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const u = new SeqUnwrapper();
 * deepStrictEqual([65534, 65535, 0, 1, 65535].map((s) => u.extend(s)), [65534, 65535, 65536, 65537, 65535]);
 * ```
 */
export class SeqUnwrapper {
  #highest = 0;
  #started = false;

  /**
   * @param seq 0 … 65535.
   * @returns The extended sequence number (may be below the first one for packets that arrive late).
   */
  extend(seq: number): number {
    seq &= 0xffff;
    if (!this.#started) {
      this.#started = true;
      this.#highest = seq;
      return seq;
    }
    const low = ((this.#highest % SEQ_MOD) + SEQ_MOD) % SEQ_MOD;
    const diff = ((seq - low) << 16) >> 16; // signed 16-bit distance
    const ext = this.#highest + diff;
    if (ext > this.#highest) this.#highest = ext;
    return ext;
  }

  /** The highest extended number so far (meaningless before the first `extend`). */
  get highest(): number {
    return this.#highest;
  }
}

/**
 * Extends 32-bit RTP timestamps against the previous one (timestamps may legitimately step back, e.g. B-frames).
 * @example Across the wrap
 * ```ts
 * import { TimestampUnwrapper } from "./_unwrap.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const u = new TimestampUnwrapper();
 * deepStrictEqual([0xffffff00, 0x100].map((t) => u.extend(t)), [0xffffff00, 0x100000100]);
 * ```
 */
export class TimestampUnwrapper {
  #last = 0;
  #lastLow = 0;
  #started = false;

  /**
   * @param ts 0 … 2³²−1.
   * @returns The extended timestamp.
   */
  extend(ts: number): number {
    ts = ts >>> 0;
    if (!this.#started) {
      this.#started = true;
      this.#last = ts;
      this.#lastLow = ts;
      return ts;
    }
    const diff = (ts - this.#lastLow) | 0; // signed 32-bit distance
    this.#last += diff;
    this.#lastLow = ts;
    return this.#last;
  }

  /**
   * Extends a timestamp against the last one without moving the reference (for RTCP SR timestamps).
   * @param ts 0 … 2³²−1.
   * @returns The extended value, or `ts` before the first `extend`.
   */
  peek(ts: number): number {
    if (!this.#started) return ts >>> 0;
    return this.#last + (((ts >>> 0) - this.#lastLow) | 0);
  }
}

export { SEQ_MOD, TS_MOD };
