import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { isFailure } from "../../decode_result.ts";
import { decodeRtp } from "../header.ts";
import { h264NalTypeName, inspectH264 } from "./h264.ts";
import type { CodecPayloadInfo } from "./_info.ts";
import * as F from "../_fixtures.ts";
import { hex } from "../_fixtures.ts";
import { hasTshark, rtpDatagrams, tsharkFields } from "../_testdata.ts";

/** The RTP payload of a fixture (or of its first bytes). */
function payloadOf(fx: F.RtpFixture): Uint8Array {
  const p = decodeRtp(fx.bytes);
  ok(!isFailure(p));
  return fx.bytes.subarray(p.payloadOffset, p.payloadOffset + p.payloadLength);
}

const cases: { name: string; payload: Uint8Array; want: CodecPayloadInfo | null }[] = [
  {
    name: "counts the STAP-A with SPS and PPS as key-frame data that starts no picture (demo.pcap frame 297)",
    payload: payloadOf(F.DEMO_H264_STAP_A_SPS_PPS),
    want: { keyframe: true, frameStart: false, detail: "STAP-A SPS PPS" },
  },
  {
    name: "finds the start of an IDR picture in a FU-A start fragment (demo.pcap frame 11)",
    payload: payloadOf(F.DEMO_H264_FU_A_IDR_START),
    want: { keyframe: true, frameStart: true, detail: "FU-A start IDR" },
  },
  {
    name: "marks the end fragment of an IDR slice as key-frame data (demo.pcap frame 12)",
    payload: payloadOf(F.DEMO_H264_FU_A_IDR_END),
    want: { keyframe: true, frameStart: false, detail: "FU-A end IDR" },
  },
  {
    name: "finds the first slice of a picture inside a STAP-A (demo.pcap frame 20)",
    payload: payloadOf(F.DEMO_H264_STAP_A_SLICES),
    want: { keyframe: false, frameStart: true, detail: "STAP-A non-IDR non-IDR" },
  },
  {
    name: "reads a single non-IDR slice with first_mb_in_slice 0 as a picture start (demo.pcap frame 104)",
    payload: payloadOf(F.DEMO_H264_SINGLE_SLICE),
    want: { keyframe: false, frameStart: true, detail: "single non-IDR" },
  },
  // Hand-built from RFC 6184's figures (§5.6–§5.8); ffmpeg sends none of these.
  {
    name: "reads a single IDR slice that is not the first of its picture (first_mb_in_slice > 0)",
    payload: hex`65 40`,
    want: { keyframe: true, frameStart: false, detail: "single IDR" },
  },
  {
    name: "counts a single SPS as key-frame data",
    payload: hex`67 42 c0 0c`,
    want: { keyframe: true, frameStart: false, detail: "single SPS" },
  },
  {
    name: "reads a single access unit delimiter",
    payload: hex`09 f0`,
    want: { keyframe: false, frameStart: false, detail: "single AUD" },
  },
  {
    name: "skips the DON of a STAP-B (§5.7.1)",
    payload: hex`19 0001  0002 6588  0002 6788`,
    want: { keyframe: true, frameStart: true, detail: "STAP-B IDR SPS" },
  },
  {
    name: "skips the DOND and 16-bit TS offset of each MTAP16 unit (§5.7.2)",
    payload: hex`1a 0001  0002 00 0000 4188  0002 01 0bb8 4108`,
    want: { keyframe: false, frameStart: true, detail: "MTAP16 non-IDR non-IDR" },
  },
  {
    name: "skips the 24-bit TS offset of an MTAP24 unit",
    payload: hex`1b 0001  0002 00 000000 6588`,
    want: { keyframe: true, frameStart: true, detail: "MTAP24 IDR" },
  },
  {
    name: "reads the slice after the DON of a FU-B start (§5.8)",
    payload: hex`1d 85 0007 88`,
    want: { keyframe: true, frameStart: true, detail: "FU-B start IDR" },
  },
  {
    name: "reads a middle FU-A fragment of a non-IDR slice",
    payload: hex`5c 01 aa bb`,
    want: { keyframe: false, frameStart: false, detail: "FU-A non-IDR" },
  },
  {
    name: "marks a STAP-A whose unit size runs past the payload as cut and keeps the units before it",
    payload: hex`18 0002 6788 00ff 68`,
    want: { keyframe: true, frameStart: false, detail: "STAP-A SPS (cut)" },
  },
  {
    name: "marks a STAP-A with a zero unit size as cut",
    payload: hex`18 0000 67`,
    want: { keyframe: false, frameStart: false, detail: "STAP-A (cut)" },
  },
  {
    name: "reports a FU-A without its FU header",
    payload: hex`7c`,
    want: { keyframe: false, frameStart: false, detail: "FU-A without FU header" },
  },
  {
    name: "reports reserved packet type 30",
    payload: hex`1e 00`,
    want: { keyframe: false, frameStart: false, detail: "reserved packet type 30" },
  },
  { name: "returns null for a NAL unit with the F bit set", payload: hex`e5 88`, want: null },
  { name: "returns null for an empty payload", payload: new Uint8Array(0), want: null },
];

for (const c of cases) Deno.test(`inspectH264() ${c.name}`, () => deepStrictEqual(inspectH264(c.payload), c.want));

Deno.test("inspectH264() reads within offset and length only", () => {
  const bytes = F.DEMO_H264_FU_A_IDR_START.bytes;
  deepStrictEqual(inspectH264(bytes, 12, 1), { keyframe: false, frameStart: false, detail: "FU-A without FU header" });
  deepStrictEqual(inspectH264(bytes, 12, 2), { keyframe: true, frameStart: false, detail: "FU-A start IDR" });
  strictEqual(inspectH264(bytes, bytes.length, 4), null);
  strictEqual(inspectH264(bytes, -1), null);
});

Deno.test("h264NalTypeName() names NAL unit types and numbers the rest", () => {
  deepStrictEqual([1, 5, 7, 8, 9, 23].map(h264NalTypeName), ["non-IDR", "IDR", "SPS", "PPS", "AUD", "type 23"]);
});

// ---------------------------------------------------------------------------------------------------------------
// The whole H.264 stream of demo.pcap.

Deno.test({
  name: "inspectH264() agrees with tshark's H.264 dissector on every video packet of demo.pcap",
  ignore: !hasTshark,
  fn: async () => {
    const rows = await tsharkFields(
      "demo.pcap",
      ["-d", "udp.port==5004,rtp", "-d", "rtp.pt==96,h264", "-Y", "rtp.ssrc==0x11223344"],
      ["h264.nal_unit_hdr", "h264.nal_unit_type", "h264.start.bit", "h264.first_mb_in_slice"],
    );
    const video = (await rtpDatagrams("demo.pcap")).filter((d) => d.dstPort === 5004);
    strictEqual(video.length, rows.size);
    let keyframes = 0;
    for (const { frame, bytes } of video) {
      const t = rows.get(frame)!;
      const p = decodeRtp(bytes);
      ok(!isFailure(p));
      const info = inspectH264(bytes, p.payloadOffset, p.payloadLength);
      ok(info !== null, `frame ${frame}`);
      // tshark lists the outer type first (24 STAP-A, 28 FU-A), then the aggregated types; a FU's inner type is in
      // h264.nal_unit_type, and first_mb_in_slice appears for each slice header it could read.
      const types = [...t["h264.nal_unit_hdr"]!, ...t["h264.nal_unit_type"]!].map(Number).filter((n) => n !== 24);
      const fuStart = t["h264.nal_unit_hdr"]![0] !== "28" || t["h264.start.bit"]![0] === "1";
      deepStrictEqual(
        { keyframe: info.keyframe, frameStart: info.frameStart },
        {
          keyframe: types.includes(5) || types.includes(7),
          frameStart: fuStart && t["h264.first_mb_in_slice"]!.includes("0"),
        },
        `frame ${frame}: ${info.detail}`,
      );
      if (info.keyframe) keyframes++;
    }
    strictEqual(keyframes, 6 + 12 + 33); // STAP-As with an SPS (the first also has SEI), 12 IDR FU-A starts, 33 more
  },
});

Deno.test("inspectH264() finds exactly one picture start per RTP timestamp in demo.pcap", async () => {
  const starts = new Map<number, number>();
  for (const { bytes } of (await rtpDatagrams("demo.pcap")).filter((d) => d.dstPort === 5004)) {
    const p = decodeRtp(bytes);
    ok(!isFailure(p));
    const info = inspectH264(bytes, p.payloadOffset, p.payloadLength)!;
    starts.set(p.timestamp, (starts.get(p.timestamp) ?? 0) + (info.frameStart ? 1 : 0));
  }
  ok(starts.size > 200);
  for (const [ts, n] of starts) strictEqual(n, 1, `timestamp ${ts}`);
});
