/**
 * The UI's static files. `index.html` and `style.css` are read from `src/ui/`, `app.js` from the bundle that
 * `deno task build:ui` writes to `dist/`. They are read once at startup and kept in memory; `deno compile` embeds
 * the same paths with `--include`.
 * @module
 */

export interface Asset {
  body: Uint8Array<ArrayBuffer>;
  type: string;
}

const FILES: Record<string, [URL, string]> = {
  "/": [new URL("../ui/index.html", import.meta.url), "text/html; charset=utf-8"],
  "/style.css": [new URL("../ui/style.css", import.meta.url), "text/css; charset=utf-8"],
  "/app.js": [new URL("../../dist/app.js", import.meta.url), "text/javascript; charset=utf-8"],
};

/** Loads every asset; a missing one is reported, not fatal, so the API and WebSocket still work. */
export async function loadAssets(): Promise<{ assets: Map<string, Asset>; missing: string[] }> {
  const assets = new Map<string, Asset>();
  const missing: string[] = [];
  for (const [path, [url, type]] of Object.entries(FILES)) {
    try {
      assets.set(path, { body: await Deno.readFile(url), type });
    } catch {
      missing.push(url.pathname);
    }
  }
  return { assets, missing };
}
