import { deepStrictEqual } from "node:assert/strict";
import { decodeEthernet } from "./ethernet.ts";
import { type LinkFields, LinkNext } from "./_next.ts";
import {
  concat,
  ETHERNET_ARP_REQUEST,
  ETHERNET_UDP4,
  ETHERNET_UDP6,
  pick,
  QINQ_UDP4,
  QINQ_UDP6,
  STACKED_VLAN_UDP4,
  VLAN_ARP_REQUEST,
  VLAN_TCP6_SYN,
  VLAN_UDP4,
  withByte,
} from "../_fixtures.ts";

function fields(): LinkFields {
  return { etherType: 0, vlanCount: 0, outerVlanId: -1, innerVlanId: -1, ipOffset: 0 };
}

const cases: { name: string; bytes: Uint8Array; next: LinkNext; want: Partial<LinkFields> }[] = [
  {
    name: "finds IPv4 after an untagged header",
    bytes: ETHERNET_UDP4.bytes,
    next: LinkNext.Ipv4,
    want: { etherType: 0x0800, vlanCount: 0, outerVlanId: -1, innerVlanId: -1, ipOffset: 14 },
  },
  {
    name: "finds IPv6 after an untagged header",
    bytes: ETHERNET_UDP6.bytes,
    next: LinkNext.Ipv6,
    want: { etherType: 0x86dd, vlanCount: 0, ipOffset: 14 },
  },
  {
    name: "reports ARP as not IP and keeps its EtherType",
    bytes: ETHERNET_ARP_REQUEST.bytes,
    next: LinkNext.NotIp,
    want: { etherType: 0x0806, ipOffset: 14 },
  },
  {
    name: "reads the 802.1Q tag (VID 10) that libpcap reinserted",
    bytes: VLAN_UDP4.bytes,
    next: LinkNext.Ipv4,
    want: { etherType: 0x0800, vlanCount: 1, outerVlanId: 10, innerVlanId: -1, ipOffset: 18 },
  },
  {
    name: "reads an IPv6 TCP SYN behind an 802.1Q tag",
    bytes: VLAN_TCP6_SYN.bytes,
    next: LinkNext.Ipv6,
    want: { etherType: 0x86dd, vlanCount: 1, outerVlanId: 10, ipOffset: 18 },
  },
  {
    name: "reads ARP behind an 802.1Q tag as not IP",
    bytes: VLAN_ARP_REQUEST.bytes,
    next: LinkNext.NotIp,
    want: { etherType: 0x0806, vlanCount: 1, outerVlanId: 10 },
  },
  {
    name: "reads an 802.1ad S-tag (0x88a8, VID 100) over an 802.1Q C-tag (VID 20)",
    bytes: QINQ_UDP4.bytes,
    next: LinkNext.Ipv4,
    want: { etherType: 0x0800, vlanCount: 2, outerVlanId: 100, innerVlanId: 20, ipOffset: 22 },
  },
  {
    name: "reads QinQ-tagged IPv6",
    bytes: QINQ_UDP6.bytes,
    next: LinkNext.Ipv6,
    want: { etherType: 0x86dd, vlanCount: 2, outerVlanId: 100, innerVlanId: 20, ipOffset: 22 },
  },
  {
    name: "reads two stacked 802.1Q tags (VID 30 over 20)",
    bytes: STACKED_VLAN_UDP4.bytes,
    next: LinkNext.Ipv4,
    want: { etherType: 0x0800, vlanCount: 2, outerVlanId: 30, innerVlanId: 20, ipOffset: 22 },
  },
  {
    name: "counts a third tag but keeps the first two IDs",
    bytes: concat(
      QINQ_UDP4.bytes.subarray(0, 12),
      new Uint8Array([0x91, 0x00, 0x00, 0x05]),
      QINQ_UDP4.bytes.subarray(12),
    ),
    next: LinkNext.Ipv4,
    want: { vlanCount: 3, outerVlanId: 5, innerVlanId: 100, ipOffset: 26 },
  },
  {
    name: "reports an IEEE 802.3 length field (0x0026, LLC follows) as not IP",
    bytes: withByte(withByte(ETHERNET_ARP_REQUEST.bytes, 12, 0x00), 13, 0x26),
    next: LinkNext.NotIp,
    want: { etherType: 0x0026, ipOffset: 14 },
  },
  {
    name: "reports 13 bytes as truncated",
    bytes: ETHERNET_UDP4.bytes.subarray(0, 13),
    next: LinkNext.Truncated,
    want: {},
  },
  { name: "reports an empty frame as truncated", bytes: new Uint8Array(0), next: LinkNext.Truncated, want: {} },
  {
    name: "reports a frame cut inside its VLAN tag as truncated",
    bytes: VLAN_UDP4.bytes.subarray(0, 16),
    next: LinkNext.Truncated,
    want: { etherType: 0x8100, vlanCount: 0 },
  },
  {
    name: "reports a frame cut inside its inner tag as truncated after counting the outer one",
    bytes: QINQ_UDP4.bytes.subarray(0, 20),
    next: LinkNext.Truncated,
    want: { etherType: 0x8100, vlanCount: 1, outerVlanId: 100 },
  },
];

for (const c of cases) {
  Deno.test(`decodeEthernet() ${c.name}`, () => {
    const out = fields();
    deepStrictEqual(decodeEthernet(c.bytes, out), c.next);
    deepStrictEqual(pick(out, c.want), c.want);
  });
}
