import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { isFailure } from "../../decode_result.ts";
import { decodePmt, type Pmt } from "./pmt.ts";
import { MULTILANG_PMT_SECTION, section } from "./_section_test_helpers.ts";
import * as F from "../_fixtures.ts";

/** Stream type, PID and the decoded descriptor kinds of each stream. */
function summary(p: Pmt): [number, number, string[]][] {
  return p.streams.map((s) => [s.streamType, s.pid, s.descriptors.descriptors.map((d) => d.decoded?.kind ?? d.name)]);
}

function pmt(bytes: Uint8Array): Pmt {
  const r = decodePmt(bytes);
  ok(!isFailure(r), isFailure(r) ? r.detail : "");
  strictEqual(r.header.crcOk, true);
  return r;
}

Deno.test("decodePmt() reads demo.pcap's PMT: H.264 and AAC ADTS, PCR on the video PID", () => {
  const p = pmt(F.sectionOf(F.DEMO_PMT, 5, 26));
  deepStrictEqual([p.programNumber, p.pcrPid, p.error, summary(p)], [1, 0x100, null, [[0x1b, 0x100, []], [
    0x0f,
    0x101,
    [],
  ]]]);
  deepStrictEqual(p.streams.map((s) => [s.streamTypeName, s.kind]), [
    ["ITU-T H.264 | ISO/IEC 14496-10 (AVC) video", "video"],
    ["ISO/IEC 13818-7 AAC audio with ADTS transport syntax", "audio"],
  ]);
});

Deno.test("decodePmt() reads the 197-byte PMT of mpeg2-multilang.pcap with 16 languages", () => {
  const p = pmt(MULTILANG_PMT_SECTION);
  strictEqual(p.streams.length, 17);
  deepStrictEqual(summary(p)[0], [0x02, 0x100, []]);
  const langs = p.streams.slice(1).map((s) => {
    const d = s.descriptors.descriptors[0]?.decoded;
    return d?.kind === "iso639_language" ? d.languages[0]?.code : "?";
  });
  deepStrictEqual(langs.join(" "), "eng deu fra spa ita nld por swe nor dan fin pol ces hun ell tur");
  ok(p.streams.slice(1).every((s) => s.streamType === 0x03 && s.kind === "audio"));
});

Deno.test("decodePmt() reads ffmpeg's DVB AC-3 and E-AC-3 streams (h264-ac3-dvb.pcap)", () => {
  const p = pmt(F.sectionOf(F.DVB_PMT, 5, 61));
  deepStrictEqual([p.programNumber, p.header.version, summary(p)], [7, 3, [
    [0x1b, 0x100, []],
    [0x06, 0x101, ["registration", "dvb_ac3", "iso639_language"]],
    [0x06, 0x102, ["registration", "dvb_enhanced_ac3", "iso639_language"]],
  ]]);
});

Deno.test("decodePmt() reads ffmpeg's ATSC streams: HEVC, AC-3 0x81, E-AC-3 0x87, LATM 0x11 (hevc-atsc.pcap)", () => {
  const p = pmt(F.sectionOf(F.ATSC_PMT, 5, 60));
  deepStrictEqual(summary(p), [
    [0x24, 0x31, ["registration"]],
    [0x81, 0x32, ["registration", "iso639_language"]],
    [0x87, 0x33, ["registration"]],
    [0x11, 0x34, []],
  ]);
  deepStrictEqual(p.streams.map((s) => s.kind), ["video", "audio", "audio", "audio"]);
  const reg = p.streams[0]!.descriptors.descriptors[0]!.decoded;
  strictEqual(reg?.kind === "registration" && reg.formatIdentifierText, "HEVC");
});

Deno.test("decodePmt() reads PIDs in every range, 0x0005–0x000F included (they panicked the original)", () => {
  const p = pmt(
    section([
      0x02,
      0xb0,
      0,
      0,
      9,
      0xc1,
      0,
      0,
      0xe0,
      0x05,
      0xf0,
      0,
      0x2f,
      0xe0,
      0x0f,
      0xf0,
      0,
      0x86,
      0xff,
      0xfe,
      0xf0,
      0,
    ]),
  );
  deepStrictEqual([p.pcrPid, summary(p)], [5, [[0x2f, 0x0f, []], [0x86, 0x1ffe, []]]]);
  deepStrictEqual(p.streams.map((s) => s.streamTypeName), [
    "quality access units in sections",
    "SCTE 35 splice information",
  ]);
});

Deno.test("decodePmt() keeps the streams before an ES_info_length that runs past the section", () => {
  // second entry says ES_info_length 0x20 but only 3 bytes are left before the CRC
  const p = pmt(
    section([
      0x02,
      0xb0,
      0,
      0,
      1,
      0xc1,
      0,
      0,
      0xe1,
      0,
      0xf0,
      0,
      0x1b,
      0xe1,
      0,
      0xf0,
      0,
      0x0f,
      0xe1,
      1,
      0xf0,
      0x20,
      0x52,
      1,
      7,
    ]),
  );
  deepStrictEqual(summary(p), [[0x1b, 0x100, []], [0x0f, 0x101, ["dvb_stream_identifier"]]]);
  strictEqual(p.error?.reason, "bad-length");
});

Deno.test("decodePmt() reports a descriptor that overruns its ES_info loop without throwing (original bug §8.3)", () => {
  // ES_info_length 4 holds an ISO 639 descriptor that claims 8 bytes
  const p = pmt(
    section([0x02, 0xb0, 0, 0, 1, 0xc1, 0, 0, 0xe1, 0, 0xf0, 0, 0x03, 0xe1, 1, 0xf0, 4, 0x0a, 8, 0x65, 0x6e]),
  );
  strictEqual(p.error, null);
  deepStrictEqual([p.streams[0]!.descriptors.descriptors.length, p.streams[0]!.descriptors.error?.reason], [
    0,
    "bad-length",
  ]);
});

Deno.test("decodePmt() reports a program_info_length past the section", () => {
  const p = pmt(section([0x02, 0xb0, 0, 0, 1, 0xc1, 0, 0, 0xe1, 0, 0xf0, 0x40, 0x0e, 3, 0xc0, 0x09, 0xc4]));
  deepStrictEqual([p.streams.length, p.programDescriptors.descriptors.map((d) => d.decoded?.kind), p.error?.reason], [
    0,
    ["maximum_bitrate"],
    "bad-length",
  ]);
});

const failures: { name: string; bytes: Uint8Array; reason: string }[] = [
  { name: "rejects a PAT", bytes: F.sectionOf(F.DEMO_PAT, 5, 16), reason: "bad-value" },
  {
    name: "rejects a PMT too short for PCR_PID",
    bytes: section([0x02, 0xb0, 0, 0, 1, 0xc1, 0, 0, 0xe1]),
    reason: "bad-length",
  },
  { name: "passes on a cut section's failure", bytes: F.sectionOf(F.DEMO_PMT, 5, 20), reason: "truncated" },
];
for (const c of failures) {
  Deno.test(`decodePmt() ${c.name}`, () => {
    const r = decodePmt(c.bytes);
    strictEqual(isFailure(r) && r.reason, c.reason);
  });
}
