/**
 * A live `lo` source in the page: ffmpeg sends real Opus RTP on the loopback while the page watches, the stream
 * appears with ffmpeg's SSRC and payload type, the packets table follows the newest rows, and the page holds every
 * packet the server captured.
 */
import { ok, strictEqual } from "node:assert/strict";
import dgram from "node:dgram";
import { hasProgram, udpSink } from "./_live_capture.ts";
import { assertNoPageErrors, gotoTab, openPage, rows, screenshot, UI_TEST, withNetpixAndBrowser } from "./_ui.ts";

const SSRC = 0x0a0b0c0d;

Deno.test({
  name: "a live lo source shows ffmpeg's RTP stream while it is being sent",
  ignore: !hasProgram("ffmpeg", "-version") || Deno.uid?.() !== 0,
  ...UI_TEST,
  fn: async () => {
    const sink = await udpSink(1);
    const port = sink.ports[0]!;
    try {
      await withNetpixAndBrowser(["-i", "lo", "-c", `udp and dst port ${port}`], async (netpix, browser) => {
        const { page, errors } = await openPage(browser, netpix.url, { waitForRows: false });
        await page.waitForFunction(() => document.querySelector("#source")?.textContent?.includes("interface: lo"));
        const ffmpeg = new Deno.Command("ffmpeg", {
          args: ["-hide_banner", "-loglevel", "error", "-re", "-f", "lavfi", "-i", "sine=frequency=440:duration=3"]
            .concat(["-c:a", "libopus", "-b:a", "32k", "-payload_type", "111", "-ssrc", String(SSRC)])
            .concat(["-f", "rtp", `rtp://127.0.0.1:${port}`]),
          stdout: "null",
          stderr: "piped",
        }).spawn();
        // While ffmpeg is still sending, the packets table follows and grows.
        await page.waitForSelector("[data-table='packets'] .tr", { timeout: 15_000 });
        ok(await page.locator("[data-table='packets'] input[type=checkbox]").isChecked(), "a live source follows");
        const early = await page.locator("[data-stat='packets'] b").innerText();
        const done = await ffmpeg.output();
        strictEqual(done.code, 0, new TextDecoder().decode(done.stderr));
        ok(Number(early) > 0);
        await gotoTab(page, "rtp-streams");
        await page.waitForFunction(
          (hex) => document.querySelector("[data-table='rtp-streams']")?.textContent?.includes(hex),
          `0x${SSRC.toString(16).padStart(8, "0")}`,
        );
        // Every captured packet reached the page (the status bar's server counter against the page's own).
        const stats = await (await fetch(`${netpix.url}/api/stats`)).json();
        const captured = JSON.stringify(stats).match(/"captured":(\d+)/)?.[1];
        await page.waitForFunction(
          (n) => document.querySelector("[data-stat='packets'] b")?.textContent === n,
          captured,
          { timeout: 10_000 },
        );
        const s = (await rows(page, "rtp-streams"))[0]!;
        strictEqual(s.pt, "111");
        strictEqual(s.packets, captured);
        strictEqual(s.dst, `127.0.0.1:${port}`);
        await screenshot(page, "live-lo-rtp-streams");
        assertNoPageErrors(errors);
      });
    } finally {
      await sink.close();
    }
  },
});

Deno.test({
  name: "packets the server drops for a slow page show in the status bar with their gaps, and add up to the captured",
  ignore: Deno.uid?.() !== 0,
  ...UI_TEST,
  fn: async () => {
    const sink = await udpSink(1);
    const port = sink.ports[0]!;
    // Two live packets a second per client, a queue of 5: a burst of 300 overflows it.
    const args = ["-i", "lo", "-c", `udp and dst port ${port}`, "-m", "500", "-B", "1", "-q", "5"];
    const sock = dgram.createSocket("udp4");
    try {
      await withNetpixAndBrowser([...args, "--adaptive-batching", "off"], async (netpix, browser) => {
        const { page, errors } = await openPage(browser, netpix.url, { waitForRows: false });
        await page.waitForFunction(() => document.querySelector("[data-testid=conn]")?.textContent === "open");
        await page.waitForSelector("[data-stat='replay-ms'], [data-stat='packets']");
        await new Promise((r) => setTimeout(r, 1000));
        for (let i = 0; i < 300; i++) {
          await new Promise<void>((r) => sock.send(new Uint8Array(100).fill(i & 0xff), port, "127.0.0.1", () => r()));
        }
        await page.waitForSelector("[data-stat='dropped'].warn", { timeout: 15_000 });
        const status = await page.locator("#status").innerText();
        ok(/Gaps: \d+–\d+ \(queue-full\)/.test(status), status);
        await new Promise((r) => setTimeout(r, 4000)); // the queue drains at two packets a second
        const stats = await (await fetch(`${netpix.url}/api/stats`)).json();
        const captured = Number(JSON.stringify(stats).match(/"captured":(\d+)/)?.[1]);
        strictEqual(captured, 300);
        const shown = Number(await page.locator("[data-stat='packets'] b").innerText());
        const dropped = Number(await page.locator("[data-stat='dropped'] b").innerText());
        ok(dropped > 0 && shown > 0, status);
        strictEqual(shown + dropped, captured, `${shown} shown + ${dropped} dropped`);
        await screenshot(page, "status-bar-drops");
        assertNoPageErrors(errors);
      });
    } finally {
      sock.close();
      await sink.close();
    }
  },
});
