import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { streamKind, streamTypeName } from "./stream_type.ts";

const cases: [number, string, string][] = [
  [0x00, "ITU-T | ISO/IEC reserved", "other"],
  [0x01, "ISO/IEC 11172-2 (MPEG-1) video", "video"],
  [0x02, "ITU-T H.262 | ISO/IEC 13818-2 (MPEG-2) video", "video"],
  [0x03, "ISO/IEC 11172-3 (MPEG-1) audio", "audio"],
  [0x06, "ISO/IEC 13818-1 PES packets containing private data", "data"],
  [0x0f, "ISO/IEC 13818-7 AAC audio with ADTS transport syntax", "audio"],
  [0x11, "ISO/IEC 14496-3 (MPEG-4) audio with LATM transport syntax", "audio"],
  [0x1b, "ITU-T H.264 | ISO/IEC 14496-10 (AVC) video", "video"],
  [0x24, "ITU-T H.265 | ISO/IEC 23008-2 (HEVC) video", "video"],
  [0x2f, "quality access units in sections", "data"], // the original mapped 0x2F to user private (§8 item 6)
  [0x33, "ITU-T H.266 | ISO/IEC 23090-3 (VVC) video", "video"],
  [0x36, "ISO/IEC 23094-2 (LCEVC) video", "video"],
  [0x37, "ITU-T | ISO/IEC reserved", "other"],
  [0x7e, "ITU-T | ISO/IEC reserved", "other"],
  [0x7f, "IPMP stream", "data"],
  [0x81, "ATSC A/52 AC-3 audio", "audio"],
  [0x86, "SCTE 35 splice information", "data"],
  [0x87, "ATSC A/52 E-AC-3 audio", "audio"],
  [0xff, "user private", "other"],
];
for (const [type, name, kind] of cases) {
  Deno.test(`streamTypeName() names 0x${type.toString(16).padStart(2, "0")} "${name}" (${kind})`, () => {
    deepStrictEqual([streamTypeName(type), streamKind(type)], [name, kind]);
  });
}

Deno.test("streamTypeName() names every value from 0 to 255", () => {
  for (let t = 0; t < 256; t++) ok(streamTypeName(t).length > 0);
  strictEqual(new Set(Array.from({ length: 0x37 }, (_, t) => streamTypeName(t))).size, 0x37 - 0); // 0x00–0x36 all distinct
});
