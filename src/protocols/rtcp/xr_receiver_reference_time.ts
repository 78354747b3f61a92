/**
 * Receiver Reference Time report block, XR BT 4 (RFC 3611 §4.4).
 *
 * @module
 */
// This module is browser compatible.

import type { Decoded } from "../decode_result.ts";
import { be32 } from "./_common.ts";
import { ntpToSeconds } from "./ntp.ts";
import { checkBlockSize, XR_BLOCK_HEADER_LENGTH, type XrBlockBase, type XrBlockHeader } from "./xr_block.ts";

/** A decoded Receiver Reference Time block: a receiver's wallclock, so that senders can measure RTT (with DLRR). */
export interface XrReceiverReferenceTimeBlock extends XrBlockBase {
  /** Tells the union members apart. */
  readonly type: "receiver-reference-time";
  /** NTP timestamp, most significant word. */
  readonly ntpSeconds: number;
  /** NTP timestamp, least significant word. */
  readonly ntpFraction: number;
  /** `ntpSeconds + ntpFraction / 2³²`. */
  readonly ntpTime: number;
}

/**
 * Decodes a Receiver Reference Time block.
 *
 * ```text
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     BT=4      |   reserved    |       block length = 2        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |              NTP timestamp, most significant word             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |             NTP timestamp, least significant word             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ```
 *
 * @param bytes The datagram (not copied).
 * @param b The block's header.
 * @returns The block, or a `bad-length` failure unless the block length is 2.
 * @example
 * ```ts
 * import { decodeXrReceiverReferenceTimeBlock } from "./xr_receiver_reference_time.ts";
 * import { isFailure } from "../decode_result.ts";
 * import { strictEqual } from "node:assert/strict";
 * const block = Uint8Array.from([4, 0, 0, 2, 0, 0, 0, 10, 0x80, 0, 0, 0]);
 * const r = decodeXrReceiverReferenceTimeBlock(block, { offset: 0, blockType: 4, typeSpecific: 0, end: block.length });
 * strictEqual(!isFailure(r) && r.ntpTime, 10.5);
 * ```
 */
export function decodeXrReceiverReferenceTimeBlock(
  bytes: Uint8Array,
  b: XrBlockHeader,
): Decoded<XrReceiverReferenceTimeBlock> {
  const bad = checkBlockSize(b, "Receiver Reference Time", 8);
  if (bad !== null) return bad;
  const o = b.offset + XR_BLOCK_HEADER_LENGTH;
  const ntpSeconds = be32(bytes, o);
  const ntpFraction = be32(bytes, o + 4);
  return {
    type: "receiver-reference-time",
    offset: b.offset,
    byteLength: b.end - b.offset,
    ntpSeconds,
    ntpFraction,
    ntpTime: ntpToSeconds(ntpSeconds, ntpFraction),
  };
}
