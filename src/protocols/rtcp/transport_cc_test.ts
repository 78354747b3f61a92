import { deepStrictEqual } from "node:assert/strict";
import { decodeTransportCc, TwccStatus } from "./transport_cc.ts";
import { headerAt, subset, TRANSPORT_CC } from "./_fixtures.ts";
import { hex } from "../_fixtures.ts";

const { NotReceived: N, SmallDelta: S, LargeDelta: L } = TwccStatus;

/** A TWCC packet around `body` (everything after the media SSRC), with sender SSRC 1 and media SSRC 2. */
function twcc(body: Uint8Array, fmt = 15): Uint8Array {
  if (body.length % 4 !== 0) throw new Error(`TWCC test body of ${body.length} bytes is not whole words`);
  const bytes = new Uint8Array(12 + body.length);
  bytes.set([0x80 | fmt, 205, 0, (bytes.length >> 2) - 1, 0, 0, 0, 1, 0, 0, 0, 2]);
  bytes.set(body, 12);
  return bytes;
}

const cases: { name: string; bytes: Uint8Array; want: Record<string, unknown> }[] = [
  {
    name: "expands run length, 1-bit and 2-bit chunks and reads small, large and negative deltas",
    bytes: TRANSPORT_CC,
    want: {
      type: "twcc",
      senderSsrc: 0xaabbccdd,
      mediaSsrc: 0x11223344,
      baseSequence: 65533,
      statusCount: 20,
      referenceTime: -2,
      referenceTimeMillis: -128,
      feedbackPacketCount: 7,
      chunks: [
        { kind: "run", status: S, runLength: 3 },
        { kind: "vector", symbolBits: 1, symbols: 0b10110000000001 },
        { kind: "vector", symbolBits: 2, symbols: 0b10010000000000 },
      ],
      statuses: Uint8Array.of(S, S, S, S, N, S, S, N, N, N, N, N, N, N, N, N, S, L, S, N),
      hasReceiveDeltas: true,
      receiveDeltasMicros: Int32Array.of(
        1000,
        0,
        63750,
        250,
        0,
        500,
        750,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        4000,
        -50000,
        2000,
        0,
      ),
    },
  },
  {
    name: "stops a run at the packet status count",
    bytes: twcc(hex`00 01 00 02  00 00 00 00  20 05  01 02`),
    want: {
      statuses: Uint8Array.of(S, S),
      receiveDeltasMicros: Int32Array.of(250, 500),
      chunks: [{ kind: "run", status: S, runLength: 5 }],
    },
  },
  {
    name: "ignores symbols of the last vector past the packet status count",
    bytes: twcc(hex`00 01 00 02  00 00 00 00  bf ff  01 02`), // 14 × 1-bit "received", 2 used
    want: { statuses: Uint8Array.of(S, S), hasReceiveDeltas: true, receiveDeltasMicros: Int32Array.of(250, 500) },
  },
  {
    name: "reads a run of not-received packets without deltas",
    bytes: twcc(hex`00 00 00 03  00 00 40 00  00 03  00 00`),
    want: { statuses: Uint8Array.of(N, N, N), referenceTime: 64, referenceTimeMillis: 4096, hasReceiveDeltas: true },
  },
  {
    name: "reads a large delta as a signed 16-bit value",
    bytes: twcc(hex`00 00 00 02  00 00 00 00  40 02  7f ff 80 00  00 00`),
    want: { statuses: Uint8Array.of(L, L), receiveDeltasMicros: Int32Array.of(32767 * 250, -32768 * 250) },
  },
  {
    name: "reads the largest reference time, 2^23 - 1 units",
    bytes: twcc(hex`00 00 00 00  7f ff ff 00`),
    want: { referenceTime: 8388607, statusCount: 0, chunks: [], statuses: new Uint8Array(0) },
  },
  {
    name: "reads statuses only when the packet is too short for the deltas, as libwebrtc does",
    bytes: twcc(hex`00 0a 00 03  00 00 01 05  20 03  00 00`),
    want: {
      statuses: Uint8Array.of(S, S, S),
      hasReceiveDeltas: false,
      receiveDeltasMicros: new Int32Array(3),
      feedbackPacketCount: 5,
    },
  },
  {
    name: "ignores zero padding after the deltas",
    bytes: twcc(hex`00 00 00 01  00 00 00 00  20 01  04 00  00 00 00 00`),
    want: { receiveDeltasMicros: Int32Array.of(1000) },
  },
  {
    name: "fails on the reserved status 11 when deltas follow",
    bytes: twcc(hex`00 00 00 02  00 00 00 00  f0 00  00 00 00 00 00 00`), // 2-bit vector: 11 00 …, room for deltas
    want: { ok: false, reason: "bad-value", offset: 22 },
  },
  {
    name: "fails when the chunks end before the packet status count",
    bytes: twcc(hex`00 00 00 20  00 00 00 00  20 05  a0 00`), // 5 + 14 of 32 statuses
    want: { ok: false, reason: "truncated", offset: 24 },
  },
  {
    name: "fails without base sequence, count, reference time and feedback count",
    bytes: twcc(hex`00 00 00 00`),
    want: { ok: false, reason: "bad-length", offset: 2 },
  },
];
for (const c of cases) {
  Deno.test(`decodeTransportCc() ${c.name}`, () => {
    deepStrictEqual(subset(decodeTransportCc(c.bytes, headerAt(c.bytes)), c.want), c.want);
  });
}

Deno.test("decodeTransportCc() covers 65535 statuses with 9 run length chunks", () => {
  const bytes = twcc(hex`00 00 ff ff  00 00 00 00  1f ff 1f ff 1f ff 1f ff 1f ff 1f ff 1f ff 1f ff 1f ff  00 00`);
  const cc = decodeTransportCc(bytes, headerAt(bytes));
  deepStrictEqual(subset(cc, { statusCount: 0, hasReceiveDeltas: 0 }), { statusCount: 65535, hasReceiveDeltas: true });
  deepStrictEqual("statuses" in cc && cc.statuses.every((s) => s === N), true);
});
