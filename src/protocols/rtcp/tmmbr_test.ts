import { deepStrictEqual } from "node:assert/strict";
import { decodeTmmbn, decodeTmmbr } from "./tmmbr.ts";
import { headerAt, subset, TMMBN, TMMBR } from "./_fixtures.ts";
import { hex } from "../_fixtures.ts";

Deno.test("decodeTmmbr() reads exponent, mantissa, bit rate and overhead", () => {
  deepStrictEqual(subset(decodeTmmbr(TMMBR, headerAt(TMMBR)), { type: 0, senderSsrc: 0, mediaSsrc: 0, entries: 0 }), {
    type: "tmmbr",
    senderSsrc: 0xaabbccdd,
    mediaSsrc: 0,
    entries: [{ ssrc: 0x11223344, exponent: 8, mantissa: 1000, bitrate: 256_000, overhead: 40 }],
  });
});

Deno.test("decodeTmmbn() reads a bounding set of two", () => {
  const got = decodeTmmbn(TMMBN, headerAt(TMMBN));
  deepStrictEqual("entries" in got && got.entries, [
    { ssrc: 0xaabbccdd, exponent: 8, mantissa: 1000, bitrate: 256_000, overhead: 40 },
    { ssrc: 0x01020304, exponent: 3, mantissa: 1953, bitrate: 15_624, overhead: 28 },
  ]);
});

const cases: {
  name: string;
  decode: typeof decodeTmmbr | typeof decodeTmmbn;
  bytes: Uint8Array;
  want: Record<string, unknown>;
}[] = [
  {
    name: "decodeTmmbn() reads an empty bounding set (RFC 5104 §4.2.2.2)",
    decode: decodeTmmbn,
    bytes: hex`84 cd 00 02  00 00 00 01  00 00 00 00`,
    want: { type: "tmmbn", entries: [] },
  },
  {
    name: "decodeTmmbr() fails without an entry",
    decode: decodeTmmbr,
    bytes: hex`83 cd 00 02  00 00 00 01  00 00 00 00`,
    want: { ok: false, reason: "bad-length" },
  },
  {
    name: "decodeTmmbr() fails on half an entry",
    decode: decodeTmmbr,
    bytes: hex`83 cd 00 03  00 00 00 01  00 00 00 00  11 22 33 44`,
    want: { ok: false, reason: "bad-length" },
  },
  {
    name: "decodeTmmbr() reads the largest exponent and mantissa as a double",
    decode: decodeTmmbr,
    bytes: hex`83 cd 00 04  00 00 00 01  00 00 00 00  11 22 33 44  ff ff ff ff`,
    want: {
      entries: [{ ssrc: 0x11223344, exponent: 63, mantissa: 0x1ffff, bitrate: 0x1ffff * 2 ** 63, overhead: 511 }],
    },
  },
];
for (const c of cases) {
  Deno.test(c.name, () => deepStrictEqual(subset(c.decode(c.bytes, headerAt(c.bytes)), c.want), c.want));
}
