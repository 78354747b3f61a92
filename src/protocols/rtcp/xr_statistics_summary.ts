/**
 * Statistics Summary report block, XR BT 6 (RFC 3611 §4.6).
 *
 * @module
 */
// This module is browser compatible.

import type { Decoded } from "../decode_result.ts";
import { be16, be32 } from "./_common.ts";
import { checkBlockSize, XR_BLOCK_HEADER_LENGTH, type XrBlockBase, type XrBlockHeader } from "./xr_block.ts";

/** A decoded Statistics Summary block. Fields whose flag is clear are sent as 0 and mean nothing. */
export interface XrStatisticsSummaryBlock extends XrBlockBase {
  /** Tells the union members apart. */
  readonly type: "statistics-summary";
  /** L: `lostPackets` is reported. */
  readonly lossReport: boolean;
  /** D: `duplicatePackets` is reported. */
  readonly duplicateReport: boolean;
  /** J: the four jitter fields are reported. */
  readonly jitterReport: boolean;
  /** ToH: 0 no TTL/hop limit fields, 1 IPv4 TTL, 2 IPv6 hop limit, 3 reserved. */
  readonly ttlOrHopLimit: number;
  /** The RTP source reported on. */
  readonly ssrc: number;
  /** First sequence number reported. */
  readonly beginSeq: number;
  /** Last sequence number reported, plus one. */
  readonly endSeq: number;
  /** Packets lost in the range (L). */
  readonly lostPackets: number;
  /** Packets duplicated in the range (D). */
  readonly duplicatePackets: number;
  /** Minimum relative transit time between packets, in RTP timestamp units (J). */
  readonly minJitter: number;
  /** Maximum, likewise (J). */
  readonly maxJitter: number;
  /** Mean, likewise (J). */
  readonly meanJitter: number;
  /** Standard deviation, likewise (J). */
  readonly devJitter: number;
  /** Minimum TTL or hop limit of the packets (ToH). */
  readonly minTtlOrHl: number;
  /** Maximum, likewise (ToH). */
  readonly maxTtlOrHl: number;
  /** Mean, likewise (ToH). */
  readonly meanTtlOrHl: number;
  /** Standard deviation, likewise (ToH). */
  readonly devTtlOrHl: number;
}

/**
 * Decodes a Statistics Summary block.
 *
 * ```text
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     BT=6      |L|D|J|ToH|rsvd.|       block length = 9        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        SSRC of source                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          begin_seq            |             end_seq           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        lost_packets                           |
 * |                        dup_packets                            |
 * |                         min_jitter                            |
 * |                         max_jitter                            |
 * |                         mean_jitter                           |
 * |                         dev_jitter                            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | min_ttl_or_hl | max_ttl_or_hl |mean_ttl_or_hl | dev_ttl_or_hl |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ```
 *
 * @param bytes The datagram (not copied).
 * @param b The block's header.
 * @returns The block, or a `bad-length` failure unless the block length is 9.
 * @example Loss reported, nothing else
 * ```ts
 * import { decodeXrStatisticsSummaryBlock } from "./xr_statistics_summary.ts";
 * import { isFailure } from "../decode_result.ts";
 * import { strictEqual } from "node:assert/strict";
 * const block = new Uint8Array(40);
 * block.set([6, 0x80, 0, 9, 0, 0, 0, 1, 0, 0, 0, 100, 0, 0, 0, 3]);
 * const r = decodeXrStatisticsSummaryBlock(block, { offset: 0, blockType: 6, typeSpecific: 0x80, end: 40 });
 * strictEqual(!isFailure(r) && r.lossReport && r.lostPackets, 3);
 * ```
 */
export function decodeXrStatisticsSummaryBlock(bytes: Uint8Array, b: XrBlockHeader): Decoded<XrStatisticsSummaryBlock> {
  const bad = checkBlockSize(b, "Statistics Summary", 36);
  if (bad !== null) return bad;
  const o = b.offset + XR_BLOCK_HEADER_LENGTH;
  const flags = b.typeSpecific;
  return {
    type: "statistics-summary",
    offset: b.offset,
    byteLength: b.end - b.offset,
    lossReport: (flags & 0x80) !== 0,
    duplicateReport: (flags & 0x40) !== 0,
    jitterReport: (flags & 0x20) !== 0,
    ttlOrHopLimit: (flags >>> 3) & 0x3,
    ssrc: be32(bytes, o),
    beginSeq: be16(bytes, o + 4),
    endSeq: be16(bytes, o + 6),
    lostPackets: be32(bytes, o + 8),
    duplicatePackets: be32(bytes, o + 12),
    minJitter: be32(bytes, o + 16),
    maxJitter: be32(bytes, o + 20),
    meanJitter: be32(bytes, o + 24),
    devJitter: be32(bytes, o + 28),
    minTtlOrHl: bytes[o + 32]!,
    maxTtlOrHl: bytes[o + 33]!,
    meanTtlOrHl: bytes[o + 34]!,
    devTtlOrHl: bytes[o + 35]!,
  };
}
