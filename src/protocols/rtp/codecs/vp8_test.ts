import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { isFailure } from "../../decode_result.ts";
import { decodeRtp } from "../header.ts";
import { inspectVp8 } from "./vp8.ts";
import type { CodecPayloadInfo } from "./_info.ts";
import * as F from "../_fixtures.ts";
import { hex } from "../_fixtures.ts";
import { decodeAsRtp, hasTshark, rtpDatagrams, tsharkFields } from "../_testdata.ts";

function payloadOf(fx: F.RtpFixture): Uint8Array {
  const p = decodeRtp(fx.bytes);
  ok(!isFailure(p));
  return fx.bytes.subarray(p.payloadOffset, p.payloadOffset + p.payloadLength);
}

const cases: { name: string; payload: Uint8Array; want: CodecPayloadInfo | null }[] = [
  {
    name: "reads a key frame start with a 15-bit picture ID from ffmpeg (ffmpeg-vp8.pcap frame 2)",
    payload: payloadOf(F.FFMPEG_VP8_KEY_FRAME),
    want: { keyframe: true, frameStart: true, detail: "start key frame, picture ID 0" },
  },
  {
    name: "reads an inter frame start from ffmpeg (ffmpeg-vp8.pcap frame 14)",
    payload: payloadOf(F.FFMPEG_VP8_INTER_FRAME),
    want: { keyframe: false, frameStart: true, detail: "start inter frame, picture ID 1" },
  },
  {
    name: "reads a key frame start from Chromium (chrome-vp8.pcap frame 5)",
    payload: payloadOf(F.CHROME_VP8_KEY_FRAME),
    want: { keyframe: true, frameStart: true, detail: "start key frame, picture ID 4219" },
  },
  // Hand-built from RFC 7741 §4.2's figure.
  {
    name: "reads a descriptor without X",
    payload: hex`10  9d 01 2a`,
    want: { keyframe: false, frameStart: true, detail: "start inter frame" },
  },
  {
    name: "reads a 7-bit picture ID",
    payload: hex`90 80 05  50`,
    want: { keyframe: true, frameStart: true, detail: "start key frame, picture ID 5" },
  },
  {
    name: "skips TL0PICIDX and reads the TID of the T/K byte",
    payload: hex`90 f0 8123 07 80  50`,
    want: { keyframe: true, frameStart: true, detail: "start key frame, picture ID 291, TID 2" },
  },
  {
    name: "skips a K-only byte without naming a TID",
    payload: hex`90 10 05  51`,
    want: { keyframe: false, frameStart: true, detail: "start inter frame" },
  },
  {
    name: "reads the start of partition 1 as no frame start",
    payload: hex`91 80 05  50`,
    want: { keyframe: false, frameStart: false, detail: "start of partition 1, picture ID 5" },
  },
  {
    name: "reads a continuation packet",
    payload: hex`80 80 05  aa`,
    want: { keyframe: false, frameStart: false, detail: "continuation, picture ID 5" },
  },
  {
    name: "reads a frame start whose payload header is missing",
    payload: hex`10`,
    want: { keyframe: false, frameStart: true, detail: "start, no payload header" },
  },
  { name: "returns null for an X byte that is missing", payload: hex`90`, want: null },
  { name: "returns null for a 15-bit picture ID cut after its first byte", payload: hex`90 80 81`, want: null },
  { name: "returns null for a T/K byte that is missing", payload: hex`90 20`, want: null },
  { name: "returns null for an empty payload", payload: new Uint8Array(0), want: null },
];

for (const c of cases) Deno.test(`inspectVp8() ${c.name}`, () => deepStrictEqual(inspectVp8(c.payload), c.want));

// ---------------------------------------------------------------------------------------------------------------
// Whole streams against tshark's VP8 dissector.

for (const file of ["rtp/ffmpeg-vp8.pcap", "rtp/chrome-vp8.pcap"]) {
  Deno.test({
    name: `inspectVp8() agrees with tshark's VP8 dissector on every packet of ${file}`,
    ignore: !hasTshark,
    fn: async () => {
      const options = [...await decodeAsRtp(file), "-d", "rtp.pt==96,vp8", "-Y", "vp8"];
      const rows = await tsharkFields(file, options, [
        "vp8.pld.s",
        "vp8.pld.partid",
        "vp8.pld.pictureid",
        "vp8.hdr.frametype",
      ]);
      let keyframes = 0;
      let starts = 0;
      for (const { frame, bytes } of await rtpDatagrams(file)) {
        const p = decodeRtp(bytes);
        ok(!isFailure(p));
        if (p.payloadType !== 96) continue; // 97 is Chromium's RTX
        const t = rows.get(frame);
        ok(t !== undefined, `frame ${frame}: tshark found no VP8`);
        const info = inspectVp8(bytes, p.payloadOffset, p.payloadLength)!;
        deepStrictEqual(
          {
            keyframe: info.keyframe,
            frameStart: info.frameStart,
            pictureId: /picture ID (\d+)/.exec(info.detail)?.[1],
          },
          {
            keyframe: t["vp8.hdr.frametype"]![0] === "0", // the frame tag's bit 0: 0 for a key frame
            frameStart: t["vp8.pld.s"]![0] === "1" && t["vp8.pld.partid"]![0] === "0",
            pictureId: t["vp8.pld.pictureid"]![0],
          },
          `${file} frame ${frame}: ${info.detail}`,
        );
        if (info.keyframe) keyframes++;
        if (info.frameStart) starts++;
      }
      // ffmpeg: -g 5 over 12 frames; Chromium: its one key frame (keyFramesEncoded 1).
      strictEqual(keyframes, file.includes("ffmpeg") ? 3 : 1);
      ok(starts >= 12);
    },
  });
}
