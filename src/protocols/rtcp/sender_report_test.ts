import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { decodeSenderReport } from "./sender_report.ts";
import { isFailure } from "../decode_result.ts";
import { DEMO_COMPOUNDS, headerAt, SR_WITH_BLOCK_AND_EXTENSION, subset } from "./_fixtures.ts";
import { concat, hex, withByte } from "../_fixtures.ts";

// Expected values from `tshark -r tests/testdata/demo.pcap -d udp.port==5005,rtcp -d udp.port==5007,rtcp -Y rtcp
// -T fields -e frame.number -e rtcp.senderssrc -e rtcp.timestamp.ntp.msw -e rtcp.timestamp.ntp.lsw
// -e rtcp.timestamp.rtp -e rtcp.sender.packetcount -e rtcp.sender.octetcount`.
const TSHARK = `
8	0x11223344	4004742617	2641404887	440317671	0	0
16	0x55667788	4004742617	2671469658	1084331514	0	0
762	0x11223344	4004742622	2826088480	440771541	222	140605
764	0x55667788	4004742622	2826088480	1084573242	252	26767
1619	0x55667788	4004742627	2830383448	1084813290	502	56050
1627	0x11223344	4004742627	3053721747	441226311	523	303308`;

for (const line of TSHARK.trim().split("\n")) {
  const [frame, ssrc, msw, lsw, rtp, packets, octets] = line.split("\t").map(Number);
  Deno.test(`decodeSenderReport() reads the SR of demo.pcap frame ${frame} as tshark does`, () => {
    const bytes = DEMO_COMPOUNDS.find((c) => c.frame === frame)!.bytes;
    const sr = decodeSenderReport(bytes, headerAt(bytes));
    deepStrictEqual(sr, {
      type: "sr",
      offset: 0,
      byteLength: 28,
      padding: 0,
      ssrc,
      ntpSeconds: msw,
      ntpFraction: lsw,
      ntpTime: msw! + lsw! / 2 ** 32,
      rtpTimestamp: rtp,
      packetCount: packets,
      octetCount: octets,
      reports: [],
      extension: new Uint8Array(0),
    });
  });
}

const cases: { name: string; bytes: Uint8Array; want: Record<string, unknown> }[] = [
  {
    name: "reads one report block and keeps the profile-specific extension raw",
    bytes: SR_WITH_BLOCK_AND_EXTENSION,
    want: { packetCount: 100, octetCount: 64000, extension: hex`00 01 00 08 de ad be ef` },
  },
  {
    name: "rejects RC 2 when the length holds one block",
    bytes: withByte(SR_WITH_BLOCK_AND_EXTENSION, 0, 0x82),
    want: { ok: false, reason: "bad-length", offset: 2 },
  },
  {
    name: "rejects a length of 5 words, one short of the sender info",
    bytes: concat(hex`80 c8 00 05`, new Uint8Array(20)),
    want: { ok: false, reason: "bad-length" },
  },
  {
    name: "accepts the sender info alone",
    bytes: concat(hex`80 c8 00 06`, new Uint8Array(24)),
    want: { type: "sr", reports: [], extension: new Uint8Array(0) },
  },
  {
    name: "leaves padding out of the extension",
    bytes: concat(hex`a0 c8 00 07`, new Uint8Array(24), hex`00 00 00 04`),
    want: { padding: 4, extension: new Uint8Array(0) },
  },
];
for (const c of cases) {
  Deno.test(`decodeSenderReport() ${c.name}`, () => {
    deepStrictEqual(subset(decodeSenderReport(c.bytes, headerAt(c.bytes)), c.want), c.want);
  });
}

Deno.test("decodeSenderReport() returns the block's fields in the report", () => {
  const sr = decodeSenderReport(SR_WITH_BLOCK_AND_EXTENSION, headerAt(SR_WITH_BLOCK_AND_EXTENSION));
  if (isFailure(sr)) throw new Error(sr.detail);
  strictEqual(sr.reports.length, 1);
  deepStrictEqual(subset(sr.reports[0]!, { ssrc: 0, extendedHighestSequence: 0, jitter: 0 }), {
    ssrc: 0x55667788,
    extendedHighestSequence: 30001,
    jitter: 16,
  });
});
