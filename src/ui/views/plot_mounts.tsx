/**
 * Mount points of the plots (src/ui/plots/, framework-agnostic controllers): each is a Preact component that
 * creates its controller in an effect, feeds it when the packet store changes, re-reads colours when the theme
 * changes, follows its container's size and destroys the controller on unmount.
 * @module
 */

import type { VNode } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import type { IcePairReport } from "../../analysis/session.ts";
import {
  createIceDiagram,
  createJitterSparkline,
  createMpegTsPlot,
  createRtcpPlot,
  createRtpPlot,
  describeIcePair,
  type RtpHover,
  type RtpPlotController,
  type RtpXAxis,
} from "../plots/mod.ts";
import { aliasOf } from "../aliases.ts";
import { model, modelVersion } from "../state.ts";
import { themeListeners } from "../theme.ts";

interface Controller {
  resize(width: number, height: number): void;
  refreshTheme(): void;
  destroy(): void;
}

/** Creates a controller in `ref`'s element when `deps` change; resizes it with the element; destroys it on unmount. */
function usePlot<C extends Controller>(create: (el: HTMLElement) => C, deps: unknown[]) {
  const host = useRef<HTMLDivElement>(null);
  const ctrl = useRef<C | null>(null);
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const c = create(el);
    ctrl.current = c;
    const onTheme = () => c.refreshTheme();
    themeListeners.add(onTheme);
    const ro = new ResizeObserver(() => {
      if (el.clientWidth > 0) c.resize(el.clientWidth, el.clientHeight);
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      themeListeners.delete(onTheme);
      c.destroy();
      ctrl.current = null;
    };
  }, deps);
  return { host, ctrl };
}

export function JitterSparkline({ ssrc, src, dst }: { ssrc: number; src: string; dst: string }): VNode {
  const feeder = model.feeder;
  const stream = feeder.streams.find((s) => s.ssrc === ssrc && s.src === src && s.dst === dst);
  const { host, ctrl } = usePlot((el) => createJitterSparkline(el, { width: 170, height: 28 }), [feeder]);
  const v = modelVersion.value;
  useEffect(() => {
    if (stream) ctrl.current?.update(stream.jitter);
  }, [v, stream, ctrl.current]);
  return (
    <span
      class="sparkline-host"
      ref={host}
      data-plot="jitter-sparkline"
      title={stream ? "Jitter over time, ms (one value per second)" : "No jitter: unknown clock rate (set an SDP)"}
    />
  );
}

export function RtcpStreamPlot({ ssrc }: { ssrc: number | null }): VNode {
  const feeder = model.feeder;
  const { host, ctrl } = usePlot((el) => createRtcpPlot(el, { collector: feeder.rtcp }), [feeder]);
  const v = modelVersion.value;
  useEffect(() => {
    ctrl.current?.setSsrcs(ssrc === null ? null : [ssrc]);
  }, [ssrc, ctrl.current]);
  useEffect(() => ctrl.current?.update(), [v, ctrl.current]);
  return (
    <div class="plot-block">
      <h3>
        RTCP over time{" "}
        {ssrc === null ? "(all SSRCs; select a row to show one)" : `— ${aliasOf(ssrc)} 0x${ssrc.toString(16)}`}
      </h3>
      <div class="plot-host rtcp-plot" ref={host} data-plot="rtcp" />
    </div>
  );
}

function MpegTsFlowPlot({ flowKey }: { flowKey: string }): VNode | null {
  const feeder = model.feeder;
  const collector = feeder.mpegts.get(flowKey);
  const report = model.report().mpegts.find((f) => `${f.src}|${f.dst}` === flowKey);
  const [groupBy, setGroupBy] = useState<"pid" | "program">("pid");
  const { host, ctrl } = usePlot(
    (el) => createMpegTsPlot(el, { collector: collector!, groupBy }),
    [feeder, collector],
  );
  const v = modelVersion.value;
  useEffect(() => {
    const c = ctrl.current;
    if (!c || !report) return;
    c.setStreamInfo(
      new Map(report.pids.map((p) => [p.pid, p.name])),
      report.programs.map((g) => ({
        programNumber: g.program_number,
        pmtPid: g.pmt_pid,
        streams: g.streams.map((pid) => ({ pid })),
      })),
    );
    c.update();
  }, [v, ctrl.current]);
  useEffect(() => ctrl.current?.setGroupBy(groupBy), [groupBy, ctrl.current]);
  if (!collector) return null;
  return (
    <div class="plot-block">
      <h3>
        {flowKey.replace("|", " → ")}: bitrate over time{" "}
        <label>
          <input
            type="checkbox"
            checked={groupBy === "program"}
            onChange={(e) => setGroupBy(e.currentTarget.checked ? "program" : "pid")}
          />{" "}
          by program
        </label>
      </h3>
      <div class="plot-host mpegts-plot" ref={host} data-plot="mpegts" />
    </div>
  );
}

export function MpegTsBitratePlot(): VNode {
  void modelVersion.value;
  return (
    <div class="plots">
      {[...model.feeder.mpegts.keys()].map((k) => <MpegTsFlowPlot key={k} flowKey={k} />)}
    </div>
  );
}

export function IceDiagram({ pairs }: { pairs: readonly IcePairReport[] }): VNode {
  const [hover, setHover] = useState<IcePairReport | null>(null);
  const { host, ctrl } = usePlot((el) => createIceDiagram(el, { onHover: setHover }), []);
  useEffect(() => ctrl.current?.update(pairs), [pairs, ctrl.current]);
  return (
    <div class="plot-block">
      <div class="plot-host ice-diagram" ref={host} data-plot="ice" />
      {hover && <pre class="hover-detail">{describeIcePair(hover)}</pre>}
    </div>
  );
}

function hoverText(h: RtpHover): string {
  return [
    `${h.label} (SSRC 0x${h.ssrc.toString(16).padStart(8, "0")}, ${aliasOf(h.ssrc)})`,
    `seq ${h.seq} (extended ${h.seqExt})  RTP ts ${h.rtpTs}  arrival ${h.arrivalSec.toFixed(6)} s`,
    `payload ${h.size} bytes  PT ${h.payloadType}${h.marker ? "  marker" : ""}${h.keyframe ? "  keyframe" : ""}`,
  ].join("\n");
}

export function RtpPlotView(): VNode {
  const feeder = model.feeder;
  const [axis, setAxis] = useState<RtpXAxis>("seconds");
  const [hover, setHover] = useState<RtpHover | null>(null);
  const { host, ctrl } = usePlot(
    (el) => createRtpPlot(el, { collector: feeder.rtp, xAxis: axis, onHover: setHover }),
    [feeder],
  );
  const v = modelVersion.value;
  useEffect(() => ctrl.current?.update(), [v, ctrl.current]);
  useEffect(() => ctrl.current?.setXAxis(axis), [axis, ctrl.current]);
  const c: RtpPlotController | null = ctrl.current;
  return (
    <div class="rtp-plot-view">
      <div class="toolbar">
        <span role="radiogroup" aria-label="X axis">
          X axis: {(["seconds", "timestamp", "sequence"] as RtpXAxis[]).map((a) => (
            <label key={a}>
              <input type="radio" name="rtp-x" checked={axis === a} onChange={() => setAxis(a)} />{" "}
              {a === "seconds" ? "seconds" : a === "timestamp" ? "RTP timestamp" : "sequence"}
              {" "}
            </label>
          ))}
        </span>
        <button type="button" class="small" onClick={() => c?.resetZoom()}>Reset zoom</button>
        <span class="muted">Drag to zoom, scroll or shift-drag to pan. Colours: marker, keyframe, loss, RTCP.</span>
      </div>
      <div class="plot-host rtp-plot" ref={host} data-plot="rtp" />
      <pre class="hover-detail" data-testid="rtp-hover">{hover ? hoverText(hover) : "Hover a packet for details"}</pre>
    </div>
  );
}
