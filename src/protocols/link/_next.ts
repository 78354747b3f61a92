/**
 * What a link-layer decoder found after its header. Internal to the framing decoders.
 *
 * @module
 */
// This module is browser compatible.

/** Result of a link-layer decoder: which network layer follows, or why none does. @private */
export const LinkNext = {
  /** IP follows; its version nibble decides between IPv4 and IPv6 (raw IP). */
  Ip: 0,
  /** The link header says IPv4 (EtherType 0x0800, AF_INET, …). */
  Ipv4: 4,
  /** The link header says IPv6. */
  Ipv6: 6,
  /** The link header says something other than IP. */
  NotIp: -1,
  /** The captured bytes end inside the link header. */
  Truncated: -2,
} as const;
/** One of the {@linkcode LinkNext} values. @private */
export type LinkNext = (typeof LinkNext)[keyof typeof LinkNext];

/** Fields every link-layer decoder writes; {@linkcode FrameDecoder} has all of them. @private */
export interface LinkFields {
  /** EtherType (or SLL protocol) after any VLAN tags; 0 when the link has none. */
  etherType: number;
  /** Number of 802.1Q/802.1ad tags walked. */
  vlanCount: number;
  /** VLAN ID of the first (outermost) tag, or -1. */
  outerVlanId: number;
  /** VLAN ID of the second tag, or -1. */
  innerVlanId: number;
  /** Byte where the network-layer header starts. */
  ipOffset: number;
}
