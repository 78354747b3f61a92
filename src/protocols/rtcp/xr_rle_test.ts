import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { decodeXrRleBlock, reportedCount } from "./xr_rle.ts";
import { subset, XR_ALL_BLOCKS, XR_BLOCK_OFFSETS, xrBlockAt } from "./_fixtures.ts";
import { hex } from "../_fixtures.ts";

const cases: { name: string; bytes: Uint8Array; offset?: number; want: Record<string, unknown> }[] = [
  {
    name: "counts a run and the used bits of a bit vector in the Loss RLE block",
    bytes: XR_ALL_BLOCKS,
    offset: XR_BLOCK_OFFSETS.lossRle,
    want: {
      type: "loss-rle",
      offset: 8,
      byteLength: 16,
      thinning: 0,
      ssrc: 0x11223344,
      beginSeq: 1000,
      endSeq: 1030,
      chunks: [{ kind: "run", runType: 1, runLength: 20 }, { kind: "vector", bits: 0b101101111100000 }],
      reported: 30,
      received: 28,
      lost: 2,
    },
  },
  {
    name: "reads zeros as duplicates in the Duplicate RLE block, with thinning 1",
    bytes: XR_ALL_BLOCKS,
    offset: XR_BLOCK_OFFSETS.duplicateRle,
    want: {
      type: "duplicate-rle",
      thinning: 1,
      beginSeq: 2000,
      endSeq: 2020,
      chunks: [
        { kind: "run", runType: 0, runLength: 1 },
        { kind: "run", runType: 1, runLength: 8 },
        { kind: "vector", bits: 0b100000000000000 },
        { kind: "null" },
      ],
      reported: 10,
      duplicated: 1,
      notDuplicated: 9,
    },
  },
  {
    name: "cuts a run that goes past end_seq",
    bytes: hex`01 00 00 03  00 00 00 01  00 00 00 05  00 0a 00 00`, // 5 packets, a run of 10 zeros
    want: { reported: 5, received: 0, lost: 5 },
  },
  {
    name: "leaves packets no chunk covers out of both counts",
    bytes: hex`01 00 00 03  00 00 00 01  00 00 00 0a  40 03 00 00`, // 10 packets, 3 received, then a null chunk
    want: { reported: 10, received: 3, lost: 0 },
  },
  {
    name: "counts nothing when begin_seq equals end_seq",
    bytes: hex`01 00 00 03  00 00 00 01  00 05 00 05  40 03 00 00`,
    want: { reported: 0, received: 0, lost: 0 },
  },
  {
    name: "reads a block without chunks",
    bytes: hex`02 00 00 02  00 00 00 01  00 00 00 0a`,
    want: { type: "duplicate-rle", chunks: [], duplicated: 0, notDuplicated: 0 },
  },
  {
    name: "fails without begin_seq and end_seq",
    bytes: hex`01 00 00 01  00 00 00 01`,
    want: { ok: false, reason: "bad-length", offset: 2 },
  },
];
for (const c of cases) {
  Deno.test(`decodeXrRleBlock() ${c.name}`, () => {
    const got = decodeXrRleBlock(c.bytes, xrBlockAt(c.bytes, c.offset ?? 0));
    deepStrictEqual(subset(got, c.want), c.want);
  });
}

const countCases: { name: string; begin: number; end: number; thinning: number; want: number }[] = [
  { name: "counts every number without thinning", begin: 1000, end: 1030, thinning: 0, want: 30 },
  { name: "counts the even numbers for T=1", begin: 2000, end: 2020, thinning: 1, want: 10 },
  { name: "starts at the first multiple of 2^T", begin: 1, end: 9, thinning: 2, want: 2 }, // 4, 8
  { name: "counts across the wrap at 65536", begin: 65530, end: 6, thinning: 0, want: 12 },
  { name: "counts multiples across the wrap", begin: 65532, end: 8, thinning: 2, want: 3 }, // 65532, 0, 4
  { name: "counts an empty range as 0", begin: 7, end: 7, thinning: 0, want: 0 },
  { name: "counts 0 when no multiple of 2^T is in range", begin: 1, end: 3, thinning: 3, want: 0 },
  { name: "counts 1 for the largest thinning when the range holds 0", begin: 65535, end: 1, thinning: 15, want: 1 },
];
for (const c of countCases) {
  Deno.test(`reportedCount() ${c.name}`, () => strictEqual(reportedCount(c.begin, c.end, c.thinning), c.want));
}
