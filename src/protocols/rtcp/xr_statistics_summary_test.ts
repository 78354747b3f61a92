import { deepStrictEqual } from "node:assert/strict";
import { decodeXrStatisticsSummaryBlock } from "./xr_statistics_summary.ts";
import { subset, XR_ALL_BLOCKS, XR_BLOCK_OFFSETS, xrBlockAt } from "./_fixtures.ts";
import { hex } from "../_fixtures.ts";

const cases: { name: string; bytes: Uint8Array; offset?: number; want: Record<string, unknown> }[] = [
  {
    name: "reads the flags and every statistic",
    bytes: XR_ALL_BLOCKS,
    offset: XR_BLOCK_OFFSETS.statisticsSummary,
    want: {
      type: "statistics-summary",
      offset: 108,
      byteLength: 40,
      lossReport: true,
      duplicateReport: true,
      jitterReport: true,
      ttlOrHopLimit: 1,
      ssrc: 0x11223344,
      beginSeq: 1000,
      endSeq: 1030,
      lostPackets: 2,
      duplicatePackets: 1,
      minJitter: 10,
      maxJitter: 90,
      meanJitter: 40,
      devJitter: 12,
      minTtlOrHl: 60,
      maxTtlOrHl: 64,
      meanTtlOrHl: 63,
      devTtlOrHl: 1,
    },
  },
  {
    name: "reads ToH 2 (IPv6 hop limit) with the other flags clear",
    bytes: new Uint8Array([6, 0x10, 0, 9, ...new Array<number>(36).fill(0)]),
    want: { lossReport: false, duplicateReport: false, jitterReport: false, ttlOrHopLimit: 2 },
  },
  {
    name: "fails on a block length other than 9",
    bytes: hex`06 00 00 01  00 00 00 01`,
    want: { ok: false, reason: "bad-length", offset: 2 },
  },
];
for (const c of cases) {
  Deno.test(`decodeXrStatisticsSummaryBlock() ${c.name}`, () => {
    const got = decodeXrStatisticsSummaryBlock(c.bytes, xrBlockAt(c.bytes, c.offset ?? 0));
    deepStrictEqual(subset(got, c.want), c.want);
  });
}
