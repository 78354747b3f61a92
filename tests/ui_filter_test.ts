/**
 * The filter language in the page: valid filters keep exactly the rows tshark's equivalent display filter keeps
 * (AND binds tighter than OR, quoted values, hex numbers), an invalid filter shows an error inline and leaves the view
 * as it was, every field the help documents exists, and completion inserts a field.
 */
import { ok, strictEqual } from "node:assert/strict";
import {
  assertNoPageErrors,
  DEMO_PCAP,
  gotoTab,
  openPage,
  rowCount,
  screenshot,
  setFilter,
  tshark,
  UI_TEST,
  withNetpixAndBrowser,
} from "./_ui.ts";

const DECODE = [
  "-d",
  "udp.port==5004,rtp",
  "-d",
  "udp.port==5006,rtp",
  "-d",
  "udp.port==5005,rtcp",
  "-d",
  "udp.port==5007,rtcp",
];
const count = async (filter: string) =>
  (await tshark(DEMO_PCAP, [...DECODE, "-Y", filter, "-T", "fields", "-e", "frame.number"])).length;

Deno.test({
  name: "filters keep the rows tshark keeps, and an invalid filter shows its error without changing the view",
  ...UI_TEST,
  fn: async (t) => {
    await withNetpixAndBrowser(["-f", DEMO_PCAP, "-M", "0"], async (netpix, browser) => {
      const { page, errors } = await openPage(browser, netpix.url);

      await t.step("RTP packets: hex SSRC, enum marker, and OR below AND", async () => {
        await gotoTab(page, "rtp-packets");
        await setFilter(page, "rtp-packets", "ssrc:0x11223344");
        strictEqual(await rowCount(page), await count("rtp.ssrc==0x11223344"));
        await setFilter(page, "rtp-packets", "SSRC:0x11223344 AND marker:yes");
        strictEqual(await rowCount(page), await count("rtp.ssrc==0x11223344 && rtp.marker==1"));
        await setFilter(page, "rtp-packets", "ssrc:0x55667788 OR ssrc:0x11223344 AND seq:<1010");
        strictEqual(
          await rowCount(page),
          await count("rtp.ssrc==0x55667788 || (rtp.ssrc==0x11223344 && rtp.seq<1010)"),
        );
        await setFilter(page, "rtp-packets", 'NOT (ssrc:0x55667788) AND src:"127.0.0.1"');
        strictEqual(await rowCount(page), await count("rtp && !(rtp.ssrc==0x55667788) && ip.src==127.0.0.1"));
      });

      await t.step("an invalid filter: inline error with its position, the previous rows stay", async () => {
        await setFilter(page, "rtp-packets", "ssrc:0x11223344");
        const before = await rowCount(page);
        await setFilter(page, "rtp-packets", "ssrc:0x11223344 AND (");
        const alert = page.locator("[data-table='rtp-packets'] .filter-error");
        ok((await alert.innerText()).length > 0);
        strictEqual(
          await page.locator("[data-table='rtp-packets'] input.filter-input").getAttribute("aria-invalid"),
          "true",
        );
        strictEqual(await rowCount(page), before);
        await setFilter(page, "rtp-packets", "sscr:1");
        ok((await alert.innerText()).includes("ssrc"), "the unknown field's error suggests the right one");
        strictEqual(await rowCount(page), before);
        await screenshot(page, "rtp-packets-invalid-filter");
      });

      await t.step("Packets and RTCP and STUN: numbers, quoted enum values, classes", async () => {
        await gotoTab(page, "packets");
        await setFilter(page, "packets", "len:>1000");
        strictEqual(await rowCount(page), await count("frame.len>1000"));
        await gotoTab(page, "rtcp-packets");
        await setFilter(page, "rtcp-packets", 'type:"sender report"');
        strictEqual(await rowCount(page), await count("rtcp.pt==200"));
        await gotoTab(page, "stun-packets");
        await setFilter(page, "stun-packets", 'class:"Error Response"');
        strictEqual(await rowCount(page), await count("stun.type==0x0113"));
      });

      await t.step("every field in a table's help exists: its example filter compiles", async () => {
        for (const tab of ["packets", "rtp-packets", "rtcp-packets", "stun-packets", "mpegts-packets", "rtp-streams"]) {
          await gotoTab(page, tab);
          await page.click(`[data-table='${tab}'] button:has-text('Help')`);
          const examples = await page.locator(`[data-table='${tab}'] .filter-help td:last-child code`).allInnerTexts();
          ok(examples.length > 3, `${tab} documents its fields`);
          for (const ex of examples) {
            await setFilter(page, tab, ex);
            strictEqual(await page.locator(`[data-table='${tab}'] .filter-error`).count(), 0, `${tab}: ${ex}`);
          }
          await page.click(`[data-table='${tab}'] .filter-help button:has-text('Close')`);
          await setFilter(page, tab, "");
        }
      });

      await t.step("completion offers fields and Tab inserts one; / focuses the filter", async () => {
        await gotoTab(page, "rtp-packets");
        await page.locator("body").click({ position: { x: 5, y: 880 } });
        await page.keyboard.press("/");
        const input = page.locator("[data-table='rtp-packets'] input.filter-input");
        ok(await input.evaluate((el) => el === document.activeElement));
        await input.fill("");
        await input.type("ss");
        await page.waitForSelector(".completions li");
        await input.press("Tab");
        strictEqual(await input.inputValue(), "ssrc:");
      });
      assertNoPageErrors(errors);
    });
  },
});
