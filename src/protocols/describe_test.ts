import { strictEqual } from "node:assert/strict";
import { describeFrame, FrameDecoder } from "./frame.ts";
import * as F from "./_fixtures.ts";
import { type Fixture, withByte } from "./_fixtures.ts";

const cases: { name: string; fixture: Fixture; bytes?: Uint8Array; linkType?: number; want: string }[] = [
  { name: "summarises UDP over IPv4 over Ethernet", fixture: F.ETHERNET_UDP4, want: "Ethernet · IPv4 ttl 64 · UDP" },
  { name: "names the flags of a TCP SYN", fixture: F.ETHERNET_TCP4_SYN, want: "Ethernet · IPv4 ttl 64 · TCP [SYN]" },
  { name: "names PSH and ACK", fixture: F.ETHERNET_TCP6_DATA, want: "Ethernet · IPv6 hlim 64 · TCP [PSH, ACK]" },
  { name: "shows the VLAN ID", fixture: F.VLAN_UDP4, want: "Ethernet · VLAN 10 · IPv4 ttl 64 · UDP" },
  {
    name: "shows both QinQ IDs, outer first",
    fixture: F.QINQ_UDP4,
    want: "Ethernet · VLAN 100/20 · IPv4 ttl 64 · UDP",
  },
  { name: "names ARP as not IP", fixture: F.ETHERNET_ARP_REQUEST, want: "Ethernet · not IP (ARP 0x0806)" },
  { name: "names ICMP", fixture: F.ETHERNET_ICMP4_PORT_UNREACHABLE, want: "Ethernet · IPv4 ttl 64 · ICMP" },
  {
    name: "lists the IPv6 extension headers walked",
    fixture: F.IPV6_HOP_BY_HOP_DEST_OPTS_FIRST_FRAGMENT,
    want: "Ethernet · IPv6 hlim 64 · hop-by-hop, dest-opts, fragment · UDP (first fragment)",
  },
  {
    name: "shows MLD behind hop-by-hop",
    fixture: F.IPV6_MLD_HOP_BY_HOP,
    want: "Ethernet · IPv6 hlim 1 · hop-by-hop · ICMPv6",
  },
  {
    name: "names a non-first fragment",
    fixture: F.IPV4_LAST_FRAGMENT,
    want: "Ethernet · IPv4 ttl 64 · fragment of UDP",
  },
  { name: "shows IPv4 options", fixture: F.IPV4_IGMP_ROUTER_ALERT, want: "Ethernet · IPv4 ttl 1 · options 4 B · IGMP" },
  { name: "names ESP", fixture: F.IPV6_ESP, want: "Ethernet · IPv6 hlim 64 · ESP" },
  { name: "names Linux SLL2", fixture: F.SLL2_LOOPBACK_UDP6, want: "Linux SLL2 · IPv6 hlim 64 · UDP" },
  { name: "names BSD loopback", fixture: F.NULL_UDP4, want: "BSD loopback · IPv4 ttl 64 · UDP" },
  {
    name: "shows the address family of a BSD loopback frame that is not IP",
    fixture: F.NULL_UDP4,
    bytes: withByte(F.NULL_UDP4.bytes, 0, 7),
    want: "BSD loopback · not IP (AF 7)",
  },
  {
    name: "flags a frame cut by the snap length",
    fixture: F.SNAPLEN80_UDP4,
    want: "Ethernet · IPv4 ttl 64 · UDP · truncated",
  },
  {
    name: "flags a TCP header cut inside its options",
    fixture: F.SNAPLEN80_TCP6_SYN,
    want: "Ethernet · IPv6 hlim 64 · TCP [SYN] · truncated",
  },
  {
    name: "names a bad IP header",
    fixture: F.ETHERNET_UDP4,
    bytes: withByte(F.ETHERNET_UDP4.bytes, 14, 0x43),
    want: "Ethernet · IPv4 ttl 64 · UDP · bad-ip-header",
  },
  {
    name: "says when the link type is unknown",
    fixture: F.ETHERNET_UDP4,
    linkType: 148,
    want: "link type 148 · unsupported link type",
  },
];

for (const c of cases) {
  Deno.test(`describeFrame() ${c.name}`, () => {
    const bytes = c.bytes ?? c.fixture.bytes;
    const d = new FrameDecoder();
    d.decode(bytes, c.linkType ?? c.fixture.linkType, c.fixture.originalLength);
    strictEqual(describeFrame(d, bytes), c.want);
  });
}
