import { deepStrictEqual } from "node:assert/strict";
import { decodeExtendedReport, decodeXrBlock } from "./extended_report.ts";
import { headerAt, subset, XR_ALL_BLOCKS, XR_BLOCK_OFFSETS, xrBlockAt } from "./_fixtures.ts";
import { hex } from "../_fixtures.ts";

Deno.test("decodeExtendedReport() decodes every block of the hand-built XR in order", () => {
  const xr = decodeExtendedReport(XR_ALL_BLOCKS, headerAt(XR_ALL_BLOCKS));
  deepStrictEqual(subset(xr, { type: 0, offset: 0, byteLength: 0, padding: 0, ssrc: 0 }), {
    type: "xr",
    offset: 0,
    byteLength: 192,
    padding: 0,
    ssrc: 0xaabbccdd,
  });
  deepStrictEqual("blocks" in xr && xr.blocks.map((b) => [b.type, b.offset]), [
    ["loss-rle", XR_BLOCK_OFFSETS.lossRle],
    ["duplicate-rle", XR_BLOCK_OFFSETS.duplicateRle],
    ["packet-receipt-times", XR_BLOCK_OFFSETS.packetReceiptTimes],
    ["receiver-reference-time", XR_BLOCK_OFFSETS.receiverReferenceTime],
    ["dlrr", XR_BLOCK_OFFSETS.dlrr],
    ["statistics-summary", XR_BLOCK_OFFSETS.statisticsSummary],
    ["voip-metrics", XR_BLOCK_OFFSETS.voipMetrics],
    ["unknown", XR_BLOCK_OFFSETS.unknown],
  ]);
});

const cases: { name: string; bytes: Uint8Array; want: Record<string, unknown> }[] = [
  {
    name: "reads an XR with no blocks",
    bytes: hex`80 cf 00 01  aa bb cc dd`,
    want: { type: "xr", ssrc: 0xaabbccdd, blocks: [] },
  },
  {
    name: "fails without the SSRC",
    bytes: hex`80 cf 00 00`,
    want: { ok: false, reason: "bad-length", offset: 2 },
  },
  {
    name: "fails on a block longer than the packet",
    bytes: hex`80 cf 00 02  aa bb cc dd  04 00 00 02`,
    want: { ok: false, reason: "bad-length", offset: 10 },
  },
  {
    name: "fails on a block header cut by odd padding",
    bytes: hex`a0 cf 00 02  aa bb cc dd  04 00 00 02`,
    want: { ok: false, reason: "truncated", offset: 8 },
  },
  {
    name: "fails on a known block whose length does not fit its type, after the blocks before it",
    bytes: hex`80 cf 00 04  aa bb cc dd  05 00 00 00  04 00 00 01  00 00 00 01`,
    want: { ok: false, reason: "bad-length", offset: 14 },
  },
];
for (const c of cases) {
  Deno.test(`decodeExtendedReport() ${c.name}`, () => {
    deepStrictEqual(subset(decodeExtendedReport(c.bytes, headerAt(c.bytes)), c.want), c.want);
  });
}

Deno.test("decodeXrBlock() keeps an unknown block type with its type-specific byte and data", () => {
  deepStrictEqual(decodeXrBlock(XR_ALL_BLOCKS, xrBlockAt(XR_ALL_BLOCKS, XR_BLOCK_OFFSETS.unknown)), {
    type: "unknown",
    offset: 184,
    byteLength: 8,
    blockType: 42,
    typeSpecific: 5,
    data: hex`ca fe f0 0d`,
  });
});

Deno.test("decodeXrBlock() keeps an empty unknown block", () => {
  const block = hex`ff 00 00 00`;
  deepStrictEqual(subset(decodeXrBlock(block, xrBlockAt(block, 0)), { type: 0, data: 0 }), {
    type: "unknown",
    data: new Uint8Array(0),
  });
});
