/**
 * RTCP per SSRC over time, in four stacked charts sharing the x axis (seconds): SR-derived sender bitrate, RR fraction
 * lost (left axis) with cumulative lost (right axis), interarrival jitter in ms, and RTT from LSR/DLSR. Series are
 * coloured by the media source, so one SSRC has one colour in every chart.
 * @module
 */
// This module is browser compatible.

import { contentSize, themedAxis, uPlot } from "./_uplot.ts";
import { plotRoot } from "./_style.ts";
import { alignSeries } from "./_align.ts";
import { type PlotTheme, readTheme, seriesColor } from "./theme.ts";
import type { RtcpMetric, RtcpPlotCollector, RtcpSeries } from "./rtcp_collector.ts";

/** Options of {@linkcode createRtcpPlot}. */
export interface RtcpPlotOptions {
  collector: RtcpPlotCollector;
  /** Only these sources (media SSRCs); all by default. Change later with `setSsrcs`. */
  ssrcs?: readonly number[];
  width?: number;
  /** Total height of the four charts. */
  height?: number;
}

/** The charts, in order. */
export type RtcpChart = "bitrate" | "loss" | "jitter" | "rtt";
export const RTCP_CHARTS: readonly RtcpChart[] = ["bitrate", "loss", "jitter", "rtt"];

/** Controller of the RTCP charts. */
export interface RtcpPlotController {
  update(): void;
  resize(width: number, height: number): void;
  refreshTheme(): void;
  destroy(): void;
  /** Restricts the charts to some sources, or null for all. */
  setSsrcs(ssrcs: readonly number[] | null): void;
  /** The uPlot of each chart. */
  readonly plots: Readonly<Record<RtcpChart, uPlot>>;
  /** The collector series drawn in each chart, in uPlot series order (series i + 1). */
  seriesOf(chart: RtcpChart): readonly RtcpSeries[];
}

const TITLES: Record<RtcpChart, string> = {
  bitrate: "Sender bitrate (SR), kbit/s",
  loss: "Fraction lost (RR), % — dashed: cumulative lost, packets",
  jitter: "Interarrival jitter (RR), ms",
  rtt: "Round-trip time (LSR/DLSR), ms",
};
const METRICS: Record<RtcpChart, readonly RtcpMetric[]> = {
  bitrate: ["bitrate"],
  loss: ["fractionLost", "cumulativeLost"],
  jitter: ["jitter"],
  rtt: ["rtt"],
};

/**
 * Creates the RTCP charts in a container.
 * @param container Element they fill.
 * @param options See {@linkcode RtcpPlotOptions}.
 * @returns The controller.
 */
export function createRtcpPlot(container: HTMLElement, options: RtcpPlotOptions): RtcpPlotController {
  const collector = options.collector;
  const doc = container.ownerDocument;
  const root = plotRoot(container, "np-rtcp-plot");
  container.append(root);
  let theme: PlotTheme = readTheme(container);
  const size = contentSize(container, 800, 640);
  let width = options.width ?? size.width;
  let height = options.height ?? size.height;
  let only: Set<number> | null = options.ssrcs ? new Set(options.ssrcs.map((s) => s >>> 0)) : null;
  const plots = {} as Record<RtcpChart, uPlot>;
  const drawn = {} as Record<RtcpChart, RtcpSeries[]>;
  const builtKeys = {} as Record<RtcpChart, string>;
  let seenVersion = -1;

  /** Colour index of a source: its rank among the sources seen, stable across charts. */
  const sourceIndex = (ssrc: number): number => {
    const order: number[] = [];
    for (const s of collector.series) if (!order.includes(s.ssrc)) order.push(s.ssrc);
    return Math.max(0, order.indexOf(ssrc));
  };

  const pick = (chart: RtcpChart): RtcpSeries[] =>
    collector.series.filter((s) => METRICS[chart].includes(s.metric) && (only === null || only.has(s.ssrc)));

  const data = (list: readonly RtcpSeries[]): uPlot.AlignedData =>
    alignSeries(list.map((s) => ({ x: s.points.view(0), y: s.points.view(1) }))) as unknown as uPlot.AlignedData;

  const chartHeight = () => Math.max(90, Math.floor(height / RTCP_CHARTS.length) - 4);

  function build(chart: RtcpChart): void {
    plots[chart]?.destroy();
    const list = pick(chart);
    drawn[chart] = list;
    builtKeys[chart] = list.map((s) => `${s.metric}${s.ssrc}${s.reporter}`).join();
    const holder = doc.createElement("div");
    holder.dataset.chart = chart;
    const old = root.querySelector(`[data-chart="${chart}"]`);
    if (old) old.replaceWith(holder);
    else root.append(holder);
    const cumulative = chart === "loss";
    const opts: uPlot.Options = {
      title: TITLES[chart],
      width,
      height: chartHeight(),
      scales: { x: { time: false }, ...(cumulative ? { n: { auto: true } } : {}) },
      cursor: { drag: { x: true, y: false, setScale: true }, points: { size: 5 } },
      legend: { live: true },
      axes: [
        themedAxis(theme, "s"),
        themedAxis(theme, ""),
        ...(cumulative ? [themedAxis(theme, "", { scale: "n", side: 1, grid: { show: false } })] : []),
      ],
      series: [
        { label: "s", value: (_u, v) => v == null ? "" : v.toFixed(3) },
        ...list.map((s): uPlot.Series => ({
          label: s.metric === "cumulativeLost" ? `${s.label} cum.` : s.label,
          stroke: seriesColor(theme, sourceIndex(s.ssrc)),
          width: 1.5,
          spanGaps: true,
          points: { show: true, size: 4 },
          ...(s.metric === "cumulativeLost" ? { scale: "n", dash: [4, 3] } : {}),
          value: (_u, v) => v == null ? "" : v.toFixed(s.metric === "cumulativeLost" ? 0 : 2),
        })),
      ],
    };
    plots[chart] = new uPlot(opts, data(list), holder);
    if (list.length === 0) {
      const note = doc.createElement("div");
      note.className = "np-plot-note";
      note.textContent = chart === "bitrate" ? "no sender reports yet" : "no receiver report blocks yet";
      plots[chart].root.querySelector(".u-title")?.after(note);
    }
  }

  function refresh(rebuild: boolean): void {
    for (const chart of RTCP_CHARTS) {
      const list = pick(chart);
      const key = list.map((s) => `${s.metric}${s.ssrc}${s.reporter}`).join();
      if (rebuild || key !== builtKeys[chart]) build(chart);
      else plots[chart].setData(data(list));
    }
    seenVersion = collector.version;
  }

  refresh(true);
  return {
    update() {
      if (collector.version !== seenVersion) refresh(false);
    },
    resize(w, h) {
      width = w;
      height = h;
      for (const c of RTCP_CHARTS) plots[c].setSize({ width, height: chartHeight() });
    },
    refreshTheme() {
      theme = readTheme(container);
      refresh(true);
    },
    destroy() {
      for (const c of RTCP_CHARTS) plots[c].destroy();
      root.remove();
    },
    setSsrcs(ssrcs) {
      only = ssrcs === null ? null : new Set(ssrcs.map((s) => s >>> 0));
      refresh(true);
    },
    plots,
    seriesOf(chart) {
      return drawn[chart];
    },
  };
}
