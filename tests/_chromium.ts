/**
 * How netpix's tests and scripts start Debian's Chromium through playwright-core.
 * @module
 */

/** The browser binary; `NETPIX_CHROMIUM` overrides it. */
export const CHROMIUM: string = Deno.env.get("NETPIX_CHROMIUM") ?? "/usr/bin/chromium";

/** The flags our machines need: root (no sandbox), no GPU, and no background calls to the closed network. */
export const CHROMIUM_ARGS: readonly string[] = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
