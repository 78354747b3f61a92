/**
 * Turns a {@linkcode RunResult} into the figures of issue 4 section 3: per client delivered packets/s, drops, gaps and
 * duplicates; latency over every packet of the fast clients; the server's CPU, peak RSS, open fds and RSS flatness;
 * the interesting `/metrics` counters; and the basic truths every run must show (checks).
 * @module
 */

import type { ClientKind } from "./clients.ts";
import { type LatencySummaryMs, LogHistogram } from "./histogram.ts";
import type { RunConfig, RunResult } from "./run.ts";

export interface ClientRow {
  name: string;
  kind: ClientKind;
  process: number;
  sessions: number;
  /** Live packets (replays excluded) received in the window, per second. */
  packetsPerSecond: number;
  /** Packets received in the window, replayed ones included. */
  packets: number;
  livePackets: number;
  packetsTotal: number;
  replayed: number;
  /** Packets announced as dropped, by reason, over the whole run (stalled clients: including the drain). */
  drops: Record<string, number>;
  dropsTotal: number;
  dropsInWindow: Record<string, number>;
  gaps: number;
  duplicates: number;
  lateDropNotices: number;
  invalid: number;
  /** Messages that arrived compressed. */
  deflated: number;
  latencyMs: LatencySummaryMs;
  /** Mean server-side lag in packets from the `stats` messages (null without samples). */
  meanLagPackets: number | null;
  closeCode: number | null;
  closeReason: string;
  closedAfterWindowS: number | null;
  drainedAll?: boolean;
  errors: string[];
}

export interface KindSummary {
  clients: number;
  packetsPerSecond: { mean: number; min: number; max: number };
  dropsTotal: number;
  drops: Record<string, number>;
  gaps: number;
  duplicates: number;
  lateDropNotices: number;
  sessions: number;
}

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export interface RunSummary {
  byKind: Partial<Record<ClientKind, KindSummary>>;
  /** Over every live packet of the fast clients in the window. */
  fastLatencyMs: LatencySummaryMs;
  /** The worst latency of any fast client in each second of the window, ms. */
  fastMaxLatencyPerSecondMs: number[];
  server: {
    cpuPercent: number | null;
    peakRssMb: number | null;
    rssMb: { beforeClients: number | null; start: number | null; end: number | null };
    fds: { beforeClients: number | null; start: number | null; end: number | null };
    /** RSS and fds over the window's samples; `rssFlat` when every sample is within ±10% of their mean. */
    flatness: {
      samples: number;
      rssMb: { mean: number; min: number; max: number } | null;
      rssMaxDeviationPercent: number | null;
      rssFlat: boolean | null;
      /** Least-squares trend of RSS over the window, MB per minute (a leak shows as a steady positive slope). */
      rssSlopeMbPerMinute: number | null;
      fds: { min: number; max: number; first: number; last: number } | null;
    };
  };
  captured: number | null;
  kernelDropped: number | null;
  metrics: Record<string, number>;
  checks: Check[];
}

const INTERESTING = new RegExp(
  "^netpix_(clients|clients_refused_total|messages_sent_total|bytes_sent_total|packets_sent_total|" +
    "client_dropped_packets_total|client_dropped_messages_total|stalled_client_ticks_total|client_queue_depth|" +
    "tick_seconds|source_packets_captured_total|source_buffer_packets|source_overwritten_total|" +
    "source_discharged_total|source_kernel_dropped_total)\\b|compress|saved|adaptive|batch",
);

const mb = (kb: number | null) => kb === null ? null : Math.round(kb / 102.4) / 10;
const round1 = (x: number) => Math.round(x * 10) / 10;
const sumValues = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);

export function clientRows(r: RunResult): ClientRow[] {
  const seconds = r.window.seconds;
  return r.clients.map((c) => {
    const a = c.account;
    const lag = a.lagSamples;
    const row: ClientRow = {
      name: c.name,
      kind: c.kind,
      process: c.process,
      sessions: c.sessions,
      packetsPerSecond: round1(a.livePackets / seconds),
      packets: a.packets,
      livePackets: a.livePackets,
      packetsTotal: a.packetsTotal,
      replayed: a.replayed,
      drops: a.drops,
      dropsTotal: sumValues(a.drops),
      dropsInWindow: a.dropsInWindow,
      gaps: a.gaps,
      duplicates: a.duplicates,
      lateDropNotices: a.lateDropNotices,
      invalid: a.invalid,
      deflated: a.deflated,
      latencyMs: LogHistogram.fromJSON(a.latency).summaryMs(),
      meanLagPackets: lag.length ? round1(lag.reduce((x, y) => x + y, 0) / lag.length) : null,
      closeCode: c.closeCode,
      closeReason: c.closeReason,
      closedAfterWindowS: c.closedAfterWindowS,
      errors: [...c.connectErrors, ...a.errors],
    };
    if (c.drainedAll !== undefined) row.drainedAll = c.drainedAll;
    return row;
  });
}

function kindSummary(rows: ClientRow[]): KindSummary {
  const pps = rows.map((r) => r.packetsPerSecond);
  const drops: Record<string, number> = {};
  for (const r of rows) for (const [k, v] of Object.entries(r.drops)) drops[k] = (drops[k] ?? 0) + v;
  const sum = (f: (r: ClientRow) => number) => rows.reduce((n, r) => n + f(r), 0);
  return {
    clients: rows.length,
    packetsPerSecond: {
      mean: round1(sum((r) => r.packetsPerSecond) / rows.length),
      min: Math.min(...pps),
      max: Math.max(...pps),
    },
    dropsTotal: sumValues(drops),
    drops,
    gaps: sum((r) => r.gaps),
    duplicates: sum((r) => r.duplicates),
    lateDropNotices: sum((r) => r.lateDropNotices),
    sessions: sum((r) => r.sessions),
  };
}

function flatness(r: RunResult): RunSummary["server"]["flatness"] {
  const inWindow = r.server.samples.filter((s) => s.t >= 0 && s.t <= r.window.seconds);
  const rss = inWindow.map((s) => s.rssKb).filter((x): x is number => x !== null);
  const fds = inWindow.map((s) => s.fds).filter((x): x is number => x !== null);
  const mean = rss.length ? rss.reduce((a, b) => a + b, 0) / rss.length : NaN;
  const dev = rss.length ? Math.max(...rss.map((x) => Math.abs(x - mean))) / mean * 100 : null;
  const withRss = inWindow.filter((x) => x.rssKb !== null);
  let slope: number | null = null;
  if (withRss.length >= 3) {
    const mt = withRss.reduce((n, x) => n + x.t, 0) / withRss.length;
    let num = 0, den = 0;
    for (const x of withRss) {
      num += (x.t - mt) * (x.rssKb! - mean);
      den += (x.t - mt) ** 2;
    }
    slope = den > 0 ? Math.round(num / den * 60 / 1024 * 100) / 100 : null;
  }
  return {
    samples: inWindow.length,
    rssMb: rss.length ? { mean: mb(mean)!, min: mb(Math.min(...rss))!, max: mb(Math.max(...rss))! } : null,
    rssMaxDeviationPercent: dev === null ? null : round1(dev),
    rssFlat: dev === null ? null : dev <= 10,
    rssSlopeMbPerMinute: slope,
    fds: fds.length
      ? { min: Math.min(...fds), max: Math.max(...fds), first: fds[0]!, last: fds[fds.length - 1]! }
      : null,
  };
}

/** The metric samples worth a look, by name prefix; the full scrape stays in the JSON's `metrics`. */
function interesting(metrics: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(metrics).filter(([k]) => INTERESTING.test(k.replace(/\{.*$/, ""))));
}

function metricSum(metrics: Record<string, number>, name: string, labelPart = ""): number | null {
  let n: number | null = null;
  for (const [k, v] of Object.entries(metrics)) {
    if ((k === name || k.startsWith(`${name}{`)) && k.includes(labelPart)) n = (n ?? 0) + v;
  }
  return n;
}

export function summarize(r: RunResult, rows: ClientRow[]): RunSummary {
  const byKind: RunSummary["byKind"] = {};
  for (const kind of ["fast", "slow", "stalled", "churn"] as const) {
    const k = rows.filter((x) => x.kind === kind);
    if (k.length) byKind[kind] = kindSummary(k);
  }
  const lat = new LogHistogram();
  const perSecond: number[] = [];
  for (const c of r.clients) {
    if (c.kind !== "fast") continue;
    lat.merge(LogHistogram.fromJSON(c.account.latency));
    c.account.maxLatencyPerSecondMs.forEach((v, i) => {
      while (perSecond.length <= i) perSecond.push(0);
      if (v > perSecond[i]!) perSecond[i] = v;
    });
  }
  const checks: Check[] = [];
  const check = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });
  const unselected = r.clients.filter((c) => c.sessions === 0 || (c.kind !== "churn" && c.account.selected === null));
  check(
    "every client connected and selected the source",
    unselected.length === 0,
    unselected.length
      ? unselected.map((c) => `${c.name}: ${c.connectErrors[0] ?? `close ${c.closeCode}`}`).join("; ")
      : `${r.clients.length} clients`,
  );
  const gaps = rows.reduce((n, x) => n + x.gaps, 0);
  check("no unexplained gaps (ids skipped with no dropped message)", gaps === 0, `${gaps} packets`);
  const dups = rows.reduce((n, x) => n + x.duplicates, 0);
  check("no duplicates", dups === 0, `${dups} packets`);
  const invalid = rows.reduce((n, x) => n + x.invalid, 0);
  check("every message decoded", invalid === 0, `${invalid} invalid`);
  const idle = rows.filter((x) =>
    (x.kind === "fast" || x.kind === "slow" || x.kind === "churn") && x.livePackets === 0
  );
  check(
    "every reading client received packets in the window",
    idle.length === 0,
    idle.map((x) => x.name).join(", ") || "all did",
  );
  const late = rows.reduce((n, x) => n + x.lateDropNotices, 0);
  check("dropped messages arrive where the gap is", late === 0, `${late} arrived after the next batch`);
  return {
    byKind,
    fastLatencyMs: lat.summaryMs(),
    fastMaxLatencyPerSecondMs: perSecond,
    server: {
      cpuPercent: r.server.cpuPercent,
      peakRssMb: mb(r.server.peakRssKb),
      rssMb: {
        beforeClients: mb(r.server.rssKb.beforeClients),
        start: mb(r.server.rssKb.start),
        end: mb(r.server.rssKb.end),
      },
      fds: r.server.fds,
      flatness: flatness(r),
    },
    captured: metricSum(r.metrics, "netpix_source_packets_captured_total"),
    kernelDropped: metricSum(r.metrics, "netpix_source_kernel_dropped_total"),
    metrics: interesting(r.metrics),
    checks,
  };
}

const pad = (s: string | number, n: number) => String(s).padStart(n);

/** The human summary of one run. */
export function formatRun(cfg: RunConfig, r: RunResult, rows: ClientRow[], s: RunSummary): string {
  const L: string[] = [];
  const c = cfg.clients;
  L.push(
    `clients: ${c.fast} fast, ${c.slow} slow (${cfg.slowRate} pkt/s), ${c.stalled} stalled, ${c.churn} churning; ` +
      `${cfg.rate} pkt/s × ${cfg.size} B; window ${round1(r.window.seconds)} s after ${cfg.warmup} s warm-up`,
  );
  L.push(`netpix: ${r.netpixCommand}`);
  const sd = r.sender as Record<string, number>;
  L.push(
    `sender: ${sd.sent ?? "?"} packets at ${sd.rate ?? "?"}/s (largest backlog ${sd.maxBehind ?? "?"}); ` +
      `netpix captured ${s.captured ?? "?"} (${r.capturedPerSecond ?? "?"}/s in the window), kernel dropped ${
        s.kernelDropped ?? "?"
      }`,
  );
  L.push("kind      n  pkt/s mean [min..max]        drops (by reason)            gaps  dups  late-notices");
  for (const [kind, k] of Object.entries(s.byKind)) {
    const drops = Object.entries(k.drops).map(([r, n]) => `${r} ${n}`).join(", ") || "0";
    L.push(
      `${kind.padEnd(8)}${pad(k.clients, 3)}  ${
        pad(k.packetsPerSecond.mean, 9)
      } [${k.packetsPerSecond.min}..${k.packetsPerSecond.max}]`
        .padEnd(44) +
        `${drops}`.padEnd(29) + `${pad(k.gaps, 5)} ${pad(k.duplicates, 5)} ${pad(k.lateDropNotices, 13)}` +
        (kind === "churn" ? `  (${k.sessions} sessions)` : ""),
    );
  }
  const lat = s.fastLatencyMs;
  L.push(
    lat.packets
      ? `latency, capture → fast client: p50 ${lat.p50} ms, p99 ${lat.p99} ms, max ${lat.max} ms, mean ${lat.mean} ms over ${lat.packets} packets`
      : "latency: no fast-client packets in the window",
  );
  if (s.fastMaxLatencyPerSecondMs.length) {
    const ps = s.fastMaxLatencyPerSecondMs;
    const shown = ps.length <= 60 ? ps : ps.slice(0, 60);
    L.push(`worst latency per second (ms): ${shown.map((v) => Math.round(v)).join(" ")}${ps.length > 60 ? " …" : ""}`);
  }
  const sv = s.server;
  L.push(
    `server pid ${r.server.pid}: CPU ${sv.cpuPercent ?? "?"}% of one core, peak RSS (VmHWM) ${
      sv.peakRssMb ?? "?"
    } MB, ` +
      `RSS ${sv.rssMb.beforeClients} → ${sv.rssMb.start} → ${sv.rssMb.end} MB (before clients → window start → end), ` +
      `fds ${sv.fds.beforeClients} → ${sv.fds.start} → ${sv.fds.end}; send tick every ${r.tickIntervalMs ?? "?"} ms`,
  );
  const f = sv.flatness;
  if (f.rssMb) {
    L.push(
      `in the window (${f.samples} samples every ${cfg.sampleEvery} s): RSS ${f.rssMb.min}..${f.rssMb.max} MB, mean ${f.rssMb.mean}, ` +
        `max deviation ${f.rssMaxDeviationPercent}% (${f.rssFlat ? "flat within ±10%" : "NOT flat within ±10%"}), ` +
        `trend ${f.rssSlopeMbPerMinute ?? "?"} MB/min; ` +
        `fds ${f.fds?.min}..${f.fds?.max} (first ${f.fds?.first}, last ${f.fds?.last})`,
    );
  }
  L.push(
    `load generator CPU: clients ${r.loadGenerator.clientProcesses.map((p) => `${p.cpuPercent}%`).join(" + ")}, ` +
      `sender ${r.loadGenerator.senderCpuPercent}% (of one core each); host: ${r.host.cpus} CPUs, load average ` +
      `${r.host.loadAverage.start} → ${r.host.loadAverage.end}`,
  );
  L.push(`metrics: ${Object.entries(s.metrics).map(([k, v]) => `${k} ${v}`).join(", ")}`);
  if (rows.length <= 30) {
    L.push("client        pkt/s  packets  replayed  drops  gaps  dups  p50/p99/max ms        lag  close");
    for (const x of rows) {
      const l = x.latencyMs;
      L.push(
        `${x.name.padEnd(11)}${pad(x.packetsPerSecond, 8)} ${pad(x.packets, 8)} ${pad(x.replayed, 9)} ${
          pad(x.dropsTotal, 6)
        } ` +
          `${pad(x.gaps, 5)} ${pad(x.duplicates, 5)}  ${
            `${l.p50 ?? "-"}/${l.p99 ?? "-"}/${l.max ?? "-"}`.padEnd(20)
          } ` +
          `${pad(x.meanLagPackets ?? "-", 5)}  ${x.closeCode ?? ""}${x.errors.length ? `  ${x.errors[0]}` : ""}`,
      );
    }
  } else L.push(`(${rows.length} clients: per-client rows are in the JSON report)`);
  for (const ch of s.checks) L.push(`${ch.ok ? "ok  " : "FAIL"} ${ch.name}: ${ch.detail}`);
  return L.join("\n");
}
