import { deepStrictEqual } from "node:assert/strict";
import { decodeReceiverReport } from "./receiver_report.ts";
import { headerAt, RR_SDES_BYE, subset } from "./_fixtures.ts";
import { concat, hex, withByte } from "../_fixtures.ts";

const cases: { name: string; bytes: Uint8Array; want: Record<string, unknown> }[] = [
  {
    name: "reads the sender SSRC and both blocks of the hand-built RR",
    bytes: RR_SDES_BYE,
    want: { type: "rr", offset: 0, byteLength: 56, ssrc: 0xaabbccdd, extension: new Uint8Array(0) },
  },
  {
    name: "reads an empty RR (RC 0), as sent when nothing was received",
    bytes: hex`80 c9 00 01 aa bb cc dd`,
    want: { type: "rr", ssrc: 0xaabbccdd, reports: [] },
  },
  {
    name: "keeps bytes after the blocks as the profile-specific extension",
    bytes: hex`80 c9 00 02 aa bb cc dd 01 02 03 04`,
    want: { reports: [], extension: hex`01 02 03 04` },
  },
  {
    name: "rejects an RR without its SSRC",
    bytes: hex`80 c9 00 00`,
    want: { ok: false, reason: "bad-length", offset: 2 },
  },
  {
    name: "rejects RC 3 when the length holds two blocks",
    bytes: withByte(RR_SDES_BYE, 0, 0x83),
    want: { ok: false, reason: "bad-length" },
  },
  {
    name: "rejects RC 1 when padding takes the block's last bytes",
    bytes: concat(hex`a1 c9 00 07 aa bb cc dd`, new Uint8Array(20), hex`00 00 00 04`),
    want: { ok: false, reason: "bad-length" },
  },
];
for (const c of cases) {
  Deno.test(`decodeReceiverReport() ${c.name}`, () => {
    deepStrictEqual(subset(decodeReceiverReport(c.bytes, headerAt(c.bytes)), c.want), c.want);
  });
}

Deno.test("decodeReceiverReport() returns the blocks in wire order", () => {
  const rr = decodeReceiverReport(RR_SDES_BYE, headerAt(RR_SDES_BYE));
  deepStrictEqual(
    "reports" in rr && rr.reports.map((r) => [r.ssrc, r.fractionLost, r.cumulativeLost]),
    [[0x11223344, 20, -3], [0x55667788, 255, 8388607]],
  );
});
