/**
 * The named load scenarios of issue 4 section 3 (runs 1–5) and the command line that picks and adjusts them.
 *
 *     scripts/loadtest SCENARIO [--clients N] [--stalled N] [--slow N] [--slow-rate R] [--churn N] [--churn-mean S]
 *                      [--rate R] [--size B] [--duration S] [--warmup S] [--sample-every S] [--procs N]
 *                      [--combos M:B:RATE,...] [--adaptive off,on] [--netpix-args "..."] [--netpix-bin PATH] [--out PATH]
 * @module
 */

import { parseArgs } from "node:util";
import type { RunConfig } from "./run.ts";
import { MIN_PAYLOAD } from "./udp_sender.ts";

export const SCENARIOS = ["throughput", "isolation", "memory", "soak", "latency-formula"] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** One (message interval, batch size, packet rate) point of the latency-formula scenario. */
export interface Combo {
  intervalMs: number;
  batch: number;
  rate: number;
}

export interface LoadOptions {
  scenario: Scenario;
  run: RunConfig;
  /** latency-formula only. */
  combos: Combo[];
  /** latency-formula only: the `--adaptive-batching` values to run each combo with (when the server has the flag). */
  adaptive: Array<"on" | "off">;
  out: string;
}

/** A usage mistake: printed on one line, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

const BASE: Omit<RunConfig, "rate" | "size" | "duration" | "warmup" | "clients"> = {
  slowRate: 1000,
  churnMeanMs: 3000,
  netpixArgs: [],
  netpixBin: null,
  fillBuffer: false,
  sampleEvery: 5,
  procs: 0,
  pollMetrics: false,
};

/** 1,500-byte Ethernet frames on `lo`: the seed's memory formula assumes 1.5 KB packets. */
const FULL_FRAME_PAYLOAD = 1500 - 14 - 20 - 8;

/** The issue's parameters for each run. */
export function preset(s: Scenario): Omit<RunConfig, "procs"> & { procs: number } {
  const none = { fast: 0, slow: 0, stalled: 0, churn: 0 };
  switch (s) {
    case "throughput": // run 1: 100 fast clients × 10,000 packets/s
      return { ...BASE, rate: 10_000, size: 200, duration: 30, warmup: 5, clients: { ...none, fast: 100 } };
    case "isolation": // run 2: run 1 plus 50 stalled clients
      return {
        ...BASE,
        rate: 10_000,
        size: 200,
        duration: 30,
        warmup: 5,
        clients: { ...none, fast: 100, stalled: 50 },
        // 150 clients: raise --max-clients (default 100) so the stalled ones are admitted, not refused with 1013.
        netpixArgs: ["-C", "150"],
      };
    case "memory": // run 3: server defaults, the ring filled first, 100 stalled clients
      return {
        ...BASE,
        rate: 10_000,
        size: FULL_FRAME_PAYLOAD,
        duration: 20,
        warmup: 5,
        fillBuffer: true,
        sampleEvery: 1,
        clients: { ...none, stalled: 100 },
      };
    case "soak": // run 4: 10 minutes at 5,000 packets/s, clients coming and going
      return {
        ...BASE,
        rate: 5000,
        size: 200,
        duration: 600,
        warmup: 30,
        clients: { fast: 10, slow: 2, stalled: 2, churn: 10 },
      };
    case "latency-formula": // run 5: per combo, a few fast clients
      return { ...BASE, rate: 0, size: 200, duration: 10, warmup: 3, pollMetrics: true, clients: { ...none, fast: 5 } };
  }
}

/** (interval ms, batch, rate): the seed's example and configurations, below and above the fixed-batch capacity. */
export const DEFAULT_COMBOS: Combo[] = [
  { intervalMs: 5, batch: 10, rate: 1000 },
  { intervalMs: 5, batch: 10, rate: 5000 },
  { intervalMs: 2, batch: 5, rate: 2000 },
  { intervalMs: 10, batch: 20, rate: 10_000 },
];

/** Splits a string into arguments as a shell would for plain words and '…'/"…" quotes (no escapes, no expansion). */
export function splitArgs(text: string): string[] {
  const out: string[] = [];
  const re = /'([^']*)'|"([^"]*)"|(\S+)/g;
  let cur: string | null = null;
  let lastEnd = -1;
  for (const m of text.matchAll(re)) {
    const piece = m[1] ?? m[2] ?? m[3]!;
    if (cur !== null && m.index === lastEnd) cur += piece;
    else {
      if (cur !== null) out.push(cur);
      cur = piece;
    }
    lastEnd = m.index + m[0].length;
  }
  if (cur !== null) out.push(cur);
  return out;
}

function num(name: string, v: string | undefined, min: number, integer = true): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < min || (integer && !Number.isInteger(n))) {
    throw new UsageError(`option '--${name}' needs ${integer ? "a whole number" : "a number"} ≥ ${min}, not '${v}'`);
  }
  return n;
}

export function parseCombos(text: string): Combo[] {
  return text.split(",").map((c) => {
    const [m, b, r] = c.split(":").map(Number);
    if (!(m! > 0) || !Number.isInteger(b) || b! < 1 || !(r! > 0)) {
      throw new UsageError(`option '--combos' needs INTERVAL_MS:BATCH:RATE items, not '${c}'`);
    }
    return { intervalMs: m!, batch: b!, rate: r! };
  });
}

/** `--netpix-args "-B 10"`: the value starts with a dash, which parseArgs would take for an option; glue it on. */
function glueNetpixArgs(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--netpix-args" && i + 1 < argv.length) out.push(`--netpix-args=${argv[++i]}`);
    else out.push(argv[i]!);
  }
  return out;
}

export function parseLoadArgs(argv: string[]): LoadOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: glueNetpixArgs(argv),
      allowPositionals: true,
      strict: true,
      options: {
        clients: { type: "string" },
        stalled: { type: "string" },
        slow: { type: "string" },
        "slow-rate": { type: "string" },
        churn: { type: "string" },
        "churn-mean": { type: "string" },
        rate: { type: "string" },
        size: { type: "string" },
        duration: { type: "string" },
        warmup: { type: "string" },
        "sample-every": { type: "string" },
        procs: { type: "string" },
        combos: { type: "string" },
        adaptive: { type: "string" },
        "netpix-args": { type: "string" },
        "netpix-bin": { type: "string" },
        out: { type: "string" },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message.split("\n")[0]!);
  }
  const { values: v, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError(`give one scenario: ${SCENARIOS.join(", ")}`);
  const scenario = positionals[0] as Scenario;
  if (!SCENARIOS.includes(scenario)) {
    throw new UsageError(`unknown scenario '${positionals[0]}' (one of ${SCENARIOS.join(", ")})`);
  }
  const run = preset(scenario);
  run.clients.fast = num("clients", v.clients, 0) ?? run.clients.fast;
  run.clients.stalled = num("stalled", v.stalled, 0) ?? run.clients.stalled;
  run.clients.slow = num("slow", v.slow, 0) ?? run.clients.slow;
  run.clients.churn = num("churn", v.churn, 0) ?? run.clients.churn;
  run.slowRate = num("slow-rate", v["slow-rate"], 1, false) ?? run.slowRate;
  run.churnMeanMs = (num("churn-mean", v["churn-mean"], 0.1, false) ?? run.churnMeanMs / 1000) * 1000;
  run.rate = num("rate", v.rate, 1, false) ?? run.rate;
  run.size = num("size", v.size, MIN_PAYLOAD) ?? run.size;
  if (run.size > 65507) throw new UsageError(`option '--size' needs at most 65507 bytes (one UDP datagram)`);
  run.duration = num("duration", v.duration, 1, false) ?? run.duration;
  run.warmup = num("warmup", v.warmup, 0, false) ?? run.warmup;
  run.sampleEvery = num("sample-every", v["sample-every"], 0.2, false) ?? run.sampleEvery;
  const total = run.clients.fast + run.clients.slow + run.clients.stalled + run.clients.churn;
  if (total === 0) throw new UsageError("no clients: give --clients, --slow, --stalled or --churn");
  run.procs = num("procs", v.procs, 1) ?? Math.min(4, Math.ceil(total / 25));
  // Given flags come after the preset's, so they win (netpix takes the last value of a flag).
  if (v["netpix-args"] !== undefined) run.netpixArgs = [...run.netpixArgs, ...splitArgs(v["netpix-args"])];
  run.netpixBin = v["netpix-bin"] ?? null;
  const combos = scenario === "latency-formula" ? (v.combos ? parseCombos(v.combos) : DEFAULT_COMBOS) : [];
  if (scenario !== "latency-formula" && (v.combos !== undefined || v.adaptive !== undefined)) {
    throw new UsageError("options '--combos' and '--adaptive' belong to the latency-formula scenario");
  }
  if (scenario === "latency-formula" && v.rate !== undefined) {
    throw new UsageError("latency-formula takes its rates from '--combos' (INTERVAL_MS:BATCH:RATE,...)");
  }
  const adaptive = (v.adaptive ?? "off,on").split(",").map((a) => {
    if (a !== "on" && a !== "off") {
      throw new UsageError(`option '--adaptive' needs 'off', 'on' or 'off,on', not '${a}'`);
    }
    return a;
  });
  return { scenario, run, combos, adaptive, out: v.out ?? `bench-out/loadtest-${scenario}.json` };
}

/** The command line that reproduces a run, every parameter spelled out. */
export function reproduceCommand(o: LoadOptions): string {
  const r = o.run;
  const q = (s: string) => /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`;
  const parts = [
    "scripts/loadtest",
    o.scenario,
    `--clients ${r.clients.fast}`,
    `--slow ${r.clients.slow}`,
    `--slow-rate ${r.slowRate}`,
    `--stalled ${r.clients.stalled}`,
    `--churn ${r.clients.churn}`,
    `--churn-mean ${r.churnMeanMs / 1000}`,
  ];
  if (o.scenario === "latency-formula") {
    parts.push(`--combos ${o.combos.map((c) => `${c.intervalMs}:${c.batch}:${c.rate}`).join(",")}`);
    parts.push(`--adaptive ${o.adaptive.join(",")}`);
  } else parts.push(`--rate ${r.rate}`);
  parts.push(
    `--size ${r.size}`,
    `--duration ${r.duration}`,
    `--warmup ${r.warmup}`,
    `--sample-every ${r.sampleEvery}`,
    `--procs ${r.procs}`,
  );
  if (r.netpixArgs.length) parts.push(`--netpix-args ${q(r.netpixArgs.map(q).join(" "))}`);
  if (r.netpixBin) parts.push(`--netpix-bin ${q(r.netpixBin)}`);
  parts.push(`--out ${q(o.out)}`);
  return parts.join(" ");
}
