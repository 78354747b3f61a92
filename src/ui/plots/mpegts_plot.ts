/**
 * MPEG-TS flow over time in two charts: bitrate per PID (or per program) in fixed bins, with a vertical mark at each
 * continuity-counter error in the error colour; and the PCR offset against arrival per PCR PID, whose peak-to-peak is
 * the PCR overall jitter.
 * @module
 */
// This module is browser compatible.

import { arrivalChart, contentSize, uPlot } from "./_uplot.ts";
import { plotRoot } from "./_style.ts";
import { alignSeries } from "./_align.ts";
import { type PlotTheme, readTheme, seriesColor } from "./theme.ts";
import { CcMarkCol, type MpegTsPlotCollector } from "./mpegts_collector.ts";

/** A program as the analysis' snapshot gives it (`MpegTsFlowSnapshot.programs`). */
export interface MpegTsProgramInfo {
  programNumber: number;
  pmtPid: number;
  streams: readonly { pid: number }[];
}

/** Options of {@linkcode createMpegTsPlot}. */
export interface MpegTsPlotOptions {
  collector: MpegTsPlotCollector;
  /** Names per PID (e.g. from `MpegTsFlowSnapshot.pids[].name`); "PID 0x…" otherwise. */
  pidNames?: ReadonlyMap<number, string>;
  /** Programs, to group the bitrate by program; see `setGroupBy`. */
  programs?: readonly MpegTsProgramInfo[];
  /** "pid" (default) or "program". */
  groupBy?: "pid" | "program";
  width?: number;
  height?: number;
}

/** Controller of the MPEG-TS charts. */
export interface MpegTsPlotController {
  update(): void;
  resize(width: number, height: number): void;
  refreshTheme(): void;
  destroy(): void;
  /** Updates PID names and programs (after a new PAT/PMT). */
  setStreamInfo(pidNames: ReadonlyMap<number, string>, programs: readonly MpegTsProgramInfo[]): void;
  setGroupBy(groupBy: "pid" | "program"): void;
  /** Bitrate chart (series 1…n: `bitrateSeries()`, then "total") and PCR chart (series 1…n: `pcrPids()`). */
  readonly bitratePlot: uPlot;
  readonly pcrPlot: uPlot;
  /** Labels of the bitrate series, in uPlot order (without the total). */
  bitrateSeries(): readonly string[];
  /** PCR PIDs, in uPlot order. */
  pcrPids(): readonly number[];
  /** CC error marks drawn at the last draw (one per pixel column at most). */
  drawnCcMarks(): number;
}

const hexPid = (pid: number) => `0x${pid.toString(16).padStart(4, "0")}`;

/**
 * Creates the MPEG-TS charts in a container.
 * @param container Element they fill.
 * @param options See {@linkcode MpegTsPlotOptions}.
 * @returns The controller.
 */
export function createMpegTsPlot(container: HTMLElement, options: MpegTsPlotOptions): MpegTsPlotController {
  const collector = options.collector;
  const doc = container.ownerDocument;
  const root = plotRoot(container, "np-mpegts-plot");
  const top = doc.createElement("div");
  const bottom = doc.createElement("div");
  root.append(top, bottom);
  container.append(root);
  let theme: PlotTheme = readTheme(container);
  const size = contentSize(container, 800, 480);
  let width = options.width ?? size.width;
  let height = options.height ?? size.height;
  let names: ReadonlyMap<number, string> = options.pidNames ?? new Map();
  let programs: readonly MpegTsProgramInfo[] = options.programs ?? [];
  let groupBy = options.groupBy ?? "pid";
  let bitratePlot: uPlot;
  let pcrPlot: uPlot;
  let labels: string[] = [];
  let pcrPids: number[] = [];
  let builtKey = "";
  let seenVersion = -1;
  let ccDrawn = 0;

  const pidLabel = (pid: number) => `${hexPid(pid)} ${names.get(pid) ?? ""}`.trim();

  /** Groups of bitrate columns: each a label and the column indexes (1-based) it sums. */
  function groups(): { label: string; cols: number[] }[] {
    const pids = collector.pids;
    if (groupBy === "program" && programs.length > 0) {
      const used = new Set<number>();
      const out = programs.map((p) => {
        const member = new Set([p.pmtPid, ...p.streams.map((e) => e.pid)]);
        const cols: number[] = [];
        pids.forEach((pid, i) => {
          if (member.has(pid)) {
            cols.push(i + 1);
            used.add(pid);
          }
        });
        return { label: `program ${p.programNumber}`, cols };
      });
      const rest: number[] = [];
      pids.forEach((pid, i) => used.has(pid) || rest.push(i + 1));
      if (rest.length > 0) out.push({ label: "other PIDs (PSI, null, …)", cols: rest });
      return out;
    }
    return pids.map((pid, i) => ({ label: pidLabel(pid), cols: [i + 1] }));
  }

  function bitrateData(gs: readonly { cols: number[] }[]): uPlot.AlignedData {
    const b = collector.bins;
    const n = b.length;
    const x = b.view(0);
    const total = new Float64Array(n);
    const series = gs.map((g) => {
      const y = new Float64Array(n);
      for (const c of g.cols) {
        const col = b.cols[c]!;
        for (let i = 0; i < n; i++) y[i] = y[i]! + col[i]!;
      }
      for (let i = 0; i < n; i++) total[i] = total[i]! + y[i]!;
      return y;
    });
    return [x, ...series, total];
  }

  function drawCc(u: uPlot): void {
    const m = collector.ccMarks;
    const ctx = u.ctx;
    const { left, top: t, width: w, height: h } = u.bbox;
    const xMin = u.scales.x!.min!;
    const xMax = u.scales.x!.max!;
    let last = -1;
    ccDrawn = 0;
    ctx.save();
    ctx.fillStyle = theme.error;
    const lw = Math.max(1, Math.round(globalThis.devicePixelRatio || 1));
    for (let i = 0; i < m.length; i++) {
      const x = m.cols[CcMarkCol.Arrival]![i]!;
      if (x < xMin || x > xMax) continue;
      const px = Math.round(left + (x - xMin) / (xMax - xMin) * w);
      if (px === last) continue;
      last = px;
      ctx.fillRect(px, t, lw, h);
      ccDrawn++;
    }
    ctx.restore();
  }

  function bitrateTitle(): string {
    let cc = 0;
    for (const pid of collector.pids) cc += collector.ccErrors[pid]!;
    return `Bitrate per ${
      groupBy === "program" ? "program" : "PID"
    } (${collector.binS} s bins), kbit/s — CC errors: ${cc}`;
  }

  function pcrTitle(): string {
    const jitter = pcrPids.map((pid) => {
      const y = collector.pcr.get(pid)!.view(1);
      let lo = Infinity;
      let hi = -Infinity;
      for (const v of y) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      return y.length > 0 ? (hi - lo).toFixed(3) : "–";
    });
    return `PCR offset vs arrival, ms (peak-to-peak = PCR overall jitter: ${jitter.join(", ") || "no PCR"} ms)`;
  }

  function pcrData(): uPlot.AlignedData {
    const list = pcrPids.map((pid) => collector.pcr.get(pid)!);
    return alignSeries(list.map((c) => ({ x: c.view(0), y: c.view(1) }))) as unknown as uPlot.AlignedData;
  }

  const setTitle = (u: uPlot, text: string) => {
    const el = u.root.querySelector(".u-title");
    if (el !== null) el.textContent = text;
  };

  function build(): void {
    bitratePlot?.destroy();
    pcrPlot?.destroy();
    const gs = groups();
    labels = gs.map((g) => g.label);
    pcrPids = [...collector.pcr.keys()];
    builtKey = `${groupBy}|${labels.join()}|${pcrPids.join()}`;
    const h1 = Math.max(120, Math.floor(height * 0.6) - 30);
    const h2 = Math.max(90, height - h1 - 60);
    bitratePlot = new uPlot(
      {
        title: bitrateTitle(),
        width,
        height: h1,
        ...arrivalChart(theme),
        series: [
          { label: "s", value: (_u, v) => v == null ? "" : v.toFixed(2) },
          ...gs.map((g, i): uPlot.Series => ({
            label: g.label,
            stroke: seriesColor(theme, i),
            width: 1.5,
            value: (_u, v) => v == null ? "" : v.toFixed(1),
          })),
          { label: "total", stroke: theme.fg, width: 1, dash: [4, 3], value: (_u, v) => v == null ? "" : v.toFixed(1) },
        ],
        hooks: { draw: [drawCc] },
      },
      bitrateData(gs),
      top,
    );
    pcrPlot = new uPlot(
      {
        title: pcrTitle(),
        width,
        height: h2,
        ...arrivalChart(theme),
        series: [
          { label: "s", value: (_u, v) => v == null ? "" : v.toFixed(3) },
          ...pcrPids.map((pid, i): uPlot.Series => ({
            label: `PCR ${pidLabel(pid)}`,
            stroke: seriesColor(theme, i + 4),
            width: 1,
            spanGaps: true,
            points: { show: false },
            value: (_u, v) => v == null ? "" : v.toFixed(3),
          })),
        ],
      },
      pcrData(),
      bottom,
    );
    seenVersion = collector.version;
  }

  build();
  const controller: MpegTsPlotController = {
    update() {
      if (collector.version === seenVersion) return;
      const key = `${groupBy}|${groups().map((g) => g.label).join()}|${[...collector.pcr.keys()].join()}`;
      if (key !== builtKey) {
        build();
        return;
      }
      seenVersion = collector.version;
      bitratePlot.setData(bitrateData(groups()));
      pcrPlot.setData(pcrData());
      setTitle(bitratePlot, bitrateTitle());
      setTitle(pcrPlot, pcrTitle());
    },
    resize(w, h) {
      width = w;
      height = h;
      const h1 = Math.max(120, Math.floor(height * 0.6) - 30);
      bitratePlot.setSize({ width, height: h1 });
      pcrPlot.setSize({ width, height: Math.max(90, height - h1 - 60) });
    },
    refreshTheme() {
      theme = readTheme(container);
      build();
    },
    destroy() {
      bitratePlot.destroy();
      pcrPlot.destroy();
      root.remove();
    },
    setStreamInfo(pidNames, progs) {
      names = pidNames;
      programs = progs;
      build();
    },
    setGroupBy(g) {
      groupBy = g;
      build();
    },
    get bitratePlot() {
      return bitratePlot;
    },
    get pcrPlot() {
      return pcrPlot;
    },
    bitrateSeries() {
      return labels;
    },
    pcrPids() {
      return pcrPids;
    },
    drawnCcMarks() {
      return ccDrawn;
    },
  };
  return controller;
}
