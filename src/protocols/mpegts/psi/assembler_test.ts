import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { type AssembledSection, SectionAssembler } from "./assembler.ts";
import { MULTILANG_PMT_SECTION, section } from "./_section_test_helpers.ts";
import { concat, withByte } from "../../_fixtures.ts";
import * as F from "../_fixtures.ts";
import { readTsDatagrams } from "../_captures.ts";

const PAT = F.sectionOf(F.DEMO_PAT, 5, 16);
const PMT = F.sectionOf(F.DEMO_PMT, 5, 26);

/** A TS packet (AFC '01') carrying `payload`, padded with 0xFF stuffing. */
function packet(pid: number, pusi: boolean, cc: number, payload: Uint8Array | number[]): Uint8Array {
  const p = new Uint8Array(188).fill(0xff);
  p.set([0x47, (pusi ? 0x40 : 0) | (pid >>> 8), pid & 0xff, 0x10 | (cc & 0x0f)]);
  p.set(Uint8Array.from(payload).subarray(0, 184), 4);
  return p;
}

/** Feeds packets to a fresh assembler and returns it with what it emitted. */
function run(packets: Uint8Array[], maxPids?: number): { a: SectionAssembler; out: AssembledSection[] } {
  const out: AssembledSection[] = [];
  const a = new SectionAssembler((s) => out.push(s), maxPids);
  for (const p of packets) a.pushPacket(p, 0);
  return { a, out };
}

const summary = (out: AssembledSection[]) => out.map((s) => [s.pid, s.tableId, s.bytes.length, s.crcOk]);

Deno.test("SectionAssembler reassembles demo.pcap's PAT from its packet", () => {
  const { a, out } = run([F.DEMO_PAT.bytes]);
  deepStrictEqual(summary(out), [[0, 0, 16, true]]);
  deepStrictEqual(out[0]!.bytes, PAT);
  deepStrictEqual(a.counters(), {
    sections: 1,
    crcErrors: 0,
    ccErrors: 0,
    duplicates: 0,
    abandoned: 0,
    lengthErrors: 0,
    pointerErrors: 0,
    errorPackets: 0,
    untrackedPackets: 0,
  });
});

Deno.test("SectionAssembler joins the 197-byte PMT that spans two packets (mpeg2-multilang.pcap frame 1)", () => {
  const { out } = run([F.MULTILANG_PMT_START.bytes, F.MULTILANG_PMT_END.bytes]);
  deepStrictEqual(summary(out), [[0x1000, 2, 197, true]]);
  deepStrictEqual(out[0]!.bytes, MULTILANG_PMT_SECTION);
});

Deno.test("SectionAssembler completes a section with the bytes before the pointer_field's target (original TODO)", () => {
  // The real 197-byte PMT and the real PAT, repacketized: packet 2 starts with the PMT's last 14 bytes, pointer 14.
  const first = packet(0x1000, true, 0, concat(new Uint8Array([0]), MULTILANG_PMT_SECTION.subarray(0, 183)));
  const second = packet(0x1000, true, 1, concat(new Uint8Array([14]), MULTILANG_PMT_SECTION.subarray(183), PAT));
  const { a, out } = run([first, second]);
  deepStrictEqual(summary(out), [[0x1000, 2, 197, true], [0x1000, 0, 16, true]]);
  strictEqual(a.abandoned, 0);
});

Deno.test("SectionAssembler reads several sections in one packet and stops at 0xFF stuffing", () => {
  const { out } = run([packet(0, true, 0, concat(new Uint8Array([0]), PAT, PMT, PAT))]);
  deepStrictEqual(summary(out), [[0, 0, 16, true], [0, 2, 26, true], [0, 0, 16, true]]);
});

Deno.test("SectionAssembler joins a section whose 3-byte header is cut between packets", () => {
  // pointer_field, the PAT (16), a short-form private section of 166 bytes, then only the PMT's table_id
  const filler = new Uint8Array(166).fill(0x5a);
  filler.set([0x80, 0x70, 163]);
  const p1 = packet(0x20, true, 0, concat(new Uint8Array([0]), PAT, filler, PMT.subarray(0, 1)));
  const p2 = packet(0x20, false, 1, PMT.subarray(1));
  const { out } = run([p1, p2]);
  deepStrictEqual(summary(out), [[0x20, 0x00, 16, true], [0x20, 0x80, 166, null], [0x20, 0x02, 26, true]]);
  deepStrictEqual(out[2]!.bytes, PMT);
});

Deno.test("SectionAssembler drops the section in progress on a continuity gap and counts it", () => {
  const first = packet(0x1000, true, 0, concat(new Uint8Array([0]), MULTILANG_PMT_SECTION.subarray(0, 183)));
  const late = packet(0x1000, false, 2, MULTILANG_PMT_SECTION.subarray(183));
  const { a, out } = run([first, late]);
  deepStrictEqual([out.length, a.ccErrors, a.abandoned], [0, 1, 1]);
});

Deno.test("SectionAssembler ignores a duplicate packet (same continuity counter)", () => {
  const start = withByte(F.MULTILANG_PMT_START.bytes, 5, 0x00); // without its discontinuity_indicator
  const { a, out } = run([start, start, F.MULTILANG_PMT_END.bytes]);
  deepStrictEqual([summary(out), a.duplicates, a.ccErrors], [[[0x1000, 2, 197, true]], 1, 0]);
});

Deno.test("SectionAssembler does not count a gap flagged by discontinuity_indicator as an error", () => {
  const flagged = withByte(withByte(F.MULTILANG_PAT.bytes, 3, 0x39), 5, 0x80); // CC 9 after CC 0, discontinuity set
  const { a, out } = run([F.MULTILANG_PAT.bytes, flagged]);
  deepStrictEqual([out.length, a.ccErrors], [2, 0]);
});

Deno.test("SectionAssembler hands over a section with a bad CRC, flagged and counted", () => {
  const { a, out } = run([withByte(F.DEMO_PAT.bytes, 14, 0x02)]);
  deepStrictEqual([summary(out), a.crcErrors], [[[0, 0, 16, false]], 1]);
});

Deno.test("SectionAssembler rejects a PAT section_length over 1021 and skips the rest of the packet", () => {
  const { a, out } = run([packet(0, true, 0, [0, 0x00, 0xb3, 0xfe, 0, 1]), withByte(F.DEMO_PAT.bytes, 3, 0x11)]);
  deepStrictEqual([a.lengthErrors, summary(out)], [1, [[0, 0, 16, true]]]);
});

Deno.test("SectionAssembler reassembles a 4096-byte private section across 23 packets", () => {
  const big = section([0x90, 0xbf, 0, 0, 1, 0xc1, 0, 0, ...new Uint8Array(4096 - 12).map((_, i) => i & 0xff)]);
  strictEqual(big.length, 4096);
  const packets = [packet(0x30, true, 0, concat(new Uint8Array([0]), big.subarray(0, 183)))];
  for (let at = 183, cc = 1; at < big.length; at += 184, cc++) {
    packets.push(packet(0x30, false, cc, big.subarray(at, at + 184)));
  }
  strictEqual(packets.length, 23);
  const { out } = run(packets);
  deepStrictEqual(summary(out), [[0x30, 0x90, 4096, true]]);
  deepStrictEqual(out[0]!.bytes, big);
});

Deno.test("SectionAssembler counts a pointer_field past the packet", () => {
  const { a, out } = run([packet(0, true, 0, [184])]);
  deepStrictEqual([a.pointerErrors, out.length], [1, 0]);
});

Deno.test("SectionAssembler tracks at most maxPids PIDs and counts the packets it drops", () => {
  const pids = [0, 0x1000, 0x11].map((pid) => packet(pid, true, 0, concat(new Uint8Array([0]), PAT)));
  const { a, out } = run(pids, 2);
  deepStrictEqual([a.trackedPids, a.untrackedPackets, out.length], [2, 1, 2]);
  a.forget(0);
  strictEqual(a.trackedPids, 1);
});

Deno.test("SectionAssembler drops the section in progress when transport_error_indicator is set", () => {
  const tei = withByte(F.MULTILANG_PMT_END.bytes, 1, 0x90);
  const { a, out } = run([F.MULTILANG_PMT_START.bytes, tei]);
  deepStrictEqual([out.length, a.errorPackets, a.abandoned], [0, 1, 1]);
});

Deno.test("SectionAssembler skips adaptation-field-only packets without touching the continuity check", () => {
  const { a, out } = run([
    F.MULTILANG_PMT_START.bytes,
    withByte(F.DEMO_PCR_ONLY.bytes, 1, 0x10),
    F.MULTILANG_PMT_END.bytes,
  ]);
  deepStrictEqual([out.length, a.ccErrors], [1, 0]);
});

Deno.test("SectionAssembler.reset() forgets PIDs and zeroes the counters", () => {
  const { a } = run([withByte(F.DEMO_PAT.bytes, 14, 0x02)]);
  a.reset();
  deepStrictEqual([a.trackedPids, a.sections, a.crcErrors], [0, 0, 0]);
});

Deno.test("SectionAssembler finds every PAT, PMT and SDT of demo.pcap without an error", async () => {
  const out: AssembledSection[] = [];
  const a = new SectionAssembler((s) => out.push(s));
  for (const d of await readTsDatagrams("demo.pcap", 1234, false)) {
    for (let p = d.offset; p < d.offset + d.length; p += 188) {
      const pid = ((d.bytes[p + 1]! & 0x1f) << 8) | d.bytes[p + 2]!;
      if (pid === 0 || pid === 0x11 || pid === 0x1000) a.pushPacket(d.bytes, p);
    }
  }
  const count = (t: number) => out.filter((s) => s.tableId === t).length;
  deepStrictEqual([count(0x00), count(0x02), count(0x42)], [113, 113, 23]); // tests/testdata/README.md
  deepStrictEqual([a.crcErrors, a.ccErrors, a.abandoned, a.duplicates], [0, 0, 0, 0]);
});
