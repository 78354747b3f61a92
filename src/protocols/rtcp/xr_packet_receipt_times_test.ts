import { deepStrictEqual } from "node:assert/strict";
import { decodeXrPacketReceiptTimesBlock } from "./xr_packet_receipt_times.ts";
import { subset, XR_ALL_BLOCKS, XR_BLOCK_OFFSETS, xrBlockAt } from "./_fixtures.ts";
import { hex } from "../_fixtures.ts";

const cases: { name: string; bytes: Uint8Array; offset?: number; want: Record<string, unknown> }[] = [
  {
    name: "reads one receipt time per sequence number",
    bytes: XR_ALL_BLOCKS,
    offset: XR_BLOCK_OFFSETS.packetReceiptTimes,
    want: {
      type: "packet-receipt-times",
      offset: 44,
      byteLength: 24,
      thinning: 0,
      ssrc: 0x11223344,
      beginSeq: 500,
      endSeq: 503,
      receiptTimes: [65536, 65856, 66176],
    },
  },
  {
    name: "reads the thinning from the type-specific byte",
    bytes: hex`03 f3 00 02  00 00 00 01  00 00 00 08`,
    want: { thinning: 3, receiptTimes: [] },
  },
  {
    name: "fails without begin_seq and end_seq",
    bytes: hex`03 00 00 01  00 00 00 01`,
    want: { ok: false, reason: "bad-length" },
  },
];
for (const c of cases) {
  Deno.test(`decodeXrPacketReceiptTimesBlock() ${c.name}`, () => {
    const got = decodeXrPacketReceiptTimesBlock(c.bytes, xrBlockAt(c.bytes, c.offset ?? 0));
    deepStrictEqual(subset(got, c.want), c.want);
  });
}
