/**
 * Test helper for the end-to-end UI tests: a real netpix, a real headless Chromium page on it, and the oracles the
 * tests compare the page with (`netpix analyze --format json`, tshark).
 * @module
 */

import { ok, strictEqual } from "node:assert/strict";
import { chromium } from "playwright-core";
import type { Browser, Page } from "playwright-core";
import type { AnalysisReport } from "../src/analysis/session.ts";
import { CHROMIUM, CHROMIUM_ARGS } from "./_chromium.ts";
import { DEMO_PCAP, ROOT_PATH, runCli, type RunningNetpix, sh, startNetpix } from "./_netpix.ts";

export { DEMO_PCAP, ROOT_PATH, startNetpix };
export type { Browser, Page, RunningNetpix };
export const DEMO_SDP = `${ROOT_PATH}tests/testdata/demo.sdp`;
/** Screenshots of every view land here (kept out of git). */
export const ARTIFACTS = `${ROOT_PATH}test-artifacts`;

export async function launchBrowser(): Promise<Browser> {
  return await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] });
}

/**
 * Runs `body` with a netpix started with `args` and a headless browser; closes the browser and stops netpix however
 * `body` ends.
 */
export async function withNetpixAndBrowser(
  args: string[],
  body: (netpix: RunningNetpix, browser: Browser) => Promise<void>,
): Promise<void> {
  const netpix = await startNetpix(args);
  try {
    const browser = await launchBrowser();
    try {
      await body(netpix, browser);
    } finally {
      await browser.close();
    }
  } finally {
    await netpix.stop();
  }
}

/** Fails with the messages if any of the pages (`openPage`'s `errors`) threw an uncaught error. */
export function assertNoPageErrors(...errors: string[][]): void {
  const all = errors.flat();
  strictEqual(all.length, 0, all.join("\n"));
}

/** `deno bundle`s a test entry module (path from the repository root) for the browser; returns the script. */
export async function bundleForBrowser(entry: string): Promise<string> {
  const out = await Deno.makeTempFile({ suffix: ".js" });
  try {
    const built = await new Deno.Command(Deno.execPath(), {
      args: ["bundle", "--quiet", "--platform", "browser", "-o", out, `${ROOT_PATH}${entry}`],
      stderr: "piped",
    }).output();
    ok(built.success, new TextDecoder().decode(built.stderr));
    return await Deno.readTextFile(out);
  } finally {
    await Deno.remove(out);
  }
}

/** A page on `url` that records uncaught errors; waits for the first table row unless `waitForRows` is false. */
export async function openPage(
  browser: Browser,
  url: string,
  { waitForRows = true }: { waitForRows?: boolean } = {},
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1500, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${url}/`);
  if (waitForRows) await waitReplayed(page);
  return { page, errors };
}

/** Waits until the replay has been painted (the status bar says how long it took). */
export async function waitReplayed(page: Page): Promise<void> {
  await page.waitForSelector("[data-stat='replay-ms']", { timeout: 30_000 });
}

export async function gotoTab(page: Page, tab: string): Promise<void> {
  await page.click(`[data-tab='${tab}']`);
  await page.waitForSelector(`main[data-view='${tab}']`);
}

/** The row count the visible table reports for its filter. */
export async function rowCount(page: Page, table?: string): Promise<number> {
  const scope = table ? `[data-table='${table}'] ` : "";
  const text = await page.locator(`${scope}[data-testid=row-count]`).first().innerText();
  return Number(text.replace(/\D+/g, ""));
}

/** Texts of one column over the rendered rows of a table, top to bottom. */
export async function column(page: Page, table: string, key: string): Promise<string[]> {
  return await page.locator(`[data-table='${table}'] .tr .c-${key}`).allInnerTexts();
}

/** Texts of the rendered rows of a table, each as { column key: text } (inputs give their value). */
export async function rows(page: Page, table: string): Promise<Record<string, string>[]> {
  return await page.locator(`[data-table='${table}'] .tr`).evaluateAll((trs) =>
    trs.map((tr) => {
      const r: Record<string, string> = {};
      for (const td of Array.from(tr.children)) {
        const key = Array.from(td.classList).find((c) => c.startsWith("c-"))?.slice(2) ?? "";
        const input = td.querySelector("input");
        r[key] = input ? input.value : (td as HTMLElement).innerText;
      }
      return r;
    })
  );
}

export async function setFilter(page: Page, table: string, text: string): Promise<void> {
  const input = page.locator(`[data-table='${table}'] input.filter-input`);
  await input.fill(text);
  await input.press("Escape");
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await Deno.mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png` });
}

/** `netpix analyze FILE --format json [extra]`: the oracle for every statistic the page shows. */
export async function analyze(file: string, extra: string[] = []): Promise<AnalysisReport> {
  const r = await runCli(["analyze", file, "--format", "json", ...extra], { timeoutMs: 60_000 });
  if (r.code !== 0) throw new Error(`netpix analyze failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as AnalysisReport;
}

/** tshark's field lines for a display filter (one line per frame). */
export async function tshark(file: string, args: string[]): Promise<string[]> {
  const out = await sh("tshark", ["-r", file, ...args]);
  return out.split("\n").filter((l) => l !== "");
}

/** RFC 4180 records of a CSV document (quoted fields may hold commas and line breaks). */
export function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') field += text[++i];
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(field), field = "";
    else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field), out.push(row), row = [], field = "", i++;
    } else field += c;
  }
  return out;
}

/** Clicks `button` and returns the downloaded file's bytes and suggested name. */
export async function downloadFrom(page: Page, button: string): Promise<{ name: string; bytes: Uint8Array }> {
  const [dl] = await Promise.all([page.waitForEvent("download"), page.click(button)]);
  const path = await dl.path();
  return { name: dl.suggestedFilename(), bytes: await Deno.readFile(path) };
}

/** Options every UI test uses: the page and its server are child processes, so op/resource sanitizers are off. */
export const UI_TEST = { sanitizeOps: false, sanitizeResources: false } as const;
