import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { type DecodeFailure, isFailure } from "../decode_result.ts";
import { concat, hex, pick, withByte } from "../_fixtures.ts";
import * as F from "./_fixtures.ts";
import { STUN_CAPTURES, udpDatagrams } from "./_captures.ts";
import {
  type ChannelData,
  decodeChannelData,
  decodeStun,
  type DemuxHint,
  demuxHint,
  iceView,
  looksLikeChannelData,
  type LooksLikeChannelDataOptions,
} from "./mod.ts";

function decoded(bytes: Uint8Array, offset?: number, length?: number): ChannelData {
  const c = decodeChannelData(bytes, offset, length);
  if (isFailure(c)) throw new Error(`expected ChannelData: ${c.detail}`);
  return c;
}

const CASES: { name: string; bytes: Uint8Array; want: ChannelData }[] = [
  {
    name: "reads coturn 4.6's channel 0x72B7 and flags it as reserved (demo.pcap frame 757)",
    bytes: F.DEMO_CHANNEL_DATA.bytes,
    // uclient's payload starts with 4 zero bytes, so RFC 7983 would call it STUN: a hint, not a verdict.
    want: {
      offset: 0,
      channel: 0x72b7,
      reservedChannel: true,
      dataOffset: 4,
      dataLength: 120,
      padding: 0,
      trailingBytes: 0,
      payloadHint: "stun",
    },
  },
  {
    name: "reads an ICE check relayed on channel 0x4000 (ice.pcap frame 22)",
    bytes: F.ICE_CHANNEL_DATA_CHECK.bytes,
    want: {
      offset: 0,
      channel: 0x4000,
      reservedChannel: false,
      dataOffset: 4,
      dataLength: 92,
      padding: 0,
      trailingBytes: 0,
      payloadHint: "stun",
    },
  },
  {
    name: "reads 18 bytes of data sent without padding over UDP (ice.pcap frame 31)",
    bytes: F.ICE_CHANNEL_DATA_UNPADDED.bytes,
    want: {
      offset: 0,
      channel: 0x4000,
      reservedChannel: false,
      dataOffset: 4,
      dataLength: 18,
      padding: 0,
      trailingBytes: 0,
      payloadHint: "unknown",
    },
  },
  {
    name: "counts the padding turnutils_uclient -D adds to 41 bytes of data (turn-ipv6.pcap frame 41)",
    bytes: F.TURN6_CHANNEL_DATA_PADDED.bytes,
    want: {
      offset: 0,
      channel: F.TURN6_CHANNEL_DATA_PADDED.bytes[0]! * 256 + F.TURN6_CHANNEL_DATA_PADDED.bytes[1]!,
      reservedChannel: false,
      dataOffset: 4,
      dataLength: 41,
      padding: 3,
      trailingBytes: 0,
      payloadHint: "stun",
    },
  },
  {
    name: "counts bytes after data and padding as trailing (a TCP stream's next message)",
    bytes: concat(hex`4001 0005 0a0b0c0d0e 000000`, hex`4001 0000`),
    want: {
      offset: 0,
      channel: 0x4001,
      reservedChannel: false,
      dataOffset: 4,
      dataLength: 5,
      padding: 3,
      trailingBytes: 4,
      payloadHint: "unknown",
    },
  },
  {
    name: "reads an empty ChannelData message",
    bytes: hex`4fff 0000`,
    want: {
      offset: 0,
      channel: 0x4fff,
      reservedChannel: false,
      dataOffset: 4,
      dataLength: 0,
      padding: 0,
      trailingBytes: 0,
      payloadHint: "empty",
    },
  },
  {
    name: "reads channel 0x5000 as reserved",
    bytes: hex`5000 0001 80`,
    want: {
      offset: 0,
      channel: 0x5000,
      reservedChannel: true,
      dataOffset: 4,
      dataLength: 1,
      padding: 0,
      trailingBytes: 0,
      payloadHint: "rtp-rtcp",
    },
  },
];

for (const c of CASES) {
  Deno.test(`decodeChannelData() ${c.name}`, () => deepStrictEqual(decoded(c.bytes), c.want));
}

Deno.test("decodeChannelData() finds the relayed ICE check, which decodeStun() then reads (ice.pcap frame 22)", () => {
  const c = decoded(F.ICE_CHANNEL_DATA_CHECK.bytes);
  const m = decodeStun(F.ICE_CHANNEL_DATA_CHECK.bytes, c.dataOffset, c.dataLength);
  if (isFailure(m)) throw new Error(m.detail);
  strictEqual(m.fingerprint, "valid");
  const ice = iceView(m);
  strictEqual(ice?.connectivityCheck, true);
  strictEqual(ice?.role, "controlling");
});

Deno.test("decodeChannelData() indexes the whole frame when given the UDP payload's offset", async () => {
  const d = (await udpDatagrams("demo.pcap")).find((x) => x.frame === 757)!;
  const c = decoded(d.frameBytes, d.offset, d.length);
  strictEqual(c.offset, 42);
  strictEqual(c.dataOffset, 46);
  strictEqual(c.dataLength, 120);
});

const FAILURES: { name: string; bytes: Uint8Array; offset?: number; length?: number; want: Partial<DecodeFailure> }[] =
  [
    {
      name: "reports 3 bytes as truncated",
      bytes: hex`4000 00`,
      want: { protocol: "turn", reason: "truncated", offset: 0 },
    },
    {
      name: "rejects channel 0x3FFF",
      bytes: hex`3fff 0000`,
      want: { reason: "bad-value", detail: "channel 0x3fff is outside 0x4000–0x7fff (RFC 8656 §12)" },
    },
    { name: "rejects channel 0x8000 (an RTP first byte)", bytes: hex`8000 0000`, want: { reason: "bad-value" } },
    { name: "rejects a STUN message", bytes: F.DEMO_BINDING_REQUEST.bytes, want: { reason: "bad-value" } },
    {
      name: "reports a length past the end as truncated",
      bytes: F.DEMO_CHANNEL_DATA.bytes.subarray(0, 100),
      want: { reason: "truncated", offset: 2, detail: "ChannelData length says 120 bytes, 96 remain" },
    },
    {
      name: "reports an offset past the end as truncated",
      bytes: hex`4000 0000`,
      offset: 5,
      want: { reason: "truncated" },
    },
    {
      name: "reports a negative length as truncated",
      bytes: hex`4000 0000`,
      offset: 0,
      length: -1,
      want: { reason: "truncated" },
    },
  ];

for (const c of FAILURES) {
  Deno.test(`decodeChannelData() ${c.name}`, () => {
    const f = decodeChannelData(c.bytes, c.offset, c.length);
    ok(isFailure(f));
    deepStrictEqual(pick(f, c.want), c.want);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// looksLikeChannelData().

const LOOKS: { name: string; bytes: Uint8Array; options?: LooksLikeChannelDataOptions; want: boolean }[] = [
  { name: "accepts channel 0x4000 (ice.pcap frame 22)", bytes: F.ICE_CHANNEL_DATA_CHECK.bytes, want: true },
  { name: "accepts padded data (turn-ipv6.pcap frame 41)", bytes: F.TURN6_CHANNEL_DATA_PADDED.bytes, want: true },
  {
    name: "rejects coturn 4.6's channel 0x72B7 by default (demo.pcap frame 757)",
    bytes: F.DEMO_CHANNEL_DATA.bytes,
    want: false,
  },
  {
    name: "accepts channel 0x72B7 with reservedChannels",
    bytes: F.DEMO_CHANNEL_DATA.bytes,
    options: { reservedChannels: true },
    want: true,
  },
  {
    name: "rejects first byte 128 even with reservedChannels",
    bytes: hex`8000 0000`,
    options: { reservedChannels: true },
    want: false,
  },
  { name: "rejects first byte 63", bytes: hex`3fff 0000`, want: false },
  { name: "rejects a STUN message", bytes: F.DEMO_BINDING_REQUEST.bytes, want: false },
  { name: "rejects 3 bytes", bytes: hex`4000 00`, want: false },
  {
    name: "rejects a length past the end",
    bytes: F.DEMO_CHANNEL_DATA.bytes.subarray(0, 100),
    options: { reservedChannels: true },
    want: false,
  },
  { name: "rejects more than padding after the data over UDP", bytes: hex`4000 0004 01020304 00000000`, want: false },
  {
    name: "accepts more than padding after the data in a TCP stream",
    bytes: hex`4000 0004 01020304 00000000`,
    options: { stream: true },
    want: true,
  },
  { name: "accepts up to 3 bytes of padding over UDP", bytes: hex`4000 0001 01 000000`, want: true },
  { name: "rejects a fourth padding byte over UDP", bytes: hex`4000 0001 01 00000000`, want: false },
  // An MPEG-TS packet starts with 0x47 (71), inside 64–79: its bytes 2–3 (PID low bits, flags) rarely fit as a length.
  {
    name: "rejects a 188-byte MPEG-TS packet whose bytes 2–3 are 0x0010",
    bytes: concat(hex`4740 0010`, new Uint8Array(184)),
    want: false,
  },
];

for (const c of LOOKS) {
  Deno.test(`looksLikeChannelData() ${c.name}`, () => {
    strictEqual(looksLikeChannelData(c.bytes, 0, c.bytes.length, c.options), c.want);
  });
}

Deno.test("looksLikeChannelData() accepts exactly tshark's ChannelData datagrams of the captures", async () => {
  const counts = { strict: 0, reserved: 0, stream: 0 };
  for (const file of STUN_CAPTURES) {
    for (const d of await udpDatagrams(file)) {
      const at = `${file} frame ${d.frame}`;
      const decodes = !isFailure(decodeChannelData(d.frameBytes, d.offset, d.length));
      const looks = {
        strict: looksLikeChannelData(d.frameBytes, d.offset, d.length),
        reserved: looksLikeChannelData(d.frameBytes, d.offset, d.length, { reservedChannels: true }),
        stream: looksLikeChannelData(d.frameBytes, d.offset, d.length, { reservedChannels: true, stream: true }),
      };
      for (const [mode, yes] of Object.entries(looks)) {
        if (!yes) continue;
        ok(decodes, `${at}: looksLikeChannelData() ${mode} but decodeChannelData() fails`);
        counts[mode as keyof typeof counts]++;
      }
    }
  }
  // tshark -Y stun.channel: demo.pcap 20 (0x72b7, 0x73a1), ice.pcap 5 (0x4000), turn-ipv6.pcap 5 (0x4cb3 twice,
  // 0x7aba twice, 0x7fe0). The UDP rules take exactly those; the stream rules also take 424 of demo.pcap's 532 MPEG-TS
  // datagrams (first byte 0x47, and bytes 2–3 read as a length that fits), which is why they are only for TCP.
  deepStrictEqual(counts, { strict: 5 + 2, reserved: 20 + 5 + 5, stream: 30 + 424 });
});

// ---------------------------------------------------------------------------------------------------------------
// demuxHint(): RFC 7983 §7, each boundary.

const HINTS: [number | undefined, DemuxHint][] = [
  [0, "stun"],
  [3, "stun"],
  [4, "unknown"],
  [15, "unknown"],
  [16, "zrtp"],
  [19, "zrtp"],
  [20, "dtls"],
  [63, "dtls"],
  [64, "turn-channel"],
  [79, "turn-channel"],
  [80, "unknown"],
  [127, "unknown"],
  [128, "rtp-rtcp"],
  [191, "rtp-rtcp"],
  [192, "unknown"],
  [255, "unknown"],
  [undefined, "empty"],
];
for (const [byte, hint] of HINTS) {
  Deno.test(`demuxHint() calls first byte ${byte} "${hint}"`, () => strictEqual(demuxHint(byte), hint));
}

Deno.test("decodeChannelData() hints DTLS for a relayed DTLS record", () => {
  strictEqual(decoded(withByte(hex`4000 0004 16fefd00`, 4, 0x16)).payloadHint, "dtls");
});
