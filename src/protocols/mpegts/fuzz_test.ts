// Robustness: 260,000 datagrams mutated from real ones (tests/testdata/demo.pcap and tests/testdata/mpegts/*.pcap) go
// through every decoder of this module and the section assembler. Nothing may throw, and a view that throws on any
// read past its end catches out-of-bounds reads. The PRNG is seeded, so a failure replays.
import { ok } from "node:assert/strict";
import { isFailure } from "../decode_result.ts";
import { decodeAdaptationField } from "./adaptation_field.ts";
import { decodeTsDatagram, decodeTsPacket, looksLikeMpegTs, TsPacketReader } from "./packet.ts";
import { decodePesHeader } from "./pes.ts";
import { SectionAssembler } from "./psi/assembler.ts";
import { decodeSection, MAX_SECTION_BYTES } from "./psi/section.ts";
import { decodePat } from "./psi/pat.ts";
import { decodePmt } from "./psi/pmt.ts";
import { decodeCat } from "./psi/cat.ts";
import { decodeSdt } from "./psi/sdt.ts";
import { DECODED_DESCRIPTOR_TAGS, decodeDescriptorBody, decodeDescriptors } from "./descriptors/descriptor.ts";
import { pidName } from "./pid.ts";
import { MPEGTS_CAPTURES } from "./_fixtures.ts";
import { readTsDatagrams } from "./_captures.ts";
import { guarded, seeded } from "../_fuzz.ts";

/** Every table decoder on one section's bytes, whatever its table_id. */
function decodeTables(bytes: Uint8Array): void {
  decodeSection(bytes);
  decodePat(bytes);
  decodeCat(bytes);
  decodeSdt(bytes);
  const pmt = decodePmt(bytes);
  if (!isFailure(pmt)) { for (const s of pmt.streams) ok(s.pid >= 0 && s.pid <= 0x1fff); }
}

const TOTAL = 260_000;

Deno.test(`every MPEG-TS decoder survives ${TOTAL.toLocaleString("en")} mutated real datagrams`, async () => {
  const seeds: Uint8Array[] = [];
  const psiSeeds: Uint8Array[] = [];
  for (const c of MPEGTS_CAPTURES) {
    for (const d of await readTsDatagrams(c.file, c.port, c.rtp)) {
      const payload = d.bytes.slice(d.offset, d.offset + d.length);
      seeds.push(payload);
      // datagrams holding a PAT, PMT, SDT or PES start: the interesting ones to mutate more often
      for (let p = 0; p < payload.length; p += 188) if (payload[p + 1]! & 0x40) psiSeeds.push(payload);
    }
  }
  const rand = seeded(0x7575);
  const pick = <T>(a: T[]) => a[Math.floor(rand() * a.length)]!;
  const reader = new TsPacketReader();
  let sections = 0;
  const assembler = new SectionAssembler((s) => {
    sections++;
    ok(s.bytes.length <= MAX_SECTION_BYTES && s.bytes.length >= 3);
    decodeTables(s.bytes);
  }, 16);
  const sectionFeeds = new Set([0, 0x11, 0x1000, 0x200]);
  let oobChecks = 0;

  for (let i = 0; i < TOTAL; i++) {
    const base = i % 3 === 0 ? pick(psiSeeds) : pick(seeds);
    let bytes = base.slice();
    switch (i % 8) {
      case 0: // bit flips anywhere
      case 1:
        for (let k = 1 + Math.floor(rand() * 8); k > 0; k--) {
          const at = Math.floor(rand() * bytes.length);
          bytes[at] = bytes[at]! ^ (1 << Math.floor(rand() * 8));
        }
        break;
      case 2: // cut anywhere (datagram no longer whole packets; later packets lose their tail)
        bytes = bytes.slice(0, Math.floor(rand() * (bytes.length + 1)));
        break;
      case 3: { // section_length or pointer_field out of bounds in a PUSI packet
        const p = 188 * Math.floor(rand() * (bytes.length / 188));
        const at = p + 4 + (bytes[p + 3]! & 0x20 ? 1 + bytes[p + 4]! : 0);
        if (at + 3 < p + 188) {
          if (rand() < 0.3) bytes[at] = Math.floor(rand() * 256); // pointer_field
          else {
            bytes[at + 2] = (bytes[at + 2]! & 0xf0) | Math.floor(rand() * 16); // section_length high bits
            bytes[at + 3] = Math.floor(rand() * 256);
          }
        }
        break;
      }
      case 4: { // descriptor and ES_info lengths out of bounds: random bytes in the first 40 payload bytes
        const p = 188 * Math.floor(rand() * (bytes.length / 188));
        for (let k = 0; k < 3; k++) bytes[p + 4 + Math.floor(rand() * 40)] = [0, 1, 0x7f, 0xff, 0xf0][k + (i % 3)]!;
        break;
      }
      case 5: { // every PID value, and every AFC / adaptation field length
        const p = 188 * Math.floor(rand() * (bytes.length / 188));
        const pid = (i >>> 3) % 0x2000;
        bytes[p + 1] = (bytes[p + 1]! & 0xe0) | (pid >>> 8);
        bytes[p + 2] = pid & 0xff;
        bytes[p + 3] = (bytes[p + 3]! & 0xcf) | ((i >>> 4) & 0x30);
        if (rand() < 0.5) bytes[p + 4] = Math.floor(rand() * 256);
        if (pidName(pid).length === 0) throw new Error("unnamed PID");
        break;
      }
      case 6: // random bytes behind sync bytes
        for (let k = 0; k < bytes.length; k++) bytes[k] = k % 188 === 0 ? 0x47 : Math.floor(rand() * 256);
        break;
      default: { // a PES header with random flags and lengths
        const p = 188 * Math.floor(rand() * (bytes.length / 188));
        bytes.set([0x47, 0x41, 0x00, 0x10, 0, 0, 1, 0xe0], p);
        for (let k = p + 8; k < Math.min(p + 40, bytes.length); k++) bytes[k] = Math.floor(rand() * 256);
      }
    }
    const view = i % 64 === 0 ? guarded(bytes) : bytes;
    if (view !== bytes) oobChecks++;

    looksLikeMpegTs(view, 0, bytes.length);
    const d = decodeTsDatagram(view, 0, bytes.length);
    const packets = isFailure(d) ? [] : d.packets;
    for (const p of packets) {
      if (isFailure(p)) continue;
      ok(p.payloadOffset + p.payload.length <= bytes.length && p.pid <= 0x1fff);
      if (p.pusi && p.payload.length > 0) decodePesHeader(view, p.payloadOffset, p.payload.length);
      if (p.afc >= 2) decodeAdaptationField(view, p.offset + 4, 184);
    }
    if (isFailure(d)) { for (let p = 0; p < bytes.length; p += 188) decodeTsPacket(view, p); }

    if (reader.begin(view, 0, bytes.length)) {
      while (reader.next()) {
        ok(reader.payloadOffset + reader.payloadLength <= bytes.length);
        if (sectionFeeds.has(reader.pid) || i % 5 === 0) assembler.pushPacket(view, reader.offset);
      }
    } else {
      for (let p = 0; p + 188 <= bytes.length; p += 188) assembler.pushPacket(view, p);
    }

    if (i % 4 === 0 && bytes.length > 20) {
      // the bytes as a section and as descriptor loops and bodies
      const at = Math.floor(rand() * 20);
      decodeTables(view.subarray(at));
      decodeDescriptors(view, at, Math.floor(rand() * 300));
      const tag = DECODED_DESCRIPTOR_TAGS[i % DECODED_DESCRIPTOR_TAGS.length]!;
      decodeDescriptorBody(tag, bytes.subarray(at, at + Math.floor(rand() * 24)));
    }
  }
  ok(sections > 1000, `only ${sections} sections reassembled`);
  ok(oobChecks > 4000);
  const c = assembler.counters();
  for (const k of ["crcErrors", "ccErrors", "lengthErrors", "pointerErrors", "untrackedPackets", "abandoned"]) {
    ok(c[k]! > 0, `the fuzz input never reached ${k}`);
  }
});
