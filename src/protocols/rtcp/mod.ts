/**
 * RTCP decoding: compound packets (RFC 3550 §6.1) with SR, RR, SDES, BYE and APP (RFC 3550 §6.4–§6.7), transport-layer
 * feedback (RFC 4585 §6.2: generic NACK; RFC 5104 §4.2: TMMBR/TMMBN; RFC 6051 §3.1: RRR;
 * draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1: transport-wide CC), payload-specific feedback (RFC 4585
 * §6.3: PLI, SLI, RPSI; RFC 5104 §4.3.1: FIR; draft-alvestrand-rmcat-remb-03: REMB) and extended reports (RFC 3611
 * §4: the seven block types). Any other PT, FMT or XR block type is kept raw.
 *
 * Decoders never throw on bad bytes: {@linkcode decodeRtcpCompound} returns the packets decoded before the first
 * malformed one plus a {@linkcode DecodeFailure}. Text (SDES, BYE reason) is UTF-8 with invalid sequences replaced.
 * Pure TypeScript over `Uint8Array`, no runtime API: it runs in the browser too.
 *
 * @example Decode a compound and read the sender report
 * ```ts
 * import { decodeRtcpCompound, ntpToUnixSeconds } from "./mod.ts";
 * import { strictEqual } from "node:assert/strict";
 * // tests/testdata/demo.pcap frame 762: ffmpeg's SR for the video stream (SDES left out)
 * const bytes = Uint8Array.from([
 *   0x80, 0xc8, 0x00, 0x06, 0x11, 0x22, 0x33, 0x44, 0xee, 0xb3, 0x85, 0xde, 0xa8, 0x72, 0xb0, 0x20,
 *   0x1a, 0x45, 0xa3, 0xd5, 0x00, 0x00, 0x00, 0xde, 0x00, 0x02, 0x25, 0x3d,
 * ]);
 * const { packets } = decodeRtcpCompound(bytes);
 * const sr = packets[0];
 * if (sr?.type !== "sr") throw new Error("expected an SR");
 * strictEqual(sr.packetCount, 222);
 * strictEqual(sr.octetCount, 140605);
 * strictEqual(new Date(ntpToUnixSeconds(sr.ntpSeconds, sr.ntpFraction) * 1000).toISOString(), "2026-11-27T04:30:22.658Z");
 * ```
 * @module
 */
// This module is browser compatible.

export type { Decoded, DecodedProtocol, DecodeFailure, FailureReason } from "../decode_result.ts";
export * from "./packet.ts";
export * from "./header.ts";
export * from "./ntp.ts";
export * from "./report_block.ts";
export * from "./sender_report.ts";
export * from "./receiver_report.ts";
export * from "./source_description.ts";
export * from "./goodbye.ts";
export * from "./application_defined.ts";
export { FEEDBACK_HEADER_LENGTH, type FeedbackBase, PsfbFmt, RtpfbFmt } from "./feedback.ts";
export * from "./generic_nack.ts";
export * from "./tmmbr.ts";
export * from "./rapid_resync_request.ts";
export * from "./transport_cc.ts";
export * from "./picture_loss_indication.ts";
export * from "./slice_loss_indication.ts";
export * from "./reference_picture_selection.ts";
export * from "./full_intra_request.ts";
export * from "./remb.ts";
export * from "./extended_report.ts";
export { XR_BLOCK_HEADER_LENGTH, type XrBlockBase, type XrBlockHeader, XrBlockType } from "./xr_block.ts";
export {
  decodeXrRleBlock,
  type XrDuplicateRleBlock,
  type XrLossRleBlock,
  type XrRleBlockFields,
  type XrRleChunk,
} from "./xr_rle.ts";
export * from "./xr_packet_receipt_times.ts";
export * from "./xr_receiver_reference_time.ts";
export * from "./xr_dlrr.ts";
export * from "./xr_statistics_summary.ts";
export * from "./xr_voip_metrics.ts";
export * from "./raw_packet.ts";
