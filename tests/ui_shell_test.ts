/**
 * The page's shell: the selected source (a path with spaces), the tab and column widths survive a reload; the theme
 * switch changes every colour; the keyboard pauses, moves the selection, focuses the filter and shows the shortcuts;
 * pause holds packets back and resume applies them.
 */
import { notStrictEqual, ok, strictEqual } from "node:assert/strict";
import {
  assertNoPageErrors,
  DEMO_PCAP,
  gotoTab,
  openPage,
  rowCount,
  screenshot,
  UI_TEST,
  waitReplayed,
  withNetpixAndBrowser,
} from "./_ui.ts";

Deno.test({
  name: "source, tab and column widths persist across a reload, and theme and keyboard work",
  ...UI_TEST,
  fn: async (t) => {
    const dir = await Deno.makeTempDir({ prefix: "netpix ui " });
    const spaced = `${dir}/demo capture copy.pcap`;
    await Deno.copyFile(DEMO_PCAP, spaced);
    try {
      await withNetpixAndBrowser(["-f", DEMO_PCAP, spaced, "-M", "0"], async (netpix, browser) => {
        const { page, errors } = await openPage(browser, netpix.url);

        await t.step("a source whose path has spaces, the tab and a column width restore after reload", async () => {
          const option = page.locator("#source option", { hasText: "demo capture copy.pcap" });
          await page.selectOption("#source", await option.getAttribute("value"));
          await waitReplayed(page);
          await gotoTab(page, "rtp-packets");
          const handle = page.locator("[data-table='rtp-packets'] .th.c-src .resize");
          const box = (await handle.boundingBox())!;
          await page.mouse.move(box.x + 3, box.y + 5);
          await page.mouse.down();
          await page.mouse.move(box.x + 83, box.y + 5, { steps: 4 });
          await page.mouse.up();
          const width = await page.locator("[data-table='rtp-packets'] .th.c-src").evaluate((e) => e.clientWidth);
          await page.reload();
          await waitReplayed(page);
          strictEqual(await page.locator("main").getAttribute("data-view"), "rtp-packets");
          ok((await page.locator("#source option:checked").innerText()).includes("demo capture copy.pcap"));
          strictEqual(await page.locator("[data-table='rtp-packets'] .th.c-src").evaluate((e) => e.clientWidth), width);
          ok(width >= 240, `the column grew by the drag: ${width}`);
        });

        await t.step("the theme switch changes the colours, including the plots' custom properties", async () => {
          const bg = () =>
            page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--np-bg").trim());
          await page.selectOption("select[aria-label=Theme]", "light");
          const light = await bg();
          await page.selectOption("select[aria-label=Theme]", "dark");
          const dark = await bg();
          notStrictEqual(light, dark);
          strictEqual(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), "rgb(18, 22, 27)");
          await screenshot(page, "rtp-packets-dark");
          await page.selectOption("select[aria-label=Theme]", "system");
          // "system" resolves through prefers-color-scheme and follows its changes.
          const resolvesTo = async (scheme: "dark" | "light") => {
            await page.emulateMedia({ colorScheme: scheme });
            await page.waitForFunction((t) => document.documentElement.dataset.theme === t, scheme, { timeout: 5_000 });
          };
          await resolvesTo("dark");
          strictEqual(await bg(), dark);
          await resolvesTo("light");
          strictEqual(await bg(), light);
        });

        await t.step(
          "keyboard: arrows select rows, / focuses the filter, ? shows the shortcuts, space pauses",
          async () => {
            await page.locator("main").click({ position: { x: 600, y: 400 } });
            await page.keyboard.press("Escape");
            await page.locator("body").press("ArrowDown");
            await page.locator("body").press("ArrowDown");
            strictEqual(await page.locator("[data-table='rtp-packets'] .tr.selected").count(), 1);
            ok(await page.locator("[data-testid=packet-detail]").isVisible());
            await page.locator("body").press("?");
            ok(await page.locator("[role=dialog][aria-label='Keyboard shortcuts']").isVisible());
            await page.keyboard.press("Escape");
            await page.locator("body").press(" ");
            ok((await page.locator("#status").innerText()).includes("Paused"));
            await page.locator("body").press(" ");
            ok(!(await page.locator("#status").innerText()).includes("Paused"));
          },
        );

        await t.step("pause holds refetched packets back; resume shows them", async () => {
          await gotoTab(page, "packets");
          const n = await rowCount(page);
          await page.click("button[aria-label=Pause]");
          await page.click("button:has-text('Refetch')");
          await page.waitForTimeout(1000);
          strictEqual(await rowCount(page), 0, "cleared, nothing applied while paused");
          await page.click("button[aria-label=Resume]");
          await page.waitForFunction(
            (want) => document.querySelector("[data-testid=row-count]")?.textContent === `${want} rows`,
            n,
          );
        });
        assertNoPageErrors(errors);
      });
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
