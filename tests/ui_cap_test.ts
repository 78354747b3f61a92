/**
 * The page's packet cap: beyond it the oldest packets are evicted and counted, the stream statistics still cover every
 * packet received (they are incremental), and after a settings change they are rebuilt from the retained packets,
 * which the page says.
 */
import { ok, strictEqual } from "node:assert/strict";
import {
  analyze,
  assertNoPageErrors,
  DEMO_SDP,
  gotoTab,
  openPage,
  ROOT_PATH,
  rowCount,
  rows,
  screenshot,
  UI_TEST,
  waitReplayed,
  withNetpixAndBrowser,
} from "./_ui.ts";
import { sh } from "./_netpix.ts";

const TOTAL = 12_000;
const CAP = 10_000;

Deno.test({
  name: "beyond the packet cap the oldest packets go, counted, and the statistics still cover them until a rebuild",
  ...UI_TEST,
  fn: async () => {
    const dir = await Deno.makeTempDir();
    const big = `${dir}/demo_12k.pcap`;
    const kept = `${dir}/kept.pcap`;
    await sh(Deno.execPath(), ["run", "-A", `${ROOT_PATH}scripts/bench/make_pcap.ts`, big, String(TOTAL)]);
    await sh("editcap", ["-r", big, kept, `${TOTAL - CAP + 1}-${TOTAL}`]);
    const whole = await analyze(big);
    const retainedWithSdp = await analyze(kept, ["--sdp", DEMO_SDP]);
    try {
      await withNetpixAndBrowser(["-f", big, "-M", "0"], async (netpix, browser) => {
        const { page, errors } = await openPage(browser, netpix.url);
        await page.selectOption("select[aria-label='Packet cap']", String(CAP));
        await page.click("button:has-text('Refetch')");
        await waitReplayed(page);
        await gotoTab(page, "packets");
        strictEqual(await rowCount(page), CAP);
        strictEqual(await page.locator("[data-stat='evicted'] b").innerText(), String(TOTAL - CAP));
        strictEqual((await rows(page, "packets"))[0]?.no, String(TOTAL - CAP + 1));
        // Statistics were computed as packets arrived: they cover all 12,000.
        await gotoTab(page, "rtp-streams");
        const before = await rows(page, "rtp-streams");
        for (const s of whole.rtp_streams) {
          strictEqual(before.find((r) => r.ssrc === s.ssrc_hex)?.packets, String(s.packets), s.ssrc_hex);
        }
        // A settings change rebuilds them from the 10,000 retained packets, and the page says so. The SDP goes on the
        // video stream, the one `netpix analyze --sdp` gives a clock rate (an SDP set in the page applies to its SSRC).
        const video = page.locator("[data-table='rtp-streams'] .tr", { hasText: "0x11223344" });
        await video.locator("button:has-text('Set SDP')").click();
        await page.locator("textarea[aria-label=SDP]").fill(await Deno.readTextFile(DEMO_SDP));
        await page.locator(".modal button.primary").click();
        await page.waitForSelector("[data-testid=partial-note]");
        ok((await page.locator("[data-testid=partial-note]").innerText()).includes(`only the ${CAP} retained packets`));
        for (const s of retainedWithSdp.rtp_streams) {
          await page.waitForFunction(
            ([hex, n]) =>
              Array.from(document.querySelectorAll("[data-table='rtp-streams'] .tr")).some((tr) =>
                tr.textContent!.includes(hex!) && tr.querySelector(".c-packets")?.textContent === n
              ),
            [s.ssrc_hex, String(s.packets)] as const,
          );
          const r = (await rows(page, "rtp-streams")).find((x) => x.ssrc === s.ssrc_hex)!;
          strictEqual(r.jitter, s.mean_jitter_ms === null ? "N/A" : s.mean_jitter_ms.toFixed(3));
        }
        await screenshot(page, "rtp-streams-after-eviction");
        assertNoPageErrors(errors);
      });
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
