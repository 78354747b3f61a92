import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { isFailure } from "../../decode_result.ts";
import { decodeRtp, type RtpPacket } from "../header.ts";
import { av1ObuTypeName, inspectAv1 } from "./av1.ts";
import type { CodecPayloadInfo } from "./_info.ts";
import * as F from "../_fixtures.ts";
import { concat, hex } from "../_fixtures.ts";
import { rtpDatagrams } from "../_testdata.ts";

function payloadOf(fx: F.RtpFixture): Uint8Array {
  const p = decodeRtp(fx.bytes);
  ok(!isFailure(p));
  return fx.bytes.subarray(p.payloadOffset, p.payloadOffset + p.payloadLength);
}

const cases: { name: string; payload: Uint8Array; want: CodecPayloadInfo | null }[] = [
  {
    name:
      "reads Chromium's key frame: N, a sequence header with its length and a frame without (chrome-av1.pcap frame 6)",
    payload: payloadOf(F.CHROME_AV1_KEY_FRAME),
    want: { keyframe: true, frameStart: true, detail: "N W=2 SEQUENCE_HEADER FRAME" },
  },
  {
    name: "reads a frame OBU that goes on in the next packet (chrome-av1.pcap frame 158)",
    payload: payloadOf(F.CHROME_AV1_FIRST_FRAGMENT),
    want: { keyframe: false, frameStart: true, detail: "Y W=1 FRAME" },
  },
  {
    name: "reads the continuation of that OBU (chrome-av1.pcap frame 159)",
    payload: payloadOf(F.CHROME_AV1_LAST_FRAGMENT),
    want: { keyframe: false, frameStart: false, detail: "Z W=1 (continued)" },
  },
  // Hand-built from the AV1 RTP payload format's §4.4 figures.
  {
    name: "reads W=0, where every element carries its length",
    payload: hex`00  02 1800  03 3010aa`,
    want: { keyframe: false, frameStart: true, detail: "W=0 FRAME_HEADER FRAME" },
  },
  {
    name: "reads a two-byte LEB128 length (130 bytes)",
    payload: concat(hex`00 8201 30`, new Uint8Array(129)),
    want: { keyframe: false, frameStart: true, detail: "W=0 FRAME" },
  },
  {
    name: "reads W=3 with a continued first element, a tile group and metadata",
    payload: hex`f0  01 aa  01 20  28 00`,
    want: { keyframe: false, frameStart: false, detail: "Z Y W=3 (continued) TILE_GROUP METADATA" },
  },
  {
    name: "reads a temporal delimiter and an OBU with the extension flag as a frame start",
    payload: hex`00  01 10  02 34 00`,
    want: { keyframe: false, frameStart: true, detail: "W=0 TEMPORAL_DELIMITER FRAME" },
  },
  {
    name: "does not start a frame at metadata",
    payload: hex`10 28 01`,
    want: { keyframe: false, frameStart: false, detail: "W=1 METADATA" },
  },
  {
    name: "names the padding OBU (type 15) and reserved types",
    payload: hex`00 01 78 01 00`,
    want: { keyframe: false, frameStart: false, detail: "W=0 PADDING reserved 0" },
  },
  {
    name: "marks an element length past the payload as cut",
    payload: hex`00 05 30 00`,
    want: { keyframe: false, frameStart: false, detail: "W=0 (cut)" },
  },
  {
    name: "marks a LEB128 length cut in the middle as cut",
    payload: hex`00 80`,
    want: { keyframe: false, frameStart: false, detail: "W=0 (cut)" },
  },
  {
    name: "marks a LEB128 length longer than 8 bytes as cut",
    payload: hex`00 ffffffffffffffff01 30`,
    want: { keyframe: false, frameStart: false, detail: "W=0 (cut)" },
  },
  {
    name: "marks a zero-length element as cut",
    payload: hex`00 00 30`,
    want: { keyframe: false, frameStart: false, detail: "W=0 (cut)" },
  },
  {
    name: "names at most 8 elements",
    payload: hex`00 013001300130013001300130013001300130`,
    want: { keyframe: false, frameStart: true, detail: "W=0 FRAME FRAME FRAME FRAME FRAME FRAME FRAME FRAME …" },
  },
  {
    name: "reads an aggregation header alone",
    payload: hex`08`,
    want: { keyframe: true, frameStart: false, detail: "N W=0" },
  },
  { name: "returns null for an empty payload", payload: new Uint8Array(0), want: null },
];

for (const c of cases) Deno.test(`inspectAv1() ${c.name}`, () => deepStrictEqual(inspectAv1(c.payload), c.want));

Deno.test("av1ObuTypeName() names OBU types", () => {
  deepStrictEqual([1, 2, 6, 8, 9, 15].map(av1ObuTypeName), [
    "SEQUENCE_HEADER",
    "TEMPORAL_DELIMITER",
    "FRAME",
    "TILE_LIST",
    "reserved 9",
    "PADDING",
  ]);
});

// ---------------------------------------------------------------------------------------------------------------
// Chromium's whole AV1 stream (tshark 4.0 has no AV1 dissector): fragments pair up, frames start where timestamps
// change, and the one key frame is the first.

Deno.test("inspectAv1() pairs every Y with a Z and finds one frame start per timestamp in chrome-av1.pcap", async () => {
  const packets: { p: RtpPacket; info: CodecPayloadInfo }[] = [];
  for (const { bytes } of await rtpDatagrams("rtp/chrome-av1.pcap")) {
    const p = decodeRtp(bytes);
    ok(!isFailure(p));
    if (p.payloadType !== 45) continue; // 46 is RTX
    packets.push({ p, info: inspectAv1(bytes, p.payloadOffset, p.payloadLength)! });
  }
  ok(packets.length > 40);
  let keyframes = 0;
  let continued = 0;
  packets.forEach(({ p, info }, i) => {
    const previous = packets[i - 1];
    const newTimestamp = previous === undefined || previous.p.timestamp !== p.timestamp;
    strictEqual(info.frameStart, newTimestamp, `seq ${p.sequence}: ${info.detail}`);
    if (info.detail.includes("Y ")) strictEqual(p.marker, false, `seq ${p.sequence}: an OBU goes on after the marker`);
    if (info.detail.startsWith("Z")) {
      ok(previous !== undefined && previous.info.detail.includes("Y "), `seq ${p.sequence} continues nothing`);
      strictEqual(previous.p.sequence + 1, p.sequence);
      continued++;
    }
    if (info.keyframe) keyframes++;
    ok(!info.detail.includes("(cut)"), `seq ${p.sequence}: ${info.detail}`);
  });
  strictEqual(keyframes, 1); // keyFramesEncoded: 1
  ok(packets[0]!.info.keyframe);
  ok(continued >= 4);
});
