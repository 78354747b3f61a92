/**
 * Temporary Maximum Media Stream Bit Rate Request and Notification, RTPFB FMT 3 and 4 (RFC 5104 §4.2.1, §4.2.2). The
 * two share one FCI entry format, so they share this file.
 *
 * @module
 */
// This module is browser compatible.

import { type Decoded, isFailure } from "../decode_result.ts";
import { be32 } from "./_common.ts";
import { countFciEntries, FEEDBACK_HEADER_LENGTH, type FeedbackBase, feedbackBase } from "./feedback.ts";
import type { RtcpHeader } from "./header.ts";

/** One TMMBR/TMMBN FCI entry. */
export interface TmmbEntry {
  /** The media sender the limit is for. */
  readonly ssrc: number;
  /** MxTBR exponent, 6 bits. */
  readonly exponent: number;
  /** MxTBR mantissa, 17 bits. */
  readonly mantissa: number;
  /** Maximum total media bit rate in bit/s: `mantissa × 2^exponent`. */
  readonly bitrate: number;
  /** Measured per-packet overhead in bytes, 9 bits. */
  readonly overhead: number;
}

/** A decoded TMMBR. */
export interface Tmmbr extends FeedbackBase {
  /** Tells the union members apart. */
  readonly type: "tmmbr";
  /** One or more requests. */
  readonly entries: TmmbEntry[];
}

/** A decoded TMMBN. */
export interface Tmmbn extends FeedbackBase {
  /** Tells the union members apart. */
  readonly type: "tmmbn";
  /** The current bounding set; may be empty (RFC 5104 §4.2.2.2). */
  readonly entries: TmmbEntry[];
}

/**
 * The FCI entry of both messages.
 *
 * ```text
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                              SSRC                             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | MxTBR Exp |  MxTBR Mantissa                 |Measured Overhead|
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ```
 * @private
 */
function decodeEntries(bytes: Uint8Array, h: RtcpHeader, n: number): TmmbEntry[] {
  const entries: TmmbEntry[] = [];
  for (let i = 0, p = h.offset + FEEDBACK_HEADER_LENGTH; i < n; i++, p += 8) {
    const word = be32(bytes, p + 4);
    const exponent = word >>> 26;
    const mantissa = (word >>> 9) & 0x1ffff;
    entries.push({
      ssrc: be32(bytes, p),
      exponent,
      mantissa,
      bitrate: mantissa * 2 ** exponent,
      overhead: word & 0x1ff,
    });
  }
  return entries;
}

/**
 * Decodes a TMMBR.
 *
 * @param bytes The datagram (not copied).
 * @param h The packet's header, from {@linkcode decodeRtcpHeader}.
 * @returns The request, or a `bad-length` failure when the FCI is not one or more 8-byte entries.
 * @example 256 kbit/s with 40 bytes of overhead
 * ```ts
 * import { decodeRtcpHeader } from "./header.ts";
 * import { decodeTmmbr } from "./tmmbr.ts";
 * import { isFailure } from "../decode_result.ts";
 * import { strictEqual } from "node:assert/strict";
 * // exp 8, mantissa 1000, overhead 40: 0b001000_00000001111101000_000101000
 * const bytes = Uint8Array.from([0x83, 0xcd, 0, 4, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2, 0x20, 0x07, 0xd0, 0x28]);
 * const h = decodeRtcpHeader(bytes, 0, bytes.length);
 * const r = isFailure(h) ? h : decodeTmmbr(bytes, h);
 * strictEqual(!isFailure(r) && r.entries[0]!.bitrate, 256_000);
 * ```
 */
export function decodeTmmbr(bytes: Uint8Array, h: RtcpHeader): Decoded<Tmmbr> {
  const n = countFciEntries(h, "TMMBR", 8, 1);
  if (isFailure(n)) return n;
  return { type: "tmmbr", ...feedbackBase(bytes, h), entries: decodeEntries(bytes, h, n) };
}

/**
 * Decodes a TMMBN.
 *
 * @param bytes The datagram (not copied).
 * @param h The packet's header, from {@linkcode decodeRtcpHeader}.
 * @returns The notification, or a `bad-length` failure when the FCI is not a whole number of 8-byte entries.
 * @example An empty bounding set
 * ```ts
 * import { decodeRtcpHeader } from "./header.ts";
 * import { decodeTmmbn } from "./tmmbr.ts";
 * import { isFailure } from "../decode_result.ts";
 * import { strictEqual } from "node:assert/strict";
 * const bytes = Uint8Array.from([0x84, 0xcd, 0, 2, 0, 0, 0, 1, 0, 0, 0, 0]);
 * const h = decodeRtcpHeader(bytes, 0, bytes.length);
 * const r = isFailure(h) ? h : decodeTmmbn(bytes, h);
 * strictEqual(!isFailure(r) && r.entries.length, 0);
 * ```
 */
export function decodeTmmbn(bytes: Uint8Array, h: RtcpHeader): Decoded<Tmmbn> {
  const n = countFciEntries(h, "TMMBN", 8, 0);
  if (isFailure(n)) return n;
  return { type: "tmmbn", ...feedbackBase(bytes, h), entries: decodeEntries(bytes, h, n) };
}
