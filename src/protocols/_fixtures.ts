/**
 * Frames copied byte for byte from the captures in `tests/testdata/framing/` (see the README there for how each was
 * made), for table tests. `frame_test.ts` checks that every constant still equals its frame in the committed file.
 *
 * Hex blocks carry one comment per header; long UDP payloads, which are the generator's repeated text
 * "netpix framing fixture ", are written as {@linkcode pattern} calls instead of hundreds of hex bytes.
 *
 * @module
 */
// This module is browser compatible.

import type { IpFields } from "./ip/_fields.ts";
import type { TransportFields } from "./transport/_fields.ts";

/** A frame from a committed capture. */
/** The fixture captures in tests/testdata/framing/ (see its README for how each was made). */
export const FRAMING_CAPTURES: readonly string[] = [
  "ethernet.pcap",
  "ethernet-snaplen80.pcap",
  "vlan-8021q.pcap",
  "vlan-qinq.pcap",
  "sll.pcap",
  "sll2.pcap",
  "raw-ip.pcap",
  "null.pcap",
  "loop.pcap",
  "ipv6-ext.pcap",
  "ipv4-frag.pcap",
] as const;

/** IP-layer fields as a fresh decoder holds them, for the IP decoders' table tests. */
export function freshIpFields(): IpFields {
  return {
    ipVersion: 0,
    ipHeaderLength: 0,
    srcAddrOffset: -1,
    dstAddrOffset: -1,
    ipProtocol: -1,
    ttl: -1,
    fragmented: false,
    payloadOffset: 0,
    payloadLength: 0,
  };
}

/** Transport fields as the IP layer leaves them: an IP payload of `ipPayload` declared bytes at `offset`. */
export function transportFieldsAt(
  offset: number,
  ipPayload: number,
  ipVersion: 4 | 6 = 4,
  fragmented = false,
): TransportFields {
  return {
    fragmented,
    ipVersion,
    transport: 0,
    srcPort: -1,
    dstPort: -1,
    tcpFlags: -1,
    payloadOffset: offset,
    payloadLength: ipPayload,
  };
}

export interface Fixture {
  /** Capture file under tests/testdata/framing/. */
  readonly file: string;
  /** tshark's frame.number. */
  readonly frame: number;
  /** The capture's LINKTYPE_*. */
  readonly linkType: number;
  /** Length on the wire (the record's original length). */
  readonly originalLength: number;
  /** The captured bytes. */
  readonly bytes: Uint8Array;
}

/**
 * Hex bytes from a template: whitespace and `#` comments are ignored.
 * @example Two bytes
 * ```ts
 * import { hex } from "./_fixtures.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * deepStrictEqual(hex`80 6f  # V=2, PT=111`, new Uint8Array([0x80, 0x6f]));
 * ```
 */
export function hex(strings: TemplateStringsArray): Uint8Array {
  const digits = strings.join("").replace(/#[^\n]*/g, "").replace(/\s+/g, "");
  return Uint8Array.from(digits.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}

const PATTERN_TEXT = "netpix framing fixture ";

/**
 * `length` bytes of the fixture generator's payload text, starting `phase` characters into it.
 * @param phase Offset into "netpix framing fixture " (0–22).
 * @param length Number of bytes.
 * @returns The bytes.
 */
export function pattern(phase: number, length: number): Uint8Array {
  const text = PATTERN_TEXT.repeat(Math.ceil((phase + length) / PATTERN_TEXT.length) + 1);
  return new TextEncoder().encode(text.slice(phase, phase + length));
}

/** Joins byte arrays. */
export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** Returns a copy of `bytes` with `byte` written at `index` (for mutated rows). */
export function withByte(bytes: Uint8Array, index: number, byte: number): Uint8Array {
  const copy = bytes.slice();
  copy[index] = byte;
  return copy;
}

/** ethernet.pcap frame 1: `a2:43:73:00:b5:e6 → ff:ff:ff:ff:ff:ff ARP 42 Who has 198.51.100.2? Tell 198.51.100.1`. */
export const ETHERNET_ARP_REQUEST: Fixture = {
  file: "ethernet.pcap",
  frame: 1,
  linkType: 1,
  originalLength: 42,
  bytes: hex`
  ffffffff ffffa243 7300b5e6 0806  # Ethernet, EtherType 0x0806
  00010800 06040001 a2437300 b5e6c633 64010000 00000000 c6336402  # payload
`,
};

/** ethernet.pcap frame 3: `198.51.100.1 → 198.51.100.2 UDP 74 53701 → 40000 Len=32`. */
export const ETHERNET_UDP4: Fixture = {
  file: "ethernet.pcap",
  frame: 3,
  linkType: 1,
  originalLength: 74,
  bytes: hex`
  4a7c57b1 f8b4a243 7300b5e6 0800  # Ethernet, EtherType 0x0800
  4500003c 270a4000 4011bf3c c6336401 c6336402  # IPv4: total length 60, TTL 64, protocol 17, 198.51.100.1 -> 198.51.100.2
  d1c59c40 002854a4  # UDP 53701 -> 40000, length 40
  6e657470 69782066 72616d69 6e672066 69787475 7265206e 65747069 78206672  # payload
`,
};

/** ethernet.pcap frame 5: `198.51.100.1 → 198.51.100.2 TCP 74 37366 → 40001 [SYN] Seq=0 Win=64240 Len=0 MSS=1460 SACK_PERM TSval=681763902 TSecr=0 WS=1024`. */
export const ETHERNET_TCP4_SYN: Fixture = {
  file: "ethernet.pcap",
  frame: 5,
  linkType: 1,
  originalLength: 74,
  bytes: hex`
  4a7c57b1 f8b4a243 7300b5e6 0800  # Ethernet, EtherType 0x0800
  4500003c 8ca04000 400659b1 c6336401 c6336402  # IPv4: total length 60, TTL 64, protocol 6, 198.51.100.1 -> 198.51.100.2
  91f69c41 760efb6c 00000000 a002faf0 54990000 020405b4 0402080a 28a2e43e  # TCP 37366 -> 40001, data offset 10, flags 0x002
  00000000 0103030a
`,
};

/** ethernet.pcap frame 20: `2001:db8:1::1 → ff02::1:ff00:2 ICMPv6 86 Neighbor Solicitation for 2001:db8:1::2 from a2:43:73:00:b5:e6`. */
export const ETHERNET_ICMP6_NEIGHBOR_SOLICITATION: Fixture = {
  file: "ethernet.pcap",
  frame: 20,
  linkType: 1,
  originalLength: 86,
  bytes: hex`
  3333ff00 0002a243 7300b5e6 86dd  # Ethernet, EtherType 0x86dd
  60000000 00203aff 20010db8 00010000 00000000 00000001 ff020000 00000000  # IPv6: payload length 32, next header 58, hop limit 255, 2001:db8:1::1 -> ff02::1:ff00:2
  00000001 ff000002
  870052fb 00000000 20010db8 00010000 00000000 00000002 0101a243 7300b5e6  # payload
`,
};

/** ethernet.pcap frame 22: `2001:db8:1::1 → 2001:db8:1::2 UDP 94 36398 → 40000 Len=32`. */
export const ETHERNET_UDP6: Fixture = {
  file: "ethernet.pcap",
  frame: 22,
  linkType: 1,
  originalLength: 94,
  bytes: hex`
  4a7c57b1 f8b4a243 7300b5e6 86dd  # Ethernet, EtherType 0x86dd
  600b2132 00281140 20010db8 00010000 00000000 00000001 20010db8 00010000  # IPv6: payload length 40, next header 17, hop limit 64, 2001:db8:1::1 -> 2001:db8:1::2
  00000000 00000002
  8e2e9c40 00285bb0  # UDP 36398 -> 40000, length 40
  6e657470 69782066 72616d69 6e672066 69787475 7265206e 65747069 78206672  # payload
`,
};

/** ethernet.pcap frame 27: `2001:db8:1::1 → 2001:db8:1::2 TCP 118 35198 → 40001 [PSH, ACK] Seq=1 Ack=1 Win=65536 Len=32 TSval=3711122311 TSecr=1591781539`. */
export const ETHERNET_TCP6_DATA: Fixture = {
  file: "ethernet.pcap",
  frame: 27,
  linkType: 1,
  originalLength: 118,
  bytes: hex`
  4a7c57b1 f8b4a243 7300b5e6 86dd  # Ethernet, EtherType 0x86dd
  60057a21 00400640 20010db8 00010000 00000000 00000001 20010db8 00010000  # IPv6: payload length 64, next header 6, hop limit 64, 2001:db8:1::1 -> 2001:db8:1::2
  00000000 00000002
  897e9c41 392f3660 2cfd3362 80180040 5bbd0000 0101080a dd333b87 5ee0a8a3  # TCP 35198 -> 40001, data offset 8, flags 0x018
  6e657470 69782066 72616d69 6e672066 69787475 7265206e 65747069 78206672  # payload
`,
};

/** ethernet.pcap frame 35: `198.51.100.2 → 198.51.100.1 ICMP 78 Destination unreachable (Port unreachable)`. */
export const ETHERNET_ICMP4_PORT_UNREACHABLE: Fixture = {
  file: "ethernet.pcap",
  frame: 35,
  linkType: 1,
  originalLength: 78,
  bytes: hex`
  a2437300 b5e64a7c 57b1f8b4 0800  # Ethernet, EtherType 0x0800
  45c00040 1e3c0000 40010757 c6336402 c6336401  # IPv4: total length 64, TTL 64, protocol 1, 198.51.100.2 -> 198.51.100.1
  0303bb94 00000000 45000024 28274000 4011be37 c6336401 c6336402 e3cd9c49  # payload
  0010548c 6e657470 69782066
`,
};

/** vlan-8021q.pcap frame 1: `1e:22:ed:99:7f:e1 → ff:ff:ff:ff:ff:ff ARP 46 Who has 198.51.100.2? Tell 198.51.100.1`. */
export const VLAN_ARP_REQUEST: Fixture = {
  file: "vlan-8021q.pcap",
  frame: 1,
  linkType: 1,
  originalLength: 46,
  bytes: hex`
  ffffffff ffff1e22 ed997fe1 8100000a 0806  # Ethernet + 1 VLAN tag(s) 10, EtherType 0x0806
  00010800 06040001 1e22ed99 7fe1c633 64010000 00000000 c6336402  # payload
`,
};

/** vlan-8021q.pcap frame 3: `198.51.100.1 → 198.51.100.2 UDP 78 41066 → 40000 Len=32`. */
export const VLAN_UDP4: Fixture = {
  file: "vlan-8021q.pcap",
  frame: 3,
  linkType: 1,
  originalLength: 78,
  bytes: hex`
  cea35101 598b1e22 ed997fe1 8100000a 0800  # Ethernet + 1 VLAN tag(s) 10, EtherType 0x0800
  4500003c 0a804000 4011dbc6 c6336401 c6336402  # IPv4: total length 60, TTL 64, protocol 17, 198.51.100.1 -> 198.51.100.2
  a06a9c40 002854a4  # UDP 41066 -> 40000, length 40
  6e657470 69782066 72616d69 6e672066 69787475 7265206e 65747069 78206672  # payload
`,
};

/** vlan-8021q.pcap frame 20: `2001:db8:1::1 → 2001:db8:1::2 TCP 98 35226 → 40001 [SYN] Seq=0 Win=64800 Len=0 MSS=1440 SACK_PERM TSval=291224753 TSecr=0 WS=1024`. */
export const VLAN_TCP6_SYN: Fixture = {
  file: "vlan-8021q.pcap",
  frame: 20,
  linkType: 1,
  originalLength: 98,
  bytes: hex`
  cea35101 598b1e22 ed997fe1 8100000a 86dd  # Ethernet + 1 VLAN tag(s) 10, EtherType 0x86dd
  6009ffac 00280640 20010db8 00010000 00000000 00000001 20010db8 00010000  # IPv6: payload length 40, next header 6, hop limit 64, 2001:db8:1::1 -> 2001:db8:1::2
  00000000 00000002
  899a9c41 b4270009 00000000 a002fd20 5ba50000 020405a0 0402080a 115bbcb1  # TCP 35226 -> 40001, data offset 10, flags 0x002
  00000000 0103030a
`,
};

/** vlan-qinq.pcap frame 4: `198.51.100.1 → 198.51.100.2 UDP 82 51733 → 40000 Len=32`. */
export const QINQ_UDP4: Fixture = {
  file: "vlan-qinq.pcap",
  frame: 4,
  linkType: 1,
  originalLength: 82,
  bytes: hex`
  429ce663 240386d1 59eb3fbb 88a80064 81000014 0800  # Ethernet + 2 VLAN tag(s) 100/20, EtherType 0x0800
  4500003c a0f54000 40114551 c6336401 c6336402  # IPv4: total length 60, TTL 64, protocol 17, 198.51.100.1 -> 198.51.100.2
  ca159c40 002854a4  # UDP 51733 -> 40000, length 40
  6e657470 69782066 72616d69 6e672066 69787475 7265206e 65747069 78206672  # payload
`,
};

/** vlan-qinq.pcap frame 5: `198.51.100.2 → 198.51.100.1 UDP 82 40000 → 51733 Len=32`. */
export const STACKED_VLAN_UDP4: Fixture = {
  file: "vlan-qinq.pcap",
  frame: 5,
  linkType: 1,
  originalLength: 82,
  bytes: hex`
  86d159eb 3fbb429c e6632403 8100001e 81000014 0800  # Ethernet + 2 VLAN tag(s) 30/20, EtherType 0x0800
  4500003c 59a04000 40118ca6 c6336402 c6336401  # IPv4: total length 60, TTL 64, protocol 17, 198.51.100.2 -> 198.51.100.1
  9c40ca15 002854a4  # UDP 40000 -> 51733, length 40
  6e657470 69782066 72616d69 6e672066 69787475 7265206e 65747069 78206672  # payload
`,
};

/** vlan-qinq.pcap frame 18: `2001:db8:1::1 → 2001:db8:1::2 UDP 102 40179 → 40000 Len=32`. */
export const QINQ_UDP6: Fixture = {
  file: "vlan-qinq.pcap",
  frame: 18,
  linkType: 1,
  originalLength: 102,
  bytes: hex`
  429ce663 240386d1 59eb3fbb 88a80064 81000014 86dd  # Ethernet + 2 VLAN tag(s) 100/20, EtherType 0x86dd
  600185b4 00281140 20010db8 00010000 00000000 00000001 20010db8 00010000  # IPv6: payload length 40, next header 17, hop limit 64, 2001:db8:1::1 -> 2001:db8:1::2
  00000000 00000002
  9cf39c40 00285bb0  # UDP 40179 -> 40000, length 40
  6e657470 69782066 72616d69 6e672066 69787475 7265206e 65747069 78206672  # payload
`,
};

/** sll.pcap frame 1: `76:4b:9c:36:73:1d → ARP 48 Who has 198.51.100.2? Tell 198.51.100.1`. */
export const SLL_ARP_REQUEST: Fixture = {
  file: "sll.pcap",
  frame: 1,
  linkType: 113,
  originalLength: 48,
  bytes: hex`
  00010001 0006764b 9c36731d 00008100 000a0806  # Linux SLL header + VLAN tag 10, protocol 0x0806
  00010800 06040001 764b9c36 731dc633 64010000 00000000 c6336402  # payload
`,
};

/** sll.pcap frame 3: `198.51.100.1 → 198.51.100.2 UDP 80 44636 → 40000 Len=32`. */
export const SLL_VLAN_UDP4: Fixture = {
  file: "sll.pcap",
  frame: 3,
  linkType: 113,
  originalLength: 80,
  bytes: hex`
  00000001 0006764b 9c36731d 00008100 000a0800  # Linux SLL header + VLAN tag 10, protocol 0x0800
  4500003c cc7b4000 401119cb c6336401 c6336402  # IPv4: total length 60, TTL 64, protocol 17, 198.51.100.1 -> 198.51.100.2
  ae5c9c40 002854a4  # UDP 44636 -> 40000, length 40
  6e657470 69782066 72616d69 6e672066 69787475 7265206e 65747069 78206672  # payload
`,
};

/** sll.pcap frame 13: `2001:db8:1::1 → 2001:db8:1::2 TCP 100 35240 → 40001 [SYN] Seq=0 Win=64800 Len=0 MSS=1440 SACK_PERM TSval=875125343 TSecr=0 WS=1024`. */
export const SLL_TCP6_SYN: Fixture = {
  file: "sll.pcap",
  frame: 13,
  linkType: 113,
  originalLength: 100,
  bytes: hex`
  00000001 0006764b 9c36731d 00008100 000a86dd  # Linux SLL header + VLAN tag 10, protocol 0x86dd
  600a0b11 00280640 20010db8 00010000 00000000 00000001 20010db8 00010000  # IPv6: payload length 40, next header 6, hop limit 64, 2001:db8:1::1 -> 2001:db8:1::2
  00000000 00000002
  89a89c41 fee72e81 00000000 a002fd20 5ba50000 020405a0 0402080a 34295a5f  # TCP 35240 -> 40001, data offset 10, flags 0x002
  00000000 0103030a
`,
};

/** sll.pcap frame 23: `127.0.0.1 → 127.0.0.1 UDP 76 46405 → 40000 Len=32`. */
export const SLL_LOOPBACK_UDP4: Fixture = {
  file: "sll.pcap",
  frame: 23,
  linkType: 113,
  originalLength: 76,
  bytes: hex`
  00000304 00060000 00000000 00000800  # Linux SLL header, protocol 0x0800
  4500003c f0924000 40114c1c 7f000001 7f000001  # IPv4: total length 60, TTL 64, protocol 17, 127.0.0.1 -> 127.0.0.1
  b5459c40 0028fe3b  # UDP 46405 -> 40000, length 40
  6e657470 69782066 72616d69 6e672066 69787475 7265206e 65747069 78206672  # payload
`,
};

/** sll.pcap frame 26: `::1 → ::1 UDP 96 34387 → 40000 Len=32`. */
export const SLL_LOOPBACK_UDP6: Fixture = {
  file: "sll.pcap",
  frame: 26,
  linkType: 113,
  originalLength: 96,
  bytes: hex`
  00000304 00060000 00000000 000086dd  # Linux SLL header, protocol 0x86dd
  600e188d 00281140 00000000 00000000 00000000 00000001 00000000 00000000  # IPv6: payload length 40, next header 17, hop limit 64, ::1 -> ::1
  00000000 00000001
  86539c40 0028003b  # UDP 34387 -> 40000, length 40
  6e657470 69782066 72616d69 6e672066 69787475 7265206e 65747069 78206672  # payload
`,
};

/** sll2.pcap frame 1: `e2:a8:f7:34:67:d3 → ARP 48 Who has 198.51.100.2? Tell 198.51.100.1`. */
export const SLL2_ARP_REQUEST: Fixture = {
  file: "sll2.pcap",
  frame: 1,
  linkType: 276,
  originalLength: 48,
  bytes: hex`
  08060000 00000002 00010106 e2a8f734 67d30000  # Linux SLL2 header, protocol 0x0806
  00010800 06040001 e2a8f734 67d3c633 64010000 00000000 c6336402  # payload
`,
};

/** sll2.pcap frame 3: `198.51.100.1 → 198.51.100.2 UDP 80 48316 → 40000 Len=32`. */
export const SLL2_UDP4: Fixture = {
  file: "sll2.pcap",
  frame: 3,
  linkType: 276,
  originalLength: 80,
  bytes: hex`
  08000000 00000002 00010006 e2a8f734 67d30000  # Linux SLL2 header, protocol 0x0800
  4500003c a94b4000 40113cfb c6336401 c6336402  # IPv4: total length 60, TTL 64, protocol 17, 198.51.100.1 -> 198.51.100.2
  bcbc9c40 002854a4  # UDP 48316 -> 40000, length 40
  6e657470 69782066 72616d69 6e672066 69787475 7265206e 65747069 78206672  # payload
`,
};

/** sll2.pcap frame 11: `2001:db8:1::1 → 2001:db8:1::2 TCP 100 35248 → 40001 [SYN] Seq=0 Win=64800 Len=0 MSS=1440 SACK_PERM TSval=1686903667 TSecr=0 WS=1024`. */
export const SLL2_TCP6_SYN: Fixture = {
  file: "sll2.pcap",
  frame: 11,
  linkType: 276,
  originalLength: 100,
  bytes: hex`
  86dd0000 00000002 00010006 e2a8f734 67d30000  # Linux SLL2 header, protocol 0x86dd
  600e1d70 00280640 20010db8 00010000 00000000 00000001 20010db8 00010000  # IPv6: payload length 40, next header 6, hop limit 64, 2001:db8:1::1 -> 2001:db8:1::2
  00000000 00000002
  89b09c41 a7b8ce0d 00000000 a002fd20 5ba50000 020405a0 0402080a 648c1b73  # TCP 35248 -> 40001, data offset 10, flags 0x002
  00000000 0103030a
`,
};

/** sll2.pcap frame 23: `::1 → ::1 UDP 100 54525 → 40000 Len=32`. */
export const SLL2_LOOPBACK_UDP6: Fixture = {
  file: "sll2.pcap",
  frame: 23,
  linkType: 276,
  originalLength: 100,
  bytes: hex`
  86dd0000 00000001 03040006 00000000 00000000  # Linux SLL2 header, protocol 0x86dd
  600cabb4 00281140 00000000 00000000 00000000 00000001 00000000 00000000  # IPv6: payload length 40, next header 17, hop limit 64, ::1 -> ::1
  00000000 00000001
  d4fd9c40 0028003b  # UDP 54525 -> 40000, length 40
  6e657470 69782066 72616d69 6e672066 69787475 7265206e 65747069 78206672  # payload
`,
};

/** raw-ip.pcap frame 1: `192.0.2.1 → 192.0.2.2 UDP 60 36912 → 40000 Len=32`. */
export const RAW_UDP4: Fixture = {
  file: "raw-ip.pcap",
  frame: 1,
  linkType: 101,
  originalLength: 60,
  bytes: hex`
  4500003c b8224000 4011fe8a c0000201 c0000202  # IPv4: total length 60, TTL 64, protocol 17, 192.0.2.1 -> 192.0.2.2
  90309c40 00284eaa  # UDP 36912 -> 40000, length 40
  6e657470 69782066 72616d69 6e672066 69787475 7265206e 65747069 78206672  # payload
`,
};

/** raw-ip.pcap frame 16: `2001:db8:2::1 → 2001:db8:2::2 TCP 80 57110 → 40001 [SYN] Seq=0 Win=64800 Len=0 MSS=1440 SACK_PERM TSval=2714285752 TSecr=0 WS=1024`. */
export const RAW_TCP6_SYN: Fixture = {
  file: "raw-ip.pcap",
  frame: 16,
  linkType: 101,
  originalLength: 80,
  bytes: hex`
  6005c39e 00280640 20010db8 00020000 00000000 00000001 20010db8 00020000  # IPv6: payload length 40, next header 6, hop limit 64, 2001:db8:2::1 -> 2001:db8:2::2
  00000000 00000002
  df169c41 d4d383dc 00000000 a002fd20 c2ed0000 020405a0 0402080a a1c8b6b8  # TCP 57110 -> 40001, data offset 10, flags 0x002
  00000000 0103030a
`,
};

/** raw-ip.pcap frame 27: `192.0.2.2 → 192.0.2.1 ICMP 64 Destination unreachable (Port unreachable)`. */
export const RAW_ICMP4_PORT_UNREACHABLE: Fixture = {
  file: "raw-ip.pcap",
  frame: 27,
  linkType: 101,
  originalLength: 64,
  bytes: hex`
  45c00040 bdad0000 4001384c c0000202 c0000201  # IPv4: total length 64, TTL 64, protocol 1, 192.0.2.2 -> 192.0.2.1
  03038122 00000000 45000024 b8324000 4011fe92 c0000201 c0000202 b12e9c49  # payload
  0010c19d 6e657470 69782066
`,
};

/** null.pcap frame 1: `192.0.2.1 → 192.0.2.2 UDP 64 36912 → 40000 Len=32`. */
export const NULL_UDP4: Fixture = {
  file: "null.pcap",
  frame: 1,
  linkType: 0,
  originalLength: 64,
  bytes: hex`
  02000000  # address family (host order, little-endian)
  4500003c b8224000 4011fe8a c0000201 c0000202  # IPv4: total length 60, TTL 64, protocol 17, 192.0.2.1 -> 192.0.2.2
  90309c40 00284eaa  # UDP 36912 -> 40000, length 40
  6e657470 69782066 72616d69 6e672066 69787475 7265206e 65747069 78206672  # payload
`,
};

/** null.pcap frame 14: `2001:db8:2::1 → 2001:db8:2::2 UDP 84 49540 → 40000 Len=32`. */
export const NULL_UDP6_AF24: Fixture = {
  file: "null.pcap",
  frame: 14,
  linkType: 0,
  originalLength: 84,
  bytes: hex`
  18000000  # address family (host order, little-endian)
  60086808 00281140 20010db8 00020000 00000000 00000001 20010db8 00020000  # IPv6: payload length 40, next header 17, hop limit 64, 2001:db8:2::1 -> 2001:db8:2::2
  00000000 00000002
  c1849c40 002845e1  # UDP 49540 -> 40000, length 40
  6e657470 69782066 72616d69 6e672066 69787475 7265206e 65747069 78206672  # payload
`,
};

/** null.pcap frame 15: `2001:db8:2::2 → 2001:db8:2::1 UDP 84 40000 → 49540 Len=32`. */
export const NULL_UDP6_AF28: Fixture = {
  file: "null.pcap",
  frame: 15,
  linkType: 0,
  originalLength: 84,
  bytes: hex`
  1c000000  # address family (host order, little-endian)
  600033f8 00281140 20010db8 00020000 00000000 00000002 20010db8 00020000  # IPv6: payload length 40, next header 17, hop limit 64, 2001:db8:2::2 -> 2001:db8:2::1
  00000000 00000001
  9c40c184 002845e1  # UDP 40000 -> 49540, length 40
  6e657470 69782066 72616d69 6e672066 69787475 7265206e 65747069 78206672  # payload
`,
};

/** null.pcap frame 16: `2001:db8:2::1 → 2001:db8:2::2 TCP 84 57110 → 40001 [SYN] Seq=0 Win=64800 Len=0 MSS=1440 SACK_PERM TSval=2714285752 TSecr=0 WS=1024`. */
export const NULL_TCP6_AF30: Fixture = {
  file: "null.pcap",
  frame: 16,
  linkType: 0,
  originalLength: 84,
  bytes: hex`
  1e000000  # address family (host order, little-endian)
  6005c39e 00280640 20010db8 00020000 00000000 00000001 20010db8 00020000  # IPv6: payload length 40, next header 6, hop limit 64, 2001:db8:2::1 -> 2001:db8:2::2
  00000000 00000002
  df169c41 d4d383dc 00000000 a002fd20 c2ed0000 020405a0 0402080a a1c8b6b8  # TCP 57110 -> 40001, data offset 10, flags 0x002
  00000000 0103030a
`,
};

/** loop.pcap frame 1: `192.0.2.1 → 192.0.2.2 UDP 64 36912 → 40000 Len=32`. */
export const LOOP_UDP4: Fixture = {
  file: "loop.pcap",
  frame: 1,
  linkType: 108,
  originalLength: 64,
  bytes: hex`
  00000002  # address family (big-endian)
  4500003c b8224000 4011fe8a c0000201 c0000202  # IPv4: total length 60, TTL 64, protocol 17, 192.0.2.1 -> 192.0.2.2
  90309c40 00284eaa  # UDP 36912 -> 40000, length 40
  6e657470 69782066 72616d69 6e672066 69787475 7265206e 65747069 78206672  # payload
`,
};

/** loop.pcap frame 14: `2001:db8:2::1 → 2001:db8:2::2 UDP 84 49540 → 40000 Len=32`. */
export const LOOP_UDP6: Fixture = {
  file: "loop.pcap",
  frame: 14,
  linkType: 108,
  originalLength: 84,
  bytes: hex`
  00000018  # address family (big-endian)
  60086808 00281140 20010db8 00020000 00000000 00000001 20010db8 00020000  # IPv6: payload length 40, next header 17, hop limit 64, 2001:db8:2::1 -> 2001:db8:2::2
  00000000 00000002
  c1849c40 002845e1  # UDP 49540 -> 40000, length 40
  6e657470 69782066 72616d69 6e672066 69787475 7265206e 65747069 78206672  # payload
`,
};

/** ipv6-ext.pcap frame 1: `:: → ff02::16 ICMPv6 150 Multicast Listener Report Message v2`. */
export const IPV6_MLD_HOP_BY_HOP: Fixture = {
  file: "ipv6-ext.pcap",
  frame: 1,
  linkType: 1,
  originalLength: 150,
  bytes: hex`
  33330000 00168670 5b05ff41 86dd  # Ethernet, EtherType 0x86dd
  60000000 00600001 00000000 00000000 00000000 00000000 ff020000 00000000  # IPv6: payload length 96, next header 0, hop limit 1, :: -> ff02::16
  00000000 00000016
  3a000502 00000100  # hop-by-hop options, next header 58
  8f0068dd 00000004 04000000 ff020000 00000000 00000001 ff010002 04000000  # payload
  ff150000 00000000 00000000 00010002 04000000 ff020000 00000000 00000001
  ff05ff41 04000000 ff020000 00000000 00000001 ff000001
`,
};

/** ipv6-ext.pcap frame 11: `2001:db8:1::1 → 2001:db8:1::2 UDP 1294 44795 → 40000 Len=3000`. */
export const IPV6_FIRST_FRAGMENT: Fixture = {
  file: "ipv6-ext.pcap",
  frame: 11,
  linkType: 1,
  originalLength: 1294,
  bytes: concat(
    hex`
  ee5cf916 50718670 5b05ff41 86dd  # Ethernet, EtherType 0x86dd
  6009e1a0 04d82c40 20010db8 00010000 00000000 00000001 20010db8 00010000  # IPv6: payload length 1240, next header 44, hop limit 64, 2001:db8:1::1 -> 2001:db8:1::2
  00000000 00000002
  11000001 d69cdb0b  # fragment header, next header 17
  aefb9c40 0bc07bbe  # UDP 44795 -> 40000, length 3008
`,
    pattern(0, 1224),
  ),
};

/** ipv6-ext.pcap frame 12: `2001:db8:1::1 → 2001:db8:1::2 IPv6 1294 IPv6 fragment (off=1232 more=y ident=0xd69cdb0b nxt=17)`. */
export const IPV6_MIDDLE_FRAGMENT: Fixture = {
  file: "ipv6-ext.pcap",
  frame: 12,
  linkType: 1,
  originalLength: 1294,
  bytes: concat(
    hex`
  ee5cf916 50718670 5b05ff41 86dd  # Ethernet, EtherType 0x86dd
  6009e1a0 04d82c40 20010db8 00010000 00000000 00000001 20010db8 00010000  # IPv6: payload length 1240, next header 44, hop limit 64, 2001:db8:1::1 -> 2001:db8:1::2
  00000000 00000002
  110004d1 d69cdb0b  # fragment header, next header 17
`,
    pattern(5, 1232),
  ),
};

/** ipv6-ext.pcap frame 13: `2001:db8:1::1 → 2001:db8:1::2 IPv6 606 IPv6 fragment (off=2464 more=n ident=0xd69cdb0b nxt=17)`. */
export const IPV6_LAST_FRAGMENT: Fixture = {
  file: "ipv6-ext.pcap",
  frame: 13,
  linkType: 1,
  originalLength: 606,
  bytes: concat(
    hex`
  ee5cf916 50718670 5b05ff41 86dd  # Ethernet, EtherType 0x86dd
  6009e1a0 02282c40 20010db8 00010000 00000000 00000001 20010db8 00010000  # IPv6: payload length 552, next header 44, hop limit 64, 2001:db8:1::1 -> 2001:db8:1::2
  00000000 00000002
  110009a0 d69cdb0b  # fragment header, next header 17
`,
    pattern(18, 544),
  ),
};

/** ipv6-ext.pcap frame 17: `2001:db8:1::1 → 2001:db8:1::2 UDP 142 32903 → 40000 Len=64`. */
export const IPV6_HOP_BY_HOP_DEST_OPTS_UDP: Fixture = {
  file: "ipv6-ext.pcap",
  frame: 17,
  linkType: 1,
  originalLength: 142,
  bytes: hex`
  ee5cf916 50718670 5b05ff41 86dd  # Ethernet, EtherType 0x86dd
  6001f651 00580040 20010db8 00010000 00000000 00000001 20010db8 00010000  # IPv6: payload length 88, next header 0, hop limit 64, 2001:db8:1::1 -> 2001:db8:1::2
  00000000 00000002
  3c001e04 6e706678  # hop-by-hop options, next header 60
  11001e04 6e706678  # destination options, next header 17
  80879c40 0048566e  # UDP 32903 -> 40000, length 72
  6e657470 69782066 72616d69 6e672066 69787475 7265206e 65747069 78206672  # payload
  616d696e 67206669 78747572 65206e65 74706978 20667261 6d696e67 20666978
`,
};

/** ipv6-ext.pcap frame 19: `2001:db8:1::1 → 2001:db8:1::2 UDP 1294 48921 → 40000 Len=2000`. */
export const IPV6_HOP_BY_HOP_DEST_OPTS_FIRST_FRAGMENT: Fixture = {
  file: "ipv6-ext.pcap",
  frame: 19,
  linkType: 1,
  originalLength: 1294,
  bytes: concat(
    hex`
  ee5cf916 50718670 5b05ff41 86dd  # Ethernet, EtherType 0x86dd
  600b436a 04d80040 20010db8 00010000 00000000 00000001 20010db8 00010000  # IPv6: payload length 1240, next header 0, hop limit 64, 2001:db8:1::1 -> 2001:db8:1::2
  00000000 00000002
  3c001e04 6e706678  # hop-by-hop options, next header 60
  2c001e04 6e706678  # destination options, next header 44
  11000001 1ed30801  # fragment header, next header 17
  bf199c40 07d86d2c  # UDP 48921 -> 40000, length 2008
`,
    pattern(0, 1208),
  ),
};

/** ipv6-ext.pcap frame 20: `2001:db8:1::1 → 2001:db8:1::2 IPv6 870 IPv6 fragment (off=1216 more=n ident=0x1ed30801 nxt=17)`. */
export const IPV6_HOP_BY_HOP_DEST_OPTS_LAST_FRAGMENT: Fixture = {
  file: "ipv6-ext.pcap",
  frame: 20,
  linkType: 1,
  originalLength: 870,
  bytes: concat(
    hex`
  ee5cf916 50718670 5b05ff41 86dd  # Ethernet, EtherType 0x86dd
  600b436a 03300040 20010db8 00010000 00000000 00000001 20010db8 00010000  # IPv6: payload length 816, next header 0, hop limit 64, 2001:db8:1::1 -> 2001:db8:1::2
  00000000 00000002
  3c001e04 6e706678  # hop-by-hop options, next header 60
  2c001e04 6e706678  # destination options, next header 44
  110004c0 1ed30801  # fragment header, next header 17
`,
    pattern(12, 792),
  ),
};

/** ipv6-ext.pcap frame 23: `2001:db8:1::1 → 2001:db8:9::1 UDP 134 53720 → 40000 Len=32`. */
export const IPV6_SEGMENT_ROUTING_UDP: Fixture = {
  file: "ipv6-ext.pcap",
  frame: 23,
  linkType: 1,
  originalLength: 134,
  bytes: hex`
  ee5cf916 50718670 5b05ff41 86dd  # Ethernet, EtherType 0x86dd
  60024547 00502b40 20010db8 00010000 00000000 00000001 20010db8 00010000  # IPv6: payload length 80, next header 43, hop limit 64, 2001:db8:1::1 -> 2001:db8:1::2
  00000000 00000002
  11040401 01000000 20010db8 00090000 00000000 00000001 20010db8 00010000  # routing header, next header 17
  00000000 00000002
  d1d89c40 00285bb7  # UDP 53720 -> 40000, length 40
  6e657470 69782066 72616d69 6e672066 69787475 7265206e 65747069 78206672  # payload
`,
};

/** ipv6-ext.pcap frame 24: `2001:db8:1::1 → 2001:db8:1::99 UDP 94 40001 → 40000 Len=8 [ILLEGAL CHECKSUM (0)]`. */
export const IPV6_AH_UDP: Fixture = {
  file: "ipv6-ext.pcap",
  frame: 24,
  linkType: 1,
  originalLength: 94,
  bytes: hex`
  ee5cf916 50718670 5b05ff41 86dd  # Ethernet, EtherType 0x86dd
  6008431a 00283340 20010db8 00010000 00000000 00000001 20010db8 00010000  # IPv6: payload length 40, next header 51, hop limit 64, 2001:db8:1::1 -> 2001:db8:1::99
  00000000 00000099
  11040000 00000100 00000001 11111111 11111111 11111111  # authentication header, next header 17
  9c419c40 00100000  # UDP 40001 -> 40000, length 16
  6e657470 69782121  # payload
`,
};

/** ipv6-ext.pcap frame 25: `2001:db8:1::1 → 2001:db8:1::99 ESP 78 ESP (SPI=0x00000200)`. */
export const IPV6_ESP: Fixture = {
  file: "ipv6-ext.pcap",
  frame: 25,
  linkType: 1,
  originalLength: 78,
  bytes: hex`
  ee5cf916 50718670 5b05ff41 86dd  # Ethernet, EtherType 0x86dd
  60087108 00183240 20010db8 00010000 00000000 00000001 20010db8 00010000  # IPv6: payload length 24, next header 50, hop limit 64, 2001:db8:1::1 -> 2001:db8:1::99
  00000000 00000099
  00000200 00000001 a1b2c3d4 e5f60718 293a4b5c 6d7e8f90  # payload
`,
};

/** ipv6-ext.pcap frame 26: `2001:db8:1::1 → 2001:db8:1::99 IPv6 61 IPv6 no next header`. */
export const IPV6_NO_NEXT_HEADER: Fixture = {
  file: "ipv6-ext.pcap",
  frame: 26,
  linkType: 1,
  originalLength: 61,
  bytes: hex`
  ee5cf916 50718670 5b05ff41 86dd  # Ethernet, EtherType 0x86dd
  6007d5f9 00073b40 20010db8 00010000 00000000 00000001 20010db8 00010000  # IPv6: payload length 7, next header 59, hop limit 64, 2001:db8:1::1 -> 2001:db8:1::99
  00000000 00000099
  6e6f206e 657874  # payload
`,
};

/** ipv4-frag.pcap frame 1: `198.51.100.1 → 224.0.0.22 IGMPv3 54 Membership Report / Join group 239.1.2.3 for any sources`. */
export const IPV4_IGMP_ROUTER_ALERT: Fixture = {
  file: "ipv4-frag.pcap",
  frame: 1,
  linkType: 1,
  originalLength: 54,
  bytes: hex`
  01005e00 00161e0e 6ce512e6 0800  # Ethernet, EtherType 0x0800
  46c00028 00004000 0102d9c4 c6336401 e0000016  # IPv4: total length 40, TTL 1, protocol 2, 198.51.100.1 -> 224.0.0.22
  94040000  # IPv4 options (IHL 6)
  2200e8f9 00000001 04000000 ef010203  # payload
`,
};

/** ipv4-frag.pcap frame 4: `198.51.100.1 → 198.51.100.2 UDP 586 39775 → 40000 Len=1400`. */
export const IPV4_FIRST_FRAGMENT: Fixture = {
  file: "ipv4-frag.pcap",
  frame: 4,
  linkType: 1,
  originalLength: 586,
  bytes: concat(
    hex`
  a2bcb0ef 38571e0e 6ce512e6 0800  # Ethernet, EtherType 0x0800
  4500023c a5fc2000 40115e4a c6336401 c6336402  # IPv4: total length 572, TTL 64, protocol 17, 198.51.100.1 -> 198.51.100.2
  9b5f9c40 05800a03  # UDP 39775 -> 40000, length 1408
`,
    pattern(0, 544),
  ),
};

/** ipv4-frag.pcap frame 5: `198.51.100.1 → 198.51.100.2 IPv4 586 Fragmented IP protocol (proto=UDP 17, off=552, ID=a5fc)`. */
export const IPV4_MIDDLE_FRAGMENT: Fixture = {
  file: "ipv4-frag.pcap",
  frame: 5,
  linkType: 1,
  originalLength: 586,
  bytes: concat(
    hex`
  a2bcb0ef 38571e0e 6ce512e6 0800  # Ethernet, EtherType 0x0800
  4500023c a5fc2045 40115e05 c6336401 c6336402  # IPv4: total length 572, TTL 64, protocol 17, 198.51.100.1 -> 198.51.100.2
`,
    pattern(15, 552),
  ),
};

/** ipv4-frag.pcap frame 6: `198.51.100.1 → 198.51.100.2 IPv4 338 Fragmented IP protocol (proto=UDP 17, off=1104, ID=a5fc)`. */
export const IPV4_LAST_FRAGMENT: Fixture = {
  file: "ipv4-frag.pcap",
  frame: 6,
  linkType: 1,
  originalLength: 338,
  bytes: concat(
    hex`
  a2bcb0ef 38571e0e 6ce512e6 0800  # Ethernet, EtherType 0x0800
  45000144 a5fc008a 40117eb8 c6336401 c6336402  # IPv4: total length 324, TTL 64, protocol 17, 198.51.100.1 -> 198.51.100.2
`,
    pattern(15, 304),
  ),
};

/** ipv4-frag.pcap frame 10: `198.51.100.1 → 198.51.100.2 UDP 118 51387 → 40000 Len=64`. */
export const IPV4_RECORD_ROUTE_UDP: Fixture = {
  file: "ipv4-frag.pcap",
  frame: 10,
  linkType: 1,
  originalLength: 118,
  bytes: hex`
  a2bcb0ef 38571e0e 6ce512e6 0800  # Ethernet, EtherType 0x0800
  48000068 a6044000 4011f8e0 c6336401 c6336402  # IPv4: total length 104, TTL 64, protocol 17, 198.51.100.1 -> 198.51.100.2
  070b08c6 33640100 00000000  # IPv4 options (IHL 8)
  c8bb9c40 004854c4  # UDP 51387 -> 40000, length 72
  6e657470 69782066 72616d69 6e672066 69787475 7265206e 65747069 78206672  # payload
  616d696e 67206669 78747572 65206e65 74706978 20667261 6d696e67 20666978
`,
};

/** ipv4-frag.pcap frame 12: `198.51.100.1 → 198.51.100.2 UDP 590 34959 → 40000 Len=1000`. */
export const IPV4_RECORD_ROUTE_FIRST_FRAGMENT: Fixture = {
  file: "ipv4-frag.pcap",
  frame: 12,
  linkType: 1,
  originalLength: 590,
  bytes: concat(
    hex`
  a2bcb0ef 38571e0e 6ce512e6 0800  # Ethernet, EtherType 0x0800
  48000240 a6092000 40111704 c6336401 c6336402  # IPv4: total length 576, TTL 64, protocol 17, 198.51.100.1 -> 198.51.100.2
  070b08c6 33640100 00000000  # IPv4 options (IHL 8)
  888f9c40 03f0c28c  # UDP 34959 -> 40000, length 1008
`,
    pattern(0, 536),
  ),
};

/** ipv4-frag.pcap frame 13: `198.51.100.1 → 198.51.100.2 IPv4 510 Fragmented IP protocol (proto=UDP 17, off=544, ID=a609)`. */
export const IPV4_NOP_OPTIONS_LAST_FRAGMENT: Fixture = {
  file: "ipv4-frag.pcap",
  frame: 13,
  linkType: 1,
  originalLength: 510,
  bytes: concat(
    hex`
  a2bcb0ef 38571e0e 6ce512e6 0800  # Ethernet, EtherType 0x0800
  480001f0 a6090044 40117540 c6336401 c6336402  # IPv4: total length 496, TTL 64, protocol 17, 198.51.100.1 -> 198.51.100.2
  01010101 01010101 01010100  # IPv4 options (IHL 8)
`,
    pattern(7, 464),
  ),
};

/** ethernet-snaplen80.pcap frame 3 (captured 80 of 242 bytes): `198.51.100.1 → 198.51.100.2 UDP 242 52536 → 40000 Len=200`. */
export const SNAPLEN80_UDP4: Fixture = {
  file: "ethernet-snaplen80.pcap",
  frame: 3,
  linkType: 1,
  originalLength: 242,
  bytes: hex`
  8a33afe7 01ac7269 2fd80c82 0800  # Ethernet, EtherType 0x0800
  450000e4 b13a4000 40113464 c6336401 c6336402  # IPv4: total length 228, TTL 64, protocol 17, 198.51.100.1 -> 198.51.100.2
  cd389c40 00d0554c  # UDP 52536 -> 40000, length 208
  6e657470 69782066 72616d69 6e672066 69787475 7265206e 65747069 78206672  # payload
  616d696e 6720
`,
};

/** ethernet-snaplen80.pcap frame 17 (captured 80 of 262 bytes): `2001:db8:1::1 → 2001:db8:1::2 UDP 262 53805 → 40000 Len=200`. */
export const SNAPLEN80_UDP6: Fixture = {
  file: "ethernet-snaplen80.pcap",
  frame: 17,
  linkType: 1,
  originalLength: 262,
  bytes: hex`
  8a33afe7 01ac7269 2fd80c82 86dd  # Ethernet, EtherType 0x86dd
  600957ac 00d01140 20010db8 00010000 00000000 00000001 20010db8 00010000  # IPv6: payload length 208, next header 17, hop limit 64, 2001:db8:1::1 -> 2001:db8:1::2
  00000000 00000002
  d22d9c40 00d05c58  # UDP 53805 -> 40000, length 208
  6e657470 69782066 72616d69 6e672066 6978  # payload
`,
};

/** ethernet-snaplen80.pcap frame 19 (captured 80 of 94 bytes): `2001:db8:1::1 → 2001:db8:1::2 TCP 94 35214 → 40001 [SYN] Seq=0 Win=64800 Len=0 MSS=1440 SACK_PERM[Packet size limited during capture]`. */
export const SNAPLEN80_TCP6_SYN: Fixture = {
  file: "ethernet-snaplen80.pcap",
  frame: 19,
  linkType: 1,
  originalLength: 94,
  bytes: hex`
  8a33afe7 01ac7269 2fd80c82 86dd  # Ethernet, EtherType 0x86dd
  600df1fa 00280640 20010db8 00010000 00000000 00000001 20010db8 00010000  # IPv6: payload length 40, next header 6, hop limit 64, 2001:db8:1::1 -> 2001:db8:1::2
  00000000 00000002
  898e9c41 bdcedf58 00000000 a002fd20 5ba50000 020405a0 0402  # TCP 35214 -> 40001, data offset 10, flags 0x002
`,
};

/** Every fixture above, for checks that run over all of them. */
export const ALL_FIXTURES: Readonly<Record<string, Fixture>> = {
  ETHERNET_ARP_REQUEST,
  ETHERNET_UDP4,
  ETHERNET_TCP4_SYN,
  ETHERNET_ICMP6_NEIGHBOR_SOLICITATION,
  ETHERNET_UDP6,
  ETHERNET_TCP6_DATA,
  ETHERNET_ICMP4_PORT_UNREACHABLE,
  VLAN_ARP_REQUEST,
  VLAN_UDP4,
  VLAN_TCP6_SYN,
  QINQ_UDP4,
  STACKED_VLAN_UDP4,
  QINQ_UDP6,
  SLL_ARP_REQUEST,
  SLL_VLAN_UDP4,
  SLL_TCP6_SYN,
  SLL_LOOPBACK_UDP4,
  SLL_LOOPBACK_UDP6,
  SLL2_ARP_REQUEST,
  SLL2_UDP4,
  SLL2_TCP6_SYN,
  SLL2_LOOPBACK_UDP6,
  RAW_UDP4,
  RAW_TCP6_SYN,
  RAW_ICMP4_PORT_UNREACHABLE,
  NULL_UDP4,
  NULL_UDP6_AF24,
  NULL_UDP6_AF28,
  NULL_TCP6_AF30,
  LOOP_UDP4,
  LOOP_UDP6,
  IPV6_MLD_HOP_BY_HOP,
  IPV6_FIRST_FRAGMENT,
  IPV6_MIDDLE_FRAGMENT,
  IPV6_LAST_FRAGMENT,
  IPV6_HOP_BY_HOP_DEST_OPTS_UDP,
  IPV6_HOP_BY_HOP_DEST_OPTS_FIRST_FRAGMENT,
  IPV6_HOP_BY_HOP_DEST_OPTS_LAST_FRAGMENT,
  IPV6_SEGMENT_ROUTING_UDP,
  IPV6_AH_UDP,
  IPV6_ESP,
  IPV6_NO_NEXT_HEADER,
  IPV4_IGMP_ROUTER_ALERT,
  IPV4_FIRST_FRAGMENT,
  IPV4_MIDDLE_FRAGMENT,
  IPV4_LAST_FRAGMENT,
  IPV4_RECORD_ROUTE_UDP,
  IPV4_RECORD_ROUTE_FIRST_FRAGMENT,
  IPV4_NOP_OPTIONS_LAST_FRAGMENT,
  SNAPLEN80_UDP4,
  SNAPLEN80_UDP6,
  SNAPLEN80_TCP6_SYN,
};

/**
 * The properties of `value` named by `like`'s keys, to compare a decoder with a partial expectation.
 * @example Pick two fields
 * ```ts
 * import { pick } from "./_fixtures.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * deepStrictEqual(pick({ a: 1, b: 2, c: 3 }, { a: 0, c: 0 }), { a: 1, c: 3 });
 * ```
 */
export function pick<T extends object>(value: T, like: Partial<Record<keyof T, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(like)) out[key] = (value as Record<string, unknown>)[key];
  return out;
}
