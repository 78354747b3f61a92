/**
 * Starts netpix for a load run, from source (`deno run -A main.ts run …`) or from a given executable
 * (`BIN run …`), waits for its "Netpix running on URL" line, and stops it by its own pid.
 * @module
 */

import { spawnUntilBanner } from "../../tests/_banner_child.ts";

export const ROOT = new URL("../../", import.meta.url).pathname;
const MAIN = `${ROOT}main.ts`;
/** Bytes of netpix's stderr kept for the report (its logs are rate-limited summaries, but runs are long). */
const STDERR_TAIL = 32 << 10;

export interface NetpixProcess {
  url: string;
  pid: number;
  /** The command as a shell line, for the report. */
  commandLine: string;
  stderrTail: () => string;
  /** SIGTERM, then SIGKILL after 10 s; resolves to the exit code. */
  stop: () => Promise<number>;
}

/** How `netpix run ARGS` is started: the executable and the arguments before `run`. */
export function netpixCommand(bin: string | null): { cmd: string; pre: string[] } {
  return bin ? { cmd: bin, pre: [] } : { cmd: Deno.execPath(), pre: ["run", "-A", MAIN] };
}

export function shellQuote(args: string[]): string {
  return args.map((a) => /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replaceAll("'", `'\\''`)}'`).join(" ");
}

/** Whether `netpix run --help` lists `flag` (so the harness passes optional server flags only when they exist). */
export async function supportsFlag(bin: string | null, flag: string): Promise<boolean> {
  const { cmd, pre } = netpixCommand(bin);
  const out = await new Deno.Command(cmd, { args: [...pre, "run", "--help"], stdout: "piped", stderr: "piped" })
    .output();
  const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
  return text.includes(flag);
}

export async function startNetpix(bin: string | null, runArgs: string[], timeoutMs = 60_000): Promise<NetpixProcess> {
  const { cmd, pre } = netpixCommand(bin);
  const args = [...pre, "run", ...runArgs];
  const child = await spawnUntilBanner(cmd, args, /Netpix running on (http:\/\/\S+?:\d+)\//, {
    timeoutMs,
    cwd: ROOT,
    stderrLimit: STDERR_TAIL,
    failure: (_stdout, stderr) =>
      `netpix did not start (${cmd} ${args.join(" ")}): ${stderr.trim().split("\n").slice(-5).join(" | ")}`,
  });
  return {
    url: child.match[1]!,
    pid: child.pid,
    commandLine: shellQuote([bin ?? "deno", ...(bin ? [] : ["run", "-A", "main.ts"]), "run", ...runArgs]),
    stderrTail: () => child.stderr().slice(-STDERR_TAIL),
    stop: child.stop,
  };
}
