import { deepStrictEqual } from "node:assert/strict";
import { decodeApplicationDefined } from "./application_defined.ts";
import { APP_AND_PADDED_RR, headerAt, subset } from "./_fixtures.ts";
import { hex } from "../_fixtures.ts";

const cases: { name: string; bytes: Uint8Array; want: Record<string, unknown> }[] = [
  {
    name: "reads subtype, SSRC, name and data of the hand-built APP",
    bytes: APP_AND_PADDED_RR,
    want: {
      type: "app",
      offset: 0,
      byteLength: 20,
      padding: 0,
      subtype: 3,
      ssrc: 0xaabbccdd,
      name: "NPIX",
      data: hex`00 01 02 03 04 05 06 07`,
    },
  },
  {
    name: "reads an APP without data",
    bytes: hex`80 cc 00 02  00 00 00 01  41 42 43 44`,
    want: { subtype: 0, name: "ABCD", data: new Uint8Array(0) },
  },
  {
    name: "maps a name byte above 0x7f to one character instead of failing",
    bytes: hex`80 cc 00 02  00 00 00 01  41 ff 00 44`,
    want: { name: "A\u00ff\u0000D" },
  },
  {
    name: "fails without the name",
    bytes: hex`80 cc 00 01  00 00 00 01`,
    want: { ok: false, reason: "bad-length", offset: 2 },
  },
];
for (const c of cases) {
  Deno.test(`decodeApplicationDefined() ${c.name}`, () => {
    deepStrictEqual(subset(decodeApplicationDefined(c.bytes, headerAt(c.bytes)), c.want), c.want);
  });
}
