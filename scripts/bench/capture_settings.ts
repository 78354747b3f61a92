/**
 * Diagnostic for the live-loss figure: the same `Capture.openLive` + double-buffered read loop as CaptureSource (no
 * framing, no store, no server), on `lo`, under several capture settings. For each: kernel drops at RATE packets/s
 * for COUNT packets, then the send → JavaScript latency at 1,000 packets/s for 3 s (send time from udp_blast's
 * payload, bytes 8..16; read time `performance.timeOrigin + performance.now()` when the batch is walked).
 *
 * Settings: netpix's (src/capture/open.ts: TPACKET_V3 blocks retired within LIVE_BLOCK_TIMEOUT_MS, LIVE_SNAPLEN,
 * LIVE_KERNEL_BUFFER_BYTES), the previous release's (snaplen 262144, 64 MiB), immediate mode (as the first release
 * had it) with netpix's snaplen and with a 2048-byte one, and blocks retired within 10 ms.
 *
 *     deno run -A scripts/bench/capture_settings.ts [RATE=100000] [COUNT=1000000]
 *
 * Needs root (capture on lo) and bench-out/udp_blast. Writes bench-out/capture_settings.json.
 * @module
 */

import { Capture, RecordCursor } from "../../ffi/capture.ts";
import { LIVE_WAIT_MS } from "../../src/capture/source.ts";
import { READ_BUFFER_BYTES } from "../../src/capture/batches.ts";
import { LIVE_BLOCK_TIMEOUT_MS, LIVE_KERNEL_BUFFER_BYTES, LIVE_SNAPLEN } from "../../src/capture/open.ts";
import { FrameDecoder, FrameStatus } from "../../src/protocols/frame.ts";
import { freeUdpPort, note, percentile, sleep, udpBlast, udpSink, writeResult } from "./_common.ts";

const rate = Number(Deno.args[0] ?? 100_000);
const count = Number(Deno.args[1] ?? 1_000_000);
const LATENCY_RATE = 1000;
const LATENCY_COUNT = 3000;

interface Setting {
  name: string;
  snaplen: number;
  immediate: boolean;
  bufferSize: number;
  timeoutMs: number;
}

const MIB = LIVE_KERNEL_BUFFER_BYTES >> 20;
const settings: Setting[] = [
  {
    name: `netpix (blocks retired within ${LIVE_BLOCK_TIMEOUT_MS} ms, snaplen ${LIVE_SNAPLEN}, ${MIB} MiB)`,
    snaplen: LIVE_SNAPLEN,
    immediate: false,
    bufferSize: LIVE_KERNEL_BUFFER_BYTES,
    timeoutMs: LIVE_BLOCK_TIMEOUT_MS,
  },
  {
    name: `blocks retired within ${LIVE_BLOCK_TIMEOUT_MS} ms, snaplen 262144, 64 MiB (the previous release)`,
    snaplen: 262144,
    immediate: false,
    bufferSize: 64 << 20,
    timeoutMs: LIVE_BLOCK_TIMEOUT_MS,
  },
  {
    name: `immediate, snaplen ${LIVE_SNAPLEN}, ${MIB} MiB`,
    snaplen: LIVE_SNAPLEN,
    immediate: true,
    bufferSize: LIVE_KERNEL_BUFFER_BYTES,
    timeoutMs: 0,
  },
  {
    name: `immediate, snaplen 2048, ${MIB} MiB`,
    snaplen: 2048,
    immediate: true,
    bufferSize: LIVE_KERNEL_BUFFER_BYTES,
    timeoutMs: 0,
  },
  {
    name: `blocks retired within 10 ms, snaplen ${LIVE_SNAPLEN}, ${MIB} MiB`,
    snaplen: LIVE_SNAPLEN,
    immediate: false,
    bufferSize: LIVE_KERNEL_BUFFER_BYTES,
    timeoutMs: 10,
  },
];

/** Captures one blast with `s`; returns what the read loop saw and libpcap's counters. */
async function capture(s: Setting, blastRate: number, blastCount: number) {
  const port = await freeUdpPort();
  const sink = await udpSink(port);
  const cap = Capture.openLive("lo", {
    snaplen: s.snaplen,
    promisc: false,
    immediate: s.immediate,
    bufferSize: s.bufferSize,
    timeoutMs: s.timeoutMs,
  });
  cap.setFilter(`udp port ${port}`);
  const latencies: number[] = [];
  let stop = false, packets = 0, reads = 0;
  const loop = (async () => {
    const bufs = [new Uint8Array(READ_BUFFER_BYTES), new Uint8Array(READ_BUFFER_BYTES)] as const;
    const cursor = new RecordCursor();
    const d = new FrameDecoder();
    let which = 0;
    let pending = cap.read(bufs[0], LIVE_WAIT_MS);
    while (true) {
      const r = await pending;
      if (r.kind === "eof" || stop) break;
      const buf = bufs[which]!;
      which ^= 1;
      pending = cap.read(bufs[which]!, LIVE_WAIT_MS);
      reads++;
      if (r.count === 0) continue;
      const nowMs = performance.timeOrigin + performance.now();
      cursor.reset(buf, r.bytes, r.count);
      const view = new DataView(buf.buffer);
      while (cursor.next()) {
        packets++;
        if (blastCount > LATENCY_COUNT) continue;
        const frame = buf.subarray(cursor.dataOffset, cursor.dataOffset + cursor.caplen);
        if (d.decode(frame, cap.linkType) !== FrameStatus.Ok || d.payloadLength < 16) continue;
        const o = cursor.dataOffset + d.payloadOffset + 8;
        latencies.push(nowMs - (view.getUint32(o) * 2 ** 32 + view.getUint32(o + 4)) / 1e6);
      }
    }
  })();
  const blast = await udpBlast(port, blastRate, blastCount, 200);
  await sleep(500);
  stop = true;
  await loop;
  const stats = cap.stats();
  await cap.close();
  await sink.close();
  return { blast, packets, reads, stats, latencies };
}

const results = [];
for (const s of settings) {
  const loss = await capture(s, rate, count);
  const lat = await capture(s, LATENCY_RATE, LATENCY_COUNT);
  const sorted = lat.latencies.sort((a, b) => a - b);
  const r3 = (v: number) => Math.round(v * 1000) / 1000;
  const row = {
    setting: s,
    loss: {
      rate: loss.blast.rate,
      sent: loss.blast.sent,
      readByLoop: loss.packets,
      missing: loss.blast.sent - loss.packets,
      reads: loss.reads,
      kernel: loss.stats,
    },
    latencyMs: {
      rate: LATENCY_RATE,
      packets: sorted.length,
      p50: r3(percentile(sorted, 0.5)),
      p99: r3(percentile(sorted, 0.99)),
      max: r3(sorted[sorted.length - 1] ?? NaN),
    },
  };
  note(
    `${s.name}: missing ${row.loss.missing}, kernel ${JSON.stringify(loss.stats)}, latency ${
      JSON.stringify(row.latencyMs)
    }`,
  );
  results.push(row);
}
await writeResult("capture_settings", { rate, count, results });
