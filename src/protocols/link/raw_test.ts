import { deepStrictEqual } from "node:assert/strict";
import { decodeRaw } from "./raw.ts";
import { type LinkFields, LinkNext } from "./_next.ts";
import { LinkType } from "./linktype.ts";
import { RAW_TCP6_SYN, RAW_UDP4 } from "../_fixtures.ts";

function fields(): LinkFields {
  return { etherType: 0, vlanCount: 0, outerVlanId: -1, innerVlanId: -1, ipOffset: 7 };
}

const cases: { name: string; bytes: Uint8Array; linkType: number; next: LinkNext }[] = [
  {
    name: "leaves the version to the IP nibble for LINKTYPE_RAW (101)",
    bytes: RAW_UDP4.bytes,
    linkType: 101,
    next: LinkNext.Ip,
  },
  { name: "treats DLT_RAW 12 like LINKTYPE_RAW", bytes: RAW_TCP6_SYN.bytes, linkType: 12, next: LinkNext.Ip },
  { name: "treats OpenBSD's DLT_RAW 14 like LINKTYPE_RAW", bytes: RAW_UDP4.bytes, linkType: 14, next: LinkNext.Ip },
  {
    name: "announces IPv4 for LINKTYPE_IPV4 (228)",
    bytes: RAW_UDP4.bytes,
    linkType: LinkType.Ipv4,
    next: LinkNext.Ipv4,
  },
  {
    name: "announces IPv6 for LINKTYPE_IPV6 (229)",
    bytes: RAW_TCP6_SYN.bytes,
    linkType: LinkType.Ipv6,
    next: LinkNext.Ipv6,
  },
  { name: "reports an empty frame as truncated", bytes: new Uint8Array(0), linkType: 101, next: LinkNext.Truncated },
];

for (const c of cases) {
  Deno.test(`decodeRaw() ${c.name}`, () => {
    const out = fields();
    deepStrictEqual(decodeRaw(c.bytes, c.linkType, out), c.next);
    deepStrictEqual(out.ipOffset, 0);
    deepStrictEqual(out.etherType, 0);
  });
}
