/**
 * Capture-to-client latency: udp_blast sends at a paced rate to a port netpix captures on `lo`, with its send time (ns
 * since the epoch, UDP payload bytes 8..16) in each datagram; a WebSocket client takes the arrival time of the message
 * that carries each packet (`performance.timeOrigin + performance.now()`). Each packet's latency is split at the
 * kernel's capture timestamp (the record's ts): send → capture (kernel), capture → client (netpix: libpcap read, FFI,
 * framing, ring, send tick, WebSocket).
 *
 * Runs once per `--message-interval` given (default: 5, netpix's default, and 1 to show the tick's share).
 *
 *     deno run -A scripts/bench/latency.ts [RATE=1000] [SECONDS=10] [INTERVALS=5,1]
 *
 * Needs root (capture on lo) and bench-out/udp_blast. Writes bench-out/latency.json.
 * @module
 */

import {
  freeUdpPort,
  note,
  percentile,
  sleep,
  startNetpix,
  StreamingClient,
  udpBlast,
  udpSink,
  writeResult,
} from "./_common.ts";

const rate = Number(Deno.args[0] ?? 1000);
const seconds = Number(Deno.args[1] ?? 10);
const intervals = (Deno.args[2] ?? "5,1").split(",").map(Number);
const count = rate * seconds;

function summary(xs: Float64Array): Record<string, number> {
  const s = xs.slice().sort();
  const r = (v: number) => Math.round(v * 1000) / 1000;
  let sum = 0;
  for (const v of s) sum += v;
  return {
    p50: r(percentile(s, 0.5)),
    p90: r(percentile(s, 0.9)),
    p99: r(percentile(s, 0.99)),
    max: r(s[s.length - 1] ?? NaN),
    mean: r(sum / s.length),
  };
}

/** The period Deno's `setInterval(ms)` really keeps (netpix's send ticker is one), measured here over 1 s. */
async function effectiveIntervalMs(ms: number): Promise<number> {
  let ticks = 0;
  const t0 = performance.now();
  const id = setInterval(() => ticks++, ms);
  await sleep(1000);
  clearInterval(id);
  return Math.round((performance.now() - t0) / ticks * 100) / 100;
}

async function run(intervalMs: number): Promise<Record<string, unknown>> {
  const tickMs = await effectiveIntervalMs(intervalMs);
  const port = await freeUdpPort();
  const sink = await udpSink(port);
  const args = ["-i", "lo", "-c", `udp port ${port}`];
  if (intervalMs !== 5) args.push("-m", String(intervalMs));
  const netpix = await startNetpix(args);
  const client = new StreamingClient(netpix.url);
  const total = new Float64Array(count), kernel = new Float64Array(count), server = new Float64Array(count);
  let n = 0;
  client.onPacket = (p, arrivalMs) => {
    if (n >= count) return;
    const sentMs = p.sentNs / 1e6, capturedMs = p.capturedNs / 1e6;
    total[n] = arrivalMs - sentMs;
    kernel[n] = capturedMs - sentMs;
    server[n] = arrivalMs - capturedMs;
    n++;
  };
  try {
    await client.select(0);
    note(`netpix -m ${intervalMs} on ${netpix.url}: ${count} packets at ${rate}/s`);
    const blast = await udpBlast(port, rate, count, 200);
    await client.until(() => n >= blast.sent, 10_000);
    await sleep(100);
    return {
      messageIntervalMs: intervalMs,
      effectiveTickMs: tickMs,
      command: `deno run --allow-ffi --allow-read --allow-net --allow-env --allow-sys main.ts run ${
        args.map((a) => a.includes(" ") ? `"${a}"` : a).join(" ")
      } -p 0`,
      blast,
      received: n,
      totalMs: summary(total.subarray(0, n)),
      sendToCaptureMs: summary(kernel.subarray(0, n)),
      captureToClientMs: summary(server.subarray(0, n)),
    };
  } finally {
    await client.close();
    await netpix.stop();
    await sink.close();
  }
}

const runs = [];
for (const m of intervals) {
  const r = await run(m);
  note(`-m ${m}: total ${JSON.stringify(r.totalMs)}`);
  runs.push(r);
}
await writeResult("latency", { rate, seconds, runs });
