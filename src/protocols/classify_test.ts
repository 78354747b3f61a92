import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { PAYLOAD_KIND_NAMES, PayloadKind, UdpClassifier } from "./classify.ts";
import { FrameDecoder, FrameStatus } from "./frame.ts";
import { guarded, seeded } from "./_fuzz.ts";
import { parseSdp } from "./sdp/parse.ts";
import { portsOf } from "./sdp/ports.ts";
import { isFailure } from "./decode_result.ts";
import { readPcapFile } from "../../tests/_pcap_reader.ts";

const TESTDATA = new URL("../../tests/testdata/", import.meta.url);

interface Datagram {
  frame: number;
  srcPort: number;
  dstPort: number;
  bytes: Uint8Array;
}

/** Every UDP datagram of a capture under tests/testdata/, in order. */
async function datagrams(file: string): Promise<Datagram[]> {
  const pcap = await readPcapFile(new URL(file, TESTDATA));
  const d = new FrameDecoder();
  const out: Datagram[] = [];
  for (const r of pcap.records) {
    if (d.decode(r.data, pcap.linkType, r.originalLength) !== FrameStatus.Ok || d.transport !== 17) continue;
    out.push({
      frame: r.frameNumber,
      srcPort: d.srcPort,
      dstPort: d.dstPort,
      bytes: r.data.subarray(d.payloadOffset, d.payloadOffset + d.payloadLength),
    });
  }
  return out;
}

const demo = await datagrams("demo.pcap");
const ice = await datagrams("stun/ice.pcap");

function frameOf(list: Datagram[], frame: number): Datagram {
  const d = list.find((x) => x.frame === frame);
  ok(d, `frame ${frame} is missing`);
  return d;
}

function first(list: Datagram[], pred: (d: Datagram) => boolean, what: string): Datagram {
  const d = list.find(pred);
  ok(d, `no ${what}`);
  return d;
}

function hex(s: string): Uint8Array {
  const digits = s.replace(/#[^\n]*/g, "").replace(/\s+/g, "");
  return Uint8Array.from(digits.match(/../g) ?? [], (p) => parseInt(p, 16));
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) out.set(p, at), at += p.length;
  return out;
}

// Real payloads of tests/testdata/demo.pcap (see tests/testdata/README.md).
const RTP_VIDEO = frameOf(demo, 9); // 48202 -> 5004, PT 96, SSRC 0x11223344
const RTCP_SR_SDES = frameOf(demo, 8); // 48203 -> 5005, SR + SDES
const MPEGTS = first(demo, (d) => d.dstPort === 1234, "MPEG-TS datagram");
const STUN_BINDING = first(demo, (d) => d.dstPort === 3478 && d.bytes[0] === 0x00, "STUN request");
const CHANNEL_DATA_72B7 = frameOf(demo, 757); // 36920 -> 3478, channel 0x72B7 (coturn 4.6, RFC 5766 range)
const RELAY_PEER = frameOf(demo, 758); // relay -> relay, uclient payload 00 00 00 00 07 07 07 07 …
// tests/testdata/stun/ice.pcap frame 22: channel 0x4000 carrying a relayed Binding request.
const CHANNEL_DATA_4000 = frameOf(ice, 22);

// Made-up payloads for kinds the captures lack.
const SRTCP_TRAILER = hex("80000001 0102030405060708090a"); // E + SRTCP index, 80-bit tag (RFC 3711 §3.4)
const RTCP_WITH_TRAILER = concat(RTCP_SR_SDES.bytes, SRTCP_TRAILER);
const SDES_ONLY = hex(`81ca0003 11223344 01034142 43000000`); // SDES, CNAME "ABC": first PT 202, not SR/RR
const ZRTP_HELLO = hex(`
  10 00 00 01  5a 52 54 50  11 22 33 44   # 0001, seq 1, "ZRTP", SSRC
  50 5a 00 03  48 65 6c 6c  6f 20 20 20   # preamble, length 3, "Hello   "
  de ad be ef                             # CRC`);
const DTLS_CLIENT_HELLO = hex(`
  16 fe fd 00 00 00 00 00 00 00 00 00 04   # handshake, DTLS 1.2, epoch 0, seq 0, length 4
  01 00 00 00`);
const TS_ALSO_CHANNEL = new Uint8Array(188).fill(0xff);
TS_ALSO_CHANNEL.set([0x47, 0x1f, 0x00, 0xb8]); // null PID … and bytes 2–3 = 184: a ChannelData length that fits too
const CHANNEL_4700 = hex("47 00 00 04 01 02 03 04"); // channel 0x4700, 4 bytes: not 188-aligned

function withBytes(b: Uint8Array, at: number, ...values: number[]): Uint8Array {
  const c = b.slice();
  c.set(values, at);
  return c;
}

interface Row {
  name: string;
  setup?: (c: UdpClassifier) => void;
  bytes: Uint8Array;
  src: number;
  dst: number;
  want: PayloadKind;
}

const K = PayloadKind;
const rows: Row[] = [
  // (1) decode as
  {
    name: "forces the decode-as kind of the destination port",
    setup: (c) => c.decodeAs(5004, K.MpegTs),
    bytes: RTP_VIDEO.bytes,
    src: 48202,
    dst: 5004,
    want: K.MpegTs,
  },
  {
    name: "forces the decode-as kind of the source port",
    setup: (c) => c.decodeAs(48202, K.Rtcp),
    bytes: RTP_VIDEO.bytes,
    src: 48202,
    dst: 5004,
    want: K.Rtcp,
  },
  {
    name: "forces Unknown with decode-as Unknown",
    setup: (c) => c.decodeAs(3478, K.Unknown),
    bytes: STUN_BINDING.bytes,
    src: STUN_BINDING.srcPort,
    dst: 3478,
    want: K.Unknown,
  },
  {
    name: "drops the rule after clearDecodeAs()",
    setup: (c) => (c.decodeAs(3478, K.Unknown), c.clearDecodeAs(3478)),
    bytes: STUN_BINDING.bytes,
    src: STUN_BINDING.srcPort,
    dst: 3478,
    want: K.Stun,
  },
  // (2) SDP ports
  {
    name: "takes RTCP with an SRTCP trailer as RTCP on an SDP RTCP port",
    setup: (c) => c.learnFromSdp([{ port: 5005, carries: "rtcp" }]),
    bytes: RTCP_WITH_TRAILER,
    src: 48203,
    dst: 5005,
    want: K.Rtcp,
  },
  {
    name: "reads the same trailer-RTCP as RTP without SDP or history (the RTP row)",
    bytes: RTCP_WITH_TRAILER,
    src: 48203,
    dst: 5005,
    want: K.Rtp,
  },
  {
    name: "takes valid RTP as RTP on an SDP RTP port",
    setup: (c) => c.learnFromSdp([{ port: 5004, carries: "rtp" }]),
    bytes: RTP_VIDEO.bytes,
    src: 48202,
    dst: 5004,
    want: K.Rtp,
  },
  {
    name: "leaves compound RTCP on an SDP RTP port to the RTCP row",
    setup: (c) => c.learnFromSdp([{ port: 5004, carries: "rtp" }]),
    bytes: RTCP_SR_SDES.bytes,
    src: 48202,
    dst: 5004,
    want: K.Rtcp,
  },
  {
    name: "takes PT 192–223 as RTCP on an rtcp-mux port (RFC 5761 §4)",
    setup: (c) => c.learnFromSdp([{ port: 5004, carries: "rtp+rtcp" }]),
    bytes: RTCP_WITH_TRAILER,
    src: 48202,
    dst: 5004,
    want: K.Rtcp,
  },
  {
    name: "takes other payload types as RTP on an rtcp-mux port",
    setup: (c) => c.learnFromSdp([{ port: 5004, carries: "rtp+rtcp" }]),
    bytes: RTP_VIDEO.bytes,
    src: 48202,
    dst: 5004,
    want: K.Rtp,
  },
  {
    name: "lets STUN on an SDP port fall through to the STUN row (ICE)",
    setup: (c) => c.learnFromSdp([{ port: 3478, carries: "rtp+rtcp" }]),
    bytes: STUN_BINDING.bytes,
    src: STUN_BINDING.srcPort,
    dst: 3478,
    want: K.Stun,
  },
  // (3) RFC 7983 §7 first byte
  {
    name: "reads a STUN Binding request",
    bytes: STUN_BINDING.bytes,
    src: STUN_BINDING.srcPort,
    dst: 3478,
    want: K.Stun,
  },
  {
    name: "rejects first byte 0–3 without the magic cookie (relay peer data)",
    bytes: RELAY_PEER.bytes,
    src: RELAY_PEER.srcPort,
    dst: RELAY_PEER.dstPort,
    want: K.Unknown,
  },
  { name: "reads a ZRTP Hello", bytes: ZRTP_HELLO, src: 40000, dst: 40002, want: K.Zrtp },
  {
    name: "rejects first byte 16–19 without the ZRTP cookie",
    bytes: withBytes(ZRTP_HELLO, 4, 0),
    src: 40000,
    dst: 40002,
    want: K.Unknown,
  },
  { name: "reads a DTLS 1.2 handshake record", bytes: DTLS_CLIENT_HELLO, src: 40000, dst: 40002, want: K.Dtls },
  {
    name: "reads a DTLS record with a 0x03 version byte",
    bytes: withBytes(DTLS_CLIENT_HELLO, 1, 0x03, 0x01),
    src: 40000,
    dst: 40002,
    want: K.Dtls,
  },
  {
    name: "rejects DTLS content type 26",
    bytes: withBytes(DTLS_CLIENT_HELLO, 0, 26),
    src: 40000,
    dst: 40002,
    want: K.Unknown,
  },
  {
    name: "rejects a DTLS record with version byte 0x01",
    bytes: withBytes(DTLS_CLIENT_HELLO, 1, 0x01),
    src: 40000,
    dst: 40002,
    want: K.Unknown,
  },
  {
    name: "rejects a DTLS record whose length runs past the datagram",
    bytes: withBytes(DTLS_CLIENT_HELLO, 11, 0, 5),
    src: 40000,
    dst: 40002,
    want: K.Unknown,
  },
  // (4) MPEG-TS before ChannelData
  { name: "reads an MPEG-TS datagram", bytes: MPEGTS.bytes, src: MPEGTS.srcPort, dst: 1234, want: K.MpegTs },
  {
    name: "takes 0x47 at every 188 bytes as MPEG-TS though it fits ChannelData too",
    bytes: TS_ALSO_CHANNEL,
    src: 40000,
    dst: 1234,
    want: K.MpegTs,
  },
  { name: "takes an unaligned 0x47 payload as ChannelData 0x4700", bytes: CHANNEL_4700, src: 1, dst: 2, want: 2 },
  {
    name: "rejects an MPEG-TS datagram cut by one byte",
    bytes: MPEGTS.bytes.subarray(0, MPEGTS.bytes.length - 1),
    src: MPEGTS.srcPort,
    dst: 1234,
    want: K.Unknown,
  },
  // (3) ChannelData 64–79
  {
    name: "reads ChannelData 0x4000 (ice.pcap frame 22) on any port",
    bytes: CHANNEL_DATA_4000.bytes,
    src: 40000,
    dst: 40002,
    want: K.ChannelData,
  },
  {
    name: "rejects ChannelData whose length runs past the datagram",
    bytes: CHANNEL_DATA_4000.bytes.subarray(0, 10),
    src: CHANNEL_DATA_4000.srcPort,
    dst: CHANNEL_DATA_4000.dstPort,
    want: K.Unknown,
  },
  // (5) RTP / RTCP
  { name: "reads compound RTCP SR+SDES", bytes: RTCP_SR_SDES.bytes, src: 48203, dst: 5005, want: K.Rtcp },
  { name: "reads SDES-first compound RTCP", bytes: SDES_ONLY, src: 40001, dst: 40003, want: K.Rtcp },
  { name: "reads RTP", bytes: RTP_VIDEO.bytes, src: 48202, dst: 5004, want: K.Rtp },
  {
    name: "rejects RTP whose CSRC list runs past the datagram",
    bytes: withBytes(RTP_VIDEO.bytes.subarray(0, 20), 0, 0x8f),
    src: 48202,
    dst: 5004,
    want: K.Unknown,
  },
  {
    name: "rejects RTP whose padding count is 0",
    bytes: withBytes(withBytes(RTP_VIDEO.bytes, 0, 0xa0), RTP_VIDEO.bytes.length - 1, 0),
    src: 48202,
    dst: 5004,
    want: K.Unknown,
  },
  { name: "rejects an 11-byte RTP header", bytes: RTP_VIDEO.bytes.subarray(0, 11), src: 1, dst: 5004, want: 0 },
  // (6) learned
  {
    name: "takes RTCP with a trailer as RTCP on port P+1 once P carried RTP",
    setup: (c) => c.classify(RTP_VIDEO.bytes, 0, RTP_VIDEO.bytes.length, 48202, 5004),
    bytes: RTCP_WITH_TRAILER,
    src: 48203,
    dst: 5005,
    want: K.Rtcp,
  },
  {
    name: "reads coturn's reserved channel 0x72B7 to port 3478",
    bytes: CHANNEL_DATA_72B7.bytes,
    src: CHANNEL_DATA_72B7.srcPort,
    dst: 3478,
    want: K.ChannelData,
  },
  {
    name: "rejects a reserved channel on a flow with no STUN seen",
    bytes: CHANNEL_DATA_72B7.bytes,
    src: 40000,
    dst: 40002,
    want: K.Unknown,
  },
  {
    name: "reads a reserved channel on a port where STUN was seen",
    setup: (c) => c.classify(STUN_BINDING.bytes, 0, STUN_BINDING.bytes.length, 40000, 40002),
    bytes: CHANNEL_DATA_72B7.bytes,
    src: 40000,
    dst: 40002,
    want: K.ChannelData,
  },
  {
    name: "rejects a reserved channel whose length does not fit, even to 3478",
    bytes: CHANNEL_DATA_72B7.bytes.subarray(0, 30),
    src: CHANNEL_DATA_72B7.srcPort,
    dst: 3478,
    want: K.Unknown,
  },
  // Leftovers
  { name: "rejects first byte 192–255", bytes: hex("c0 c8 00 01 00 00 00 00"), src: 1, dst: 5005, want: K.Unknown },
  { name: "rejects an empty payload", bytes: new Uint8Array(0), src: 1, dst: 2, want: K.Unknown },
];

for (const r of rows) {
  Deno.test(`UdpClassifier.classify() ${r.name}`, () => {
    const c = new UdpClassifier();
    r.setup?.(c);
    const got = c.classify(r.bytes, 0, r.bytes.length, r.src, r.dst);
    strictEqual(PAYLOAD_KIND_NAMES[got], PAYLOAD_KIND_NAMES[r.want]);
  });
}

Deno.test("UdpClassifier.classify() reads a payload at an offset in a larger buffer", () => {
  const buf = concat(new Uint8Array(7).fill(0x47), RTP_VIDEO.bytes, new Uint8Array(5).fill(0xff));
  strictEqual(new UdpClassifier().classify(buf, 7, RTP_VIDEO.bytes.length, 48202, 5004), K.Rtp);
});

Deno.test("UdpClassifier counts each kind", () => {
  const c = new UdpClassifier();
  for (const d of [RTP_VIDEO, RTP_VIDEO, RTCP_SR_SDES, MPEGTS, RELAY_PEER]) {
    c.classify(d.bytes, 0, d.bytes.length, d.srcPort, d.dstPort);
  }
  deepStrictEqual([...c.counts], [1, 0, 0, 1, 1, 2, 0, 0]);
});

Deno.test("UdpClassifier bounds its learned ports and counts what it drops", () => {
  const c = new UdpClassifier({ learnedPortLimit: 1 });
  c.classify(STUN_BINDING.bytes, 0, STUN_BINDING.bytes.length, 40000, 3478);
  strictEqual(c.turnPortCount, 1);
  strictEqual(c.droppedTurnPorts, 1);
  c.classify(RTP_VIDEO.bytes, 0, RTP_VIDEO.bytes.length, 48202, 5004);
  c.classify(RTP_VIDEO.bytes, 0, RTP_VIDEO.bytes.length, 48202, 5004);
  strictEqual(c.rtpPortCount, 1);
  strictEqual(c.droppedRtpPorts, 2);
  // 40000 was remembered and 3478 dropped, so a reserved channel on 40000 is still ChannelData.
  strictEqual(c.classify(CHANNEL_DATA_72B7.bytes, 0, CHANNEL_DATA_72B7.bytes.length, 40000, 40002), K.ChannelData);
});

Deno.test("UdpClassifier rejects bad arguments at the edges", () => {
  const c = new UdpClassifier();
  let threw = 0;
  for (
    const f of [() => c.decodeAs(65536, K.Rtp), () => c.decodeAs(-1, K.Rtp), () => c.decodeAs(1, 8 as PayloadKind)]
  ) {
    try {
      f();
    } catch (e) {
      ok(e instanceof RangeError);
      threw++;
    }
  }
  strictEqual(threw, 3);
  c.learnFromSdp([{ port: 0, carries: "rtp" }, { port: 70000, carries: "rtcp" }]); // ignored
  strictEqual(c.classify(RTP_VIDEO.bytes, -1, 20, 1, 2), K.Unknown);
  strictEqual(c.classify(RTP_VIDEO.bytes, 0, Number.NaN, 1, 2), K.Unknown);
});

// ---- whole captures ----------------------------------------------------------------------------------------------

const hasTshark = (() => {
  try {
    return new Deno.Command("tshark", { args: ["--version"], stdout: "null", stderr: "null" }).outputSync().success;
  } catch {
    return false;
  }
})();

/** tshark's view of each UDP datagram as one of our kinds: frame number → kind. */
async function tsharkKinds(file: string, options: string[]): Promise<Map<number, PayloadKind>> {
  const args = ["-r", new URL(file, TESTDATA).pathname, "-n", ...options, "-T", "fields", "-E", "separator=\t"];
  args.push("-e", "frame.number", "-e", "frame.protocols", "-e", "stun.channel");
  const out = await new Deno.Command("tshark", { args, stdout: "piped", stderr: "piped" }).output();
  ok(out.success, new TextDecoder().decode(out.stderr));
  const kinds = new Map<number, PayloadKind>();
  for (const line of new TextDecoder().decode(out.stdout).split("\n")) {
    if (line === "") continue;
    const [frame, protocols = "", channel = ""] = line.split("\t");
    const p = protocols.split(":");
    const kind = p.includes("rtp")
      ? K.Rtp
      : p.includes("rtcp")
      ? K.Rtcp
      : p.includes("mp2t")
      ? K.MpegTs
      : p.includes("stun")
      ? channel !== "" ? K.ChannelData : K.Stun
      : p.includes("dtls")
      ? K.Dtls
      : K.Unknown; // "data", and "wg": WireGuard's heuristic on relay-to-relay uclient payloads
    kinds.set(Number(frame), kind);
  }
  return kinds;
}

/** rows = tshark, columns = ours. */
function confusion(list: Datagram[], ours: (d: Datagram) => PayloadKind, theirs: Map<number, PayloadKind>) {
  const matrix = Array.from(
    { length: PAYLOAD_KIND_NAMES.length },
    () => new Array<number>(PAYLOAD_KIND_NAMES.length).fill(0),
  );
  const mismatches: string[] = [];
  for (const d of list) {
    const t = theirs.get(d.frame) ?? K.Unknown;
    const o = ours(d);
    matrix[t]![o]!++;
    if (t !== o) mismatches.push(`frame ${d.frame}: tshark ${PAYLOAD_KIND_NAMES[t]}, ours ${PAYLOAD_KIND_NAMES[o]}`);
  }
  return { matrix, mismatches };
}

const DEMO_DECODE_AS = ["-d", "udp.port==5004,rtp", "-d", "udp.port==5006,rtp", "-d", "udp.port==5005,rtcp"];
DEMO_DECODE_AS.push("-d", "udp.port==5007,rtcp");

Deno.test({
  name: "UdpClassifier agrees with tshark on every datagram of demo.pcap",
  ignore: !hasTshark,
  async fn() {
    const theirs = await tsharkKinds("demo.pcap", DEMO_DECODE_AS);
    const c = new UdpClassifier();
    const { matrix, mismatches } = confusion(
      demo,
      (d) => c.classify(d.bytes, 0, d.bytes.length, d.srcPort, d.dstPort),
      theirs,
    );
    deepStrictEqual(mismatches, []);
    strictEqual(demo.length, 1798);
    // tshark rows: RTP 1124, RTCP 6, MPEG-TS 532, STUN 96 (76 + 20 Send/Data indications), ChannelData 20, and 20
    // relay-to-relay payloads (16 "data", 4 "wg") that are neither: uclient's counter + 0x07 fill, Unknown to us.
    deepStrictEqual(
      [K.Rtp, K.Rtcp, K.MpegTs, K.Stun, K.ChannelData, K.Unknown].map((k) => matrix[k]![k]),
      [1124, 6, 532, 96, 20, 20],
    );
    deepStrictEqual([...c.counts], [20, 96, 20, 532, 6, 1124, 0, 0]);
  },
});

Deno.test("UdpClassifier gives the same answers on demo.pcap after learning demo.sdp", async () => {
  const sdp = parseSdp(await Deno.readTextFile(new URL("demo.sdp", TESTDATA)));
  ok(!isFailure(sdp));
  const plain = new UdpClassifier();
  const informed = new UdpClassifier();
  informed.learnFromSdp(portsOf(sdp));
  for (const d of demo) {
    const a = plain.classify(d.bytes, 0, d.bytes.length, d.srcPort, d.dstPort);
    strictEqual(informed.classify(d.bytes, 0, d.bytes.length, d.srcPort, d.dstPort), a, `frame ${d.frame}`);
  }
});

for (const file of ["stun/ice.pcap", "stun/turn-ipv6.pcap"]) {
  Deno.test({
    name: `UdpClassifier agrees with tshark on every datagram of ${file}`,
    ignore: !hasTshark,
    async fn() {
      const theirs = await tsharkKinds(file, []);
      const c = new UdpClassifier();
      const list = await datagrams(file);
      const { mismatches } = confusion(
        list,
        (d) => c.classify(d.bytes, 0, d.bytes.length, d.srcPort, d.dstPort),
        theirs,
      );
      deepStrictEqual(mismatches, []);
      ok(c.counts[K.ChannelData]! > 0);
    },
  });
}

const BY_PORT: readonly [string, Record<number, PayloadKind>][] = [
  ["rtp-analysis/h264.pcap", { 5014: K.Rtp }],
  ["rtp-analysis/opus.pcap", { 5012: K.Rtp }],
  ["rtp-analysis/pcmu.pcap", { 5010: K.Rtp }],
  ["mpegts/h264-ac3-dvb.pcap", { 1242: K.MpegTs }],
  ["mpegts/hevc-atsc.pcap", { 1244: K.MpegTs }],
  ["mpegts/mpeg2-multilang.pcap", { 1240: K.MpegTs }],
  ["mpegts/rtp-mpegts.pcap", { 5010: K.Rtp }], // MPEG-TS inside RTP (RFC 2250): RTP first
];

for (const [file, want] of BY_PORT) {
  Deno.test(`UdpClassifier classifies every datagram of ${file} by its port`, async () => {
    const c = new UdpClassifier();
    const list = await datagrams(file);
    ok(list.length > 0);
    for (const d of list) {
      const kind = c.classify(d.bytes, 0, d.bytes.length, d.srcPort, d.dstPort);
      strictEqual(PAYLOAD_KIND_NAMES[kind], PAYLOAD_KIND_NAMES[want[d.dstPort] ?? K.Unknown], `frame ${d.frame}`);
    }
  });
}

// ---- fuzz --------------------------------------------------------------------------------------------------------

Deno.test("UdpClassifier.classify() never throws or reads outside the payload on 100k random and mutated payloads", () => {
  const rand = seeded(0x5eed);
  const seeds = [RTP_VIDEO, RTCP_SR_SDES, MPEGTS, STUN_BINDING, CHANNEL_DATA_72B7, CHANNEL_DATA_4000, RELAY_PEER]
    .map((d) => d.bytes).concat([ZRTP_HELLO, DTLS_CLIENT_HELLO, SDES_ONLY, RTCP_WITH_TRAILER, TS_ALSO_CHANNEL]);
  const ports = [3478, 5004, 5005, 1234, 40000, 40001, 0, 65535];
  const c = new UdpClassifier({ learnedPortLimit: 64 });
  c.learnFromSdp([{ port: 5004, carries: "rtp+rtcp" }, { port: 40001, carries: "rtcp" }, {
    port: 40000,
    carries: "rtp",
  }]);
  const buf = new Uint8Array(1400 + 16);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)]!;
  let total = 0;
  for (let i = 0; i < 100_000; i++) {
    let length: number;
    if (i % 2 === 0) {
      length = Math.floor(rand() * (i % 10 === 0 ? 1400 : 40));
      for (let j = 0; j < length; j++) buf[8 + j] = rand() * 256;
    } else {
      const s = pick(seeds);
      length = Math.min(s.length, 1400);
      buf.set(s.subarray(0, length), 8);
      for (let m = 1 + Math.floor(rand() * 4); m > 0; m--) buf[8 + Math.floor(rand() * length)] = rand() * 256;
      if (rand() < 0.3) length = Math.floor(rand() * (length + 1));
      if (rand() < 0.1) buf[8] = pick([0x00, 0x10, 0x16, 0x47, 0x40, 0x72, 0x80, 0xbf]);
    }
    const view = i % 5 === 0 ? guarded(buf, 8, 8 + length) : buf;
    const kind = c.classify(view, 8, length, pick(ports), Math.floor(rand() * 65536));
    ok(kind >= 0 && kind < PAYLOAD_KIND_NAMES.length);
    total++;
  }
  strictEqual(c.counts.reduce((a, b) => a + b, 0), total);
  ok(c.turnPortCount <= 64 && c.rtpPortCount <= 64);
});
