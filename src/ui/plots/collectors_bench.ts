/**
 * Cost per packet of the plot collectors on the host's hot path (`deno bench src/ui/plots/collectors_bench.ts`).
 * @module
 */
import { RtpPlotCollector } from "./rtp_collector.ts";
import { MpegTsPlotCollector } from "./mpegts_collector.ts";

const PACKETS = 100_000;

Deno.bench("RtpPlotCollector.observeRtp, 100 000 packets of 4 streams (to the cap, then thinning)", () => {
  const c = new RtpPlotCollector({ maxPointsPerStream: 16_384 });
  const keys = ["a", "b", "c", "d"];
  for (let i = 0; i < PACKETS; i++) {
    const k = i & 3;
    c.observeRtp(keys[k]!, keys[k]!, k, i * 0.0005, (i >> 2) & 0xffff, (i >> 2) * 960, (i & 31) === 0, false, 96, 1200);
  }
});

const datagram = new Uint8Array(7 * 188);
for (let p = 0; p < 7; p++) datagram.set([0x47, 0x01, p % 2, 0x10], p * 188);

Deno.bench("MpegTsPlotCollector.observe, 100 000 datagrams of 7 TS packets", () => {
  const c = new MpegTsPlotCollector();
  for (let i = 0; i < PACKETS; i++) {
    const cc = i & 15;
    for (let p = 0; p < 7; p++) datagram[p * 188 + 3] = 0x10 | cc;
    c.observe(datagram, 0, datagram.length, i * 0.001);
  }
});
