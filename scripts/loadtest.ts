/**
 * The load harness (issue 4 section 3): `scripts/loadtest SCENARIO [options]` runs netpix against our own UDP sender
 * on `lo` and N real WebSocket clients in separate processes, then prints a summary and writes a JSON report.
 * Scenarios and options: scripts/load/scenarios.ts. Exit codes: 0 done, 1 runtime failure, 2 usage, 3 a basic check
 * failed (unexplained gaps, duplicates, a client that never got a packet, …).
 * @module
 */

import { dirname, isAbsolute, join } from "node:path";
import {
  type LoadOptions,
  parseLoadArgs,
  reproduceCommand,
  type Scenario,
  SCENARIOS,
  UsageError,
} from "./load/scenarios.ts";
import { type RunConfig, runLoad, type RunResult } from "./load/run.ts";
import { clientRows, formatRun, type RunSummary, summarize } from "./load/report.ts";
import { formatFormula, type FormulaRow, formulaRow } from "./load/formula.ts";
import { ROOT, supportsFlag } from "./load/netpix_process.ts";

const HELP = `Usage: scripts/loadtest SCENARIO [options]

Scenarios (issue 4 section 3):
  throughput       100 fast clients, 10,000 packets/s
  isolation        throughput plus 50 stalled clients
  memory           server defaults, the ring filled first, 100 stalled clients, 1,458-byte payloads
  soak             600 s at 5,000 packets/s: 10 fast, 2 slow, 2 stalled, 10 clients connecting and leaving
  latency-formula  per (interval, batch, rate) combo, with --adaptive-batching off and on when the server has it

Options (override the scenario's values):
  --clients N        fast clients            --stalled N        stalled clients
  --slow N           slow clients            --slow-rate R      packets/s a slow client reads (1000)
  --churn N          churning clients        --churn-mean S     their mean session length (3 s)
  --rate R           packets/s sent          --size B           UDP payload bytes (28..65507)
  --duration S       measurement window      --warmup S         excluded time before it
  --sample-every S   /proc sampling period   --procs N          client processes (clients/25, at most 4)
  --combos M:B:R,..  latency-formula points  --adaptive off,on  latency-formula modes
  --netpix-args "…"  extra 'netpix run' flags, e.g. "-B 10 --compression off"
  --netpix-bin PATH  run this netpix executable instead of 'deno run -A main.ts'
  --out PATH         JSON report (bench-out/loadtest-SCENARIO.json)

Needs root (live capture on lo). Exit: 0 done, 1 failure, 2 usage, 3 a basic check failed.`;

const log = (line: string) => console.error(`[loadtest] ${line}`);

function outPath(o: LoadOptions): string {
  const given = Deno.args.includes("--out") || Deno.args.some((a) => a.startsWith("--out="));
  return isAbsolute(o.out) ? o.out : given ? join(Deno.cwd(), o.out) : join(ROOT, o.out);
}

/** The raw run without the clients' accounts (the rows carry their figures) and with the latency buckets dropped. */
function rawRun(r: RunResult): Omit<RunResult, "clients"> {
  const { clients: _, ...rest } = r;
  return rest;
}

async function single(o: LoadOptions): Promise<{ report: unknown; ok: boolean }> {
  const r = await runLoad(o.run, log);
  const rows = clientRows(r);
  const s = summarize(r, rows);
  console.log(`== loadtest ${o.scenario}`);
  console.log(formatRun(o.run, r, rows, s));
  return { report: { summary: s, clients: rows, run: rawRun(r) }, ok: s.checks.every((c) => c.ok) };
}

async function latencyFormula(o: LoadOptions): Promise<{ report: unknown; ok: boolean }> {
  const hasFlag = await supportsFlag(o.run.netpixBin, "--adaptive-batching");
  if (!hasFlag) log("this netpix has no --adaptive-batching: each combo runs once, without the flag");
  const modes: FormulaRow["adaptive"][] = hasFlag ? o.adaptive : ["flag not supported"];
  const runs: Array<{ row: FormulaRow; summary: RunSummary; clients: unknown; run: unknown }> = [];
  let ok = true;
  for (const combo of o.combos) {
    for (const mode of modes) {
      const cfg: RunConfig = {
        ...o.run,
        rate: combo.rate,
        netpixArgs: [
          ...o.run.netpixArgs,
          "-m",
          String(combo.intervalMs),
          "-B",
          String(combo.batch),
          ...(mode === "on" || mode === "off" ? ["--adaptive-batching", mode] : []),
        ],
      };
      log(`combo interval ${combo.intervalMs} ms, batch ${combo.batch}, ${combo.rate} packets/s, adaptive ${mode}`);
      const r = await runLoad(cfg, log);
      const rows = clientRows(r);
      const s = summarize(r, rows);
      console.log(
        `== latency-formula: -m ${combo.intervalMs} -B ${combo.batch}, ${combo.rate} pkt/s, adaptive ${mode}`,
      );
      console.log(formatRun(cfg, r, rows, s));
      const row = formulaRow(combo, mode, r);
      runs.push({ row, summary: s, clients: rows, run: rawRun(r) });
      ok &&= s.checks.every((c) => c.ok);
    }
  }
  const rows = runs.map((x) => x.row);
  console.log("== the seed's formula: interval + queue_depth / batch × interval, against measurement");
  console.log(formatFormula(rows));
  return { report: { formula: rows, runs }, ok };
}

if (import.meta.main) {
  if (Deno.args.includes("-h") || Deno.args.includes("--help")) {
    console.log(HELP);
    Deno.exit(0);
  }
  let o: LoadOptions;
  try {
    o = parseLoadArgs(Deno.args);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`loadtest: ${e.message} (see scripts/loadtest --help)`);
    Deno.exit(2);
  }
  const command = reproduceCommand(o);
  const out = outPath(o);
  try {
    const startedAt = new Date().toISOString();
    log(`reproduce with: ${command}`);
    const { report, ok } = o.scenario === "latency-formula" ? await latencyFormula(o) : await single(o);
    await Deno.mkdir(dirname(out), { recursive: true });
    const full = { scenario: o.scenario as Scenario, command, startedAt, config: o.run, ...report as object };
    await Deno.writeTextFile(out, JSON.stringify(full, null, 2) + "\n");
    console.log(`reproduce: ${command}`);
    console.log(`report: ${out}`);
    Deno.exit(ok ? 0 : 3);
  } catch (e) {
    console.error(`loadtest: ${(e as Error).message.split("\n")[0]}`);
    Deno.exit(1);
  }
}

export { SCENARIOS };
