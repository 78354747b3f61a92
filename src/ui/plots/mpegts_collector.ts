/**
 * What the MPEG-TS plot draws for one flow, collected per datagram: bytes per PID in fixed time bins (bitrate over
 * time), continuity-counter errors as timed marks, and the offset of each PCR against the capture clock.
 *
 * CC errors and PCR offsets come from the analysis itself (`MpegTsFlowStats` and its events, `mpegts_flow.ts`,
 * MPEGTS_METRICS.md), so the CC marks of a PID add up to the report's `cc_errors` and the peak-to-peak of a PID's
 * offsets is its `pcr.overall_jitter_ms`; the tests check both on a real capture. Only the bytes per PID per bin are
 * counted here.
 *
 * Bounded: at most `maxPids` PIDs get a bitrate column (`untrackedPackets` counts the rest), `maxBins` bins, `maxCcMarks`
 * marks and `maxPcrPoints` PCRs per PID, each dropping its oldest half at the cap (counted). `observe` allocates
 * nothing per TS packet; the first packet of a PID and a PCR PID's first PCR allocate once.
 * @module
 */
// This module is browser compatible.

import { TS_PACKET_SIZE, TsPacketReader } from "../../protocols/mpegts/mod.ts";
import { MpegTsFlowStats } from "../../analysis/mpegts_flow.ts";
import { Columns } from "./_columns.ts";
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
  readonly #binBytes: Float64Array;
  readonly #flow: MpegTsFlowStats;
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
    this.#flow = new MpegTsFlowStats({
      events: {
        ccDrop: (pid, arrival) => {
          this.ccErrors[pid]!++;
          const m = this.ccMarks;
          const row = m.addRow();
          m.cols[CcMarkCol.Arrival]![row] = arrival;
          m.cols[CcMarkCol.Pid]![row] = pid;
        },
        pcrOffset: (pid, arrival, offsetS) => {
          let points = this.pcr.get(pid);
          if (points === undefined) {
            points = new Columns(2, this.#maxPcrPoints, "drop-oldest");
            this.pcr.set(pid, points);
          }
          const row = points.addRow();
          points.cols[0]![row] = arrival;
          points.cols[1]![row] = offsetS * 1000;
        },
      },
    });
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
      const pid = ((bytes[p + 1]! & 0x1f) << 8) | bytes[p + 2]!;
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
    }
    this.#flow.observe(bytes, offset, length, arrivalSec);
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
}
