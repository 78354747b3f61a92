/**
 * A child Deno process of the harness (UDP sender, client worker) that talks in JSON lines: its stdout is parsed line
 * by line, `waitFor` resolves on the first object with a given `event`, and `send` writes a line to its stdin.
 * @module
 */

import { streamLines } from "./lines.ts";

export class JsonLinesChild {
  readonly child: Deno.ChildProcess;
  readonly #events: Record<string, unknown>[] = [];
  #waiters: Array<() => void> = [];
  #stderr = "";
  #exited = false;
  readonly #writer: WritableStreamDefaultWriter<Uint8Array>;

  constructor(args: string[], cwd: string) {
    this.child = new Deno.Command(Deno.execPath(), { args, cwd, stdin: "piped", stdout: "piped", stderr: "piped" })
      .spawn();
    this.#writer = this.child.stdin.getWriter();
    void this.#readLines();
    void this.#readStderr();
    void this.child.status.then(() => {
      this.#exited = true;
      this.#wake();
    });
  }

  get pid(): number {
    return this.child.pid;
  }

  get stderr(): string {
    return this.#stderr;
  }

  async #readStderr(): Promise<void> {
    const dec = new TextDecoder();
    for await (const c of this.child.stderr) {
      this.#stderr += dec.decode(c, { stream: true });
      if (this.#stderr.length > 64 << 10) this.#stderr = this.#stderr.slice(-(32 << 10));
    }
  }

  async #readLines(): Promise<void> {
    for await (const line of streamLines(this.child.stdout)) {
      if (!line.startsWith("{")) continue;
      try {
        this.#events.push(JSON.parse(line));
      } catch { /* not ours */ }
      this.#wake();
    }
  }

  #wake(): void {
    const w = this.#waiters;
    this.#waiters = [];
    for (const f of w) f();
  }

  /** The first line with `event`; throws when the process exits first or `timeoutMs` passes. */
  async waitFor(event: string, timeoutMs: number): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    while (true) {
      const found = this.#events.find((e) => e.event === event);
      if (found) return found;
      if (this.#exited) throw new Error(`process ${this.pid} exited before '${event}': ${this.#stderr.trim()}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`process ${this.pid} sent no '${event}' within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 500));
        this.#waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  async send(value: unknown): Promise<void> {
    await this.#writer.write(new TextEncoder().encode(JSON.stringify(value) + "\n"));
  }

  /** Sends `signal` to this process (by its pid) unless it has exited. */
  kill(signal: Deno.Signal = "SIGTERM"): void {
    if (this.#exited) return;
    try {
      this.child.kill(signal);
    } catch { /* already gone */ }
  }

  async close(): Promise<void> {
    await this.#writer.close().catch(() => {});
    this.kill("SIGKILL");
    await this.child.status;
  }
}
