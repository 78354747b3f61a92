/**
 * Statistics of one RTP stream, computed incrementally in capture order: packet and byte counts, loss with wrap-safe
 * extended sequence numbers, duplicates and reordering, inter-arrival delta, RFC 3550 interarrival jitter, skew and
 * clock drift, rates. Every figure is defined in `RTP_METRICS.md` next to this file, with the formula and how it
 * compares with Wireshark's `tshark -z rtp,streams` (the columns Pkts, Lost, Min/Mean/Max Delta, Min/Mean/Max Jitter
 * and Problems? agree with tshark 4.0 on the same packets; see that file for the few deliberate differences).
 *
 * The class takes primitives (no decoder types), keeps a fixed amount of state (two 4-word bitmaps and ~50 numbers)
 * and allocates nothing in {@linkcode RtpStreamStats.observe}; only {@linkcode RtpStreamStats.snapshot} builds an
 * object.
 *
 * @example Two G.711 packets 20 ms apart
 * ```ts
 * import { RtpStreamStats } from "./rtp_stream.ts";
 * import { strictEqual } from "node:assert/strict";
 * const stats = new RtpStreamStats(8000);
 * stats.observe(100, 16000, 1700000000.000, 0, false, 200, 160);
 * stats.observe(101, 16160, 1700000000.021, 0, false, 200, 160);
 * const s = stats.snapshot();
 * strictEqual(s.packets, 2);
 * strictEqual(s.lost, 0);
 * strictEqual(s.maxDeltaMs?.toFixed(3), "21.000");
 * strictEqual(s.maxJitterMs?.toFixed(4), "0.0625"); // |21 ms − 20 ms| / 16
 * ```
 *
 * @module
 */
// This module is browser compatible.

/** Identity of an RTP stream, as tshark groups them: both transport addresses plus the SSRC. */
export interface RtpStreamKey {
  /** Source transport address, `"ip:port"` (IPv6 as `"[addr]:port"`). */
  src: string;
  /** Destination transport address, `"ip:port"`. */
  dst: string;
  transport: "udp" | "tcp";
  /** Synchronisation source, 0 … 2^32−1. */
  ssrc: number;
}

/**
 * A stable text form of a {@linkcode RtpStreamKey}, usable as a `Map` key.
 * @param key The stream's identity.
 * @returns `"<transport> <src> > <dst> 0x<ssrc as 8 hex digits>"`.
 * @example
 * ```ts
 * import { rtpStreamKeyString } from "./rtp_stream.ts";
 * import { strictEqual } from "node:assert/strict";
 * const key = { src: "127.0.0.1:40000", dst: "127.0.0.1:5004", transport: "udp", ssrc: 0x11223344 } as const;
 * strictEqual(rtpStreamKeyString(key), "udp 127.0.0.1:40000 > 127.0.0.1:5004 0x11223344");
 * ```
 */
export function rtpStreamKeyString(key: RtpStreamKey): string {
  return `${key.transport} ${key.src} > ${key.dst} 0x${(key.ssrc >>> 0).toString(16).padStart(8, "0")}`;
}

/** Everything {@linkcode RtpStreamStats.snapshot} reports. Times are in the unit their name says. */
export interface RtpStreamSnapshot {
  /** Clock rate used for jitter and skew, Hz; null while unknown. */
  clockRate: number | null;
  /** Every packet observed, duplicates and strays included (tshark "Pkts"). */
  packets: number;
  /** Distinct sequence numbers received, summed over sequence segments (see `seqRestarts`). */
  uniquePackets: number;
  /** Highest minus lowest extended sequence number + 1, summed over sequence segments. */
  expected: number;
  /** `expected − uniquePackets`: sequence numbers never received. Never negative. */
  lost: number;
  /** `lost / expected × 100`; 0 when nothing is expected. */
  lossPct: number;
  /** `expected − packets`, RFC 3550 §6.4.1's cumulative number lost (what RTCP RR and tshark's "Lost" show); negative when duplicates outnumber losses. */
  cumulativeLost: number;
  /** Packets whose sequence number was already received (within the last 100). */
  duplicates: number;
  /** Packets received after a higher sequence number, not duplicates (late, reordered). */
  outOfOrder: number;
  /** RFC 3550 A.1 "bad" packets: a jump of ≥ 3000 ahead or > 100 behind the highest so far, not followed by its successor. */
  outOfWindow: number;
  /** Times the sequence restarted (two sequential packets after a large jump, RFC 3550 A.1). */
  seqRestarts: number;
  /** Wireshark's "Sequence errors": packets whose number was not the previous in-order one + 1 (gaps, late, duplicates). */
  sequenceErrors: number;
  /** Packets whose RTP timestamp is earlier than the first packet's (tshark's "wrong timestamp"); left out of delta, jitter and skew. */
  wrongTimestamps: number;
  /** Lowest extended sequence number of the current segment (the first packet's number unless a lower one came late). */
  firstSeq: number;
  /** Highest extended sequence number of the current segment. */
  lastSeq: number;
  /** Times the highest sequence number wrapped from 65535 to 0 in the current segment. */
  seqCycles: number;
  /** Smallest inter-arrival delta over regular packets, ms; null if there is none (tshark prints −1). */
  minDeltaMs: number | null;
  /** tshark's mean delta over regular packets, ms (irregular packets count as the running mean; see RTP_METRICS.md). */
  meanDeltaMs: number | null;
  /** Largest inter-arrival delta over regular packets, ms. */
  maxDeltaMs: number | null;
  /** Interarrival jitter J (RFC 3550 §6.4.1, A.8) after the last packet, ms; the value an RTCP RR would carry. */
  jitterMs: number | null;
  /** Smallest J over regular packets, ms; null without a clock rate or regular packet. */
  minJitterMs: number | null;
  /** tshark's mean of J over regular packets, ms (same running mean as `meanDeltaMs`). */
  meanJitterMs: number | null;
  /** Largest J over regular packets, ms. */
  maxJitterMs: number | null;
  /** Skew (nominal minus actual time since the first packet) of largest magnitude, signed, ms; positive = timestamps ahead. */
  maxSkewMs: number | null;
  /** Least-squares slope of RTP timestamp against arrival time, ticks per second; needs no clock rate. */
  timestampRateHz: number | null;
  /** Sender clock drift over the stream: `(timestampRateHz / clockRate − 1) × span`, ms. */
  clockDriftMs: number | null;
  /** Sender clock drift, parts per million: `(timestampRateHz / clockRate − 1) × 10^6`. */
  clockDriftPpm: number | null;
  /** Arrival time of the first packet, seconds (as passed to observe). */
  firstArrival: number;
  /** Arrival time of the last packet in capture order, seconds. */
  lastArrival: number;
  /** `lastArrival − firstArrival`, seconds. */
  durationS: number;
  /** Σ ipBytes × 8 / durationS / 1000; null when durationS is 0. */
  ipBitrateKbps: number | null;
  /** Σ payloadBytes × 8 / durationS / 1000; null when durationS is 0. */
  payloadBitrateKbps: number | null;
  /** packets / durationS; null when durationS is 0. */
  packetRate: number | null;
  /** Every payload type seen, ascending. */
  payloadTypes: number[];
  /** Packets with the marker bit set. */
  markers: number;
  /** tshark's "Problems?": a sequence error or a wrong timestamp was seen. */
  problems: boolean;
}

/** RFC 3550 A.1 constants. */
const RTP_SEQ_MOD = 65536;
const MAX_DROPOUT = 3000;
const MAX_MISORDER = 100;
/** Bits remembered behind the highest sequence number: a power of two above MAX_MISORDER. */
const SEQ_WINDOW = 128;
const SEQ_WINDOW_WORDS = SEQ_WINDOW / 32;
const NO_BAD_SEQ = RTP_SEQ_MOD + 1; // RFC 3550 A.1: "so seq == bad_seq is false"
/** RFC 3551 §6 comfort noise (13) and the earlier CN number 19 (reserved, treated as CN by Wireshark). */
const PT_CN = 13;
const PT_CN_OLD = 19;

/**
 * RFC 3551 §6 (tables 4 and 5) clock rate of a static payload type: the rates Wireshark applies without an SDP.
 * @param payloadType 0 … 127.
 * @returns The rate in Hz, or null for dynamic (96–127), unassigned and reserved types.
 * @example
 * ```ts
 * import { staticPayloadClockRate } from "./rtp_stream.ts";
 * import { strictEqual } from "node:assert/strict";
 * strictEqual(staticPayloadClockRate(0), 8000); // PCMU
 * strictEqual(staticPayloadClockRate(96), null);
 * ```
 */
export function staticPayloadClockRate(payloadType: number): number | null {
  switch (payloadType) {
    case 0: // PCMU
    case 1: // 1016 (reserved since RFC 3551; kept as Wireshark does)
    case 2: // G721
    case 3: // GSM
    case 4: // G723
    case 5: // DVI4 8 kHz
    case 7: // LPC
    case 8: // PCMA
    case 9: // G722: 8000 by RFC 3551 §4.5.2 although it samples at 16 kHz
    case 12: // QCELP
    case 13: // CN
    case 15: // G728
    case 18: // G729
    case 19: // CN (old)
      return 8000;
    case 6: // DVI4 16 kHz
      return 16000;
    case 10: // L16 stereo
    case 11: // L16 mono
      return 44100;
    case 16: // DVI4 11.025 kHz
      return 11025;
    case 17: // DVI4 22.05 kHz
      return 22050;
    case 14: // MPA
    case 25: // CelB
    case 26: // JPEG
    case 28: // nv
    case 31: // H261
    case 32: // MPV
    case 33: // MP2T
    case 34: // H263
      return 90000;
    default:
      return null;
  }
}

function checkClockRate(hz: number): number {
  if (!Number.isFinite(hz) || hz <= 0) {
    throw new RangeError(`Cannot use clock rate ${hz}: it must be a positive number`);
  }
  return hz;
}

/**
 * Incremental statistics of one RTP stream (one {@linkcode RtpStreamKey}). Feed every packet of the stream to
 * {@linkcode RtpStreamStats.observe} in capture order; read figures with {@linkcode RtpStreamStats.snapshot} at any
 * time. Memory is constant and `observe()` allocates nothing.
 *
 * Terms used below (defined in `RTP_METRICS.md`):
 * - *in time*: the packet's RTP timestamp is not earlier than the first packet's (serial-number comparison, so the
 *   32-bit wrap is handled). Only in-time packets move the delta/jitter/skew reference.
 * - *regular*: not the first packet, marker bit clear, in time, not comfort noise (PT 13/19) and not right after
 *   comfort noise. Only regular packets enter min/mean/max delta and jitter, as in tshark.
 *
 * @example Loss, duplicates and reordering
 * ```ts
 * import { RtpStreamStats } from "./rtp_stream.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const stats = new RtpStreamStats(8000);
 * let t = 1700000000;
 * for (const seq of [65534, 65535, 1, 0, 0, 3]) stats.observe(seq, seq * 160, (t += 0.02), 0, false, 200, 160);
 * const { expected, lost, duplicates, outOfOrder, cumulativeLost, seqCycles } = stats.snapshot();
 * deepStrictEqual({ expected, lost, duplicates, outOfOrder, cumulativeLost, seqCycles },
 *   { expected: 6, lost: 1, duplicates: 1, outOfOrder: 1, cumulativeLost: 0, seqCycles: 1 });
 * ```
 */
export class RtpStreamStats {
  // configuration
  #clockRate: number; // 0 while unknown
  #inverseClockRate: number; // 1 / #clockRate, or 0
  // counts and bytes
  #packets = 0;
  #ipBytes = 0;
  #payloadBytes = 0;
  #markers = 0;
  readonly #payloadTypeBits = new Uint32Array(4); // bit n: payload type n seen
  #firstArrival = 0;
  #lastArrival = 0;
  // sequence numbers, RFC 3550 A.1 (no probation: a capture analyser counts from the first packet)
  #maxSeq = 0; // 16-bit value of #maxExt
  #maxExt = 0;
  #minExt = 0;
  #cycles = 0;
  #badSeq = NO_BAD_SEQ;
  readonly #seqWindow = new Uint32Array(SEQ_WINDOW_WORDS); // bit (ext % SEQ_WINDOW): ext received
  #unique = 0;
  #expectedPrior = 0; // expected packets of segments closed by a restart
  #duplicates = 0;
  #outOfOrder = 0;
  #outOfWindow = 0;
  #restarts = 0;
  // Wireshark's sequence-error counter
  #tsharkSeq = 0;
  #sequenceErrors = 0;
  // RTP timestamps
  #firstTsExt = 0;
  #lastTsExt = 0; // extended timestamp of the last in-time packet
  #lastTs = 0; // its 32-bit value
  #wrongTimestamps = 0;
  #prevPayloadType = 0;
  // inter-arrival delta, jitter, skew
  #lastInTimeArrival = 0;
  #delta = 0; // ms, of the last in-time packet
  #minDelta = 0;
  #maxDelta = 0;
  #meanDelta = 0;
  #regularPackets = 0;
  #jitter = 0; // RTP timestamp units
  #jitterStartPackets = 0; // packets observed when the current jitter series started, minus one
  #jitterRegular = 0;
  #minJitter = 0;
  #maxJitter = 0;
  #meanJitter = 0;
  #skewCount = 0;
  #maxSkew = 0; // ms
  // least-squares fit of extended timestamp (ticks) on arrival (s since the first packet), Welford/co-moment form
  #fitCount = 0;
  #fitMeanX = 0;
  #fitMeanY = 0;
  #fitM2X = 0;
  #fitCXY = 0;
  #fitLastX = 0;

  /**
   * @param clockRate RTP clock rate in Hz (from the SDP `a=rtpmap`, or {@linkcode staticPayloadClockRate}); null when
   *   unknown, which leaves jitter, skew and drift null until {@linkcode RtpStreamStats.setClockRate}.
   * @throws {RangeError} If the rate is not a positive number.
   */
  constructor(clockRate: number | null) {
    this.#clockRate = clockRate === null ? 0 : checkClockRate(clockRate);
    this.#inverseClockRate = clockRate === null ? 0 : 1 / clockRate;
  }

  /**
   * Sets the clock rate once it is known (an SDP seen later, a user choice). Jitter (J and its min/mean/max) and max
   * skew cannot be converted to another rate, because J is a non-linear recurrence on |Δarrival × rate − Δtimestamp|,
   * so a different rate discards them and starts them again at the next packet, measured against the last in-time
   * packet. Everything else (counts, loss, delta, rates, timestamp rate and drift) is unaffected; drift uses the new
   * rate at once because its fit is kept in timestamp ticks. Setting the current rate again does nothing.
   * @param hz Clock rate in Hz.
   * @throws {RangeError} If the rate is not a positive number.
   * @example
   * ```ts
   * import { RtpStreamStats } from "./rtp_stream.ts";
   * import { strictEqual } from "node:assert/strict";
   * const stats = new RtpStreamStats(null);
   * stats.observe(1, 0, 10.00, 111, false, 100, 60);
   * stats.observe(2, 960, 10.02, 111, false, 100, 60);
   * strictEqual(stats.snapshot().maxJitterMs, null);
   * stats.setClockRate(48000);
   * stats.observe(3, 1920, 10.045, 111, false, 100, 60);
   * strictEqual(stats.snapshot().maxJitterMs?.toFixed(4), "0.3125"); // |25 ms − 20 ms| / 16
   * ```
   */
  setClockRate(hz: number): void {
    checkClockRate(hz);
    if (hz === this.#clockRate) return;
    this.#clockRate = hz;
    this.#inverseClockRate = 1 / hz;
    this.#jitter = 0;
    this.#jitterStartPackets = this.#packets > 0 ? this.#packets - 1 : 0;
    this.#jitterRegular = 0;
    this.#minJitter = 0;
    this.#maxJitter = 0;
    this.#meanJitter = 0;
    this.#skewCount = 0;
    this.#maxSkew = 0;
  }

  /**
   * Adds one packet of this stream, in capture order. Allocates nothing.
   * @param seq RTP sequence number, 0 … 65535.
   * @param timestamp RTP timestamp, 0 … 2^32−1.
   * @param arrival Capture time in seconds, e.g. `ts_sec + ts_frac / 1e6 or 1e9`. Any origin works, since only
   *   differences are used; but a double holding a Unix time resolves only 0.24 µs, so seconds since the capture's first
   *   second (tshark's time base) give results identical to tshark's, where Unix seconds agree within ~0.5 µs.
   * @param payloadType 0 … 127.
   * @param marker The M bit.
   * @param ipBytes IP-level length of the packet (original length minus the link header).
   * @param payloadBytes RTP payload length (after header, CSRCs and extension; padding excluded).
   */
  observe(
    seq: number,
    timestamp: number,
    arrival: number,
    payloadType: number,
    marker: boolean,
    ipBytes: number,
    payloadBytes: number,
  ): void {
    seq &= 0xffff;
    payloadType &= 0x7f;
    const packetsBefore = this.#packets;
    this.#packets = packetsBefore + 1;
    this.#ipBytes += ipBytes;
    this.#payloadBytes += payloadBytes;
    if (marker) this.#markers++;
    this.#payloadTypeBits[payloadType >>> 5]! |= 1 << (payloadType & 31);
    this.#lastArrival = arrival;

    if (packetsBefore === 0) {
      this.#firstArrival = arrival;
      this.#initSequence(seq);
      this.#tsharkSeq = seq;
      this.#firstTsExt = timestamp >>> 0;
      this.#lastTsExt = this.#firstTsExt;
      this.#lastTs = this.#firstTsExt;
      this.#lastInTimeArrival = arrival;
      this.#prevPayloadType = payloadType;
      this.#addFitPoint(0, 0);
      return;
    }

    // RTP timestamp, extended against the last in-time packet (serial-number arithmetic, RFC 1982 with 2^31)
    const tsDiff = ((timestamp >>> 0) - this.#lastTs) | 0;
    const tsExt = this.#lastTsExt + tsDiff;
    const inTime = tsExt >= this.#firstTsExt;
    if (!inTime) this.#wrongTimestamps++;

    this.#updateSequence(seq);
    this.#updateTsharkSequence(seq, inTime);

    const comfortNoise = payloadType === PT_CN || payloadType === PT_CN_OLD;
    const afterComfortNoise = this.#prevPayloadType === PT_CN || this.#prevPayloadType === PT_CN_OLD;
    this.#prevPayloadType = payloadType;

    const clock = this.#clockRate;
    let jitterUpdated = false;
    if (inTime) {
      this.#delta = (arrival - this.#lastInTimeArrival) * 1000;
      if (clock > 0) {
        // RFC 3550 A.8 with both times in timestamp units: D = (Rj − Ri) − (Sj − Si), J += (|D| − J) / 16
        const d = (arrival - this.#lastInTimeArrival) * clock - (tsExt - this.#lastTsExt);
        this.#jitter += (Math.abs(d) - this.#jitter) * 0.0625; // / 16
        jitterUpdated = true;
        const skew = ((tsExt - this.#firstTsExt) * this.#inverseClockRate - (arrival - this.#firstArrival)) * 1000;
        this.#skewCount++;
        if (Math.abs(skew) > Math.abs(this.#maxSkew)) this.#maxSkew = skew;
      }
      this.#addFitPoint(arrival - this.#firstArrival, tsExt - this.#firstTsExt);
      this.#lastInTimeArrival = arrival;
      this.#lastTsExt = tsExt;
      this.#lastTs = timestamp >>> 0;
    }

    if (inTime && !marker && !comfortNoise && !afterComfortNoise) {
      // tshark's running means divide by the packets seen before this one, so an irregular packet in between counts
      // as the running mean at that point.
      // the first regular value sets min and max (a delta is negative when capture timestamps step back)
      const delta = this.#delta;
      const firstRegular = ++this.#regularPackets === 1;
      if (firstRegular || delta > this.#maxDelta) this.#maxDelta = delta;
      if (firstRegular || delta < this.#minDelta) this.#minDelta = delta;
      this.#meanDelta = (this.#meanDelta * (packetsBefore - 1) + delta) / packetsBefore;
      if (jitterUpdated) {
        const j = this.#jitter;
        const n = packetsBefore - this.#jitterStartPackets;
        const firstJitter = ++this.#jitterRegular === 1;
        if (firstJitter || j > this.#maxJitter) this.#maxJitter = j;
        if (firstJitter || j < this.#minJitter) this.#minJitter = j;
        this.#meanJitter = (this.#meanJitter * (n - 1) + j) / n;
      }
    }
  }

  /**
   * The current interarrival jitter J (RFC 3550 §6.4.1) in ms without building a snapshot, for per-packet sampling
   * (a sparkline); null while the clock rate is unknown or before the first packet.
   */
  get jitterMs(): number | null {
    return this.#clockRate > 0 && this.#packets > 0 ? this.#jitter * (1000 / this.#clockRate) : null;
  }

  /**
   * Reads every figure. Cheap (no per-packet state), so it can run once per UI frame.
   * @returns A new object; see {@linkcode RtpStreamSnapshot} and `RTP_METRICS.md`.
   * @example
   * ```ts
   * import { RtpStreamStats } from "./rtp_stream.ts";
   * import { strictEqual } from "node:assert/strict";
   * strictEqual(new RtpStreamStats(null).snapshot().packets, 0);
   * ```
   */
  snapshot(): RtpStreamSnapshot {
    const packets = this.#packets;
    const clock = this.#clockRate;
    const expected = packets === 0 ? 0 : this.#expectedPrior + this.#maxExt - this.#minExt + 1;
    const lost = expected - this.#unique;
    const durationS = packets === 0 ? 0 : this.#lastArrival - this.#firstArrival;
    const perSecond = durationS > 0 ? 1 / durationS : null;
    const hasRegular = this.#regularPackets > 0;
    const hasJitter = clock > 0 && this.#jitterRegular > 0;
    const toMs = clock > 0 ? 1000 / clock : 0;
    const rate = this.#fitCount > 1 && this.#fitM2X > 0 ? this.#fitCXY / this.#fitM2X : null;
    const driftRatio = rate !== null && clock > 0 ? rate / clock - 1 : null;
    const payloadTypes: number[] = [];
    for (let pt = 0; pt < 128; pt++) {
      if ((this.#payloadTypeBits[pt >>> 5]! >>> (pt & 31)) & 1) payloadTypes.push(pt);
    }
    return {
      clockRate: clock > 0 ? clock : null,
      packets,
      uniquePackets: this.#unique,
      expected,
      lost,
      lossPct: expected > 0 ? (lost * 100) / expected : 0,
      cumulativeLost: expected - packets,
      duplicates: this.#duplicates,
      outOfOrder: this.#outOfOrder,
      outOfWindow: this.#outOfWindow,
      seqRestarts: this.#restarts,
      sequenceErrors: this.#sequenceErrors,
      wrongTimestamps: this.#wrongTimestamps,
      firstSeq: this.#minExt,
      lastSeq: this.#maxExt,
      seqCycles: this.#cycles,
      minDeltaMs: hasRegular ? this.#minDelta : null,
      meanDeltaMs: hasRegular ? this.#meanDelta : null,
      maxDeltaMs: hasRegular ? this.#maxDelta : null,
      jitterMs: clock > 0 && packets > 0 ? this.#jitter * toMs : null,
      minJitterMs: hasJitter ? this.#minJitter * toMs : null,
      meanJitterMs: hasJitter ? this.#meanJitter * toMs : null,
      maxJitterMs: hasJitter ? this.#maxJitter * toMs : null,
      maxSkewMs: this.#skewCount > 0 ? this.#maxSkew : null,
      timestampRateHz: rate,
      clockDriftMs: driftRatio === null ? null : driftRatio * this.#fitLastX * 1000,
      clockDriftPpm: driftRatio === null ? null : driftRatio * 1e6,
      firstArrival: this.#firstArrival,
      lastArrival: this.#lastArrival,
      durationS,
      ipBitrateKbps: perSecond === null ? null : (this.#ipBytes * 8 * perSecond) / 1000,
      payloadBitrateKbps: perSecond === null ? null : (this.#payloadBytes * 8 * perSecond) / 1000,
      packetRate: perSecond === null ? null : packets * perSecond,
      payloadTypes,
      markers: this.#markers,
      problems: this.#sequenceErrors > 0 || this.#wrongTimestamps > 0,
    };
  }

  /** Starts a sequence segment at `seq` (RFC 3550 A.1 init_seq). */
  #initSequence(seq: number): void {
    this.#maxSeq = seq;
    this.#maxExt = seq;
    this.#minExt = seq;
    this.#cycles = 0;
    this.#badSeq = NO_BAD_SEQ;
    this.#seqWindow.fill(0);
    this.#markReceived(seq);
    this.#unique++;
  }

  /** RFC 3550 A.1 update_seq, extended with duplicate and reordering counts; every packet lands in exactly one count. */
  #updateSequence(seq: number): void {
    const udelta = (seq - this.#maxSeq) & 0xffff;
    if (udelta === 0) {
      this.#duplicates++;
    } else if (udelta < MAX_DROPOUT) {
      // in order, with a permissible gap
      const oldMax = this.#maxExt;
      if (udelta >= SEQ_WINDOW) {
        this.#seqWindow.fill(0);
      } else {
        for (let ext = oldMax + 1; ext < oldMax + udelta; ext++) this.#markMissing(ext);
      }
      if (seq < this.#maxSeq) this.#cycles++;
      this.#maxSeq = seq;
      this.#maxExt = oldMax + udelta;
      this.#markReceived(this.#maxExt);
      this.#unique++;
    } else if (udelta <= RTP_SEQ_MOD - MAX_MISORDER) {
      // a very large jump
      if (seq === this.#badSeq) {
        // two sequential packets: the sender restarted its sequence; the stray before this one opens the new segment
        this.#expectedPrior += this.#maxExt - this.#minExt + 1;
        this.#restarts++;
        this.#outOfWindow--;
        this.#initSequence(seq);
        this.#minExt = seq - 1;
        this.#markReceived(seq - 1);
        this.#unique++;
      } else {
        this.#badSeq = (seq + 1) & 0xffff;
        this.#outOfWindow++;
      }
    } else {
      // up to MAX_MISORDER behind the highest: late or duplicate
      const ext = this.#maxExt - (RTP_SEQ_MOD - udelta);
      if (this.#isReceived(ext)) {
        this.#duplicates++;
      } else {
        this.#markReceived(ext);
        this.#unique++;
        this.#outOfOrder++;
        if (ext < this.#minExt) this.#minExt = ext;
      }
    }
  }

  /**
   * Wireshark's sequence check (rtppacket_analyse): the "in-order" number moves on an expected successor or, for an
   * in-time packet, on a gap (counted); anything at or below it is counted as late or duplicated.
   */
  #updateTsharkSequence(seq: number, inTime: boolean): void {
    const last = this.#tsharkSeq;
    if (inTime && (last + 1 === seq || (last === 0xffff && seq === 0))) {
      this.#tsharkSeq = seq;
    } else if (inTime && (last + 1 < seq || last - seq > 0xff00)) {
      this.#tsharkSeq = seq;
      this.#sequenceErrors++;
    } else if (last + 1 > seq) {
      this.#sequenceErrors++;
    }
  }

  #markReceived(ext: number): void {
    const bit = ext & (SEQ_WINDOW - 1);
    this.#seqWindow[bit >>> 5]! |= 1 << (bit & 31);
  }

  #markMissing(ext: number): void {
    const bit = ext & (SEQ_WINDOW - 1);
    this.#seqWindow[bit >>> 5]! &= ~(1 << (bit & 31));
  }

  #isReceived(ext: number): boolean {
    const bit = ext & (SEQ_WINDOW - 1);
    return ((this.#seqWindow[bit >>> 5]! >>> (bit & 31)) & 1) === 1;
  }

  /** One point of the timestamp-vs-arrival least-squares fit (x seconds, y ticks), in numerically stable form. */
  #addFitPoint(x: number, y: number): void {
    const inverse = 1 / ++this.#fitCount;
    const dx = x - this.#fitMeanX;
    this.#fitMeanX += dx * inverse;
    this.#fitMeanY += (y - this.#fitMeanY) * inverse;
    this.#fitM2X += dx * (x - this.#fitMeanX);
    this.#fitCXY += dx * (y - this.#fitMeanY);
    this.#fitLastX = x;
  }
}
