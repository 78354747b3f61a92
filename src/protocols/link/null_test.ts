import { deepStrictEqual } from "node:assert/strict";
import { decodeLoop, decodeNull } from "./null.ts";
import { type LinkFields, LinkNext } from "./_next.ts";
import {
  concat,
  LOOP_UDP4,
  LOOP_UDP6,
  NULL_TCP6_AF30,
  NULL_UDP4,
  NULL_UDP6_AF24,
  NULL_UDP6_AF28,
  pick,
} from "../_fixtures.ts";

function fields(): LinkFields {
  return { etherType: 0, vlanCount: 0, outerVlanId: -1, innerVlanId: -1, ipOffset: 0 };
}
function withFamily(bytes: Uint8Array, family: number[]): Uint8Array {
  return concat(new Uint8Array(family), bytes.subarray(4));
}

type Case = { name: string; bytes: Uint8Array; next: LinkNext; want: Partial<LinkFields> };

const nullCases: Case[] = [
  {
    name: "reads AF_INET (2) written by a little-endian host",
    bytes: NULL_UDP4.bytes,
    next: LinkNext.Ipv4,
    want: { ipOffset: 4, etherType: 0 },
  },
  {
    name: "reads AF_INET written by a big-endian host",
    bytes: withFamily(NULL_UDP4.bytes, [0, 0, 0, 2]),
    next: LinkNext.Ipv4,
    want: { ipOffset: 4 },
  },
  {
    name: "reads NetBSD/OpenBSD AF_INET6 (24)",
    bytes: NULL_UDP6_AF24.bytes,
    next: LinkNext.Ipv6,
    want: { ipOffset: 4 },
  },
  { name: "reads FreeBSD AF_INET6 (28)", bytes: NULL_UDP6_AF28.bytes, next: LinkNext.Ipv6, want: { ipOffset: 4 } },
  { name: "reads macOS AF_INET6 (30)", bytes: NULL_TCP6_AF30.bytes, next: LinkNext.Ipv6, want: { ipOffset: 4 } },
  {
    name: "reads macOS AF_INET6 written big-endian",
    bytes: withFamily(NULL_TCP6_AF30.bytes, [0, 0, 0, 30]),
    next: LinkNext.Ipv6,
    want: {},
  },
  {
    name: "reports AF_ISO (7) as not IP",
    bytes: withFamily(NULL_UDP4.bytes, [7, 0, 0, 0]),
    next: LinkNext.NotIp,
    want: {},
  },
  {
    name: "reports Linux's AF_INET6 (10), which BSD loopback never carries, as not IP",
    bytes: withFamily(NULL_UDP6_AF24.bytes, [10, 0, 0, 0]),
    next: LinkNext.NotIp,
    want: {},
  },
  { name: "reports 3 bytes as truncated", bytes: NULL_UDP4.bytes.subarray(0, 3), next: LinkNext.Truncated, want: {} },
];

const loopCases: Case[] = [
  {
    name: "reads big-endian AF_INET",
    bytes: LOOP_UDP4.bytes,
    next: LinkNext.Ipv4,
    want: { ipOffset: 4, etherType: 0 },
  },
  { name: "reads big-endian AF_INET6 (24)", bytes: LOOP_UDP6.bytes, next: LinkNext.Ipv6, want: { ipOffset: 4 } },
  {
    name: "does not guess the byte order: a little-endian 2 is not AF_INET",
    bytes: withFamily(LOOP_UDP4.bytes, [2, 0, 0, 0]),
    next: LinkNext.NotIp,
    want: {},
  },
  { name: "reports an empty frame as truncated", bytes: new Uint8Array(0), next: LinkNext.Truncated, want: {} },
];

for (const c of nullCases) {
  Deno.test(`decodeNull() ${c.name}`, () => {
    const out = fields();
    deepStrictEqual(decodeNull(c.bytes, out), c.next);
    deepStrictEqual(pick(out, c.want), c.want);
  });
}
for (const c of loopCases) {
  Deno.test(`decodeLoop() ${c.name}`, () => {
    const out = fields();
    deepStrictEqual(decodeLoop(c.bytes, out), c.next);
    deepStrictEqual(pick(out, c.want), c.want);
  });
}
