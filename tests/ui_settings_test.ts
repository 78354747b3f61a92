/**
 * Shared source settings from the page: an SDP pasted for a stream sets the clock rates and the jitter appears as
 * `netpix analyze --sdp` computes it; a decode-as rule chosen from a packet's menu reclassifies the flow on this page
 * and on a second page watching the same source, as `netpix analyze --decode-as` does.
 */
import { ok, strictEqual } from "node:assert/strict";
import {
  analyze,
  assertNoPageErrors,
  DEMO_PCAP,
  DEMO_SDP,
  gotoTab,
  openPage,
  type Page,
  rowCount,
  rows,
  screenshot,
  setFilter,
  UI_TEST,
  withNetpixAndBrowser,
} from "./_ui.ts";

async function jitterOf(page: Page, ssrcHex: string): Promise<string | undefined> {
  return (await rows(page, "rtp-streams")).find((r) => r.ssrc === ssrcHex)?.jitter;
}

Deno.test({
  name: "pasting the demo SDP for a stream turns its unknown jitter into the jitter netpix analyze --sdp reports",
  ...UI_TEST,
  fn: async () => {
    const withSdp = await analyze(DEMO_PCAP, ["--sdp", DEMO_SDP]);
    await withNetpixAndBrowser(["-f", DEMO_PCAP, "-M", "0"], async (netpix, browser) => {
      const { page, errors } = await openPage(browser, netpix.url);
      const other = await openPage(browser, netpix.url);
      await gotoTab(page, "rtp-streams");
      const video = withSdp.rtp_streams.find((s) => s.ssrc === 0x11223344)!;
      strictEqual(await jitterOf(page, video.ssrc_hex), "N/A");
      const row = page.locator("[data-table='rtp-streams'] .tr", { hasText: video.ssrc_hex });
      await row.locator("button", { hasText: "Set SDP" }).click();
      await page.locator("textarea[aria-label=SDP]").fill(await Deno.readTextFile(DEMO_SDP));
      await screenshot(page, "rtp-streams-sdp-dialog");
      await page.click(`button:has-text("Set SDP for ${video.ssrc_hex}")`);
      // Clicking the far-right button scrolled the table sideways: header and cells must have moved together.
      const [headX, cellX] = await page.evaluate(() => {
        const x = (sel: string) =>
          document.querySelector(`[data-table='rtp-streams'] ${sel}`)!.getBoundingClientRect().x;
        return [x(".th.c-ssrc"), x(".tr .td.c-ssrc")];
      });
      ok(Math.abs(headX - cellX) < 1, `the SSRC header (x ${headX}) and its cells (x ${cellX}) stay aligned`);
      ok(video.mean_jitter_ms !== null, "the SDP gives the video's payload type a clock rate");
      for (const s of withSdp.rtp_streams) {
        const fmt = (v: number | null) => v === null ? "N/A" : v.toFixed(3);
        const want = fmt(s.mean_jitter_ms);
        await page.waitForFunction(
          ([hex, v]) =>
            Array.from(document.querySelectorAll("[data-table='rtp-streams'] .tr"))
              .some((tr) => tr.textContent!.includes(hex!) && tr.querySelector(".c-jitter")?.textContent === v),
          [s.ssrc_hex, want] as const,
          { timeout: 15_000 },
        );
        strictEqual(await jitterOf(page, s.ssrc_hex), want);
        strictEqual(
          (await rows(page, "rtp-streams")).find((r) => r.ssrc === s.ssrc_hex)?.max_jitter,
          fmt(s.max_jitter_ms),
        );
      }
      // An SDP the server refuses is said in a banner, and changes nothing.
      await page.locator("[data-table='rtp-streams'] .tr button:has-text('Set SDP')").first().click();
      await page.locator("textarea[aria-label=SDP]").fill("this is not an SDP");
      await page.locator(".modal button.primary").click();
      await page.waitForSelector("[data-testid=notice]");
      ok((await page.locator("[data-testid=notice]").innerText()).includes("invalid-sdp"));
      strictEqual(await jitterOf(page, video.ssrc_hex), video.mean_jitter_ms!.toFixed(3));
      // The setting is the source's: the other page shows the same jitter without doing anything.
      await gotoTab(other.page, "rtp-streams");
      await other.page.waitForFunction(
        (v) => document.querySelector("[data-table='rtp-streams'] .c-jitter")?.textContent !== "N/A" && v,
        video.ssrc_hex,
      );
      strictEqual(await jitterOf(other.page, video.ssrc_hex), video.mean_jitter_ms!.toFixed(3));
      await screenshot(page, "rtp-streams-with-sdp");
      assertNoPageErrors(errors, other.errors);
    });
  },
});

Deno.test({
  name: "decode-as from a packet's menu reclassifies the flow for this page and a second page on the same source",
  ...UI_TEST,
  fn: async () => {
    const asUnknown = await analyze(DEMO_PCAP, ["--decode-as", "1234=unknown"]);
    const plain = await analyze(DEMO_PCAP);
    await withNetpixAndBrowser(["-f", DEMO_PCAP, "-M", "0"], async (netpix, browser) => {
      const a = await openPage(browser, netpix.url);
      const b = await openPage(browser, netpix.url);
      for (const p of [a.page, b.page]) await gotoTab(p, "mpegts-packets");
      strictEqual(await rowCount(a.page), plain.packets.by_protocol.mpegts);
      await gotoTab(a.page, "packets");
      await a.page.locator("[data-table='packets'] .tr .c-type").first().click({ button: "right" });
      await screenshot(a.page, "packets-decode-as-menu");
      await a.page.click("[role=menu] button:has-text('UDP port 1234 as unknown')");
      // Both pages: no MPEG-TS left, and as many unknown payloads as the analysis with the same rule counts.
      for (const p of [a.page, b.page]) {
        await gotoTab(p, "mpegts-packets");
        await p.waitForFunction(() => document.querySelector("[data-testid=row-count]")?.textContent === "0 rows");
        await gotoTab(p, "packets");
        await setFilter(p, "packets", "type:unknown");
        strictEqual(await rowCount(p, "packets"), asUnknown.packets.by_protocol.unknown);
        await setFilter(p, "packets", "");
      }
      // "automatic" removes the rule, for everyone.
      await a.page.locator("[data-table='packets'] .tr .c-type").first().click({ button: "right" });
      await a.page.click("[role=menu] button:has-text('UDP port 1234 as automatic')");
      await gotoTab(b.page, "mpegts-packets");
      await b.page.waitForFunction(
        (n) => document.querySelector("[data-testid=row-count]")?.textContent === `${n} rows`,
        plain.packets.by_protocol.mpegts,
      );
      assertNoPageErrors(a.errors, b.errors);
    });
  },
});
