/**
 * Raw IP link types: the record starts with the IP header.
 *
 * LINKTYPE_RAW (101) and the in-memory `DLT_RAW` values 12 (most systems) and 14 (OpenBSD) carry IPv4 or IPv6, and
 * the version nibble says which. LINKTYPE_IPV4 (228) and LINKTYPE_IPV6 (229) carry only the one they name.
 *
 * @module
 */
// This module is browser compatible.

import { type LinkFields, LinkNext } from "./_next.ts";
import { LinkType } from "./linktype.ts";

/**
 * Sets up a raw IP frame: the network header is at byte 0.
 *
 * @param bytes One captured frame.
 * @param linkType 101, 12, 14, 228 or 229.
 * @param out Receives `ipOffset` (0); `etherType` stays 0 (there is none).
 * @returns Which network layer follows.
 */
export function decodeRaw(bytes: Uint8Array, linkType: number, out: LinkFields): LinkNext {
  out.ipOffset = 0;
  if (bytes.length === 0) return LinkNext.Truncated;
  if (linkType === LinkType.Ipv4) return LinkNext.Ipv4;
  if (linkType === LinkType.Ipv6) return LinkNext.Ipv6;
  return LinkNext.Ip;
}
