/**
 * Time series of what RTCP says per SSRC, for {@linkcode createRtcpPlot}: the SR-derived sender bitrate, and per
 * (source, reporter) the RR fraction lost, cumulative lost, interarrival jitter in ms and round-trip time. Every figure
 * is computed by the analysis' {@linkcode RtcpSsrcStats} (RTCP_ICE_METRICS.md); this collector only samples it after
 * each compound that carried an SR or RR, so the plot and the `netpix analyze` report cannot disagree.
 *
 * Bounded: at most `maxSeries` series (`droppedSeriesPoints` counts points of further series) of at most
 * `maxPointsPerSeries` points (oldest half dropped at the cap, counted per series). Sampling reads the stats' snapshot,
 * which allocates O(SSRCs); RTCP comes a few times per second per stream, so this is not per media packet.
 * @module
 */
// This module is browser compatible.

import type { RtcpPacket } from "../../protocols/rtcp/mod.ts";
import { type RtcpSsrcSnapshot, RtcpSsrcStats } from "../../analysis/rtcp_ssrc.ts";
import { Columns } from "./_columns.ts";

/** The plotted figures. */
export type RtcpMetric = "bitrate" | "fractionLost" | "cumulativeLost" | "jitter" | "rtt";

/** Units of each metric, for axis labels. */
export const RTCP_METRIC_UNITS: Readonly<Record<RtcpMetric, string>> = {
  bitrate: "kbit/s",
  fractionLost: "%",
  cumulativeLost: "packets",
  jitter: "ms",
  rtt: "ms",
};

/** One time series: x = seconds from the origin, y = the metric. */
export interface RtcpSeries {
  metric: RtcpMetric;
  /** The media source the figure is about. */
  ssrc: number;
  /** The SSRC whose report blocks gave it; null for the sender's own bitrate. */
  reporter: number | null;
  /** E.g. `"0x11223344"` or `"0x11223344 ← 0x0badcafe"`. */
  label: string;
  /** Column 0: x (s), column 1: y. */
  points: Columns;
}

/** Options of {@linkcode RtcpPlotCollector}. */
export interface RtcpPlotCollectorOptions {
  /** The analysis' stats to feed and sample; a new one by default. Feed it only through this collector. */
  stats?: RtcpSsrcStats;
  /** Unix seconds that x = 0 stands for; default the first arrival observed. */
  originUnixS?: number;
  /** Default 256. */
  maxSeries?: number;
  /** Default 4096. */
  maxPointsPerSeries?: number;
}

const hex = (n: number) => `0x${(n >>> 0).toString(16).padStart(8, "0")}`;

/**
 * Feeds {@linkcode RtcpSsrcStats} and keeps its figures over time.
 * @example See rtcp_collector_test.ts.
 */
export class RtcpPlotCollector {
  readonly stats: RtcpSsrcStats;
  /** Series in order of first point. */
  readonly series: RtcpSeries[] = [];
  /** Points of series beyond `maxSeries`. */
  droppedSeriesPoints = 0;
  version = 0;
  #origin: number | null;
  readonly #byKey = new Map<string, RtcpSeries>();
  readonly #maxSeries: number;
  readonly #maxPoints: number;
  /** Per SSRC: skipped intervals + counter resets at the last SR, to tell an SR that gave a bitrate sample. */
  readonly #srSkips = new Map<number, number>();
  /** Per "source:reporter": RTT samples at the last block. */
  readonly #rttSamples = new Map<string, number>();

  /** @param options See {@linkcode RtcpPlotCollectorOptions}. */
  constructor(options: RtcpPlotCollectorOptions = {}) {
    this.stats = options.stats ?? new RtcpSsrcStats();
    this.#origin = options.originUnixS ?? null;
    this.#maxSeries = options.maxSeries ?? 256;
    this.#maxPoints = options.maxPointsPerSeries ?? 4096;
  }

  /** Unix seconds of x = 0, or null before the first compound. */
  get originUnixS(): number | null {
    return this.#origin;
  }

  /**
   * Sets the Unix time that x = 0 stands for, before the first compound (later calls are ignored, so x stays
   * consistent).
   * @param unixS Unix seconds.
   */
  setOrigin(unixS: number): void {
    if (this.series.length === 0) this.#origin = unixS;
  }

  /**
   * Sets a source's clock rate (SDP or static PT), so its jitter is in ms: {@linkcode RtcpSsrcStats.setClockRate}.
   * @param ssrc The media source.
   * @param hz Clock rate.
   */
  setClockRate(ssrc: number, hz: number): void {
    this.stats.setClockRate(ssrc, hz);
  }

  /**
   * Feeds one compound to the stats, then samples the figures it changed.
   * @param packets `decodeRtcpCompound(...).packets`.
   * @param arrivalUnixS Capture time, Unix seconds (the RTT needs the real time: RFC 3550 §6.4.1).
   */
  observe(packets: readonly RtcpPacket[], arrivalUnixS: number): void {
    this.stats.observe(packets, arrivalUnixS);
    if (!packets.some((p) => p.type === "sr" || p.type === "rr")) return;
    this.#origin ??= arrivalUnixS;
    const x = arrivalUnixS - this.#origin;
    const snaps = new Map<number, RtcpSsrcSnapshot>();
    for (const s of this.stats.snapshot()) snaps.set(s.ssrc, s);
    for (const p of packets) {
      if (p.type !== "sr" && p.type !== "rr") continue;
      if (p.type === "sr") this.#sampleSender(snaps.get(p.ssrc >>> 0), x);
      for (const b of p.reports) this.#sampleBlock(snaps.get(b.ssrc >>> 0), p.ssrc >>> 0, x);
    }
    this.version++;
  }

  #sampleSender(s: RtcpSsrcSnapshot | undefined, x: number): void {
    if (s === undefined) return;
    const skips = s.skippedSrIntervals + s.counterResets;
    const before = this.#srSkips.get(s.ssrc);
    this.#srSkips.set(s.ssrc, skips);
    // A sample came from this SR when it was not the first, not skipped as too close, and not a counter reset.
    if (s.srCount < 2 || skips !== (before ?? 0) || s.senderBitrateBps === null) return;
    this.#push("bitrate", s.ssrc, null, x, s.senderBitrateBps / 1000);
  }

  #sampleBlock(s: RtcpSsrcSnapshot | undefined, reporter: number, x: number): void {
    const r = s?.reportedBy.find((b) => b.reporterSsrc === reporter);
    if (s === undefined || r === undefined) return;
    this.#push("fractionLost", s.ssrc, reporter, x, r.fractionLostPct);
    this.#push("cumulativeLost", s.ssrc, reporter, x, r.cumulativeLost);
    if (r.jitterMs !== null) this.#push("jitter", s.ssrc, reporter, x, r.jitterMs);
    const key = `${s.ssrc}:${reporter}`;
    const had = this.#rttSamples.get(key) ?? 0;
    this.#rttSamples.set(key, r.rttSamples);
    if (r.rttSamples > had && r.rttMs !== null) this.#push("rtt", s.ssrc, reporter, x, r.rttMs);
  }

  #push(metric: RtcpMetric, ssrc: number, reporter: number | null, x: number, y: number): void {
    const key = `${metric}:${ssrc}:${reporter ?? ""}`;
    let s = this.#byKey.get(key);
    if (s === undefined) {
      if (this.series.length >= this.#maxSeries) {
        this.droppedSeriesPoints++;
        return;
      }
      s = {
        metric,
        ssrc,
        reporter,
        label: reporter === null ? hex(ssrc) : `${hex(ssrc)} ← ${hex(reporter)}`,
        points: new Columns(2, this.#maxPoints, "drop-oldest"),
      };
      this.#byKey.set(key, s);
      this.series.push(s);
    }
    const r = s.points.addRow();
    s.points.cols[0]![r] = x;
    s.points.cols[1]![r] = y;
  }

  /**
   * @param metric A metric.
   * @returns Its series, in order of first point.
   */
  seriesOf(metric: RtcpMetric): RtcpSeries[] {
    return this.series.filter((s) => s.metric === metric);
  }
}
