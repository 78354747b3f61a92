import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { isFailure } from "../../decode_result.ts";
import { decodePat } from "./pat.ts";
import { crc32Mpeg2 } from "./crc32.ts";
import * as F from "../_fixtures.ts";

/** A section with its CRC_32 recomputed. */
function withCrc(bytes: number[]): Uint8Array {
  const s = new Uint8Array([...bytes, 0, 0, 0, 0]);
  new DataView(s.buffer).setUint32(s.length - 4, crc32Mpeg2(s, 0, s.length - 4));
  return s;
}

Deno.test("decodePat() reads demo.pcap's PAT: transport stream 1, program 1 on PID 0x1000", () => {
  const pat = decodePat(F.sectionOf(F.DEMO_PAT, 5, 16));
  ok(!isFailure(pat));
  deepStrictEqual([pat.transportStreamId, pat.programs, pat.networkPid, pat.header.crcOk], [
    1,
    [{ programNumber: 1, pmtPid: 0x1000 }],
    null,
    true,
  ]);
});

Deno.test("decodePat() reads the PAT behind an adaptation field (mpeg2-multilang.pcap frame 1)", () => {
  const pat = decodePat(F.sectionOf(F.MULTILANG_PAT, 7, 16));
  ok(!isFailure(pat));
  deepStrictEqual(pat.programs, [{ programNumber: 1, pmtPid: 0x1000 }]);
});

Deno.test("decodePat() reads the service id and PMT PID that h264-ac3-dvb.pcap chose (7 → 0x0200)", () => {
  const pat = decodePat(F.sectionOf(F.DVB_PAT, 5, 16));
  ok(!isFailure(pat));
  deepStrictEqual([pat.programs, pat.header.version], [[{ programNumber: 7, pmtPid: 0x200 }], 3]);
});

Deno.test("decodePat() reads program 0 as the network PID and PIDs in every range", () => {
  const pat = decodePat(
    withCrc([0x00, 0xb0, 0x15, 0x12, 0x34, 0xc3, 0, 0, 0, 0, 0xe0, 0x10, 0, 1, 0xe0, 0x05, 0xff, 0xff, 0xff, 0xff]),
  );
  ok(!isFailure(pat));
  deepStrictEqual([pat.transportStreamId, pat.networkPid, pat.programs, pat.header.version], [
    0x1234,
    0x10,
    [{ programNumber: 1, pmtPid: 0x0005 }, { programNumber: 0xffff, pmtPid: 0x1fff }],
    1,
  ]);
});

const failures: { name: string; bytes: Uint8Array; reason: string }[] = [
  { name: "rejects a PMT", bytes: F.sectionOf(F.DEMO_PMT, 5, 26), reason: "bad-value" },
  {
    name: "rejects a short-form section with table_id 0",
    bytes: new Uint8Array([0x00, 0x30, 0x00]),
    reason: "bad-value",
  },
  {
    name: "rejects a program loop of 3 bytes",
    bytes: withCrc([0x00, 0xb0, 0x0c, 0, 1, 0xc1, 0, 0, 0, 1, 0xf0]),
    reason: "bad-length",
  },
  { name: "passes on a cut section's failure", bytes: F.sectionOf(F.DEMO_PAT, 5, 10), reason: "truncated" },
];
for (const c of failures) {
  Deno.test(`decodePat() ${c.name}`, () => {
    const r = decodePat(c.bytes);
    strictEqual(isFailure(r) && r.reason, c.reason);
  });
}
