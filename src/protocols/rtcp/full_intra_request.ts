/**
 * Full Intra Request, PSFB FMT 4 (RFC 5104 §4.3.1).
 *
 * @module
 */
// This module is browser compatible.

import { type Decoded, isFailure } from "../decode_result.ts";
import { be32 } from "./_common.ts";
import { countFciEntries, FEEDBACK_HEADER_LENGTH, type FeedbackBase, feedbackBase } from "./feedback.ts";
import type { RtcpHeader } from "./header.ts";

/** One FIR entry. */
export interface FirEntry {
  /** The media sender asked for a decoder refresh point. */
  readonly ssrc: number;
  /** Command sequence number, 8 bits: a repeated request keeps it, a new one increments it. */
  readonly sequence: number;
}

/** A decoded FIR. Its media SSRC is unused (0) by RFC 5104 §4.3.1.2; the entries name the targets. */
export interface FullIntraRequest extends FeedbackBase {
  /** Tells the union members apart. */
  readonly type: "fir";
  /** One or more requests. */
  readonly entries: FirEntry[];
}

/**
 * Decodes a FIR.
 *
 * ```text
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                              SSRC                             |  (one or more)
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Seq nr.       |    Reserved                                   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ```
 *
 * @param bytes The datagram (not copied).
 * @param h The packet's header, from {@linkcode decodeRtcpHeader}.
 * @returns The FIR, or a `bad-length` failure when the FCI is not one or more 8-byte entries.
 * @example
 * ```ts
 * import { decodeRtcpHeader } from "./header.ts";
 * import { decodeFullIntraRequest } from "./full_intra_request.ts";
 * import { isFailure } from "../decode_result.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const bytes = Uint8Array.from([0x84, 0xce, 0, 4, 0, 0, 0, 1, 0, 0, 0, 0, 0x11, 0x22, 0x33, 0x44, 7, 0, 0, 0]);
 * const h = decodeRtcpHeader(bytes, 0, bytes.length);
 * const fir = isFailure(h) ? h : decodeFullIntraRequest(bytes, h);
 * deepStrictEqual(!isFailure(fir) && fir.entries, [{ ssrc: 0x11223344, sequence: 7 }]);
 * ```
 */
export function decodeFullIntraRequest(bytes: Uint8Array, h: RtcpHeader): Decoded<FullIntraRequest> {
  const n = countFciEntries(h, "FIR", 8, 1);
  if (isFailure(n)) return n;
  const entries: FirEntry[] = [];
  for (let i = 0, p = h.offset + FEEDBACK_HEADER_LENGTH; i < n; i++, p += 8) {
    entries.push({ ssrc: be32(bytes, p), sequence: bytes[p + 4]! });
  }
  return { type: "fir", ...feedbackBase(bytes, h), entries };
}
