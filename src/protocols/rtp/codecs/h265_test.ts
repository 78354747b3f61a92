import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { isFailure } from "../../decode_result.ts";
import { decodeRtp } from "../header.ts";
import { h265NalTypeName, inspectH265 } from "./h265.ts";
import type { CodecPayloadInfo } from "./_info.ts";
import * as F from "../_fixtures.ts";
import { hex } from "../_fixtures.ts";
import { hasTshark, rtpDatagrams, tsharkFields } from "../_testdata.ts";

function payloadOf(fx: F.RtpFixture): Uint8Array {
  const p = decodeRtp(fx.bytes);
  ok(!isFailure(p));
  return fx.bytes.subarray(p.payloadOffset, p.payloadOffset + p.payloadLength);
}

const cases: { name: string; payload: Uint8Array; want: CodecPayloadInfo | null }[] = [
  {
    name: "counts an AP with VPS, SPS and PPS as key-frame data that starts no picture (ffmpeg-h265.pcap frame 2)",
    payload: payloadOf(F.FFMPEG_H265_AP),
    want: { keyframe: true, frameStart: false, detail: "AP VPS SPS PPS" },
  },
  {
    name: "finds the start of an IDR_N_LP picture in a FU start (ffmpeg-h265.pcap frame 12)",
    payload: payloadOf(F.FFMPEG_H265_FU_IDR_START),
    want: { keyframe: true, frameStart: true, detail: "FU start IDR_N_LP" },
  },
  {
    name: "reads the 6-bit FU type 39 of x265's prefix SEI (ffmpeg-h265.pcap frame 3)",
    payload: payloadOf(F.FFMPEG_H265_FU_SEI_START),
    want: { keyframe: false, frameStart: false, detail: "FU start prefix SEI" },
  },
  // Hand-built from RFC 7798's figures (§4.4.1–§4.4.4).
  {
    name: "reads a single CRA slice segment that starts a picture",
    payload: hex`2a01 80`,
    want: { keyframe: true, frameStart: true, detail: "single CRA_NUT" },
  },
  {
    name: "reads a single TRAIL_R slice segment that is not the first of its picture",
    payload: hex`0201 40`,
    want: { keyframe: false, frameStart: false, detail: "single TRAIL_R" },
  },
  {
    name: "reads the end fragment of a BLA_W_LP slice",
    payload: hex`6201 50 00`,
    want: { keyframe: true, frameStart: false, detail: "FU end BLA_W_LP" },
  },
  {
    name: "finds a first slice inside an AP after the parameter sets",
    payload: hex`6001  0002 4401  0003 2601 80`,
    want: { keyframe: true, frameStart: true, detail: "AP PPS IDR_W_RADL" },
  },
  {
    name: "marks an AP whose unit size runs past the payload as cut",
    payload: hex`6001  0002 4001  0009 4201`,
    want: { keyframe: true, frameStart: false, detail: "AP VPS (cut)" },
  },
  {
    name: "marks an AP unit shorter than a NAL header as cut",
    payload: hex`6001  0001 40`,
    want: { keyframe: false, frameStart: false, detail: "AP (cut)" },
  },
  {
    name: "reports a PACI packet",
    payload: hex`6401 0000`,
    want: { keyframe: false, frameStart: false, detail: "PACI" },
  },
  {
    name: "reports a FU without its FU header",
    payload: hex`6201`,
    want: { keyframe: false, frameStart: false, detail: "FU without FU header" },
  },
  {
    name: "reports unspecified packet type 55",
    payload: hex`6e01`,
    want: { keyframe: false, frameStart: false, detail: "unspecified packet type 55" },
  },
  { name: "returns null for a payload header with the F bit set", payload: hex`e201 94`, want: null },
  { name: "returns null for a payload shorter than its 2-byte header", payload: hex`26`, want: null },
];

for (const c of cases) Deno.test(`inspectH265() ${c.name}`, () => deepStrictEqual(inspectH265(c.payload), c.want));

Deno.test("h265NalTypeName() names NAL unit types and numbers the rest", () => {
  deepStrictEqual([0, 9, 12, 16, 21, 32, 39, 40, 41, 63].map(h265NalTypeName), [
    "TRAIL_N",
    "RASL_R",
    "type 12",
    "BLA_W_LP",
    "CRA_NUT",
    "VPS",
    "prefix SEI",
    "suffix SEI",
    "type 41",
    "type 63",
  ]);
});

// ---------------------------------------------------------------------------------------------------------------
// The whole H.265 stream of ffmpeg-h265.pcap.

const FILE = "rtp/ffmpeg-h265.pcap";

Deno.test({
  name: "inspectH265() agrees with tshark's H.265 dissector on every packet of ffmpeg-h265.pcap",
  ignore: !hasTshark,
  fn: async () => {
    const rows = await tsharkFields(FILE, ["-d", "udp.port==5004,rtp", "-d", "rtp.pt==96,h265", "-Y", "rtp"], [
      "h265.nal_unit_type",
      "h265.start.bit",
      "h265.end.bit",
    ]);
    let fuTypesAbove31 = 0;
    for (const { frame, bytes } of await rtpDatagrams(FILE)) {
      const t = rows.get(frame)!;
      const p = decodeRtp(bytes);
      ok(!isFailure(p));
      const payload = bytes.subarray(p.payloadOffset, p.payloadOffset + p.payloadLength);
      const info = inspectH265(payload)!;
      const outer = (payload[0]! >> 1) & 0x3f;
      const types = t["h265.nal_unit_type"]!.map(Number);
      strictEqual(types[0], outer, `frame ${frame}: payload header type`);
      if (outer === 49) {
        const fu = payload[2]!;
        // tshark 4.0 masks the FU type with 0x1f instead of 0x3f, so x265's SEI (39) shows as 7: compare 5 bits.
        strictEqual(types[1], fu & 0x1f, `frame ${frame}: FU type`);
        if ((fu & 0x3f) > 31) fuTypesAbove31++;
        deepStrictEqual(
          [info.detail.includes(" start"), info.detail.includes(" end")],
          [t["h265.start.bit"]![0] === "1", t["h265.end.bit"]![0] === "1"],
          `frame ${frame}: ${info.detail}`,
        );
      } else if (outer === 48) {
        // tshark 4.0 does not look inside an AP; the table row above checks what is in ffmpeg's.
        strictEqual(info.detail, "AP VPS SPS PPS", `frame ${frame}`);
      } else {
        strictEqual(info.detail, `single ${h265NalTypeName(outer)}`, `frame ${frame}`);
      }
    }
    ok(fuTypesAbove31 > 10, "the capture has FUs of SEI units, where tshark's 5-bit mask shows");
  },
});

Deno.test("inspectH265() finds one picture start per RTP timestamp and a key frame every 5 pictures", async () => {
  const starts = new Map<number, number>();
  const keyStarts: number[] = [];
  for (const { bytes } of await rtpDatagrams(FILE)) {
    const p = decodeRtp(bytes);
    ok(!isFailure(p));
    const info = inspectH265(bytes, p.payloadOffset, p.payloadLength)!;
    starts.set(p.timestamp, (starts.get(p.timestamp) ?? 0) + (info.frameStart ? 1 : 0));
    if (info.frameStart && info.keyframe) keyStarts.push(p.timestamp);
  }
  ok(starts.size >= 12);
  for (const [ts, n] of starts) strictEqual(n, 1, `timestamp ${ts}`);
  // x265 keyint=5 at 10 fps on a 90 kHz clock: an IDR picture every 5 × 9000 ticks.
  ok(keyStarts.length >= 3);
  keyStarts.forEach((ts, i) => i === 0 || strictEqual((ts - keyStarts[i - 1]! + 2 ** 32) % 2 ** 32, 45000));
});
