/**
 * `deno bench src/analysis/rtp_stream_bench.ts`: cost of {@linkcode RtpStreamStats.observe} over one million packets.
 * The packets repeat the real G.711 capture `tests/testdata/rtp-analysis/pcmu.pcap` (its sequence numbers, timestamps
 * and inter-arrival times, continued so that both wrap), held in typed arrays as a capture pipeline would hold them.
 *
 * @module
 */

import { RtpStreamStats } from "./rtp_stream.ts";
import { loadRtpCapture, timestampOf } from "./_rtp_capture.ts";

const PACKETS = 1_000_000;
const capture = await loadRtpCapture(new URL("../../tests/testdata/rtp-analysis/pcmu.pcap", import.meta.url), [5010]);
const n = capture.packets.length;
const first = capture.packets[0]!;
const last = capture.packets[n - 1]!;
const arrivalOf = (i: number) => {
  const r = capture.packets[i]!.rec;
  return r.timestampSeconds + r.timestampFraction / 1e6;
};
const span = arrivalOf(n - 1) - arrivalOf(0) + 0.02;
const tsSpan = (timestampOf(last) - timestampOf(first) + 160) >>> 0;

function makeColumns(impaired: boolean) {
  const seq = new Uint16Array(PACKETS);
  const timestamp = new Uint32Array(PACKETS);
  const arrival = new Float64Array(PACKETS);
  const marker = new Uint8Array(PACKETS);
  let out = 0;
  for (let k = 0; out < PACKETS; k++) {
    const i = k % n, lap = Math.floor(k / n);
    if (impaired && k % 50 === 7) continue; // 2 % loss
    seq[out] = 65000 + k;
    timestamp[out] = (4294000000 + timestampOf(capture.packets[i]!) - timestampOf(first) + lap * tsSpan) >>> 0;
    arrival[out] = 1_700_000_000 + arrivalOf(i) - arrivalOf(0) + lap * span;
    marker[out] = i === 0 ? 1 : 0;
    if (impaired && k % 100 === 3 && out > 0) { // 1 % swapped with the previous packet
      [seq[out], seq[out - 1]] = [seq[out - 1]!, seq[out]!];
      [timestamp[out], timestamp[out - 1]] = [timestamp[out - 1]!, timestamp[out]!];
    }
    out++;
  }
  return { seq, timestamp, arrival, marker };
}

const clean = makeColumns(false);
const impaired = makeColumns(true);

function observeAll(stats: RtpStreamStats, c: ReturnType<typeof makeColumns>): void {
  const { seq, timestamp, arrival, marker } = c;
  for (let i = 0; i < PACKETS; i++) {
    stats.observe(seq[i]!, timestamp[i]!, arrival[i]!, 0, marker[i] === 1, 200, 160);
  }
}

Deno.bench("RtpStreamStats.observe() 1M packets, G.711 capture pattern, clock known", { baseline: true }, () => {
  observeAll(new RtpStreamStats(8000), clean);
});

Deno.bench("RtpStreamStats.observe() 1M packets, 2 % loss and 1 % swaps", () => {
  observeAll(new RtpStreamStats(8000), impaired);
});

Deno.bench("RtpStreamStats.observe() 1M packets, clock rate unknown (no jitter)", () => {
  observeAll(new RtpStreamStats(null), clean);
});

const filled = new RtpStreamStats(8000);
observeAll(filled, impaired);
Deno.bench("RtpStreamStats.snapshot()", () => {
  filled.snapshot();
});
