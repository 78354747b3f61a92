import { deepStrictEqual } from "node:assert/strict";
import { decodeRapidResyncRequest } from "./rapid_resync_request.ts";
import { headerAt, RAPID_RESYNC_REQUEST, subset } from "./_fixtures.ts";
import { hex } from "../_fixtures.ts";

const cases: { name: string; bytes: Uint8Array; want: Record<string, unknown> }[] = [
  {
    name: "reads the two SSRCs",
    bytes: RAPID_RESYNC_REQUEST,
    want: { type: "rrr", offset: 0, byteLength: 12, padding: 0, senderSsrc: 0xaabbccdd, mediaSsrc: 0x11223344 },
  },
  {
    name: "fails on an FCI, which RRR does not have",
    bytes: hex`85 cd 00 03  00 00 00 01  00 00 00 02  00 00 00 00`,
    want: { ok: false, reason: "bad-length", offset: 2 },
  },
  {
    name: "accepts padding after the SSRCs",
    bytes: hex`a5 cd 00 03  00 00 00 01  00 00 00 02  00 00 00 04`,
    want: { type: "rrr", padding: 4 },
  },
];
for (const c of cases) {
  Deno.test(`decodeRapidResyncRequest() ${c.name}`, () => {
    deepStrictEqual(subset(decodeRapidResyncRequest(c.bytes, headerAt(c.bytes)), c.want), c.want);
  });
}
