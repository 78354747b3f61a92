/**
 * The page in a real headless Chromium: it connects, picks the source and shows packet rows decoded in the browser.
 */
import { ok, strictEqual } from "node:assert/strict";
import { assertNoPageErrors, DEMO_PCAP, UI_TEST, withNetpixAndBrowser } from "./_ui.ts";

Deno.test({
  name: "the page in headless Chromium shows the demo capture's packets as rows",
  ...UI_TEST,
  fn: async () => {
    await withNetpixAndBrowser(["-f", DEMO_PCAP], async (netpix, browser) => {
      const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(`${netpix.url}/`);
      await page.click("[data-tab='packets']");
      await page.waitForSelector("[data-table='packets'] .tr", { timeout: 20_000 });
      const first = await page.locator("[data-table='packets'] .tr").first().innerText();
      ok(/127\.0\.0\.1/.test(first), `first row shows addresses: ${first}`);
      ok(/UDP|TCP/.test(first), `first row shows a transport: ${first}`);
      ok(/Ethernet/.test(first), `first row shows the link: ${first}`);
      await page.waitForSelector("[data-stat='replay-ms']");
      const shown = Number(await page.locator("[data-stat='packets'] b").innerText());
      ok(shown > 1000, String(shown));
      strictEqual(await page.locator("#source option").count(), 1);
      const shot = Deno.env.get("NETPIX_SCREENSHOT");
      if (shot) await page.screenshot({ path: shot });
      assertNoPageErrors(errors);
    });
  },
});
