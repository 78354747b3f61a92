import { deepStrictEqual } from "node:assert/strict";
import { decodeSll, decodeSll2 } from "./sll.ts";
import { type LinkFields, LinkNext } from "./_next.ts";
import {
  concat,
  pick,
  SLL2_ARP_REQUEST,
  SLL2_LOOPBACK_UDP6,
  SLL2_TCP6_SYN,
  SLL2_UDP4,
  SLL_ARP_REQUEST,
  SLL_LOOPBACK_UDP4,
  SLL_LOOPBACK_UDP6,
  SLL_TCP6_SYN,
  SLL_VLAN_UDP4,
  withByte,
} from "../_fixtures.ts";

function fields(): LinkFields {
  return { etherType: 0, vlanCount: 0, outerVlanId: -1, innerVlanId: -1, ipOffset: 0 };
}

type Case = { name: string; bytes: Uint8Array; next: LinkNext; want: Partial<LinkFields> };

const v1: Case[] = [
  {
    name: "reads the VLAN tag libpcap reinserted at the protocol field (VID 10, then IPv4)",
    bytes: SLL_VLAN_UDP4.bytes,
    next: LinkNext.Ipv4,
    want: { etherType: 0x0800, vlanCount: 1, outerVlanId: 10, ipOffset: 20 },
  },
  {
    name: "reads IPv6 behind a reinserted VLAN tag",
    bytes: SLL_TCP6_SYN.bytes,
    next: LinkNext.Ipv6,
    want: { etherType: 0x86dd, vlanCount: 1, outerVlanId: 10, ipOffset: 20 },
  },
  {
    name: "finds IPv4 on the loopback device (ARPHRD_LOOPBACK)",
    bytes: SLL_LOOPBACK_UDP4.bytes,
    next: LinkNext.Ipv4,
    want: { etherType: 0x0800, vlanCount: 0, outerVlanId: -1, ipOffset: 16 },
  },
  {
    name: "finds IPv6 on the loopback device",
    bytes: SLL_LOOPBACK_UDP6.bytes,
    next: LinkNext.Ipv6,
    want: { etherType: 0x86dd, ipOffset: 16 },
  },
  {
    name: "reports ARP as not IP",
    bytes: SLL_ARP_REQUEST.bytes,
    next: LinkNext.NotIp,
    want: { etherType: 0x0806, vlanCount: 1, outerVlanId: 10, ipOffset: 20 },
  },
  {
    name: "reports a netlink device's packet (ARPHRD_NETLINK 824) as not IP even with protocol 0x0800",
    bytes: withByte(withByte(SLL_LOOPBACK_UDP4.bytes, 2, 0x03), 3, 0x38),
    next: LinkNext.NotIp,
    want: { etherType: 0x0800, ipOffset: 16 },
  },
  {
    name: "reports 15 bytes as truncated",
    bytes: SLL_LOOPBACK_UDP4.bytes.subarray(0, 15),
    next: LinkNext.Truncated,
    want: {},
  },
  {
    name: "reports a header cut inside the reinserted tag as truncated",
    bytes: SLL_VLAN_UDP4.bytes.subarray(0, 18),
    next: LinkNext.Truncated,
    want: { etherType: 0x8100 },
  },
];

const v2: Case[] = [
  {
    name: "finds IPv4 after the 20-byte header (libpcap reinserts no VLAN tag in v2)",
    bytes: SLL2_UDP4.bytes,
    next: LinkNext.Ipv4,
    want: { etherType: 0x0800, vlanCount: 0, ipOffset: 20 },
  },
  {
    name: "finds IPv6 after the header",
    bytes: SLL2_TCP6_SYN.bytes,
    next: LinkNext.Ipv6,
    want: { etherType: 0x86dd, ipOffset: 20 },
  },
  {
    name: "finds IPv6 on the loopback device",
    bytes: SLL2_LOOPBACK_UDP6.bytes,
    next: LinkNext.Ipv6,
    want: { etherType: 0x86dd, ipOffset: 20 },
  },
  { name: "reports ARP as not IP", bytes: SLL2_ARP_REQUEST.bytes, next: LinkNext.NotIp, want: { etherType: 0x0806 } },
  {
    name: "walks a VLAN tag left in the payload (protocol 0x8100, then TCI and EtherType)",
    bytes: concat(
      new Uint8Array([0x81, 0x00]),
      SLL2_UDP4.bytes.subarray(2, 20),
      new Uint8Array([0x00, 0x0a, 0x08, 0x00]),
      SLL2_UDP4.bytes.subarray(20),
    ),
    next: LinkNext.Ipv4,
    want: { etherType: 0x0800, vlanCount: 1, outerVlanId: 10, ipOffset: 24 },
  },
  {
    name: "reports a netlink device's packet as not IP",
    bytes: withByte(withByte(SLL2_UDP4.bytes, 8, 0x03), 9, 0x38),
    next: LinkNext.NotIp,
    want: { ipOffset: 20 },
  },
  { name: "reports 19 bytes as truncated", bytes: SLL2_UDP4.bytes.subarray(0, 19), next: LinkNext.Truncated, want: {} },
];

for (const c of v1) {
  Deno.test(`decodeSll() ${c.name}`, () => {
    const out = fields();
    deepStrictEqual(decodeSll(c.bytes, out), c.next);
    deepStrictEqual(pick(out, c.want), c.want);
  });
}
for (const c of v2) {
  Deno.test(`decodeSll2() ${c.name}`, () => {
    const out = fields();
    deepStrictEqual(decodeSll2(c.bytes, out), c.next);
    deepStrictEqual(pick(out, c.want), c.want);
  });
}
