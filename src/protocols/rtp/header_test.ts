import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { isFailure } from "../decode_result.ts";
import { pick } from "../_fixtures.ts";
import { decodeRtp, readCsrc, RTP_STATUS_NAMES, RtpReader, RtpStatus } from "./header.ts";
import * as F from "./_fixtures.ts";
import { concat, withByte } from "./_fixtures.ts";
import { datagrams, decodeAsRtp, hasTshark, readCapture, RTP_CAPTURES, rtpDatagrams, TESTDATA } from "./_testdata.ts";
import { tsharkFields } from "./_testdata.ts";

// ---------------------------------------------------------------------------------------------------------------
// The table fixtures are real packets.

Deno.test("every RTP table fixture equals its frame in the committed capture", async () => {
  for (const [name, fx] of Object.entries(F.ALL_RTP_FIXTURES)) {
    const d = (await datagrams(fx.file)).find((x) => x.frame === fx.frame);
    ok(d !== undefined, `${name}: ${fx.file} has no UDP frame ${fx.frame}`);
    strictEqual(d.bytes.length, fx.udpLength, `${name}: UDP payload length`);
    deepStrictEqual(fx.bytes, d.bytes.slice(0, fx.bytes.length), `${name}: bytes`);
  }
});

// ---------------------------------------------------------------------------------------------------------------
// decodeRtp(): one row per case.

type Want = Record<string, unknown>;
interface Case {
  name: string;
  bytes: Uint8Array;
  offset?: number;
  length?: number;
  want: Want;
}

const cases: Case[] = [
  {
    name: "decodes an Opus packet from ffmpeg (demo.pcap frame 18)",
    bytes: F.DEMO_OPUS.bytes,
    want: {
      version: 2,
      padding: false,
      marker: true,
      payloadType: 111,
      sequence: 30001,
      timestamp: 1084332426,
      ssrc: 0x55667788,
      csrcs: [],
      extension: null,
      headerLength: 12,
      payloadOffset: 12,
      payloadLength: 82,
      paddingLength: 0,
    },
  },
  {
    name: "decodes an H.264 STAP-A from ffmpeg without the marker bit (demo.pcap frame 297)",
    bytes: F.DEMO_H264_STAP_A_SPS_PPS.bytes,
    want: { marker: false, payloadType: 96, sequence: 1065, timestamp: 440497581, ssrc: 0x11223344, payloadLength: 31 },
  },
  {
    name: "reads the CSRC a GStreamer translator adds (gst-csrc.pcap frame 2)",
    bytes: F.GST_OPUS_WITH_CSRC.bytes,
    want: { ssrc: 0x0e0f1011, csrcs: [0x0a0b0c0d], headerLength: 16, payloadOffset: 16, payloadLength: 32 },
  },
  {
    name: "decodes Chromium's one-byte extension block with its four elements (chrome-av1.pcap frame 7)",
    bytes: F.CHROME_OPUS_ONE_BYTE.bytes,
    want: {
      marker: true,
      payloadType: 111,
      sequence: 31393,
      ssrc: 0x9acde651,
      extension: {
        profile: 0xbede,
        form: "one-byte",
        appBits: 0,
        offset: 16,
        length: 12,
        elements: [
          { id: 2, offset: 17, length: 3 },
          { id: 4, offset: 21, length: 2 },
          { id: 9, offset: 24, length: 1 },
          { id: 14, offset: 26, length: 1 },
        ],
        malformed: null,
      },
      headerLength: 28,
      payloadLength: 97,
    },
  },
  {
    name: "decodes Chromium's two-byte extension block (chrome-vp9-two-byte.pcap frame 7)",
    bytes: F.CHROME_OPUS_TWO_BYTE.bytes,
    want: {
      extension: {
        profile: 0x1000,
        form: "two-byte",
        appBits: 0,
        offset: 16,
        length: 16,
        elements: [
          { id: 2, offset: 18, length: 3 },
          { id: 4, offset: 23, length: 2 },
          { id: 16, offset: 27, length: 1 },
          { id: 12, offset: 30, length: 1 },
        ],
        malformed: null,
      },
      headerLength: 32,
      payloadLength: 117,
    },
  },
  {
    name: "takes 255 bytes of padding off a padding-only RTX probe (chrome-av1.pcap frame 5)",
    bytes: F.CHROME_RTX_PADDING_ONE_BYTE.bytes,
    want: { padding: true, payloadType: 46, timestamp: 0, headerLength: 28, payloadLength: 0, paddingLength: 255 },
  },
  {
    name: "keeps an RFC 3550 extension with another profile raw (hand-built)",
    bytes: F.HAND_GENERIC_EXTENSION,
    want: {
      extension: { profile: 0xabac, form: "raw", appBits: 0, offset: 16, length: 8, elements: [], malformed: null },
      payloadOffset: 24,
      payloadLength: 4,
    },
  },
  {
    name: "decodes a packet at an offset, within a length, ignoring the bytes around it",
    bytes: concat(new Uint8Array([1, 2, 3]), F.DEMO_OPUS.bytes, new Uint8Array([0xaa, 0xbb])),
    offset: 3,
    length: 94,
    want: { sequence: 30001, headerLength: 12, payloadOffset: 15, payloadLength: 82 },
  },
  {
    name: "reads the whole packet as payload when the padding count equals it",
    bytes: withByte(withByte(F.DEMO_OPUS.bytes, 0, 0xa0), 93, 82),
    want: { padding: true, payloadLength: 0, paddingLength: 82 },
  },
  {
    name: "moves the extension start past 15 CSRCs",
    bytes: concat(hex16(0x9f, 0x60), new Uint8Array(60), F.CHROME_OPUS_ONE_BYTE.bytes.subarray(12)),
    want: { csrcs: Array(15).fill(0), extension: { offset: 76, length: 12 }, headerLength: 88 },
  },
  {
    name: "reports an empty buffer as truncated",
    bytes: new Uint8Array(0),
    want: { ok: false, reason: "truncated", offset: 0, detail: "RTP header needs 12 bytes, 0 remain" },
  },
  {
    name: "reports 11 bytes as truncated",
    bytes: F.DEMO_OPUS.bytes.subarray(0, 11),
    want: { ok: false, reason: "truncated", offset: 11, detail: "RTP header needs 12 bytes, 11 remain" },
  },
  {
    name: "reports version 1 (byte 0x40) as a bad version",
    bytes: withByte(F.DEMO_OPUS.bytes, 0, 0x40),
    want: { ok: false, reason: "bad-version", offset: 0, detail: "RTP version is 1, not 2" },
  },
  {
    name: "reports a STUN message (first byte 0) as a bad version",
    bytes: new Uint8Array([0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xa4, 0x42, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]),
    want: { ok: false, reason: "bad-version", detail: "RTP version is 0, not 2" },
  },
  {
    name: "reports 15 CSRCs in a 40-byte packet as truncated",
    bytes: withByte(F.DEMO_OPUS.bytes.subarray(0, 40), 0, 0x8f),
    want: { ok: false, reason: "truncated", offset: 40, detail: "RTP header with 15 CSRCs is cut at 40 bytes" },
  },
  {
    name: "reports an extension header cut after its profile as truncated",
    bytes: F.CHROME_OPUS_ONE_BYTE.bytes.subarray(0, 14),
    want: { ok: false, reason: "truncated", detail: "RTP header with 0 CSRCs and an extension is cut at 14 bytes" },
  },
  {
    name: "reports an extension length past the end as a bad length",
    bytes: withByte(F.CHROME_OPUS_ONE_BYTE.bytes, 15, 0xff),
    want: { ok: false, reason: "bad-length", offset: 14, detail: "RTP header extension says 1020 bytes, 109 remain" },
  },
  {
    name: "reports a padding count of 0 as a bad length",
    bytes: withByte(withByte(F.DEMO_OPUS.bytes, 0, 0xa0), 93, 0),
    want: { ok: false, reason: "bad-length", offset: 93, detail: "RTP padding count is 0, 82 bytes follow the header" },
  },
  {
    name: "reports a padding count one more than the bytes after the header as a bad length",
    bytes: withByte(withByte(F.DEMO_OPUS.bytes, 0, 0xa0), 93, 83),
    want: {
      ok: false,
      reason: "bad-length",
      offset: 93,
      detail: "RTP padding count is 83, 82 bytes follow the header",
    },
  },
  {
    name: "reports the padding bit on a header-only packet as a bad length",
    bytes: withByte(F.DEMO_OPUS.bytes.subarray(0, 12), 0, 0xa0),
    want: {
      ok: false,
      reason: "bad-length",
      offset: 12,
      detail: "RTP padding bit is set but no byte follows the header",
    },
  },
  {
    name: "takes a NaN length as the rest of the bytes",
    bytes: F.DEMO_OPUS.bytes.subarray(0, 4),
    length: NaN,
    want: { ok: false, reason: "truncated", detail: "RTP header needs 12 bytes, 4 remain" },
  },
  {
    name: "reports an offset past the end as truncated",
    bytes: F.DEMO_OPUS.bytes,
    offset: 200,
    want: { ok: false, reason: "truncated", offset: 200 },
  },
];

function hex16(a: number, b: number): Uint8Array {
  return concat(new Uint8Array([a, b]), F.DEMO_OPUS.bytes.subarray(2, 12));
}

/** Like `pick`, but compares nested objects by the keys the expectation names. */
function shaped(value: unknown, like: unknown): unknown {
  if (like === null || typeof like !== "object" || Array.isArray(like) || value === null || typeof value !== "object") {
    return value;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(like)) out[k] = shaped((value as Record<string, unknown>)[k], v);
  return out;
}

for (const c of cases) {
  Deno.test(`decodeRtp() ${c.name}`, () => {
    const r = decodeRtp(c.bytes, c.offset, c.length);
    deepStrictEqual(shaped(r, c.want), c.want);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// RtpReader: the same rows, no allocation.

Deno.test("RtpReader.decode() agrees with decodeRtp() on every table row", () => {
  const reader = new RtpReader();
  for (const c of cases) {
    const bytes = c.bytes;
    const okay = reader.decode(bytes, c.offset, c.length);
    const r = decodeRtp(bytes, c.offset, c.length);
    strictEqual(okay, !isFailure(r), c.name);
    if (isFailure(r)) {
      strictEqual(reader.problemOffset, r.offset, c.name);
      continue;
    }
    const { csrcs: _csrcs, extension, ...scalars } = r;
    deepStrictEqual(pick(reader, scalars), scalars, c.name);
    strictEqual(reader.extension, extension !== null, c.name);
    strictEqual(reader.csrcCount, r.csrcs.length, c.name);
    deepStrictEqual(r.csrcs.map((_, i) => readCsrc(bytes, reader, i)), r.csrcs, c.name);
    strictEqual(reader.extensionProfile, r.extension?.profile ?? -1, c.name);
    strictEqual(reader.extensionOffset, r.extension?.offset ?? 0, c.name);
    strictEqual(reader.extensionLength, r.extension?.length ?? 0, c.name);
  }
});

Deno.test("RtpReader.decode() names each status and keeps fields read before a fault", () => {
  const reader = new RtpReader();
  strictEqual(reader.decode(withByte(F.CHROME_OPUS_ONE_BYTE.bytes, 15, 0xff)), false);
  strictEqual(RTP_STATUS_NAMES[reader.status], "bad-extension-length");
  deepStrictEqual(pick(reader, { sequence: 0, ssrc: 0, extension: 0, payloadLength: 0 }), {
    sequence: 31393,
    ssrc: 0x9acde651,
    extension: true,
    payloadLength: 0,
  });
  strictEqual(reader.decode(new Uint8Array([0x40])), false);
  strictEqual(reader.status, RtpStatus.BadVersion);
  strictEqual(reader.version, 1);
  strictEqual(reader.decode(new Uint8Array(0)), false);
  strictEqual(RTP_STATUS_NAMES[reader.status], "truncated");
  strictEqual(RTP_STATUS_NAMES.length, Object.keys(RtpStatus).length);
});

Deno.test("RtpReader.decode() overwrites every field of the previous packet", () => {
  const reused = new RtpReader();
  reused.decode(F.CHROME_RTX_PADDING_TWO_BYTE.bytes);
  reused.decode(F.GST_OPUS_WITH_CSRC.bytes);
  reused.decode(F.DEMO_OPUS.bytes);
  const fresh = new RtpReader();
  fresh.decode(F.DEMO_OPUS.bytes);
  deepStrictEqual({ ...reused }, { ...fresh });
});

Deno.test("readCsrc() returns -1 outside the CSRC list", () => {
  const reader = new RtpReader();
  reader.decode(F.GST_OPUS_WITH_CSRC.bytes);
  deepStrictEqual([0, 1, -1].map((i) => readCsrc(F.GST_OPUS_WITH_CSRC.bytes, reader, i)), [0x0a0b0c0d, -1, -1]);
});

// ---------------------------------------------------------------------------------------------------------------
// Every RTP packet of every capture against tshark.

const TSHARK_HEADER_FIELDS = [
  "frame.protocols",
  "rtp.version",
  "rtp.padding",
  "rtp.padding.count",
  "rtp.ext",
  "rtp.cc",
  "rtp.csrc.item",
  "rtp.marker",
  "rtp.p_type",
  "rtp.seq",
  "rtp.timestamp",
  "rtp.ssrc",
  "rtp.ext.profile",
  "rtp.ext.len",
] as const;

for (const capture of RTP_CAPTURES) {
  Deno.test({
    name: `decodeRtp() and RtpReader agree with tshark on every RTP packet of ${capture.file}`,
    ignore: !hasTshark,
    fn: async () => {
      const rows = await tsharkFields(capture.file, await decodeAsRtp(capture.file), TSHARK_HEADER_FIELDS);
      // tshark's RTP frames: version 2 and not RTCP multiplexed on the port (it dissects STUN there as RTP version 0).
      const tsharkRtp = [...rows].filter(([, t]) =>
        t["rtp.version"]![0] === "2" && /:rtp(:|$)/.test(t["frame.protocols"]![0]!) &&
        !/:rtp:rtcp/.test(t["frame.protocols"]![0]!)
      ).map(([frame]) => frame);
      const packets = await rtpDatagrams(capture.file);
      deepStrictEqual(packets.map((p) => p.frame), tsharkRtp, `${capture.file}: the RTP frames`);
      const reader = new RtpReader();
      for (const { frame, bytes } of packets) {
        const t = rows.get(frame)!;
        const at = `${capture.file} frame ${frame}`;
        const p = decodeRtp(bytes);
        ok(!isFailure(p), `${at}: ${isFailure(p) ? p.detail : ""}`);
        ok(reader.decode(bytes), at);
        const first = (f: (typeof TSHARK_HEADER_FIELDS)[number]) => t[f]![0] ?? "";
        deepStrictEqual(
          {
            ssrc: p.ssrc,
            sequence: p.sequence,
            timestamp: p.timestamp,
            payloadType: p.payloadType,
            marker: p.marker,
            padding: p.padding,
            paddingLength: p.paddingLength,
            csrcs: p.csrcs,
            extension: p.extension === null ? null : [p.extension.profile, p.extension.length / 4],
          },
          {
            ssrc: Number(first("rtp.ssrc")),
            sequence: Number(first("rtp.seq")),
            timestamp: Number(first("rtp.timestamp")),
            payloadType: Number(first("rtp.p_type")),
            marker: first("rtp.marker") === "1",
            padding: first("rtp.padding") === "1",
            paddingLength: Number(first("rtp.padding.count") || 0),
            csrcs: t["rtp.csrc.item"]!.map(Number).slice(0, Number(first("rtp.cc"))),
            extension: first("rtp.ext") === "1"
              ? [Number(first("rtp.ext.profile")), Number(first("rtp.ext.len"))]
              : null,
          },
          at,
        );
        deepStrictEqual(
          [reader.ssrc, reader.sequence, reader.timestamp, reader.payloadLength, reader.paddingLength],
          [p.ssrc, p.sequence, p.timestamp, p.payloadLength, p.paddingLength],
          at,
        );
        strictEqual(p.headerLength + p.payloadLength + p.paddingLength, bytes.length, at);
      }
    },
  });
}

Deno.test("the RTP captures hold every header feature the decoders handle", async () => {
  const seen = new Set<string>();
  let total = 0;
  for (const capture of RTP_CAPTURES) {
    for (const { bytes } of await rtpDatagrams(capture.file)) {
      const p = decodeRtp(bytes);
      if (isFailure(p)) continue;
      total++;
      if (p.csrcs.length > 0) seen.add("csrc");
      if (p.paddingLength > 0) seen.add(p.payloadLength === 0 ? "padding-only" : "padding");
      if (p.extension !== null) seen.add(p.extension.form);
      if (p.marker) seen.add("marker");
    }
  }
  deepStrictEqual([...seen].sort(), ["csrc", "marker", "one-byte", "padding-only", "two-byte"]);
  strictEqual(total, 1124 + 243 + 249 + 94 + 120 + 63 + 73 + 52);
  ok((await readCapture("demo.pcap")).records.length > 0 && TESTDATA.href.endsWith("/tests/testdata/"));
});
