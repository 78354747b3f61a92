/**
 * The analysis runs unchanged in a browser: the same modules, bundled for the browser and run in headless Chromium
 * on a real capture, give exactly the report Deno gives.
 */
import { deepStrictEqual, ok } from "node:assert/strict";
import { bundleForBrowser, DEMO_PCAP, launchBrowser, UI_TEST } from "./_ui.ts";
import { AnalysisSession } from "../src/analysis/session.ts";
import { readPcap } from "./_pcap_reader.ts";

const CLOCK_RATES: [number, number][] = [[96, 90000], [111, 48000]];

Deno.test({
  name: "the analysis bundled for the browser gives in Chromium the report it gives in Deno",
  ...UI_TEST,
  fn: async () => {
    const js = await bundleForBrowser("tests/browser/analysis_entry.ts");
    const pcap = await Deno.readFile(DEMO_PCAP);

    const file = readPcap(pcap);
    const session = new AnalysisSession({ clockRates: new Map(CLOCK_RATES) });
    const scale = file.nanosecond ? 1 : 1000;
    for (const r of file.records) {
      session.observe(r.data, file.linkType, r.timestampSeconds, r.timestampFraction * scale, r.originalLength);
    }
    const inDeno = session.report();
    ok(inDeno.rtp_streams.length === 2 && inDeno.mpegts.length === 1, "the demo has RTP and MPEG-TS to compare");

    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.setContent("<!doctype html><title>analysis</title>");
      await page.addScriptTag({ content: js });
      const json = await page.evaluate(
        ([bytes, rates]) => {
          const f = (globalThis as unknown as { netpixAnalyzePcap: (b: Uint8Array, r: [number, number][]) => string })
            .netpixAnalyzePcap;
          return f(new Uint8Array(bytes as number[]), rates as [number, number][]);
        },
        [Array.from(pcap), CLOCK_RATES] as const,
      );
      deepStrictEqual(JSON.parse(json), JSON.parse(JSON.stringify(inDeno)));
    } finally {
      await browser.close();
    }
  },
});
