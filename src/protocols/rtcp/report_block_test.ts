import { deepStrictEqual } from "node:assert/strict";
import { decodeReportBlocks } from "./report_block.ts";
import { RR_SDES_BYE } from "./_fixtures.ts";
import { hex } from "../_fixtures.ts";

Deno.test("decodeReportBlocks() reads both blocks of the hand-built RR", () => {
  deepStrictEqual(decodeReportBlocks(RR_SDES_BYE, 8, 2), [
    {
      ssrc: 0x11223344,
      fractionLost: 20,
      cumulativeLost: -3,
      extendedHighestSequence: 0x103e8, // 1 cycle, seq 1000
      jitter: 300,
      lastSenderReport: 0x85d99d70,
      delaySinceLastSenderReport: 0x18000,
    },
    {
      ssrc: 0x55667788,
      fractionLost: 255,
      cumulativeLost: 8388607,
      extendedHighestSequence: 30000,
      jitter: 0,
      lastSenderReport: 0,
      delaySinceLastSenderReport: 0,
    },
  ]);
});

const lostCases = [
  { name: "reads 0x800000 as the most negative cumulative loss", field: hex`00 80 00 00`, want: -8388608 },
  { name: "reads 0xffffff as -1", field: hex`00 ff ff ff`, want: -1 },
  { name: "reads 0x000001 as 1", field: hex`00 00 00 01`, want: 1 },
];
for (const c of lostCases) {
  Deno.test(`decodeReportBlocks() ${c.name}`, () => {
    const block = new Uint8Array(24);
    block.set(c.field, 4);
    deepStrictEqual(decodeReportBlocks(block, 0, 1)[0]!.cumulativeLost, c.want);
  });
}

Deno.test("decodeReportBlocks() returns no blocks for RC 0", () => {
  deepStrictEqual(decodeReportBlocks(new Uint8Array(0), 0, 0), []);
});
