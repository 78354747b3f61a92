/**
 * One million mutated UDP payloads, seeded from real captures, through every session-layer decoder and the
 * classifier (each decoder's own fuzz test goes deeper into its format; this one checks that no decoder throws on what
 * another protocol's mutated bytes look like). Bit flips, truncations, random length fields, splices. One payload in
 * 16 is read through a view that throws on any out-of-bounds read.
 */
import { ok } from "node:assert/strict";
import { readPcapFile } from "./_pcap_reader.ts";
import { FrameDecoder, FrameStatus } from "../src/protocols/frame.ts";
import { guarded, seeded } from "../src/protocols/_fuzz.ts";
import { UdpClassifier } from "../src/protocols/classify.ts";
import { decodeRtp, RtpReader } from "../src/protocols/rtp/header.ts";
import { inspectPayload } from "../src/protocols/rtp/codecs/inspect.ts";
import { decodeRtcpCompound, looksLikeRtcpCompound } from "../src/protocols/rtcp/packet.ts";
import { decodeStun, looksLikeStun } from "../src/protocols/stun/message.ts";
import { decodeChannelData, looksLikeChannelData } from "../src/protocols/stun/channel_data.ts";
import { decodeTsDatagram, looksLikeMpegTs } from "../src/protocols/mpegts/packet.ts";
import { decodePesHeader } from "../src/protocols/mpegts/pes.ts";

const TOTAL = 1_000_000;
const CAPTURES = [
  "demo.pcap",
  "stun/ice.pcap",
  "stun/turn-ipv6.pcap",
  "rtp/chrome-vp9-two-byte.pcap",
  "rtp/ffmpeg-h265.pcap",
  "mpegts/h264-ac3-dvb.pcap",
];

async function seedPayloads(): Promise<Uint8Array[]> {
  const d = new FrameDecoder();
  const out: Uint8Array[] = [];
  for (const name of CAPTURES) {
    const file = await readPcapFile(new URL(`testdata/${name}`, import.meta.url));
    for (const r of file.records) {
      if (d.decode(r.data, file.linkType, r.originalLength) !== FrameStatus.Ok || d.transport !== 17) continue;
      out.push(r.data.slice(d.payloadOffset, d.payloadOffset + d.payloadLength));
    }
  }
  return out;
}

function mutate(seed: Uint8Array, rand: () => number, other: Uint8Array): Uint8Array {
  const b = seed.slice();
  switch (Math.floor(rand() * 5)) {
    case 0: // bit flips
      for (let k = 1 + Math.floor(rand() * 4); k > 0 && b.length; k--) {
        b[Math.floor(rand() * b.length)]! ^= 1 << Math.floor(rand() * 8);
      }
      return b;
    case 1: // truncation
      return b.subarray(0, Math.floor(rand() * b.length));
    case 2: // a 16-bit field (lengths, counts) set to a random or extreme value
      if (b.length >= 2) {
        const at = Math.floor(rand() * (b.length - 1));
        const v = rand() < 0.5 ? 0xffff : Math.floor(rand() * 0x10000);
        b[at] = v >> 8;
        b[at + 1] = v & 0xff;
      }
      return b;
    case 3: { // splice: the head of one payload on the tail of another
      const cut = Math.floor(rand() * b.length);
      const joined = new Uint8Array(cut + other.length);
      joined.set(b.subarray(0, cut));
      joined.set(other, cut);
      return joined;
    }
    default: // random bytes after a real first byte
      for (let i = 1; i < b.length; i++) b[i] = Math.floor(rand() * 256);
      return b;
  }
}

Deno.test("a million mutated real payloads pass through every decoder and the classifier without a throw", async () => {
  const seeds = await seedPayloads();
  ok(seeds.length > 2000, `${seeds.length} seed payloads`);
  const rand = seeded(0x6e7078);
  const classifier = new UdpClassifier();
  const rtp = new RtpReader();
  const codecs = ["H264", "H265", "VP8", "VP9", "AV1"];
  for (let i = 0; i < TOTAL; i++) {
    const base = mutate(seeds[i % seeds.length]!, rand, seeds[Math.floor(rand() * seeds.length)]!);
    const b = i % 16 === 0 ? guarded(base) : base;
    const n = b.length;
    classifier.classify(b, 0, n, 40000 + (i & 7), 3478 + (i & 1));
    decodeRtp(b, 0, n);
    if (rtp.decode(b, 0, n)) inspectPayload(codecs[i % codecs.length]!, b, rtp.payloadOffset, rtp.payloadLength);
    looksLikeRtcpCompound(b, 0, n);
    decodeRtcpCompound(b, 0, n);
    looksLikeStun(b, 0, n);
    decodeStun(b, 0, n);
    looksLikeChannelData(b, 0, n, { reservedChannels: true });
    decodeChannelData(b, 0, n);
    looksLikeMpegTs(b, 0, n);
    decodeTsDatagram(b, 0, n);
    decodePesHeader(b, 0, n);
  }
  let classified = 0;
  for (const c of classifier.counts) classified += c;
  ok(classified === TOTAL, "every payload was classified and counted");
});
