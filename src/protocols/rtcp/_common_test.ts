import { strictEqual } from "node:assert/strict";
import { be16s, be24s, latin1, utf8 } from "./_common.ts";
import { hex } from "../_fixtures.ts";

const intCases: { name: string; read: (b: Uint8Array, o: number) => number; bytes: Uint8Array; want: number }[] = [
  { name: "be24s() reads 0x7fffff as the largest value", read: be24s, bytes: hex`7f ff ff`, want: 8388607 },
  { name: "be24s() reads 0x800000 as the smallest value", read: be24s, bytes: hex`80 00 00`, want: -8388608 },
  { name: "be24s() reads 0xfffffe as -2", read: be24s, bytes: hex`ff ff fe`, want: -2 },
  { name: "be16s() reads 0xff38 as -200", read: be16s, bytes: hex`ff 38`, want: -200 },
  { name: "be16s() reads 0x7fff as 32767", read: be16s, bytes: hex`7f ff`, want: 32767 },
];
for (const c of intCases) Deno.test(c.name, () => strictEqual(c.read(c.bytes, 0), c.want));

Deno.test("utf8() decodes a slice and replaces invalid sequences", () => {
  strictEqual(utf8(hex`00 52 c3 a9 00`, 1, 4), "Ré");
  strictEqual(utf8(hex`61 ff 62`, 0, 3), "a\uFFFDb");
  strictEqual(utf8(hex`ef bb bf 61`, 0, 4), "\uFEFFa"); // a BOM is kept as text
  strictEqual(utf8(hex`61`, 1, 1), "");
});

Deno.test("latin1() maps each byte to one character", () => {
  strictEqual(latin1(hex`4e 50 49 58`, 0, 4), "NPIX");
  strictEqual(latin1(hex`ff 00`, 0, 2), "\u00ff\u0000");
});
