/**
 * DLRR report block, XR BT 5 (RFC 3611 §4.5).
 *
 * @module
 */
// This module is browser compatible.

import type { Decoded } from "../decode_result.ts";
import { be32, rtcpFailure } from "./_common.ts";
import { XR_BLOCK_HEADER_LENGTH, type XrBlockBase, type XrBlockHeader } from "./xr_block.ts";

/** One DLRR sub-block. */
export interface XrDlrrSubBlock {
  /** The receiver whose RRT block this answers. */
  readonly ssrc: number;
  /** Last RR: middle 32 bits of that receiver's last RRT NTP timestamp, or 0. */
  readonly lastRr: number;
  /** Delay since last RR in 1/65536 s, or 0. */
  readonly delaySinceLastRr: number;
}

/** A decoded DLRR block. */
export interface XrDlrrBlock extends XrBlockBase {
  /** Tells the union members apart. */
  readonly type: "dlrr";
  /** Sub-blocks in wire order (possibly none). */
  readonly subBlocks: XrDlrrSubBlock[];
}

/**
 * Decodes a DLRR block.
 *
 * ```text
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     BT=5      |   reserved    |         block length          |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |                 SSRC_1 (SSRC of first receiver)               | sub-
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+ block
 * |                         last RR (LRR)                         |   1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                   delay since last RR (DLRR)                  |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * :                               ...                             :   2
 * ```
 *
 * @param bytes The datagram (not copied).
 * @param b The block's header.
 * @returns The block, or a `bad-length` failure unless the block length is a multiple of 3.
 * @example
 * ```ts
 * import { decodeXrDlrrBlock } from "./xr_dlrr.ts";
 * import { isFailure } from "../decode_result.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const block = Uint8Array.from([5, 0, 0, 3, 0, 0, 0, 7, 0x12, 0x34, 0x56, 0x78, 0, 1, 0, 0]);
 * const r = decodeXrDlrrBlock(block, { offset: 0, blockType: 5, typeSpecific: 0, end: block.length });
 * deepStrictEqual(!isFailure(r) && r.subBlocks, [{ ssrc: 7, lastRr: 0x12345678, delaySinceLastRr: 65536 }]);
 * ```
 */
export function decodeXrDlrrBlock(bytes: Uint8Array, b: XrBlockHeader): Decoded<XrDlrrBlock> {
  const start = b.offset + XR_BLOCK_HEADER_LENGTH;
  if ((b.end - start) % 12 !== 0) {
    return rtcpFailure(
      "bad-length",
      b.offset + 2,
      `XR DLRR block length ${(b.end - start) / 4} is not a multiple of 3`,
    );
  }
  const subBlocks: XrDlrrSubBlock[] = [];
  for (let p = start; p < b.end; p += 12) {
    subBlocks.push({ ssrc: be32(bytes, p), lastRr: be32(bytes, p + 4), delaySinceLastRr: be32(bytes, p + 8) });
  }
  return { type: "dlrr", offset: b.offset, byteLength: b.end - b.offset, subBlocks };
}
