import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { isFailure } from "../decode_result.ts";
import { decodePesHeader, hasOptionalPesHeader, type PesHeader, type PesOptionalHeader, streamIdName } from "./pes.ts";
import { pcrBytes, ts33Bytes } from "./_encode.ts";
import * as F from "./_fixtures.ts";

/** The payload of a fixture packet (after its adaptation field). */
const payloadOf = (f: F.TsFixture, afLength: number) => f.bytes.subarray(4 + (afLength >= 0 ? 1 + afLength : 0));

/** A PES header with the given flags byte and header data, stream 0xE0, unbounded length. */
function pes(flags: number, data: number[], b0 = 0x80): Uint8Array {
  return new Uint8Array([0x00, 0x00, 0x01, 0xe0, 0x00, 0x00, b0, flags, data.length, ...data]);
}

/** ESCR (ISO/IEC 13818-1 Table 2-21): reserved (2) base[32..30] m [29..15] m [14..0] m extension (9) m. */
function escrBytes(base: number, extension: number): number[] {
  const top = Math.floor(base / 2 ** 30) & 7, mid = Math.floor(base / 2 ** 15) & 0x7fff, low = base & 0x7fff;
  return [
    0xc0 | (top << 3) | 0x04 | (mid >>> 13),
    (mid >>> 5) & 0xff,
    ((mid & 0x1f) << 3) | 0x04 | (low >>> 13),
    (low >>> 5) & 0xff,
    ((low & 0x1f) << 3) | 0x04 | (extension >>> 7),
    ((extension & 0x7f) << 1) | 1,
  ];
}

type Want = Partial<Omit<PesHeader, "optional">> & { optional?: Partial<PesOptionalHeader> | null };

const cases: { name: string; bytes: Uint8Array; want: Want }[] = [
  {
    name: "reads the PTS of the first video PES (demo.pcap frame 1; tshark: 1.421333333 s)",
    bytes: payloadOf(F.DEMO_VIDEO_PES_START, 7),
    want: {
      streamId: 0xe0,
      packetLength: 0,
      payloadOffset: 14,
      issues: [],
      optional: {
        ptsDtsFlags: 2,
        pts: 127920,
        dts: null,
        dataAlignment: false,
        headerDataLength: 5,
        stuffingLength: 0,
      },
    },
  },
  {
    name: "reads a bounded audio PES with data alignment (demo.pcap frame 52)",
    bytes: payloadOf(F.DEMO_AUDIO_PES_START, 1),
    want: { streamId: 0xc0, packetLength: 2267, optional: { pts: 126000, dts: null, dataAlignment: false } },
  },
  {
    name: "reads PTS and DTS of an MPEG-2 video PES with B-frames (mpeg2-multilang.pcap frame 1)",
    bytes: payloadOf(F.MULTILANG_VIDEO_PES_START, 7),
    want: { streamId: 0xe0, issues: [], optional: { ptsDtsFlags: 3, pts: 129600, dts: 126000, headerDataLength: 10 } },
  },
  {
    name: "reads a 33-bit PTS of 2^33 − 1",
    bytes: pes(0x80, ts33Bytes(2, 2 ** 33 - 1)),
    want: { issues: [], optional: { pts: 2 ** 33 - 1 } },
  },
  {
    name: "reads ESCR, ES rate, trick mode, copy info and CRC without the extension flag (original bug §8.5)",
    bytes: pes(0x3e, [...escrBytes(2 ** 32 + 5, 299), 0x80, 0x09, 0xc5, 0x1d, 0x85, 0xbe, 0xef]),
    want: {
      issues: [],
      optional: {
        ptsDtsFlags: 0,
        pts: null,
        escr: { base: 2 ** 32 + 5, extension: 299, value: (2 ** 32 + 5) * 300 + 299 },
        esRate: 1250, // × 50 bytes/s = 62.5 kB/s
        trickMode: { control: 0, fieldId: 3, intraSliceRefresh: true, frequencyTruncation: 1, repCntrl: null },
        additionalCopyInfo: 5,
        previousPesCrc: 0xbeef,
        extension: null,
      },
    },
  },
  {
    name: "reads every PES extension field",
    bytes: pes(0x01, [
      0xf1, // PES_private_data, pack_header_field, sequence counter, P-STD_buffer, extension 2
      ...Array.from({ length: 16 }, (_, i) => i),
      3,
      0xaa,
      0xbb,
      0xcc, // pack_field_length 3
      0x80 | 42,
      0x80 | 0x40 | 7, // counter 42, MPEG-2, original_stuff_length 7
      0x40 | 0x20 | 0x01,
      0x00, // '01', scale 1, size 256 → 256 × 1024 bytes
      0x81,
      0x71, // PES_extension_field_length 1, stream_id_extension 0x71
    ]),
    want: {
      issues: [],
      optional: {
        extension: {
          privateData: new Uint8Array(Array.from({ length: 16 }, (_, i) => i)),
          packHeader: new Uint8Array([0xaa, 0xbb, 0xcc]),
          sequenceCounter: { counter: 42, mpeg1Mpeg2Identifier: true, originalStuffLength: 7 },
          pStdBuffer: { scale: 1, size: 256, bytes: 262144 },
          extension2: { length: 1, streamIdExtension: 0x71, tref: null },
        },
      },
    },
  },
  {
    name: "reads a TREF in PES extension 2",
    bytes: pes(0x01, [0x01, 0x86, 0xfe, ...ts33Bytes(0xf, 900_000)]), // stream_id_extension_flag 1, tref_extension_flag 0,
    want: {
      issues: [],
      optional: {
        extension: {
          privateData: null,
          packHeader: null,
          sequenceCounter: null,
          pStdBuffer: null,
          extension2: { length: 6, streamIdExtension: null, tref: 900_000 },
        },
      },
    },
  },
  {
    name: "reports the forbidden PTS_DTS_flags '01' and reads no timestamp",
    bytes: pes(0x40, [0xff, 0xff]),
    want: { issues: ["pts-dts-flags-01"], optional: { ptsDtsFlags: 1, pts: null, dts: null, stuffingLength: 2 } },
  },
  {
    name: "reports a cleared PTS marker bit and a wrong prefix",
    bytes: pes(0x80, [0x30, 0x00, 0x01, 0x00, 0x00]),
    want: { issues: ["pts-prefix", "pts-marker"], optional: { pts: 0 } },
  },
  {
    name: "reports an optional header that does not start with '10'",
    bytes: pes(0x00, [], 0x40),
    want: { issues: ["optional-header-marker"], optional: { headerDataLength: 0 } },
  },
  {
    name: "reads a padding stream, which has no optional header",
    bytes: new Uint8Array([0, 0, 1, 0xbe, 0x00, 0x04, 0xff, 0xff, 0xff, 0xff]),
    want: { streamId: 0xbe, packetLength: 4, optional: null, payloadOffset: 6 },
  },
];

for (const c of cases) {
  Deno.test(`decodePesHeader() ${c.name}`, () => {
    const h = decodePesHeader(c.bytes, 0, c.bytes.length);
    ok(!isFailure(h), isFailure(h) ? h.detail : "");
    const { optional, ...top } = c.want;
    deepStrictEqual(Object.fromEntries(Object.keys(top).map((k) => [k, h[k as keyof PesHeader]])), top);
    if (optional === null) strictEqual(h.optional, null);
    else if (optional !== undefined) {
      ok(h.optional !== null);
      const o = h.optional;
      deepStrictEqual(
        Object.fromEntries(Object.keys(optional).map((k) => [k, o[k as keyof PesOptionalHeader]])),
        optional,
      );
    }
  });
}

Deno.test("decodePesHeader() reads each DSM trick mode", () => {
  const modes = [0x00, 0x3f, 0x5f, 0x7f, 0x9f, 0xbf].map((b) => {
    const h = decodePesHeader(pes(0x08, [b]));
    return isFailure(h) ? null : h.optional?.trickMode;
  });
  deepStrictEqual(modes.map((m) => m?.control), [0, 1, 2, 3, 4, 5]);
  deepStrictEqual(modes[1]?.repCntrl, 31);
  deepStrictEqual(modes[2]?.fieldId, 3);
  deepStrictEqual(modes[5], {
    control: 5,
    fieldId: null,
    intraSliceRefresh: null,
    frequencyTruncation: null,
    repCntrl: null,
  });
});

const failures: { name: string; bytes: Uint8Array; reason: string }[] = [
  { name: "reports 5 bytes as truncated", bytes: new Uint8Array([0, 0, 1, 0xe0, 0]), reason: "truncated" },
  {
    name: "reports a missing start code",
    bytes: new Uint8Array([0, 0, 2, 0xe0, 0, 0, 0x80, 0, 0]),
    reason: "bad-value",
  },
  {
    name: "reports an optional header cut after 1 byte",
    bytes: new Uint8Array([0, 0, 1, 0xe0, 0, 0, 0x80]),
    reason: "truncated",
  },
  {
    name: "reports PES_header_data_length past the bytes",
    bytes: new Uint8Array([0, 0, 1, 0xe0, 0, 0, 0x80, 0x80, 5, 0x21]),
    reason: "truncated",
  },
  { name: "reports a PTS flag with 3 bytes of header data", bytes: pes(0x80, [0x21, 0, 1]), reason: "bad-length" },
  { name: "reports a DTS flag with room for the PTS only", bytes: pes(0xc0, ts33Bytes(3, 1)), reason: "bad-length" },
  { name: "reports an ESCR cut short", bytes: pes(0x20, [0xc4, 0, 4]), reason: "bad-length" },
  { name: "reports PES private data cut short", bytes: pes(0x01, [0x80, 1, 2, 3]), reason: "bad-length" },
  { name: "reports a pack header past the header data", bytes: pes(0x01, [0x40, 9, 1]), reason: "bad-length" },
  {
    name: "reports a PES_packet_length shorter than the header",
    bytes: new Uint8Array([0, 0, 1, 0xc0, 0, 4, 0x80, 0x80, 5, ...ts33Bytes(2, 0)]),
    reason: "bad-length",
  },
];
for (const c of failures) {
  Deno.test(`decodePesHeader() ${c.name}`, () => {
    const h = decodePesHeader(c.bytes);
    strictEqual(isFailure(h) && h.reason, c.reason);
  });
}

Deno.test("streamIdName() and hasOptionalPesHeader() follow Table 2-22 for every stream id", () => {
  deepStrictEqual([0xbd, 0xc3, 0xef, 0xf6, 0xff, 0x10].map(streamIdName), [
    "private stream 1",
    "audio stream 3",
    "video stream 15",
    "H.222.1 type C",
    "program stream directory",
    "invalid stream id",
  ]);
  const without = [];
  for (let id = 0; id < 256; id++) if (!hasOptionalPesHeader(id)) without.push(id);
  deepStrictEqual(without, [0xbc, 0xbe, 0xbf, 0xf0, 0xf1, 0xf2, 0xf8, 0xff]);
});

Deno.test("pcrBytes() and the ESCR helper keep the layout the decoders expect", () => {
  deepStrictEqual(pcrBytes(1, 0), [0, 0, 0, 0, 0xfe, 0]);
  deepStrictEqual(escrBytes(0, 0), [0xc4, 0, 0x04, 0, 0x04, 0x01]);
});
