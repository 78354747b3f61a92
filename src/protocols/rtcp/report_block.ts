/**
 * Reception report blocks, shared by sender and receiver reports (RFC 3550 §6.4.1).
 *
 * @module
 */
// This module is browser compatible.

import { be24s, be32 } from "./_common.ts";

/** Bytes in one reception report block. */
export const REPORT_BLOCK_LENGTH = 24;

/**
 * One reception report block.
 *
 * ```text
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |                 SSRC_1 (SSRC of first source)                 |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | fraction lost |       cumulative number of packets lost       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           extended highest sequence number received           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      interarrival jitter                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         last SR (LSR)                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                   delay since last SR (DLSR)                  |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * ```
 */
export interface ReceptionReport {
  /** The source this block reports on. */
  readonly ssrc: number;
  /** Fraction lost since the previous report, 8-bit fixed point: divide by 256 for a ratio. */
  readonly fractionLost: number;
  /** Cumulative packets lost, signed 24-bit: duplicates can make it negative (RFC 3550 §6.4.1). */
  readonly cumulativeLost: number;
  /** Sequence cycles (high 16 bits) and highest sequence number received (low 16 bits). */
  readonly extendedHighestSequence: number;
  /** Interarrival jitter in RTP timestamp units. */
  readonly jitter: number;
  /** Middle 32 bits of the NTP timestamp of the last SR received from this source, or 0. */
  readonly lastSenderReport: number;
  /** Delay since that SR in 1/65536 s, or 0. */
  readonly delaySinceLastSenderReport: number;
}

const FRACTION_OFFSET = 4;
const HIGHEST_SEQUENCE_OFFSET = 8;
const JITTER_OFFSET = 12;
const LSR_OFFSET = 16;
const DLSR_OFFSET = 20;

/**
 * Reads `count` consecutive report blocks. The caller has checked that `count × 24` bytes are there.
 *
 * @param bytes The datagram.
 * @param offset Index of the first block.
 * @param count Number of blocks (RC).
 * @returns The blocks, in wire order.
 * @example One block
 * ```ts
 * import { decodeReportBlocks } from "./report_block.ts";
 * import { strictEqual } from "node:assert/strict";
 * const block = new Uint8Array([0, 0, 0, 1, 0x40, 0xff, 0xff, 0xfe, ...new Array<number>(16).fill(0)]);
 * const [r] = decodeReportBlocks(block, 0, 1);
 * strictEqual(r!.fractionLost / 256, 0.25);
 * strictEqual(r!.cumulativeLost, -2);
 * ```
 */
export function decodeReportBlocks(bytes: Uint8Array, offset: number, count: number): ReceptionReport[] {
  const reports: ReceptionReport[] = [];
  for (let i = 0, o = offset; i < count; i++, o += REPORT_BLOCK_LENGTH) {
    reports.push({
      ssrc: be32(bytes, o),
      fractionLost: bytes[o + FRACTION_OFFSET]!,
      cumulativeLost: be24s(bytes, o + FRACTION_OFFSET + 1),
      extendedHighestSequence: be32(bytes, o + HIGHEST_SEQUENCE_OFFSET),
      jitter: be32(bytes, o + JITTER_OFFSET),
      lastSenderReport: be32(bytes, o + LSR_OFFSET),
      delaySinceLastSenderReport: be32(bytes, o + DLSR_OFFSET),
    });
  }
  return reports;
}
