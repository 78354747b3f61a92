/**
 * Statistics of one UDP flow carrying an MPEG-2 transport stream, computed incrementally in capture order: packets,
 * bytes and bitrate per PID and per flow, continuity-counter drops counted exactly as tshark 4.0's `mp2t.cc.drop`, the
 * latest PAT and PMTs, PCR interval, drift and jitter per PCR PID, and the ETSI TR 101 290 priority 1 checks plus the
 * priority 2 PCR, transport-error and CRC checks. Every figure is defined in `MPEGTS_METRICS.md` next to this file.
 *
 * Memory is bounded per flow: flat per-PID tables over the whole 13-bit PID space (about 100 KB), detailed statistics
 * for at most `maxPids` PIDs (the rest are counted in `untrackedPackets`), and the PSI of at most `maxPrograms`
 * programs. {@linkcode MpegTsFlowStats.observe} allocates nothing per TS packet; only a PSI section that completes
 * (a few per 100 ms) and the first packet of a new PID allocate. Flows are bounded by the caller's table, for which
 * {@linkcode MpegTsFlowTable} is a ready-made one with a drop counter.
 *
 * @example Two datagrams of one PID, the second skipping a continuity counter
 * ```ts
 * import { MpegTsFlowStats } from "./mpegts_flow.ts";
 * import { strictEqual } from "node:assert/strict";
 * const packet = (cc: number) => {
 *   const p = new Uint8Array(188).fill(0xff);
 *   p.set([0x47, 0x01, 0x00, 0x10 | cc]); // PID 0x100, payload only
 *   return p;
 * };
 * const flow = new MpegTsFlowStats();
 * flow.observe(packet(0), 0, 188, 10.000);
 * flow.observe(packet(2), 0, 188, 10.001); // CC 1 is missing
 * const s = flow.snapshot();
 * strictEqual(s.ccErrors, 1);
 * strictEqual(s.pids[0]?.ccErrors, 1);
 * strictEqual(s.tr101290.continuityCountError.count, 1);
 * ```
 *
 * @module
 */
// This module is browser compatible.

import {
  type AssembledSection,
  decodePat,
  decodePmt,
  Pid,
  pidName,
  SectionAssembler,
  streamTypeName,
  TS_PACKET_SIZE,
  TsPacketReader,
  TsStatus,
} from "../protocols/mpegts/mod.ts";
import { isFailure } from "../protocols/decode_result.ts";

/** Limits and thresholds of one flow; every field is optional. */
export interface MpegTsFlowOptions {
  /** PIDs with detailed statistics (counts, bitrate, PCR); default 128. CC drops are counted for every PID regardless. */
  maxPids?: number;
  /** Programs whose PMT is kept; default 64. */
  maxPrograms?: number;
  /** TR 101 290 1.3: longest gap between PATs, seconds; default 0.5. */
  patIntervalS?: number;
  /** TR 101 290 1.5: longest gap between PMTs on each PMT PID, seconds; default 0.5. */
  pmtIntervalS?: number;
  /** TR 101 290 1.6: the "user specified period" a referenced PID may be absent, seconds; default 5. */
  pidTimeoutS?: number;
  /** TR 101 290 2.3a: longest PCR interval, seconds; default 0.04. */
  pcrRepetitionS?: number;
  /** TR 101 290 2.3b: largest PCR step without discontinuity_indicator, seconds; default 0.1. */
  pcrDiscontinuityS?: number;
  /** TR 101 290 2.4: largest |PCR_AC|, nanoseconds; default 500. */
  pcrAccuracyNs?: number;
  /** Told of each CC drop and PCR as they are counted (the UI's plots draw them). */
  events?: MpegTsFlowEvents;
}

/** Hooks for a caller that draws what the analysis counts; called as each event is counted. */
export interface MpegTsFlowEvents {
  /** A CC drop on `pid` as `ccErrors` counts it (tshark 4.0's `mp2t.cc.drop`). */
  ccDrop?(pid: number, arrival: number): void;
  /**
   * A PCR of a tracked `pid` and its offset against the capture clock in the current series, seconds:
   * `(arrival − arrival₀) − (PCR − PCR₀) / 27 MHz`, the series restarting where the analysis restarts it.
   */
  pcrOffset?(pid: number, arrival: number, offsetS: number): void;
}

/** One TR 101 290 indicator: how often it fired and when first. */
export interface Tr101290Check {
  count: number;
  /** Arrival (seconds, as passed to observe) of the packet or datagram at which it first fired; null if never. */
  firstSeen: number | null;
}

/** ETSI TR 101 290 priority 1 and the priority 2 checks this module makes (§5.2.1, §5.2.2). */
export interface Tr101290Report {
  /** 1.1: sync lost (two or more consecutive bad sync bytes after sync was acquired with five good ones). */
  tsSyncLoss: Tr101290Check;
  /** 1.2: TS packets whose first byte is not 0x47. */
  syncByteError: Tr101290Check;
  /** 1.3: PAT gap > `patIntervalS`, a table_id other than 0x00 on PID 0, or a scrambled PID 0 packet. */
  patError: Tr101290Check;
  /** 1.4: per-PID continuity errors by ISO/IEC 13818-1 §2.4.3.3 (see MPEGTS_METRICS.md; differs from `ccErrors`). */
  continuityCountError: Tr101290Check;
  /** 1.5: PMT gap > `pmtIntervalS` on a PMT PID of the PAT, or a scrambled PMT packet. */
  pmtError: Tr101290Check;
  /** 1.6: an elementary PID of a PMT absent for more than `pidTimeoutS`. */
  pidError: Tr101290Check;
  /** 2.1: packets with transport_error_indicator set. */
  transportError: Tr101290Check;
  /** 2.2: long-form PSI sections (PAT, PMT) whose CRC_32 does not check. */
  crcError: Tr101290Check;
  /** 2.3a: PCR step (PCR-value difference of consecutive PCRs of a PID) > `pcrRepetitionS`. */
  pcrRepetitionError: Tr101290Check;
  /** 2.3b: PCR step outside 0 … `pcrDiscontinuityS` without discontinuity_indicator. */
  pcrDiscontinuityIndicatorError: Tr101290Check;
  /** 2.4: |PCR_AC| > `pcrAccuracyNs` (byte-position based; meaningful for constant-rate multiplexes only). */
  pcrAccuracyError: Tr101290Check;
}

/** PCR figures of one PID that carries PCRs. Intervals over consecutive PCRs of the PID. */
export interface PcrSnapshot {
  pcrs: number;
  /** Arrival-time interval between consecutive PCR packets, ms. */
  minIntervalMs: number | null;
  meanIntervalMs: number | null;
  maxIntervalMs: number | null;
  /** PCR-value step between consecutive PCRs (the sender's spacing), ms; steps flagged as discontinuities excluded. */
  minPcrStepMs: number | null;
  maxPcrStepMs: number | null;
  /** Offset `(arrival − arrival₀) − (PCR − PCR₀)/27 MHz` of the PCR against the capture clock: min, max, ms. */
  minOffsetMs: number | null;
  maxOffsetMs: number | null;
  /** `maxOffsetMs − minOffsetMs`: peak-to-peak PCR overall jitter against arrival, unfiltered (PCR_OJ-like), ms. */
  overallJitterMs: number | null;
  /** Least-squares slope of PCR time against arrival time, minus 1, × 10⁶ (PCR_FO-like, capture clock as reference). */
  driftPpm: number | null;
  /** Largest |PCR_AC| (PCR against the PCR predicted from its byte position and the fitted TS rate), ns. */
  maxAccuracyNs: number | null;
  /** TS rate fitted from PCRs and byte positions (the rate PCR_AC uses), bit/s. */
  pcrBitrateBps: number | null;
  repetitionErrors: number;
  discontinuityErrors: number;
  accuracyErrors: number;
  /** PCRs whose packet had discontinuity_indicator set (the PCR series restarts there). */
  discontinuities: number;
}

/** One PID of the flow. */
export interface PidSnapshot {
  pid: number;
  /** {@linkcode pidName}, or the stream type name for a PID of a PMT, or "PMT" for a PMT PID. */
  name: string;
  /** stream_type from the latest PMT that lists this PID, or null. */
  streamType: number | null;
  packets: number;
  /** packets × 188. */
  bytes: number;
  /** bytes × 8 / flow duration / 1000; null when the flow lasted 0 s. */
  bitrateKbps: number | null;
  firstSeen: number;
  lastSeen: number;
  /** tshark-compatible CC drops on this PID (see `MpegTsFlowSnapshot.ccErrors`). */
  ccErrors: number;
  /** Σ TS packets missing according to the CC (tshark's `mp2t.analysis.skips`). */
  ccSkips: number;
  /** TR 101 290 1.4 errors on this PID. */
  continuityCountErrors: number;
  /** Packets with transport_scrambling_control ≠ 00. */
  scrambled: number;
  /** Packets with transport_error_indicator. */
  transportErrors: number;
  /** PCR statistics, or null if the PID carried no PCR. */
  pcr: PcrSnapshot | null;
}

/** One elementary stream of a program. */
export interface EsSnapshot {
  pid: number;
  streamType: number;
  streamTypeName: string;
}

/** The latest PMT of one program. */
export interface ProgramSnapshot {
  programNumber: number;
  pmtPid: number;
  /** version_number of the latest PMT, or null before one arrived. */
  pmtVersion: number | null;
  pcrPid: number | null;
  streams: EsSnapshot[];
}

/** Everything {@linkcode MpegTsFlowStats.snapshot} reports. */
export interface MpegTsFlowSnapshot {
  /** Datagrams passed to observe. */
  datagrams: number;
  /** Datagrams that were not 1–7 whole TS packets (ignored). */
  badDatagrams: number;
  /** TS packets walked. */
  tsPackets: number;
  /** tsPackets × 188. */
  tsBytes: number;
  firstSeen: number | null;
  lastSeen: number | null;
  durationS: number;
  /** tsBytes × 8 / durationS / 1000; null when durationS is 0. */
  bitrateKbps: number | null;
  /** Continuity-counter drops exactly as tshark 4.0 flags `mp2t.cc.drop` (see MPEGTS_METRICS.md). */
  ccErrors: number;
  /** Σ TS packets missing by CC (tshark's `mp2t.analysis.skips`). */
  ccSkips: number;
  /** PIDs seen, tracked or not. */
  pidsSeen: number;
  /** Packets of PIDs beyond `maxPids` (they still count in ccErrors and TR 101 290 1.4). */
  untrackedPackets: number;
  /** Tracked PIDs, ascending. */
  pids: PidSnapshot[];
  /** transport_stream_id of the latest PAT, or null. */
  transportStreamId: number | null;
  patVersion: number | null;
  /** Programs of the latest PAT, ascending program_number, with their latest PMTs. */
  programs: ProgramSnapshot[];
  /** Programs of the PAT beyond `maxPrograms`. */
  untrackedPrograms: number;
  tr101290: Tr101290Report;
}

/** 13-bit PID space. */
const PID_COUNT = 8192;
/** 27 MHz ticks per second (ISO/IEC 13818-1 §2.4.2.1). */
const PCR_HZ = 27_000_000;
/** PCR wraps after 2^33 × 300 ticks. */
const PCR_WRAP = 8589934592 * 300;
/** Sync: acquired after 5 good sync bytes, lost after 2 bad (TR 101 290 §5.2.1 1.1). */
const SYNC_ACQUIRE = 5;
const SYNC_LOSE = 2;
/** PCR_AC needs this many PCRs in the fit before it is judged. */
const PCR_AC_WARMUP = 10;
/** Role bits of a PID in the latest PSI. */
const ROLE_PMT = 1;
const ROLE_ES = 2;

class Check implements Tr101290Check {
  count = 0;
  firstSeen: number | null = null;
  fire(at: number): void {
    if (this.count++ === 0) this.firstSeen = at;
  }
  toJSON(): Tr101290Check {
    return { count: this.count, firstSeen: this.firstSeen };
  }
}

/** A timer for one "must occur every N seconds" rule: fires once per gap. */
interface Deadline {
  pid: number;
  /** Time the gap started (last occurrence, or when the PID was first referenced). */
  since: number;
  fired: boolean;
}

class PcrState {
  pcrs = 0;
  lastPcr = 0;
  lastArrival = 0;
  intervalCount = 0;
  intervalSum = 0;
  minInterval = Infinity;
  maxInterval = 0;
  minStep = Infinity;
  maxStep = 0;
  repetitionErrors = 0;
  discontinuityErrors = 0;
  accuracyErrors = 0;
  discontinuities = 0;
  // series since the last restart: extended PCR (ticks since the series' first PCR)
  ext = 0;
  baseArrival = 0;
  minOffset = Infinity;
  maxOffset = -Infinity;
  // least-squares PCR seconds (y) on arrival seconds (x), co-moment form, over the whole flow (series chained)
  driftN = 0;
  driftMeanX = 0;
  driftMeanY = 0;
  driftM2X = 0;
  driftCXY = 0;
  driftOriginY = 0; // PCR seconds of earlier series, so series chain without a step
  // least-squares extended PCR ticks (y) on TS packet index (x), per series, for PCR_AC
  acN = 0;
  acBaseIndex = 0;
  acMeanX = 0;
  acMeanY = 0;
  acM2X = 0;
  acCXY = 0;
  maxAccuracyNs = 0;
  hasAccuracy = false;

  /**
   * Starts a new PCR series (first PCR, discontinuity_indicator, or a PCR discontinuity error). The drift fit chains
   * across series by assuming the PCR clock advanced by `gap` (the arrival gap) at the break.
   */
  restartSeries(arrival: number, packetIndex: number, gap: number): void {
    this.driftOriginY += this.ext / PCR_HZ + gap;
    this.ext = 0;
    this.baseArrival = arrival;
    this.acN = 0;
    this.acBaseIndex = packetIndex;
    this.acMeanX = 0;
    this.acMeanY = 0;
    this.acM2X = 0;
    this.acCXY = 0;
  }
}

class PidSlot {
  packets = 0;
  firstSeen = 0;
  lastSeen = 0;
  ccErrors = 0;
  ccSkips = 0;
  continuityCountErrors = 0;
  scrambled = 0;
  transportErrors = 0;
  pcr: PcrState | null = null;
  constructor(readonly pid: number) {}
}

interface ProgramState {
  programNumber: number;
  pmtPid: number;
  pmtVersion: number | null;
  pmtCrc: number;
  pcrPid: number | null;
  streams: EsSnapshot[];
}

/**
 * Incremental statistics of one MPEG-TS UDP flow. Feed every datagram of the flow to
 * {@linkcode MpegTsFlowStats.observe} in capture order; read figures with {@linkcode MpegTsFlowStats.snapshot}.
 *
 * @example The PAT of tests/testdata/demo.pcap frame 1
 * ```ts
 * import { MpegTsFlowStats } from "./mpegts_flow.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const pat = new Uint8Array(188).fill(0xff);
 * pat.set([0x47, 0x40, 0x00, 0x10, 0x00,
 *   0x00, 0xb0, 0x0d, 0x00, 0x01, 0xc1, 0x00, 0x00, 0x00, 0x01, 0xf0, 0x00, 0x2a, 0xb1, 0x04, 0xb2]);
 * const flow = new MpegTsFlowStats();
 * flow.observe(pat, 0, 188, 1);
 * const s = flow.snapshot();
 * deepStrictEqual([s.transportStreamId, s.patVersion, s.programs.map((p) => [p.programNumber, p.pmtPid])], [1, 0, [[1, 0x1000]]]);
 * ```
 */
export class MpegTsFlowStats {
  readonly #maxPids: number;
  readonly #maxPrograms: number;
  readonly #patInterval: number;
  readonly #pmtInterval: number;
  readonly #pidTimeout: number;
  readonly #pcrRepetition: number;
  readonly #pcrDiscontinuityTicks: number;
  readonly #pcrAccuracyNs: number;
  readonly #events: MpegTsFlowEvents | undefined;

  readonly #reader = new TsPacketReader();
  readonly #psi: SectionAssembler;
  #now = 0;

  #datagrams = 0;
  #badDatagrams = 0;
  #tsPackets = 0;
  #firstSeen = 0;
  #lastSeen = 0;
  #ccErrors = 0;
  #ccSkips = 0;
  #pidsSeen = 0;
  #untracked = 0;

  /** tshark's cc_prev per PID, -1 before the first packet. */
  readonly #ccPrev = new Int8Array(PID_COUNT).fill(-1);
  /** TR 101 290 1.4: CC of the last payload packet per PID, -1 before the first. */
  readonly #trCc = new Int8Array(PID_COUNT).fill(-1);
  /** TR 101 290 1.4: consecutive repeats of that CC. */
  readonly #trRepeats = new Uint8Array(PID_COUNT);
  /** Last arrival per PID, -1 before the first packet (TR 101 290 1.6). */
  readonly #lastSeenAll = new Float64Array(PID_COUNT).fill(-1);
  /** Index into #slots, -1 untracked, -2 never seen. */
  readonly #slotOf = new Int16Array(PID_COUNT).fill(-2);
  readonly #slots: PidSlot[] = [];
  /** ROLE_* bits from the latest PAT and PMTs. */
  readonly #role = new Uint8Array(PID_COUNT);

  // sync (1.1, 1.2)
  #inSync = false;
  #goodRun = 0;
  #badRun = 0;

  // PSI
  #patCrc = -1;
  #patVersion: number | null = null;
  #tsId: number | null = null;
  #patDeadline: Deadline = { pid: 0, since: 0, fired: false };
  readonly #programs = new Map<number, ProgramState>();
  #untrackedPrograms = 0;
  #pmtDeadlines: Deadline[] = [];
  #esDeadlines: Deadline[] = [];

  readonly #tr = {
    tsSyncLoss: new Check(),
    syncByteError: new Check(),
    patError: new Check(),
    continuityCountError: new Check(),
    pmtError: new Check(),
    pidError: new Check(),
    transportError: new Check(),
    crcError: new Check(),
    pcrRepetitionError: new Check(),
    pcrDiscontinuityIndicatorError: new Check(),
    pcrAccuracyError: new Check(),
  };

  /**
   * @param options Limits and thresholds; see {@linkcode MpegTsFlowOptions} for the defaults.
   * @throws {RangeError} If a limit is not a positive number.
   */
  constructor(options: MpegTsFlowOptions = {}) {
    const positive = (name: string, v: number): number => {
      if (!(v > 0) || !Number.isFinite(v)) {
        throw new RangeError(`Cannot use ${name} ${v}: it must be a positive number`);
      }
      return v;
    };
    this.#maxPids = Math.min(PID_COUNT, Math.floor(positive("maxPids", options.maxPids ?? 128)));
    this.#maxPrograms = Math.floor(positive("maxPrograms", options.maxPrograms ?? 64));
    this.#patInterval = positive("patIntervalS", options.patIntervalS ?? 0.5);
    this.#pmtInterval = positive("pmtIntervalS", options.pmtIntervalS ?? 0.5);
    this.#pidTimeout = positive("pidTimeoutS", options.pidTimeoutS ?? 5);
    this.#pcrRepetition = positive("pcrRepetitionS", options.pcrRepetitionS ?? 0.04);
    this.#pcrDiscontinuityTicks = positive("pcrDiscontinuityS", options.pcrDiscontinuityS ?? 0.1) * PCR_HZ;
    this.#pcrAccuracyNs = positive("pcrAccuracyNs", options.pcrAccuracyNs ?? 500);
    this.#events = options.events;
    this.#psi = new SectionAssembler((s) => this.#onSection(s), this.#maxPrograms + 1);
  }

  /**
   * Adds one datagram of the flow (its TS packets: the UDP payload, or the RTP payload for RTP/MP2T), in capture
   * order. Allocates nothing per TS packet.
   * @param bytes The buffer.
   * @param offset First byte of the TS packets.
   * @param length Bytes of TS packets; a length that is not 1–7 whole packets counts in `badDatagrams`.
   * @param arrival Capture time in seconds (any origin; only differences are used).
   */
  observe(bytes: Uint8Array, offset: number, length: number, arrival: number): void {
    if (this.#datagrams++ === 0) {
      this.#firstSeen = arrival;
      this.#patDeadline.since = arrival;
    }
    this.#lastSeen = arrival;
    this.#now = arrival;
    const r = this.#reader;
    if (!r.begin(bytes, offset, length)) {
      this.#badDatagrams++;
    } else {
      while (r.next()) this.#packet(bytes, arrival);
    }
    this.#checkDeadlines(arrival);
  }

  #packet(bytes: Uint8Array, arrival: number): void {
    const r = this.#reader;
    const p = r.offset;
    this.#tsPackets++;
    // The header is read from the bytes, whatever the sync byte: tshark does the same.
    const pid = ((bytes[p + 1]! & 0x1f) << 8) | bytes[p + 2]!;
    const cc = bytes[p + 3]! & 0x0f;

    let slot: PidSlot | null = null;
    let si = this.#slotOf[pid]!;
    if (si === -2) {
      this.#pidsSeen++;
      if (this.#slots.length < this.#maxPids) {
        si = this.#slots.length;
        const s = new PidSlot(pid);
        s.firstSeen = arrival;
        this.#slots.push(s);
      } else si = -1;
      this.#slotOf[pid] = si;
    }
    if (si >= 0) {
      slot = this.#slots[si]!;
      slot.packets++;
      slot.lastSeen = arrival;
    } else this.#untracked++;
    this.#lastSeenAll[pid] = arrival;

    // tshark 4.0 mp2t.cc.drop: every packet of the PID, any AFC, TEI and sync; repeats allowed; null PID skipped.
    const prev = this.#ccPrev[pid]!;
    this.#ccPrev[pid] = cc;
    if (pid !== Pid.Null && prev >= 0 && cc !== prev && cc !== ((prev + 1) & 0x0f)) {
      const skips = (cc - prev - 1) & 0x0f;
      this.#ccErrors++;
      this.#ccSkips += skips;
      if (slot !== null) {
        slot.ccErrors++;
        slot.ccSkips += skips;
      }
      this.#events?.ccDrop?.(pid, arrival);
    }

    // 1.1, 1.2
    if (r.status === TsStatus.BadSync) {
      this.#tr.syncByteError.fire(arrival);
      this.#goodRun = 0;
      if (++this.#badRun >= SYNC_LOSE && this.#inSync) {
        this.#inSync = false;
        this.#tr.tsSyncLoss.fire(arrival);
      }
      return;
    }
    this.#badRun = 0;
    if (!this.#inSync && ++this.#goodRun >= SYNC_ACQUIRE) this.#inSync = true;
    if (r.status !== TsStatus.Ok) return;

    if (r.tei) {
      this.#tr.transportError.fire(arrival);
      if (slot !== null) slot.transportErrors++;
      return;
    }
    if (r.scrambling !== 0 && slot !== null) slot.scrambled++;

    const hasPayload = (r.afc & 1) !== 0;
    // 1.4 by ISO/IEC 13818-1 §2.4.3.3
    if (hasPayload && pid !== Pid.Null) {
      const last = this.#trCc[pid]!;
      if (r.discontinuity || last < 0) {
        this.#trRepeats[pid] = 0;
      } else if (cc === last) {
        if (++this.#trRepeats[pid]! > 1) this.#continuityError(slot, arrival);
      } else {
        if (cc !== ((last + 1) & 0x0f)) this.#continuityError(slot, arrival);
        this.#trRepeats[pid] = 0;
      }
      this.#trCc[pid] = cc;
    }

    if (r.hasPcr && slot !== null) this.#pcr(slot, r.pcr, r.discontinuity, arrival);

    const role = this.#role[pid]!;
    if (pid === Pid.Pat || (role & ROLE_PMT) !== 0) {
      if (r.scrambling !== 0) (pid === Pid.Pat ? this.#tr.patError : this.#tr.pmtError).fire(arrival);
      else if (hasPayload) {
        this.#psi.push(bytes, r.payloadOffset, r.payloadLength, pid, r.pusi, cc, r.discontinuity, false);
      }
    }
  }

  #continuityError(slot: PidSlot | null, arrival: number): void {
    this.#tr.continuityCountError.fire(arrival);
    if (slot !== null) slot.continuityCountErrors++;
  }

  #pcr(slot: PidSlot, pcr: number, discontinuity: boolean, arrival: number): void {
    let s = slot.pcr;
    const index = this.#tsPackets - 1;
    if (s === null) {
      s = slot.pcr = new PcrState();
      s.pcrs = 1;
      s.lastPcr = pcr;
      s.lastArrival = arrival;
      s.restartSeries(arrival, index, 0);
      this.#pcrPoint(slot, arrival, index);
      return;
    }
    s.pcrs++;
    const interval = arrival - s.lastArrival;
    s.intervalCount++;
    s.intervalSum += interval;
    if (interval < s.minInterval) s.minInterval = interval;
    if (interval > s.maxInterval) s.maxInterval = interval;
    let step = (pcr - s.lastPcr) % PCR_WRAP;
    if (step < 0) step += PCR_WRAP;
    if (step >= PCR_WRAP / 2) step -= PCR_WRAP; // backwards
    s.lastPcr = pcr;
    s.lastArrival = arrival;
    // 2.3a on the PCR values (the sender's spacing); across a discontinuity_indicator, on the arrival interval
    if ((discontinuity ? interval : step / PCR_HZ) > this.#pcrRepetition) {
      s.repetitionErrors++;
      this.#tr.pcrRepetitionError.fire(arrival);
    }
    if (discontinuity) {
      s.discontinuities++;
      s.restartSeries(arrival, index, interval);
    } else if (step < 0 || step > this.#pcrDiscontinuityTicks) {
      s.discontinuityErrors++;
      this.#tr.pcrDiscontinuityIndicatorError.fire(arrival);
      s.restartSeries(arrival, index, interval);
    } else {
      if (step < s.minStep) s.minStep = step;
      if (step > s.maxStep) s.maxStep = step;
      s.ext += step;
    }
    this.#pcrPoint(slot, arrival, index);
  }

  /** Adds the current PCR (already in the slot's `pcr.ext`) to the offset, drift and PCR_AC figures. */
  #pcrPoint(slot: PidSlot, arrival: number, index: number): void {
    const s = slot.pcr!;
    const pcrSeconds = s.ext / PCR_HZ;
    const offset = (arrival - s.baseArrival) - pcrSeconds;
    this.#events?.pcrOffset?.(slot.pid, arrival, offset);
    if (offset < s.minOffset) s.minOffset = offset;
    if (offset > s.maxOffset) s.maxOffset = offset;
    // drift: y = chained PCR seconds, x = arrival since the flow's first PCR
    const x = arrival - this.#firstSeen;
    const y = s.driftOriginY + pcrSeconds;
    s.driftN++;
    const dx = x - s.driftMeanX;
    s.driftMeanX += dx / s.driftN;
    s.driftMeanY += (y - s.driftMeanY) / s.driftN;
    s.driftM2X += dx * (x - s.driftMeanX);
    s.driftCXY += dx * (y - s.driftMeanY);
    // PCR_AC: predict from the fit of the earlier PCRs of the series, then add this one
    const ax = index - s.acBaseIndex;
    const ay = s.ext;
    if (s.acN >= PCR_AC_WARMUP && s.acM2X > 0) {
      const slope = s.acCXY / s.acM2X;
      const acNs = (ay - (s.acMeanY + slope * (ax - s.acMeanX))) * 1e9 / PCR_HZ;
      const mag = Math.abs(acNs);
      s.hasAccuracy = true;
      if (mag > s.maxAccuracyNs) s.maxAccuracyNs = mag;
      if (mag > this.#pcrAccuracyNs) {
        s.accuracyErrors++;
        this.#tr.pcrAccuracyError.fire(arrival);
      }
    }
    s.acN++;
    const adx = ax - s.acMeanX;
    s.acMeanX += adx / s.acN;
    s.acMeanY += (ay - s.acMeanY) / s.acN;
    s.acM2X += adx * (ax - s.acMeanX);
    s.acCXY += adx * (ay - s.acMeanY);
  }

  #checkDeadlines(now: number): void {
    const pat = this.#patDeadline;
    if (!pat.fired && now - pat.since > this.#patInterval) {
      pat.fired = true;
      this.#tr.patError.fire(now);
    }
    for (const d of this.#pmtDeadlines) {
      if (!d.fired && now - d.since > this.#pmtInterval) {
        d.fired = true;
        this.#tr.pmtError.fire(now);
      }
    }
    for (const d of this.#esDeadlines) {
      const seen = this.#lastSeenAll[d.pid]!;
      if (seen > d.since) {
        d.since = seen;
        d.fired = false;
      }
      if (!d.fired && now - d.since > this.#pidTimeout) {
        d.fired = true;
        this.#tr.pidError.fire(now);
      }
    }
  }

  #onSection(s: AssembledSection): void {
    const now = this.#now;
    if (s.crcOk === false) {
      this.#tr.crcError.fire(now);
      return;
    }
    if (s.pid === Pid.Pat) {
      if (s.tableId !== 0x00) {
        this.#tr.patError.fire(now);
        return;
      }
      this.#patDeadline.since = now;
      this.#patDeadline.fired = false;
      const crc = sectionCrc(s.bytes);
      if (crc === this.#patCrc) return;
      const pat = decodePat(s.bytes);
      if (isFailure(pat) || !pat.header.currentNext) return;
      this.#patCrc = crc;
      this.#patVersion = pat.header.version;
      this.#tsId = pat.transportStreamId;
      this.#setPrograms(pat.programs, now);
      return;
    }
    if (s.tableId !== 0x02) return;
    for (const d of this.#pmtDeadlines) {
      if (d.pid === s.pid) {
        d.since = now;
        d.fired = false;
      }
    }
    const pmt = decodePmt(s.bytes);
    if (isFailure(pmt) || !pmt.header.currentNext) return;
    const prog = this.#programs.get(pmt.programNumber);
    if (prog === undefined || prog.pmtPid !== s.pid || prog.pmtCrc === pmt.header.crc) return;
    prog.pmtCrc = pmt.header.crc;
    prog.pmtVersion = pmt.header.version;
    prog.pcrPid = pmt.pcrPid;
    prog.streams = pmt.streams.map((e) => ({ pid: e.pid, streamType: e.streamType, streamTypeName: e.streamTypeName }));
    this.#rebuildEs(now);
  }

  #setPrograms(programs: readonly { programNumber: number; pmtPid: number }[], now: number): void {
    const keep = new Map<number, ProgramState>();
    this.#untrackedPrograms = 0;
    for (const p of programs) {
      if (keep.size >= this.#maxPrograms) {
        this.#untrackedPrograms++;
        continue;
      }
      const old = this.#programs.get(p.programNumber);
      keep.set(
        p.programNumber,
        old !== undefined && old.pmtPid === p.pmtPid ? old : {
          programNumber: p.programNumber,
          pmtPid: p.pmtPid,
          pmtVersion: null,
          pmtCrc: -1,
          pcrPid: null,
          streams: [],
        },
      );
    }
    for (const [n, old] of this.#programs) if (!keep.has(n)) this.#psi.forget(old.pmtPid);
    this.#programs.clear();
    for (const [n, p] of keep) this.#programs.set(n, p);
    const deadlines: Deadline[] = [];
    for (const p of this.#programs.values()) {
      if (deadlines.some((d) => d.pid === p.pmtPid)) continue;
      deadlines.push(this.#pmtDeadlines.find((d) => d.pid === p.pmtPid) ?? { pid: p.pmtPid, since: now, fired: false });
    }
    this.#pmtDeadlines = deadlines;
    this.#rebuildEs(now);
  }

  #rebuildEs(now: number): void {
    this.#role.fill(0);
    for (const d of this.#pmtDeadlines) this.#role[d.pid]! |= ROLE_PMT;
    const deadlines: Deadline[] = [];
    for (const p of this.#programs.values()) {
      for (const e of p.streams) {
        if ((this.#role[e.pid]! & ROLE_ES) !== 0) continue;
        this.#role[e.pid]! |= ROLE_ES;
        deadlines.push(this.#esDeadlines.find((d) => d.pid === e.pid) ?? { pid: e.pid, since: now, fired: false });
      }
    }
    this.#esDeadlines = deadlines;
  }

  /**
   * Figures so far. Builds a new object; `observe()` may continue afterwards.
   * @returns The snapshot.
   */
  snapshot(): MpegTsFlowSnapshot {
    const durationS = this.#datagrams > 0 ? this.#lastSeen - this.#firstSeen : 0;
    const rate = (bytes: number) => (durationS > 0 ? bytes * 8 / durationS / 1000 : null);
    const types = new Map<number, number>();
    const pmtPids = new Set<number>();
    for (const p of this.#programs.values()) {
      pmtPids.add(p.pmtPid);
      for (const e of p.streams) types.set(e.pid, e.streamType);
    }
    const pids = this.#slots.map((s): PidSnapshot => {
      const type = types.get(s.pid) ?? null;
      const name = type !== null ? streamTypeName(type) : pmtPids.has(s.pid) ? "PMT" : pidName(s.pid);
      return {
        pid: s.pid,
        name,
        streamType: type,
        packets: s.packets,
        bytes: s.packets * TS_PACKET_SIZE,
        bitrateKbps: rate(s.packets * TS_PACKET_SIZE),
        firstSeen: s.firstSeen,
        lastSeen: s.lastSeen,
        ccErrors: s.ccErrors,
        ccSkips: s.ccSkips,
        continuityCountErrors: s.continuityCountErrors,
        scrambled: s.scrambled,
        transportErrors: s.transportErrors,
        pcr: s.pcr === null ? null : pcrSnapshot(s.pcr),
      };
    }).sort((a, b) => a.pid - b.pid);
    const programs = [...this.#programs.values()].sort((a, b) => a.programNumber - b.programNumber).map((
      p,
    ): ProgramSnapshot => ({
      programNumber: p.programNumber,
      pmtPid: p.pmtPid,
      pmtVersion: p.pmtVersion,
      pcrPid: p.pcrPid,
      streams: p.streams.map((e) => ({ ...e })),
    }));
    const tr = this.#tr;
    return {
      datagrams: this.#datagrams,
      badDatagrams: this.#badDatagrams,
      tsPackets: this.#tsPackets,
      tsBytes: this.#tsPackets * TS_PACKET_SIZE,
      firstSeen: this.#datagrams > 0 ? this.#firstSeen : null,
      lastSeen: this.#datagrams > 0 ? this.#lastSeen : null,
      durationS,
      bitrateKbps: rate(this.#tsPackets * TS_PACKET_SIZE),
      ccErrors: this.#ccErrors,
      ccSkips: this.#ccSkips,
      pidsSeen: this.#pidsSeen,
      untrackedPackets: this.#untracked,
      pids,
      transportStreamId: this.#tsId,
      patVersion: this.#patVersion,
      programs,
      untrackedPrograms: this.#untrackedPrograms,
      tr101290: {
        tsSyncLoss: tr.tsSyncLoss.toJSON(),
        syncByteError: tr.syncByteError.toJSON(),
        patError: tr.patError.toJSON(),
        continuityCountError: tr.continuityCountError.toJSON(),
        pmtError: tr.pmtError.toJSON(),
        pidError: tr.pidError.toJSON(),
        transportError: tr.transportError.toJSON(),
        crcError: tr.crcError.toJSON(),
        pcrRepetitionError: tr.pcrRepetitionError.toJSON(),
        pcrDiscontinuityIndicatorError: tr.pcrDiscontinuityIndicatorError.toJSON(),
        pcrAccuracyError: tr.pcrAccuracyError.toJSON(),
      },
    };
  }
}

function sectionCrc(b: Uint8Array): number {
  const n = b.length;
  return n < 4 ? -1 : ((b[n - 4]! << 24) | (b[n - 3]! << 16) | (b[n - 2]! << 8) | b[n - 1]!) >>> 0;
}

function pcrSnapshot(s: PcrState): PcrSnapshot {
  const ms = (v: number) => v * 1000;
  const steps = s.minStep !== Infinity;
  return {
    pcrs: s.pcrs,
    minIntervalMs: s.intervalCount > 0 ? ms(s.minInterval) : null,
    meanIntervalMs: s.intervalCount > 0 ? ms(s.intervalSum / s.intervalCount) : null,
    maxIntervalMs: s.intervalCount > 0 ? ms(s.maxInterval) : null,
    minPcrStepMs: steps ? s.minStep * 1000 / PCR_HZ : null,
    maxPcrStepMs: steps ? s.maxStep * 1000 / PCR_HZ : null,
    minOffsetMs: ms(s.minOffset),
    maxOffsetMs: ms(s.maxOffset),
    overallJitterMs: ms(s.maxOffset - s.minOffset),
    driftPpm: s.driftN > 2 && s.driftM2X > 0 ? (s.driftCXY / s.driftM2X - 1) * 1e6 : null,
    maxAccuracyNs: s.hasAccuracy ? s.maxAccuracyNs : null,
    pcrBitrateBps: s.acN > 2 && s.acCXY > 0 ? TS_PACKET_SIZE * 8 * PCR_HZ / (s.acCXY / s.acM2X) : null,
    repetitionErrors: s.repetitionErrors,
    discontinuityErrors: s.discontinuityErrors,
    accuracyErrors: s.accuracyErrors,
    discontinuities: s.discontinuities,
  };
}

/**
 * A bounded table of flows keyed by the caller's flow key (e.g. `"10.0.0.1:5000 → 239.1.1.1:1234"`): at most
 * `maxFlows` flows; datagrams of further flows are dropped and counted in `droppedDatagrams` (their keys are not
 * remembered, so memory stays bounded).
 *
 * @example
 * ```ts
 * import { MpegTsFlowTable } from "./mpegts_flow.ts";
 * import { strictEqual } from "node:assert/strict";
 * const table = new MpegTsFlowTable(1);
 * const p = new Uint8Array(188).fill(0xff);
 * p.set([0x47, 0x1f, 0xff, 0x10]);
 * table.observe("a:1 → b:2", p, 0, 188, 1);
 * table.observe("c:3 → b:2", p, 0, 188, 1);
 * strictEqual(table.flows.size, 1);
 * strictEqual(table.droppedDatagrams, 1);
 * ```
 */
export class MpegTsFlowTable {
  /** The flows, in the order they appeared. */
  readonly flows = new Map<string, MpegTsFlowStats>();
  /** Datagrams of flows that did not fit. */
  droppedDatagrams = 0;
  readonly #maxFlows: number;
  readonly #options: MpegTsFlowOptions;

  /**
   * @param maxFlows The most flows tracked at once (default 64).
   * @param options Options for every flow.
   */
  constructor(maxFlows: number = 64, options: MpegTsFlowOptions = {}) {
    this.#maxFlows = Math.max(1, Math.floor(maxFlows));
    this.#options = options;
  }

  /**
   * Adds one datagram to its flow, creating the flow if there is room.
   * @param key The flow's key, e.g. `"src ip:port → dst ip:port"`.
   * @param bytes The buffer.
   * @param offset First byte of the TS packets.
   * @param length Bytes of TS packets.
   * @param arrival Capture time, seconds.
   * @returns False if the datagram was dropped because the table is full.
   */
  observe(key: string, bytes: Uint8Array, offset: number, length: number, arrival: number): boolean {
    let flow = this.flows.get(key);
    if (flow === undefined) {
      if (this.flows.size >= this.#maxFlows) {
        this.droppedDatagrams++;
        return false;
      }
      flow = new MpegTsFlowStats(this.#options);
      this.flows.set(key, flow);
    }
    flow.observe(bytes, offset, length, arrival);
    return true;
  }
}
