/**
 * The seed's latency formula (seed-performance.md, "Latency"): `latency ≈ interval + queue_depth / batch × interval`,
 * checked against a run. The queue depth comes from three places:
 *  - the server's own per-client count, `stats.client.queued` (live packets queued for that client), when it sends it;
 *  - the lag clients observe: each `stats` message carries the source's `nextId`; minus the next id the client
 *    expected at that moment, it is the number of packets captured and not yet delivered to that client (its queue
 *    in packets, plus what is in flight, plus drops not yet announced: an upper bound);
 *  - `/metrics` gauges whose name holds `queue_depth`, polled every second (a `stat="sum"` sample is divided by the
 *    client count). What the server counts there (packets, entries, control messages) is the server's definition.
 * `batch` is `-B`, in packets per frame as the formula means it. The prediction is made twice: with the configured
 * interval, and with the ticker's real period in the window (timers fire late on a busy machine).
 * @module
 */

import { LogHistogram } from "./histogram.ts";
import type { RunResult } from "./run.ts";
import type { Combo } from "./scenarios.ts";

export interface FormulaRow extends Combo {
  adaptive: "on" | "off" | "flag not supported";
  /** Packets/s a client can get with a fixed batch: batch / interval. */
  fixedBatchCapacity: number;
  measuredMs: { mean: number | null; p50: number | null; p99: number | null; packets: number };
  queueDepth: {
    serverQueued: number | null;
    queuedSamples: number;
    clientLagPackets: number | null;
    lagSamples: number;
    metricsPerClient: number | null;
  };
  /** The ticker's measured period (null when the server does not count ticks). */
  tickIntervalMs: number | null;
  predictedMs: {
    fromServerQueued: number | null;
    fromClientLag: number | null;
    fromMetrics: number | null;
    /** From the server's queue count (else the lag) with the measured tick period. */
    withMeasuredTick: number | null;
  };
  /** Predicted / measured mean latency: from the server's queue count (else the lag), with the measured tick period
   * when known, else with the configured interval. */
  ratio: number | null;
  /** The same with the configured interval. */
  ratioConfiguredInterval: number | null;
}

const r2 = (x: number) => Math.round(x * 100) / 100;
const ratioOf = (predicted: number | null, measured: number | null) =>
  predicted !== null && measured ? r2(predicted / measured) : null;

export function formulaRow(combo: Combo, adaptive: FormulaRow["adaptive"], r: RunResult): FormulaRow {
  const fast = r.clients.filter((c) => c.kind === "fast");
  const lat = new LogHistogram();
  const lags: number[] = [], queued: number[] = [];
  for (const c of fast) {
    lat.merge(LogHistogram.fromJSON(c.account.latency));
    lags.push(...c.account.lagSamples);
    queued.push(...c.account.queuedSamples);
  }
  const m = lat.summaryMs();
  const mean = (xs: number[]) => xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
  const lag = mean(lags), q = mean(queued);
  const perPoll: number[] = [];
  for (const p of r.metricsPolls) {
    const sums = Object.entries(p.queueDepth).filter(([k]) => k.includes('stat="sum"'));
    if (sums.length && p.clients) perPoll.push(sums.reduce((n, [, v]) => n + v, 0) / p.clients);
  }
  const metricsDepth = perPoll.length ? perPoll.reduce((a, b) => a + b, 0) / perPoll.length : null;
  const predict = (depth: number | null, interval = combo.intervalMs) =>
    depth === null ? null : r2(interval + depth / combo.batch * interval);
  const fromLag = predict(lag), fromQueued = predict(q);
  const best = fromQueued ?? fromLag;
  return {
    ...combo,
    adaptive,
    fixedBatchCapacity: Math.round(combo.batch / combo.intervalMs * 1000),
    measuredMs: { mean: m.mean, p50: m.p50, p99: m.p99, packets: m.packets },
    queueDepth: {
      serverQueued: q === null ? null : r2(q),
      queuedSamples: queued.length,
      clientLagPackets: lag === null ? null : r2(lag),
      lagSamples: lags.length,
      metricsPerClient: metricsDepth === null ? null : r2(metricsDepth),
    },
    tickIntervalMs: r.tickIntervalMs,
    predictedMs: {
      fromServerQueued: fromQueued,
      fromClientLag: fromLag,
      fromMetrics: predict(metricsDepth),
      withMeasuredTick: r.tickIntervalMs === null ? null : predict(q ?? lag, r.tickIntervalMs),
    },
    ratio: ratioOf(r.tickIntervalMs === null ? best : predict(q ?? lag, r.tickIntervalMs), m.mean),
    ratioConfiguredInterval: ratioOf(best, m.mean),
  };
}

export function formatFormula(rows: FormulaRow[]): string {
  const L = [
    "interval  batch   rate  adaptive  capacity  tick ms  queued  lag(pkts)  metrics-depth  " +
    "predicted ms (queued/lag/real tick)  measured mean/p50/p99 ms  ratio (real tick/configured)",
  ];
  for (const x of rows) {
    L.push(
      `${String(x.intervalMs).padStart(8)} ${String(x.batch).padStart(6)} ${String(x.rate).padStart(6)}  ` +
        `${x.adaptive.padEnd(8)} ${String(x.fixedBatchCapacity).padStart(9)}  ${
          String(x.tickIntervalMs ?? "-").padStart(7)
        }  ` +
        `${String(x.queueDepth.serverQueued ?? "-").padStart(6)}  ${
          String(x.queueDepth.clientLagPackets ?? "-").padStart(9)
        }  ` +
        `${String(x.queueDepth.metricsPerClient ?? "-").padStart(13)}  ` +
        `${
          `${x.predictedMs.fromServerQueued ?? "-"}/${x.predictedMs.fromClientLag ?? "-"}/${
            x.predictedMs.withMeasuredTick ?? "-"
          }`.padStart(35)
        }  ` +
        `${`${x.measuredMs.mean}/${x.measuredMs.p50}/${x.measuredMs.p99}`.padStart(24)}  ${x.ratio ?? "-"}/${
          x.ratioConfiguredInterval ?? "-"
        }`,
    );
  }
  return L.join("\n");
}
