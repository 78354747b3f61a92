/**
 * Reference Picture Selection Indication, PSFB FMT 3 (RFC 4585 §6.3.3).
 *
 * @module
 */
// This module is browser compatible.

import type { Decoded } from "../decode_result.ts";
import { rtcpFailure } from "./_common.ts";
import { FEEDBACK_HEADER_LENGTH, type FeedbackBase, feedbackBase } from "./feedback.ts";
import type { RtcpHeader } from "./header.ts";

/** A decoded RPSI. */
export interface ReferencePictureSelection extends FeedbackBase {
  /** Tells the union members apart. */
  readonly type: "rpsi";
  /** PB: unused bits at the end of the bit string that pad the FCI to 32 bits. */
  readonly paddingBits: number;
  /** RTP payload type the bit string is defined for. */
  readonly payloadType: number;
  /** The codec's native RPSI bit string, padding bits included (a view into the datagram). */
  readonly bitString: Uint8Array;
  /** Meaningful bits in `bitString`: `bitString.length × 8 − paddingBits`. */
  readonly bitLength: number;
}

/**
 * Decodes an RPSI.
 *
 * ```text
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      PB       |0| Payload Type|    Native RPSI bit string     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   defined per codec          ...                | Padding (0) |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ```
 *
 * @param bytes The datagram (not copied; `bitString` is a view into it).
 * @param h The packet's header, from {@linkcode decodeRtcpHeader}.
 * @returns The RPSI, or a failure: `bad-length` without a 4-byte FCI, `bad-value` when PB exceeds the bit string.
 * @example A 16-bit picture ID for payload type 96
 * ```ts
 * import { decodeRtcpHeader } from "./header.ts";
 * import { decodeReferencePictureSelection } from "./reference_picture_selection.ts";
 * import { isFailure } from "../decode_result.ts";
 * import { strictEqual } from "node:assert/strict";
 * const bytes = Uint8Array.from([0x83, 0xce, 0, 3, 0, 0, 0, 1, 0, 0, 0, 2, 0x00, 0x60, 0x12, 0x34]);
 * const h = decodeRtcpHeader(bytes, 0, bytes.length);
 * const r = isFailure(h) ? h : decodeReferencePictureSelection(bytes, h);
 * strictEqual(!isFailure(r) && `${r.payloadType}/${r.bitLength}`, "96/16");
 * ```
 */
export function decodeReferencePictureSelection(bytes: Uint8Array, h: RtcpHeader): Decoded<ReferencePictureSelection> {
  const fciStart = h.offset + FEEDBACK_HEADER_LENGTH;
  const fci = h.contentEnd - fciStart;
  if (fci < 4) {
    return rtcpFailure(
      "bad-length",
      h.offset + 2,
      `RPSI needs an FCI of at least 4 bytes, it has ${fci < 0 ? 0 : fci}`,
    );
  }
  const paddingBits = bytes[fciStart]!;
  const bitString = bytes.subarray(fciStart + 2, h.contentEnd);
  if (paddingBits > bitString.length * 8) {
    return rtcpFailure("bad-value", fciStart, `RPSI PB ${paddingBits} exceeds its ${bitString.length * 8}-bit string`);
  }
  return {
    type: "rpsi",
    ...feedbackBase(bytes, h),
    paddingBits,
    payloadType: bytes[fciStart + 1]! & 0x7f,
    bitString,
    bitLength: bitString.length * 8 - paddingBits,
  };
}
