/**
 * Extended report, RTCP PT 207 (RFC 3611 §2), and the dispatch of its report blocks by type.
 *
 * @module
 */
// This module is browser compatible.

import { type Decoded, isFailure } from "../decode_result.ts";
import { be16, be32, rtcpFailure } from "./_common.ts";
import { RTCP_HEADER_LENGTH, type RtcpHeader, type RtcpPacketBase } from "./header.ts";
import { XR_BLOCK_HEADER_LENGTH, type XrBlockBase, type XrBlockHeader, XrBlockType } from "./xr_block.ts";
import { decodeXrRleBlock, type XrDuplicateRleBlock, type XrLossRleBlock } from "./xr_rle.ts";
import { decodeXrPacketReceiptTimesBlock, type XrPacketReceiptTimesBlock } from "./xr_packet_receipt_times.ts";
import { decodeXrReceiverReferenceTimeBlock, type XrReceiverReferenceTimeBlock } from "./xr_receiver_reference_time.ts";
import { decodeXrDlrrBlock, type XrDlrrBlock } from "./xr_dlrr.ts";
import { decodeXrStatisticsSummaryBlock, type XrStatisticsSummaryBlock } from "./xr_statistics_summary.ts";
import { decodeXrVoipMetricsBlock, type XrVoipMetricsBlock } from "./xr_voip_metrics.ts";

/** A block of a type not decoded here (e.g. the RFC 7003 Burst/Gap Discard block), kept raw. */
export interface XrUnknownBlock extends XrBlockBase {
  /** Tells the union members apart. */
  readonly type: "unknown";
  /** BT. */
  readonly blockType: number;
  /** The type-specific byte. */
  readonly typeSpecific: number;
  /** The block contents after its 4-byte header (a view into the datagram). */
  readonly data: Uint8Array;
}

/** Any XR report block, told apart by `type`. */
export type XrBlock =
  | XrLossRleBlock
  | XrDuplicateRleBlock
  | XrPacketReceiptTimesBlock
  | XrReceiverReferenceTimeBlock
  | XrDlrrBlock
  | XrStatisticsSummaryBlock
  | XrVoipMetricsBlock
  | XrUnknownBlock;

/** A decoded extended report. */
export interface ExtendedReport extends RtcpPacketBase {
  /** Tells the union members apart. */
  readonly type: "xr";
  /** SSRC of the packet's sender. */
  readonly ssrc: number;
  /** Report blocks in wire order. */
  readonly blocks: XrBlock[];
}

/**
 * Decodes an extended report and each of its blocks.
 *
 * ```text
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|reserved |   PT=XR=207   |             length            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                              SSRC                             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * :                         report blocks                         :
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ```
 *
 * @param bytes The datagram (not copied).
 * @param h The packet's header, from {@linkcode decodeRtcpHeader}.
 * @returns The report, or the first failure: `bad-length` without an SSRC, `truncated` for a block header cut short,
 *   `bad-length` for a block longer than the packet or whose length does not fit its type.
 * @example A Receiver Reference Time block
 * ```ts
 * import { decodeRtcpHeader } from "./header.ts";
 * import { decodeExtendedReport } from "./extended_report.ts";
 * import { isFailure } from "../decode_result.ts";
 * import { strictEqual } from "node:assert/strict";
 * const bytes = Uint8Array.from([0x80, 0xcf, 0, 4, 0, 0, 0, 1, 4, 0, 0, 2, 0, 0, 0, 10, 0x80, 0, 0, 0]);
 * const h = decodeRtcpHeader(bytes, 0, bytes.length);
 * const xr = isFailure(h) ? h : decodeExtendedReport(bytes, h);
 * strictEqual(!isFailure(xr) && xr.blocks[0]!.type, "receiver-reference-time");
 * ```
 */
export function decodeExtendedReport(bytes: Uint8Array, h: RtcpHeader): Decoded<ExtendedReport> {
  const o = h.offset;
  const end = h.contentEnd;
  if (o + RTCP_HEADER_LENGTH + 4 > end) {
    return rtcpFailure("bad-length", o + 2, `XR needs 8 bytes, its length gives ${end - o}`);
  }
  const blocks: XrBlock[] = [];
  let pos = o + RTCP_HEADER_LENGTH + 4;
  while (pos < end) {
    if (end - pos < XR_BLOCK_HEADER_LENGTH) {
      return rtcpFailure("truncated", pos, `XR block header needs 4 bytes, ${end - pos} remain`);
    }
    const blockEnd = pos + XR_BLOCK_HEADER_LENGTH + 4 * be16(bytes, pos + 2);
    if (blockEnd > end) {
      return rtcpFailure("bad-length", pos + 2, `XR block length says ${blockEnd - pos} bytes, ${end - pos} remain`);
    }
    const block = decodeXrBlock(bytes, {
      offset: pos,
      blockType: bytes[pos]!,
      typeSpecific: bytes[pos + 1]!,
      end: blockEnd,
    });
    if (isFailure(block)) return block;
    blocks.push(block);
    pos = blockEnd;
  }
  return { type: "xr", offset: o, byteLength: h.byteLength, padding: h.padding, ssrc: be32(bytes, o + 4), blocks };
}

/**
 * Decodes one report block by its type; unknown types are kept raw.
 *
 * @param bytes The datagram (not copied).
 * @param b The block's header, which the caller checked fits in the packet.
 * @returns The block, or why its contents do not fit its type.
 * @example A block type this package does not know
 * ```ts
 * import { decodeXrBlock } from "./extended_report.ts";
 * import { isFailure } from "../decode_result.ts";
 * import { strictEqual } from "node:assert/strict";
 * const block = Uint8Array.from([42, 0, 0, 1, 1, 2, 3, 4]);
 * const r = decodeXrBlock(block, { offset: 0, blockType: 42, typeSpecific: 0, end: 8 });
 * strictEqual(!isFailure(r) && r.type === "unknown" && r.data.length, 4);
 * ```
 */
export function decodeXrBlock(bytes: Uint8Array, b: XrBlockHeader): Decoded<XrBlock> {
  switch (b.blockType) {
    case XrBlockType.LossRle:
    case XrBlockType.DuplicateRle:
      return decodeXrRleBlock(bytes, b);
    case XrBlockType.PacketReceiptTimes:
      return decodeXrPacketReceiptTimesBlock(bytes, b);
    case XrBlockType.ReceiverReferenceTime:
      return decodeXrReceiverReferenceTimeBlock(bytes, b);
    case XrBlockType.Dlrr:
      return decodeXrDlrrBlock(bytes, b);
    case XrBlockType.StatisticsSummary:
      return decodeXrStatisticsSummaryBlock(bytes, b);
    case XrBlockType.VoipMetrics:
      return decodeXrVoipMetricsBlock(bytes, b);
    default:
      return {
        type: "unknown",
        offset: b.offset,
        byteLength: b.end - b.offset,
        blockType: b.blockType,
        typeSpecific: b.typeSpecific,
        data: bytes.subarray(b.offset + XR_BLOCK_HEADER_LENGTH, b.end),
      };
  }
}
