/**
 * Decode throughput on the real RTP packets of tests/testdata/: `deno bench -A src/protocols/rtp/`. Each bench name
 * says how many packets one iteration decodes; packets per second = that count / time per iteration.
 */
import { decodeRtp, RtpReader } from "./header.ts";
import { RtpExtensionReader } from "./extensions.ts";
import { decodeWellKnownExtensions, readTransportWideSequence } from "./well_known_extensions.ts";
import { inspectH264 } from "./codecs/h264.ts";
import { isFailure } from "../decode_result.ts";
import { RTP_CAPTURES, rtpDatagrams, sdpMaps } from "./_testdata.ts";

const demo = (await rtpDatagrams("demo.pcap")).map((d) => d.bytes);
const demoVideo = (await rtpDatagrams("demo.pcap")).filter((d) => d.dstPort === 5004).map((d) => d.bytes);
const chrome: Uint8Array[] = [];
for (const file of ["rtp/chrome-av1.pcap", "rtp/chrome-vp9-two-byte.pcap"]) {
  for (const d of await rtpDatagrams(file)) chrome.push(d.bytes);
}
const all: Uint8Array[] = [];
for (const c of RTP_CAPTURES) for (const d of await rtpDatagrams(c.file)) all.push(d.bytes);
const { extmap } = await sdpMaps("rtp/chrome-av1.sdp");
const TWCC_ID = 4; // a=extmap:4 …transport-wide-cc… in both Chromium captures

const reader = new RtpReader();
const ext = new RtpExtensionReader();
let sink = 0;

Deno.bench({
  name: `RtpReader.decode(), one reused reader, demo.pcap's ${demo.length} RTP packets`,
  group: "demo",
  baseline: true,
  fn: () => {
    for (const b of demo) if (reader.decode(b)) sink += reader.sequence;
  },
});

Deno.bench({
  name: `decodeRtp() (a plain object per packet), demo.pcap's ${demo.length} RTP packets`,
  group: "demo",
  fn: () => {
    for (const b of demo) {
      const p = decodeRtp(b);
      if (!isFailure(p)) sink += p.sequence;
    }
  },
});

Deno.bench({
  name: `RtpReader.decode() + inspectH264(), demo.pcap's ${demoVideo.length} H.264 packets`,
  group: "demo",
  fn: () => {
    for (const b of demoVideo) {
      if (reader.decode(b) && inspectH264(b, reader.payloadOffset, reader.payloadLength)?.keyframe) sink++;
    }
  },
});

Deno.bench({
  name: `RtpReader + RtpExtensionReader (transport-wide seq), Chromium's ${chrome.length} packets with extensions`,
  group: "extensions",
  baseline: true,
  fn: () => {
    for (const b of chrome) {
      if (!reader.decode(b)) continue;
      ext.reset(b, reader.extensionProfile, reader.extensionOffset, reader.extensionLength);
      while (ext.next()) if (ext.id === TWCC_ID) sink += readTransportWideSequence(b, ext.offset, ext.length);
    }
  },
});

Deno.bench({
  name: `decodeRtp() + decodeWellKnownExtensions(), Chromium's ${chrome.length} packets with extensions`,
  group: "extensions",
  fn: () => {
    for (const b of chrome) {
      const p = decodeRtp(b);
      if (!isFailure(p) && p.extension !== null) {
        sink += decodeWellKnownExtensions(b, p.extension.elements, extmap).length;
      }
    }
  },
});

Deno.bench({
  name: `RtpReader.decode(), all ${all.length} RTP packets of the ${RTP_CAPTURES.length} captures`,
  group: "all",
  fn: () => {
    for (const b of all) if (reader.decode(b)) sink += reader.payloadLength;
  },
});

Deno.bench({
  name: "the sink stays observable",
  group: "bookkeeping",
  fn: () => {
    if (sink === 0.5) throw new Error("unreachable");
  },
});
