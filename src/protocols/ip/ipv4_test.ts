import { deepStrictEqual } from "node:assert/strict";
import { decodeIpv4 } from "./ipv4.ts";
import type { IpFields } from "./_fields.ts";
import { FrameStatus } from "../status.ts";
import {
  ETHERNET_UDP4,
  freshIpFields,
  IPV4_FIRST_FRAGMENT,
  IPV4_IGMP_ROUTER_ALERT,
  IPV4_LAST_FRAGMENT,
  IPV4_MIDDLE_FRAGMENT,
  IPV4_NOP_OPTIONS_LAST_FRAGMENT,
  IPV4_RECORD_ROUTE_FIRST_FRAGMENT,
  IPV4_RECORD_ROUTE_UDP,
  pick,
  RAW_UDP4,
  withByte,
} from "../_fixtures.ts";

const ETH = 14; // IPv4 starts after the Ethernet header in every Ethernet fixture here

const cases: { name: string; bytes: Uint8Array; offset: number; status: FrameStatus; want: Partial<IpFields> }[] = [
  {
    name: "reads a UDP datagram behind Ethernet",
    bytes: ETHERNET_UDP4.bytes,
    offset: ETH,
    status: FrameStatus.Ok,
    want: {
      ipVersion: 4,
      ipHeaderLength: 20,
      srcAddrOffset: 26,
      dstAddrOffset: 30,
      ipProtocol: 17,
      ttl: 64,
      fragmented: false,
      payloadOffset: 34,
      payloadLength: 40, // total length 60 - 20
    },
  },
  {
    name: "reads a raw IP datagram at offset 0",
    bytes: RAW_UDP4.bytes,
    offset: 0,
    status: FrameStatus.Ok,
    want: {
      ipHeaderLength: 20,
      srcAddrOffset: 12,
      dstAddrOffset: 16,
      ipProtocol: 17,
      payloadOffset: 20,
      payloadLength: 40,
    },
  },
  {
    name: "skips the Router Alert option of an IGMPv3 report (IHL 6)",
    bytes: IPV4_IGMP_ROUTER_ALERT.bytes,
    offset: ETH,
    status: FrameStatus.Ok,
    want: { ipHeaderLength: 24, ipProtocol: 2, ttl: 1, payloadOffset: 38, payloadLength: 16 }, // total 40 - 24
  },
  {
    name: "skips a Record Route option (IHL 8)",
    bytes: IPV4_RECORD_ROUTE_UDP.bytes,
    offset: ETH,
    status: FrameStatus.Ok,
    want: { ipHeaderLength: 32, ipProtocol: 17, fragmented: false, payloadOffset: 46, payloadLength: 72 }, // 8 + 64
  },
  {
    name: "marks a first fragment (MF, offset 0) fragmented and still points at its payload",
    bytes: IPV4_FIRST_FRAGMENT.bytes,
    offset: ETH,
    status: FrameStatus.Ok,
    want: { fragmented: true, ipProtocol: 17, payloadOffset: 34, payloadLength: 552 }, // total 572 - 20
  },
  {
    name: "reports a middle fragment (MF, offset 552) as a non-first fragment",
    bytes: IPV4_MIDDLE_FRAGMENT.bytes,
    offset: ETH,
    status: FrameStatus.NonFirstFragment,
    want: { fragmented: true, ipProtocol: 17, payloadOffset: 34, payloadLength: 552 },
  },
  {
    name: "reports the last fragment (offset 1104, no MF) as a non-first fragment",
    bytes: IPV4_LAST_FRAGMENT.bytes,
    offset: ETH,
    status: FrameStatus.NonFirstFragment,
    want: { fragmented: true, payloadLength: 304 }, // total 324 - 20
  },
  {
    name: "reads a first fragment that carries options",
    bytes: IPV4_RECORD_ROUTE_FIRST_FRAGMENT.bytes,
    offset: ETH,
    status: FrameStatus.Ok,
    want: { ipHeaderLength: 32, fragmented: true, payloadOffset: 46, payloadLength: 544 }, // total 576 - 32
  },
  {
    name: "skips the No-Operation bytes Linux leaves in place of Record Route in a later fragment",
    bytes: IPV4_NOP_OPTIONS_LAST_FRAGMENT.bytes,
    offset: ETH,
    status: FrameStatus.NonFirstFragment,
    want: { ipHeaderLength: 32, fragmented: true, payloadOffset: 46, payloadLength: 464 }, // total 496 - 32
  },
  {
    name: "takes a Total Length of 0 as the rest of the capture (TSO on the sending host)",
    bytes: withByte(withByte(ETHERNET_UDP4.bytes, ETH + 2, 0), ETH + 3, 0),
    offset: ETH,
    status: FrameStatus.Ok,
    want: { payloadOffset: 34, payloadLength: 40 },
  },
  {
    name: "leaves the declared payload past a cut capture for the caller to clamp",
    bytes: ETHERNET_UDP4.bytes.subarray(0, 40),
    offset: ETH,
    status: FrameStatus.Ok,
    want: { payloadOffset: 34, payloadLength: 40 },
  },
  {
    name: "rejects version 6 where the link said IPv4",
    bytes: withByte(ETHERNET_UDP4.bytes, ETH, 0x65),
    offset: ETH,
    status: FrameStatus.BadIpVersion,
    want: { ipVersion: 0, srcAddrOffset: -1 },
  },
  {
    name: "rejects an IHL of 4",
    bytes: withByte(ETHERNET_UDP4.bytes, ETH, 0x44),
    offset: ETH,
    status: FrameStatus.BadIpHeader,
    want: { ipVersion: 4 },
  },
  {
    name: "rejects a Total Length shorter than the header",
    bytes: withByte(withByte(ETHERNET_UDP4.bytes, ETH + 2, 0), ETH + 3, 19),
    offset: ETH,
    status: FrameStatus.BadIpHeader,
    want: {},
  },
  {
    name: "accepts the longest options (IHL 15) while the Total Length covers them",
    bytes: withByte(IPV4_RECORD_ROUTE_UDP.bytes, ETH, 0x4f), // IHL 15 = 60 bytes; total length 104
    offset: ETH,
    status: FrameStatus.Ok,
    want: { ipHeaderLength: 60, payloadLength: 44 },
  },
  {
    name: "rejects an IHL past a short Total Length",
    bytes: withByte(withByte(withByte(RAW_UDP4.bytes, 0, 0x4f), 2, 0), 3, 40),
    offset: 0,
    status: FrameStatus.BadIpHeader,
    want: { ipHeaderLength: 60 },
  },
  {
    name: "reports 19 header bytes as truncated",
    bytes: ETHERNET_UDP4.bytes.subarray(0, ETH + 19),
    offset: ETH,
    status: FrameStatus.Truncated,
    want: { ipVersion: 4, srcAddrOffset: -1 },
  },
  {
    name: "reports options cut by the capture as truncated but keeps the addresses",
    bytes: IPV4_RECORD_ROUTE_UDP.bytes.subarray(0, ETH + 24),
    offset: ETH,
    status: FrameStatus.Truncated,
    want: { ipVersion: 4, srcAddrOffset: 26, dstAddrOffset: 30, ttl: 64 },
  },
  {
    name: "reports no bytes at the offset as truncated",
    bytes: ETHERNET_UDP4.bytes.subarray(0, ETH),
    offset: ETH,
    status: FrameStatus.Truncated,
    want: { ipVersion: 0 },
  },
];

for (const c of cases) {
  Deno.test(`decodeIpv4() ${c.name}`, () => {
    const out = freshIpFields();
    deepStrictEqual(decodeIpv4(c.bytes, c.offset, out), c.status);
    deepStrictEqual(pick(out, c.want), c.want);
  });
}
