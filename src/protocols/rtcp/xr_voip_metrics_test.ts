import { deepStrictEqual } from "node:assert/strict";
import { decodeXrVoipMetricsBlock } from "./xr_voip_metrics.ts";
import { subset, XR_ALL_BLOCKS, XR_BLOCK_OFFSETS, xrBlockAt } from "./_fixtures.ts";
import { hex } from "../_fixtures.ts";

const cases: { name: string; bytes: Uint8Array; offset?: number; want: Record<string, unknown> }[] = [
  {
    name: "reads every field of RFC 3611 §4.7",
    bytes: XR_ALL_BLOCKS,
    offset: XR_BLOCK_OFFSETS.voipMetrics,
    want: {
      type: "voip-metrics",
      offset: 148,
      byteLength: 36,
      ssrc: 0x11223344,
      lossRate: 12,
      discardRate: 3,
      burstDensity: 50,
      gapDensity: 2,
      burstDuration: 120,
      gapDuration: 5000,
      roundTripDelay: 150,
      endSystemDelay: 40,
      signalLevel: -20,
      noiseLevel: -60,
      rerl: 127,
      gmin: 16,
      rFactor: 85,
      extRFactor: 127,
      mosLq: 41,
      mosCq: 39,
      plc: 3,
      jitterBufferAdaptive: 3,
      jitterBufferRate: 2,
      jitterBufferNominal: 60,
      jitterBufferMaximum: 120,
      jitterBufferAbsoluteMaximum: 200,
    },
  },
  {
    name: "keeps 127 (unavailable) as a positive signal level",
    bytes: new Uint8Array([7, 0, 0, 8, ...new Array<number>(16).fill(0), 0x7f, 0x80, ...new Array<number>(14).fill(0)]),
    want: { signalLevel: 127, noiseLevel: -128 },
  },
  {
    name: "fails on a block length other than 8",
    bytes: hex`07 00 00 01  00 00 00 01`,
    want: { ok: false, reason: "bad-length", offset: 2 },
  },
];
for (const c of cases) {
  Deno.test(`decodeXrVoipMetricsBlock() ${c.name}`, () => {
    deepStrictEqual(subset(decodeXrVoipMetricsBlock(c.bytes, xrBlockAt(c.bytes, c.offset ?? 0)), c.want), c.want);
  });
}
