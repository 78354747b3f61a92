/**
 * Test and harness helper: starts a server process, waits for the stdout line that says it serves (e.g. "Netpix
 * running on URL"), keeps both pipes drained from then on, and stops it by its own pid.
 * @module
 */

export interface BannerChild {
  /** The banner pattern's match on stdout. */
  match: RegExpMatchArray;
  pid: number;
  /** stderr so far (its last `stderrLimit` characters at least, when bounded). */
  stderr: () => string;
  /** SIGTERM, then SIGKILL after 10 s; resolves to the exit code once both pipes are drained. */
  stop: () => Promise<number>;
}

export interface BannerOptions {
  timeoutMs: number;
  cwd?: string;
  /** The child's whole environment (nothing inherited); it inherits this process's when absent. */
  env?: Record<string, string>;
  /** Keep about this many characters of stderr (for long runs); all of it when absent. */
  stderrLimit?: number;
  /** The message thrown when the process ends or the time runs out before the banner, from its output so far. */
  failure: (stdout: string, stderr: string) => string;
}

function kill(child: Deno.ChildProcess, signal: Deno.Signal): void {
  try {
    child.kill(signal);
  } catch { /* already gone */ }
}

/**
 * Spawns `cmd args` (stdin closed) and resolves once stdout matches `banner`.
 * @throws {Error} With `opts.failure`'s message when it does not within `opts.timeoutMs` (the process is killed).
 */
export async function spawnUntilBanner(
  cmd: string,
  args: string[],
  banner: RegExp,
  opts: BannerOptions,
): Promise<BannerChild> {
  const child = new Deno.Command(cmd, {
    args,
    ...(opts.cwd === undefined ? {} : { cwd: opts.cwd }),
    ...(opts.env === undefined ? {} : { env: opts.env, clearEnv: true }),
    stdout: "piped",
    stderr: "piped",
    stdin: "null",
  }).spawn();
  const dec = new TextDecoder();
  let err = "";
  const errDone = (async () => {
    const errDec = new TextDecoder();
    for await (const chunk of child.stderr) {
      err += errDec.decode(chunk, { stream: true });
      if (opts.stderrLimit !== undefined && err.length > 2 * opts.stderrLimit) err = err.slice(-opts.stderrLimit);
    }
  })();
  const reader = child.stdout.getReader();
  let out = "";
  let match: RegExpMatchArray | null = null;
  const deadline = Date.now() + opts.timeoutMs;
  while (!match) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<null>((r) => timer = setTimeout(() => r(null), Math.max(0, deadline - Date.now())));
    const next = await Promise.race([reader.read(), timeout]);
    clearTimeout(timer);
    if (next === null || next.done) {
      kill(child, "SIGKILL");
      await child.status;
      await errDone;
      throw new Error(opts.failure(out, err));
    }
    out += dec.decode(next.value, { stream: true });
    match = out.match(banner);
  }
  const drain = (async () => {
    while (!(await reader.read()).done) { /* keep the pipe flowing */ }
  })();
  return {
    match,
    pid: child.pid,
    stderr: () => err,
    stop: async () => {
      kill(child, "SIGTERM");
      const killer = setTimeout(() => kill(child, "SIGKILL"), 10_000);
      const st = await child.status;
      clearTimeout(killer);
      await Promise.all([drain, errDone]);
      return st.code;
    },
  };
}
