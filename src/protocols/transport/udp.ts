/**
 * UDP header, RFC 768.
 *
 * ```text
 *  0      7 8     15 16    23 24    31
 * +--------+--------+--------+--------+
 * |     Source      |   Destination   |
 * |      Port       |      Port       |
 * +--------+--------+--------+--------+
 * |     Length      |    Checksum     |
 * +--------+--------+--------+--------+
 * ```
 * Length counts header and data. The checksum is not verified.
 *
 * @module
 */
// This module is browser compatible.

import { be16 } from "../_bytes.ts";
import { FrameStatus } from "../status.ts";
import type { TransportFields } from "./_fields.ts";

/** Length of the UDP header. */
export const UDP_HEADER_LENGTH = 8;
const UDP_DST_PORT_OFFSET = 2;
const UDP_LENGTH_OFFSET = 4;

/**
 * Decodes the UDP header at `out.payloadOffset`, inside an IP payload of `out.payloadLength` declared bytes.
 *
 * A UDP Length longer than the IP payload is an error, except in the first fragment of a datagram. A Length of 0 over
 * IPv6 means "the IP payload" (RFC 2675 §4).
 *
 * @param bytes The frame.
 * @param out In: the IP payload. Out: ports and the UDP payload (declared length).
 * @returns `Ok`, `Truncated` or `BadTransportHeader`.
 */
export function decodeUdp(bytes: Uint8Array, out: TransportFields): FrameStatus {
  const offset = out.payloadOffset;
  const ipPayload = out.payloadLength;
  if (ipPayload < UDP_HEADER_LENGTH) return FrameStatus.BadTransportHeader;
  if (offset + UDP_HEADER_LENGTH > bytes.length) return FrameStatus.Truncated;
  out.transport = 17;
  out.srcPort = be16(bytes, offset);
  out.dstPort = be16(bytes, offset + UDP_DST_PORT_OFFSET);
  let length = be16(bytes, offset + UDP_LENGTH_OFFSET);
  if (length === 0 && out.ipVersion === 6) length = ipPayload;
  if (length < UDP_HEADER_LENGTH) return FrameStatus.BadTransportHeader;
  if (length > ipPayload) {
    if (!out.fragmented) return FrameStatus.BadTransportHeader;
    length = ipPayload; // first fragment: the rest of the datagram is in later fragments
  }
  out.payloadOffset = offset + UDP_HEADER_LENGTH;
  out.payloadLength = length - UDP_HEADER_LENGTH;
  return FrameStatus.Ok;
}
