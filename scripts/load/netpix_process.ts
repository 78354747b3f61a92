/**
 * Starts netpix for a load run, from source (`deno run -A main.ts run …`) or from a given executable
 * (`BIN run …`), waits for its "Netpix running on URL" line, and stops it by its own pid.
 * @module
 */

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
  const child = new Deno.Command(cmd, { args, cwd: ROOT, stdout: "piped", stderr: "piped", stdin: "null" }).spawn();
  const dec = new TextDecoder();
  let err = "";
  const errDone = (async () => {
    for await (const chunk of child.stderr) {
      err += dec.decode(chunk, { stream: true });
      if (err.length > 2 * STDERR_TAIL) err = err.slice(-STDERR_TAIL);
    }
  })();
  const reader = child.stdout.getReader();
  let out = "";
  let url: string | null = null;
  const deadline = Date.now() + timeoutMs;
  while (url === null) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<null>((r) => timer = setTimeout(() => r(null), Math.max(0, deadline - Date.now())));
    const next = await Promise.race([reader.read(), timeout]);
    clearTimeout(timer);
    if (next === null || next.done) {
      try {
        child.kill("SIGKILL");
      } catch { /* already gone */ }
      await child.status;
      await errDone;
      throw new Error(
        `netpix did not start (${cmd} ${args.join(" ")}): ${err.trim().split("\n").slice(-5).join(" | ")}`,
      );
    }
    out += dec.decode(next.value, { stream: true });
    url = out.match(/Netpix running on (http:\/\/\S+?:\d+)\//)?.[1] ?? null;
  }
  const drain = (async () => {
    while (!(await reader.read()).done) { /* keep the pipe flowing */ }
  })();
  return {
    url,
    pid: child.pid,
    commandLine: shellQuote([bin ?? "deno", ...(bin ? [] : ["run", "-A", "main.ts"]), "run", ...runArgs]),
    stderrTail: () => err.slice(-STDERR_TAIL),
    stop: async () => {
      try {
        child.kill("SIGTERM");
      } catch { /* already gone */ }
      const killer = setTimeout(() => {
        try {
          child.kill("SIGKILL");
        } catch { /* already gone */ }
      }, 10_000);
      const st = await child.status;
      clearTimeout(killer);
      await Promise.all([drain, errDone]);
      return st.code;
    },
  };
}
