/**
 * IPv4 header, RFC 791 §3.1.
 *
 * ```text
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version|  IHL  |Type of Service|          Total Length         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Identification        |Flags|      Fragment Offset    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Time to Live |    Protocol   |         Header Checksum       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                       Source Address                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Destination Address                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Options (IHL > 5)                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ```
 * The checksum is not verified: captures taken on the sending host often hold offloaded, not yet computed checksums.
 *
 * @module
 */
// This module is browser compatible.

import { be16 } from "../_bytes.ts";
import { FrameStatus } from "../status.ts";
import type { IpFields } from "./_fields.ts";

/** Length of an IPv4 header without options (IHL 5). */
export const IPV4_MIN_HEADER_LENGTH = 20;
const IPV4_TOTAL_LENGTH_OFFSET = 2;
const IPV4_FRAGMENT_OFFSET = 6; // flags (3 bits) + fragment offset (13 bits)
const IPV4_TTL_OFFSET = 8;
const IPV4_PROTOCOL_OFFSET = IPV4_TTL_OFFSET + 1;
const IPV4_SRC_OFFSET = 12;
const IPV4_DST_OFFSET = IPV4_SRC_OFFSET + 4;
const IPV4_FLAG_MF = 0x2000; // More Fragments, RFC 791 §3.1
const IPV4_OFFSET_MASK = 0x1fff; // in 8-byte units

/**
 * Decodes an IPv4 header at `offset`.
 *
 * A Total Length of 0 is taken as "the rest of the capture": a host capturing its own TSO/GSO segments sees that.
 * Fragments: a non-zero fragment offset gives {@linkcode FrameStatus.NonFirstFragment}; More Fragments with offset 0
 * sets `fragmented` and the transport header is still decoded.
 *
 * @param bytes The frame.
 * @param offset Where the IPv4 header starts.
 * @param out Receives the IP fields and the IP payload (declared length).
 * @returns `Ok`, `NonFirstFragment`, `Truncated`, `BadIpVersion` or `BadIpHeader`.
 */
export function decodeIpv4(bytes: Uint8Array, offset: number, out: IpFields): FrameStatus {
  const captured = bytes.length - offset;
  if (captured < 1) return FrameStatus.Truncated;
  const b0 = bytes[offset]!;
  if (b0 >> 4 !== 4) return FrameStatus.BadIpVersion;
  out.ipVersion = 4;
  if (captured < IPV4_MIN_HEADER_LENGTH) return FrameStatus.Truncated;
  out.ttl = bytes[offset + IPV4_TTL_OFFSET]!;
  out.ipProtocol = bytes[offset + IPV4_PROTOCOL_OFFSET]!;
  out.srcAddrOffset = offset + IPV4_SRC_OFFSET;
  out.dstAddrOffset = offset + IPV4_DST_OFFSET;
  const headerLength = (b0 & 0x0f) * 4;
  out.ipHeaderLength = headerLength;
  let totalLength = be16(bytes, offset + IPV4_TOTAL_LENGTH_OFFSET);
  if (totalLength === 0) totalLength = captured; // presumed TSO
  if (headerLength < IPV4_MIN_HEADER_LENGTH || totalLength < headerLength) return FrameStatus.BadIpHeader;
  if (captured < headerLength) return FrameStatus.Truncated;
  const fragment = be16(bytes, offset + IPV4_FRAGMENT_OFFSET);
  out.fragmented = (fragment & (IPV4_FLAG_MF | IPV4_OFFSET_MASK)) !== 0;
  out.payloadOffset = offset + headerLength;
  out.payloadLength = totalLength - headerLength;
  return (fragment & IPV4_OFFSET_MASK) !== 0 ? FrameStatus.NonFirstFragment : FrameStatus.Ok;
}
