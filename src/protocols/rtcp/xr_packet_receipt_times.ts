/**
 * Packet Receipt Times report block, XR BT 3 (RFC 3611 §4.3).
 *
 * @module
 */
// This module is browser compatible.

import type { Decoded } from "../decode_result.ts";
import { be16, be32 } from "./_common.ts";
import { checkBlockMinimum, XR_BLOCK_HEADER_LENGTH, type XrBlockBase, type XrBlockHeader } from "./xr_block.ts";

/** A decoded Packet Receipt Times block. */
export interface XrPacketReceiptTimesBlock extends XrBlockBase {
  /** Tells the union members apart. */
  readonly type: "packet-receipt-times";
  /** Thinning T (4 bits). */
  readonly thinning: number;
  /** The RTP source reported on. */
  readonly ssrc: number;
  /** First sequence number reported. */
  readonly beginSeq: number;
  /** Last sequence number reported, plus one. */
  readonly endSeq: number;
  /**
   * Receipt times in the RTP timestamp clock of the source, one per reported sequence number in order (0 for a packet
   * not received), as sent; the last may be zero padding.
   */
  readonly receiptTimes: number[];
}

/**
 * Decodes a Packet Receipt Times block.
 *
 * ```text
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     BT=3      | rsvd. |   T   |         block length          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        SSRC of source                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          begin_seq            |             end_seq           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |       Receipt time of packet begin_seq                        |
 * :                              ...                              :
 * |       Receipt time of packet (end_seq - 1) mod 65536          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ```
 *
 * @param bytes The datagram (not copied).
 * @param b The block's header.
 * @returns The block, or a `bad-length` failure when SSRC and sequence range do not fit.
 * @example Two receipt times
 * ```ts
 * import { decodeXrPacketReceiptTimesBlock } from "./xr_packet_receipt_times.ts";
 * import { isFailure } from "../decode_result.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const block = Uint8Array.from([3, 0, 0, 4, 0, 0, 0, 9, 0, 1, 0, 3, 0, 0, 0, 10, 0, 0, 0, 20]);
 * const r = decodeXrPacketReceiptTimesBlock(block, { offset: 0, blockType: 3, typeSpecific: 0, end: block.length });
 * deepStrictEqual(!isFailure(r) && r.receiptTimes, [10, 20]);
 * ```
 */
export function decodeXrPacketReceiptTimesBlock(
  bytes: Uint8Array,
  b: XrBlockHeader,
): Decoded<XrPacketReceiptTimesBlock> {
  const bad = checkBlockMinimum(b, "Packet Receipt Times", 8);
  if (bad !== null) return bad;
  const o = b.offset + XR_BLOCK_HEADER_LENGTH;
  const receiptTimes: number[] = [];
  for (let p = o + 8; p + 4 <= b.end; p += 4) receiptTimes.push(be32(bytes, p));
  return {
    type: "packet-receipt-times",
    offset: b.offset,
    byteLength: b.end - b.offset,
    thinning: b.typeSpecific & 0x0f,
    ssrc: be32(bytes, o),
    beginSeq: be16(bytes, o + 4),
    endSeq: be16(bytes, o + 6),
    receiptTimes,
  };
}
