/**
 * For tests only: replays tests/testdata/demo.pcap (optionally without some frames) through a {@linkcode PlotFeeder}
 * and through the analysis, so a test can hold the plots' data against the `netpix analyze` report.
 * @module
 */

import type { AnalysisReport } from "../../analysis/session.ts";
import type { PlotFeeder, PlotFeederOptions } from "./plot_feeder.ts";
import { replayPcap } from "./_replay_pcap.ts";

export { DEMO_OPTIONS } from "./_replay_pcap.ts";

/** The demo capture. */
export const DEMO_PCAP = new URL("../../../tests/testdata/demo.pcap", import.meta.url);

/**
 * @param skipFrames Frame numbers (tshark's) left out.
 * @param options Feeder options on top of the demo's SDP.
 * @returns The fed feeder and the analysis report of the same frames.
 */
export async function replayDemo(
  skipFrames: readonly number[] = [],
  options: PlotFeederOptions = {},
): Promise<{ feeder: PlotFeeder; report: AnalysisReport }> {
  return replayPcap(await Deno.readFile(DEMO_PCAP), skipFrames, options);
}
