/**
 * The one RTCP dispatcher: cuts a compound packet (RFC 3550 §6.1) into its packets by their length fields, picks each
 * decoder by PT, then by FMT for feedback, and keeps anything it does not know raw. Also the cheap validity check the
 * payload classifier uses.
 *
 * @module
 */
// This module is browser compatible.

import { type Decoded, type DecodeFailure, isFailure } from "../decode_result.ts";
import { be16, rtcpFailure } from "./_common.ts";
import { decodeRtcpHeader, RTCP_HEADER_LENGTH, RTCP_VERSION, type RtcpHeader, RtcpPacketType } from "./header.ts";
import { decodeSenderReport, type SenderReport } from "./sender_report.ts";
import { decodeReceiverReport, type ReceiverReport } from "./receiver_report.ts";
import { decodeSourceDescription, type SourceDescription } from "./source_description.ts";
import { decodeGoodbye, type Goodbye } from "./goodbye.ts";
import { type ApplicationDefined, decodeApplicationDefined } from "./application_defined.ts";
import { PsfbFmt, RtpfbFmt } from "./feedback.ts";
import { decodeGenericNack, type GenericNack } from "./generic_nack.ts";
import { decodeTmmbn, decodeTmmbr, type Tmmbn, type Tmmbr } from "./tmmbr.ts";
import { decodeRapidResyncRequest, type RapidResyncRequest } from "./rapid_resync_request.ts";
import { decodeTransportCc, type TransportCc } from "./transport_cc.ts";
import { decodePictureLossIndication, type PictureLossIndication } from "./picture_loss_indication.ts";
import { decodeSliceLossIndication, type SliceLossIndication } from "./slice_loss_indication.ts";
import { decodeReferencePictureSelection, type ReferencePictureSelection } from "./reference_picture_selection.ts";
import { decodeFullIntraRequest, type FullIntraRequest } from "./full_intra_request.ts";
import { decodeRemb, isRemb, type Remb } from "./remb.ts";
import { decodeExtendedReport, type ExtendedReport } from "./extended_report.ts";
import {
  decodePsfbUnknown,
  decodeRtpfbUnknown,
  decodeUnknownPacket,
  type PsfbUnknown,
  type RtpfbUnknown,
  type UnknownRtcpPacket,
} from "./raw_packet.ts";

/** Any decoded RTCP packet, told apart by `type`. */
export type RtcpPacket =
  | SenderReport
  | ReceiverReport
  | SourceDescription
  | Goodbye
  | ApplicationDefined
  | GenericNack
  | Tmmbr
  | Tmmbn
  | RapidResyncRequest
  | TransportCc
  | RtpfbUnknown
  | PictureLossIndication
  | SliceLossIndication
  | ReferencePictureSelection
  | FullIntraRequest
  | Remb
  | PsfbUnknown
  | ExtendedReport
  | UnknownRtcpPacket;

/** The `type` names, for exhaustive switches and counters. */
export type RtcpPacketKind = RtcpPacket["type"];

/**
 * What {@linkcode decodeRtcpCompound} returns. Like gopacket's `DecodeFailure`, a bad packet does not discard the
 * packets before it: `packets` holds every packet decoded up to the first failure, and `failure` says what stopped the
 * walk (`null` when every byte was decoded).
 */
export interface RtcpCompound {
  /** The packets decoded, in wire order. */
  readonly packets: RtcpPacket[];
  /** Why decoding stopped early, or `null`. Its `offset` indexes the bytes passed in. */
  readonly failure: DecodeFailure | null;
}

/**
 * Decodes every packet of a compound RTCP packet.
 *
 * Each packet's length field cuts it (RFC 3550 §6.4.1), its padding (P bit) is honoured on any packet, and its body is
 * decoded by PT and FMT. The walk stops at the first packet whose header or body is malformed; the packets before it
 * are kept. This decoder does not enforce the compound rules (first packet SR or RR, padding only on the last):
 * reduced-size RTCP (RFC 5506) breaks the first, and a capture should show what was sent. Use
 * {@linkcode looksLikeRtcpCompound} to decide whether bytes are RTCP at all.
 *
 * Never throws; out-of-range `offset`/`length` give a `bad-length` failure. Raw fields (`extension`, `data`, `fci`,
 * `body`, `bitString`) are views into `bytes`, not copies.
 *
 * @param bytes The datagram.
 * @param offset Index of the compound's first byte (e.g. the UDP payload offset).
 * @param length Bytes in the compound.
 * @returns The packets decoded and the failure that stopped the walk, if any.
 * @example ffmpeg's SR + SDES compound from tests/testdata/demo.pcap frame 8
 * ```ts
 * import { decodeRtcpCompound } from "./packet.ts";
 * import { deepStrictEqual, strictEqual } from "node:assert/strict";
 * const cname = new TextEncoder().encode("netpix-demo@127.0.0.1");
 * const bytes = Uint8Array.from([
 *   0x80, 0xc8, 0x00, 0x06, 0x11, 0x22, 0x33, 0x44, 0xee, 0xb3, 0x85, 0xd9, 0x9d, 0x70, 0xa3, 0xd7,
 *   0x1a, 0x3e, 0xb6, 0xe7, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
 *   0x81, 0xca, 0x00, 0x07, 0x11, 0x22, 0x33, 0x44, 0x01, 0x15, ...cname, 0x00,
 * ]);
 * const { packets, failure } = decodeRtcpCompound(bytes);
 * strictEqual(failure, null);
 * deepStrictEqual(packets.map((p) => p.type), ["sr", "sdes"]);
 * ```
 * @example A compound cut short keeps what decoded
 * ```ts
 * import { decodeRtcpCompound } from "./packet.ts";
 * import { strictEqual } from "node:assert/strict";
 * const rr = [0x80, 0xc9, 0x00, 0x01, 0x11, 0x22, 0x33, 0x44];
 * const { packets, failure } = decodeRtcpCompound(Uint8Array.from([...rr, 0x81, 0xca, 0x00, 0x07, 0x11]));
 * strictEqual(packets.length, 1);
 * strictEqual(failure?.reason, "bad-length"); // "RTCP length says 32 bytes, 5 remain"
 * strictEqual(failure?.offset, 10);
 * ```
 */
export function decodeRtcpCompound(
  bytes: Uint8Array,
  offset = 0,
  length: number = bytes.length - offset,
): RtcpCompound {
  const packets: RtcpPacket[] = [];
  if (!(offset >= 0 && length >= 0 && offset + length <= bytes.length)) {
    const detail = `cannot read ${length} bytes at ${offset} of a ${bytes.length}-byte buffer`;
    return { packets, failure: rtcpFailure("bad-length", 0, detail) };
  }
  const end = offset + length;
  if (length === 0) return { packets, failure: rtcpFailure("truncated", offset, "RTCP compound is empty") };
  for (let pos = offset; pos < end;) {
    const h = decodeRtcpHeader(bytes, pos, end);
    if (isFailure(h)) return { packets, failure: h };
    const packet = decodeRtcpPacket(bytes, h);
    if (isFailure(packet)) return { packets, failure: packet };
    packets.push(packet);
    pos += h.byteLength;
  }
  return { packets, failure: null };
}

/**
 * Decodes one packet whose header was read, choosing the decoder by PT and, for feedback, by FMT.
 *
 * @param bytes The datagram (not copied).
 * @param h The packet's header, from {@linkcode decodeRtcpHeader}.
 * @returns The packet, or why its body is malformed.
 * @example A PT nobody decodes is kept
 * ```ts
 * import { decodeRtcpHeader } from "./header.ts";
 * import { decodeRtcpPacket } from "./packet.ts";
 * import { isFailure } from "../decode_result.ts";
 * import { strictEqual } from "node:assert/strict";
 * const bytes = Uint8Array.from([0x80, 210, 0x00, 0x00]);
 * const h = decodeRtcpHeader(bytes, 0, bytes.length);
 * const p = isFailure(h) ? h : decodeRtcpPacket(bytes, h);
 * strictEqual(!isFailure(p) && p.type === "unknown" && p.packetType, 210);
 * ```
 */
export function decodeRtcpPacket(bytes: Uint8Array, h: RtcpHeader): Decoded<RtcpPacket> {
  switch (h.packetType) {
    case RtcpPacketType.SR:
      return decodeSenderReport(bytes, h);
    case RtcpPacketType.RR:
      return decodeReceiverReport(bytes, h);
    case RtcpPacketType.SDES:
      return decodeSourceDescription(bytes, h);
    case RtcpPacketType.BYE:
      return decodeGoodbye(bytes, h);
    case RtcpPacketType.APP:
      return decodeApplicationDefined(bytes, h);
    case RtcpPacketType.RTPFB:
      switch (h.count) {
        case RtpfbFmt.NACK:
          return decodeGenericNack(bytes, h);
        case RtpfbFmt.TMMBR:
          return decodeTmmbr(bytes, h);
        case RtpfbFmt.TMMBN:
          return decodeTmmbn(bytes, h);
        case RtpfbFmt.RRR:
          return decodeRapidResyncRequest(bytes, h);
        case RtpfbFmt.TWCC:
          return decodeTransportCc(bytes, h);
        default:
          return decodeRtpfbUnknown(bytes, h);
      }
    case RtcpPacketType.PSFB:
      switch (h.count) {
        case PsfbFmt.PLI:
          return decodePictureLossIndication(bytes, h);
        case PsfbFmt.SLI:
          return decodeSliceLossIndication(bytes, h);
        case PsfbFmt.RPSI:
          return decodeReferencePictureSelection(bytes, h);
        case PsfbFmt.FIR:
          return decodeFullIntraRequest(bytes, h);
        case PsfbFmt.AFB:
          return isRemb(bytes, h) ? decodeRemb(bytes, h) : decodePsfbUnknown(bytes, h);
        default:
          return decodePsfbUnknown(bytes, h);
      }
    case RtcpPacketType.XR:
      return decodeExtendedReport(bytes, h);
    default:
      return decodeUnknownPacket(bytes, h);
  }
}

/** RFC 5761 §4: RTCP packet types live in 192–223 so that they cannot be mistaken for RTP payload types. */
const RTCP_PT_MIN = 192;
const RTCP_PT_MAX = 223;

/**
 * A cheap check that bytes are a compound RTCP packet, for classifying UDP payloads (RFC 3550 Appendix A.2, RFC 5761
 * §4). True when every packet has version 2, the length fields add up to exactly `length`, the first PT is in
 * 192–223, and padding, if any, is on the last packet only and its count fits. Bodies are not decoded.
 *
 * @param bytes The datagram.
 * @param offset Index of the candidate's first byte.
 * @param length Bytes in the candidate.
 * @returns Whether the bytes are shaped like RTCP.
 * @example RTCP and RTP
 * ```ts
 * import { looksLikeRtcpCompound } from "./packet.ts";
 * import { strictEqual } from "node:assert/strict";
 * strictEqual(looksLikeRtcpCompound(Uint8Array.from([0x80, 0xc9, 0x00, 0x01, 0, 0, 0, 1])), true);
 * strictEqual(looksLikeRtcpCompound(Uint8Array.from([0x80, 0x60, 0x03, 0xe8, 0, 0, 0, 1])), false); // RTP PT 96
 * ```
 */
export function looksLikeRtcpCompound(bytes: Uint8Array, offset = 0, length: number = bytes.length - offset): boolean {
  if (!(offset >= 0 && length >= RTCP_HEADER_LENGTH && offset + length <= bytes.length)) return false;
  const firstType = bytes[offset + 1]!;
  if (firstType < RTCP_PT_MIN || firstType > RTCP_PT_MAX) return false;
  const end = offset + length;
  let pos = offset;
  while (pos < end) {
    if (end - pos < RTCP_HEADER_LENGTH) return false;
    const b0 = bytes[pos]!;
    if (b0 >> 6 !== RTCP_VERSION) return false;
    const size = (be16(bytes, pos + 2) + 1) * 4;
    if (size > end - pos) return false;
    if ((b0 & 0x20) !== 0) {
      const padding = bytes[pos + size - 1]!;
      if (pos + size !== end || padding === 0 || padding > size - RTCP_HEADER_LENGTH) return false;
    }
    pos += size;
  }
  return true;
}
