/**
 * One load-generating process: runs a set of WebSocket clients against netpix, apart from the server's process, and
 * reports what each received. Driven by scripts/load/run.ts over stdin/stdout, one JSON object per line:
 *
 * - argument 1: a {@linkcode WorkerConfig};
 * - out `{"event":"ready","selected":N,"failed":N}` once every client has selected its source (or failed);
 * - in `{"cmd":"window","fromMs":…,"toMs":…}`: the measurement window (wall clock); the clients stop at `toMs`
 *   (stalled ones drain first);
 * - out `{"event":"result","clients":[…]}`, then the process exits.
 * @module
 */

import { ChurnClient, type ClientSpec, FastClient, type LoadClient, SlowClient, StalledClient } from "./clients.ts";
import type { Window } from "./stream_account.ts";
import { streamLines } from "./lines.ts";

export interface WorkerConfig {
  /** netpix's base URL, `http://host:port`. */
  url: string;
  /** Source id to select; null picks the first live interface. */
  source: number | null;
  clients: ClientSpec[];
  /** Mean session length of churn clients. */
  churnMeanMs: number;
  /** Clients connecting at once. */
  connectConcurrency: number;
}

function emit(value: unknown): void {
  console.log(JSON.stringify(value));
}

async function readCommands(onLine: (v: Record<string, unknown>) => void): Promise<void> {
  for await (const line of streamLines(Deno.stdin.readable)) if (line) onLine(JSON.parse(line));
}

if (import.meta.main) {
  const config = JSON.parse(Deno.args[0] ?? "{}") as WorkerConfig;
  const window: Window = { fromMs: Infinity, toMs: Infinity };
  const wsUrl = config.url.replace(/^http/, "ws") + "/ws";
  const clients: LoadClient[] = config.clients.map((spec) => {
    switch (spec.kind) {
      case "fast":
        return new FastClient(spec, wsUrl, config.source, window);
      case "slow":
        return new SlowClient(spec, wsUrl, config.source, window);
      case "stalled":
        return new StalledClient(spec, wsUrl, config.source, window);
      case "churn":
        return new ChurnClient(spec, wsUrl, config.source, window, config.churnMeanMs);
    }
  });
  let windowSet: () => void = () => {};
  const windowKnown = new Promise<void>((r) => windowSet = r);
  void readCommands((cmd) => {
    if (cmd.cmd === "window") {
      window.fromMs = Number(cmd.fromMs);
      window.toMs = Number(cmd.toMs);
      windowSet();
    }
  });
  const endAt = () => window.toMs;
  const runs: Promise<void>[] = [];
  for (let i = 0; i < clients.length; i += config.connectConcurrency) {
    const group = clients.slice(i, i + config.connectConcurrency);
    for (const c of group) runs.push(c.run(endAt));
    await Promise.all(group.map((c) => c.ready));
  }
  const failed = clients.filter((c) => c.acc.selected === null && c.sessions <= 1).length;
  emit({ event: "ready", selected: clients.length - failed, failed });
  await windowKnown;
  await Promise.all(runs);
  emit({ event: "result", clients: clients.map((c) => c.result()) });
  Deno.exit(0);
}
