/**
 * RTCP statistics per SSRC, computed incrementally in capture order from decoded compounds: what each sender says about
 * itself in its sender reports (counts, SR-derived bitrate and packet rate, the RTP clock rate its timestamps imply),
 * what receivers say about each source in their report blocks (fraction lost, cumulative lost, extended highest
 * sequence number, jitter, round-trip time from LSR/DLSR), its SDES CNAME and whether it said BYE. Every figure is
 * defined in `RTCP_ICE_METRICS.md` next to this file.
 *
 * State is bounded: at most `maxSsrcs` sources (SSRCs seen beyond that are counted in `droppedSsrcs`, not tracked) and
 * at most `maxReportersPerSource` reporters per source (`droppedReports`). Per RTCP packet the work is O(report
 * blocks).
 *
 * @example Two sender reports 5 s apart
 * ```ts
 * import { RtcpSsrcStats } from "./rtcp_ssrc.ts";
 * import { strictEqual } from "node:assert/strict";
 * const stats = new RtcpSsrcStats();
 * const sr = (ntpSeconds: number, rtpTimestamp: number, packetCount: number, octetCount: number) => ({
 *   type: "sr" as const, ssrc: 0x11223344, ntpSeconds, ntpFraction: 0, ntpTime: ntpSeconds, rtpTimestamp, packetCount,
 *   octetCount, reports: [],
 * });
 * stats.observe([sr(3_900_000_000, 1000, 0, 0)], 1_691_011_200);
 * stats.observe([sr(3_900_000_005, 1000 + 5 * 90000, 250, 625_000)], 1_691_011_205);
 * const s = stats.snapshot()[0]!;
 * strictEqual(s.senderBitrateBps, 1_000_000); // 625000 B × 8 / 5 s
 * strictEqual(s.senderPacketRate, 50);
 * strictEqual(s.clockRateEstimateHz, 90000);
 * ```
 *
 * @module
 */
// This module is browser compatible.

import type { RtcpPacket } from "../protocols/rtcp/mod.ts";
import { NTP_UNIX_OFFSET_SECONDS, SdesItemType } from "../protocols/rtcp/mod.ts";
import type { ReceptionReport } from "../protocols/rtcp/report_block.ts";

const TWO_32 = 4_294_967_296;
/**
 * SR pairs closer than this (NTP seconds) give no bitrate, packet rate or clock-rate sample. The original netpix's
 * `rtcp-graph-smoothing` branch used the same 50 ms threshold: the counts move in whole packets, so over a few ms one
 * packet more or less swings the quotient by hundreds of kbit/s (one 1200-byte packet in 10 ms is 960 kbit/s), and a
 * delta of 0 (an SR repeated in back-to-back compounds) would divide by zero.
 */
export const MIN_SR_INTERVAL_S = 0.05;

/** The minimal shape of a sender report {@linkcode RtcpSsrcStats.observe} reads (the decoder's `SenderReport` fits). */
export interface SrFields {
  readonly type: "sr";
  readonly ssrc: number;
  readonly ntpSeconds: number;
  readonly ntpFraction: number;
  readonly rtpTimestamp: number;
  readonly packetCount: number;
  readonly octetCount: number;
  readonly reports: readonly ReportBlockFields[];
}

/** The fields of one RFC 3550 §6.4.1 report block: the decoder's own type. */
export type ReportBlockFields = ReceptionReport;

/** What one reporter last said about one source, plus extremes over all its blocks. */
export interface ReportBlockSnapshot {
  /** SSRC of the RR/SR that carried the blocks. */
  reporterSsrc: number;
  /** Blocks received from this reporter about this source. */
  blocks: number;
  /** Latest fraction lost, % (`fraction / 256 × 100`). */
  fractionLostPct: number;
  /** Largest fraction lost seen, %. */
  maxFractionLostPct: number;
  /** Latest cumulative number of packets lost (signed 24-bit; duplicates can make it negative). */
  cumulativeLost: number;
  /** Latest extended highest sequence number received (cycles × 65536 + highest). */
  extendedHighestSeq: number;
  /** Latest interarrival jitter, RTP timestamp units. */
  jitter: number;
  /** `jitter × 1000 / clockRate`, ms; null while the source's clock rate is unknown. */
  jitterMs: number | null;
  /** Latest LSR (middle 32 bits of the NTP time of the SR it answers); 0 = no SR received yet. */
  lsr: number;
  /** Latest DLSR, seconds (`DLSR / 65536`). */
  dlsrS: number;
  /** RTT of the latest block with a usable LSR, ms (`A − LSR − DLSR`); null if none. */
  rttMs: number | null;
  minRttMs: number | null;
  meanRttMs: number | null;
  maxRttMs: number | null;
  /** Blocks that gave an RTT sample. */
  rttSamples: number;
  /** Blocks whose RTT came out negative (clocks not in sync); they give no RTT sample. */
  negativeRtts: number;
  /** Capture time of the latest block, Unix seconds. */
  lastArrival: number;
}

/** Everything {@linkcode RtcpSsrcStats.snapshot} reports about one SSRC. */
export interface RtcpSsrcSnapshot {
  ssrc: number;
  /** Sender reports sent by this SSRC. */
  srCount: number;
  /** Receiver reports sent by this SSRC. */
  rrCount: number;
  /** NTP timestamp of the latest SR, seconds since 1900 (`msw + lsw / 2³²`); null before the first SR. */
  lastSrNtp: number | null;
  /** The latest SR's NTP timestamp as Unix seconds (era 0 assumed; see RTCP_ICE_METRICS.md). */
  lastSrUnix: number | null;
  /** RTP timestamp of the latest SR. */
  lastSrRtp: number | null;
  /** Sender's packet count in the latest SR. */
  senderPackets: number | null;
  /** Sender's octet count (payload bytes) in the latest SR. */
  senderOctets: number | null;
  /** Capture time of the latest SR, Unix seconds. */
  lastSrArrival: number | null;
  /** `Δoctets × 8 / ΔNTP` between the two latest SRs at least 50 ms apart, bit/s; null without such a pair. */
  senderBitrateBps: number | null;
  /** `Δpackets / ΔNTP` over the same pair, packets/s. */
  senderPacketRate: number | null;
  /** `ΔRTP / ΔNTP` over the same pair, Hz. */
  clockRateEstimateHz: number | null;
  /** `ΔRTP / ΔNTP` from the first to the latest SR (the longest baseline, so the most precise), Hz. */
  clockRateOverallHz: number | null;
  /** SR pairs less than 50 ms apart (or with NTP going backwards), skipped for the rates. */
  skippedSrIntervals: number;
  /** Times the sender's packet count went down (a sender reset): the rates restart. */
  counterResets: number;
  /** Clock rate set by the caller for jitter in ms, Hz; null if unknown. */
  clockRate: number | null;
  /** Latest SDES CNAME, or null. */
  cname: string | null;
  /** A BYE listed this SSRC. */
  bye: boolean;
  /** Reason given in that BYE, or null. */
  byeReason: string | null;
  /** Reporters' view of this source, one entry per reporter SSRC, in order of first block. */
  reportedBy: ReportBlockSnapshot[];
}

/** Limits of {@linkcode RtcpSsrcStats}. */
export interface RtcpSsrcStatsOptions {
  /** Most SSRCs tracked; default 256. */
  maxSsrcs?: number;
  /** Most reporters tracked per source; default 16. */
  maxReportersPerSource?: number;
}

interface SrSample {
  ntp: number;
  rtp: number;
  packets: number;
  octets: number;
}

interface ReportState {
  snap: ReportBlockSnapshot;
  rttSum: number;
}

interface SsrcState {
  snap: Omit<RtcpSsrcSnapshot, "reportedBy">;
  firstSr: SrSample | null;
  prevSr: SrSample | null;
  /** What each reporter said about this SSRC, by reporter SSRC. */
  reports: Map<number, ReportState>;
}

/**
 * Converts a Unix time to the middle 32 bits of its NTP timestamp (RFC 3550 §4: seconds since 1900; LSR's 16.16 form).
 * @param unixSeconds Seconds since 1970, with fraction.
 * @returns `((unix + 2208988800) × 65536) mod 2³²`, unsigned.
 * @example
 * ```ts
 * import { unixToNtpMiddle32 } from "./rtcp_ssrc.ts";
 * import { strictEqual } from "node:assert/strict";
 * strictEqual(unixToNtpMiddle32(0.5), ((2208988800 & 0xffff) * 65536 + 32768) >>> 0);
 * ```
 */
export function unixToNtpMiddle32(unixSeconds: number): number {
  const ntp = unixSeconds + NTP_UNIX_OFFSET_SECONDS;
  const whole = Math.floor(ntp);
  const frac16 = Math.floor((ntp - whole) * 65536);
  return (((whole & 0xffff) * 65536) + frac16) >>> 0;
}

/**
 * RFC 3550 §6.4.1 round-trip time seen by the SR sender: `A − LSR − DLSR` in 16.16 NTP units, where A is the arrival
 * time of the report block in the same middle-32 form. Computed modulo 2³² and read as signed, so the 16-bit seconds
 * wrap (every 18.2 h) does not matter.
 * @param arrivalMiddle32 A, e.g. from {@linkcode unixToNtpMiddle32}.
 * @param lsr The block's LSR.
 * @param dlsr The block's DLSR (1/65536 s).
 * @returns The RTT in seconds; negative when A's clock is behind the SR sender's; null when LSR is 0 (no SR yet).
 * @example RFC 3550's own example: A = 0xb710:8000, LSR = 0xb705:2000, DLSR = 0x0005:4000 → 6.125 s
 * ```ts
 * import { rttFromReportBlock } from "./rtcp_ssrc.ts";
 * import { strictEqual } from "node:assert/strict";
 * strictEqual(rttFromReportBlock(0xb7108000, 0xb7052000, 0x00054000), 6.125);
 * ```
 */
export function rttFromReportBlock(arrivalMiddle32: number, lsr: number, dlsr: number): number | null {
  if (lsr === 0) return null;
  return ((arrivalMiddle32 - lsr - dlsr) | 0) / 65536;
}

/**
 * RTCP statistics for every SSRC of one session (or one capture), fed decoded compounds in capture order.
 * @example See the module example.
 */
export class RtcpSsrcStats {
  readonly #maxSsrcs: number;
  readonly #maxReporters: number;
  readonly #ssrcs = new Map<number, SsrcState>();
  readonly #clockRates = new Map<number, number>();
  /** SSRCs not tracked because `maxSsrcs` were already tracked (one per packet or block that named them). */
  droppedSsrcs = 0;
  /** Report blocks not tracked because their source already had `maxReportersPerSource` reporters. */
  droppedReports = 0;

  /** @param options Limits; see {@linkcode RtcpSsrcStatsOptions}. */
  constructor(options: RtcpSsrcStatsOptions = {}) {
    this.#maxSsrcs = options.maxSsrcs ?? 256;
    this.#maxReporters = options.maxReportersPerSource ?? 16;
  }

  /**
   * Sets the RTP clock rate of a source (from SDP or the static PT table) so its jitter is also given in ms.
   * @param ssrc The media source.
   * @param hz Clock rate, Hz (> 0).
   */
  setClockRate(ssrc: number, hz: number): void {
    if (!Number.isFinite(hz) || hz <= 0) {
      throw new RangeError(`Cannot use clock rate ${hz}: it must be a positive number`);
    }
    this.#clockRates.set(ssrc >>> 0, hz);
    const s = this.#ssrcs.get(ssrc >>> 0);
    if (s === undefined) return;
    s.snap.clockRate = hz;
    for (const r of s.reports.values()) r.snap.jitterMs = (r.snap.jitter * 1000) / hz;
  }

  /**
   * Takes the packets of one compound (e.g. `decodeRtcpCompound(...).packets`); packet types other than SR, RR, SDES
   * and BYE are ignored.
   * @param packets The compound's packets, in wire order.
   * @param arrivalUnixS Capture time of the datagram, Unix seconds (A for the RTT of its report blocks).
   */
  observe(packets: readonly (RtcpPacket | SrFields)[], arrivalUnixS: number): void {
    for (const p of packets) {
      switch (p.type) {
        case "sr": {
          const s = this.#state(p.ssrc);
          if (s !== undefined) this.#onSr(s, p, arrivalUnixS);
          this.#onBlocks(p.ssrc, p.reports, arrivalUnixS);
          break;
        }
        case "rr": {
          const s = this.#state(p.ssrc);
          if (s !== undefined) s.snap.rrCount++;
          this.#onBlocks(p.ssrc, p.reports, arrivalUnixS);
          break;
        }
        case "sdes":
          for (const c of p.chunks) {
            const cname = c.items.find((i) => i.itemType === SdesItemType.CNAME);
            if (cname === undefined) continue;
            const s = this.#state(c.ssrc);
            if (s !== undefined) s.snap.cname = cname.text;
          }
          break;
        case "bye":
          for (const ssrc of p.ssrcs) {
            const s = this.#state(ssrc);
            if (s === undefined) continue;
            s.snap.bye = true;
            s.snap.byeReason = p.reason;
          }
          break;
      }
    }
  }

  /**
   * @returns One snapshot per tracked SSRC, in order of first appearance (fresh objects, safe to keep).
   */
  snapshot(): RtcpSsrcSnapshot[] {
    return [...this.#ssrcs.values()].map((s) => ({
      ...s.snap,
      reportedBy: [...s.reports.values()].map((r) => ({ ...r.snap })),
    }));
  }

  #state(ssrcIn: number): SsrcState | undefined {
    const ssrc = ssrcIn >>> 0;
    let s = this.#ssrcs.get(ssrc);
    if (s !== undefined) return s;
    if (this.#ssrcs.size >= this.#maxSsrcs) {
      this.droppedSsrcs++;
      return undefined;
    }
    s = {
      snap: {
        ssrc,
        srCount: 0,
        rrCount: 0,
        lastSrNtp: null,
        lastSrUnix: null,
        lastSrRtp: null,
        senderPackets: null,
        senderOctets: null,
        lastSrArrival: null,
        senderBitrateBps: null,
        senderPacketRate: null,
        clockRateEstimateHz: null,
        clockRateOverallHz: null,
        skippedSrIntervals: 0,
        counterResets: 0,
        clockRate: this.#clockRates.get(ssrc) ?? null,
        cname: null,
        bye: false,
        byeReason: null,
      },
      firstSr: null,
      prevSr: null,
      reports: new Map(),
    };
    this.#ssrcs.set(ssrc, s);
    return s;
  }

  #onSr(s: SsrcState, p: SrFields, arrival: number): void {
    const snap = s.snap;
    const ntp = p.ntpSeconds + p.ntpFraction / TWO_32;
    const cur: SrSample = { ntp, rtp: p.rtpTimestamp >>> 0, packets: p.packetCount >>> 0, octets: p.octetCount >>> 0 };
    snap.srCount++;
    snap.lastSrNtp = ntp;
    snap.lastSrUnix = ntp - NTP_UNIX_OFFSET_SECONDS;
    snap.lastSrRtp = cur.rtp;
    snap.senderPackets = cur.packets;
    snap.senderOctets = cur.octets;
    snap.lastSrArrival = arrival;
    const prev = s.prevSr;
    if (prev !== null && cur.packets < prev.packets) {
      // RFC 3550 §6.4.1: the counts restart when the sender changes its SSRC or restarts; a wrap after 2³² packets is
      // not plausible in a capture. Start the baselines again.
      snap.counterResets++;
      s.firstSr = cur;
      s.prevSr = cur;
      return;
    }
    if (s.firstSr === null) s.firstSr = cur;
    if (prev === null) {
      s.prevSr = cur;
      return;
    }
    const dt = ntp - prev.ntp;
    if (!(dt > MIN_SR_INTERVAL_S)) {
      // Keep the older SR as the baseline, so the next SR far enough away gets a sample.
      snap.skippedSrIntervals++;
      return;
    }
    snap.senderBitrateBps = (((cur.octets - prev.octets) >>> 0) * 8) / dt;
    snap.senderPacketRate = (cur.packets - prev.packets) / dt;
    snap.clockRateEstimateHz = ((cur.rtp - prev.rtp) >>> 0) / dt;
    const first = s.firstSr;
    const span = ntp - first.ntp;
    // The RTP timestamp wraps every 13 h at 90 kHz; over a longer span the overall estimate would be wrong.
    if (span > MIN_SR_INTERVAL_S) snap.clockRateOverallHz = ((cur.rtp - first.rtp) >>> 0) / span;
    s.prevSr = cur;
  }

  #onBlocks(reporterIn: number, blocks: readonly ReportBlockFields[], arrival: number): void {
    if (blocks.length === 0) return;
    const reporter = reporterIn >>> 0;
    const a = unixToNtpMiddle32(arrival);
    for (const b of blocks) {
      const src = this.#state(b.ssrc);
      if (src === undefined) continue;
      let r = src.reports.get(reporter);
      if (r === undefined) {
        if (src.reports.size >= this.#maxReporters) {
          this.droppedReports++;
          continue;
        }
        r = {
          snap: {
            reporterSsrc: reporter,
            blocks: 0,
            fractionLostPct: 0,
            maxFractionLostPct: 0,
            cumulativeLost: 0,
            extendedHighestSeq: 0,
            jitter: 0,
            jitterMs: null,
            lsr: 0,
            dlsrS: 0,
            rttMs: null,
            minRttMs: null,
            meanRttMs: null,
            maxRttMs: null,
            rttSamples: 0,
            negativeRtts: 0,
            lastArrival: arrival,
          },
          rttSum: 0,
        };
        src.reports.set(reporter, r);
      }
      const o = r.snap;
      o.blocks++;
      o.fractionLostPct = (b.fractionLost / 256) * 100;
      if (o.fractionLostPct > o.maxFractionLostPct) o.maxFractionLostPct = o.fractionLostPct;
      o.cumulativeLost = b.cumulativeLost;
      o.extendedHighestSeq = b.extendedHighestSequence >>> 0;
      o.jitter = b.jitter >>> 0;
      const rate = src.snap.clockRate;
      o.jitterMs = rate === null ? null : (o.jitter * 1000) / rate;
      o.lsr = b.lastSenderReport >>> 0;
      o.dlsrS = (b.delaySinceLastSenderReport >>> 0) / 65536;
      o.lastArrival = arrival;
      const rtt = rttFromReportBlock(a, o.lsr, b.delaySinceLastSenderReport >>> 0);
      if (rtt === null) continue;
      if (rtt < 0) {
        o.negativeRtts++;
        continue;
      }
      const ms = rtt * 1000;
      o.rttMs = ms;
      r.rttSum += ms;
      o.rttSamples++;
      o.meanRttMs = r.rttSum / o.rttSamples;
      if (o.minRttMs === null || ms < o.minRttMs) o.minRttMs = ms;
      if (o.maxRttMs === null || ms > o.maxRttMs) o.maxRttMs = ms;
    }
  }
}
