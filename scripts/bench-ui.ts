/**
 * UI benchmark in headless Chromium against a running netpix:
 *
 * 1. Replay render time: a fresh page selects a source holding 32,768 packets (the demo capture cycled); the time from
 *    the server's `selected` message to the first paint after `replay-done` (the page decodes every packet, feeds the
 *    analysis and the plots, then renders once), and from navigation start to that paint. Several fresh pages.
 * 2. Scroll frame rate at 100,000 rows: the packets table scrolled by a requestAnimationFrame loop that jumps about
 *    140 rows per frame (a fast fling) for a few seconds, without and with a filter; frames per second and frame-time
 *    percentiles.
 *
 *     deno task build:ui && deno run -A scripts/bench-ui.ts [RUNS=5] [SCROLL_SECONDS=5]
 *
 * Inputs (made once, reused): bench-out/demo_32k.pcap and bench-out/demo_100k.pcap via scripts/bench/make_pcap.ts.
 * Results: printed as a markdown table and written to bench-out/ui.json. This is a benchmark, not a test: it asserts
 * nothing about the numbers.
 * @module
 */

import { type BrowserContext, chromium, type Page } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS } from "../tests/_chromium.ts";
import { startNetpix } from "../tests/_netpix.ts";

const ROOT = new URL("../", import.meta.url).pathname;

/** What the page exposes for benchmarks (src/ui/state.ts). */
interface NetpixState {
  replayMs: number;
  replayPaintedAt: number;
  packets: number;
}
const OUT = `${ROOT}bench-out`;
const runs = Number(Deno.args[0] ?? 5);
const scrollSeconds = Number(Deno.args[1] ?? 5);

async function makePcap(name: string, count: number): Promise<string> {
  const path = `${OUT}/${name}`;
  const r = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", `${ROOT}scripts/bench/make_pcap.ts`, path, String(count)],
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  if (!r.success) throw new Error(`make_pcap ${name} failed`);
  return path;
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

await Deno.mkdir(OUT, { recursive: true });
const small = await makePcap("demo_32k.pcap", 32_768);
const large = await makePcap("demo_100k.pcap", 100_000);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] });
const results: Record<string, unknown> = {};

/** A fresh page (its own context) on `url`, once it has painted the source's replay. */
async function openReplayedPage(url: string, timeout: number): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({ viewport: { width: 1500, height: 900 } });
  const page = await ctx.newPage();
  await page.goto(`${url}/`);
  await page.waitForFunction(
    () => ((globalThis as unknown as { netpixState?: NetpixState }).netpixState?.replayPaintedAt ?? 0) > 0,
    null,
    { timeout },
  );
  return { ctx, page };
}

try {
  // 1. Replay render time.
  {
    const netpix = await startNetpix(["-f", small, "-M", "0", "-b", "32768"]);
    const replay: number[] = [];
    const fromNav: number[] = [];
    const floor: number[] = [];
    const streamsTab: number[] = [];
    let packets = 0;
    try {
      for (let i = 0; i < runs; i++) {
        // The transport floor: a bare page on the same origin that only receives the replay and does nothing else.
        const bare = await browser.newPage();
        await bare.goto(`${netpix.url}/api/stats`);
        floor.push(
          await bare.evaluate((url: string) =>
            new Promise<number>((done) => {
              const ws = new WebSocket(url);
              ws.binaryType = "arraybuffer";
              let t0 = 0;
              ws.onmessage = (e) => {
                const b = new Uint8Array(e.data as ArrayBuffer);
                if (b[0] !== 1) return; // only control messages matter here
                const m = JSON.parse(new TextDecoder().decode(b.subarray(1)));
                if (m.type === "hello") ws.send(JSON.stringify({ type: "select", source: 0 }));
                if (m.type === "selected") t0 = performance.now();
                if (m.type === "replay-done") {
                  done(performance.now() - t0);
                  ws.close();
                }
              };
            }), `${netpix.url.replace("http", "ws")}/ws`),
        );
        await bare.close();
        const { ctx, page } = await openReplayedPage(netpix.url, 60_000);
        const s = await page.evaluate(() => {
          const st = (globalThis as unknown as { netpixState: NetpixState }).netpixState;
          return { ms: st.replayMs, at: st.replayPaintedAt, packets: st.packets };
        });
        replay.push(s.ms);
        fromNav.push(s.at);
        packets = s.packets;
        // The work deferred by the replay (analysis, protocol rows, plot data) is paid by the first other view shown.
        const t0 = Date.now();
        await page.click("[data-tab='rtp-streams']");
        await page.waitForSelector("[data-table='rtp-streams'] .tr");
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
        streamsTab.push(Date.now() - t0);
        await ctx.close();
      }
    } finally {
      await netpix.stop();
    }
    for (const a of [replay, fromNav, floor, streamsTab]) a.sort((x, y) => x - y);
    results.replay = {
      packets,
      runs,
      replayMs: replay,
      navigationToPaintMs: fromNav,
      bareReplayDoneMs: floor,
      rtpStreamsTabMs: streamsTab,
    };
  }

  // 2. Scroll frame rate at 100,000 rows.
  {
    const netpix = await startNetpix(["-f", large, "-M", "0", "-b", "100000"]);
    try {
      const { ctx, page } = await openReplayedPage(netpix.url, 120_000);
      await page.click("[data-tab='packets']");
      await page.waitForSelector("[data-table='packets'] .tr");
      const scroll = async (label: string) => {
        const rowsText = await page.locator("[data-table='packets'] [data-testid=row-count]").innerText();
        const frames: number[] = await page.evaluate(async (seconds: number) => {
          const vp = document.querySelector("[data-table='packets'] .viewport") as HTMLElement;
          const deltas: number[] = [];
          let last = performance.now();
          const end = last + seconds * 1000;
          let dir = 1;
          await new Promise<void>((done) => {
            const step = (now: number) => {
              deltas.push(now - last);
              last = now;
              const next = vp.scrollTop + dir * 3080; // ~140 rows of 22 px per frame
              if (next <= 0 || next >= vp.scrollHeight - vp.clientHeight) dir = -dir;
              vp.scrollTop = next;
              if (now < end) requestAnimationFrame(step);
              else done();
            };
            requestAnimationFrame(step);
          });
          return deltas.slice(1);
        }, scrollSeconds);
        const sorted = [...frames].sort((a, b) => a - b);
        const total = frames.reduce((a, b) => a + b, 0);
        return {
          label,
          rows: Number(rowsText.replace(/\D+/g, "")),
          frames: frames.length,
          fps: frames.length / (total / 1000),
          p50Ms: pct(sorted, 0.5),
          p95Ms: pct(sorted, 0.95),
          p99Ms: pct(sorted, 0.99),
          maxMs: sorted[sorted.length - 1],
          over33Ms: frames.filter((f) => f > 33.4).length,
        };
      };
      const plain = await scroll("no filter");
      const input = page.locator("[data-table='packets'] input.filter-input");
      await input.fill("type:rtp OR len:>1000");
      await input.press("Escape");
      const filtered = await scroll("filter `type:rtp OR len:>1000`");
      results.scroll = [plain, filtered];
      await ctx.close();
    } finally {
      await netpix.stop();
    }
  }
} finally {
  await browser.close();
}

await Deno.writeTextFile(`${OUT}/ui.json`, JSON.stringify(results, null, 2) + "\n");
const r = results.replay as {
  packets: number;
  replayMs: number[];
  navigationToPaintMs: number[];
  bareReplayDoneMs: number[];
  rtpStreamsTabMs: number[];
};
const load = (await Deno.readTextFile("/proc/loadavg")).split(" ").slice(0, 3).join(" ");
const f = (v: number) => v.toFixed(1);
console.log(`load average at the end: ${load}`);
console.log("| figure | result |");
console.log("| --- | --- |");
console.log(
  `| Replay of ${r.packets} packets: \`selected\` → first paint after \`replay-done\` (${r.replayMs.length} fresh pages) | ` +
    `median ${f(pct(r.replayMs, 0.5))} ms, max ${f(r.replayMs[r.replayMs.length - 1]!)} ms |`,
);
console.log(
  `| Same, from navigation start | median ${f(pct(r.navigationToPaintMs, 0.5))} ms, max ${
    f(r.navigationToPaintMs[r.navigationToPaintMs.length - 1]!)
  } ms |`,
);
console.log(
  `| Transport floor: a bare page receiving the same replay, \`selected\` → \`replay-done\` | median ${
    f(pct(r.bareReplayDoneMs, 0.5))
  } ms, max ${f(r.bareReplayDoneMs[r.bareReplayDoneMs.length - 1]!)} ms |`,
);
console.log(
  `| First switch to RTP streams after the replay (deferred analysis and rows), click → painted | median ${
    f(pct(r.rtpStreamsTabMs, 0.5))
  } ms, max ${f(r.rtpStreamsTabMs[r.rtpStreamsTabMs.length - 1]!)} ms |`,
);
for (
  const s of results.scroll as {
    label: string;
    rows: number;
    fps: number;
    p50Ms: number;
    p95Ms: number;
    p99Ms: number;
    maxMs: number;
    over33Ms: number;
    frames: number;
  }[]
) {
  console.log(
    `| Packets table scroll, ${s.rows} rows, ${s.label}, ${scrollSeconds} s | ${f(s.fps)} fps; frame p50 ${
      f(s.p50Ms)
    } ms, ` +
      `p95 ${f(s.p95Ms)} ms, p99 ${f(s.p99Ms)} ms, max ${
        f(s.maxMs)
      } ms; ${s.over33Ms} of ${s.frames} frames over 33 ms |`,
  );
}
