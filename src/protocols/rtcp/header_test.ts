import { deepStrictEqual } from "node:assert/strict";
import { decodeRtcpHeader } from "./header.ts";
import { DEMO_FRAME_8, HAND_BUILT, subset } from "./_fixtures.ts";
import { concat, withByte } from "../_fixtures.ts";

const SR = DEMO_FRAME_8.bytes; // SR (28 bytes) + SDES (32 bytes)
const PADDED = HAND_BUILT.APP_AND_PADDED_RR!; // APP (20 bytes) + RR with 8 bytes of padding (16 bytes)

const cases: { name: string; bytes: Uint8Array; offset: number; end?: number; want: Record<string, unknown> }[] = [
  {
    name: "reads the SR header of demo.pcap frame 8",
    bytes: SR,
    offset: 0,
    want: { offset: 0, byteLength: 28, padding: 0, count: 0, packetType: 200, contentEnd: 28 },
  },
  {
    name: "reads the SDES header that follows it, with SC=1",
    bytes: SR,
    offset: 28,
    want: { offset: 28, byteLength: 32, padding: 0, count: 1, packetType: 202, contentEnd: 60 },
  },
  {
    name: "takes the padding count from the packet's last byte",
    bytes: PADDED,
    offset: 20,
    want: { byteLength: 16, padding: 8, packetType: 201, contentEnd: 28 },
  },
  {
    name: "reports 3 bytes as truncated",
    bytes: SR.subarray(0, 3),
    offset: 0,
    want: { ok: false, reason: "truncated", offset: 0 },
  },
  {
    name: "reports a header that starts 2 bytes before the end as truncated",
    bytes: SR,
    offset: 58,
    want: { ok: false, reason: "truncated", offset: 58 },
  },
  {
    name: "rejects version 1",
    bytes: withByte(SR, 0, 0x40),
    offset: 0,
    want: { ok: false, reason: "bad-version", offset: 0 },
  },
  {
    name: "rejects version 0 (a STUN or DTLS-looking first byte)",
    bytes: withByte(SR, 0, 0x00),
    offset: 0,
    want: { ok: false, reason: "bad-version" },
  },
  {
    name: "rejects a length past the end of the compound",
    bytes: SR,
    offset: 0,
    end: 27,
    want: { ok: false, reason: "bad-length", offset: 2 },
  },
  {
    name: "rejects the largest length field (65535 words)",
    bytes: concat(SR.subarray(0, 2), Uint8Array.of(0xff, 0xff), SR.subarray(4)),
    offset: 0,
    want: { ok: false, reason: "bad-length", offset: 2 },
  },
  {
    name: "rejects a padding count of 0",
    bytes: withByte(PADDED, 35, 0),
    offset: 20,
    want: { ok: false, reason: "bad-length", offset: 35 },
  },
  {
    name: "rejects a padding count that eats into the header",
    bytes: withByte(PADDED, 35, 13),
    offset: 20,
    want: { ok: false, reason: "bad-length", offset: 35 },
  },
  {
    name: "accepts a padding count that leaves only the header",
    bytes: withByte(PADDED, 35, 12),
    offset: 20,
    want: { padding: 12, contentEnd: 24 },
  },
];

for (const c of cases) {
  Deno.test(`decodeRtcpHeader() ${c.name}`, () => {
    const got = decodeRtcpHeader(c.bytes, c.offset, c.end ?? c.bytes.length);
    deepStrictEqual(subset(got, c.want), c.want);
  });
}
