/**
 * pcap link-layer header types (the `LINKTYPE_*` registry at tcpdump.org, also draft-ietf-opsawg-pcaplinktype) that
 * the framing decoders understand, and their names.
 *
 * @module
 */
// This module is browser compatible.

/** Link types decoded by {@linkcode FrameDecoder}. Values are pcap/pcapng `LINKTYPE_*` numbers. */
export const LinkType = {
  /** BSD loopback: 4-byte address family in the byte order of the capturing host (LINKTYPE_NULL). */
  Null: 0,
  /** Ethernet II / IEEE 802.3, with optional 802.1Q/802.1ad tags (LINKTYPE_ETHERNET). */
  Ethernet: 1,
  /** `DLT_RAW` as most BSDs and Linux number it in memory; files normally say 101. */
  RawDlt12: 12,
  /** `DLT_RAW` as OpenBSD numbers it. */
  RawDlt14: 14,
  /** Raw IPv4 or IPv6, the version nibble decides (LINKTYPE_RAW). */
  Raw: 101,
  /** OpenBSD loopback: 4-byte address family, always big-endian (LINKTYPE_LOOP). */
  Loop: 108,
  /** LINKTYPE_USER0, which netpix uses for event-log records: a record-type byte, then IPv4 or JSON (src/eventlog/frame.ts). */
  NetpixEventLog: 147,
  /** Linux cooked capture v1, 16-byte header (LINKTYPE_LINUX_SLL). */
  LinuxSll: 113,
  /** Raw IPv4 only (LINKTYPE_IPV4). */
  Ipv4: 228,
  /** Raw IPv6 only (LINKTYPE_IPV6). */
  Ipv6: 229,
  /** Linux cooked capture v2, 20-byte header (LINKTYPE_LINUX_SLL2). */
  LinuxSll2: 276,
} as const;

/**
 * Short human name of a pcap link type, for tables and logs.
 *
 * @param linkType A `LINKTYPE_*` number.
 * @returns A name such as `"Ethernet"`, or `"link type N"` for one this module does not know.
 *
 * @example Name Linux cooked capture
 * ```ts
 * import { linkTypeName } from "./linktype.ts";
 * import { strictEqual } from "node:assert/strict";
 * strictEqual(linkTypeName(113), "Linux SLL");
 * strictEqual(linkTypeName(127), "link type 127");
 * ```
 */
export function linkTypeName(linkType: number): string {
  switch (linkType) {
    case LinkType.Null:
      return "BSD loopback";
    case LinkType.Ethernet:
      return "Ethernet";
    case LinkType.Raw:
    case LinkType.RawDlt12:
    case LinkType.RawDlt14:
      return "Raw IP";
    case LinkType.Loop:
      return "OpenBSD loopback";
    case LinkType.LinuxSll:
      return "Linux SLL";
    case LinkType.LinuxSll2:
      return "Linux SLL2";
    case LinkType.Ipv4:
      return "Raw IPv4";
    case LinkType.NetpixEventLog:
      return "netpix event log";
    case LinkType.Ipv6:
      return "Raw IPv6";
    default:
      return `link type ${linkType}`;
  }
}
