import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { decodeRtcpCompound } from "../../protocols/rtcp/packet.ts";
import { DEMO_FRAME_8, RR_SDES_BYE } from "../../protocols/rtcp/_fixtures.ts";
import { Columns } from "./_columns.ts";
import { SeqUnwrapper, TimestampUnwrapper } from "./_unwrap.ts";
import { GapCol, RTCP_MARK_KINDS, RtcpMarkCol, RtpCol, RtpFlag, RtpPlotCollector } from "./rtp_collector.ts";

/** Feeds packets of one stream: [seq, ts] pairs 20 ms apart. */
function feed(c: RtpPlotCollector, packets: readonly (readonly [number, number])[], key = "a", ssrc = 1): void {
  packets.forEach(([seq, ts], i) => c.observeRtp(key, key, ssrc, i * 0.02, seq, ts, false, false, 96, 100 + i));
}

Deno.test("SeqUnwrapper extends across the 16-bit wrap in both directions and places late packets behind", () => {
  const u = new SeqUnwrapper();
  deepStrictEqual(
    [65533, 65535, 0, 65534, 2, 1].map((s) => u.extend(s)),
    [65533, 65535, 65536, 65534, 65538, 65537],
  );
  strictEqual(u.highest, 65538);
  const down = new SeqUnwrapper();
  deepStrictEqual([0, 65535, 1].map((s) => down.extend(s)), [0, -1, 1]); // a late packet from before the first
});

Deno.test("TimestampUnwrapper extends across the 32-bit wrap and follows timestamps that step back", () => {
  const u = new TimestampUnwrapper();
  deepStrictEqual(
    [0xfffffc00, 0xffffff00, 0x00000200, 0x00000100, 0x00000500].map((t) => u.extend(t)),
    [0xfffffc00, 0xffffff00, 0x100000200, 0x100000100, 0x100000500],
  );
  strictEqual(u.peek(0xfffffe00), 0xfffffe00); // an SR timestamp from before the wrap
});

Deno.test("RtpPlotCollector unwraps a stream across both wraps and marks the missing sequence numbers as one gap", () => {
  const c = new RtpPlotCollector();
  feed(c, [[65534, 0xffffe000], [65535, 0xfffff000], [2, 0x00001000], [3, 0x00002000]]);
  const lane = c.lanes[0]!;
  deepStrictEqual(Array.from(lane.points.view(RtpCol.Seq)), [65534, 65535, 65538, 65539]);
  deepStrictEqual(Array.from(lane.points.view(RtpCol.Ts)), [0xffffe000, 0xfffff000, 0x100001000, 0x100002000]);
  strictEqual(lane.gaps.length, 1);
  strictEqual(lane.gaps.cols[GapCol.FirstSeq]![0], 65536); // seq 0 and 1, after the wrap
  strictEqual(lane.gaps.cols[GapCol.Count]![0], 2);
  strictEqual(lane.gaps.cols[GapCol.ArrivalBefore]![0], 0.02);
  strictEqual(lane.gaps.cols[GapCol.ArrivalAfter]![0], 0.04);
  strictEqual(lane.lost, 2);
});

Deno.test("RtpPlotCollector counts a gap whose packets all come late as reordering, not loss", () => {
  const c = new RtpPlotCollector();
  feed(c, [[10, 0], [13, 3], [11, 1], [14, 4], [12, 2]]);
  const lane = c.lanes[0]!;
  strictEqual(lane.gaps.length, 1);
  strictEqual(lane.gaps.cols[GapCol.Recovered]![0], 2);
  strictEqual(lane.late, 2);
  strictEqual(lane.lost, 0);
});

Deno.test("RtpPlotCollector treats a jump of 3000 or more as a sequence restart, not loss", () => {
  const c = new RtpPlotCollector();
  feed(c, [[100, 0], [101, 1], [5000, 2], [5001, 3], [5003, 4]]);
  const lane = c.lanes[0]!;
  strictEqual(lane.restarts, 1);
  strictEqual(lane.lost, 1); // only 5002
});

Deno.test("RtpPlotCollector keeps flags, payload type and size per packet", () => {
  const c = new RtpPlotCollector();
  c.observeRtp("v", "video", 7, 1.5, 9, 90, true, true, 96, 1200);
  const lane = c.lanes[0]!;
  strictEqual(lane.points.view(RtpCol.Flags)[0], RtpFlag.Marker | RtpFlag.Keyframe);
  strictEqual(lane.points.view(RtpCol.PayloadType)[0], 96);
  strictEqual(lane.points.view(RtpCol.Size)[0], 1200);
  strictEqual(lane.points.view(RtpCol.Arrival)[0], 1.5);
});

Deno.test("RtpPlotCollector stays within maxStreams and counts the packets of further streams", () => {
  const c = new RtpPlotCollector({ maxStreams: 2 });
  for (const key of ["a", "b", "c", "c", "a"]) c.observeRtp(key, key, 1, 0, 1, 1, false, false, 0, 1);
  deepStrictEqual(c.lanes.map((l) => [l.key, l.packets]), [["a", 2], ["b", 1]]);
  strictEqual(c.droppedStreamPackets, 2);
});

Deno.test("RtpPlotCollector thins a full lane to half and counts what it dropped, keeping the newest packet", () => {
  const c = new RtpPlotCollector({ maxPointsPerStream: 8 });
  feed(c, Array.from({ length: 9 }, (_, i) => [i, i * 10] as const));
  const lane = c.lanes[0]!;
  // 8 rows full, the 9th halves them to rows 1, 3, 5, 7, then adds 8
  deepStrictEqual(Array.from(lane.points.view(RtpCol.Seq)), [1, 3, 5, 7, 8]);
  strictEqual(lane.points.dropped, 4);
  strictEqual(c.droppedPoints, 4);
  strictEqual(lane.packets, 9);
  strictEqual(lane.lost, 0, "thinning is not loss");
});

Deno.test("Columns with drop-oldest keeps the newest half at the cap and never allocates past it", () => {
  const c = new Columns(1, 1000, "drop-oldest");
  for (let i = 0; i < 100_000; i++) c.cols[0]![c.addRow()] = i;
  strictEqual(c.cols[0]!.length, 1000);
  strictEqual(c.length + c.dropped, 100_000);
  strictEqual(c.view(0).at(-1), 99_999);
  const v = c.view(0);
  for (let i = 1; i < v.length; i++) strictEqual(v[i]! - v[i - 1]!, 1);
});

Deno.test("RtpPlotCollector marks ffmpeg's SR (demo.pcap frame 8) and a receiver's RR blocks on their sources", () => {
  const c = new RtpPlotCollector();
  const sr = decodeRtcpCompound(DEMO_FRAME_8.bytes).packets;
  c.observeRtcpPackets(sr, 0.023);
  c.observeRtcpPackets(decodeRtcpCompound(RR_SDES_BYE).packets, 1.5);
  const m = c.rtcp;
  const rows = Array.from({ length: m.length }, (_, i) => [
    m.cols[RtcpMarkCol.Ssrc]![i],
    RTCP_MARK_KINDS[m.cols[RtcpMarkCol.Kind]![i]!],
    m.cols[RtcpMarkCol.Arrival]![i],
  ]);
  deepStrictEqual(rows, [
    [0x11223344, "sr", 0.023],
    [0x11223344, "rr", 1.5],
    [0x55667788, "rr", 1.5],
    [0xaabbccdd, "bye", 1.5],
  ]);
  const first = sr[0]!;
  strictEqual(first.type, "sr");
  if (first.type === "sr") strictEqual(m.cols[RtcpMarkCol.RtpTs]![0], first.rtpTimestamp);
  strictEqual(Number.isNaN(m.cols[RtcpMarkCol.RtpTs]![1]!), true);
});
