import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { isFailure } from "../../decode_result.ts";
import { decodeRtp, type RtpPacket } from "../header.ts";
import { inspectVp9 } from "./vp9.ts";
import type { CodecPayloadInfo } from "./_info.ts";
import * as F from "../_fixtures.ts";
import { hex } from "../_fixtures.ts";
import { rtpDatagrams } from "../_testdata.ts";

function payloadOf(fx: F.RtpFixture): Uint8Array {
  const p = decodeRtp(fx.bytes);
  ok(!isFailure(p));
  return fx.bytes.subarray(p.payloadOffset, p.payloadOffset + p.payloadLength);
}

const cases: { name: string; payload: Uint8Array; want: CodecPayloadInfo | null }[] = [
  {
    name:
      "reads Chromium's key frame: flexible mode, layer byte, scalability structure (chrome-vp9-two-byte.pcap frame 6)",
    payload: payloadOf(F.CHROME_VP9_KEY_FRAME),
    want: { keyframe: true, frameStart: true, frameEnd: true, detail: "BE key frame, picture ID 7597, SID 0" },
  },
  {
    name: "skips Chromium's P_DIFF to read an inter frame's header (chrome-vp9-two-byte.pcap frame 282)",
    payload: payloadOf(F.CHROME_VP9_FRAME_START),
    want: { keyframe: false, frameStart: true, frameEnd: false, detail: "B inter frame, picture ID 7647, SID 0" },
  },
  {
    name: "reads the E packet that ends that frame (chrome-vp9-two-byte.pcap frame 283)",
    payload: payloadOf(F.CHROME_VP9_FRAME_END),
    want: { keyframe: false, frameStart: false, frameEnd: true, detail: "E, picture ID 7647, SID 0" },
  },
  {
    name: "reads ffmpeg's key frame from the VP9 header, the descriptor being B alone (ffmpeg-vp9.pcap frame 2)",
    payload: payloadOf(F.FFMPEG_VP9_KEY_FRAME),
    want: { keyframe: true, frameStart: true, frameEnd: false, detail: "B key frame" },
  },
  {
    name: "does not take ffmpeg's missing P bit for a key frame (ffmpeg-vp9.pcap frame 20)",
    payload: payloadOf(F.FFMPEG_VP9_INTER_FRAME),
    want: {
      keyframe: false,
      frameStart: true,
      frameEnd: false,
      detail: "B inter frame (P=0 but the header says inter)",
    },
  },
  // Hand-built from RFC 9628 §4.2's figures.
  {
    name: "skips TL0PICIDX in non-flexible mode",
    payload: hex`a8 05 00 07  82 49`,
    want: { keyframe: true, frameStart: true, frameEnd: false, detail: "B key frame, picture ID 5, SID 0" },
  },
  {
    name: "skips three P_DIFF bytes chained by N in flexible mode",
    payload: hex`d8 05 03 05 08  86`,
    want: { keyframe: false, frameStart: true, frameEnd: false, detail: "B inter frame, picture ID 5" },
  },
  {
    name: "does not count spatial layer 1 of a key picture, predicted from layer 0, as a key frame",
    payload: hex`b8 05 03  86`,
    want: { keyframe: false, frameStart: false, frameEnd: false, detail: "B inter frame, picture ID 5, SID 1" },
  },
  {
    name: "skips a scalability structure with sizes and two picture groups",
    payload: hex`8a 05  38 0140 00f0 0280 01e0  02 04 01 38 01 02  82`,
    want: { keyframe: true, frameStart: true, frameEnd: false, detail: "B key frame, picture ID 5" },
  },
  {
    name: "reads a frame that shows an existing frame",
    payload: hex`0c 88`,
    want: { keyframe: false, frameStart: true, frameEnd: true, detail: "BE shows an existing frame" },
  },
  {
    name: "reads the extra reserved bit of a profile 3 header",
    payload: hex`08 b0`,
    want: { keyframe: true, frameStart: true, frameEnd: false, detail: "B key frame" },
  },
  {
    name: "falls back to P when the frame header is not VP9",
    payload: hex`08 00`,
    want: { keyframe: true, frameStart: true, frameEnd: false, detail: "B non-predicted frame" },
  },
  {
    name: "falls back to P = 1 when nothing follows the descriptor",
    payload: hex`48`,
    want: { keyframe: false, frameStart: true, frameEnd: false, detail: "B inter frame" },
  },
  {
    name: "reads a packet in the middle of a frame",
    payload: hex`00 aa`,
    want: { keyframe: false, frameStart: false, frameEnd: false, detail: "middle" },
  },
  { name: "returns null for an extended picture ID cut in half", payload: hex`88 85`, want: null },
  { name: "returns null for a missing layer byte", payload: hex`28`, want: null },
  { name: "returns null for a missing P_DIFF", payload: hex`58`, want: null },
  { name: "returns null for a P_DIFF chain cut after a byte with N set", payload: hex`58 03`, want: null },
  { name: "returns null for a cut scalability structure", payload: hex`0a 38 01 40`, want: null },
  {
    name: "returns null for a scalability structure with a group count but no group",
    payload: hex`0a 08 01`,
    want: null,
  },
  { name: "returns null for an empty payload", payload: new Uint8Array(0), want: null },
];

for (const c of cases) Deno.test(`inspectVp9() ${c.name}`, () => deepStrictEqual(inspectVp9(c.payload), c.want));

// ---------------------------------------------------------------------------------------------------------------
// Whole streams (tshark 4.0 has no VP9 dissector): frame boundaries against the RTP timestamps and marker bits, key
// frames against what the senders were told.

async function stream(file: string, payloadType: number) {
  const out: { p: RtpPacket; info: CodecPayloadInfo }[] = [];
  for (const { bytes } of await rtpDatagrams(file)) {
    const p = decodeRtp(bytes);
    ok(!isFailure(p));
    if (p.payloadType !== payloadType) continue;
    const info = inspectVp9(bytes, p.payloadOffset, p.payloadLength);
    ok(info !== null);
    out.push({ p, info });
  }
  return out;
}

for (
  const [file, payloadType, keyframes] of [["rtp/chrome-vp9-two-byte.pcap", 98, 1], [
    "rtp/ffmpeg-vp9.pcap",
    96,
    3,
  ]] as const
) {
  Deno.test(`inspectVp9() finds each frame's B and E packets and its ${keyframes} key frame(s) in ${file}`, async () => {
    const packets = await stream(file, payloadType);
    const frames = new Map<number, { start: number; end: number; key: number; marker: boolean; first: boolean }>();
    let previous = -1;
    for (const { p, info } of packets) {
      let f = frames.get(p.timestamp);
      if (f === undefined) frames.set(p.timestamp, f = { start: 0, end: 0, key: 0, marker: false, first: false });
      if (info.frameStart) {
        f.start++;
        f.first = p.timestamp !== previous; // B is on the first packet of the timestamp
      }
      if (info.frameEnd) {
        f.end++;
        f.marker = p.marker; // E is on the packet with the marker bit
      }
      if (info.keyframe) f.key++;
      previous = p.timestamp;
    }
    ok(frames.size >= 12);
    for (const [ts, f] of frames) {
      deepStrictEqual([f.start, f.end, f.first, f.marker], [1, 1, true, true], `${file} timestamp ${ts}`);
    }
    // Chromium encoded one key frame (getStats keyFramesEncoded: 1); ffmpeg ran -g 5 over 12 frames: 0, 5 and 10.
    const keyed = [...frames.values()].map((f) => f.key);
    strictEqual(keyed.reduce((a, b) => a + b), keyframes);
    keyed.forEach((k, i) => strictEqual(k, i % 5 === 0 && i < keyframes * 5 ? 1 : 0, `${file} frame ${i}`));
  });
}
