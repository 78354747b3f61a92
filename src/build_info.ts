/**
 * Build information beside {@linkcode VERSION}: the git commit, and whether this process is the compiled executable.
 *
 * `deno task compile` (scripts/compile.ts) writes `dist/build-info.json` and embeds it, with the UI and the capture
 * library, in `dist/netpix`. The compiled executable reads the commit from it; a run from source asks `git`; anything
 * else says "unknown".
 * @module
 */

import { VERSION } from "./version.ts";

export { VERSION };

/** What scripts/compile.ts records at build time (`dist/build-info.json`). */
export interface BuildInfo {
  version: string;
  /** `git rev-parse --short=12 HEAD`, with "-dirty" when tracked files had changes; "unknown" without git. */
  commit: string;
  /** SHA-256 (hex) of the embedded capture library, checked before it is loaded. */
  captureLibrarySha256: string;
  /** The library's path relative to the project root, as embedded. */
  captureLibraryPath: string;
}

/** Where the build info sits, relative to this module, in the tree and in the executable. */
export const BUILD_INFO_URL = new URL("../dist/build-info.json", import.meta.url);
/** The project root, in the tree and in the executable's embedded file system. */
export const ROOT_URL = new URL("../", import.meta.url);

function envGranted(name: string): string | undefined {
  return Deno.permissions.querySync({ name: "env", variable: name }).state === "granted"
    ? Deno.env.get(name)
    : undefined;
}

/**
 * Whether this process runs as the compiled executable, with its files embedded. `NETPIX_EMBEDDED=1` takes the same
 * code path from a copy of the executable's contents, which is how tests exercise it without a Deno runtime build.
 */
export function isEmbedded(): boolean {
  return Deno.build.standalone || envGranted("NETPIX_EMBEDDED") === "1";
}

function isBuildInfo(v: unknown): v is BuildInfo {
  if (typeof v !== "object" || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o.version === "string" && typeof o.commit === "string" &&
    typeof o.captureLibrarySha256 === "string" && /^[0-9a-f]{64}$/.test(o.captureLibrarySha256) &&
    typeof o.captureLibraryPath === "string";
}

let embedded: BuildInfo | undefined;

/**
 * The build info embedded in the executable.
 * @returns It, read once.
 * @throws {Error} When it is missing or malformed (a broken build).
 */
export function embeddedBuildInfo(): BuildInfo {
  if (embedded) return embedded;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Deno.readTextFileSync(BUILD_INFO_URL));
  } catch (e) {
    throw new Error(`Cannot read the embedded build info ${BUILD_INFO_URL.pathname}: ${(e as Error).message}`);
  }
  if (!isBuildInfo(parsed)) throw new Error(`The embedded build info ${BUILD_INFO_URL.pathname} is malformed`);
  embedded = parsed;
  return embedded;
}

/**
 * Asks git for the commit of a source tree.
 * @param dir The tree (the project root by default).
 * @returns The short commit, "-dirty" when tracked files changed, or "unknown" without git or without the
 *   permission to run it.
 */
export function gitCommit(dir: string = ROOT_URL.pathname): string {
  if (Deno.permissions.querySync({ name: "run", command: "git" }).state !== "granted") return "unknown";
  try {
    const git = (args: string[]) =>
      new Deno.Command("git", { args: ["-C", dir, ...args], stdout: "piped", stderr: "null", stdin: "null" })
        .outputSync();
    const head = git(["rev-parse", "--short=12", "HEAD"]);
    if (!head.success) return "unknown";
    const commit = new TextDecoder().decode(head.stdout).trim();
    const status = git(["status", "--porcelain", "--untracked-files=no"]);
    return status.success && status.stdout.length > 0 ? `${commit}-dirty` : commit;
  } catch {
    return "unknown";
  }
}

/**
 * The commit this process runs: embedded at build time in the executable, from git in a source tree.
 * @returns The commit, or "unknown".
 */
export function runningCommit(): string {
  if (!isEmbedded()) return gitCommit();
  try {
    return embeddedBuildInfo().commit;
  } catch {
    return "unknown";
  }
}
