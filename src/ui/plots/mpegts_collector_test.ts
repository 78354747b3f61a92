import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { CcMarkCol, MpegTsPlotCollector } from "./mpegts_collector.ts";
import { replayDemo } from "./_replay.ts";

/** Bytes per PID summed over the bins (kbit/s × bin width). */
function binBytes(c: MpegTsPlotCollector): Map<number, number> {
  const out = new Map<number, number>();
  c.pids.forEach((pid, i) => {
    let sum = 0;
    for (const v of c.bins.view(i + 1)) sum += v * c.binS * 1000 / 8;
    out.set(pid, Math.round(sum));
  });
  return out;
}

Deno.test("MpegTsPlotCollector bins every TS byte of demo.pcap's flow to the PID the analysis counts it on", async () => {
  const { feeder, report } = await replayDemo();
  strictEqual(feeder.mpegts.size, 1);
  const [key, c] = [...feeder.mpegts][0]!;
  const flow = report.mpegts.find((f) => `${f.src}|${f.dst}` === key)!;
  deepStrictEqual(binBytes(c), new Map(flow.pids.map((p) => [p.pid, p.packets * 188])));
  strictEqual(c.ccMarks.length, 0);
  strictEqual(flow.cc_errors, 0);
  // bins are contiguous, 0.5 s apart, and cover the flow's duration
  const xs = c.bins.view(0);
  for (let i = 1; i < xs.length; i++) ok(Math.abs(xs[i]! - xs[i - 1]! - 0.5) < 1e-9);
  ok(xs.length * 0.5 >= flow.duration_s && (xs.length - 1) * 0.5 <= flow.duration_s + 0.5);
});

Deno.test("MpegTsPlotCollector's PCR offsets span exactly the analysis' PCR overall jitter", async () => {
  const { feeder, report } = await replayDemo();
  const c = [...feeder.mpegts.values()][0]!;
  const pcrPid = report.mpegts[0]!.pids.find((p) => p.pcr !== null)!;
  const offsets = c.pcrOf(pcrPid.pid)!.view(1);
  strictEqual(offsets.length, pcrPid.pcr!.pcrs);
  const p2p = Math.max(...offsets) - Math.min(...offsets);
  strictEqual(Math.round(p2p * 1000) / 1000, pcrPid.pcr!.overall_jitter_ms);
});

Deno.test("MpegTsPlotCollector marks a CC error wherever the analysis counts one (demo.pcap without frame 288)", async () => {
  const { feeder, report } = await replayDemo([288]);
  const c = [...feeder.mpegts.values()][0]!;
  const flow = report.mpegts[0]!;
  ok(flow.cc_errors > 0, "dropping a datagram breaks the continuity counters");
  strictEqual(c.ccMarks.length, flow.cc_errors);
  for (const p of flow.pids) strictEqual(c.ccErrors[p.pid], p.cc_errors, `PID ${p.pid_hex}`);
  const pids = new Set(Array.from(c.ccMarks.view(CcMarkCol.Pid)));
  deepStrictEqual(pids, new Set(flow.pids.filter((p) => p.cc_errors > 0).map((p) => p.pid)));
});

/** One TS packet of a PID with a CC, payload only. */
function ts(pid: number, cc: number): Uint8Array {
  const p = new Uint8Array(188).fill(0xff);
  p.set([0x47, (pid >> 8) & 0x1f, pid & 0xff, 0x10 | cc]);
  return p;
}

Deno.test("MpegTsPlotCollector stays within maxPids and maxBins, counts the rest, and jumps long silences", () => {
  const c = new MpegTsPlotCollector({ binS: 1, maxPids: 2, maxBins: 4 });
  c.observe(ts(0x100, 0), 0, 188, 0);
  c.observe(ts(0x101, 0), 0, 188, 0.5);
  c.observe(ts(0x102, 0), 0, 188, 0.6); // a 3rd PID: counted, not binned
  c.observe(ts(0x100, 1), 0, 100, 0.7); // not a whole TS packet
  c.observe(ts(0x100, 3), 0, 188, 1000); // 999 s of silence; CC skips 2
  c.flush();
  deepStrictEqual(c.pids, [0x100, 0x101]);
  strictEqual(c.untrackedPackets, 1);
  strictEqual(c.badDatagrams, 1);
  strictEqual(c.binJumps, 1);
  strictEqual(c.ccErrors[0x100], 1);
  ok(c.bins.length <= 4);
  ok(c.bins.dropped > 0);
  strictEqual(c.bins.view(0).at(-1), 1000);
  strictEqual(c.bins.view(1).at(-1), 188 * 8 / 1000);
});
