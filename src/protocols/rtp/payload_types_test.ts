import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { isFailure } from "../decode_result.ts";
import { decodeRtp } from "./header.ts";
import { isRtcpPayloadTypeRange, payloadTypeClass, staticPayloadType } from "./payload_types.ts";
import { RTP_CAPTURES, rtpDatagrams, TESTDATA } from "./_testdata.ts";

const rows: [number, string, string, number, number][] = [
  [0, "PCMU", "audio", 8000, 1],
  [3, "GSM", "audio", 8000, 1],
  [4, "G723", "audio", 8000, 1],
  [5, "DVI4", "audio", 8000, 1],
  [6, "DVI4", "audio", 16000, 1],
  [7, "LPC", "audio", 8000, 1],
  [8, "PCMA", "audio", 8000, 1],
  [9, "G722", "audio", 8000, 1],
  [10, "L16", "audio", 44100, 2],
  [11, "L16", "audio", 44100, 1],
  [12, "QCELP", "audio", 8000, 1],
  [13, "CN", "audio", 8000, 1],
  [14, "MPA", "audio", 90000, 0],
  [15, "G728", "audio", 8000, 1],
  [16, "DVI4", "audio", 11025, 1],
  [17, "DVI4", "audio", 22050, 1],
  [18, "G729", "audio", 8000, 1],
  [25, "CelB", "video", 90000, 0],
  [26, "JPEG", "video", 90000, 0],
  [28, "nv", "video", 90000, 0],
  [31, "H261", "video", 90000, 0],
  [32, "MPV", "video", 90000, 0],
  [33, "MP2T", "audio/video", 90000, 0],
  [34, "H263", "video", 90000, 0],
];

for (const [payloadType, name, media, clockRate, channels] of rows) {
  Deno.test(`staticPayloadType() gives PT ${payloadType} as ${name}/${clockRate} (RFC 3551 §6)`, () => {
    deepStrictEqual(staticPayloadType(payloadType), { payloadType, name, media, clockRate, channels });
  });
}

Deno.test("staticPayloadType() returns null for reserved, unassigned and dynamic payload types", () => {
  for (const pt of [1, 2, 19, 20, 24, 27, 29, 30, 35, 72, 96, 127, 128, -1]) strictEqual(staticPayloadType(pt), null);
});

Deno.test("payloadTypeClass() sorts every payload type number", () => {
  const counts: Record<string, number> = {};
  for (let pt = 0; pt < 128; pt++) counts[payloadTypeClass(pt)] = (counts[payloadTypeClass(pt)] ?? 0) + 1;
  deepStrictEqual(counts, { static: 24, reserved: 8, unassigned: 64, dynamic: 32 });
  deepStrictEqual([1, 19, 72, 76, 77, 95, 96].map(payloadTypeClass), [
    "reserved",
    "reserved",
    "reserved",
    "reserved",
    "unassigned",
    "unassigned",
    "dynamic",
  ]);
});

Deno.test("isRtcpPayloadTypeRange() flags 64–95, whose byte with M set is an RTCP type (RFC 5761 §4)", () => {
  deepStrictEqual([63, 64, 72, 95, 96].map(isRtcpPayloadTypeRange), [false, true, true, true, false]);
  for (let pt = 0; pt < 128; pt++) strictEqual(isRtcpPayloadTypeRange(pt), (0x80 | pt) >= 192 && (0x80 | pt) <= 223);
});

Deno.test("static payload types in the captures' SDP match RFC 3551, and no RTP packet uses 64–95", async () => {
  let checked = 0;
  for (const capture of RTP_CAPTURES) {
    const sdp = capture.sdp === "" ? "" : await Deno.readTextFile(new URL(capture.sdp, TESTDATA));
    for (const [, pt, name, clock] of sdp.matchAll(/^a=rtpmap:(\d+) ([^/]+)\/(\d+)/gm)) {
      const row = staticPayloadType(Number(pt));
      if (row === null) continue;
      // Chromium lists 0 PCMU, 8 PCMA, 9 G722 and 13 CN, with G722 at 8000 Hz as RFC 3551 §4.5.2 keeps it.
      deepStrictEqual([name, Number(clock)], [row.name, row.clockRate], `${capture.sdp}: a=rtpmap:${pt}`);
      checked++;
    }
    for (const { bytes } of await rtpDatagrams(capture.file)) {
      const p = decodeRtp(bytes);
      ok(!isFailure(p) && !isRtcpPayloadTypeRange(p.payloadType));
    }
  }
  ok(checked >= 8);
});
