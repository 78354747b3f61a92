import { deepStrictEqual } from "node:assert/strict";
import { decodeXrReceiverReferenceTimeBlock } from "./xr_receiver_reference_time.ts";
import { subset, XR_ALL_BLOCKS, XR_BLOCK_OFFSETS, xrBlockAt } from "./_fixtures.ts";
import { hex } from "../_fixtures.ts";

const cases: { name: string; bytes: Uint8Array; offset?: number; want: Record<string, unknown> }[] = [
  {
    name: "reads the NTP timestamp (tshark: Nov 27, 2026 04:30:17.614999999 UTC)",
    bytes: XR_ALL_BLOCKS,
    offset: XR_BLOCK_OFFSETS.receiverReferenceTime,
    want: {
      type: "receiver-reference-time",
      offset: 68,
      byteLength: 12,
      ntpSeconds: 4004742617,
      ntpFraction: 2641404887,
      ntpTime: 4004742617 + 2641404887 / 2 ** 32,
    },
  },
  {
    name: "fails on a block length other than 2",
    bytes: hex`04 00 00 03  00 00 00 01  00 00 00 02  00 00 00 03`,
    want: { ok: false, reason: "bad-length", offset: 2 },
  },
];
for (const c of cases) {
  Deno.test(`decodeXrReceiverReferenceTimeBlock() ${c.name}`, () => {
    const got = decodeXrReceiverReferenceTimeBlock(c.bytes, xrBlockAt(c.bytes, c.offset ?? 0));
    deepStrictEqual(subset(got, c.want), c.want);
  });
}
