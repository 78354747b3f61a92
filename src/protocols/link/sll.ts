/**
 * Linux "cooked" capture headers, written by libpcap for `-i any` and for devices without a usable link header.
 *
 * LINKTYPE_LINUX_SLL (113), 16 bytes, all fields big-endian:
 * ```text
 * +----------------+----------------+----------------+---------------------------+----------------+
 * | packet type(2) | ARPHRD type(2) | addr length(2) | link-layer address (8)    | protocol (2)   |
 * +----------------+----------------+----------------+---------------------------+----------------+
 * ```
 * LINKTYPE_LINUX_SLL2 (276), 20 bytes:
 * ```text
 * +--------------+--------------+-----------------+----------------+---------+---------+-----------------------+
 * | protocol (2) | reserved (2) | if index (4)    | ARPHRD type(2) | pkt (1) | len (1) | link-layer address (8)|
 * +--------------+--------------+-----------------+----------------+---------+---------+-----------------------+
 * ```
 * The protocol field holds an EtherType for most ARPHRD types. For v1, libpcap reinserts an out-of-band VLAN tag
 * (PACKET_AUXDATA) at the protocol field: the field becomes the TPID, then TCI and the original protocol follow. For
 * v2 libpcap reinserts nothing; a protocol of 0x8100 means the tag is in the payload (TCI, then the EtherType).
 *
 * @module
 */
// This module is browser compatible.

import { be16 } from "../_bytes.ts";
import { type LinkFields, LinkNext } from "./_next.ts";
import { walkVlanTags } from "./vlan.ts";

/** Length of the Linux cooked v1 header. */
export const SLL_HEADER_LENGTH = 16;
/** Offset of the v1 ARPHRD_* device type. */
export const SLL_HATYPE_OFFSET = 2;
/** Offset of the v1 protocol field. */
export const SLL_PROTOCOL_OFFSET = 14;
/** Length of the Linux cooked v2 header. */
export const SLL2_HEADER_LENGTH = 20;
/** Offset of the v2 protocol field. */
export const SLL2_PROTOCOL_OFFSET = 0;
/** Offset of the v2 ARPHRD_* device type. */
export const SLL2_HATYPE_OFFSET = 8;
/** Netlink device (`nlmon`): the protocol field is a netlink family, not an EtherType (linux/if_arp.h). */
export const ARPHRD_NETLINK = 824;

/**
 * Decodes a Linux cooked capture v1 header and any VLAN tag libpcap reinserted behind it.
 *
 * @param bytes One captured frame.
 * @param out Receives the link fields; `etherType` is the protocol field after the tags.
 * @returns Which network layer follows, or why none does.
 */
export function decodeSll(bytes: Uint8Array, out: LinkFields): LinkNext {
  if (bytes.length < SLL_HEADER_LENGTH) return LinkNext.Truncated;
  const protocol = be16(bytes, SLL_PROTOCOL_OFFSET);
  if (be16(bytes, SLL_HATYPE_OFFSET) === ARPHRD_NETLINK) return notIp(protocol, SLL_HEADER_LENGTH, out);
  return walkVlanTags(bytes, protocol, SLL_HEADER_LENGTH, out);
}

/**
 * Decodes a Linux cooked capture v2 header and any VLAN tag left in the payload.
 *
 * @param bytes One captured frame.
 * @param out Receives the link fields; `etherType` is the protocol field after the tags.
 * @returns Which network layer follows, or why none does.
 */
export function decodeSll2(bytes: Uint8Array, out: LinkFields): LinkNext {
  if (bytes.length < SLL2_HEADER_LENGTH) return LinkNext.Truncated;
  const protocol = be16(bytes, SLL2_PROTOCOL_OFFSET);
  if (be16(bytes, SLL2_HATYPE_OFFSET) === ARPHRD_NETLINK) return notIp(protocol, SLL2_HEADER_LENGTH, out);
  return walkVlanTags(bytes, protocol, SLL2_HEADER_LENGTH, out);
}

function notIp(protocol: number, headerLength: number, out: LinkFields): LinkNext {
  out.etherType = protocol;
  out.ipOffset = headerLength;
  return LinkNext.NotIp;
}
