import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { isFailure } from "../decode_result.ts";
import { concat, withByte } from "../_fixtures.ts";
import {
  decodeTsDatagram,
  decodeTsPacket,
  looksLikeMpegTs,
  TS_STATUS_NAMES,
  type TsHeader,
  TsPacketReader,
  TsStatus,
} from "./packet.ts";
import * as F from "./_fixtures.ts";

/** demo.pcap frame 1: the whole 7-packet datagram. */
const FRAME_1 = concat(
  F.DEMO_SDT.bytes,
  F.DEMO_PAT.bytes,
  F.DEMO_PMT.bytes,
  F.DEMO_PCR_ONLY.bytes,
  F.DEMO_NULL.bytes,
  F.DEMO_NULL.bytes,
  F.DEMO_VIDEO_PES_START.bytes,
);

function header(p: TsHeader): TsHeader {
  const { tei, pusi, priority, pid, scrambling, afc, cc } = p;
  return { tei, pusi, priority, pid, scrambling, afc, cc };
}

const h = (pid: number, pusi: boolean, afc: number, cc: number): TsHeader => ({
  tei: false,
  pusi,
  priority: false,
  pid,
  scrambling: 0,
  afc,
  cc,
});

const headerCases: { name: string; fixture: F.TsFixture; want: TsHeader; payloadOffset: number }[] = [
  { name: "reads the SDT packet (PID 0x11, PUSI)", fixture: F.DEMO_SDT, want: h(0x11, true, 1, 0), payloadOffset: 4 },
  { name: "reads the PAT packet (PID 0)", fixture: F.DEMO_PAT, want: h(0, true, 1, 0), payloadOffset: 4 },
  { name: "reads the PMT packet (PID 0x1000)", fixture: F.DEMO_PMT, want: h(0x1000, true, 1, 0), payloadOffset: 4 },
  {
    name: "reads an adaptation-field-only packet (AFC '10', CC 15) with no payload",
    fixture: F.DEMO_PCR_ONLY,
    want: h(0x100, false, 2, 15),
    payloadOffset: 188,
  },
  { name: "reads a null packet (PID 0x1FFF)", fixture: F.DEMO_NULL, want: h(0x1fff, false, 1, 0), payloadOffset: 4 },
  {
    name: "reads a PES start after an 8-byte adaptation field",
    fixture: F.DEMO_VIDEO_PES_START,
    want: h(0x100, true, 3, 0),
    payloadOffset: 12,
  },
  {
    name: "keeps the payload after an adaptation field of length 0 (the original dropped the packet)",
    fixture: F.DEMO_AF_LENGTH_0,
    want: h(0x100, false, 3, 7),
    payloadOffset: 5,
  },
  {
    name: "reads the end of a PMT that spans two packets (PUSI 0, CC 1)",
    fixture: F.MULTILANG_PMT_END,
    want: h(0x1000, false, 1, 1),
    payloadOffset: 4,
  },
];

for (const c of headerCases) {
  Deno.test(`decodeTsPacket() ${c.name} (${c.fixture.file} frame ${c.fixture.frame})`, () => {
    const p = decodeTsPacket(c.fixture.bytes, 0);
    ok(!isFailure(p), isFailure(p) ? p.detail : "");
    deepStrictEqual(header(p), c.want);
    strictEqual(p.payloadOffset, c.payloadOffset);
    strictEqual(p.payload.length, 188 - c.payloadOffset);
    ok(p.adaptationField === null || !isFailure(p.adaptationField));
  });
}

const failureCases: { name: string; bytes: Uint8Array; offset?: number; reason: string }[] = [
  { name: "reports 187 bytes as truncated", bytes: F.DEMO_PAT.bytes.subarray(0, 187), reason: "truncated" },
  {
    name: "reports a sync byte of 0x48 as a bad value",
    bytes: withByte(F.DEMO_PAT.bytes, 0, 0x48),
    reason: "bad-value",
  },
  { name: "reports a negative offset as truncated", bytes: F.DEMO_PAT.bytes, offset: -1, reason: "truncated" },
];
for (const c of failureCases) {
  Deno.test(`decodeTsPacket() ${c.name}`, () => {
    const p = decodeTsPacket(c.bytes, c.offset ?? 0);
    strictEqual(isFailure(p) && p.reason, c.reason);
  });
}

Deno.test("decodeTsPacket() keeps the header of a packet whose adaptation field runs past it", () => {
  const p = decodeTsPacket(withByte(F.DEMO_VIDEO_PES_START.bytes, 4, 184), 0);
  ok(!isFailure(p));
  strictEqual(p.pid, 0x100);
  ok(p.adaptationField !== null && isFailure(p.adaptationField));
  strictEqual(p.payload.length, 0);
});

Deno.test("decodeTsPacket() reports AFC '00' (reserved) with no adaptation field and no payload", () => {
  const p = decodeTsPacket(withByte(F.DEMO_PAT.bytes, 3, 0x00), 0);
  ok(!isFailure(p));
  deepStrictEqual([p.afc, p.adaptationField, p.payload.length], [0, null, 0]);
});

Deno.test("decodeTsPacket() reads TEI, priority and scrambling bits", () => {
  const bytes = withByte(withByte(F.DEMO_NULL.bytes, 1, 0xbf), 3, 0xd5); // TEI + priority, PID 0x1fff; scrambling 3
  const p = decodeTsPacket(bytes, 0);
  ok(!isFailure(p));
  deepStrictEqual(header(p), { tei: true, pusi: false, priority: true, pid: 0x1fff, scrambling: 3, afc: 1, cc: 5 });
});

Deno.test("decodeTsDatagram() decodes the 7 packets of demo.pcap frame 1", () => {
  const d = decodeTsDatagram(FRAME_1);
  ok(!isFailure(d));
  deepStrictEqual(d.packets.map((p) => isFailure(p) ? -1 : p.pid), [0x11, 0, 0x1000, 0x100, 0x1fff, 0x1fff, 0x100]);
});

Deno.test("decodeTsDatagram() decodes TS behind an RTP header (payload type 33)", () => {
  const rtp = concat(F.RTP_MPEGTS_HEADER, F.DEMO_PAT.bytes, F.DEMO_PMT.bytes);
  const d = decodeTsDatagram(rtp, 12, 376);
  ok(!isFailure(d));
  deepStrictEqual(d.packets.map((p) => isFailure(p) ? -1 : p.offset), [12, 200]);
});

Deno.test("decodeTsDatagram() keeps the other packets when one has a bad sync byte", () => {
  const d = decodeTsDatagram(withByte(FRAME_1, 188 * 2, 0x00));
  ok(!isFailure(d));
  deepStrictEqual(d.packets.map((p) => isFailure(p) ? p.reason : "ok"), [
    "ok",
    "ok",
    "bad-value",
    "ok",
    "ok",
    "ok",
    "ok",
  ]);
});

const datagramFailures: { name: string; bytes: Uint8Array; offset?: number; length?: number; reason: string }[] = [
  { name: "rejects an empty datagram", bytes: new Uint8Array(0), reason: "bad-length" },
  { name: "rejects 189 bytes", bytes: concat(F.DEMO_PAT.bytes, new Uint8Array(1)), reason: "bad-length" },
  { name: "rejects 8 packets (1504 bytes)", bytes: concat(FRAME_1, F.DEMO_NULL.bytes), reason: "bad-length" },
  { name: "reports a length past the buffer as truncated", bytes: F.DEMO_PAT.bytes, length: 376, reason: "truncated" },
];
for (const c of datagramFailures) {
  Deno.test(`decodeTsDatagram() ${c.name}`, () => {
    const d = decodeTsDatagram(c.bytes, c.offset ?? 0, c.length ?? c.bytes.length - (c.offset ?? 0));
    strictEqual(isFailure(d) && d.reason, c.reason);
  });
}

const classifierCases: { name: string; bytes: Uint8Array; offset?: number; length?: number; want: boolean }[] = [
  { name: "accepts demo.pcap frame 1 (7 packets)", bytes: FRAME_1, want: true },
  { name: "accepts one packet", bytes: F.DEMO_NULL.bytes, want: true },
  {
    name: "accepts TS after a 12-byte RTP header",
    bytes: concat(F.RTP_MPEGTS_HEADER, FRAME_1),
    offset: 12,
    want: true,
  },
  { name: "rejects the same without the offset", bytes: concat(F.RTP_MPEGTS_HEADER, FRAME_1), want: false },
  { name: "rejects an empty payload", bytes: new Uint8Array(0), want: false },
  {
    name: "rejects 0x47 followed by 187 bytes and one more",
    bytes: concat(F.DEMO_NULL.bytes, new Uint8Array(1)),
    want: false,
  },
  { name: "rejects a missing sync byte in the 5th packet", bytes: withByte(FRAME_1, 188 * 4, 0x46), want: false },
  { name: "rejects 8 packets", bytes: concat(FRAME_1, F.DEMO_NULL.bytes), want: false },
  { name: "rejects a length past the buffer", bytes: F.DEMO_NULL.bytes, length: 376, want: false },
  {
    name: "rejects TURN ChannelData 0x4701 of 188 bytes without a second sync",
    bytes: concat(F.DEMO_NULL.bytes, withByte(F.DEMO_NULL.bytes, 0, 0x00)),
    want: false,
  },
];
for (const c of classifierCases) {
  Deno.test(`looksLikeMpegTs() ${c.name}`, () => {
    const offset = c.offset ?? 0;
    strictEqual(looksLikeMpegTs(c.bytes, offset, c.length ?? c.bytes.length - offset), c.want);
  });
}

Deno.test("TsPacketReader agrees with decodeTsPacket() on every fixture", () => {
  const r = new TsPacketReader();
  for (const [name, f] of Object.entries(F)) {
    if (typeof f !== "object" || f === null || !("frame" in f)) continue;
    strictEqual(r.decodeAt(f.bytes, 0), TsStatus.Ok, name);
    const p = decodeTsPacket(f.bytes, 0);
    ok(!isFailure(p));
    deepStrictEqual(header(r), header(p), name);
    strictEqual(r.payloadOffset, p.payloadOffset, name);
    strictEqual(r.payloadLength, p.payload.length, name);
    const af = p.adaptationField;
    strictEqual(r.afLength, af === null || isFailure(af) ? -1 : af.length, name);
    strictEqual(r.pcr, af === null || isFailure(af) || af.pcr === null ? -1 : af.pcr.value, name);
    strictEqual(r.discontinuity, af !== null && !isFailure(af) && af.discontinuity, name);
  }
});

Deno.test("TsPacketReader walks demo.pcap frame 1 and reads both PCRs", () => {
  const r = new TsPacketReader();
  ok(r.begin(FRAME_1, 0, FRAME_1.length));
  const seen: [number, number, number][] = [];
  while (r.next()) seen.push([r.index, r.pid, r.pcr]);
  // tshark: mp2t.af.pcr 0x1252104 (19210500 = 64035 × 300) and 0x129c6b4 (19515060 = 65050 × 300 + 60)
  deepStrictEqual(seen, [
    [0, 0x11, -1],
    [1, 0, -1],
    [2, 0x1000, -1],
    [3, 0x100, 19210500],
    [4, 0x1fff, -1],
    [5, 0x1fff, -1],
    [6, 0x100, 19515060],
  ]);
  strictEqual(r.next(), false);
});

Deno.test("TsPacketReader reads TS behind an RTP header", () => {
  const r = new TsPacketReader();
  const rtp = concat(F.RTP_MPEGTS_HEADER, F.DEMO_PAT.bytes);
  ok(r.begin(rtp, 12, 188));
  ok(r.next());
  deepStrictEqual([r.status, r.offset, r.pid, r.payloadOffset], [TsStatus.Ok, 12, 0, 16]);
});

Deno.test("TsPacketReader overwrites every field of the previous packet", () => {
  const reused = new TsPacketReader();
  reused.decodeAt(F.MULTILANG_VIDEO_PES_START.bytes, 0);
  reused.decodeAt(F.DEMO_NULL.bytes, 0);
  const fresh = new TsPacketReader();
  fresh.decodeAt(F.DEMO_NULL.bytes, 0);
  deepStrictEqual({ ...reused }, { ...fresh });
  deepStrictEqual([reused.afLength, reused.hasPcr, reused.discontinuity], [-1, false, false]);
});

const readerStatusCases: { name: string; bytes: Uint8Array; status: TsStatus; pid: number }[] = [
  {
    name: "reports a bad sync byte and no PID",
    bytes: withByte(F.DEMO_PAT.bytes, 0, 0x00),
    status: TsStatus.BadSync,
    pid: -1,
  },
  {
    name: "reports an adaptation field longer than 183 bytes",
    bytes: withByte(F.DEMO_VIDEO_PES_START.bytes, 4, 184),
    status: TsStatus.BadAdaptationField,
    pid: 0x100,
  },
  {
    name: "reports a PCR flag in an adaptation field too short for it",
    bytes: withByte(F.DEMO_VIDEO_PES_START.bytes, 4, 3),
    status: TsStatus.BadAdaptationField,
    pid: 0x100,
  },
  {
    name: "reports AFC '00' as reserved",
    bytes: withByte(F.DEMO_PAT.bytes, 3, 0x00),
    status: TsStatus.ReservedAdaptationFieldControl,
    pid: 0,
  },
];
for (const c of readerStatusCases) {
  Deno.test(`TsPacketReader.decodeAt() ${c.name}`, () => {
    const r = new TsPacketReader();
    strictEqual(r.decodeAt(c.bytes, 0), c.status);
    strictEqual(r.pid, c.pid);
    strictEqual(r.payloadLength, 0);
  });
}

Deno.test("TsPacketReader.begin() refuses lengths that are not 1–7 whole packets", () => {
  const r = new TsPacketReader();
  for (const [offset, length] of [[0, 0], [0, 187], [0, 1504], [1, 1316], [-1, 188]] as const) {
    strictEqual(r.begin(FRAME_1, offset, length), false, `${offset}+${length}`);
    strictEqual(r.status, TsStatus.BadDatagramLength);
    strictEqual(r.next(), false);
  }
  strictEqual(TS_STATUS_NAMES[TsStatus.BadDatagramLength], "bad-datagram-length");
});
