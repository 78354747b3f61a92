/**
 * What every XR report block shares (RFC 3611 §3): its header and the block type numbers.
 *
 * ```text
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      BT       | type-specific |         block length          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * :             type-specific block contents                      :
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ```
 * The block length counts 32-bit words after this header.
 *
 * @module
 */
// This module is browser compatible.

import type { DecodeFailure } from "../decode_result.ts";
import { rtcpFailure } from "./_common.ts";

/** XR block types decoded here (RFC 3611 §4); others are kept raw. */
export const XrBlockType = {
  /** Loss RLE, RFC 3611 §4.1. */
  LossRle: 1,
  /** Duplicate RLE, §4.2. */
  DuplicateRle: 2,
  /** Packet Receipt Times, §4.3. */
  PacketReceiptTimes: 3,
  /** Receiver Reference Time, §4.4. */
  ReceiverReferenceTime: 4,
  /** DLRR, §4.5. */
  Dlrr: 5,
  /** Statistics Summary, §4.6. */
  StatisticsSummary: 6,
  /** VoIP Metrics, §4.7. */
  VoipMetrics: 7,
} as const;

/** Bytes in a block header. */
export const XR_BLOCK_HEADER_LENGTH = 4;

/** A block's header, as the XR decoder cut it. */
export interface XrBlockHeader {
  /** Index of the block's first byte in the datagram. */
  readonly offset: number;
  /** BT. */
  readonly blockType: number;
  /** The type-specific byte. */
  readonly typeSpecific: number;
  /** Index just past the block: `offset + 4 + 4 × block length`. */
  readonly end: number;
}

/** Fields every decoded block carries. */
export interface XrBlockBase {
  /** Index of the block's first byte in the datagram. */
  readonly offset: number;
  /** Bytes the block occupies, its header included. */
  readonly byteLength: number;
}

/**
 * Fails unless a fixed-size block's contents are exactly `size` bytes (RFC 3611 fixes "block length" for types 4, 6
 * and 7). @private
 */
export function checkBlockSize(b: XrBlockHeader, name: string, size: number): DecodeFailure | null {
  const have = b.end - b.offset - XR_BLOCK_HEADER_LENGTH;
  if (have === size) return null;
  return rtcpFailure(
    "bad-length",
    b.offset + 2,
    `XR ${name} block length must be ${size / 4}, it is ${have / 4}`,
  );
}

/** Fails unless a block's contents hold at least `size` bytes. @private */
export function checkBlockMinimum(b: XrBlockHeader, name: string, size: number): DecodeFailure | null {
  const have = b.end - b.offset - XR_BLOCK_HEADER_LENGTH;
  if (have >= size) return null;
  return rtcpFailure("bad-length", b.offset + 2, `XR ${name} block needs ${size} bytes of contents, it has ${have}`);
}
