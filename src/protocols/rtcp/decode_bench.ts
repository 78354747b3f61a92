/**
 * RTCP decode throughput: `deno bench -A src/protocols/rtcp/`. Each bench name says how many datagrams one iteration
 * decodes; datagrams per second = that count / time per iteration.
 */
import { decodeRtcpCompound, looksLikeRtcpCompound } from "./packet.ts";
import { DEMO_COMPOUNDS, HAND_BUILT, TRANSPORT_CC, XR_ALL_BLOCKS } from "./_fixtures.ts";
import { FrameDecoder, FrameStatus } from "../frame.ts";
import { readPcapFile } from "../../../tests/_pcap_reader.ts";

const demo = DEMO_COMPOUNDS.map((c) => c.bytes);
const handBuilt = Object.values(HAND_BUILT);

// Every UDP payload of demo.pcap (RTP, RTCP, MPEG-TS, STUN/TURN), for the classifier check.
const pcap = await readPcapFile(new URL("../../../tests/testdata/demo.pcap", import.meta.url));
const frames = new FrameDecoder();
const payloads: { bytes: Uint8Array; offset: number; length: number }[] = [];
for (const r of pcap.records) {
  if (frames.decode(r.data, pcap.linkType, r.originalLength) !== FrameStatus.Ok) continue;
  payloads.push({ bytes: r.data, offset: frames.payloadOffset, length: frames.payloadLength });
}

let sink = 0;

Deno.bench({
  name: `decodeRtcpCompound(), demo.pcap's ${demo.length} SR+SDES compounds`,
  group: "compound",
  baseline: true,
  fn: () => {
    for (const b of demo) sink += decodeRtcpCompound(b).packets.length;
  },
});

Deno.bench({
  name: `decodeRtcpCompound(), the ${handBuilt.length} hand-built datagrams (every type)`,
  group: "compound",
  fn: () => {
    for (const b of handBuilt) sink += decodeRtcpCompound(b).packets.length;
  },
});

Deno.bench({
  name: "decodeRtcpCompound(), 1 TWCC feedback (20 statuses)",
  group: "compound",
  fn: () => {
    sink += decodeRtcpCompound(TRANSPORT_CC).packets.length;
  },
});

Deno.bench({
  name: "decodeRtcpCompound(), 1 XR with 8 blocks",
  group: "compound",
  fn: () => {
    sink += decodeRtcpCompound(XR_ALL_BLOCKS).packets.length;
  },
});

Deno.bench({
  name: `looksLikeRtcpCompound(), all ${payloads.length} UDP payloads of demo.pcap`,
  group: "classify",
  fn: () => {
    for (const p of payloads) sink += looksLikeRtcpCompound(p.bytes, p.offset, p.length) ? 1 : 0;
  },
});

addEventListener("unload", () => {
  if (sink === -1) console.log(sink);
});
