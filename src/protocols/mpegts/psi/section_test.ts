import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { isFailure } from "../../decode_result.ts";
import { decodeSection, maxSectionLength, tableIdName } from "./section.ts";
import { withByte } from "../../_fixtures.ts";
import * as F from "../_fixtures.ts";

const PAT = F.sectionOf(F.DEMO_PAT, 5, 16);
const SDT = F.sectionOf(F.DEMO_SDT, 5, 42);

Deno.test("decodeSection() reads the long header of demo.pcap's PAT", () => {
  const s = decodeSection(PAT);
  ok(!isFailure(s));
  deepStrictEqual([s.tableId, s.sectionSyntaxIndicator, s.sectionLength, s.bodyOffset, s.bodyEnd], [
    0,
    true,
    13,
    8,
    12,
  ]);
  deepStrictEqual(s.long, {
    tableIdExtension: 1,
    version: 0,
    currentNext: true,
    sectionNumber: 0,
    lastSectionNumber: 0,
    crc: 0x2ab104b2,
    crcOk: true,
  });
});

Deno.test("decodeSection() reads the SDT of demo.pcap (table_id 0x42, 42 bytes)", () => {
  const s = decodeSection(SDT);
  ok(!isFailure(s));
  deepStrictEqual([s.tableId, s.sectionLength, s.long?.crcOk], [0x42, 39, true]);
});

Deno.test("decodeSection() reports a wrong CRC in crcOk, not as a failure", () => {
  const s = decodeSection(withByte(PAT, 9, 0x02)); // program 2 instead of 1
  ok(!isFailure(s));
  strictEqual(s.long?.crcOk, false);
});

Deno.test("decodeSection() reads a short-form section", () => {
  const s = decodeSection(new Uint8Array([0x70, 0x70, 0x05, 0xe9, 0x41, 0x12, 0x00, 0x00])); // a DVB TDT
  ok(!isFailure(s));
  deepStrictEqual([s.long, s.bodyOffset, s.bodyEnd, s.bytes.length], [null, 3, 8, 8]);
});

const failures: { name: string; bytes: Uint8Array; reason: string }[] = [
  { name: "reports 2 bytes as truncated", bytes: PAT.subarray(0, 2), reason: "truncated" },
  { name: "reports table_id 0xFF as stuffing", bytes: new Uint8Array([0xff, 0xff, 0xff]), reason: "bad-value" },
  {
    name: "reports a PAT section_length of 1022 (over 1021)",
    bytes: new Uint8Array([0x00, 0xb3, 0xfe]),
    reason: "bad-length",
  },
  { name: "reports a private section_length of 4094", bytes: new Uint8Array([0x80, 0xbf, 0xfe]), reason: "bad-length" },
  { name: "reports a section_length past the bytes", bytes: PAT.subarray(0, 15), reason: "truncated" },
  {
    name: "reports a long section under 9 bytes",
    bytes: new Uint8Array([0x00, 0xb0, 0x04, 0, 1, 0xc1, 0, 0]),
    reason: "bad-length",
  },
];
for (const c of failures) {
  Deno.test(`decodeSection() ${c.name}`, () => {
    const s = decodeSection(c.bytes);
    strictEqual(isFailure(s) && s.reason, c.reason);
  });
}

Deno.test("maxSectionLength() allows 1021 bytes for PSI tables and 4093 for private ones", () => {
  deepStrictEqual([0, 1, 2, 3, 4, 0x42, 0xfe].map(maxSectionLength), [1021, 1021, 1021, 1021, 4093, 4093, 4093]);
});

Deno.test("tableIdName() names every table_id", () => {
  deepStrictEqual(
    [0x00, 0x01, 0x03, 0x0b, 0x0c, 0x3b, 0x40, 0x46, 0x4e, 0x60, 0x73, 0x7d, 0x80, 0xff].map(tableIdName),
    [
      "PAT",
      "CAT",
      "TSDT",
      "ISO/IEC 23001-13 media orchestration access unit",
      "reserved",
      "ISO/IEC 13818-6 DSM-CC",
      "NIT actual",
      "SDT other",
      "EIT present/following actual",
      "EIT schedule other",
      "TOT",
      "reserved (DVB)",
      "user private",
      "forbidden (stuffing)",
    ],
  );
  for (let t = 0; t < 256; t++) ok(tableIdName(t).length > 0);
});
