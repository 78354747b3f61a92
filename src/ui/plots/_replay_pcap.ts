/**
 * For tests only, in Deno and in the browser: replays a classic pcap (optionally without some frames) through a
 * {@linkcode PlotFeeder} and through the analysis, so a test can hold the plots' data against the `netpix analyze`
 * report of the same frames.
 * @module
 */
// This module is browser compatible.

import { readPcap } from "../../../tests/_pcap_reader.ts";
import { type AnalysisReport, AnalysisSession } from "../../analysis/session.ts";
import { PlotFeeder, type PlotFeederOptions } from "./plot_feeder.ts";

/** The demo's SDP: H.264 on PT 96 (90 kHz), Opus on PT 111 (48 kHz). */
export const DEMO_OPTIONS = {
  clockRates: new Map([[96, 90000], [111, 48000]]),
  codecs: new Map([[96, "H264"], [111, "opus"]]),
} as const;

/**
 * @param bytes The pcap file.
 * @param skipFrames Frame numbers (tshark's) left out.
 * @param options Feeder options on top of the demo's SDP.
 * @returns The fed feeder and the analysis report of the same frames.
 */
export function replayPcap(
  bytes: Uint8Array,
  skipFrames: readonly number[] = [],
  options: PlotFeederOptions = {},
): { feeder: PlotFeeder; report: AnalysisReport } {
  const file = readPcap(bytes);
  const feeder = new PlotFeeder({ ...DEMO_OPTIONS, ...options });
  const session = new AnalysisSession(DEMO_OPTIONS);
  const skip = new Set(skipFrames);
  const scale = file.nanosecond ? 1 : 1000;
  for (const r of file.records) {
    if (skip.has(r.frameNumber)) continue;
    const ns = r.timestampFraction * scale;
    feeder.observe(r.data, file.linkType, r.timestampSeconds, ns, r.originalLength);
    session.observe(r.data, file.linkType, r.timestampSeconds, ns, r.originalLength);
  }
  feeder.flush();
  return { feeder, report: session.report() };
}
