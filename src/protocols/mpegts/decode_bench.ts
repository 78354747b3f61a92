/**
 * Decode throughput on the real MPEG-TS datagrams of tests/testdata/demo.pcap and tests/testdata/mpegts/:
 * `deno bench -A src/protocols/mpegts/`. Each bench name says how many datagrams (of up to 7 TS packets) one
 * iteration decodes; packets per second = packets in the name / time per iteration.
 */
import { isFailure } from "../decode_result.ts";
import { decodeTsDatagram, TsPacketReader, TsStatus } from "./packet.ts";
import { decodePesHeader } from "./pes.ts";
import { SectionAssembler } from "./psi/assembler.ts";
import { decodePmt } from "./psi/pmt.ts";
import { MPEGTS_CAPTURES } from "./_fixtures.ts";
import { readTsDatagrams, type TsDatagramRecord } from "./_captures.ts";
import { MULTILANG_PMT_SECTION } from "./psi/_section_test_helpers.ts";

const datagrams: TsDatagramRecord[] = [];
for (const c of MPEGTS_CAPTURES) datagrams.push(...await readTsDatagrams(c.file, c.port, c.rtp));
const packets = datagrams.reduce((n, d) => n + d.length / 188, 0);
const reader = new TsPacketReader();
let sink = 0;

Deno.bench({
  name: `TsPacketReader, one reused reader: ${datagrams.length} datagrams, ${packets} packets`,
  group: "packets",
  baseline: true,
  fn: () => {
    for (const d of datagrams) {
      if (!reader.begin(d.bytes, d.offset, d.length)) continue;
      while (reader.next()) if (reader.status === TsStatus.Ok && reader.hasPcr) sink += reader.pcr;
    }
  },
});

Deno.bench({
  name: `decodeTsDatagram() objects: ${datagrams.length} datagrams, ${packets} packets`,
  group: "packets",
  fn: () => {
    for (const d of datagrams) {
      const r = decodeTsDatagram(d.bytes, d.offset, d.length);
      if (!isFailure(r)) sink += r.packets.length;
    }
  },
});

Deno.bench({
  name: `reader + PES headers on PUSI + section assembler on PSI PIDs: ${packets} packets`,
  group: "pipeline",
  fn: () => {
    const psi = new SectionAssembler((s) => sink += s.bytes.length);
    for (const d of datagrams) {
      if (!reader.begin(d.bytes, d.offset, d.length)) continue;
      while (reader.next()) {
        const pid = reader.pid;
        if (pid === 0 || pid === 0x11 || pid === 0x1000 || pid === 0x200) psi.pushPacket(d.bytes, reader.offset);
        else if (reader.pusi && reader.payloadLength > 0 && pid !== 0x1fff) {
          const h = decodePesHeader(d.bytes, reader.payloadOffset, reader.payloadLength);
          if (!isFailure(h)) sink += h.optional?.pts ?? 0;
        }
      }
    }
  },
});

Deno.bench({
  name: "1000 × decodePmt() of the 197-byte, 17-stream PMT of mpeg2-multilang.pcap",
  group: "tables",
  fn: () => {
    for (let i = 0; i < 1000; i++) {
      const p = decodePmt(MULTILANG_PMT_SECTION);
      if (!isFailure(p)) sink += p.streams.length;
    }
  },
});

Deno.bench({ name: "keeps the results observable", group: "bookkeeping", fn: () => void (sink &= 0xffff) });
