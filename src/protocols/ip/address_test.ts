import { strictEqual } from "node:assert/strict";
import { formatAddress } from "./address.ts";
import { ETHERNET_UDP4, ETHERNET_UDP6, hex, IPV6_MLD_HOP_BY_HOP, SLL2_LOOPBACK_UDP6 } from "../_fixtures.ts";

const cases: { name: string; bytes: Uint8Array; offset: number; version: 4 | 6; want: string }[] = [
  {
    name: "writes an IPv4 source as a dotted quad",
    bytes: ETHERNET_UDP4.bytes,
    offset: 26,
    version: 4,
    want: "198.51.100.1",
  },
  { name: "writes an IPv4 destination", bytes: ETHERNET_UDP4.bytes, offset: 30, version: 4, want: "198.51.100.2" },
  {
    name: "shortens the zero run of 2001:db8:1::1",
    bytes: ETHERNET_UDP6.bytes,
    offset: 22,
    version: 6,
    want: "2001:db8:1::1",
  },
  {
    name: "writes the unspecified address as ::",
    bytes: IPV6_MLD_HOP_BY_HOP.bytes,
    offset: 22,
    version: 6,
    want: "::",
  },
  { name: "writes ff02::16", bytes: IPV6_MLD_HOP_BY_HOP.bytes, offset: 38, version: 6, want: "ff02::16" },
  { name: "writes the loopback address as ::1", bytes: SLL2_LOOPBACK_UDP6.bytes, offset: 28, version: 6, want: "::1" },
  {
    name: "drops leading zeros and uses lower case (RFC 5952 §4.1, §4.3)",
    bytes: hex`fe80 0000 0000 0000 A043 73FF FE00 B5E6`,
    offset: 0,
    version: 6,
    want: "fe80::a043:73ff:fe00:b5e6",
  },
  {
    name: "keeps a single zero group (RFC 5952 §4.2.2)",
    bytes: hex`2001 0db8 0000 0001 0001 0001 0001 0001`,
    offset: 0,
    version: 6,
    want: "2001:db8:0:1:1:1:1:1",
  },
  {
    name: "shortens the longest run, not the first (RFC 5952 §4.2.3)",
    bytes: hex`2001 0000 0000 0001 0000 0000 0000 0001`,
    offset: 0,
    version: 6,
    want: "2001:0:0:1::1",
  },
  {
    name: "shortens the first of two equal runs (RFC 5952 §4.2.3)",
    bytes: hex`2001 0db8 0000 0000 0001 0000 0000 0001`,
    offset: 0,
    version: 6,
    want: "2001:db8::1:0:0:1",
  },
  {
    name: "shortens a trailing run",
    bytes: hex`2001 0db8 0000 0000 0000 0000 0000 0000`,
    offset: 0,
    version: 6,
    want: "2001:db8::",
  },
  {
    name: "writes no :: without a zero run",
    bytes: hex`1111 2222 3333 4444 5555 6666 7777 8888`,
    offset: 0,
    version: 6,
    want: "1111:2222:3333:4444:5555:6666:7777:8888",
  },
  {
    name: "writes an IPv4-mapped address in mixed notation (RFC 5952 §5)",
    bytes: hex`0000 0000 0000 0000 0000 ffff c000 0201`,
    offset: 0,
    version: 6,
    want: "::ffff:192.0.2.1",
  },
  {
    name: "returns an empty string when the address passes the end",
    bytes: ETHERNET_UDP6.bytes.subarray(0, 40),
    offset: 38,
    version: 6,
    want: "",
  },
  {
    name: "returns an empty string for offset -1 (no address)",
    bytes: ETHERNET_UDP4.bytes,
    offset: -1,
    version: 4,
    want: "",
  },
];

for (const c of cases) {
  Deno.test(`formatAddress() ${c.name}`, () => strictEqual(formatAddress(c.bytes, c.offset, c.version), c.want));
}
