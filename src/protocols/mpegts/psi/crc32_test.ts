import { strictEqual } from "node:assert/strict";
import { crc32Mpeg2 } from "./crc32.ts";
import * as F from "../_fixtures.ts";

const cases: { name: string; bytes: Uint8Array; want: number }[] = [
  {
    name: "gives 0xFFFFFFFF for no bytes (the initial value, no final XOR)",
    bytes: new Uint8Array(0),
    want: 0xffffffff,
  },
  {
    name: 'gives the catalogue check value 0x0376E6E7 for "123456789"',
    bytes: new TextEncoder().encode("123456789"),
    want: 0x0376e6e7,
  },
  // demo.pcap frame 1: the PAT's CRC_32 is 2a b1 04 b2, the PMT's 2f 44 b9 9b (tshark: mpeg_sect.crc)
  { name: "reproduces the CRC_32 of demo.pcap's PAT", bytes: F.sectionOf(F.DEMO_PAT, 5, 12), want: 0x2ab104b2 },
  { name: "reproduces the CRC_32 of demo.pcap's PMT", bytes: F.sectionOf(F.DEMO_PMT, 5, 22), want: 0x2f44b99b },
  { name: "gives 0 over a whole section, CRC included", bytes: F.sectionOf(F.DEMO_PAT, 5, 16), want: 0 },
];
for (const c of cases) Deno.test(`crc32Mpeg2() ${c.name}`, () => strictEqual(crc32Mpeg2(c.bytes), c.want));

Deno.test("crc32Mpeg2() clamps a range past the end of the bytes", () => {
  const b = new TextEncoder().encode("123456789");
  strictEqual(crc32Mpeg2(b, -4, 100), 0x0376e6e7);
});
