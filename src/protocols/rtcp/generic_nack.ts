/**
 * Generic NACK, RTPFB FMT 1 (RFC 4585 §6.2.1).
 *
 * @module
 */
// This module is browser compatible.

import { type Decoded, isFailure } from "../decode_result.ts";
import { be16 } from "./_common.ts";
import { countFciEntries, FEEDBACK_HEADER_LENGTH, type FeedbackBase, feedbackBase } from "./feedback.ts";
import type { RtcpHeader } from "./header.ts";

/** One FCI entry as sent. */
export interface NackPair {
  /** Packet ID: a lost RTP sequence number. */
  readonly pid: number;
  /** Bitmask of following lost packets: bit i (LSB = 0) set means PID + i + 1 was lost too. */
  readonly blp: number;
}

/** A decoded generic NACK. */
export interface GenericNack extends FeedbackBase {
  /** Tells the union members apart. */
  readonly type: "nack";
  /** The FCI entries, in wire order. */
  readonly pairs: NackPair[];
  /**
   * Every sequence number the entries report lost, in wire order: each PID, then the BLP bits from the least
   * significant. Numbers wrap at 65536 (PID 65535 with BLP bit 0 gives 65535, 0). Duplicates across entries are kept.
   */
  readonly lost: number[];
}

/**
 * Decodes a generic NACK.
 *
 * ```text
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|  FMT=1  |   PT=205      |          length               |
 * |                  SSRC of packet sender                        |
 * |                  SSRC of media source                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |            PID                |             BLP               |  (one or more)
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ```
 *
 * @param bytes The datagram (not copied).
 * @param h The packet's header, from {@linkcode decodeRtcpHeader}.
 * @returns The NACK, or a `bad-length` failure when the FCI is not one or more 4-byte entries.
 * @example PID 65535 with BLP 0x0003 wraps to 0 and 1
 * ```ts
 * import { decodeRtcpHeader } from "./header.ts";
 * import { decodeGenericNack } from "./generic_nack.ts";
 * import { isFailure } from "../decode_result.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const bytes = Uint8Array.from([0x81, 0xcd, 0, 3, 0, 0, 0, 1, 0, 0, 0, 2, 0xff, 0xff, 0x00, 0x03]);
 * const h = decodeRtcpHeader(bytes, 0, bytes.length);
 * const nack = isFailure(h) ? h : decodeGenericNack(bytes, h);
 * deepStrictEqual(!isFailure(nack) && nack.lost, [65535, 0, 1]);
 * ```
 */
export function decodeGenericNack(bytes: Uint8Array, h: RtcpHeader): Decoded<GenericNack> {
  const n = countFciEntries(h, "Generic NACK", 4, 1);
  if (isFailure(n)) return n;
  const pairs: NackPair[] = [];
  const lost: number[] = [];
  for (let i = 0, p = h.offset + FEEDBACK_HEADER_LENGTH; i < n; i++, p += 4) {
    const pid = be16(bytes, p);
    const blp = be16(bytes, p + 2);
    pairs.push({ pid, blp });
    lost.push(pid);
    for (let bit = 0; bit < 16; bit++) if ((blp & (1 << bit)) !== 0) lost.push((pid + bit + 1) & 0xffff);
  }
  return { type: "nack", ...feedbackBase(bytes, h), pairs, lost };
}
