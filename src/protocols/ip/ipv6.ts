/**
 * IPv6 header, RFC 8200 §3, and the walk over its extension headers (§4).
 *
 * ```text
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version| Traffic Class |           Flow Label                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Payload Length        |  Next Header  |   Hop Limit   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Source Address (16 bytes)                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 Destination Address (16 bytes)                |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ```
 * Extension headers walked: Hop-by-Hop (0, §4.3), Routing (43, §4.4) and Destination Options (60, §4.6), all
 * `| Next Header | Hdr Ext Len |` with length (Hdr Ext Len + 1) × 8; Fragment (44, §4.5), 8 bytes,
 * `| Next Header | Reserved | Fragment Offset (13) |Res|M| Identification (32) |`; and AH (51, RFC 4302 §2.2), length
 * (Payload Len + 2) × 4. The walk stops at ESP (50), No Next Header (59) and any upper-layer protocol.
 *
 * @module
 */
// This module is browser compatible.

import { be16 } from "../_bytes.ts";
import { FrameStatus } from "../status.ts";
import { type IpFields, IpProtocol } from "./_fields.ts";

/** Length of the fixed IPv6 header. */
export const IPV6_HEADER_LENGTH = 40;
const IPV6_PAYLOAD_LENGTH_OFFSET = 4;
const IPV6_NEXT_HEADER_OFFSET = 6;
const IPV6_HOP_LIMIT_OFFSET = 7;
const IPV6_SRC_OFFSET = 8;
const IPV6_DST_OFFSET = IPV6_SRC_OFFSET + 16;
const FRAGMENT_HEADER_LENGTH = 8; // RFC 8200 §4.5
const FRAGMENT_OFFSET_MASK = 0xfff8; // offset in 8-byte units, already scaled by its position
const FRAGMENT_FLAG_M = 0x0001;

/**
 * Decodes an IPv6 header at `offset` and walks its extension headers.
 *
 * A Payload Length of 0 (jumbogram, RFC 2675, or an offloaded segment seen on the sending host) is taken as "the rest
 * of the capture". A Fragment header with a non-zero offset ends the walk with
 * {@linkcode FrameStatus.NonFirstFragment}; one with M set and offset 0 sets `fragmented` and the walk goes on.
 *
 * @param bytes The frame.
 * @param offset Where the IPv6 header starts.
 * @param out Receives the IP fields and the payload after the last extension header (declared length).
 * @returns `Ok`, `NonFirstFragment`, `Truncated`, `BadIpVersion` or `BadIpHeader`.
 */
export function decodeIpv6(bytes: Uint8Array, offset: number, out: IpFields): FrameStatus {
  const captured = bytes.length;
  if (offset >= captured) return FrameStatus.Truncated;
  if (bytes[offset]! >> 4 !== 6) return FrameStatus.BadIpVersion;
  out.ipVersion = 6;
  if (offset + IPV6_HEADER_LENGTH > captured) return FrameStatus.Truncated;
  out.ttl = bytes[offset + IPV6_HOP_LIMIT_OFFSET]!;
  out.srcAddrOffset = offset + IPV6_SRC_OFFSET;
  out.dstAddrOffset = offset + IPV6_DST_OFFSET;
  const payloadLength = be16(bytes, offset + IPV6_PAYLOAD_LENGTH_OFFSET);
  const end = payloadLength === 0 ? captured : offset + IPV6_HEADER_LENGTH + payloadLength;
  let next = bytes[offset + IPV6_NEXT_HEADER_OFFSET]!;
  let p = offset + IPV6_HEADER_LENGTH;
  let status: FrameStatus = FrameStatus.Ok;
  walk: for (;;) {
    let length: number;
    switch (next) {
      case IpProtocol.HopByHop:
      case IpProtocol.Routing:
      case IpProtocol.DestinationOptions:
      case IpProtocol.Ah:
        if (p + 2 > end) {
          status = FrameStatus.BadIpHeader;
          break walk;
        }
        if (p + 2 > captured) {
          status = FrameStatus.Truncated;
          break walk;
        }
        length = next === IpProtocol.Ah ? (bytes[p + 1]! + 2) * 4 : (bytes[p + 1]! + 1) * 8;
        break;
      case IpProtocol.Fragment:
        length = FRAGMENT_HEADER_LENGTH;
        break;
      default:
        break walk;
    }
    if (p + length > end) {
      status = FrameStatus.BadIpHeader;
      break;
    }
    if (p + length > captured) {
      status = FrameStatus.Truncated;
      break;
    }
    const header = next;
    next = bytes[p]!;
    if (header === IpProtocol.Fragment) {
      const field = be16(bytes, p + 2);
      if ((field & (FRAGMENT_OFFSET_MASK | FRAGMENT_FLAG_M)) !== 0) out.fragmented = true;
      if ((field & FRAGMENT_OFFSET_MASK) !== 0) {
        p += length;
        status = FrameStatus.NonFirstFragment;
        break;
      }
    }
    p += length;
  }
  out.ipProtocol = next;
  out.ipHeaderLength = p - offset;
  out.payloadOffset = p;
  out.payloadLength = end - p;
  return status;
}
