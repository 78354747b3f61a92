/**
 * Ethernet II / IEEE 802.3 MAC header (pcap LINKTYPE_ETHERNET = 1), with any 802.1Q/802.1ad tags.
 *
 * IEEE Std 802.3-2022 §3.2 (the FCS is not part of a pcap record):
 * ```text
 * +----------------------+----------------------+------------------------+
 * | Destination MAC (6)  |   Source MAC (6)     | EtherType / Length (2) |  then 802.1Q tags (see vlan.ts)
 * +----------------------+----------------------+------------------------+
 * ```
 *
 * @module
 */
// This module is browser compatible.

import { be16 } from "../_bytes.ts";
import { type LinkFields, LinkNext } from "./_next.ts";
import { walkVlanTags } from "./vlan.ts";

/** Offset of the EtherType/length field, after the two MAC addresses (IEEE 802.3 §3.2.6). */
export const ETHERNET_TYPE_OFFSET = 12;
/** Length of an untagged Ethernet header. */
export const ETHERNET_HEADER_LENGTH = ETHERNET_TYPE_OFFSET + 2;

/**
 * Decodes an Ethernet header and its VLAN tags.
 *
 * A type field below 0x0600 is an 802.3 length (LLC/SNAP follows), reported as not IP.
 *
 * @param bytes One captured frame.
 * @param out Receives the link fields.
 * @returns Which network layer follows, or why none does.
 *
 * @example Find the IPv4 header behind a VLAN tag
 * ```ts
 * import { decodeEthernet } from "./ethernet.ts";
 * import { LinkNext } from "./_next.ts";
 * import { strictEqual } from "node:assert/strict";
 * const frame = new Uint8Array(22);
 * frame.set([0x81, 0x00, 0x00, 0x0a, 0x08, 0x00], 12); // 802.1Q VID 10, then IPv4
 * const out = { etherType: 0, vlanCount: 0, outerVlanId: -1, innerVlanId: -1, ipOffset: 0 };
 * strictEqual(decodeEthernet(frame, out), LinkNext.Ipv4);
 * strictEqual(out.outerVlanId, 10);
 * strictEqual(out.ipOffset, 18);
 * ```
 */
export function decodeEthernet(bytes: Uint8Array, out: LinkFields): LinkNext {
  if (bytes.length < ETHERNET_HEADER_LENGTH) return LinkNext.Truncated;
  return walkVlanTags(bytes, be16(bytes, ETHERNET_TYPE_OFFSET), ETHERNET_HEADER_LENGTH, out);
}
