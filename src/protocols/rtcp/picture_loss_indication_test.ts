import { deepStrictEqual } from "node:assert/strict";
import { decodePictureLossIndication } from "./picture_loss_indication.ts";
import { headerAt, PLI, subset } from "./_fixtures.ts";
import { hex } from "../_fixtures.ts";

const cases: { name: string; bytes: Uint8Array; want: Record<string, unknown> }[] = [
  {
    name: "reads the two SSRCs",
    bytes: PLI,
    want: { type: "pli", offset: 0, byteLength: 12, padding: 0, senderSsrc: 0xaabbccdd, mediaSsrc: 0x11223344 },
  },
  {
    name: "fails on an FCI (RFC 4585 §6.3.1: the length field MUST be 2)",
    bytes: hex`81 ce 00 03  00 00 00 01  00 00 00 02  00 00 00 00`,
    want: { ok: false, reason: "bad-length", offset: 2 },
  },
  {
    name: "fails without the media SSRC",
    bytes: hex`81 ce 00 01  00 00 00 01`,
    want: { ok: false, reason: "bad-length", offset: 2 },
  },
];
for (const c of cases) {
  Deno.test(`decodePictureLossIndication() ${c.name}`, () => {
    deepStrictEqual(subset(decodePictureLossIndication(c.bytes, headerAt(c.bytes)), c.want), c.want);
  });
}
