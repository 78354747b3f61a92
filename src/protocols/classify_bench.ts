/**
 * `deno bench src/protocols/classify_bench.ts`: classifying every UDP payload of tests/testdata/demo.pcap (1798
 * datagrams: RTP, RTCP, MPEG-TS, STUN, ChannelData, relay data) with one reused classifier.
 * @module
 */

import { UdpClassifier } from "./classify.ts";
import { FrameDecoder, FrameStatus } from "./frame.ts";
import { readPcapFile } from "../../tests/_pcap_reader.ts";

const pcap = await readPcapFile(new URL("../../tests/testdata/demo.pcap", import.meta.url));
const d = new FrameDecoder();
const payloads: { bytes: Uint8Array; offset: number; length: number; src: number; dst: number }[] = [];
for (const r of pcap.records) {
  if (d.decode(r.data, pcap.linkType, r.originalLength) !== FrameStatus.Ok || d.transport !== 17) continue;
  payloads.push({ bytes: r.data, offset: d.payloadOffset, length: d.payloadLength, src: d.srcPort, dst: d.dstPort });
}

Deno.bench(`UdpClassifier.classify() × ${payloads.length} (demo.pcap)`, () => {
  const c = new UdpClassifier();
  for (const p of payloads) c.classify(p.bytes, p.offset, p.length, p.src, p.dst);
});
