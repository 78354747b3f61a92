import { deepStrictEqual } from "node:assert/strict";
import { decodeGoodbye } from "./goodbye.ts";
import { headerAt, INVALID_UTF8, RR_SDES_BYE, subset } from "./_fixtures.ts";
import { hex } from "../_fixtures.ts";

const cases: { name: string; bytes: Uint8Array; offset?: number; want: Record<string, unknown> }[] = [
  {
    name: "reads the hand-built BYE with its reason",
    bytes: RR_SDES_BYE,
    offset: 172,
    want: { type: "bye", offset: 172, byteLength: 16, padding: 0, ssrcs: [0xaabbccdd], reason: "leaving" },
  },
  {
    name: "replaces an incomplete UTF-8 sequence in the reason with U+FFFD",
    bytes: INVALID_UTF8,
    offset: 20,
    want: { ssrcs: [0xaabbccdd], reason: "\uFFFD" },
  },
  {
    name: "reads a BYE without a reason as null",
    bytes: hex`82 cb 00 02  11 22 33 44  55 66 77 88`,
    want: { ssrcs: [0x11223344, 0x55667788], reason: null },
  },
  {
    name: "reads a zero-length reason as an empty string",
    bytes: hex`81 cb 00 02  11 22 33 44  00 00 00 00`,
    want: { reason: "" },
  },
  {
    name: "reads a BYE with SC 0",
    bytes: hex`80 cb 00 00`,
    want: { ssrcs: [], reason: null },
  },
  {
    name: "fails when SC sources do not fit",
    bytes: hex`83 cb 00 02  11 22 33 44  55 66 77 88`,
    want: { ok: false, reason: "bad-length", offset: 2 },
  },
  {
    name: "fails when the reason is longer than the packet",
    bytes: hex`81 cb 00 02  11 22 33 44  04 61 62 63`,
    want: { ok: false, reason: "truncated", offset: 8 },
  },
  {
    name: "fails on 4 or more bytes after the reason",
    bytes: hex`81 cb 00 03  11 22 33 44  01 61 00 00  00 00 00 00`,
    want: { ok: false, reason: "bad-length", offset: 10 },
  },
];
for (const c of cases) {
  Deno.test(`decodeGoodbye() ${c.name}`, () => {
    deepStrictEqual(subset(decodeGoodbye(c.bytes, headerAt(c.bytes, c.offset ?? 0)), c.want), c.want);
  });
}
