/**
 * Sender report, RTCP PT 200 (RFC 3550 §6.4.1).
 *
 * @module
 */
// This module is browser compatible.

import type { Decoded } from "../decode_result.ts";
import { be32, rtcpFailure } from "./_common.ts";
import { RTCP_HEADER_LENGTH, type RtcpHeader, type RtcpPacketBase } from "./header.ts";
import { ntpToSeconds } from "./ntp.ts";
import { decodeReportBlocks, type ReceptionReport, REPORT_BLOCK_LENGTH } from "./report_block.ts";

/** A decoded sender report. */
export interface SenderReport extends RtcpPacketBase {
  /** Tells the union members apart. */
  readonly type: "sr";
  /** SSRC of the sender. */
  readonly ssrc: number;
  /** NTP timestamp, most significant word: seconds since 1900 (or elapsed time, see `ntp.ts`). */
  readonly ntpSeconds: number;
  /** NTP timestamp, least significant word: fraction of a second in 1/2³² s. */
  readonly ntpFraction: number;
  /** `ntpSeconds + ntpFraction / 2³²`. */
  readonly ntpTime: number;
  /** RTP timestamp of the same instant as the NTP timestamp. */
  readonly rtpTimestamp: number;
  /** Sender's packet count. */
  readonly packetCount: number;
  /** Sender's octet count (payload only). */
  readonly octetCount: number;
  /** RC reception report blocks. */
  readonly reports: ReceptionReport[];
  /** Profile-specific extension after the blocks (RFC 3550 §6.4.1), kept raw; empty when there is none. */
  readonly extension: Uint8Array;
}

// Offsets from the start of the packet.
const SR_SSRC_OFFSET = RTCP_HEADER_LENGTH;
const SR_NTP_OFFSET = SR_SSRC_OFFSET + 4;
const SR_RTP_TIMESTAMP_OFFSET = SR_NTP_OFFSET + 8;
const SR_PACKET_COUNT_OFFSET = SR_RTP_TIMESTAMP_OFFSET + 4;
const SR_OCTET_COUNT_OFFSET = SR_PACKET_COUNT_OFFSET + 4;
const SR_REPORTS_OFFSET = SR_OCTET_COUNT_OFFSET + 4;

/**
 * Decodes a sender report.
 *
 * ```text
 *         0                   1                   2                   3
 *         0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * header |V=2|P|    RC   |   PT=SR=200   |             length            |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                         SSRC of sender                        |
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * sender |              NTP timestamp, most significant word             |
 * info   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |             NTP timestamp, least significant word             |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                         RTP timestamp                         |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                     sender's packet count                     |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                      sender's octet count                     |
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * report :               RC report blocks (report_block.ts)              :
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 *        |                  profile-specific extensions                  |
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ```
 *
 * @param bytes The datagram (not copied; `extension` is a view into it).
 * @param h The packet's header, from {@linkcode decodeRtcpHeader}.
 * @returns The report, or a `bad-length` failure when the sender info and RC blocks do not fit.
 * @example Decode ffmpeg's first video SR (tests/testdata/demo.pcap frame 8)
 * ```ts
 * import { decodeRtcpHeader } from "./header.ts";
 * import { decodeSenderReport } from "./sender_report.ts";
 * import { isFailure } from "../decode_result.ts";
 * import { strictEqual } from "node:assert/strict";
 * const bytes = Uint8Array.from([
 *   0x80, 0xc8, 0x00, 0x06, 0x11, 0x22, 0x33, 0x44, 0xee, 0xb3, 0x85, 0xd9, 0x9d, 0x70, 0xa3, 0xd7,
 *   0x1a, 0x3e, 0xb6, 0xe7, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
 * ]);
 * const h = decodeRtcpHeader(bytes, 0, bytes.length);
 * const sr = isFailure(h) ? h : decodeSenderReport(bytes, h);
 * strictEqual(!isFailure(sr) && sr.rtpTimestamp, 440317671);
 * ```
 */
export function decodeSenderReport(bytes: Uint8Array, h: RtcpHeader): Decoded<SenderReport> {
  const o = h.offset;
  const reportsEnd = o + SR_REPORTS_OFFSET + h.count * REPORT_BLOCK_LENGTH;
  if (reportsEnd > h.contentEnd) {
    return rtcpFailure(
      "bad-length",
      o + 2,
      `SR with ${h.count} report blocks needs ${reportsEnd - o} bytes, its length gives ${h.contentEnd - o}`,
    );
  }
  const ntpSeconds = be32(bytes, o + SR_NTP_OFFSET);
  const ntpFraction = be32(bytes, o + SR_NTP_OFFSET + 4);
  return {
    type: "sr",
    offset: o,
    byteLength: h.byteLength,
    padding: h.padding,
    ssrc: be32(bytes, o + SR_SSRC_OFFSET),
    ntpSeconds,
    ntpFraction,
    ntpTime: ntpToSeconds(ntpSeconds, ntpFraction),
    rtpTimestamp: be32(bytes, o + SR_RTP_TIMESTAMP_OFFSET),
    packetCount: be32(bytes, o + SR_PACKET_COUNT_OFFSET),
    octetCount: be32(bytes, o + SR_OCTET_COUNT_OFFSET),
    reports: decodeReportBlocks(bytes, o + SR_REPORTS_OFFSET, h.count),
    extension: bytes.subarray(reportsEnd, h.contentEnd),
  };
}
