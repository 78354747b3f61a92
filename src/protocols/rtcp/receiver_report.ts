/**
 * Receiver report, RTCP PT 201 (RFC 3550 §6.4.2).
 *
 * @module
 */
// This module is browser compatible.

import type { Decoded } from "../decode_result.ts";
import { be32, rtcpFailure } from "./_common.ts";
import { RTCP_HEADER_LENGTH, type RtcpHeader, type RtcpPacketBase } from "./header.ts";
import { decodeReportBlocks, type ReceptionReport, REPORT_BLOCK_LENGTH } from "./report_block.ts";

/** A decoded receiver report. */
export interface ReceiverReport extends RtcpPacketBase {
  /** Tells the union members apart. */
  readonly type: "rr";
  /** SSRC of the packet's sender. */
  readonly ssrc: number;
  /** RC reception report blocks (none in the empty RR that starts a compound when nothing was received). */
  readonly reports: ReceptionReport[];
  /** Profile-specific extension after the blocks, kept raw; empty when there is none. */
  readonly extension: Uint8Array;
}

const RR_SSRC_OFFSET = RTCP_HEADER_LENGTH;
const RR_REPORTS_OFFSET = RR_SSRC_OFFSET + 4;

/**
 * Decodes a receiver report.
 *
 * ```text
 *         0                   1                   2                   3
 *         0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * header |V=2|P|    RC   |   PT=RR=201   |             length            |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                     SSRC of packet sender                     |
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * report :               RC report blocks (report_block.ts)              :
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 *        |                  profile-specific extensions                  |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ```
 *
 * @param bytes The datagram (not copied; `extension` is a view into it).
 * @param h The packet's header, from {@linkcode decodeRtcpHeader}.
 * @returns The report, or a `bad-length` failure when the SSRC and RC blocks do not fit.
 * @example An empty receiver report
 * ```ts
 * import { decodeRtcpHeader } from "./header.ts";
 * import { decodeReceiverReport } from "./receiver_report.ts";
 * import { isFailure } from "../decode_result.ts";
 * import { strictEqual } from "node:assert/strict";
 * const bytes = Uint8Array.from([0x80, 0xc9, 0x00, 0x01, 0x11, 0x22, 0x33, 0x44]);
 * const h = decodeRtcpHeader(bytes, 0, bytes.length);
 * const rr = isFailure(h) ? h : decodeReceiverReport(bytes, h);
 * strictEqual(!isFailure(rr) && rr.reports.length, 0);
 * ```
 */
export function decodeReceiverReport(bytes: Uint8Array, h: RtcpHeader): Decoded<ReceiverReport> {
  const o = h.offset;
  const reportsEnd = o + RR_REPORTS_OFFSET + h.count * REPORT_BLOCK_LENGTH;
  if (reportsEnd > h.contentEnd) {
    return rtcpFailure(
      "bad-length",
      o + 2,
      `RR with ${h.count} report blocks needs ${reportsEnd - o} bytes, its length gives ${h.contentEnd - o}`,
    );
  }
  return {
    type: "rr",
    offset: o,
    byteLength: h.byteLength,
    padding: h.padding,
    ssrc: be32(bytes, o + RR_SSRC_OFFSET),
    reports: decodeReportBlocks(bytes, o + RR_REPORTS_OFFSET, h.count),
    extension: bytes.subarray(reportsEnd, h.contentEnd),
  };
}
