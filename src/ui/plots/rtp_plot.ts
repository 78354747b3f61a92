/**
 * The RTP plot: one lane per stream, one tick per packet (height by size; coloured as keyframe, marker or normal),
 * sequence gaps as bands (loss, or reordering when every missing packet came late), RTCP marks above the lanes. The x
 * axis is arrival seconds, RTP timestamp or sequence number; timestamp and sequence are unwrapped and counted from the
 * lane's first packet, so lanes with unrelated random origins (RFC 3550 §5.1) line up. Drag to zoom, shift-drag to pan,
 * wheel to zoom around the pointer, double-click to see everything; a bar of check boxes turns streams on and off.
 *
 * The packets are drawn from the collector's typed columns straight onto uPlot's canvas (one path per colour, at most
 * one tick per pixel column and colour), so drawing cost follows the pixels, not the packets.
 * @module
 */
// This module is browser compatible.

import { contentSize, themedAxis, uPlot } from "./_uplot.ts";
import { plotRoot } from "./_style.ts";
import { type PlotTheme, readTheme, seriesColor } from "./theme.ts";
import {
  GapCol,
  RTCP_MARK_KINDS,
  RtcpMarkCol,
  type RtcpMarkKind,
  RtpCol,
  RtpFlag,
  type RtpLane,
  type RtpPlotCollector,
} from "./rtp_collector.ts";

/** What the x axis shows. */
export type RtpXAxis = "seconds" | "timestamp" | "sequence";

/** Options of {@linkcode createRtpPlot}. */
export interface RtpPlotOptions {
  /** The data. */
  collector: RtpPlotCollector;
  /** Initial x axis; default "seconds". */
  xAxis?: RtpXAxis;
  /** Size in CSS pixels; defaults to the container's size (or 800 × 320). */
  width?: number;
  height?: number;
  /** Called with the packet under the pointer, or null when it leaves. */
  onHover?: (hover: RtpHover | null) => void;
}

/** The packet under the pointer. */
export interface RtpHover {
  streamKey: string;
  label: string;
  ssrc: number;
  /** Row in the lane's columns. */
  row: number;
  /** Sequence number as on the wire, and unwrapped. */
  seq: number;
  seqExt: number;
  /** RTP timestamp as on the wire, and unwrapped. */
  rtpTs: number;
  rtpTsExt: number;
  arrivalSec: number;
  size: number;
  marker: boolean;
  keyframe: boolean;
  payloadType: number;
}

/** What the last draw put on the canvas, for tests and the status line. */
export interface RtpPlotStats {
  lanes: number;
  visibleLanes: number;
  /** Ticks drawn per lane (after merging ticks of one pixel column), 0 for hidden lanes. */
  drawnMarks: number[];
  /** Gap bands drawn per lane. */
  drawnGaps: number[];
  /** RTCP marks drawn per lane. */
  drawnRtcp: number[];
}

/** Controller of an RTP plot. */
export interface RtpPlotController {
  /** Re-reads the collector (new packets, new lanes) and redraws; cheap when nothing changed. */
  update(): void;
  resize(width: number, height: number): void;
  /** Re-reads the `--np-*` colours; the host calls it after changing the theme. */
  refreshTheme(): void;
  destroy(): void;
  setXAxis(axis: RtpXAxis): void;
  readonly xAxis: RtpXAxis;
  /** Shows or hides a stream's lane. */
  setStreamVisible(streamKey: string, visible: boolean): void;
  isStreamVisible(streamKey: string): boolean;
  /** Zooms the x axis to a range (in the current axis' units). */
  setXRange(min: number, max: number): void;
  /** The x range shown. */
  xRange(): { min: number; max: number };
  /** Shows everything. */
  resetZoom(): void;
  /** The packet under the pointer, or null. */
  hovered(): RtpHover | null;
  stats(): RtpPlotStats;
  /** The uPlot instance (series 1…n are the lanes, in collector order). Replaced when lanes are added. */
  readonly plot: uPlot;
}

const AXIS_LABEL: Record<RtpXAxis, string> = {
  seconds: "arrival (s)",
  timestamp: "RTP timestamp − lane's first (ticks)",
  sequence: "sequence number − lane's first",
};
const X_COLUMN: Record<RtpXAxis, number> = { seconds: RtpCol.Arrival, timestamp: RtpCol.Ts, sequence: RtpCol.Seq };
/** Pixels within which hover picks a packet. */
const HOVER_PX = 8;
const BAR_HEIGHT_GUESS = 24;

/** x of a lane's row `i` on `axis` (timestamp and sequence relative to the lane's first packet). */
function xOf(lane: RtpLane, axis: RtpXAxis, i: number): number {
  const v = lane.points.cols[X_COLUMN[axis]]![i]!;
  return axis === "seconds" ? v : v - lane.points.cols[X_COLUMN[axis]]![0]!;
}

/** x of RTCP mark `i` on a lane: its arrival, an SR's own RTP timestamp, or the nearest packet's value. */
function markX(collector: RtpPlotCollector, lane: RtpLane, axis: RtpXAxis, i: number): number {
  const mc = collector.rtcp.cols;
  const arrival = mc[RtcpMarkCol.Arrival]![i]!;
  if (axis === "seconds") return arrival;
  const rtpTs = mc[RtcpMarkCol.RtpTs]![i]!;
  if (axis === "timestamp" && !Number.isNaN(rtpTs)) return lane.ts.peek(rtpTs) - lane.points.cols[RtpCol.Ts]![0]!;
  return xOf(lane, axis, rowAtArrival(lane, arrival));
}

/** First and last x of all lanes on an axis, their RTCP marks included. */
function fullRange(collector: RtpPlotCollector, axis: RtpXAxis): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  const k = X_COLUMN[axis];
  for (const l of collector.lanes) {
    const n = l.points.length;
    if (n === 0) continue;
    const col = l.points.cols[k]!;
    const origin = axis === "seconds" ? 0 : col[0]!;
    for (let i = 0; i < n; i++) {
      const v = col[i]! - origin;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  const m = collector.rtcp;
  for (let i = 0; i < m.length; i++) {
    const lane = collector.lanes.find((l) => l.ssrc === m.cols[RtcpMarkCol.Ssrc]![i]);
    if (lane === undefined || lane.points.length === 0) continue;
    const v = markX(collector, lane, axis, i);
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === Infinity) return [0, 1];
  if (min === max) return [min - 0.5, max + 0.5];
  return [min, max];
}

/** Row of the lane whose arrival is nearest `t` (arrivals are in capture order, so non-decreasing). */
function rowAtArrival(lane: RtpLane, t: number): number {
  const a = lane.points.cols[RtpCol.Arrival]!;
  let lo = 0;
  let hi = lane.points.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && Math.abs(a[lo - 1]! - t) < Math.abs(a[lo]! - t)) return lo - 1;
  return lo;
}

/**
 * Creates an RTP plot in a container.
 * @param container Element the plot fills (it gets a bar of stream toggles, the chart and a hover box).
 * @param options See {@linkcode RtpPlotOptions}.
 * @returns The controller.
 */
export function createRtpPlot(container: HTMLElement, options: RtpPlotOptions): RtpPlotController {
  const collector = options.collector;
  const root = plotRoot(container, "np-rtp-plot");
  const bar = container.ownerDocument.createElement("div");
  bar.className = "np-plot-bar";
  const chart = container.ownerDocument.createElement("div");
  const tip = container.ownerDocument.createElement("div");
  tip.className = "np-plot-tip";
  tip.hidden = true;
  root.append(bar, chart, tip);
  container.append(root);

  let theme: PlotTheme = readTheme(container);
  let axis: RtpXAxis = options.xAxis ?? "seconds";
  const size = contentSize(container, 800, 320);
  let width = options.width ?? size.width;
  let height = options.height ?? size.height;
  const hidden = new Set<string>();
  let lanesBuilt = -1;
  let seenVersion = -1;
  let zoomed: { min: number; max: number } | null = null;
  let hover: RtpHover | null = null;
  let stats: RtpPlotStats = { lanes: 0, visibleLanes: 0, drawnMarks: [], drawnGaps: [], drawnRtcp: [] };
  let plot: uPlot;

  const laneColor = (i: number) => seriesColor(theme, i);

  /** Draws one lane's ticks, gaps and RTCP marks; called by uPlot as the series' path builder. */
  function drawLane(u: uPlot, seriesIdx: number): null {
    const lane = collector.lanes[seriesIdx - 1];
    if (lane === undefined) return null;
    const ctx = u.ctx;
    const { left, top, width: bw, height: bh } = u.bbox;
    const yc = u.valToPos(lane.index, "y", true);
    const laneH = Math.abs(u.valToPos(0, "y", true) - u.valToPos(1, "y", true));
    const tickMax = laneH * 0.7;
    const base = yc + tickMax / 2;
    const dpr = globalThis.devicePixelRatio || 1;
    const tickW = Math.max(1, Math.round(dpr));
    const xMin = u.scales.x!.min!;
    const xMax = u.scales.x!.max!;
    const n = lane.points.length;
    const c = lane.points.cols;
    const xs = c[X_COLUMN[axis]]!;
    const origin = axis === "seconds" ? 0 : xs[0]!;
    const sizes = c[RtpCol.Size]!;
    const flags = c[RtpCol.Flags]!;
    let maxSize = 1;
    for (let i = 0; i < n; i++) if (sizes[i]! > maxSize) maxSize = sizes[i]!;
    const paths = [new Path2D(), new Path2D(), new Path2D()]; // normal, marker, keyframe
    // Consecutive packets of one colour that fall in one pixel column become one tick, as tall as the largest.
    const pendPx = [-1, -1, -1];
    const pendH = [0, 0, 0];
    let drawn = 0;
    const emit = (cat: number) => {
      if (pendPx[cat]! < 0) return;
      paths[cat]!.rect(pendPx[cat]!, base - pendH[cat]!, tickW, pendH[cat]!);
      drawn++;
    };
    const scale = bw / (xMax - xMin);
    for (let i = 0; i < n; i++) {
      const x = xs[i]! - origin;
      if (x < xMin || x > xMax) continue;
      const px = Math.round(left + (x - xMin) * scale);
      const f = flags[i]!;
      const cat = (f & RtpFlag.Keyframe) !== 0 ? 2 : (f & RtpFlag.Marker) !== 0 ? 1 : 0;
      const h = Math.max(2, tickMax * (0.3 + 0.7 * sizes[i]! / maxSize));
      if (px === pendPx[cat]) {
        if (h > pendH[cat]!) pendH[cat] = h;
        continue;
      }
      emit(cat);
      pendPx[cat] = px;
      pendH[cat] = h;
    }
    for (let k = 0; k < 3; k++) emit(k);
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, top, bw, bh);
    ctx.clip();
    // gaps under the ticks
    const g = lane.gaps;
    const gc = g.cols;
    let gaps = 0;
    for (let i = 0; i < g.length; i++) {
      let x0: number;
      let x1: number;
      if (axis === "seconds") {
        x0 = gc[GapCol.ArrivalBefore]![i]!;
        x1 = gc[GapCol.ArrivalAfter]![i]!;
      } else if (axis === "timestamp") {
        x0 = gc[GapCol.TsBefore]![i]! - origin;
        x1 = gc[GapCol.TsAfter]![i]! - origin;
      } else {
        x0 = gc[GapCol.FirstSeq]![i]! - origin - 0.5;
        x1 = x0 + gc[GapCol.Count]![i]!;
      }
      if (x1 < xMin || x0 > xMax) continue;
      const p0 = left + (x0 - xMin) * scale;
      const p1 = Math.max(p0 + 2 * tickW, left + (x1 - xMin) * scale);
      const reordered = gc[GapCol.Recovered]![i]! >= gc[GapCol.Count]![i]!;
      ctx.fillStyle = reordered ? theme.warn : theme.loss;
      ctx.globalAlpha = 0.3;
      ctx.fillRect(p0, yc - laneH * 0.45, p1 - p0, laneH * 0.9);
      ctx.globalAlpha = 1;
      ctx.fillRect(p0, base + tickW, p1 - p0, 2 * tickW);
      gaps++;
    }
    const colors = [laneColor(lane.index), theme.marker, theme.keyframe];
    for (let k = 0; k < 3; k++) {
      ctx.fillStyle = colors[k]!;
      ctx.fill(paths[k]!);
    }
    const rtcp = drawRtcp(u, lane, yc - tickMax / 2 - 2 * tickW, tickW * 4, xMin, scale, left);
    ctx.restore();
    stats.drawnMarks[lane.index] = drawn;
    stats.drawnGaps[lane.index] = gaps;
    stats.drawnRtcp[lane.index] = rtcp;
    return null;
  }

  function drawRtcp(u: uPlot, lane: RtpLane, y: number, s: number, xMin: number, scale: number, left: number): number {
    const m = collector.rtcp;
    const mc = m.cols;
    const ctx = u.ctx;
    const xMax = u.scales.x!.max!;
    let drawn = 0;
    for (let i = 0; i < m.length; i++) {
      if (mc[RtcpMarkCol.Ssrc]![i] !== lane.ssrc || lane.points.length === 0) continue;
      const kind: RtcpMarkKind = RTCP_MARK_KINDS[mc[RtcpMarkCol.Kind]![i]!] ?? "rr";
      const x = markX(collector, lane, axis, i);
      if (x < xMin || x > xMax) continue;
      const px = left + (x - xMin) * scale;
      ctx.beginPath();
      ctx.moveTo(px - s / 2, y - s);
      ctx.lineTo(px + s / 2, y - s);
      ctx.lineTo(px, y);
      ctx.closePath();
      if (kind === "sr") {
        ctx.fillStyle = theme.rtcp;
        ctx.fill();
      } else {
        ctx.strokeStyle = kind === "bye" ? theme.error : kind === "fb" ? theme.warn : theme.rtcp;
        ctx.lineWidth = Math.max(1, s / 4);
        ctx.stroke();
      }
      drawn++;
    }
    return drawn;
  }

  function hoverAt(left: number, top: number): RtpHover | null {
    if (left < 0 || top < 0) return null;
    const lanes = collector.lanes;
    const li = Math.round(plot.posToVal(top, "y"));
    const lane = lanes[li];
    if (lane === undefined || hidden.has(lane.key) || lane.points.length === 0) return null;
    const x = plot.posToVal(left, "x");
    let best = -1;
    let bestD = Infinity;
    for (let i = 0; i < lane.points.length; i++) {
      const d = Math.abs(xOf(lane, axis, i) - x);
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    if (best < 0 || Math.abs(plot.valToPos(xOf(lane, axis, best), "x") - left) > HOVER_PX) return null;
    const c = lane.points.cols;
    const seqExt = c[RtpCol.Seq]![best]!;
    const tsExt = c[RtpCol.Ts]![best]!;
    const f = c[RtpCol.Flags]![best]!;
    return {
      streamKey: lane.key,
      label: lane.label,
      ssrc: lane.ssrc,
      row: best,
      seq: ((seqExt % 65536) + 65536) % 65536,
      seqExt,
      rtpTs: ((tsExt % 4294967296) + 4294967296) % 4294967296,
      rtpTsExt: tsExt,
      arrivalSec: c[RtpCol.Arrival]![best]!,
      size: c[RtpCol.Size]![best]!,
      marker: (f & RtpFlag.Marker) !== 0,
      keyframe: (f & RtpFlag.Keyframe) !== 0,
      payloadType: c[RtpCol.PayloadType]![best]!,
    };
  }

  function showHover(h: RtpHover | null, left: number, top: number): void {
    hover = h;
    options.onHover?.(h);
    if (h === null) {
      tip.hidden = true;
      return;
    }
    tip.textContent = `${h.label}\nseq ${h.seq}  ts ${h.rtpTs}\narrival ${h.arrivalSec.toFixed(6)} s\n` +
      `${h.size} B  PT ${h.payloadType}${h.marker ? "  marker" : ""}${h.keyframe ? "  keyframe" : ""}`;
    tip.hidden = false;
    const over = plot.over;
    const ox = over.offsetLeft + chart.offsetLeft;
    const oy = over.offsetTop + chart.offsetTop;
    tip.style.left = `${Math.max(0, Math.min(ox + left + 12, root.clientWidth - tip.offsetWidth - 2))}px`;
    // kept inside the plot, so showing it never changes the page's size
    tip.style.top = `${Math.max(0, Math.min(oy + top + 12, root.clientHeight - tip.offsetHeight - 2))}px`;
  }

  function buildBar(): void {
    bar.replaceChildren();
    for (const lane of collector.lanes) {
      const label = container.ownerDocument.createElement("label");
      const box = container.ownerDocument.createElement("input");
      box.type = "checkbox";
      box.checked = !hidden.has(lane.key);
      box.dataset.stream = lane.key;
      box.addEventListener("change", () => controller.setStreamVisible(lane.key, box.checked));
      const sw = container.ownerDocument.createElement("span");
      sw.className = "np-swatch";
      sw.style.background = laneColor(lane.index);
      label.append(box, sw, lane.label);
      bar.append(label);
    }
    const note = container.ownerDocument.createElement("span");
    note.className = "np-plot-note";
    note.textContent = "drag: zoom · shift-drag: pan · wheel: zoom · double-click: all";
    bar.append(note);
  }

  function chartHeight(): number {
    return Math.max(80, height - (bar.offsetHeight || BAR_HEIGHT_GUESS));
  }

  function build(): void {
    const lanes = collector.lanes;
    plot?.destroy();
    buildBar();
    const n = Math.max(1, lanes.length);
    const longest = lanes.reduce((m, l) => Math.max(m, l.label.length), 4);
    const [x0, x1] = zoomed === null ? fullRange(collector, axis) : [zoomed.min, zoomed.max];
    const opts: uPlot.Options = {
      width,
      height: chartHeight(),
      legend: { show: false },
      scales: {
        x: { time: false, auto: false, range: (_u, min, max) => [min, max] },
        y: { auto: false, dir: -1, range: () => [-0.5, n - 0.5] },
      },
      cursor: {
        drag: { x: true, y: false, setScale: true },
        points: { show: false },
        y: false,
      },
      axes: [
        themedAxis(theme, AXIS_LABEL[axis]),
        themedAxis(theme, "", {
          size: Math.min(220, 12 + longest * 6.5),
          splits: () => lanes.map((_, i) => i),
          values: (_u, splits) => splits.map((v) => lanes[v]?.label ?? ""),
          grid: { stroke: theme.grid, width: 1 },
        }),
      ],
      series: [
        {},
        ...lanes.map((l, i): uPlot.Series => ({
          label: l.label,
          show: !hidden.has(l.key),
          stroke: laneColor(i),
          paths: drawLane,
          points: { show: false },
        })),
      ],
      hooks: {
        setCursor: [(u) => {
          const { left = -1, top = -1 } = u.cursor;
          showHover(hoverAt(left, top), left, top);
        }],
        setScale: [(u, key) => {
          if (key !== "x") return;
          const full = fullRange(collector, axis);
          const { min = full[0], max = full[1] } = u.scales.x!;
          zoomed = min <= full[0] && max >= full[1] ? null : { min, max };
        }],
        ready: [(u) => u.over.addEventListener("dblclick", () => controller.resetZoom())],
      },
    };
    const data: uPlot.AlignedData = [[x0, x1], ...lanes.map((l) => [l.index, l.index])];
    plot = new uPlot(opts, data, chart);
    lanesBuilt = lanes.length;
    seenVersion = collector.version;
    stats = {
      lanes: lanes.length,
      visibleLanes: lanes.filter((l) => !hidden.has(l.key)).length,
      drawnMarks: lanes.map(() => 0),
      drawnGaps: lanes.map(() => 0),
      drawnRtcp: lanes.map(() => 0),
    };
  }

  // Shift-drag pans and the wheel zooms; captured before uPlot's own mousedown so shift-drag never starts a selection.
  let pan: { x: number; min: number; max: number } | null = null;
  const onDown = (e: MouseEvent) => {
    if (!e.shiftKey || !plot.over.contains(e.target as Node)) return;
    e.stopPropagation();
    e.preventDefault();
    pan = { x: e.clientX, min: plot.scales.x!.min!, max: plot.scales.x!.max! };
  };
  const onMove = (e: MouseEvent) => {
    if (pan === null) return;
    const per = (pan.max - pan.min) / Math.max(1, plot.bbox.width / (globalThis.devicePixelRatio || 1));
    const dx = (e.clientX - pan.x) * per;
    plot.setScale("x", { min: pan.min - dx, max: pan.max - dx });
  };
  const onUp = () => {
    pan = null;
  };
  const onWheel = (e: WheelEvent) => {
    if (!plot.over.contains(e.target as Node)) return;
    e.preventDefault();
    const { min = 0, max = 1 } = plot.scales.x!;
    const at = plot.posToVal(e.offsetX, "x");
    const f = e.deltaY > 0 ? 1.25 : 0.8;
    plot.setScale("x", { min: at - (at - min) * f, max: at + (max - at) * f });
  };
  root.addEventListener("mousedown", onDown, { capture: true });
  const win = container.ownerDocument.defaultView ?? globalThis;
  win.addEventListener("mousemove", onMove);
  win.addEventListener("mouseup", onUp);
  root.addEventListener("wheel", onWheel, { passive: false });

  const controller: RtpPlotController = {
    update() {
      if (collector.lanes.length !== lanesBuilt) {
        build();
        return;
      }
      if (collector.version === seenVersion) return;
      seenVersion = collector.version;
      const [x0, x1] = fullRange(collector, axis);
      plot.setData([[x0, x1], ...collector.lanes.map((l) => [l.index, l.index])], false);
      const z = zoomed;
      plot.setScale("x", z ?? { min: x0, max: x1 });
    },
    resize(w, h) {
      width = w;
      height = h;
      plot.setSize({ width, height: chartHeight() });
    },
    refreshTheme() {
      theme = readTheme(container);
      build();
    },
    destroy() {
      root.removeEventListener("mousedown", onDown, { capture: true });
      win.removeEventListener("mousemove", onMove);
      win.removeEventListener("mouseup", onUp);
      root.removeEventListener("wheel", onWheel);
      plot.destroy();
      root.remove();
    },
    setXAxis(next) {
      if (next === axis) return;
      axis = next;
      zoomed = null;
      build();
    },
    get xAxis() {
      return axis;
    },
    setStreamVisible(key, visible) {
      const lane = collector.lane(key);
      if (lane === undefined) return;
      if (visible) hidden.delete(key);
      else hidden.add(key);
      const box = bar.querySelector<HTMLInputElement>(`input[data-stream="${CSS.escape(key)}"]`);
      if (box !== null) box.checked = visible;
      stats.visibleLanes = collector.lanes.filter((l) => !hidden.has(l.key)).length;
      if (!visible) {
        stats.drawnMarks[lane.index] = 0;
        stats.drawnGaps[lane.index] = 0;
        stats.drawnRtcp[lane.index] = 0;
      }
      plot.setSeries(lane.index + 1, { show: visible });
    },
    isStreamVisible(key) {
      return !hidden.has(key);
    },
    setXRange(min, max) {
      plot.setScale("x", { min, max });
    },
    xRange() {
      const { min, max } = plot.scales.x!;
      // uPlot applies scales in a microtask; until then the range is the one just asked for.
      if (min == null || max == null) {
        const [a, b] = zoomed === null ? fullRange(collector, axis) : [zoomed.min, zoomed.max];
        return { min: a, max: b };
      }
      return { min, max };
    },
    resetZoom() {
      zoomed = null;
      const [min, max] = fullRange(collector, axis);
      plot.setScale("x", { min, max });
    },
    hovered() {
      return hover;
    },
    stats() {
      return {
        ...stats,
        drawnMarks: [...stats.drawnMarks],
        drawnGaps: [...stats.drawnGaps],
        drawnRtcp: [...stats.drawnRtcp],
      };
    },
    get plot() {
      return plot;
    },
  };
  build();
  return controller;
}
