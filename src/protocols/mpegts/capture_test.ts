// Every TS packet of the committed captures (tests/testdata/demo.pcap and tests/testdata/mpegts/*.pcap) decoded here
// and compared with tshark's dissection of the same file: packet headers, adaptation fields and PCRs per frame, the
// PAT and PMT contents per frame, and the PTS/DTS of every PES packet.
import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { isFailure } from "../decode_result.ts";
import { type AssembledSection, SectionAssembler } from "./psi/assembler.ts";
import { decodePat } from "./psi/pat.ts";
import { decodePmt } from "./psi/pmt.ts";
import { decodePesHeader } from "./pes.ts";
import { AdaptationFieldControl, TsPacketReader, TsStatus } from "./packet.ts";
import { MPEGTS_CAPTURES } from "./_fixtures.ts";
import { readTsDatagrams, TESTDATA } from "./_captures.ts";

const hasTshark = (() => {
  try {
    return new Deno.Command("tshark", { args: ["--version"], stdout: "null", stderr: "null" }).outputSync().success;
  } catch {
    return false;
  }
})();

const FIELDS = [
  "frame.number",
  "mp2t.pid",
  "mp2t.cc",
  "mp2t.pusi",
  "mp2t.afc",
  "mp2t.tei",
  "mp2t.tsc",
  "mp2t.af.length",
  "mp2t.af.di",
  "mp2t.af.rai",
  "mp2t.af.pcr",
  "mpeg_pat.prog_num",
  "mpeg_pat.prog_map_pid",
  "mpeg_pmt.pcr_pid",
  "mpeg_pmt.stream.elementary_pid",
  "mpeg_pmt.stream.type",
  "mpeg_descr.lang.code",
  "mpeg_descr.registration.format_identifier",
  "mpeg-pes.stream",
  "mpeg-pes.pts",
  "mpeg-pes.dts",
] as const;
type Field = (typeof FIELDS)[number];
type Row = Record<Field, string[]>;

async function tshark(file: string, port: number, rtp: boolean): Promise<Map<number, Row>> {
  const args = [
    "-r",
    new URL(file, TESTDATA).pathname,
    "-n",
    "-T",
    "fields",
    "-E",
    "separator=|",
    "-E",
    "aggregator=,",
  ];
  if (rtp) args.push("-d", `udp.port==${port},rtp`);
  args.push("-Y", `udp.dstport==${port}`);
  for (const f of FIELDS) args.push("-e", f);
  const out = await new Deno.Command("tshark", { args, stdout: "piped", stderr: "null" }).output();
  ok(out.success, `tshark failed on ${file}`);
  const rows = new Map<number, Row>();
  for (const line of new TextDecoder().decode(out.stdout).trimEnd().split("\n")) {
    const cells = line.split("|");
    const row = {} as Row;
    FIELDS.forEach((f, i) => row[f] = (cells[i] ?? "") === "" ? [] : cells[i]!.split(","));
    rows.set(Number(row["frame.number"][0]), row);
  }
  return rows;
}

/** What this module makes of one frame, in tshark's terms. */
interface Mine {
  pid: number[];
  cc: number[];
  pusi: number[];
  afc: number[];
  tei: number[];
  tsc: number[];
  afLength: number[];
  di: number[];
  rai: number[];
  pcr: number[];
  patProgram: number[];
  patPid: number[];
  pmtPcrPid: number[];
  pmtPid: number[];
  pmtType: number[];
  lang: string[];
  registration: number[];
}

function fresh(): Mine {
  return {
    pid: [],
    cc: [],
    pusi: [],
    afc: [],
    tei: [],
    tsc: [],
    afLength: [],
    di: [],
    rai: [],
    pcr: [],
    patProgram: [],
    patPid: [],
    pmtPcrPid: [],
    pmtPid: [],
    pmtType: [],
    lang: [],
    registration: [],
  };
}

const num = (values: string[]) => values.map((v) => Number(v));

for (const capture of MPEGTS_CAPTURES) {
  Deno.test({
    name: `every TS packet, PAT, PMT and PES header of ${capture.file} matches tshark`,
    ignore: !hasTshark,
    fn: async () => {
      const [datagrams, rows] = await Promise.all([
        readTsDatagrams(capture.file, capture.port, capture.rtp),
        tshark(capture.file, capture.port, capture.rtp),
      ]);
      strictEqual(datagrams.length, rows.size, `${capture.file}: datagram count`);
      const reader = new TsPacketReader();
      let frame = 0;
      let m = fresh();
      const psiPids = new Set<number>([0]);
      const esPids = new Set<number>();
      const myPes = new Map<number, { pts: number[]; dts: number[]; pids: Set<number> }>();
      const theirPes = new Map<number, { pts: number[]; dts: number[] }>();
      let packets = 0;
      let pcrs = 0;
      let pesHeaders = 0;
      let pmts = 0;
      const onSection = (s: AssembledSection) => {
        const at = `${capture.file} frame ${frame}`;
        strictEqual(s.crcOk, true, `${at}: CRC of table 0x${s.tableId.toString(16)} on PID ${s.pid}`);
        if (s.tableId === 0) {
          const pat = decodePat(s.bytes);
          ok(!isFailure(pat), `${at}: PAT`);
          for (const p of pat.programs) {
            m.patProgram.push(p.programNumber);
            m.patPid.push(p.pmtPid);
            psiPids.add(p.pmtPid);
          }
        } else if (s.tableId === 2) {
          const pmt = decodePmt(s.bytes);
          ok(!isFailure(pmt), `${at}: PMT`);
          strictEqual(pmt.error, null, `${at}: PMT error`);
          pmts++;
          m.pmtPcrPid.push(pmt.pcrPid);
          for (const st of pmt.streams) {
            m.pmtPid.push(st.pid);
            m.pmtType.push(st.streamType);
            esPids.add(st.pid);
            strictEqual(st.descriptors.error, null, `${at}: ES_info of PID ${st.pid}`);
            for (const d of st.descriptors.descriptors) {
              strictEqual(d.error, null, `${at}: descriptor 0x${d.tag.toString(16)} failed`);
              if (d.decoded?.kind === "iso639_language") { for (const l of d.decoded.languages) m.lang.push(l.code); }
              if (d.decoded?.kind === "registration") m.registration.push(d.decoded.formatIdentifier);
            }
          }
        }
      };
      const psi = new SectionAssembler(onSection);

      for (const dg of datagrams) {
        const at = `${capture.file} frame ${dg.frame}`;
        const t = rows.get(dg.frame)!;
        ok(t !== undefined, `${at}: tshark has no such frame`);
        m = fresh();
        frame = dg.frame;
        ok(reader.begin(dg.bytes, dg.offset, dg.length), `${at}: not whole TS packets`);
        while (reader.next()) {
          strictEqual(reader.status, TsStatus.Ok, `${at} packet ${reader.index}`);
          packets++;
          m.pid.push(reader.pid);
          m.cc.push(reader.cc);
          m.pusi.push(reader.pusi ? 1 : 0);
          m.afc.push(reader.afc);
          m.tei.push(reader.tei ? 1 : 0);
          m.tsc.push(reader.scrambling);
          if (reader.afLength >= 0) m.afLength.push(reader.afLength);
          if (reader.afLength > 0) {
            m.di.push(reader.discontinuity ? 1 : 0);
            m.rai.push(reader.randomAccess ? 1 : 0);
          }
          if (reader.hasPcr) {
            m.pcr.push(reader.pcr);
            pcrs++;
          }
          if (reader.afc === AdaptationFieldControl.AdaptationOnly) continue;
          if (psiPids.has(reader.pid)) {
            psi.push(dg.bytes, reader.payloadOffset, reader.payloadLength, reader.pid, reader.pusi, reader.cc);
          } else if (esPids.has(reader.pid) && reader.pusi) {
            const h = decodePesHeader(dg.bytes, reader.payloadOffset, reader.payloadLength);
            ok(!isFailure(h), `${at}: PES header on PID ${reader.pid}: ${isFailure(h) ? h.detail : ""}`);
            deepStrictEqual(h.issues, [], `${at}: PES issues`);
            pesHeaders++;
            const entry = myPes.get(h.streamId) ?? { pts: [], dts: [], pids: new Set<number>() };
            myPes.set(h.streamId, entry);
            entry.pids.add(reader.pid);
            if (h.optional?.pts !== null && h.optional?.pts !== undefined) entry.pts.push(h.optional.pts);
            if (h.optional?.dts !== null && h.optional?.dts !== undefined) entry.dts.push(h.optional.dts);
          }
        }
        deepStrictEqual(m.pid, num(t["mp2t.pid"]), `${at}: PIDs`);
        deepStrictEqual(m.cc, num(t["mp2t.cc"]), `${at}: continuity counters`);
        deepStrictEqual(m.pusi, num(t["mp2t.pusi"]), `${at}: PUSI`);
        deepStrictEqual(m.afc, num(t["mp2t.afc"]), `${at}: adaptation_field_control`);
        deepStrictEqual(m.tei, num(t["mp2t.tei"]), `${at}: TEI`);
        deepStrictEqual(m.tsc, num(t["mp2t.tsc"]), `${at}: scrambling control`);
        deepStrictEqual(m.afLength, num(t["mp2t.af.length"]), `${at}: adaptation_field_length`);
        deepStrictEqual(m.di, num(t["mp2t.af.di"]), `${at}: discontinuity_indicator`);
        deepStrictEqual(m.rai, num(t["mp2t.af.rai"]), `${at}: random_access_indicator`);
        deepStrictEqual(m.pcr, num(t["mp2t.af.pcr"]), `${at}: PCR (27 MHz)`);
        deepStrictEqual(m.patProgram, num(t["mpeg_pat.prog_num"]), `${at}: PAT program numbers`);
        deepStrictEqual(m.patPid, num(t["mpeg_pat.prog_map_pid"]), `${at}: PAT PMT PIDs`);
        deepStrictEqual(m.pmtPcrPid, num(t["mpeg_pmt.pcr_pid"]), `${at}: PMT PCR PID`);
        deepStrictEqual(m.pmtPid, num(t["mpeg_pmt.stream.elementary_pid"]), `${at}: PMT elementary PIDs`);
        deepStrictEqual(m.pmtType, num(t["mpeg_pmt.stream.type"]), `${at}: PMT stream types`);
        deepStrictEqual(m.lang, t["mpeg_descr.lang.code"], `${at}: ISO 639 codes`);
        deepStrictEqual(m.registration, num(t["mpeg_descr.registration.format_identifier"]), `${at}: registrations`);

        const streams = t["mpeg-pes.stream"];
        const pts = t["mpeg-pes.pts"];
        // tshark reports a PES packet in the frame that completes it; with one PES per frame (the usual case) the
        // stream ids and PTS line up. DTS values are compared as a whole below.
        if (streams.length === pts.length) {
          streams.forEach((s, i) => {
            const e = theirPes.get(Number(s)) ?? { pts: [], dts: [] };
            theirPes.set(Number(s), e);
            e.pts.push(Math.round(Number(pts[i]) * 90_000));
          });
        }
        const dts = t["mpeg-pes.dts"].map((v) => Math.round(Number(v) * 90_000));
        if (streams.length > 0 && new Set(streams).size === 1) theirPes.get(Number(streams[0]))?.dts.push(...dts);
      }

      // Every PES tshark completed is one this module read; the ones it did not are the last of each PID, which
      // the capture ends inside.
      ok(theirPes.size > 0, `${capture.file}: tshark reported no PES`);
      for (const [streamId, theirs] of theirPes) {
        const mine = myPes.get(streamId);
        ok(mine !== undefined, `${capture.file}: no PES with stream id 0x${streamId.toString(16)}`);
        for (const [what, a, b] of [["PTS", mine.pts, theirs.pts], ["DTS", mine.dts, theirs.dts]] as const) {
          const left = [...a];
          for (const v of b) {
            const i = left.indexOf(v);
            ok(i >= 0, `${capture.file}: tshark's ${what} ${v} of stream 0x${streamId.toString(16)} was not decoded`);
            left.splice(i, 1);
          }
          ok(left.length <= 2 * mine.pids.size, `${capture.file}: ${left.length} extra ${what} values`);
        }
      }
      const theirCount = [...theirPes.values()].reduce((n, e) => n + e.pts.length, 0);
      const myCount = [...myPes.values()].reduce((n, e) => n + e.pts.length, 0);
      const esCount = [...myPes.values()].reduce((n, e) => n + e.pids.size, 0);
      ok(theirCount >= myCount - esCount, `${capture.file}: tshark matched ${theirCount} of ${myCount} PTS values`);
      ok(packets > 0 && pcrs > 0 && pesHeaders > 0 && pmts > 0, `${capture.file}: nothing checked`);
    },
  });
}
