import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { decodeRemb, isRemb } from "./remb.ts";
import { headerAt, REMB, subset } from "./_fixtures.ts";
import { hex } from "../_fixtures.ts";

const cases: { name: string; bytes: Uint8Array; want: Record<string, unknown> }[] = [
  {
    name: "reads the bit rate and the SSRC list",
    bytes: REMB,
    want: {
      type: "remb",
      senderSsrc: 0xaabbccdd,
      mediaSsrc: 0,
      exponent: 2,
      mantissa: 250_000,
      bitrate: 1_000_000,
      ssrcs: [0x11223344, 0x55667788],
    },
  },
  {
    name: "reads a REMB for no source",
    bytes: hex`8f ce 00 04  00 00 00 01  00 00 00 00  52 45 4d 42  00 00 00 01`,
    want: { bitrate: 1, ssrcs: [] },
  },
  {
    name: "reads the largest exponent and mantissa without overflowing",
    bytes: hex`8f ce 00 04  00 00 00 01  00 00 00 00  52 45 4d 42  00 ff ff ff`,
    want: { exponent: 63, mantissa: 0x3ffff, bitrate: 0x3ffff * 2 ** 63 },
  },
  {
    name: "fails when Num SSRC is larger than the list",
    bytes: hex`8f ce 00 05  00 00 00 01  00 00 00 00  52 45 4d 42  02 00 00 01  11 22 33 44`,
    want: { ok: false, reason: "bad-length", offset: 16 },
  },
  {
    name: "fails when sources follow the list",
    bytes: hex`8f ce 00 05  00 00 00 01  00 00 00 00  52 45 4d 42  00 00 00 01  11 22 33 44`,
    want: { ok: false, reason: "bad-length", offset: 16 },
  },
  {
    name: "fails without the identifier",
    bytes: hex`8f ce 00 04  00 00 00 01  00 00 00 00  52 45 4d 43  00 00 00 01`,
    want: { ok: false, reason: "bad-value", offset: 12 },
  },
  {
    name: "fails on an FCI shorter than 8 bytes",
    bytes: hex`8f ce 00 03  00 00 00 01  00 00 00 00  52 45 4d 42`,
    want: { ok: false, reason: "bad-length", offset: 2 },
  },
];
for (const c of cases) {
  Deno.test(`decodeRemb() ${c.name}`, () => {
    deepStrictEqual(subset(decodeRemb(c.bytes, headerAt(c.bytes)), c.want), c.want);
  });
}

Deno.test("isRemb() looks only at the identifier", () => {
  strictEqual(isRemb(REMB, headerAt(REMB)), true);
  const other = hex`8f ce 00 03  00 00 00 01  00 00 00 00  41 42 43 44`;
  strictEqual(isRemb(other, headerAt(other)), false);
  const empty = hex`8f ce 00 02  00 00 00 01  00 00 00 00`;
  strictEqual(isRemb(empty, headerAt(empty)), false);
});
