import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { type Decoded, isFailure } from "../decode_result.ts";
import { decodeRtp, type RtpPacket } from "./header.ts";
import type { RtpExtensionElement } from "./extensions.ts";
import {
  ABS_SEND_TIME_URI,
  AUDIO_LEVEL_URI,
  decodeWellKnownExtension,
  decodeWellKnownExtensions,
  PLAYOUT_DELAY_URI,
  readAbsSendTime,
  readAudioLevel,
  readTransportWideSequence,
  TOFFSET_URI,
  TRANSPORT_WIDE_CC_URI,
  VIDEO_ORIENTATION_URI,
  WELL_KNOWN_EXTENSIONS,
  type WellKnownExtension,
} from "./well_known_extensions.ts";
import * as F from "./_fixtures.ts";
import { hex } from "./_fixtures.ts";
import { rtpDatagrams, sdpMaps } from "./_testdata.ts";

const AV1_SDP = await sdpMaps("rtp/chrome-av1.sdp");
const VP9_SDP = await sdpMaps("rtp/chrome-vp9-two-byte.sdp");
const VP8_SDP = await sdpMaps("rtp/chrome-vp8.sdp");

function packet(bytes: Uint8Array): RtpPacket {
  const p = decodeRtp(bytes);
  ok(!isFailure(p) && p.extension !== null);
  return p;
}

function decodeAll(bytes: Uint8Array, extmap: ReadonlyMap<number, string>): Decoded<WellKnownExtension>[] {
  return decodeWellKnownExtensions(bytes, packet(bytes).extension!.elements, extmap);
}

// ---------------------------------------------------------------------------------------------------------------
// Real packets, one row each.

const realCases: { name: string; bytes: Uint8Array; extmap: ReadonlyMap<number, string>; want: unknown[] }[] = [
  {
    name: "names abs-send-time, transport-wide-cc, MID and audio level on Chromium's Opus (chrome-av1.pcap frame 7)",
    bytes: F.CHROME_OPUS_ONE_BYTE.bytes,
    extmap: AV1_SDP.extmap,
    want: [
      // 0xbce432 = 12379186; / 2^18 = 47.2228… s (mod 64 s)
      { kind: "abs-send-time", id: 2, raw: 0xbce432, seconds: 0xbce432 / 262144 },
      { kind: "transport-wide-cc", id: 4, sequence: 3 },
      { kind: "mid", id: 9, value: "1" }, // a=mid:1 is the audio section
      { kind: "audio-level", id: 14, voice: true, level: 3 }, // 0x83: V=1, -3 dBov (the page's full-scale 440 Hz tone)
    ],
  },
  {
    name: "names the same elements in the two-byte form, with the MID at ID 16 (chrome-vp9-two-byte.pcap frame 7)",
    bytes: F.CHROME_OPUS_TWO_BYTE.bytes,
    extmap: VP9_SDP.extmap,
    want: [
      { kind: "abs-send-time", id: 2, raw: 0xd039f8, seconds: 0xd039f8 / 262144 },
      { kind: "transport-wide-cc", id: 4, sequence: 3 },
      { kind: "mid", id: 16, value: "1" },
      { kind: "audio-level", id: 12, voice: true, level: 3 },
    ],
  },
  {
    name: "reads the RID and the video orientation and keeps unknown URIs raw (chrome-vp9-two-byte.pcap frame 6)",
    bytes: F.CHROME_VP9_KEY_FRAME.bytes,
    extmap: VP9_SDP.extmap,
    want: [
      { kind: "abs-send-time", id: 2, raw: 0xd035bf, seconds: 0xd035bf / 262144 },
      { kind: "transport-wide-cc", id: 4, sequence: 2 },
      { kind: "mid", id: 16, value: "0" },
      { kind: "rid", id: 10, value: "lo" },
      { kind: "raw", id: 8, uri: "http://www.webrtc.org/experiments/rtp-hdrext/color-space", offset: 34, length: 4 },
      { kind: "video-orientation", id: 3, camera: "front", flip: false, rotation: 0 },
      { kind: "raw", id: 7, uri: "http://www.webrtc.org/experiments/rtp-hdrext/video-timing", offset: 43, length: 13 },
      {
        kind: "raw",
        id: 13,
        uri: "https://aomediacodec.github.io/av1-rtp-spec/#dependency-descriptor-rtp-header-extension",
        offset: 58,
        length: 20,
      },
      {
        kind: "raw",
        id: 14,
        uri: "http://www.webrtc.org/experiments/rtp-hdrext/video-layers-allocation00",
        offset: 80,
        length: 10,
      },
    ],
  },
  {
    name: "reads the repaired RID of an RTX padding probe (chrome-vp9-two-byte.pcap frame 5)",
    bytes: F.CHROME_RTX_PADDING_TWO_BYTE.bytes,
    extmap: VP9_SDP.extmap,
    want: [
      { kind: "mid", id: 16, value: "0" },
      { kind: "repaired-rid", id: 11, value: "lo" },
      { kind: "transport-wide-cc", id: 4, sequence: 1 },
      { kind: "abs-send-time", id: 2, raw: 0xd03358, seconds: 0xd03358 / 262144 },
    ],
  },
  {
    name: "reads toffset, which Chromium sends without abs-send-time (chrome-vp8.pcap frame 5)",
    bytes: F.CHROME_VP8_KEY_FRAME.bytes,
    extmap: VP8_SDP.extmap,
    want: [
      { kind: "toffset", id: 1, offset: 540 }, // 0x00021c ticks of 90 kHz: sent 6 ms after capture
      { kind: "mid", id: 9, value: "0" },
      { kind: "raw", id: 8, uri: "http://www.webrtc.org/experiments/rtp-hdrext/color-space", offset: 23, length: 4 },
      { kind: "video-orientation", id: 3, camera: "front", flip: false, rotation: 0 },
      { kind: "raw", id: 7, uri: "http://www.webrtc.org/experiments/rtp-hdrext/video-timing", offset: 30, length: 13 },
    ],
  },
  {
    name: "keeps every element raw, with a null URI, without an extmap",
    bytes: F.CHROME_OPUS_ONE_BYTE.bytes,
    extmap: new Map(),
    want: [
      { kind: "raw", id: 2, uri: null, offset: 17, length: 3 },
      { kind: "raw", id: 4, uri: null, offset: 21, length: 2 },
      { kind: "raw", id: 9, uri: null, offset: 24, length: 1 },
      { kind: "raw", id: 14, uri: null, offset: 26, length: 1 },
    ],
  },
  {
    name: "reads a playout delay of 100 to 1000 ms (hand-built, see HAND_PLAYOUT_DELAY)",
    bytes: F.HAND_PLAYOUT_DELAY,
    extmap: new Map([[5, PLAYOUT_DELAY_URI]]),
    want: [{ kind: "playout-delay", id: 5, minMs: 100, maxMs: 1000 }],
  },
];

for (const c of realCases) {
  Deno.test(`decodeWellKnownExtensions() ${c.name}`, () => deepStrictEqual(decodeAll(c.bytes, c.extmap), c.want));
}

// ---------------------------------------------------------------------------------------------------------------
// Values and lengths the captures do not show, from the specs' bit layouts.

const element = (length: number): RtpExtensionElement => ({ id: 1, offset: 0, length });
const bitCases: { name: string; uri: string; bytes: Uint8Array; want: unknown }[] = [
  {
    name: "reads a negative toffset as a signed 24-bit number (RFC 5450 §2)",
    uri: TOFFSET_URI,
    bytes: hex`fffffe`,
    want: { kind: "toffset", id: 1, offset: -2 },
  },
  {
    name: "reads C, F and R1 R0 of the video orientation byte (TS 26.114 §7.4.5)",
    uri: VIDEO_ORIENTATION_URI,
    bytes: hex`0f`,
    want: { kind: "video-orientation", id: 1, camera: "back", flip: true, rotation: 270 },
  },
  {
    name: "reads a 90-degree rotation",
    uri: VIDEO_ORIENTATION_URI,
    bytes: hex`01`,
    want: { kind: "video-orientation", id: 1, camera: "front", flip: false, rotation: 90 },
  },
  {
    name: "reads silence without voice as level 127 (RFC 6464 §3)",
    uri: AUDIO_LEVEL_URI,
    bytes: hex`7f`,
    want: { kind: "audio-level", id: 1, voice: false, level: 127 },
  },
  {
    name: "reads the largest playout delay, 40950 ms",
    uri: PLAYOUT_DELAY_URI,
    bytes: hex`ffffff`,
    want: { kind: "playout-delay", id: 1, minMs: 40950, maxMs: 40950 },
  },
  {
    name: "reads abs-send-time 0x400000 as 16 s",
    uri: ABS_SEND_TIME_URI,
    bytes: hex`400000`,
    want: { kind: "abs-send-time", id: 1, raw: 0x400000, seconds: 16 },
  },
  {
    name: "reports a 2-byte abs-send-time as a bad length",
    uri: ABS_SEND_TIME_URI,
    bytes: hex`4000`,
    want: {
      ok: false,
      protocol: "rtp",
      reason: "bad-length",
      offset: 0,
      detail: "abs-send-time extension (ID 1) has 2 bytes, needs 3",
    },
  },
  {
    name: "reports a 1-byte transport-wide sequence as a bad length",
    uri: TRANSPORT_WIDE_CC_URI,
    bytes: hex`40`,
    want: {
      ok: false,
      protocol: "rtp",
      reason: "bad-length",
      offset: 0,
      detail: "transport-wide-cc extension (ID 1) has 1 bytes, needs 2",
    },
  },
  {
    name: "reports an empty audio level (two-byte form allows length 0) as a bad length",
    uri: AUDIO_LEVEL_URI,
    bytes: new Uint8Array(0),
    want: {
      ok: false,
      protocol: "rtp",
      reason: "bad-length",
      offset: 0,
      detail: "audio-level extension (ID 1) has 0 bytes, needs 1",
    },
  },
];

for (const c of bitCases) {
  Deno.test(`decodeWellKnownExtension() ${c.name}`, () => {
    deepStrictEqual(decodeWellKnownExtension(c.bytes, element(c.bytes.length), new Map([[1, c.uri]])), c.want);
  });
}

Deno.test("decodeWellKnownExtension() keeps an element that points past the bytes raw", () => {
  deepStrictEqual(
    decodeWellKnownExtension(hex`01`, { id: 1, offset: 0, length: 3 }, new Map([[1, ABS_SEND_TIME_URI]])),
    { kind: "raw", id: 1, uri: ABS_SEND_TIME_URI, offset: 0, length: 3 },
  );
});

Deno.test("decodeWellKnownExtension() reads a non-ASCII MID as UTF-8", () => {
  deepStrictEqual(
    decodeWellKnownExtension(hex`c3a9 61`, element(3), new Map([[1, "urn:ietf:params:rtp-hdrext:sdes:mid"]])),
    { kind: "mid", id: 1, value: "éa" },
  );
});

Deno.test("the read…() functions agree with the decoders and return -1 when the element is short", () => {
  const b = F.CHROME_OPUS_ONE_BYTE.bytes;
  deepStrictEqual([readAbsSendTime(b, 17, 3), readTransportWideSequence(b, 21, 2), readAudioLevel(b, 26, 1)], [
    0xbce432,
    3,
    0x83,
  ]);
  deepStrictEqual([readAbsSendTime(b, 17, 2), readTransportWideSequence(b, 21, 1), readAudioLevel(b, 26, 0)], [
    -1,
    -1,
    -1,
  ]);
  deepStrictEqual([readAbsSendTime(b, b.length - 2, 3), readTransportWideSequence(b, -1, 2)], [-1, -1]);
});

Deno.test("WELL_KNOWN_EXTENSIONS names the nine URIs this module decodes", () => {
  strictEqual(WELL_KNOWN_EXTENSIONS.size, 9);
  strictEqual(WELL_KNOWN_EXTENSIONS.get(TRANSPORT_WIDE_CC_URI), "transport-wide-cc");
});

// ---------------------------------------------------------------------------------------------------------------
// What the values mean, checked over whole captures.

async function valuesOf(file: string, extmap: ReadonlyMap<number, string>) {
  const out: { timeMicros: number; p: RtpPacket; values: WellKnownExtension[] }[] = [];
  for (const d of await rtpDatagrams(file)) {
    const p = decodeRtp(d.bytes);
    if (isFailure(p) || p.extension === null) continue;
    const values = decodeWellKnownExtensions(d.bytes, p.extension.elements, extmap);
    for (const v of values) ok(!isFailure(v), `${file}: ${isFailure(v) ? v.detail : ""}`);
    out.push({ timeMicros: d.timeMicros, p, values: values as WellKnownExtension[] });
  }
  return out;
}

for (const file of ["rtp/chrome-av1.pcap", "rtp/chrome-vp9-two-byte.pcap"]) {
  Deno.test(`transport-wide sequence numbers count every packet of ${file} without a gap`, async () => {
    const { extmap } = file.includes("av1") ? AV1_SDP : VP9_SDP;
    const seqs = (await valuesOf(file, extmap)).flatMap(({ values }) =>
      values.flatMap((v) => v.kind === "transport-wide-cc" ? [v.sequence] : [])
    );
    ok(seqs.length > 200);
    seqs.forEach((s, i) => i === 0 || strictEqual(s, (seqs[i - 1]! + 1) & 0xffff, `packet ${i}`));
  });

  Deno.test(`abs-send-time follows the capture clock within 5 ms over ${file}`, async () => {
    const { extmap } = file.includes("av1") ? AV1_SDP : VP9_SDP;
    let start: [number, number] | undefined;
    let checked = 0;
    for (const { timeMicros, values } of await valuesOf(file, extmap)) {
      const abs = values.find((v) => v.kind === "abs-send-time");
      if (abs === undefined) continue;
      start ??= [timeMicros, abs.seconds];
      const sent = (abs.seconds - start[1] + 64) % 64; // 6.18 fixed point wraps every 64 s
      ok(Math.abs(sent * 1e6 - (timeMicros - start[0])) < 5000, `abs-send-time ${abs.seconds} at ${timeMicros}`);
      checked++;
    }
    ok(checked > 200);
  });

  Deno.test(`MIDs and RIDs of ${file} match the SDP sections`, async () => {
    const { extmap, rtpmap } = file.includes("av1") ? AV1_SDP : VP9_SDP;
    const seen = new Set<string>();
    for (const { p, values } of await valuesOf(file, extmap)) {
      const codec = rtpmap.get(p.payloadType);
      for (const v of values) {
        if (v.kind === "mid") strictEqual(v.value, codec === "opus" ? "1" : "0"); // a=mid:0 video, a=mid:1 audio
        if (v.kind === "rid" || v.kind === "repaired-rid") strictEqual(v.value, "lo"); // the page's first encoding
        if (v.kind === "repaired-rid") strictEqual(codec, "rtx");
        if (v.kind === "audio-level") strictEqual(codec, "opus");
        seen.add(v.kind);
      }
    }
    ok(seen.has("mid") && seen.has("audio-level") && seen.has("video-orientation"));
    if (file.includes("vp9")) ok(seen.has("rid") && seen.has("repaired-rid"));
  });
}

Deno.test("toffset puts the send time of chrome-vp8.pcap's packets on the capture clock within 5 ms", async () => {
  // RFC 5450 §2: transmission time = RTP timestamp + offset, in the 90 kHz clock; against the capture clock that
  // should be a constant (the clocks' offset) plus the loopback delay.
  const diffs: number[] = [];
  for (const { timeMicros, p, values } of await valuesOf("rtp/chrome-vp8.pcap", VP8_SDP.extmap)) {
    const t = values.find((v) => v.kind === "toffset");
    if (t === undefined || p.payloadType !== 96) continue;
    ok(t.offset >= 0 && t.offset < 9000, `toffset ${t.offset}`);
    diffs.push(timeMicros - ((p.timestamp + t.offset) / 90000) * 1e6);
  }
  ok(diffs.length > 50);
  ok(Math.max(...diffs) - Math.min(...diffs) < 5000, `spread ${Math.max(...diffs) - Math.min(...diffs)} µs`);
});
