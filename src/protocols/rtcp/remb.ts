/**
 * Receiver Estimated Maximum Bitrate: PSFB FMT 15 (application layer feedback, RFC 4585 §6.4) whose FCI starts with
 * "REMB" (draft-alvestrand-rmcat-remb-03 §2.2).
 *
 * @module
 */
// This module is browser compatible.

import type { Decoded } from "../decode_result.ts";
import { be32, rtcpFailure } from "./_common.ts";
import { FEEDBACK_HEADER_LENGTH, type FeedbackBase, feedbackBase } from "./feedback.ts";
import type { RtcpHeader } from "./header.ts";

/** A decoded REMB. */
export interface Remb extends FeedbackBase {
  /** Tells the union members apart. */
  readonly type: "remb";
  /** BR Exp, 6 bits. */
  readonly exponent: number;
  /** BR Mantissa, 18 bits. */
  readonly mantissa: number;
  /** The estimate in bit/s: `mantissa × 2^exponent` (a double: exact up to 2⁵³). */
  readonly bitrate: number;
  /** The media sources the estimate applies to (Num SSRC of them). */
  readonly ssrcs: number[];
}

const REMB_IDENTIFIER = 0x52454d42; // "REMB"
const REMB_FIXED_LENGTH = 8; // identifier, Num SSRC, BR Exp, BR Mantissa

/**
 * True when a PSFB FMT 15 packet's FCI starts with the "REMB" identifier.
 *
 * @param bytes The datagram.
 * @param h The packet's header.
 * @returns Whether {@linkcode decodeRemb} applies.
 * @example
 * ```ts
 * import { decodeRtcpHeader } from "./header.ts";
 * import { isRemb } from "./remb.ts";
 * import { isFailure } from "../decode_result.ts";
 * import { strictEqual } from "node:assert/strict";
 * const bytes = Uint8Array.from([0x8f, 0xce, 0, 4, 0, 0, 0, 1, 0, 0, 0, 0, 0x52, 0x45, 0x4d, 0x42, 0, 0, 0, 0]);
 * const h = decodeRtcpHeader(bytes, 0, bytes.length);
 * strictEqual(!isFailure(h) && isRemb(bytes, h), true);
 * ```
 */
export function isRemb(bytes: Uint8Array, h: RtcpHeader): boolean {
  const fci = h.offset + FEEDBACK_HEADER_LENGTH;
  return fci + 4 <= h.contentEnd && be32(bytes, fci) === REMB_IDENTIFIER;
}

/**
 * Decodes a REMB.
 *
 * ```text
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P| FMT=15  |   PT=206      |             length            |
 * |                  SSRC of packet sender                        |
 * |                  SSRC of media source (0)                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Unique identifier 'R' 'E' 'M' 'B'                            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Num SSRC     | BR Exp    |  BR Mantissa                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   SSRC feedback                                               |  (Num SSRC of them)
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ```
 *
 * @param bytes The datagram (not copied).
 * @param h The packet's header, from {@linkcode decodeRtcpHeader}.
 * @returns The REMB, or a failure: `bad-value` without the identifier, `bad-length` when the FCI is not exactly the
 *   fixed part plus Num SSRC sources.
 * @example 1 Mbit/s for one source
 * ```ts
 * import { decodeRtcpHeader } from "./header.ts";
 * import { decodeRemb } from "./remb.ts";
 * import { isFailure } from "../decode_result.ts";
 * import { strictEqual } from "node:assert/strict";
 * // Num SSRC 1, exp 4, mantissa 62500: 62500 × 2⁴ = 1 000 000
 * const bytes = Uint8Array.from([
 *   0x8f, 0xce, 0, 5, 0, 0, 0, 1, 0, 0, 0, 0, 0x52, 0x45, 0x4d, 0x42, 0x01, 0x10, 0xf4, 0x24, 0x11, 0x22, 0x33, 0x44,
 * ]);
 * const h = decodeRtcpHeader(bytes, 0, bytes.length);
 * const remb = isFailure(h) ? h : decodeRemb(bytes, h);
 * strictEqual(!isFailure(remb) && remb.bitrate, 1_000_000);
 * ```
 */
export function decodeRemb(bytes: Uint8Array, h: RtcpHeader): Decoded<Remb> {
  const fci = h.offset + FEEDBACK_HEADER_LENGTH;
  const have = h.contentEnd - fci;
  if (have < REMB_FIXED_LENGTH) {
    return rtcpFailure(
      "bad-length",
      h.offset + 2,
      `REMB needs an FCI of at least 8 bytes, it has ${have < 0 ? 0 : have}`,
    );
  }
  if (be32(bytes, fci) !== REMB_IDENTIFIER) return rtcpFailure("bad-value", fci, 'PSFB FMT 15 FCI is not "REMB"');
  const count = bytes[fci + 4]!;
  const need = REMB_FIXED_LENGTH + 4 * count;
  if (have !== need) {
    return rtcpFailure("bad-length", fci + 4, `REMB with ${count} SSRCs needs an FCI of ${need} bytes, it has ${have}`);
  }
  const word = be32(bytes, fci + 4);
  const exponent = (word >>> 18) & 0x3f;
  const mantissa = word & 0x3ffff;
  const ssrcs: number[] = [];
  for (let i = 0, p = fci + REMB_FIXED_LENGTH; i < count; i++, p += 4) ssrcs.push(be32(bytes, p));
  return { type: "remb", ...feedbackBase(bytes, h), exponent, mantissa, bitrate: mantissa * 2 ** exponent, ssrcs };
}
