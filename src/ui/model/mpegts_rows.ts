/**
 * MPEG-TS datagram rows and per-flow PSI (PAT, PMTs with their descriptors), read with the shared decoders while
 * packets arrive. The per-flow figures (bitrates, CC errors as tshark counts them, TR 101 290) come from the
 * analysis; this module only labels each TS packet and keeps the tables the info view shows.
 * @module
 */

import { isFailure } from "../../protocols/decode_result.ts";
import { AdaptationFieldControl, TsPacketReader, TsStatus } from "../../protocols/mpegts/packet.ts";
import { Pid, pidName } from "../../protocols/mpegts/pid.ts";
import { type AssembledSection, SectionAssembler } from "../../protocols/mpegts/psi/assembler.ts";
import { decodePat, type Pat } from "../../protocols/mpegts/psi/pat.ts";
import { decodePmt, type Pmt } from "../../protocols/mpegts/psi/pmt.ts";
import type { PacketRow } from "./rows.ts";

/** Most MPEG-TS flows whose PSI is tracked; datagrams of others still get rows, labelled by PID number only. */
export const MAX_TS_FLOWS = 64;

export interface TsCell {
  pid: number;
  label: string;
  /** "pat" | "pmt" | "pcr" | "es" | "null" | "other", for colouring. */
  role: string;
  ccError: boolean;
}

export interface TsRow {
  p: PacketRow;
  flow: string;
  cells: TsCell[];
  /** Σ payload bytes of the TS packets. */
  payloadSize: number;
  ccErrors: number;
  /** Transport packets with a bad sync byte or that did not decode. */
  bad: number;
}

/** PSI of one flow: the latest PAT and PMT (by PMT PID) and how many sections of each were assembled. */
export interface TsFlowPsi {
  key: string;
  pat: Pat | null;
  patSections: number;
  pmts: Map<number, { pmt: Pmt; sections: number }>;
  /** PMT PID → program number, from the PAT. */
  pmtPids: Map<number, number>;
  /** ES PID → stream kind ("video" | "audio" | "data" | "other") and name. */
  es: Map<number, { kind: string; name: string }>;
  pcrPids: Set<number>;
  ccPrev: Int8Array;
  assembler: SectionAssembler;
}

export class TsTracker {
  readonly flows = new Map<string, TsFlowPsi>();
  readonly #reader = new TsPacketReader();
  /** Datagrams of flows beyond {@linkcode MAX_TS_FLOWS}. */
  untracked = 0;

  clear(): void {
    this.flows.clear();
    this.untracked = 0;
  }

  #flow(key: string): TsFlowPsi | null {
    let f = this.flows.get(key);
    if (f) return f;
    if (this.flows.size >= MAX_TS_FLOWS) return null;
    const flow: TsFlowPsi = {
      key,
      pat: null,
      patSections: 0,
      pmts: new Map(),
      pmtPids: new Map(),
      es: new Map(),
      pcrPids: new Set(),
      ccPrev: new Int8Array(8192).fill(-1),
      assembler: new SectionAssembler((s) => this.#onSection(flow, s)),
    };
    this.flows.set(key, f = flow);
    return f;
  }

  #onSection(f: TsFlowPsi, s: AssembledSection): void {
    if (s.pid === Pid.Pat) {
      const pat = decodePat(s.bytes);
      if (isFailure(pat)) return;
      f.pat = pat;
      f.patSections++;
      f.pmtPids.clear();
      for (const p of pat.programs) f.pmtPids.set(p.pmtPid, p.programNumber);
      return;
    }
    if (!f.pmtPids.has(s.pid)) return;
    const pmt = decodePmt(s.bytes);
    if (isFailure(pmt)) return;
    const prev = f.pmts.get(s.pid);
    f.pmts.set(s.pid, { pmt, sections: (prev?.sections ?? 0) + 1 });
    if (pmt.pcrPid !== Pid.Null) f.pcrPids.add(pmt.pcrPid);
    for (const e of pmt.streams) f.es.set(e.pid, { kind: e.kind, name: e.streamTypeName });
  }

  /** Labels the TS packets of one datagram (the UDP or RTP payload at `offset`). */
  row(p: PacketRow, key: string, offset: number, length: number): TsRow {
    const f = this.#flow(key);
    if (!f) this.untracked++;
    const r = this.#reader;
    const cells: TsCell[] = [];
    let payloadSize = 0;
    let ccErrors = 0;
    let bad = 0;
    if (r.begin(p.frame, offset, length)) {
      while (r.next()) {
        if (r.status !== TsStatus.Ok) {
          bad++;
          cells.push({ pid: -1, label: "bad packet", role: "other", ccError: false });
          continue;
        }
        const pid = r.pid;
        const hasPayload = (r.afc & AdaptationFieldControl.PayloadOnly) !== 0;
        payloadSize += r.payloadLength;
        let ccError = false;
        if (f) {
          if (pid === Pid.Pat || f.pmtPids.has(pid)) f.assembler.pushPacket(p.frame, r.offset);
          // ISO/IEC 13818-1 §2.4.3.3: the CC advances by one per packet with payload; one duplicate is allowed, and a
          // discontinuity_indicator excuses a jump. The flow's counts (as tshark's) come from the analysis.
          const prev = f.ccPrev[pid]!;
          if (hasPayload && pid !== Pid.Null) {
            if (prev >= 0 && !r.discontinuity && r.cc !== prev && r.cc !== ((prev + 1) & 15)) ccError = true;
            f.ccPrev[pid] = r.cc;
          }
        }
        if (ccError) ccErrors++;
        cells.push({ pid, ...label(f, pid, r.hasPcr, r.payloadLength), ccError });
      }
    } else bad++;
    return { p, flow: key, cells, payloadSize, ccErrors, bad };
  }
}

function hex(pid: number): string {
  return `0x${pid.toString(16)}`;
}

function label(f: TsFlowPsi | null, pid: number, pcr: boolean, payload: number): { label: string; role: string } {
  if (pid === Pid.Pat) return { label: "PAT", role: "pat" };
  if (pid === Pid.Null) return { label: "null", role: "null" };
  const program = f?.pmtPids.get(pid);
  if (program !== undefined) return { label: `PMT (${hex(pid)} prog ${program})`, role: "pmt" };
  const es = f?.es.get(pid);
  // A partial payload (1–183 bytes) marks a packet padded by its adaptation field, as the original's "*".
  const part = payload > 0 && payload < 184 ? "*" : "";
  if (es) return { label: `${es.kind}${pcr ? " PCR+ES" : " ES"} (${hex(pid)})${part}`, role: "es" };
  if (pcr || f?.pcrPids.has(pid)) return { label: `PCR (${hex(pid)})`, role: "pcr" };
  return { label: `${pidName(pid)} (${hex(pid)})`, role: "other" };
}
