/**
 * Fields the IP decoders write. Internal to the framing decoders.
 *
 * @module
 */
// This module is browser compatible.

/** What {@linkcode decodeIpv4} and {@linkcode decodeIpv6} write; {@linkcode FrameDecoder} has all of them. @private */
export interface IpFields {
  ipVersion: 0 | 4 | 6;
  /** Header length: IPv4 IHL × 4; IPv6 40 plus the extension headers walked. */
  ipHeaderLength: number;
  srcAddrOffset: number;
  dstAddrOffset: number;
  /** Upper-layer protocol after the extension headers (for a non-first IPv6 fragment: the Fragment header's). */
  ipProtocol: number;
  ttl: number;
  fragmented: boolean;
  /** Start of the IP payload (after all IP headers). */
  payloadOffset: number;
  /** IP payload length as the header declares it; it may reach past the captured bytes (the caller clamps). */
  payloadLength: number;
}

/** IANA protocol numbers the decoders branch on (IANA "Assigned Internet Protocol Numbers"). */
export const IpProtocol = {
  /** IPv6 Hop-by-Hop Options, RFC 8200 §4.3. */
  HopByHop: 0,
  Icmp: 1,
  Igmp: 2,
  Tcp: 6,
  Udp: 17,
  /** IPv6 Routing header, RFC 8200 §4.4. */
  Routing: 43,
  /** IPv6 Fragment header, RFC 8200 §4.5. */
  Fragment: 44,
  /** Encapsulating Security Payload, RFC 4303. */
  Esp: 50,
  /** Authentication Header, RFC 4302. */
  Ah: 51,
  Icmpv6: 58,
  /** IPv6 No Next Header, RFC 8200 §4.7. */
  NoNext: 59,
  /** IPv6 Destination Options, RFC 8200 §4.6. */
  DestinationOptions: 60,
} as const;
