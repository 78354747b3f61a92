import { deepStrictEqual } from "node:assert/strict";
import { decodeSliceLossIndication } from "./slice_loss_indication.ts";
import { headerAt, SLI, subset } from "./_fixtures.ts";
import { hex } from "../_fixtures.ts";

const cases: { name: string; bytes: Uint8Array; want: Record<string, unknown> }[] = [
  {
    name: "splits each entry into 13, 13 and 6 bits",
    bytes: SLI,
    want: {
      type: "sli",
      senderSsrc: 0xaabbccdd,
      mediaSsrc: 0x11223344,
      entries: [{ first: 1, number: 2, pictureId: 3 }, { first: 8191, number: 8191, pictureId: 63 }],
    },
  },
  {
    name: "fails without an entry",
    bytes: hex`82 ce 00 02  00 00 00 01  00 00 00 02`,
    want: { ok: false, reason: "bad-length", offset: 2 },
  },
];
for (const c of cases) {
  Deno.test(`decodeSliceLossIndication() ${c.name}`, () => {
    deepStrictEqual(subset(decodeSliceLossIndication(c.bytes, headerAt(c.bytes)), c.want), c.want);
  });
}
