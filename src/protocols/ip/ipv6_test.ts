import { deepStrictEqual } from "node:assert/strict";
import { decodeIpv6 } from "./ipv6.ts";
import type { IpFields } from "./_fields.ts";
import { FrameStatus } from "../status.ts";
import {
  ETHERNET_UDP6,
  freshIpFields,
  IPV6_AH_UDP,
  IPV6_ESP,
  IPV6_FIRST_FRAGMENT,
  IPV6_HOP_BY_HOP_DEST_OPTS_FIRST_FRAGMENT,
  IPV6_HOP_BY_HOP_DEST_OPTS_LAST_FRAGMENT,
  IPV6_HOP_BY_HOP_DEST_OPTS_UDP,
  IPV6_LAST_FRAGMENT,
  IPV6_MIDDLE_FRAGMENT,
  IPV6_MLD_HOP_BY_HOP,
  IPV6_NO_NEXT_HEADER,
  IPV6_SEGMENT_ROUTING_UDP,
  pick,
  RAW_TCP6_SYN,
  withByte,
} from "../_fixtures.ts";

const ETH = 14;
const EXT = ETH + 40; // first extension header in the Ethernet fixtures

const cases: { name: string; bytes: Uint8Array; offset: number; status: FrameStatus; want: Partial<IpFields> }[] = [
  {
    name: "reads a UDP datagram behind Ethernet",
    bytes: ETHERNET_UDP6.bytes,
    offset: ETH,
    status: FrameStatus.Ok,
    want: {
      ipVersion: 6,
      ipHeaderLength: 40,
      srcAddrOffset: 22,
      dstAddrOffset: 38,
      ipProtocol: 17,
      ttl: 64,
      fragmented: false,
      payloadOffset: 54,
      payloadLength: 40,
    },
  },
  {
    name: "reads a raw TCP SYN at offset 0",
    bytes: RAW_TCP6_SYN.bytes,
    offset: 0,
    status: FrameStatus.Ok,
    want: {
      ipHeaderLength: 40,
      srcAddrOffset: 8,
      dstAddrOffset: 24,
      ipProtocol: 6,
      payloadOffset: 40,
      payloadLength: 40,
    },
  },
  {
    name: "walks the Hop-by-Hop header of an MLDv2 report to ICMPv6",
    bytes: IPV6_MLD_HOP_BY_HOP.bytes,
    offset: ETH,
    status: FrameStatus.Ok,
    want: { ipHeaderLength: 48, ipProtocol: 58, ttl: 1, payloadOffset: 62, payloadLength: 88 }, // 96 - 8
  },
  {
    name: "walks Hop-by-Hop then Destination Options to UDP",
    bytes: IPV6_HOP_BY_HOP_DEST_OPTS_UDP.bytes,
    offset: ETH,
    status: FrameStatus.Ok,
    want: { ipHeaderLength: 56, ipProtocol: 17, fragmented: false, payloadOffset: 70, payloadLength: 72 },
  },
  {
    name: "walks an SRv6 Segment Routing header (type 4, two segments) to UDP",
    bytes: IPV6_SEGMENT_ROUTING_UDP.bytes,
    offset: ETH,
    status: FrameStatus.Ok,
    want: { ipHeaderLength: 80, ipProtocol: 17, payloadOffset: 94, payloadLength: 40 },
  },
  {
    name: "walks an Authentication Header (length in 4-byte units) to UDP",
    bytes: IPV6_AH_UDP.bytes,
    offset: ETH,
    status: FrameStatus.Ok,
    want: { ipHeaderLength: 64, ipProtocol: 17, payloadOffset: 78, payloadLength: 16 },
  },
  {
    name: "stops at ESP",
    bytes: IPV6_ESP.bytes,
    offset: ETH,
    status: FrameStatus.Ok,
    want: { ipHeaderLength: 40, ipProtocol: 50, payloadOffset: 54, payloadLength: 24 },
  },
  {
    name: "stops at No Next Header",
    bytes: IPV6_NO_NEXT_HEADER.bytes,
    offset: ETH,
    status: FrameStatus.Ok,
    want: { ipHeaderLength: 40, ipProtocol: 59, payloadLength: 7 },
  },
  {
    name: "marks a first fragment (offset 0, M set) fragmented and walks on to UDP",
    bytes: IPV6_FIRST_FRAGMENT.bytes,
    offset: ETH,
    status: FrameStatus.Ok,
    want: { ipHeaderLength: 48, ipProtocol: 17, fragmented: true, payloadOffset: 62, payloadLength: 1232 },
  },
  {
    name: "reports a middle fragment (offset 1232) as a non-first fragment",
    bytes: IPV6_MIDDLE_FRAGMENT.bytes,
    offset: ETH,
    status: FrameStatus.NonFirstFragment,
    want: { ipHeaderLength: 48, ipProtocol: 17, fragmented: true, payloadOffset: 62, payloadLength: 1232 },
  },
  {
    name: "reports the last fragment (offset 2464, M clear) as a non-first fragment",
    bytes: IPV6_LAST_FRAGMENT.bytes,
    offset: ETH,
    status: FrameStatus.NonFirstFragment,
    want: { fragmented: true, payloadLength: 544 }, // 552 - 8
  },
  {
    name: "walks Hop-by-Hop, Destination Options and Fragment to UDP in a first fragment",
    bytes: IPV6_HOP_BY_HOP_DEST_OPTS_FIRST_FRAGMENT.bytes,
    offset: ETH,
    status: FrameStatus.Ok,
    want: { ipHeaderLength: 64, ipProtocol: 17, fragmented: true, payloadOffset: 78, payloadLength: 1216 },
  },
  {
    name: "counts the unfragmentable headers of a last fragment",
    bytes: IPV6_HOP_BY_HOP_DEST_OPTS_LAST_FRAGMENT.bytes,
    offset: ETH,
    status: FrameStatus.NonFirstFragment,
    want: { ipHeaderLength: 64, ipProtocol: 17, fragmented: true, payloadLength: 792 }, // 816 - 24
  },
  {
    name: "treats an atomic fragment (offset 0, M clear; RFC 6946) as not fragmented",
    bytes: withByte(IPV6_FIRST_FRAGMENT.bytes, EXT + 3, 0x00),
    offset: ETH,
    status: FrameStatus.Ok,
    want: { ipHeaderLength: 48, fragmented: false },
  },
  {
    name: "takes a Payload Length of 0 as the rest of the capture (jumbogram or offloaded segment)",
    bytes: withByte(withByte(ETHERNET_UDP6.bytes, ETH + 4, 0), ETH + 5, 0),
    offset: ETH,
    status: FrameStatus.Ok,
    want: { payloadOffset: 54, payloadLength: 40 },
  },
  {
    name: "rejects version 4 where the link said IPv6",
    bytes: withByte(ETHERNET_UDP6.bytes, ETH, 0x45),
    offset: ETH,
    status: FrameStatus.BadIpVersion,
    want: { ipVersion: 0 },
  },
  {
    name: "rejects a Hop-by-Hop header longer than the payload",
    bytes: withByte(IPV6_MLD_HOP_BY_HOP.bytes, EXT + 1, 200),
    offset: ETH,
    status: FrameStatus.BadIpHeader,
    want: { ipProtocol: 0 },
  },
  {
    name: "rejects an extension header that starts at the end of the payload",
    bytes: withByte(withByte(IPV6_MLD_HOP_BY_HOP.bytes, ETH + 4, 0), ETH + 5, 1),
    offset: ETH,
    status: FrameStatus.BadIpHeader,
    want: {},
  },
  {
    name: "reports a Hop-by-Hop header cut by the capture as truncated",
    bytes: IPV6_MLD_HOP_BY_HOP.bytes.subarray(0, EXT + 4),
    offset: ETH,
    status: FrameStatus.Truncated,
    want: { ipVersion: 6, ipProtocol: 0, srcAddrOffset: 22, ttl: 1 },
  },
  {
    name: "reports a capture that ends right before an extension header as truncated",
    bytes: IPV6_MLD_HOP_BY_HOP.bytes.subarray(0, EXT),
    offset: ETH,
    status: FrameStatus.Truncated,
    want: { ipProtocol: 0 },
  },
  {
    name: "reports a capture cut inside the Fragment header as truncated",
    bytes: IPV6_MIDDLE_FRAGMENT.bytes.subarray(0, EXT + 6),
    offset: ETH,
    status: FrameStatus.Truncated,
    want: { ipProtocol: 44, fragmented: false },
  },
  {
    name: "reports 39 header bytes as truncated",
    bytes: ETHERNET_UDP6.bytes.subarray(0, ETH + 39),
    offset: ETH,
    status: FrameStatus.Truncated,
    want: { ipVersion: 6, srcAddrOffset: -1 },
  },
];

for (const c of cases) {
  Deno.test(`decodeIpv6() ${c.name}`, () => {
    const out = freshIpFields();
    deepStrictEqual(decodeIpv6(c.bytes, c.offset, out), c.status);
    deepStrictEqual(pick(out, c.want), c.want);
  });
}
