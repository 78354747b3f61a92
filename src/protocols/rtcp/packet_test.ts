import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { decodeRtcpCompound, decodeRtcpPacket, looksLikeRtcpCompound, type RtcpPacket } from "./packet.ts";
import { DEMO_CNAME, DEMO_COMPOUNDS, DEMO_FRAME_8, HAND_BUILT, headerAt, subset } from "./_fixtures.ts";
import { concat, hex, withByte } from "../_fixtures.ts";
import { FrameDecoder, FrameStatus } from "../frame.ts";
import { readPcapFile } from "../../../tests/_pcap_reader.ts";
import { hasTshark } from "./_tshark.ts";

const DEMO_PCAP = new URL("../../../tests/testdata/demo.pcap", import.meta.url);
const RTCP_PORTS = new Set([5005, 5007]);

/** The UDP payload of every frame of demo.pcap, with its frame number and destination port. */
async function demoPayloads(): Promise<{ frame: number; port: number; payload: Uint8Array }[]> {
  const pcap = await readPcapFile(DEMO_PCAP);
  const d = new FrameDecoder();
  const out = [];
  for (const r of pcap.records) {
    if (d.decode(r.data, pcap.linkType, r.originalLength) !== FrameStatus.Ok || d.transport !== 17) continue;
    out.push({
      frame: r.frameNumber,
      port: d.dstPort,
      payload: r.data.subarray(d.payloadOffset, d.payloadOffset + d.payloadLength),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// The real capture.

Deno.test("DEMO_COMPOUNDS equal the RTCP payloads of tests/testdata/demo.pcap byte for byte", async () => {
  const rtcp = (await demoPayloads()).filter((p) => RTCP_PORTS.has(p.port));
  deepStrictEqual(
    rtcp.map((p) => ({ frame: p.frame, port: p.port, bytes: [...p.payload] })),
    DEMO_COMPOUNDS.map((c) => ({ frame: c.frame, port: c.port, bytes: [...c.bytes] })),
  );
});

Deno.test("looksLikeRtcpCompound() picks exactly the 6 RTCP datagrams out of demo.pcap's 1798 UDP payloads", async () => {
  const all = await demoPayloads();
  strictEqual(all.length, 1798);
  const picked = all.filter((p) => looksLikeRtcpCompound(p.payload)).map((p) => p.frame);
  deepStrictEqual(picked, DEMO_COMPOUNDS.map((c) => c.frame));
});

Deno.test({
  name: "decodeRtcpCompound() reads every RTCP datagram of demo.pcap as tshark does (SR fields and CNAME)",
  ignore: !hasTshark,
  fn: async () => {
    const fields = [
      "frame.number",
      "rtcp.senderssrc",
      "rtcp.timestamp.ntp.msw",
      "rtcp.timestamp.ntp.lsw",
      "rtcp.timestamp.rtp",
      "rtcp.sender.packetcount",
      "rtcp.sender.octetcount",
      "rtcp.sdes.text",
    ];
    const args = ["-r", DEMO_PCAP.pathname, "-d", "udp.port==5005,rtcp", "-d", "udp.port==5007,rtcp", "-Y", "rtcp"];
    args.push("-T", "fields", "-E", "separator=\t", ...fields.flatMap((f) => ["-e", f]));
    const out = await new Deno.Command("tshark", { args, stdout: "piped", stderr: "null" }).output();
    ok(out.success, "tshark failed");
    const theirs = new TextDecoder().decode(out.stdout).trimEnd().split("\n").map((l) => l.split("\t"));
    const ours = (await demoPayloads()).filter((p) => RTCP_PORTS.has(p.port)).map((p) => {
      const { packets, failure } = decodeRtcpCompound(p.payload);
      strictEqual(failure, null);
      const [sr, sdes] = packets;
      if (sr?.type !== "sr" || sdes?.type !== "sdes") throw new Error(`frame ${p.frame}: not SR + SDES`);
      return [
        p.frame,
        `0x${sr.ssrc.toString(16).padStart(8, "0")}`,
        sr.ntpSeconds,
        sr.ntpFraction,
        sr.rtpTimestamp,
        sr.packetCount,
        sr.octetCount,
        sdes.chunks[0]!.items.find((i) => i.itemType === 1)!.text,
      ].map(String);
    });
    strictEqual(theirs.length, 6);
    deepStrictEqual(ours, theirs);
    ok(ours.every((row) => row[7] === DEMO_CNAME));
  },
});

// ---------------------------------------------------------------------------------------------------------------
// Compounds.

const types = (packets: RtcpPacket[]) => packets.map((p) => p.type);

const compoundCases: {
  name: string;
  bytes: Uint8Array;
  offset?: number;
  length?: number;
  types: string[];
  failure: Record<string, unknown> | null;
}[] = [
  {
    name: "splits demo.pcap frame 8 into SR and SDES",
    bytes: DEMO_FRAME_8.bytes,
    types: ["sr", "sdes"],
    failure: null,
  },
  { name: "splits RR, SDES and BYE", bytes: HAND_BUILT.RR_SDES_BYE!, types: ["rr", "sdes", "bye"], failure: null },
  {
    name: "dispatches RTPFB and PSFB by FMT, keeping unknown FMTs raw",
    bytes: HAND_BUILT.UNKNOWN_FEEDBACK!,
    types: ["rtpfb-unknown", "psfb-unknown"],
    failure: null,
  },
  {
    name: "keeps PTs it does not know (195 IJ, 222)",
    bytes: HAND_BUILT.IJ_AND_UNKNOWN_PT!,
    types: ["unknown", "unknown"],
    failure: null,
  },
  {
    name: "keeps a PSFB FMT 15 that is not REMB raw",
    bytes: hex`8f ce 00 03  00 00 00 01  00 00 00 00  41 42 43 44`,
    types: ["psfb-unknown"],
    failure: null,
  },
  {
    name: "decodes a compound at an offset (a UDP payload inside a frame)",
    bytes: concat(new Uint8Array(42), DEMO_FRAME_8.bytes),
    offset: 42,
    types: ["sr", "sdes"],
    failure: null,
  },
  {
    name: "decodes only `length` bytes and leaves what follows alone",
    bytes: concat(DEMO_FRAME_8.bytes, hex`ff ff ff ff`),
    length: 60,
    types: ["sr", "sdes"],
    failure: null,
  },
  {
    name: "keeps the SR when the SDES length runs past the end",
    bytes: DEMO_FRAME_8.bytes.subarray(0, 40),
    types: ["sr"],
    failure: { reason: "bad-length", offset: 30 },
  },
  {
    name: "keeps the SR and SDES when 3 bytes trail them",
    bytes: concat(DEMO_FRAME_8.bytes, hex`80 c9 00`),
    types: ["sr", "sdes"],
    failure: { reason: "truncated", offset: 60 },
  },
  {
    name: "keeps the SR when the next packet has version 0",
    bytes: withByte(DEMO_FRAME_8.bytes, 28, 0x01),
    types: ["sr"],
    failure: { reason: "bad-version", offset: 28 },
  },
  {
    name: "keeps the RR when the SDES body is malformed, and stops there",
    bytes: withByte(HAND_BUILT.RR_SDES_BYE!, 56, 0x83), // SDES SC 3 with 2 chunks
    types: ["rr"],
    failure: { reason: "truncated" },
  },
  {
    name: "reports an empty compound as truncated",
    bytes: new Uint8Array(0),
    types: [],
    failure: { reason: "truncated" },
  },
  {
    name: "reports an offset past the end as bad-length",
    bytes: DEMO_FRAME_8.bytes,
    offset: 61,
    types: [],
    failure: { reason: "bad-length", offset: 0 },
  },
  {
    name: "reports a negative length as bad-length",
    bytes: DEMO_FRAME_8.bytes,
    length: -4,
    types: [],
    failure: { reason: "bad-length" },
  },
];
for (const c of compoundCases) {
  Deno.test(`decodeRtcpCompound() ${c.name}`, () => {
    const { packets, failure } = decodeRtcpCompound(c.bytes, c.offset, c.length);
    deepStrictEqual(types(packets), c.types);
    deepStrictEqual(failure === null ? null : subset(failure, c.failure ?? {}), c.failure);
    if (failure !== null) strictEqual(failure.protocol, "rtcp");
  });
}

Deno.test("decodeRtcpCompound() decodes every hand-built datagram completely", () => {
  for (const [name, bytes] of Object.entries(HAND_BUILT)) {
    const { packets, failure } = decodeRtcpCompound(bytes);
    strictEqual(failure, null, `${name}: ${failure?.detail}`);
    strictEqual(packets.reduce((n, p) => n + p.byteLength, 0), bytes.length, name);
  }
});

Deno.test("decodeRtcpCompound() gives offsets into the bytes passed, not into the compound", () => {
  const bytes = concat(new Uint8Array(42), HAND_BUILT.RR_SDES_BYE!);
  deepStrictEqual(decodeRtcpCompound(bytes, 42).packets.map((p) => p.offset), [42, 98, 214]);
  const cut = decodeRtcpCompound(bytes, 42, 60);
  strictEqual(cut.failure?.offset, 42 + 56 + 2);
});

Deno.test("decodeRtcpCompound() keeps raw fields as views of the input, not copies", () => {
  const bytes = HAND_BUILT.APP_AND_PADDED_RR!.slice();
  const app = decodeRtcpCompound(bytes).packets[0];
  if (app?.type !== "app") throw new Error("expected APP");
  bytes[12] = 0x99;
  strictEqual(app.data[0], 0x99);
});

Deno.test("decodeRtcpPacket() reads the padded RR's padding", () => {
  const bytes = HAND_BUILT.APP_AND_PADDED_RR!;
  deepStrictEqual(subset(decodeRtcpPacket(bytes, headerAt(bytes, 20)), { type: 0, padding: 0, extension: 0 }), {
    type: "rr",
    padding: 8,
    extension: new Uint8Array(0),
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The classifier's check.

const RR = hex`80 c9 00 01  aa bb cc dd`;
const looksCases: { name: string; bytes: Uint8Array; offset?: number; length?: number; want: boolean }[] = [
  ...DEMO_COMPOUNDS.map((c) => ({ name: `accepts demo.pcap frame ${c.frame}`, bytes: c.bytes, want: true })),
  ...Object.entries(HAND_BUILT).map(([name, bytes]) => ({ name: `accepts ${name}`, bytes, want: true })),
  { name: "accepts a reduced-size compound starting with PSFB (RFC 5506)", bytes: HAND_BUILT.PLI!, want: true },
  { name: "accepts a first PT of 192 (RFC 5761 §4 range)", bytes: withByte(RR, 1, 192), want: true },
  { name: "accepts a first PT of 223", bytes: withByte(RR, 1, 223), want: true },
  { name: "rejects a first PT of 191", bytes: withByte(RR, 1, 191), want: false },
  { name: "rejects a first PT of 224", bytes: withByte(RR, 1, 224), want: false },
  {
    name: "rejects an RTP packet (demo.pcap video, PT 96)",
    bytes: hex`80 60 03 e8  00 00 00 00  11 22 33 44`,
    want: false,
  },
  {
    name: "rejects an RTP packet with marker and PT 72, whose second byte is 200, by its length",
    bytes: hex`80 c8 03 e8  00 00 00 00  11 22 33 44`,
    want: false,
  },
  { name: "rejects a STUN Binding request", bytes: hex`00 01 00 00  21 12 a4 42  00 00 00 00`, want: false },
  { name: "rejects fewer than 4 bytes", bytes: RR.subarray(0, 3), want: false },
  { name: "rejects version 1 in the second packet", bytes: concat(RR, withByte(RR, 0, 0x40)), want: false },
  { name: "rejects a length past the end", bytes: RR.subarray(0, 7), want: false },
  { name: "rejects bytes after the last packet", bytes: concat(RR, hex`00 00 00 00`), want: false },
  { name: "rejects 2 bytes after the last packet", bytes: concat(RR, hex`80 c9`), want: false },
  {
    name: "rejects padding on a packet that is not the last",
    bytes: concat(hex`a0 c9 00 01 00 00 00 04`, RR),
    want: false,
  },
  { name: "rejects a padding count of 0", bytes: hex`a0 c9 00 01 00 00 00 00`, want: false },
  { name: "rejects a padding count past the body", bytes: hex`a0 c9 00 01 00 00 00 05`, want: false },
  { name: "accepts a padding count that fills the body", bytes: hex`a0 c9 00 01 00 00 00 04`, want: true },
  {
    name: "checks only `length` bytes from `offset`",
    bytes: concat(hex`ff ff`, RR, hex`ff`),
    offset: 2,
    length: 8,
    want: true,
  },
  { name: "rejects an offset and length past the end", bytes: RR, offset: 4, length: 8, want: false },
  { name: "rejects a negative offset", bytes: RR, offset: -1, length: 8, want: false },
];
for (const c of looksCases) {
  Deno.test(`looksLikeRtcpCompound() ${c.name}`, () => {
    strictEqual(looksLikeRtcpCompound(c.bytes, c.offset, c.length), c.want);
  });
}
