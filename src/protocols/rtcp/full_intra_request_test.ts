import { deepStrictEqual } from "node:assert/strict";
import { decodeFullIntraRequest } from "./full_intra_request.ts";
import { FIR, headerAt, subset } from "./_fixtures.ts";
import { hex } from "../_fixtures.ts";

const cases: { name: string; bytes: Uint8Array; want: Record<string, unknown> }[] = [
  {
    name: "reads each entry's SSRC and sequence number",
    bytes: FIR,
    want: {
      type: "fir",
      senderSsrc: 0xaabbccdd,
      mediaSsrc: 0,
      entries: [{ ssrc: 0x11223344, sequence: 5 }, { ssrc: 0x55667788, sequence: 255 }],
    },
  },
  {
    name: "fails without an entry",
    bytes: hex`84 ce 00 02  00 00 00 01  00 00 00 00`,
    want: { ok: false, reason: "bad-length", offset: 2 },
  },
  {
    name: "fails on half an entry",
    bytes: hex`84 ce 00 03  00 00 00 01  00 00 00 00  11 22 33 44`,
    want: { ok: false, reason: "bad-length", offset: 2 },
  },
];
for (const c of cases) {
  Deno.test(`decodeFullIntraRequest() ${c.name}`, () => {
    deepStrictEqual(subset(decodeFullIntraRequest(c.bytes, headerAt(c.bytes)), c.want), c.want);
  });
}
