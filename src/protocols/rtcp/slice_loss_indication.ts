/**
 * Slice Loss Indication, PSFB FMT 2 (RFC 4585 §6.3.2).
 *
 * @module
 */
// This module is browser compatible.

import { type Decoded, isFailure } from "../decode_result.ts";
import { be32 } from "./_common.ts";
import { countFciEntries, FEEDBACK_HEADER_LENGTH, type FeedbackBase, feedbackBase } from "./feedback.ts";
import type { RtcpHeader } from "./header.ts";

/** One SLI entry: a run of lost macroblocks. */
export interface SliEntry {
  /** Address of the first lost macroblock, 13 bits. */
  readonly first: number;
  /** Number of lost macroblocks, 13 bits. */
  readonly number: number;
  /** The six least significant bits of the codec's picture ID. */
  readonly pictureId: number;
}

/** A decoded SLI. */
export interface SliceLossIndication extends FeedbackBase {
  /** Tells the union members apart. */
  readonly type: "sli";
  /** One or more entries. */
  readonly entries: SliEntry[];
}

/**
 * Decodes an SLI.
 *
 * ```text
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |            First        |        Number           | PictureID |  (one or more)
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ```
 *
 * @param bytes The datagram (not copied).
 * @param h The packet's header, from {@linkcode decodeRtcpHeader}.
 * @returns The SLI, or a `bad-length` failure when the FCI is not one or more 4-byte entries.
 * @example First 1, number 2, picture 3
 * ```ts
 * import { decodeRtcpHeader } from "./header.ts";
 * import { decodeSliceLossIndication } from "./slice_loss_indication.ts";
 * import { isFailure } from "../decode_result.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const bytes = Uint8Array.from([0x82, 0xce, 0, 3, 0, 0, 0, 1, 0, 0, 0, 2, 0x00, 0x08, 0x00, 0x83]);
 * const h = decodeRtcpHeader(bytes, 0, bytes.length);
 * const sli = isFailure(h) ? h : decodeSliceLossIndication(bytes, h);
 * deepStrictEqual(!isFailure(sli) && sli.entries, [{ first: 1, number: 2, pictureId: 3 }]);
 * ```
 */
export function decodeSliceLossIndication(bytes: Uint8Array, h: RtcpHeader): Decoded<SliceLossIndication> {
  const n = countFciEntries(h, "SLI", 4, 1);
  if (isFailure(n)) return n;
  const entries: SliEntry[] = [];
  for (let i = 0, p = h.offset + FEEDBACK_HEADER_LENGTH; i < n; i++, p += 4) {
    const word = be32(bytes, p);
    entries.push({ first: word >>> 19, number: (word >>> 6) & 0x1fff, pictureId: word & 0x3f });
  }
  return { type: "sli", ...feedbackBase(bytes, h), entries };
}
