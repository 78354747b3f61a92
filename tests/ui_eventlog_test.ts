/**
 * An event-log source in the page: its synthetic addresses read "Local" and "Remote" in the RTCP table, and its
 * streams and RTCP counts are those `netpix analyze` reports for the same log.
 */
import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import {
  analyze,
  assertNoPageErrors,
  gotoTab,
  openPage,
  ROOT_PATH,
  rowCount,
  rows,
  screenshot,
  setFilter,
  UI_TEST,
  withNetpixAndBrowser,
} from "./_ui.ts";

const LOG = `${ROOT_PATH}tests/testdata/eventlog/call.rtclog`;

Deno.test({
  name: "an event log's RTCP packets read Local and Remote, with the streams netpix analyze reports",
  ...UI_TEST,
  fn: async () => {
    const report = await analyze(LOG);
    await withNetpixAndBrowser(["-l", LOG, "-M", "0"], async (netpix, browser) => {
      const { page, errors } = await openPage(browser, netpix.url);
      ok((await page.locator("#source").innerText()).includes("event-log"));
      await gotoTab(page, "packets");
      await setFilter(page, "packets", "type:rtcp");
      strictEqual(await rowCount(page), report.packets.by_protocol.rtcp);
      await gotoTab(page, "rtcp-packets");
      const shown = await rows(page, "rtcp-packets");
      ok(shown.length > 0);
      for (const r of shown) {
        ok((r.src === "Local" && r.dst === "Remote") || (r.src === "Remote" && r.dst === "Local"), JSON.stringify(r));
      }
      await gotoTab(page, "rtp-streams");
      deepStrictEqual(
        (await rows(page, "rtp-streams")).map((r) => [r.ssrc, r.packets]).sort(),
        report.rtp_streams.map((s) => [s.ssrc_hex, String(s.packets)]).sort(),
      );
      await gotoTab(page, "rtcp-packets");
      await screenshot(page, "eventlog-rtcp-packets");
      assertNoPageErrors(errors);
    });
  },
});
