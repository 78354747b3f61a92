/**
 * `deno bench src/analysis/mpegts_flow_bench.ts`: cost of {@linkcode MpegTsFlowStats.observe} over the 532 TS
 * datagrams (2942 TS packets, 11 s) of the real capture `tests/testdata/demo.pcap`, replayed in a loop with the
 * arrival times continued, as a capture pipeline hands them over (a view of each frame and the UDP payload's offset).
 *
 * @module
 */

import { MpegTsFlowStats } from "./mpegts_flow.ts";
import { FrameDecoder } from "../protocols/frame.ts";
import { readPcapFile } from "../../tests/_pcap_reader.ts";

const pcap = await readPcapFile(new URL("../../tests/testdata/demo.pcap", import.meta.url));
const d = new FrameDecoder();
const frames: Uint8Array[] = [];
const offsets: number[] = [];
const lengths: number[] = [];
const arrivals: number[] = [];
for (const rec of pcap.records) {
  d.decode(rec.data, pcap.linkType, rec.originalLength);
  if (d.transport !== 17 || d.dstPort !== 1234) continue;
  frames.push(rec.data);
  offsets.push(d.payloadOffset);
  lengths.push(d.payloadLength);
  arrivals.push(rec.timestampSeconds - pcap.records[0]!.timestampSeconds + rec.timestampFraction / 1e6);
}
const span = arrivals[arrivals.length - 1]! + 0.01;
const LAPS = 20; // 10 640 datagrams, 58 840 TS packets per iteration

Deno.bench("MpegTsFlowStats.observe() over demo.pcap × 20 (58 840 TS packets)", () => {
  const flow = new MpegTsFlowStats();
  for (let lap = 0; lap < LAPS; lap++) {
    for (let i = 0; i < frames.length; i++) {
      flow.observe(frames[i]!, offsets[i]!, lengths[i]!, arrivals[i]! + lap * span);
    }
  }
});

const done = new MpegTsFlowStats();
for (let i = 0; i < frames.length; i++) done.observe(frames[i]!, offsets[i]!, lengths[i]!, arrivals[i]!);
Deno.bench("MpegTsFlowStats.snapshot() after demo.pcap", () => {
  done.snapshot();
});
