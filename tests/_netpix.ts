/**
 * Test helper: runs netpix from source as a child process, the way a user does, and waits for it to serve.
 * @module
 */

import { NETPIX_PERMISSIONS } from "../src/permissions.ts";
import { spawnUntilBanner } from "./_banner_child.ts";

export const ROOT = new URL("../", import.meta.url);
export const ROOT_PATH = ROOT.pathname;
export const MAIN = new URL("main.ts", ROOT).pathname;
export const DEMO_PCAP = new URL("tests/testdata/demo.pcap", ROOT).pathname;
export const RUN_PERMISSIONS = NETPIX_PERMISSIONS;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `netpix <args>` to completion (for commands that exit by themselves). */
export async function runCli(
  args: string[],
  opts: { env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<CliResult> {
  const cmd = new Deno.Command(Deno.execPath(), {
    args: ["run", ...RUN_PERMISSIONS, MAIN, ...args],
    stdout: "piped",
    stderr: "piped",
    stdin: "null",
    env: opts.env ?? {},
    signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
  });
  const out = await cmd.output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

export interface RunningNetpix {
  url: string;
  port: number;
  /** What followed the URL's path on the banner line, e.g. "?token=…" when netpix generated a token. */
  query: string;
  pid: number;
  stderr: () => string;
  stop: () => Promise<number>;
}

/** Starts `deno run … main.ts run <args> -p 0` and resolves once it prints its URL. */
export async function startNetpix(args: string[], timeoutMs = 30_000): Promise<RunningNetpix> {
  const child = await spawnUntilBanner(
    Deno.execPath(),
    ["run", ...RUN_PERMISSIONS, MAIN, "run", "-p", "0", ...args],
    /Netpix running on (https?:\/\/[^\s]+?:(\d+))\/(\S*)/,
    { timeoutMs, failure: (stdout, stderr) => `netpix did not start: stdout=${stdout} stderr=${stderr}` },
  );
  const { match } = child;
  return {
    url: match[1]!,
    port: Number(match[2]),
    query: match[3]!,
    pid: child.pid,
    stderr: child.stderr,
    stop: child.stop,
  };
}

/** Runs a command to completion and returns its stdout; throws with stderr on failure. */
export async function sh(cmd: string, args: string[]): Promise<string> {
  const out = await new Deno.Command(cmd, { args, stdout: "piped", stderr: "piped" }).output();
  const dec = new TextDecoder();
  if (!out.success) throw new Error(`${cmd} ${args.join(" ")} failed: ${dec.decode(out.stderr)}`);
  return dec.decode(out.stdout);
}
