/**
 * The plots in a real browser: tests/browser/plots_entry.ts, bundled for the browser, replays tests/testdata/demo.pcap
 * (less a few frames, so there are sequence gaps and CC errors to see) through the plot collectors in headless
 * Chromium and mounts every plot. The test drives them with the mouse and checks what they drew against the same
 * replay in Deno and against the analysis report. A screenshot of each plot goes to test-artifacts/.
 */
import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { ARTIFACTS, bundleForBrowser, DEMO_PCAP, launchBrowser, type Page, UI_TEST } from "./_ui.ts";
import { replayDemo } from "../src/ui/plots/_replay.ts";
import { RtcpMarkCol, RtpCol } from "../src/ui/plots/rtp_collector.ts";
import type { PlotsPage } from "./browser/plots_entry.ts";

/** Frames left out: video seq 1101 (424) and 1102 (429), audio seq 30200 (613), one MPEG-TS datagram (288). */
const SKIP = [424, 429, 613, 288];
const VIDEO = 0x11223344;
const AUDIO = 0x55667788;

const LIGHT = `--np-bg:#ffffff;--np-fg:#1d2330;--np-muted:#6b7280;--np-border:#cfd5dd;--np-grid:#eceff3;
--np-accent:#0b6bcb;--np-loss:#d92d20;--np-marker:#7a3fd1;--np-keyframe:#e07b00;--np-rtcp:#0f8a5f;--np-warn:#b7791f;
--np-error:#c81e1e;--np-series-0:#0b6bcb;--np-series-1:#0f8a5f;--np-series-2:#c2410c;--np-series-3:#7c3aed;
--np-series-4:#be185d;--np-series-5:#0e7490;--np-series-6:#4d7c0f;--np-series-7:#a16207`;
const DARK = `--np-bg:#101418;--np-fg:#dde3ea;--np-muted:#8894a3;--np-border:#2c3540;--np-grid:#1c232b;
--np-accent:#4fb3ff;--np-loss:#ff5d5d;--np-marker:#c79bff;--np-keyframe:#ffb454;--np-rtcp:#5fd4a0;--np-warn:#ffd166;
--np-error:#ff6b6b;--np-series-0:#4fb3ff;--np-series-1:#5fd4a0;--np-series-2:#ff9f5a;--np-series-3:#b794ff;
--np-series-4:#ff7eb6;--np-series-5:#4fd1e0;--np-series-6:#a3e05f;--np-series-7:#e0c15f`;

const HTML = `<!doctype html><meta charset="utf-8"><title>plots</title>
<style>:root{${LIGHT}} :root.dark{${DARK}} body{background:var(--np-bg);color:var(--np-fg);margin:8px;
font:13px system-ui,sans-serif} #spark{display:flex;gap:12px} section{margin-bottom:12px}</style>
<section id="rtp"></section><section id="rtcp"></section><section id="mpegts"></section>
<section id="spark"></section><section id="ice"></section>`;

/** Runs a function on the page's `netpixPlots`. */
function onPage<T, A = undefined>(page: Page, fn: (p: PlotsPage, arg: A) => T, arg?: A): Promise<T> {
  return page.evaluate(
    ([src, a]) => {
      const p = (globalThis as unknown as { netpixPlots: PlotsPage }).netpixPlots;
      return (new Function(`return (${src})`)() as (p: PlotsPage, a: unknown) => T)(p, a);
    },
    [fn.toString(), arg] as const,
  ) as Promise<T>;
}

Deno.test({
  name: "the plots draw demo.pcap's streams in Chromium, zoom, pan, hide streams and show the packet under the pointer",
  ...UI_TEST,
  fn: async (t) => {
    const js = await bundleForBrowser("tests/browser/plots_entry.ts");
    const pcap = await Deno.readFile(DEMO_PCAP);
    const { feeder: expected, report } = await replayDemo(SKIP);
    await Deno.mkdir(ARTIFACTS, { recursive: true });
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ viewport: { width: 940, height: 900 } });
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.setContent(HTML);
      await page.addScriptTag({ content: js });
      await page.evaluate(
        ([bytes, skip]) =>
          (globalThis as unknown as { netpixMountPlots: (b: Uint8Array, s: number[]) => void }).netpixMountPlots(
            new Uint8Array(bytes),
            skip,
          ),
        [Array.from(pcap), SKIP] as const,
      );
      const shot = (id: string, name: string) =>
        page.locator(`#${id}`).screenshot({ path: `${ARTIFACTS}/plots-${name}.png` });

      await t.step("the RTP plot has one lane per stream, every packet, the gaps and the SRs", async () => {
        const got = await onPage(page, (p) => ({
          series: p.rtp.plot.series.length,
          labels: p.feeder.rtp.lanes.map((l) => l.label),
          points: p.feeder.rtp.lanes.map((l) => l.points.length),
          ssrcs: p.feeder.rtp.lanes.map((l) => l.ssrc),
          stats: p.rtp.stats(),
          range: p.rtp.xRange(),
          toggles: document.querySelectorAll("#rtp .np-plot-bar input[type=checkbox]").length,
        }));
        const lanes = expected.rtp.lanes;
        strictEqual(got.series, 1 + lanes.length);
        strictEqual(got.toggles, lanes.length);
        deepStrictEqual(got.ssrcs, lanes.map((l) => l.ssrc));
        deepStrictEqual(got.points, lanes.map((l) => l.points.length));
        deepStrictEqual(got.points.toSorted(), report.rtp_streams.map((s) => s.packets).toSorted());
        deepStrictEqual(got.stats.drawnGaps, [1, 1], "one gap per stream: video 1101–1102, audio 30200");
        deepStrictEqual(got.stats.drawnRtcp, [3, 3], "ffmpeg's three SRs per stream");
        for (let i = 0; i < lanes.length; i++) {
          ok(got.stats.drawnMarks[i]! > 0 && got.stats.drawnMarks[i]! <= got.points[i]!);
        }
        const arrivals = lanes.flatMap((
          l,
        ) => [l.points.view(RtpCol.Arrival)[0]!, l.points.view(RtpCol.Arrival).at(-1)!]);
        arrivals.push(...expected.rtp.rtcp.view(RtcpMarkCol.Arrival)); // ffmpeg's first SR precedes its first packet
        deepStrictEqual(got.range, { min: Math.min(...arrivals), max: Math.max(...arrivals) });
        await shot("rtp", "rtp-seconds");
      });

      const audioLane = expected.rtp.lanes.findIndex((l) => l.ssrc === AUDIO);
      const videoLane = expected.rtp.lanes.findIndex((l) => l.ssrc === VIDEO);
      const over = (await page.locator("#rtp .u-over").boundingBox())!;
      let zoom = { min: 0, max: 0 };

      await t.step("dragging across the plot zooms the x scale, and every audio packet in range is drawn", async () => {
        const y = over.y + over.height / 2;
        await page.mouse.move(over.x + over.width * 0.40, y);
        await page.mouse.down();
        await page.mouse.move(over.x + over.width * 0.45, y, { steps: 5 });
        await page.mouse.up();
        zoom = await onPage(page, (p) => p.rtp.xRange());
        const full = { stats: await onPage(page, (p) => p.rtp.stats()) };
        const span = zoom.max - zoom.min;
        ok(span > 0.3 && span < 0.8, `zoomed to ${JSON.stringify(zoom)}`);
        // One tick per pixel column that holds packets (ffmpeg sends audio in bursts of 2–3 packets within 0.3 ms).
        const columns = (lane: number) =>
          onPage(page, (p, arg) => {
            const u = p.rtp.plot;
            const { min, max } = u.scales.x as { min: number; max: number };
            const scale = u.bbox.width / (max - min);
            const cols = new Set<number>();
            for (const a of p.feeder.rtp.lanes[arg]!.points.view(0)) {
              if (a >= min && a <= max) cols.add(Math.round(u.bbox.left + (a - min) * scale));
            }
            return cols.size;
          }, lane);
        const inRange = (lane: number) =>
          Array.from(expected.rtp.lanes[lane]!.points.view(RtpCol.Arrival)).filter((a) =>
            a >= zoom.min && a <= zoom.max
          ).length;
        ok(inRange(audioLane) > 10);
        strictEqual(full.stats.drawnMarks[audioLane], await columns(audioLane));
        ok(full.stats.drawnMarks[audioLane]! < inRange(audioLane), "bursts share a column");
        ok(full.stats.drawnMarks[videoLane]! <= inRange(videoLane) && full.stats.drawnMarks[videoLane]! > 0);
        await shot("rtp", "rtp-zoomed");
      });

      await t.step("shift-dragging pans the zoomed range without changing its width", async () => {
        const y = over.y + over.height / 2;
        await page.keyboard.down("Shift");
        await page.mouse.move(over.x + over.width * 0.5, y);
        await page.mouse.down();
        await page.mouse.move(over.x + over.width * 0.25, y, { steps: 5 });
        await page.mouse.up();
        await page.keyboard.up("Shift");
        const panned = await onPage(page, (p) => p.rtp.xRange());
        ok(panned.min > zoom.min, "dragging left moves the view later in time");
        ok(Math.abs((panned.max - panned.min) - (zoom.max - zoom.min)) < 1e-9);
        const shift = panned.min - zoom.min;
        ok(Math.abs(shift - (zoom.max - zoom.min) * 0.25 * over.width / over.width) < (zoom.max - zoom.min) * 0.05);
        zoom = panned;
      });

      await t.step(
        "hovering a tick shows that packet's sequence number, timestamp, size and payload type",
        async () => {
          const lane = expected.rtp.lanes[audioLane]!;
          const a = lane.points.view(RtpCol.Arrival);
          const row = a.findIndex((v) => v > (zoom.min + zoom.max) / 2);
          const pos = await onPage(page, (p, arg) => {
            const u = p.rtp.plot;
            return { left: u.valToPos(arg.x, "x"), top: u.valToPos(arg.lane, "y") };
          }, { x: a[row]!, lane: audioLane });
          await page.mouse.move(over.x + pos.left, over.y + pos.top);
          const hover = await onPage(page, (p) => p.rtp.hovered());
          ok(hover !== null, "a packet is under the pointer");
          strictEqual(hover.ssrc, AUDIO);
          strictEqual(hover.row, row);
          strictEqual(hover.seqExt, lane.points.view(RtpCol.Seq)[row]);
          strictEqual(hover.arrivalSec, a[row]);
          strictEqual(hover.payloadType, 111);
          strictEqual(hover.marker, true, "ffmpeg sets M on every Opus packet");
          const tip = await page.locator("#rtp .np-plot-tip").innerText();
          ok(tip.includes(`seq ${hover.seq}`) && tip.includes(`ts ${hover.rtpTs}`) && tip.includes("PT 111"), tip);
          await shot("rtp", "rtp-hover");
        },
      );

      await t.step("unticking a stream hides its lane: no ticks drawn, nothing to hover", async () => {
        await page.locator(`#rtp .np-plot-bar label:nth-of-type(${audioLane + 1}) input`).uncheck();
        const got = await onPage(
          page,
          (p, lane) => ({ show: p.rtp.plot.series[lane + 1]!.show, stats: p.rtp.stats() }),
          audioLane,
        );
        strictEqual(got.show, false);
        strictEqual(got.stats.visibleLanes, 1);
        strictEqual(got.stats.drawnMarks[audioLane], 0);
        ok(got.stats.drawnMarks[videoLane]! > 0);
        await page.mouse.move(over.x + over.width / 2, over.y + over.height * (audioLane + 0.5) / 2);
        strictEqual(await onPage(page, (p) => p.rtp.hovered()), null);
        await shot("rtp", "rtp-audio-hidden");
        await page.locator(`#rtp .np-plot-bar label:nth-of-type(${audioLane + 1}) input`).check();
        strictEqual(await onPage(page, (p) => p.rtp.stats().visibleLanes), 2);
      });

      await t.step(
        "the sequence axis counts packets from each lane's first, with the gap one number wide",
        async () => {
          await onPage(page, (p) => p.rtp.setXAxis("sequence"));
          const got = await onPage(page, (p) => ({ range: p.rtp.xRange(), stats: p.rtp.stats() }));
          const longest = Math.max(...report.rtp_streams.map((s) => s.expected));
          deepStrictEqual(got.range, { min: 0, max: longest - 1 });
          deepStrictEqual(got.stats.drawnGaps, [1, 1]);
          await shot("rtp", "rtp-sequence");
          await onPage(page, (p) => p.rtp.setXAxis("timestamp"));
          const ts = await onPage(page, (p) => ({ range: p.rtp.xRange(), stats: p.rtp.stats() }));
          strictEqual(ts.range.min, 0);
          ok(ts.range.max > 48000 * 10, "about 11 s of 48 kHz audio ticks");
          deepStrictEqual(ts.stats.drawnRtcp, [3, 3], "SRs placed by their own RTP timestamps");
          await shot("rtp", "rtp-timestamp");
        },
      );

      await t.step("the RTCP charts plot each sender's SR bitrate as the analysis reports it", async () => {
        const got = await onPage(page, (p) => ({
          bitrate: p.rtcp.plots.bitrate.series.slice(1).map((s) => String(s.label)),
          data: p.rtcp.plots.bitrate.data.slice(1).map((ys) => Array.from(ys).filter((v) => v != null)),
          loss: p.rtcp.plots.loss.series.length,
          notes: Array.from(document.querySelectorAll("#rtcp .np-plot-note")).map((n) => n.textContent),
        }));
        deepStrictEqual(got.bitrate.toSorted(), ["0x11223344", "0x55667788"]);
        for (const [i, label] of got.bitrate.entries()) {
          const r = report.rtcp.find((x) => x.ssrc_hex === label)!;
          strictEqual(got.data[i]!.length, r.sr_count - 1);
          strictEqual(Math.round((got.data[i]!.at(-1) as number) * 1000) / 1000, r.sender_bitrate_kbps);
        }
        strictEqual(got.loss, 1, "ffmpeg sends no report blocks: no loss series");
        strictEqual(got.notes.length, 3);
        await shot("rtcp", "rtcp");
      });

      await t.step("the MPEG-TS charts have a line per PID, the CC error marks and the PCR offset", async () => {
        const flow = report.mpegts[0]!;
        const got = await onPage(page, (p) => ({
          series: p.mpegts.bitrateSeries(),
          uplotSeries: p.mpegts.bitratePlot.series.length,
          cc: p.mpegts.drawnCcMarks(),
          pcr: p.mpegts.pcrPids(),
          pcrPoints: Array.from(p.mpegts.pcrPlot.data[1]! as ArrayLike<number | null>).filter((v) => v != null).length,
          title: p.mpegts.pcrPlot.root.querySelector(".u-title")!.textContent,
        }));
        strictEqual(got.series.length, flow.pids.length);
        strictEqual(got.uplotSeries, flow.pids.length + 2, "x, one per PID, total");
        ok(flow.cc_errors > 0 && got.cc >= 1 && got.cc <= flow.cc_errors, `${got.cc} of ${flow.cc_errors}`);
        const pcrPid = flow.pids.find((p) => p.pcr !== null)!;
        deepStrictEqual(got.pcr, [pcrPid.pid]);
        strictEqual(got.pcrPoints, pcrPid.pcr!.pcrs);
        ok(got.title.includes(pcrPid.pcr!.overall_jitter_ms!.toFixed(3)), got.title);
        await shot("mpegts", "mpegts-by-pid");
        const programs = await onPage(page, (p) => {
          p.mpegts.setGroupBy("program");
          return p.mpegts.bitrateSeries();
        });
        deepStrictEqual(programs, [
          ...flow.programs.map((g) => `program ${g.program_number}`),
          "other PIDs (PSI, null, …)",
        ]);
        await shot("mpegts", "mpegts-by-program");
      });

      await t.step("each stream's jitter sparkline draws its history", async () => {
        const got = await onPage(page, (p) =>
          p.sparklines.map((s, i) => {
            const c = s.canvas;
            const px = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
            let inked = 0;
            for (let k = 3; k < px.length; k += 4) if (px[k]! > 0) inked++;
            return { drawn: s.drawnPoints(), held: p.feeder.streams[i]!.jitter.length, inked, title: c.title };
          }));
        strictEqual(got.length, 2);
        for (const s of got) {
          ok(s.drawn === s.held && s.held > 5, JSON.stringify(s));
          ok(s.inked > 50, "the line is on the canvas");
          ok(/^jitter \d+\.\d\d ms \(max \d+\.\d\d ms/.test(s.title), s.title);
        }
        await shot("spark", "jitter-sparklines");
      });

      await t.step(
        "the ICE diagram draws a curve per pair in its state's colour and describes it on hover",
        async () => {
          const pairs = report.ice_pairs;
          ok(pairs.length > 0);
          const states = await page.locator("#ice path.np-ice-pair").evaluateAll((els) =>
            els.map((
              e,
            ) => [Number(e.getAttribute("data-index")), e.getAttribute("data-state"), e.getAttribute("stroke")])
          );
          strictEqual(states.length, pairs.length);
          for (const [i, state] of states) strictEqual(state, pairs[i as number]!.state);
          const accent = await page.evaluate(() =>
            getComputedStyle(document.documentElement).getPropertyValue("--np-accent")
          );
          for (const [, state, stroke] of states) if (state === "succeeded") strictEqual(stroke, accent.trim());
          // the middle of the first curve, in page coordinates
          const mid = await page.locator("#ice path.np-ice-pair").first().evaluate((el) => {
            const path = el as SVGPathElement;
            const pt = path.getPointAtLength(path.getTotalLength() / 2);
            const m = path.getScreenCTM()!;
            return { x: m.a * pt.x + m.c * pt.y + m.e, y: m.b * pt.x + m.d * pt.y + m.f };
          });
          await page.mouse.move(mid.x, mid.y);
          const hovered = await onPage(page, (p) => p.ice.hovered());
          ok(hovered !== null);
          const tip = await page.locator("#ice .np-plot-tip").innerText();
          ok(tip.includes(`${hovered.local} → ${hovered.remote}`) && tip.includes(`checks ${hovered.requests}`), tip);
          await shot("ice", "ice-pairs");
        },
      );

      await t.step("refreshTheme() picks up the dark theme's colours", async () => {
        const swatch = await onPage(page, (p) => {
          document.documentElement.classList.add("dark");
          p.rtp.setXAxis("seconds");
          p.rtp.refreshTheme();
          p.rtcp.refreshTheme();
          p.mpegts.refreshTheme();
          p.sparklines.forEach((s) => s.refreshTheme());
          p.ice.refreshTheme();
          return getComputedStyle(document.querySelector("#rtp .np-swatch")!).backgroundColor;
        });
        strictEqual(swatch, "rgb(79, 179, 255)", "--np-series-0 of the dark theme");
        await page.locator("body").screenshot({ path: `${ARTIFACTS}/plots-all-dark.png` });
      });
      deepStrictEqual(errors, []);
    } finally {
      await browser.close();
    }
  },
});
