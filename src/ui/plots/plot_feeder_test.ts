import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { GapCol, RtpCol, RtpFlag } from "./rtp_collector.ts";
import { JitterHistory } from "./jitter_sparkline.ts";
import { RtpStreamStats } from "../../analysis/rtp_stream.ts";
import { replayDemo } from "./_replay.ts";

Deno.test("PlotFeeder gives one lane per RTP stream of demo.pcap holding every packet the analysis counts", async () => {
  const { feeder, report } = await replayDemo();
  strictEqual(feeder.rtp.lanes.length, report.rtp_streams.length);
  for (const lane of feeder.rtp.lanes) {
    const s = report.rtp_streams.find((r) => r.ssrc === lane.ssrc)!;
    strictEqual(lane.points.length, s.packets);
    strictEqual(lane.lost, s.lost);
    const seq = lane.points.view(RtpCol.Seq);
    strictEqual(seq.at(-1)! - seq[0]! + 1, s.expected);
    let markers = 0;
    for (const f of lane.points.view(RtpCol.Flags)) if (f & RtpFlag.Marker) markers++;
    strictEqual(markers, s.markers);
  }
  strictEqual(feeder.droppedRtpPackets, 0);
  strictEqual(feeder.rtp.droppedPoints, 0);
});

Deno.test("PlotFeeder flags the H.264 keyframes: their packets carry as many pictures as the analysis counts", async () => {
  const { feeder, report } = await replayDemo();
  const video = feeder.rtp.lanes.find((l) => l.ssrc === 0x11223344)!;
  const flags = video.points.view(RtpCol.Flags);
  const ts = video.points.view(RtpCol.Ts);
  // One picture is one RTP timestamp (RFC 6184 §5.1); SPS/PPS and SEI ride with the IDR picture they precede.
  const pictures = new Set<number>();
  for (let i = 0; i < flags.length; i++) if (flags[i]! & RtpFlag.Keyframe) pictures.add(ts[i]!);
  const s = report.rtp_streams.find((r) => r.ssrc === 0x11223344)!;
  ok(s.keyframes !== null && s.keyframes > 1, "GOP 40 at 20 fps: a keyframe every 2 s");
  strictEqual(pictures.size, s.keyframes);
  const audio = feeder.rtp.lanes.find((l) => l.ssrc === 0x55667788)!;
  ok(audio.points.view(RtpCol.Flags).every((f) => (f & RtpFlag.Keyframe) === 0), "Opus has no keyframes");
});

Deno.test("PlotFeeder shows frames taken out of demo.pcap as gaps the size of the analysis' loss", async () => {
  // frames 424 and 429: video seq 1101 and 1102; frame 613: audio seq 30200
  const { feeder, report } = await replayDemo([424, 429, 613]);
  const video = feeder.rtp.lanes.find((l) => l.ssrc === 0x11223344)!;
  const audio = feeder.rtp.lanes.find((l) => l.ssrc === 0x55667788)!;
  deepStrictEqual([video.lost, audio.lost], [2, 1]);
  deepStrictEqual(
    [video.lost, audio.lost],
    [0x11223344, 0x55667788].map((ssrc) => report.rtp_streams.find((r) => r.ssrc === ssrc)!.lost),
  );
  strictEqual(video.gaps.cols[GapCol.FirstSeq]![0], 1101);
  strictEqual(video.gaps.cols[GapCol.Count]![0], 2);
  strictEqual(audio.gaps.cols[GapCol.FirstSeq]![0], 30200);
});

Deno.test("PlotFeeder samples each stream's analysis jitter into its sparkline history about once per interval", async () => {
  const { feeder } = await replayDemo([], { jitterIntervalS: 1, jitterCapacity: 8 });
  for (const s of feeder.streams) {
    strictEqual(s.jitter.length, 8, "11 s of packets fill 8 one-second slots");
    ok(s.jitter.dropped >= 3);
    // Replay the lane into the analysis' own class, taking J after every packet: each sample must be one of them.
    const lane = feeder.rtp.lane(s.key)!;
    const c = lane.points.cols;
    const stats = new RtpStreamStats(s.stats.snapshot().clockRate);
    const js = new Set<number>();
    for (let i = 0; i < lane.points.length; i++) {
      stats.observe(
        c[RtpCol.Seq]![i]! & 0xffff,
        c[RtpCol.Ts]![i]! >>> 0,
        c[RtpCol.Arrival]![i]!,
        c[RtpCol.PayloadType]![i]!,
        (c[RtpCol.Flags]![i]! & RtpFlag.Marker) !== 0,
        0,
        0,
      );
      js.add(Math.fround(stats.snapshot().jitterMs!));
    }
    for (const v of s.jitter.values()) ok(js.has(v), `${v} ms is a jitter value of the stream`);
    ok(s.jitter.max > 0);
  }
});

Deno.test("JitterHistory keeps each interval's peak, drops the oldest interval at capacity and ignores NaN", () => {
  const h = new JitterHistory(3, 0.5);
  for (const [t, j] of [[0, 1], [0.2, 3], [0.3, 2], [0.6, 0.5], [1.1, NaN], [1.2, 4], [1.6, 6]] as const) h.push(t, j);
  deepStrictEqual(Array.from(h.values()), [0.5, 4, 6]);
  strictEqual(h.dropped, 1);
  strictEqual(h.max, 6);
  strictEqual(h.last, 6);
});
