/**
 * One load run: netpix capturing on `lo` the traffic of our UDP sender, N client processes with their clients, a
 * warm-up, a measurement window, and the figures: per client (from the clients), per server process (from /proc) and
 * from `/metrics`.
 * @module
 */

import dgram from "node:dgram";
import type { ClientKind, ClientResult, ClientSpec } from "./clients.ts";
import type { WorkerConfig } from "./client_worker.ts";
import { JsonLinesChild } from "./json_lines_child.ts";
import { ROOT, startNetpix } from "./netpix_process.ts";
import { cpuPercent, cpuSeconds, loadAverage, memory, openFds } from "./proc.ts";
import { type Sample, sampleKey, scrape, total } from "./prom.ts";

export interface RunConfig {
  /** Packets per second the sender sends. */
  rate: number;
  /** UDP payload bytes per packet. */
  size: number;
  /** Measurement window, seconds. */
  duration: number;
  /** Seconds between all clients being connected and the window's start. */
  warmup: number;
  clients: Record<ClientKind, number>;
  /** Packets/s a slow client reads. */
  slowRate: number;
  /** Mean session of a churn client, ms. */
  churnMeanMs: number;
  /** Extra `netpix run` arguments. */
  netpixArgs: string[];
  /** A netpix executable to run instead of `deno run -A main.ts`. */
  netpixBin: string | null;
  /** Wait until the source's ring is full before connecting clients. */
  fillBuffer: boolean;
  /** Seconds between /proc samples of the server (RSS, fds, CPU). */
  sampleEvery: number;
  /** Client processes. */
  procs: number;
  /** Poll /metrics every second in the window (for queue-depth gauges). */
  pollMetrics: boolean;
}

export interface ProcSample {
  /** Seconds since the window started (negative in warm-up). */
  t: number;
  rssKb: number | null;
  fds: number | null;
  /** CPU since the previous sample, % of one core. */
  cpuPercent: number | null;
}

export interface RunResult {
  netpixCommand: string;
  url: string;
  udpPort: number;
  sender: Record<string, unknown>;
  /** Packets netpix captured per second in the window (from /metrics at its start and end). */
  capturedPerSecond: number | null;
  /** The send ticker's real period in the window: window / ticks (`netpix_tick_seconds{stat="count"}`). */
  tickIntervalMs: number | null;
  window: { fromMs: number; toMs: number; seconds: number };
  clients: Array<ClientResult & { process: number; drainedAll?: boolean }>;
  server: {
    pid: number;
    cpuSeconds: number | null;
    cpuPercent: number | null;
    peakRssKb: number | null;
    rssKb: { beforeClients: number | null; start: number | null; end: number | null };
    fds: { beforeClients: number | null; start: number | null; end: number | null };
    samples: ProcSample[];
    exitCode: number;
    stderrTail: string;
  };
  /** The host: CPUs and 1-minute load average at the window's start and end (contention from other work). */
  host: { cpus: number; loadAverage: { start: number | null; end: number | null } };
  loadGenerator: {
    clientProcesses: Array<{ pid: number; cpuPercent: number | null }>;
    senderCpuPercent: number | null;
  };
  /** Every sample of the `/metrics` scrape at the window's end, as `name{labels}` → value. */
  metrics: Record<string, number>;
  /** Polled during the window (pollMetrics): per poll, the queue-depth samples and the client count. */
  metricsPolls: Array<{ t: number; clients: number | null; queueDepth: Record<string, number> }>;
}

/** How long before the window's end the server's end readings (/proc, /metrics) are taken. */
const END_READING_LEAD_MS = 100;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const wallMs = () => performance.timeOrigin + performance.now();

async function freeUdpPort(): Promise<number> {
  const s = dgram.createSocket("udp4");
  await new Promise<void>((resolve) => s.bind(0, "127.0.0.1", resolve));
  const port = s.address().port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/** Polls /metrics until `cond` holds on it; throws with `what` after `timeoutMs`. */
async function waitMetrics(url: string, cond: (s: Sample[]) => boolean, what: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const m = await scrape(url);
    if (m && cond(m.samples)) return;
    await sleep(250);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** Spreads the clients over `procs` processes, each kind round-robin, so every process gets a similar mix. */
export function spreadClients(clients: Record<ClientKind, number>, slowRate: number, procs: number): ClientSpec[][] {
  const out: ClientSpec[][] = Array.from({ length: Math.max(1, procs) }, () => []);
  let k = 0;
  for (const kind of ["fast", "slow", "stalled", "churn"] as const) {
    for (let i = 0; i < clients[kind]; i++) {
      const spec: ClientSpec = { name: `${kind}-${i + 1}`, kind };
      if (kind === "slow") spec.rate = slowRate;
      out[k++ % out.length]!.push(spec);
    }
  }
  return out.filter((g) => g.length > 0);
}

/** Runs one load test; `log` gets progress lines. */
export async function runLoad(cfg: RunConfig, log: (line: string) => void): Promise<RunResult> {
  const port = await freeUdpPort();
  const netpix = await startNetpix(cfg.netpixBin, ["-p", "0", "-i", "lo", "-c", `udp port ${port}`, ...cfg.netpixArgs]);
  log(`netpix pid ${netpix.pid} on ${netpix.url}: ${netpix.commandLine}`);
  const children: JsonLinesChild[] = [];
  let sender: JsonLinesChild | null = null;
  let stopSampling = () => {};
  try {
    sender = new JsonLinesChild(
      ["run", "--allow-net", "scripts/load/udp_sender.ts", String(port), String(cfg.rate), String(cfg.size)],
      ROOT,
    );
    children.push(sender);
    await sender.waitFor("started", 20_000);
    log(`sending ${cfg.rate} packets/s of ${cfg.size} bytes to 127.0.0.1:${port}`);
    await waitMetrics(
      netpix.url,
      (s) => (total(s, "netpix_source_packets_captured_total") ?? 0) > 0,
      "netpix to capture the sender's packets",
      15_000,
    );
    if (cfg.fillBuffer) {
      log("filling the source's ring before connecting clients");
      await waitMetrics(
        netpix.url,
        (s) => {
          const held = total(s, "netpix_source_buffer_packets") ?? 0;
          const cap = total(s, "netpix_source_buffer_capacity_packets") ?? Infinity;
          return held >= cap;
        },
        "the ring to fill",
        60_000 + 2000 * 32768 / cfg.rate,
      );
    }

    const samples: Array<ProcSample & { wallMs: number }> = [];
    let lastCpu = cpuSeconds(netpix.pid), lastT = wallMs();
    const sample = () => {
      const now = wallMs(), cpu = cpuSeconds(netpix.pid);
      samples.push({
        t: 0,
        wallMs: now,
        rssKb: memory(netpix.pid)?.rssKb ?? null,
        fds: openFds(netpix.pid),
        cpuPercent: cpuPercent(lastCpu, cpu, (now - lastT) / 1000),
      });
      lastCpu = cpu;
      lastT = now;
    };
    const sampler = setInterval(sample, cfg.sampleEvery * 1000);
    stopSampling = () => clearInterval(sampler);
    const rssBefore = memory(netpix.pid)?.rssKb ?? null, fdsBefore = openFds(netpix.pid);

    const groups = spreadClients(cfg.clients, cfg.slowRate, cfg.procs);
    const workers = groups.map((clients) => {
      const wc: WorkerConfig = {
        url: netpix.url,
        source: null,
        clients,
        churnMeanMs: cfg.churnMeanMs,
        connectConcurrency: 10,
      };
      const w = new JsonLinesChild(["run", "-A", "scripts/load/client_worker.ts", JSON.stringify(wc)], ROOT);
      children.push(w);
      return w;
    });
    const ready = await Promise.all(workers.map((w) => w.waitFor("ready", 120_000)));
    const failed = ready.reduce((n, r) => n + Number(r.failed), 0);
    log(`${ready.reduce((n, r) => n + Number(r.selected), 0)} clients selected the source, ${failed} failed`);

    const fromMs = wallMs() + cfg.warmup * 1000, toMs = fromMs + cfg.duration * 1000;
    for (const w of workers) await w.send({ cmd: "window", fromMs, toMs });
    await sleep(Math.max(0, fromMs - wallMs()));
    const startMs = wallMs(), loadStart = loadAverage();
    const senderCpuStart = cpuSeconds(sender.pid);
    const cpuStart = cpuSeconds(netpix.pid), rssStart = memory(netpix.pid)?.rssKb ?? null;
    const startScrape = (await scrape(netpix.url))?.samples ?? [];
    const capturedStart = total(startScrape, "netpix_source_packets_captured_total");
    const ticksStart = total(startScrape, "netpix_tick_seconds", { stat: "count" });
    const fdsStart = openFds(netpix.pid);
    const workerCpuStart = workers.map((w) => cpuSeconds(w.pid));
    log(`measuring for ${cfg.duration} s`);
    const polls: RunResult["metricsPolls"] = [];
    // The end readings are taken just before the clients leave at `toMs`, so they see the same population.
    const readAt = toMs - END_READING_LEAD_MS;
    while (wallMs() < readAt) {
      await sleep(Math.min(1000, readAt - wallMs()));
      if (cfg.pollMetrics && wallMs() < readAt) {
        const m = await scrape(netpix.url);
        if (m) {
          const depth: Record<string, number> = {};
          for (const s of m.samples) if (/queue_depth|queue_packets|lag/.test(s.name)) depth[sampleKey(s)] = s.value;
          polls.push({ t: (wallMs() - fromMs) / 1000, clients: total(m.samples, "netpix_clients"), queueDepth: depth });
        }
      }
    }
    const endMs = wallMs();
    const cpuEnd = cpuSeconds(netpix.pid), memEnd = memory(netpix.pid), fdsEnd = openFds(netpix.pid);
    const rssEnd = memEnd?.rssKb ?? null, peak = memEnd?.peakKb ?? null; // VmHWM: the peak since netpix started
    const workerCpuEnd = workers.map((w) => cpuSeconds(w.pid));
    const measured = (endMs - startMs) / 1000, loadEnd = loadAverage();
    const senderCpu = cpuPercent(senderCpuStart, cpuSeconds(sender.pid), measured);
    const metrics = await scrape(netpix.url);
    sample();
    stopSampling();
    // The stream stops with the window, so the stalled clients' drain ends once they have caught up.
    await sleep(Math.max(0, toMs - wallMs()) + 50);
    sender.kill("SIGTERM");
    const sent = await sender.waitFor("finished", 10_000).catch((e) => ({ error: (e as Error).message }));
    log("collecting client results");
    const results = await Promise.all(
      workers.map((w) => w.waitFor("result", 60_000 + cfg.clients.stalled * 1000)),
    );
    const exitCode = await netpix.stop();
    const seconds = (toMs - fromMs) / 1000;
    const capturedEnd = total(metrics?.samples ?? [], "netpix_source_packets_captured_total");
    const ticksEnd = total(metrics?.samples ?? [], "netpix_tick_seconds", { stat: "count" });
    return {
      netpixCommand: netpix.commandLine,
      url: netpix.url,
      udpPort: port,
      sender: sent,
      capturedPerSecond: capturedStart !== null && capturedEnd !== null
        ? Math.round((capturedEnd - capturedStart) / measured)
        : null,
      tickIntervalMs: ticksStart !== null && ticksEnd !== null && ticksEnd > ticksStart
        ? Math.round(measured * 1000 / (ticksEnd - ticksStart) * 100) / 100
        : null,
      window: { fromMs, toMs, seconds },
      clients: results.flatMap((r, i) =>
        (r.clients as ClientResult[]).map((c) => ({ ...c, process: workers[i]!.pid }))
      ),
      server: {
        pid: netpix.pid,
        cpuSeconds: cpuStart !== null && cpuEnd !== null ? Math.round((cpuEnd - cpuStart) * 100) / 100 : null,
        cpuPercent: cpuPercent(cpuStart, cpuEnd, measured),
        peakRssKb: peak,
        rssKb: { beforeClients: rssBefore, start: rssStart, end: rssEnd },
        fds: { beforeClients: fdsBefore, start: fdsStart, end: fdsEnd },
        samples: samples.map(({ wallMs, ...s }) => ({ ...s, t: Math.round(wallMs - fromMs) / 1000 })),
        exitCode,
        stderrTail: netpix.stderrTail(),
      },
      host: { cpus: navigator.hardwareConcurrency, loadAverage: { start: loadStart, end: loadEnd } },
      loadGenerator: {
        clientProcesses: workers.map((w, i) => ({
          pid: w.pid,
          cpuPercent: cpuPercent(workerCpuStart[i] ?? null, workerCpuEnd[i] ?? null, measured),
        })),
        senderCpuPercent: senderCpu,
      },
      metrics: Object.fromEntries((metrics?.samples ?? []).map((s) => [sampleKey(s), s.value])),
      metricsPolls: polls,
    };
  } finally {
    stopSampling();
    for (const c of children.reverse()) await c.close();
    await netpix.stop();
  }
}
