import { deepStrictEqual } from "node:assert/strict";
import { decodeXrDlrrBlock } from "./xr_dlrr.ts";
import { subset, XR_ALL_BLOCKS, XR_BLOCK_OFFSETS, xrBlockAt } from "./_fixtures.ts";
import { hex } from "../_fixtures.ts";

const cases: { name: string; bytes: Uint8Array; offset?: number; want: Record<string, unknown> }[] = [
  {
    name: "reads two sub-blocks",
    bytes: XR_ALL_BLOCKS,
    offset: XR_BLOCK_OFFSETS.dlrr,
    want: {
      type: "dlrr",
      offset: 80,
      byteLength: 28,
      subBlocks: [
        { ssrc: 0x11223344, lastRr: 0x85d99d70, delaySinceLastRr: 0x8000 },
        { ssrc: 0x55667788, lastRr: 0, delaySinceLastRr: 0 },
      ],
    },
  },
  {
    name: "reads a block without sub-blocks",
    bytes: hex`05 00 00 00`,
    want: { subBlocks: [] },
  },
  {
    name: "fails on a block length that is not a multiple of 3",
    bytes: hex`05 00 00 02  00 00 00 01  00 00 00 02`,
    want: { ok: false, reason: "bad-length", offset: 2 },
  },
];
for (const c of cases) {
  Deno.test(`decodeXrDlrrBlock() ${c.name}`, () => {
    deepStrictEqual(subset(decodeXrDlrrBlock(c.bytes, xrBlockAt(c.bytes, c.offset ?? 0)), c.want), c.want);
  });
}
