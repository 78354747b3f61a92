import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { DECODED_DESCRIPTOR_TAGS, decodeDescriptorBody, decodeDescriptors, descriptorTagName } from "./descriptor.ts";
import { audioTypeName } from "./iso639_language.ts";
import { hierarchyTypeName } from "./hierarchy.ts";
import { dvbServiceTypeName } from "./dvb_service.ts";
import { decodeDvbText } from "./_dvb_text.ts";
import * as F from "../_fixtures.ts";

/** The ES_info loop of the AC-3 stream in h264-ac3-dvb.pcap's PMT (frame 1): registration, AC-3, ISO 639. */
const DVB_AC3_LOOP = F.DVB_PMT.bytes.subarray(27, 42);
/** The same for E-AC-3: registration "EAC3", enhanced AC-3, ISO 639 "deu". */
const DVB_EAC3_LOOP = F.DVB_PMT.bytes.subarray(47, 62);
/** The service loop of demo.pcap's SDT (frame 1). */
const DEMO_SERVICE_LOOP = F.DEMO_SDT.bytes.subarray(21, 43);

Deno.test("decodeDescriptors() reads ffmpeg's DVB AC-3 loop (h264-ac3-dvb.pcap frame 1)", () => {
  const l = decodeDescriptors(DVB_AC3_LOOP, 0, DVB_AC3_LOOP.length);
  deepStrictEqual(l.descriptors.map((d) => [d.tag, d.length, d.name]), [[0x05, 4, "registration"], [0x6a, 1, "AC-3"], [
    0x0a,
    4,
    "ISO 639 language",
  ]]);
  deepStrictEqual(l.descriptors.map((d) => d.decoded), [
    {
      kind: "registration",
      formatIdentifier: 0x41432d33,
      formatIdentifierText: "AC-3",
      additionalInfo: new Uint8Array(0),
    },
    { kind: "dvb_ac3", componentType: null, bsid: null, mainid: null, asvc: null, additionalInfo: new Uint8Array(0) },
    { kind: "iso639_language", languages: [{ code: "eng", audioType: 0 }] },
  ]);
  strictEqual(l.error, null);
});

Deno.test("decodeDescriptors() reads ffmpeg's DVB E-AC-3 loop (h264-ac3-dvb.pcap frame 1)", () => {
  const l = decodeDescriptors(DVB_EAC3_LOOP, 0, DVB_EAC3_LOOP.length);
  deepStrictEqual(l.descriptors.map((d) => d.decoded?.kind), ["registration", "dvb_enhanced_ac3", "iso639_language"]);
  const r = l.descriptors[0]!.decoded;
  strictEqual(r?.kind === "registration" && r.formatIdentifierText, "EAC3");
  const e = l.descriptors[1]!.decoded;
  deepStrictEqual(e?.kind === "dvb_enhanced_ac3" && [e.mixInfoExists, e.substream1, e.componentType], [
    false,
    null,
    null,
  ]);
});

Deno.test("decodeDescriptors() reads the service descriptor of demo.pcap's SDT", () => {
  const l = decodeDescriptors(DEMO_SERVICE_LOOP, 0, DEMO_SERVICE_LOOP.length);
  deepStrictEqual(l.descriptors[0]?.decoded, {
    kind: "dvb_service",
    serviceType: 1,
    providerName: "netpix",
    serviceName: "netpix-demo",
  });
});

// One row per decoded tag, bodies built from the syntax tables cited in each module.
const rows: { name: string; tag: number; body: number[]; want: Record<string, unknown> }[] = [
  {
    name: "video_stream with MPEG-2 fields",
    tag: 0x02,
    body: [0x1a, 0x48, 0x5f],
    want: {
      frameRateCode: 3,
      mpeg1Only: false,
      mpeg2: { profileAndLevel: 0x48, chromaFormat: 1, frameRateExtension: false },
    },
  },
  {
    name: "video_stream for MPEG-1 only (1 byte)",
    tag: 0x02,
    body: [0x1e],
    want: { mpeg1Only: true, constrainedParameter: true, mpeg2: null },
  },
  {
    name: "audio_stream Layer II, variable rate",
    tag: 0x03,
    body: [0x68],
    want: { freeFormat: false, id: 1, layer: 2, variableRate: true },
  },
  {
    name: "hierarchy, temporal scalability",
    tag: 0x04,
    body: [0xb3, 0xc1, 0x80, 0xc2],
    want: { hierarchyType: 3, layerIndex: 1, trefPresent: true, embeddedLayerIndex: 0, channel: 2 },
  },
  {
    name: "registration with additional info",
    tag: 0x05,
    body: [0x4b, 0x4c, 0x56, 0x41, 0x01],
    want: { formatIdentifierText: "KLVA", additionalInfo: new Uint8Array([1]) },
  },
  {
    name: "data_stream_alignment 1 (both tables)",
    tag: 0x06,
    body: [1],
    want: { video: "slice or video access unit", avc: "AVC slice or AVC access unit", audio: "syncword" },
  },
  {
    name: "target_background_grid 1920 × 1080, 16:9",
    tag: 0x07,
    body: [0x1e, 0x00, 0x43, 0x83],
    want: { horizontalSize: 1920, verticalSize: 1080, aspectRatio: 3 },
  },
  {
    name: "video_window",
    tag: 0x08,
    body: [0x00, 0x40, 0x00, 0x81],
    want: { horizontalOffset: 16, verticalOffset: 8, windowPriority: 1 },
  },
  {
    name: "CA with the full 13-bit PID (original shift bug)",
    tag: 0x09,
    body: [0x0b, 0x00, 0xff, 0xfe, 0x01],
    want: { caSystemId: 0x0b00, caPid: 0x1ffe, privateData: new Uint8Array([1]) },
  },
  {
    name: "ISO 639 with two languages",
    tag: 0x0a,
    body: [0x65, 0x6e, 0x67, 0x01, 0x66, 0x72, 0x61, 0x03],
    want: { languages: [{ code: "eng", audioType: 1 }, { code: "fra", audioType: 3 }] },
  },
  { name: "system_clock", tag: 0x0b, body: [0x80, 0x00], want: { externalClockReference: true, accuracyPpm: 30 } },
  {
    name: "multiplex_buffer_utilization",
    tag: 0x0c,
    body: [0x80, 0x10, 0x80, 0x20],
    want: { boundValid: true, ltwOffsetLowerBound: 16, ltwOffsetUpperBound: 32 },
  },
  { name: "copyright", tag: 0x0d, body: [0, 0, 0, 9], want: { copyrightIdentifier: 9 } },
  {
    name: "maximum_bitrate in bytes/s (units of 50, not kbit/s)",
    tag: 0x0e,
    body: [0xc0, 0x00, 0x64],
    want: { maximumBitrate: 100, bytesPerSecond: 5000, bitsPerSecond: 40000 },
  },
  {
    name: "private_data_indicator",
    tag: 0x0f,
    body: [0x44, 0x54, 0x47, 0x31],
    want: { privateDataIndicator: 0x44544731 },
  },
  {
    name: "smoothing_buffer",
    tag: 0x10,
    body: [0xc0, 0x00, 0x0a, 0xc0, 0x10, 0x00],
    want: { leakRate: 10, leakRateBitsPerSecond: 4000, size: 4096 },
  },
  { name: "STD", tag: 0x11, body: [0xfe], want: { leakValid: false } },
  { name: "IBP", tag: 0x12, body: [0xc0, 0x0f], want: { closedGop: true, identicalGop: true, maxGopLength: 15 } },
  { name: "MPEG-4 video", tag: 0x1b, body: [0x08], want: { profileAndLevel: 8 } },
  { name: "MPEG-4 audio", tag: 0x1c, body: [0x2a], want: { profileAndLevel: 0x2a } },
  {
    name: "AVC video",
    tag: 0x28,
    body: [77, 0x40, 30, 0xc0],
    want: {
      profileIdc: 77,
      constraintSets: [false, true, false, false, false, false],
      levelIdc: 30,
      stillPresent: true,
      twentyFourHourPicture: true,
    },
  },
  {
    name: "HEVC video with a temporal layer subset",
    tag: 0x38,
    body: [0x22, 0x20, 0, 0, 0, 0xb0, 0, 0, 0, 0, 0, 120, 0x82, 0xf8, 0xfa],
    want: {
      profileIdc: 2,
      tier: 1,
      levelIdc: 120,
      hdrWcgIdc: 2,
      temporalIdMin: 0,
      temporalIdMax: 2,
      frameOnlyConstraint: true,
    },
  },
  {
    name: "DVB service in UTF-8",
    tag: 0x48,
    body: [0x19, 0x02, 0x15, 0x41, 0x05, 0x15, 0xc3, 0xa9, 0x74, 0xc3],
    want: { serviceType: 0x19, providerName: "A", serviceName: "ét\ufffd" },
  },
  { name: "DVB stream identifier", tag: 0x52, body: [0x01], want: { componentTag: 1 } },
  {
    name: "DVB AC-3 with every optional field",
    tag: 0x6a,
    body: [0xf0, 0x44, 0x08, 0x01, 0x02, 0xaa],
    want: { componentType: 0x44, bsid: 8, mainid: 1, asvc: 2, additionalInfo: new Uint8Array([0xaa]) },
  },
  {
    name: "DVB enhanced AC-3 with substreams",
    tag: 0x7a,
    body: [0x8f, 0x42, 0x01, 0x02, 0x03],
    want: { componentType: 0x42, mixInfoExists: true, substream1: 1, substream2: 2, substream3: 3 },
  },
  { name: "DVB AAC without AAC_type", tag: 0x7c, body: [0x58], want: { profileAndLevel: 0x58, aacType: null } },
];

for (const r of rows) {
  Deno.test(`decodeDescriptorBody() reads ${r.name} (tag 0x${r.tag.toString(16).padStart(2, "0")})`, () => {
    const d = decodeDescriptorBody(r.tag, new Uint8Array(r.body));
    ok(d !== null && "kind" in d, d !== null && "detail" in d ? d.detail : "not decoded");
    deepStrictEqual(
      Object.fromEntries(Object.keys(r.want).map((k) => [k, (d as unknown as Record<string, unknown>)[k]])),
      r.want,
    );
  });
}

Deno.test("decodeDescriptorBody() has a row above for every tag it decodes", () => {
  deepStrictEqual([...new Set(rows.map((r) => r.tag))].sort((a, b) => a - b), DECODED_DESCRIPTOR_TAGS);
  strictEqual(DECODED_DESCRIPTOR_TAGS.length, 26);
});

Deno.test("decodeDescriptorBody() returns a failure, never throws, for every decoded tag with a short body", () => {
  for (const tag of DECODED_DESCRIPTOR_TAGS) {
    for (const n of tag === 0x0a ? [1, 2, 3] : [0]) { // an empty ISO 639 loop is legal
      const d = decodeDescriptorBody(tag, new Uint8Array(n).fill(0xff));
      ok(d !== null && "ok" in d && d.reason === "bad-length", `tag 0x${tag.toString(16)} with ${n} bytes`);
    }
  }
});

Deno.test("decodeDescriptorBody() reports bodies that do not fit their own lengths", () => {
  for (
    const [tag, body] of [
      [0x02, [0x00]],
      [0x0a, [0x65, 0x6e, 0x67]],
      [0x48, [1, 9, 0x41]],
      [0x6a, [0x80]],
      [0x7a, [0x02]],
      [0x7c, [0x58, 0x80]],
      [0x38, [...new Array(12).fill(0), 0x80]],
    ] as const
  ) {
    const d = decodeDescriptorBody(tag, new Uint8Array(body));
    ok(d !== null && "ok" in d, `tag 0x${tag.toString(16)}`);
  }
  strictEqual(decodeDescriptorBody(0x40, new Uint8Array(3)), null);
});

const loopFailures: { name: string; bytes: number[]; length: number; kept: number }[] = [
  {
    name: "stops at a descriptor whose length runs past the loop (original panic §8.3)",
    bytes: [0x52, 1, 7, 0x0a, 200, 0x65],
    length: 6,
    kept: 1,
  },
  { name: "stops at a lone tag byte at the end of the loop", bytes: [0x52, 1, 7, 0x0a], length: 4, kept: 1 },
  { name: "stops when the loop length runs past the bytes", bytes: [0x52, 1, 7], length: 40, kept: 1 },
];
for (const c of loopFailures) {
  Deno.test(`decodeDescriptors() ${c.name}`, () => {
    const l = decodeDescriptors(new Uint8Array(c.bytes), 0, c.length);
    deepStrictEqual([l.descriptors.length, l.error !== null], [c.kept, true]);
  });
}

Deno.test("decodeDescriptors() keeps a descriptor whose body is too short for its syntax, with the error", () => {
  const l = decodeDescriptors(new Uint8Array([0x09, 2, 0x0b, 0x00, 0x52, 1, 3]), 0, 7);
  deepStrictEqual(l.descriptors.map((d) => [d.tag, d.decoded === null, d.error?.reason ?? null]), [[
    0x09,
    true,
    "bad-length",
  ], [0x52, false, null]]);
  strictEqual(l.error, null);
});

Deno.test("descriptorTagName() names every tag", () => {
  deepStrictEqual(
    [0x00, 0x01, 0x02, 0x13, 0x1b, 0x28, 0x38, 0x3a, 0x3f, 0x40, 0x48, 0x52, 0x59, 0x6a, 0x7a, 0x7c, 0x7f, 0x80, 0xff]
      .map(descriptorTagName),
    [
      "reserved",
      "forbidden",
      "video stream",
      "DSM-CC carousel identifier",
      "MPEG-4 video",
      "AVC video",
      "HEVC video",
      "EVC video",
      "extension",
      "network name",
      "service",
      "stream identifier",
      "subtitling",
      "AC-3",
      "enhanced AC-3",
      "AAC",
      "extension (DVB)",
      "user private",
      "forbidden",
    ],
  );
  for (let t = 0; t < 256; t++) ok(descriptorTagName(t).length > 0);
});

Deno.test("the descriptor name helpers cover their tables", () => {
  deepStrictEqual([0, 1, 2, 3, 4, 0x80].map(audioTypeName), [
    "undefined",
    "clean effects",
    "hearing impaired",
    "visual impaired commentary",
    "user private",
    "reserved",
  ]);
  deepStrictEqual([1, 3, 15, 11].map(hierarchyTypeName).map((n) => n.split(",")[0]), [
    "spatial scalability",
    "temporal scalability",
    "base layer",
    "reserved",
  ]);
  deepStrictEqual([0x01, 0x19, 0x1f, 0x80, 0x00].map(dvbServiceTypeName), [
    "digital television",
    "H.264/AVC HD digital television",
    "HEVC digital television",
    "user defined",
    "reserved",
  ]);
});

const texts: { name: string; bytes: number[]; want: string }[] = [
  { name: "reads default-table text as ASCII", bytes: [0x6e, 0x65, 0x74], want: "net" },
  { name: "reads UTF-8 after 0x15", bytes: [0x15, 0xc3, 0xa9], want: "é" },
  { name: "reads ISO/IEC 8859-5 after 0x01", bytes: [0x01, 0xb0], want: "А" },
  { name: "reads ISO/IEC 8859-15 after 0x10 0x00 0x0F", bytes: [0x10, 0x00, 0x0f, 0xa4], want: "€" },
  { name: "reads UCS-2 after 0x11", bytes: [0x11, 0x00, 0x41, 0x00, 0x42], want: "AB" },
  { name: "turns 0x8A into a line break and drops other control codes", bytes: [0x41, 0x86, 0x8a, 0x42], want: "A\nB" },
  { name: "reads nothing as empty", bytes: [], want: "" },
];
for (const t of texts) {
  Deno.test(`decodeDvbText() ${t.name}`, () => strictEqual(decodeDvbText(new Uint8Array(t.bytes)), t.want));
}
