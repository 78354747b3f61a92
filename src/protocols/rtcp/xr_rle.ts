/**
 * Loss RLE and Duplicate RLE report blocks, XR BT 1 and 2 (RFC 3611 §4.1, §4.2). Their formats are identical; only
 * the meaning of a bit differs, so they share this file.
 *
 * @module
 */
// This module is browser compatible.

import type { Decoded } from "../decode_result.ts";
import { be16, be32 } from "./_common.ts";
import {
  checkBlockMinimum,
  XR_BLOCK_HEADER_LENGTH,
  type XrBlockBase,
  type XrBlockHeader,
  XrBlockType,
} from "./xr_block.ts";

/** One 16-bit chunk of an RLE block (RFC 3611 §4.1.1–§4.1.3). */
export type XrRleChunk =
  /** C=0: `runLength` (1–16383) sequence numbers with the same bit `runType`. */
  | { readonly kind: "run"; readonly runType: 0 | 1; readonly runLength: number }
  /** C=1: 15 bits, read left to right in order of increasing sequence number. */
  | { readonly kind: "vector"; readonly bits: number }
  /** All zeros: ends the list (or pads it to 32 bits). */
  | { readonly kind: "null" };

/** What both RLE blocks carry. */
export interface XrRleBlockFields extends XrBlockBase {
  /** Thinning T (4 bits): only sequence numbers that are multiples of 2^T are reported. */
  readonly thinning: number;
  /** The RTP source reported on. */
  readonly ssrc: number;
  /** First sequence number reported. */
  readonly beginSeq: number;
  /** Last sequence number reported, plus one. */
  readonly endSeq: number;
  /** The chunks as sent, null chunks included. */
  readonly chunks: XrRleChunk[];
  /** Sequence numbers in [beginSeq, endSeq) that thinning keeps: the length of the bit trace. */
  readonly reported: number;
}

/** A Loss RLE block: in its bit trace, 1 is a packet received and 0 a packet lost. */
export interface XrLossRleBlock extends XrRleBlockFields {
  /** Tells the union members apart. */
  readonly type: "loss-rle";
  /** Ones in the trace, up to `reported` bits. */
  readonly received: number;
  /** Zeros in the trace, up to `reported` bits. */
  readonly lost: number;
}

/**
 * A Duplicate RLE block: in its bit trace, 0 is a sequence number that was duplicated and 1 one that was not (a lost
 * packet is a 1, RFC 3611 §4.2).
 */
export interface XrDuplicateRleBlock extends XrRleBlockFields {
  /** Tells the union members apart. */
  readonly type: "duplicate-rle";
  /** Zeros in the trace, up to `reported` bits. */
  readonly duplicated: number;
  /** Ones in the trace, up to `reported` bits. */
  readonly notDuplicated: number;
}

/**
 * Number of sequence numbers in the half-open range [begin, end) (mod 2¹⁶) that are multiples of 2^thinning.
 * begin = end is an empty range: RFC 3611 §4.2 keeps a report under 65534 sequence numbers. @private
 */
export function reportedCount(begin: number, end: number, thinning: number): number {
  const length = (end - begin) & 0xffff;
  const step = 2 ** thinning;
  const first = (step - (begin % step)) % step; // distance from begin to the first multiple of step
  return length > first ? Math.floor((length - first - 1) / step) + 1 : 0;
}

/**
 * Decodes a Loss RLE or Duplicate RLE block. Counts cover the first `reported` bits of the expanded trace: bits past
 * the range (a partly used last bit vector) are ignored, and packets no chunk covers count in neither total.
 *
 * ```text
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  BT = 1 or 2  | rsvd. |   T   |         block length          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        SSRC of source                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          begin_seq            |             end_seq           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          chunk 1              |             chunk 2           |
 * :                              ...                              :
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * run length chunk:  |C=0|R|   run length (14)   |
 * bit vector chunk:  |C=1|    bit vector (15)    |
 * terminating null:  |0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0|
 * ```
 *
 * @param bytes The datagram (not copied).
 * @param b The block's header.
 * @returns The block, or a `bad-length` failure when SSRC and sequence range do not fit.
 * @example 10 packets from 100: a run of 6 received, then a vector 110 0000 0000 0000 of which 4 bits count
 * ```ts
 * import { decodeXrRleBlock } from "./xr_rle.ts";
 * import { isFailure } from "../decode_result.ts";
 * import { strictEqual } from "node:assert/strict";
 * const block = Uint8Array.from([1, 0, 0, 3, 0, 0, 0, 9, 0, 100, 0, 110, 0x40, 0x06, 0xe0, 0x00]);
 * const r = decodeXrRleBlock(block, { offset: 0, blockType: 1, typeSpecific: 0, end: block.length });
 * strictEqual(!isFailure(r) && r.type === "loss-rle" && `${r.received} received, ${r.lost} lost`, "8 received, 2 lost");
 * ```
 */
export function decodeXrRleBlock(bytes: Uint8Array, b: XrBlockHeader): Decoded<XrLossRleBlock | XrDuplicateRleBlock> {
  const loss = b.blockType === XrBlockType.LossRle;
  const bad = checkBlockMinimum(b, loss ? "Loss RLE" : "Duplicate RLE", 8);
  if (bad !== null) return bad;
  const o = b.offset + XR_BLOCK_HEADER_LENGTH;
  const thinning = b.typeSpecific & 0x0f;
  const beginSeq = be16(bytes, o + 4);
  const endSeq = be16(bytes, o + 6);
  const reported = reportedCount(beginSeq, endSeq, thinning);
  const chunks: XrRleChunk[] = [];
  let ones = 0;
  let bits = 0; // trace bits counted so far, at most `reported`
  for (let p = o + 8; p + 2 <= b.end; p += 2) {
    const chunk = be16(bytes, p);
    if (chunk === 0) {
      chunks.push({ kind: "null" });
    } else if ((chunk & 0x8000) === 0) {
      const runType = (chunk >>> 14) & 1 ? 1 : 0;
      const runLength = chunk & 0x3fff;
      chunks.push({ kind: "run", runType, runLength });
      const take = Math.min(runLength, reported - bits);
      if (runType === 1) ones += take;
      bits += take;
    } else {
      const vector = chunk & 0x7fff;
      chunks.push({ kind: "vector", bits: vector });
      for (let i = 14; i >= 0 && bits < reported; i--, bits++) ones += (vector >>> i) & 1;
    }
  }
  const common = {
    offset: b.offset,
    byteLength: b.end - b.offset,
    thinning,
    ssrc: be32(bytes, o),
    beginSeq,
    endSeq,
    chunks,
    reported,
  };
  return loss
    ? { type: "loss-rle", ...common, received: ones, lost: bits - ones }
    : { type: "duplicate-rle", ...common, duplicated: bits - ones, notDuplicated: ones };
}
