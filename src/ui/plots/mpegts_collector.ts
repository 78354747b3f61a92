/**
 * What the MPEG-TS plot draws for one flow, collected per datagram: bytes per PID in fixed time bins (bitrate over
 * time), continuity-counter errors as timed marks, and the offset of each PCR against the capture clock.
 *
 * The definitions are the analysis' (MPEGTS_METRICS.md, `mpegts_flow.ts`): a CC error is what tshark 4.0 flags as
 * `mp2t.cc.drop` (any packet of a non-null PID whose CC is neither the previous one nor one more), and the PCR offset
 * is `(arrival − arrival₀) − (PCR − PCR₀) / 27 MHz` over a series that restarts at a discontinuity_indicator or at a
 * PCR step outside 0 … 100 ms (TR 101 290 2.3b). So the CC marks of a PID add up to the report's `cc_errors` and the
 * peak-to-peak of a PID's offsets is its `pcr.overall_jitter_ms`; the tests check both on a real capture.
 *
 * Bounded: at most `maxPids` PIDs get a bitrate column (`untrackedPackets` counts the rest), `maxBins` bins, `maxCcMarks`
 * marks and `maxPcrPoints` PCRs per PID, each dropping its oldest half at the cap (counted). `observe` allocates
 * nothing per TS packet; the first packet of a PID and a PCR PID's first PCR allocate once.
 * @module
 */
// This module is browser compatible.

import { Pid, TS_PACKET_SIZE, TsPacketReader, TsStatus } from "../../protocols/mpegts/mod.ts";
import { Columns } from "./_columns.ts";

/** 27 MHz system clock (ISO/IEC 13818-1 §2.4.2.1). */
const PCR_HZ = 27_000_000;
/** The PCR wraps after 2³³ × 300 ticks. */
const PCR_WRAP = 8589934592 * 300;
/** TR 101 290 2.3b: a PCR step above this without discontinuity_indicator restarts the series (analysis default). */
const PCR_DISCONTINUITY_TICKS = 0.1 * PCR_HZ;
/** Bins written at most for a silent stretch; a longer silence writes one empty bin and jumps. */
const MAX_EMPTY_BINS = 64;

/** Columns of {@linkcode MpegTsPlotCollector.ccMarks}. */
export const CcMarkCol = { Arrival: 0, Pid: 1 } as const;

/** Options of {@linkcode MpegTsPlotCollector}. */
export interface MpegTsPlotCollectorOptions {
  /** Bin width, seconds; default 0.5. */
  binS?: number;
  /** PIDs with a bitrate column; default 32. */
  maxPids?: number;
  /** Default 4096. */
  maxBins?: number;
  /** Default 4096. */
  maxCcMarks?: number;
  /** Default 8192 per PCR PID. */
  maxPcrPoints?: number;
}

class PcrSeries {
  started = false;
  lastPcr = 0;
  ext = 0;
  baseArrival = 0;
  constructor(readonly points: Columns) {}
}

/**
 * Collects one MPEG-TS flow for {@linkcode createMpegTsPlot}.
 * @example See mpegts_collector_test.ts (checked against the analysis on tests/testdata/demo.pcap).
 */
export class MpegTsPlotCollector {
  readonly binS: number;
  /** Column 0: bin start (s); column k ≥ 1: kbit/s of PID `pids[k − 1]` in that bin. */
  readonly bins: Columns;
  /** PID of each bitrate column, in order of first packet. */
  readonly pids: number[] = [];
  /** CC errors: arrival, PID. */
  readonly ccMarks: Columns;
  /** CC errors per PID over the whole flow (not bounded by `maxCcMarks`). */
  readonly ccErrors = new Uint32Array(8192);
  /** PCR offsets per PCR PID: column 0 arrival (s), column 1 offset (ms). */
  readonly pcr = new Map<number, Columns>();
  /** TS packets of PIDs beyond `maxPids` (their CC is still checked). */
  untrackedPackets = 0;
  /** Datagrams that were not 1–7 whole TS packets. */
  badDatagrams = 0;
  /** Silent stretches longer than 64 bins, each written as one empty bin. */
  binJumps = 0;
  version = 0;

  readonly #maxPids: number;
  readonly #maxPcrPoints: number;
  readonly #reader = new TsPacketReader();
  readonly #slot = new Int16Array(8192).fill(-1);
  readonly #ccPrev = new Int8Array(8192).fill(-1);
  readonly #binBytes: Float64Array;
  readonly #pcrState = new Map<number, PcrSeries>();
  #binStart = NaN;

  /** @param options See {@linkcode MpegTsPlotCollectorOptions}. */
  constructor(options: MpegTsPlotCollectorOptions = {}) {
    this.binS = options.binS ?? 0.5;
    if (!(this.binS > 0)) throw new RangeError(`Cannot use bin width ${this.binS}: it must be positive`);
    this.#maxPids = options.maxPids ?? 32;
    this.#maxPcrPoints = options.maxPcrPoints ?? 8192;
    this.bins = new Columns(1 + this.#maxPids, options.maxBins ?? 4096, "drop-oldest");
    this.ccMarks = new Columns(2, options.maxCcMarks ?? 4096, "drop-oldest");
    this.#binBytes = new Float64Array(this.#maxPids);
  }

  /**
   * Adds one datagram's TS packets (the UDP payload, or the RTP payload of PT 33), in capture order.
   * @param bytes Buffer.
   * @param offset First TS byte.
   * @param length TS bytes.
   * @param arrivalSec Capture time, seconds.
   */
  observe(bytes: Uint8Array, offset: number, length: number, arrivalSec: number): void {
    if (Number.isNaN(this.#binStart)) this.#binStart = arrivalSec;
    this.#advance(arrivalSec);
    const r = this.#reader;
    if (!r.begin(bytes, offset, length)) {
      this.badDatagrams++;
      return;
    }
    while (r.next()) {
      const p = r.offset;
      // Header fields are read even on a bad sync byte, as tshark and the analysis do.
      const pid = ((bytes[p + 1]! & 0x1f) << 8) | bytes[p + 2]!;
      const cc = bytes[p + 3]! & 0x0f;
      let slot = this.#slot[pid]!;
      if (slot === -1) {
        if (this.pids.length < this.#maxPids) {
          slot = this.pids.length;
          this.pids.push(pid);
        } else slot = -2;
        this.#slot[pid] = slot;
      }
      if (slot >= 0) this.#binBytes[slot]! += TS_PACKET_SIZE;
      else this.untrackedPackets++;
      const prev = this.#ccPrev[pid]!;
      this.#ccPrev[pid] = cc;
      if (pid !== Pid.Null && prev >= 0 && cc !== prev && cc !== ((prev + 1) & 0x0f)) {
        this.ccErrors[pid]!++;
        const m = this.ccMarks;
        const row = m.addRow();
        m.cols[CcMarkCol.Arrival]![row] = arrivalSec;
        m.cols[CcMarkCol.Pid]![row] = pid;
      }
      if (r.status === TsStatus.Ok && !r.tei && r.hasPcr && slot >= 0) {
        this.#pcr(pid, r.pcr, r.discontinuity, arrivalSec);
      }
    }
    this.version++;
  }

  /** Closes the bin in progress (end of file, pause), so the plot shows the last partial bin. */
  flush(): void {
    if (Number.isNaN(this.#binStart)) return;
    this.#closeBin();
    this.#binStart += this.binS;
    this.version++;
  }

  /**
   * The PCR offsets of a PID.
   * @param pid A PCR PID.
   * @returns Its columns, or undefined.
   */
  pcrOf(pid: number): Columns | undefined {
    return this.pcr.get(pid);
  }

  #advance(arrival: number): void {
    if (arrival < this.#binStart + this.binS) return;
    this.#closeBin();
    this.#binStart += this.binS;
    let empty = 0;
    while (arrival >= this.#binStart + this.binS) {
      if (++empty > MAX_EMPTY_BINS) {
        this.binJumps++;
        this.#binStart += Math.floor((arrival - this.#binStart) / this.binS) * this.binS;
        break;
      }
      this.#closeBin();
      this.#binStart += this.binS;
    }
  }

  #closeBin(): void {
    const b = this.bins;
    const row = b.addRow();
    b.cols[0]![row] = this.#binStart;
    const k = 1000 * this.binS / 8; // bytes → kbit/s
    for (let i = 0; i < this.pids.length; i++) {
      b.cols[i + 1]![row] = this.#binBytes[i]! / k;
      this.#binBytes[i] = 0;
    }
  }

  #pcr(pid: number, pcr: number, discontinuity: boolean, arrival: number): void {
    let s = this.#pcrState.get(pid);
    if (s === undefined) {
      const cols = new Columns(2, this.#maxPcrPoints, "drop-oldest");
      s = new PcrSeries(cols);
      this.#pcrState.set(pid, s);
      this.pcr.set(pid, cols);
    }
    if (!s.started) {
      s.started = true;
      s.baseArrival = arrival;
      s.ext = 0;
    } else {
      let step = (pcr - s.lastPcr) % PCR_WRAP;
      if (step < 0) step += PCR_WRAP;
      if (step >= PCR_WRAP / 2) step -= PCR_WRAP;
      if (discontinuity || step < 0 || step > PCR_DISCONTINUITY_TICKS) {
        s.baseArrival = arrival;
        s.ext = 0;
      } else s.ext += step;
    }
    s.lastPcr = pcr;
    const row = s.points.addRow();
    s.points.cols[0]![row] = arrival;
    s.points.cols[1]![row] = ((arrival - s.baseArrival) - s.ext / PCR_HZ) * 1000;
  }
}
