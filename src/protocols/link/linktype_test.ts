import { strictEqual } from "node:assert/strict";
import { LinkType, linkTypeName } from "./linktype.ts";

const cases: { name: string; linkType: number; want: string }[] = [
  { name: "names Ethernet", linkType: LinkType.Ethernet, want: "Ethernet" },
  { name: "names Linux cooked v1", linkType: 113, want: "Linux SLL" },
  { name: "names Linux cooked v2", linkType: 276, want: "Linux SLL2" },
  { name: "names LINKTYPE_RAW", linkType: 101, want: "Raw IP" },
  { name: "names DLT_RAW 12 as raw IP", linkType: 12, want: "Raw IP" },
  { name: "names DLT_RAW 14 as raw IP", linkType: 14, want: "Raw IP" },
  { name: "names LINKTYPE_IPV4", linkType: 228, want: "Raw IPv4" },
  { name: "names LINKTYPE_IPV6", linkType: 229, want: "Raw IPv6" },
  { name: "names BSD loopback", linkType: 0, want: "BSD loopback" },
  { name: "names OpenBSD loopback", linkType: 108, want: "OpenBSD loopback" },
  { name: "names LINKTYPE_USER0 as netpix's event-log records", linkType: 147, want: "netpix event log" },
  { name: "gives the number of a link type it does not know", linkType: 127, want: "link type 127" },
];

for (const c of cases) Deno.test(`linkTypeName() ${c.name}`, () => strictEqual(linkTypeName(c.linkType), c.want));
