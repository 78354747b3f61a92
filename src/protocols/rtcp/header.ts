/**
 * The common header of every RTCP packet (RFC 3550 §6.1, §6.4.1) and the packet type numbers.
 *
 * @module
 */
// This module is browser compatible.

import type { Decoded } from "../decode_result.ts";
import { be16, rtcpFailure } from "./_common.ts";

/** RTCP packet types this package decodes; any other PT is kept raw (see `raw_packet.ts`). */
export const RtcpPacketType = {
  /** Sender report, RFC 3550 §6.4.1. */
  SR: 200,
  /** Receiver report, RFC 3550 §6.4.2. */
  RR: 201,
  /** Source description, RFC 3550 §6.5. */
  SDES: 202,
  /** Goodbye, RFC 3550 §6.6. */
  BYE: 203,
  /** Application-defined, RFC 3550 §6.7. */
  APP: 204,
  /** Transport-layer (generic RTP) feedback, RFC 4585 §6.2. */
  RTPFB: 205,
  /** Payload-specific feedback, RFC 4585 §6.3. */
  PSFB: 206,
  /** Extended report, RFC 3611 §2. */
  XR: 207,
} as const;

/** Bytes in the common header. */
export const RTCP_HEADER_LENGTH = 4;
/** The only RTP/RTCP version on the wire (RFC 3550 §6.4.1). */
export const RTCP_VERSION = 2;

/**
 * The common header of one RTCP packet, as the compound decoder cut it.
 *
 * ```text
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|  count  |      PT       |             length            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ```
 * `count` is RC (SR, RR), SC (SDES, BYE), the subtype (APP) or FMT (RTPFB, PSFB); `length` is the packet length in
 * 32-bit words minus one, header and padding included (RFC 3550 §6.4.1).
 */
export interface RtcpHeader {
  /** Index in the decoded bytes of the packet's first byte. */
  readonly offset: number;
  /** Bytes the packet occupies: (length + 1) × 4, header and padding included. */
  readonly byteLength: number;
  /** Padding octets at the end, the last of which holds their count (P bit); 0 when P is clear. */
  readonly padding: number;
  /** The 5-bit field after P: RC, SC, APP subtype or FMT. */
  readonly count: number;
  /** The PT byte. */
  readonly packetType: number;
  /** Index just past the packet's contents: `offset + byteLength - padding`. */
  readonly contentEnd: number;
}

/**
 * Reads the common header at `offset` and checks that the packet fits before `end`.
 *
 * @param bytes The datagram (not copied).
 * @param offset Index of the packet's first byte.
 * @param end Index just past the last byte the packet may use (the end of the compound).
 * @returns The header, or a failure: `truncated` (fewer than 4 bytes), `bad-version` (V ≠ 2) or `bad-length` (length
 *   past `end`, or a padding count of 0 or larger than the packet body).
 * @example Read the header of ffmpeg's sender report (demo.pcap frame 8)
 * ```ts
 * import { decodeRtcpHeader } from "./header.ts";
 * import { isFailure } from "../decode_result.ts";
 * import { strictEqual } from "node:assert/strict";
 * const bytes = new Uint8Array([0x80, 0xc8, 0x00, 0x06, ...new Array<number>(24).fill(0)]);
 * const h = decodeRtcpHeader(bytes, 0, bytes.length);
 * strictEqual(!isFailure(h) && h.packetType === 200 && h.byteLength, 28);
 * ```
 */
export function decodeRtcpHeader(bytes: Uint8Array, offset: number, end: number): Decoded<RtcpHeader> {
  const have = end - offset;
  if (have < RTCP_HEADER_LENGTH) {
    return rtcpFailure("truncated", offset, `RTCP header needs 4 bytes, ${have} remain`);
  }
  const b0 = bytes[offset]!;
  if (b0 >> 6 !== RTCP_VERSION) return rtcpFailure("bad-version", offset, `RTCP version is ${b0 >> 6}, not 2`);
  const byteLength = (be16(bytes, offset + 2) + 1) * 4;
  if (byteLength > have) {
    return rtcpFailure("bad-length", offset + 2, `RTCP length says ${byteLength} bytes, ${have} remain`);
  }
  let padding = 0;
  if ((b0 & 0x20) !== 0) {
    padding = bytes[offset + byteLength - 1]!;
    if (padding === 0 || padding > byteLength - RTCP_HEADER_LENGTH) {
      return rtcpFailure(
        "bad-length",
        offset + byteLength - 1,
        `RTCP padding count ${padding} does not fit a ${byteLength}-byte packet`,
      );
    }
  }
  return {
    offset,
    byteLength,
    padding,
    count: b0 & 0x1f,
    packetType: bytes[offset + 1]!,
    contentEnd: offset + byteLength - padding,
  };
}

/** Fields every decoded RTCP packet carries, copied from its {@linkcode RtcpHeader}. */
export interface RtcpPacketBase {
  /** Index in the decoded bytes of the packet's first byte. */
  readonly offset: number;
  /** Bytes the packet occupies, header and padding included. */
  readonly byteLength: number;
  /** Padding octets at its end (0 when P is clear). */
  readonly padding: number;
}
