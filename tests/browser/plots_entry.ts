/**
 * Browser entry for tests/ui_plots_test.ts: replays a classic pcap through {@linkcode PlotFeeder} and the analysis,
 * mounts every plot on the page and exposes the controllers, so the test can drive them with a real mouse and read
 * what they drew. The test bundles this file with `deno bundle --platform browser`.
 * @module
 */
import type { AnalysisReport } from "../../src/analysis/session.ts";
import { replayPcap } from "../../src/ui/plots/_replay_pcap.ts";
import {
  createIceDiagram,
  createJitterSparkline,
  createMpegTsPlot,
  createRtcpPlot,
  createRtpPlot,
  type IceDiagramController,
  type JitterSparklineController,
  type MpegTsPlotController,
  type PlotFeeder,
  type RtcpPlotController,
  type RtpPlotController,
} from "../../src/ui/plots/mod.ts";

/** What the page exposes as `globalThis.netpixPlots`. */
export interface PlotsPage {
  feeder: PlotFeeder;
  report: AnalysisReport;
  rtp: RtpPlotController;
  rtcp: RtcpPlotController;
  mpegts: MpegTsPlotController;
  sparklines: JitterSparklineController[];
  ice: IceDiagramController;
}

/**
 * Replays the capture and mounts the plots into `#rtp`, `#rtcp`, `#mpegts`, `#spark` and `#ice`.
 * @param bytes The pcap file.
 * @param skipFrames Frame numbers left out (to make sequence gaps in a real stream).
 */
function mount(bytes: Uint8Array, skipFrames: number[]): void {
  const { feeder, report } = replayPcap(bytes, skipFrames);
  const el = (id: string) => document.getElementById(id)!;
  const rtp = createRtpPlot(el("rtp"), { collector: feeder.rtp, width: 900, height: 260 });
  const rtcp = createRtcpPlot(el("rtcp"), { collector: feeder.rtcp, width: 900, height: 640 });
  const [flowKey, ts] = [...feeder.mpegts][0]!;
  const flow = report.mpegts.find((f) => `${f.src}|${f.dst}` === flowKey)!;
  const mpegts = createMpegTsPlot(el("mpegts"), {
    collector: ts,
    pidNames: new Map(flow.pids.map((p) => [p.pid, p.name])),
    programs: flow.programs.map((p) => ({
      programNumber: p.program_number,
      pmtPid: p.pmt_pid,
      streams: p.streams.map((pid) => ({ pid })),
    })),
    width: 900,
    height: 480,
  });
  const sparklines = feeder.streams.map((s) => {
    const cell = document.createElement("div");
    cell.className = "cell";
    cell.dataset.stream = s.key;
    el("spark").append(cell);
    const c = createJitterSparkline(cell, { width: 120, height: 24 });
    c.update(s.jitter);
    return c;
  });
  const ice = createIceDiagram(el("ice"), { width: 900 });
  ice.update(report.ice_pairs);
  const page: PlotsPage = { feeder, report, rtp, rtcp, mpegts, sparklines, ice };
  (globalThis as unknown as { netpixPlots: PlotsPage }).netpixPlots = page;
}

(globalThis as unknown as { netpixMountPlots: typeof mount }).netpixMountPlots = mount;
