/**
 * Browser entry for tests/browser_analysis_test.ts: exposes the analysis, unchanged, to a page. The test bundles this
 * file with `deno bundle --platform browser`, so any Deno API in the analysis path would fail the bundle or the page.
 * @module
 */
import { AnalysisSession } from "../../src/analysis/session.ts";
import { readPcap } from "../_pcap_reader.ts";

/** Analyses a classic pcap given as bytes; returns the report as JSON text. */
function analyzePcap(bytes: Uint8Array, clockRates: [number, number][]): string {
  const file = readPcap(bytes);
  const session = new AnalysisSession({ clockRates: new Map(clockRates) });
  const scale = file.nanosecond ? 1 : 1000;
  for (const r of file.records) {
    session.observe(r.data, file.linkType, r.timestampSeconds, r.timestampFraction * scale, r.originalLength);
  }
  return JSON.stringify(session.report());
}

(globalThis as unknown as { netpixAnalyzePcap: typeof analyzePcap }).netpixAnalyzePcap = analyzePcap;
