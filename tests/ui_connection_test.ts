/**
 * The page's connection: after the server restarts, the page reconnects by itself and resyncs (the same source is
 * selected again and its packets replayed, not doubled); a page beyond `--max-clients` shows the "server full" banner
 * and gets in once a place is free.
 */
import { ok, strictEqual } from "node:assert/strict";
import {
  analyze,
  assertNoPageErrors,
  DEMO_PCAP,
  gotoTab,
  launchBrowser,
  openPage,
  rowCount,
  screenshot,
  startNetpix,
  UI_TEST,
  waitReplayed,
  withNetpixAndBrowser,
} from "./_ui.ts";

Deno.test({
  name: "after a server restart the page reconnects by itself and shows the source's packets once again",
  ...UI_TEST,
  fn: async () => {
    const report = await analyze(DEMO_PCAP);
    let netpix = await startNetpix(["-f", DEMO_PCAP, "-M", "0"]);
    const port = netpix.port;
    const browser = await launchBrowser();
    try {
      const { page, errors } = await openPage(browser, netpix.url);
      await gotoTab(page, "rtp-streams");
      strictEqual(await netpix.stop(), 0);
      await page.waitForSelector("[data-testid=banner]", { timeout: 15_000 });
      ok((await page.locator("[data-testid=banner]").innerText()).includes("unreachable"));
      await screenshot(page, "banner-unreachable");
      netpix = await startNetpix(["-f", DEMO_PCAP, "-M", "0", "-p", String(port)]);
      await page.waitForSelector("[data-testid=banner]", { state: "detached", timeout: 30_000 });
      await waitReplayed(page);
      await page.waitForFunction(() => document.querySelector("[data-testid=conn]")?.textContent === "open");
      // A clean resync: the same tab, the packets once (not twice), the streams with the same counts.
      strictEqual(await page.locator("main").getAttribute("data-view"), "rtp-streams");
      strictEqual(await rowCount(page), report.rtp_streams.length);
      await gotoTab(page, "packets");
      strictEqual(await rowCount(page), report.packets.total);
      assertNoPageErrors(errors);
    } finally {
      await browser.close();
      await netpix.stop();
    }
  },
});

Deno.test({
  name: "a page beyond --max-clients shows the server-full banner, then gets in when a place is free",
  ...UI_TEST,
  fn: async () => {
    await withNetpixAndBrowser(["-f", DEMO_PCAP, "-M", "0", "-C", "1"], async (netpix, browser) => {
      const first = await openPage(browser, netpix.url);
      const second = await openPage(browser, netpix.url, { waitForRows: false });
      await second.page.waitForSelector("[data-testid=banner]", { timeout: 15_000 });
      const text = await second.page.locator("[data-testid=banner]").innerText();
      ok(text.includes("server is full"), text);
      await screenshot(second.page, "banner-server-full");
      await first.page.close();
      await waitReplayed(second.page);
      strictEqual(await second.page.locator("[data-testid=banner]").count(), 0);
      assertNoPageErrors(first.errors, second.errors);
    });
  },
});

Deno.test({
  name: "with compression forced on, the page inflates the deflated frames in order and shows every packet once",
  ...UI_TEST,
  fn: async () => {
    const report = await analyze(DEMO_PCAP);
    await withNetpixAndBrowser(["-f", DEMO_PCAP, "-M", "0", "--compression", "on"], async (netpix, browser) => {
      const { page, errors } = await openPage(browser, netpix.url);
      await gotoTab(page, "packets");
      strictEqual(await rowCount(page), report.packets.total);
      // In order: the packet numbers run 1, 2, 3 … with no gap and no repeat.
      const nos = (await page.locator("[data-table='packets'] .tr .c-no").allInnerTexts()).map(Number);
      for (let i = 0; i < nos.length; i++) strictEqual(nos[i], i + 1);
      const metrics = await (await fetch(`${netpix.url}/metrics`)).text();
      const out = Number(metrics.match(/netpix_compression_bytes_total\{stage="out"\} (\d+)/)?.[1] ?? 0);
      ok(out > 0, "the server did send deflated frames");
      assertNoPageErrors(errors);
    });
  },
});
