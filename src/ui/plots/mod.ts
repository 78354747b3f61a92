/**
 * netpix's plots, framework-agnostic: each is `createXxx(container, options)` returning a controller with `update()`,
 * `resize(w, h)`, `refreshTheme()` and `destroy()`, fed by a bounded collector the host fills once per packet.
 *
 * - RTP plot: lanes per stream, x as arrival seconds, RTP timestamp or sequence; marker/keyframe/loss colouring, RTCP
 *   marks, zoom/pan, stream toggles, hover ({@linkcode createRtpPlot}, {@linkcode RtpPlotCollector}).
 * - RTCP charts: SR bitrate, RR loss, jitter and RTT per SSRC ({@linkcode createRtcpPlot}, {@linkcode RtcpPlotCollector}).
 * - MPEG-TS charts: bitrate per PID or program, CC errors, PCR offset ({@linkcode createMpegTsPlot},
 *   {@linkcode MpegTsPlotCollector}).
 * - Jitter sparkline for a table cell ({@linkcode createJitterSparkline}, {@linkcode JitterHistory}).
 * - ICE pair diagram in SVG ({@linkcode createIceDiagram}).
 * - {@linkcode PlotFeeder} drives every collector from raw frames.
 *
 * Colours come only from the `--np-*` custom properties on `:root` ({@linkcode THEME_PROPERTIES}); call each
 * controller's `refreshTheme()` after switching the theme.
 *
 * @example Replay frames into an RTP plot
 * ```ts ignore
 * import { createRtpPlot, PlotFeeder } from "./mod.ts";
 * const feeder = new PlotFeeder({ clockRates: new Map([[96, 90000]]), codecs: new Map([[96, "H264"]]) });
 * const plot = createRtpPlot(document.getElementById("rtp")!, { collector: feeder.rtp, xAxis: "seconds" });
 * for (const f of frames) feeder.observe(f.bytes, f.linkType, f.tsSec, f.tsNsec, f.origlen);
 * plot.update(); // once per animation frame while packets arrive
 * matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => plot.refreshTheme());
 * ```
 * @module
 */
// This module is browser compatible.

export { type PlotTheme, readTheme, seriesColor, THEME_PROPERTIES } from "./theme.ts";
export { type CapPolicy, Columns } from "./_columns.ts";
export {
  GapCol,
  RTCP_MARK_KINDS,
  RtcpMarkCol,
  type RtcpMarkKind,
  RtpCol,
  RtpFlag,
  RtpLane,
  RtpPlotCollector,
  type RtpPlotCollectorOptions,
} from "./rtp_collector.ts";
export {
  createRtpPlot,
  type RtpHover,
  type RtpPlotController,
  type RtpPlotOptions,
  type RtpPlotStats,
  type RtpXAxis,
} from "./rtp_plot.ts";
export {
  RTCP_METRIC_UNITS,
  type RtcpMetric,
  RtcpPlotCollector,
  type RtcpPlotCollectorOptions,
  type RtcpSeries,
} from "./rtcp_collector.ts";
export {
  createRtcpPlot,
  RTCP_CHARTS,
  type RtcpChart,
  type RtcpPlotController,
  type RtcpPlotOptions,
} from "./rtcp_plot.ts";
export { CcMarkCol, MpegTsPlotCollector, type MpegTsPlotCollectorOptions } from "./mpegts_collector.ts";
export {
  createMpegTsPlot,
  type MpegTsPlotController,
  type MpegTsPlotOptions,
  type MpegTsProgramInfo,
} from "./mpegts_plot.ts";
export {
  createJitterSparkline,
  JitterHistory,
  type JitterSparklineController,
  type JitterSparklineOptions,
} from "./jitter_sparkline.ts";
export {
  createIceDiagram,
  describeIcePair,
  ICE_STATES,
  type IceDiagramController,
  type IceDiagramOptions,
  iceStateColor,
} from "./ice_diagram.ts";
export { type FeederStream, PlotFeeder, type PlotFeederOptions } from "./plot_feeder.ts";
