import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { decodeRtcpCompound } from "../../protocols/rtcp/packet.ts";
import { RR_SDES_BYE, SR_WITH_BLOCK_AND_EXTENSION } from "../../protocols/rtcp/_fixtures.ts";
import { udpDatagrams } from "../../analysis/_udp_capture.ts";
import { RtcpPlotCollector } from "./rtcp_collector.ts";
import { DEMO_PCAP, replayDemo } from "./_replay.ts";

Deno.test("RtcpPlotCollector plots the SR bitrate the analysis reports for demo.pcap, one point per usable SR pair", async () => {
  const { feeder, report } = await replayDemo();
  const bitrate = feeder.rtcp.seriesOf("bitrate");
  deepStrictEqual(bitrate.map((s) => s.ssrc).sort(), report.rtcp.map((r) => r.ssrc).sort());
  for (const s of bitrate) {
    const r = report.rtcp.find((x) => x.ssrc === s.ssrc)!;
    strictEqual(s.points.length, r.sr_count - 1, "ffmpeg's 3 SRs, 5 s apart, give 2 intervals");
    const last = s.points.view(1).at(-1)!;
    strictEqual(Math.round(last * 1000) / 1000, r.sender_bitrate_kbps);
    // x is on the RTP plot's time base: seconds since the first UDP packet's whole second
    const xs = s.points.view(0);
    ok(xs[1]! - xs[0]! > 4.9 && xs[1]! - xs[0]! < 5.1, `SRs ~5 s apart, got ${xs[0]} → ${xs[1]}`);
  }
});

Deno.test("RtcpPlotCollector samples RR loss, jitter and RTT from RtcpSsrcStats, not from its own formulas", async () => {
  // demo.pcap frame 8 is ffmpeg's first video SR; RR_SDES_BYE's block about 0x11223344 answers it (LSR) after
  // DLSR = 1.5 s. Deliver that RR 1.520 s after the SR was captured.
  const frame8 = (await udpDatagrams(DEMO_PCAP.pathname)).find((d) => d.frame === 8)!;
  const c = new RtcpPlotCollector();
  c.setClockRate(0x11223344, 90000);
  c.observe(decodeRtcpCompound(frame8.payload).packets, frame8.time);
  c.observe(decodeRtcpCompound(RR_SDES_BYE).packets, frame8.time + 1.52);
  const snap = c.stats.snapshot().find((s) => s.ssrc === 0x11223344)!;
  const block = snap.reportedBy[0]!;
  const last = (metric: "fractionLost" | "cumulativeLost" | "jitter" | "rtt", ssrc = 0x11223344) =>
    c.seriesOf(metric).find((s) => s.ssrc === ssrc)?.points.view(1).at(-1);
  strictEqual(last("fractionLost"), 20 / 256 * 100);
  strictEqual(last("fractionLost"), block.fractionLostPct);
  strictEqual(last("cumulativeLost"), -3);
  strictEqual(last("jitter"), 300 * 1000 / 90000);
  strictEqual(last("jitter"), block.jitterMs);
  strictEqual(last("rtt"), block.rttMs);
  // A − LSR − DLSR: 20 ms plus the gap between the SR's NTP stamp and its capture time (ffmpeg stamps just before sending)
  ok(Math.abs(last("rtt")! - 20) < 2, `RTT ${last("rtt")} ms`);
  strictEqual(c.seriesOf("rtt").find((s) => s.ssrc === 0x11223344)!.label, "0x11223344 ← 0xaabbccdd");
  // The block about 0x55667788 has LSR 0: loss and jitter are plotted (jitter needs a clock rate: none), RTT is not.
  strictEqual(last("fractionLost", 0x55667788), 255 / 256 * 100);
  strictEqual(last("jitter", 0x55667788), undefined);
  strictEqual(last("rtt", 0x55667788), undefined);
});

Deno.test("RtcpPlotCollector gives no bitrate point for a first SR and stays within maxSeries", () => {
  const c = new RtcpPlotCollector({ maxSeries: 2, originUnixS: 100 });
  c.observe(decodeRtcpCompound(SR_WITH_BLOCK_AND_EXTENSION).packets, 101);
  strictEqual(c.seriesOf("bitrate").length, 0);
  // the block about 0x55667788 gives fraction and cumulative lost (2 series); jitter would be a 3rd: not tracked
  c.setClockRate(0x55667788, 48000);
  c.observe(decodeRtcpCompound(SR_WITH_BLOCK_AND_EXTENSION).packets, 102);
  deepStrictEqual(c.series.map((s) => s.metric), ["fractionLost", "cumulativeLost"]);
  strictEqual(c.droppedSeriesPoints, 1);
  deepStrictEqual(Array.from(c.series[0]!.points.view(0)), [1, 2]);
});
