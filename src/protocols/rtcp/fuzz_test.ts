/**
 * Fuzz: mutated compounds seeded from demo.pcap's RTCP and every hand-built fixture. Decoding must never throw, never
 * read outside the bytes it was given, and always return packets and a failure that agree with the input's framing.
 * The PRNG is seeded, so a failure replays; the failing input is printed in hex.
 */
import { ok } from "node:assert/strict";
import { decodeRtcpCompound, looksLikeRtcpCompound, type RtcpPacket, type RtcpPacketKind } from "./packet.ts";
import { DEMO_COMPOUNDS, HAND_BUILT } from "./_fixtures.ts";
import type { FailureReason } from "../decode_result.ts";
import { guarded, seeded } from "../_fuzz.ts";

const TOTAL = 300_000;
const SEEDS: Uint8Array[] = [...DEMO_COMPOUNDS.map((c) => c.bytes), ...Object.values(HAND_BUILT)];

/** Offsets of the packet headers the length fields lead to, up to the first one that does not fit. */
function headerOffsets(bytes: Uint8Array): number[] {
  const out: number[] = [];
  for (let pos = 0; pos + 4 <= bytes.length;) {
    out.push(pos);
    pos += (((bytes[pos + 2]! << 8) | bytes[pos + 3]!) + 1) * 4;
  }
  return out;
}

function mutate(rand: () => number, i: number): Uint8Array {
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const int = (n: number) => Math.floor(rand() * n);
  let bytes = pick(SEEDS).slice();
  switch (i % 9) {
    case 0: // flip 1–4 bits anywhere
      for (let k = 1 + int(4); k > 0; k--) bytes[int(bytes.length)]! ^= 1 << int(8);
      break;
    case 1: // cut anywhere
      bytes = bytes.slice(0, int(bytes.length + 1));
      break;
    case 2: { // a length field out of bounds: random, or off by a few words
      const at = pick(headerOffsets(bytes));
      const length = ((bytes[at + 2]! << 8) | bytes[at + 3]!) + (rand() < 0.5 ? int(65536) : int(7) - 3);
      bytes[at + 2] = (length >> 8) & 0xff;
      bytes[at + 3] = length & 0xff;
      break;
    }
    case 3: { // a count field (RC, SC, FMT, subtype) and maybe the P bit changed
      const at = pick(headerOffsets(bytes));
      bytes[at] = 0x80 | (rand() < 0.2 ? 0x20 : 0) | int(32);
      break;
    }
    case 4: // interesting byte values in the body
      for (let k = 1 + int(3); k > 0; k--) bytes[int(bytes.length)] = pick([0, 0xff, 0x80, 0x7f, 0x01, 0x20, 0x40]);
      break;
    case 5: { // two or three seeds back to back, one of them mutated
      const parts = [bytes, pick(SEEDS), ...(rand() < 0.5 ? [pick(SEEDS)] : [])];
      const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let o = 0;
      for (const p of parts) out.set(p, (o += p.length) - p.length);
      out[int(out.length)]! ^= 1 << int(8);
      bytes = out;
      break;
    }
    case 6: { // the head of one seed spliced onto the tail of another
      const other = pick(SEEDS);
      const head = bytes.subarray(0, int(bytes.length + 1));
      const tail = other.subarray(int(other.length + 1));
      bytes = new Uint8Array(head.length + tail.length);
      bytes.set(head);
      bytes.set(tail, head.length);
      break;
    }
    case 7: { // the P bit set on some packet, with a random padding count in its last byte
      const offsets = headerOffsets(bytes);
      const at = pick(offsets);
      bytes[at]! |= 0x20;
      const end = at + (((bytes[at + 2]! << 8) | bytes[at + 3]!) + 1) * 4;
      if (end <= bytes.length) bytes[end - 1] = int(256);
      break;
    }
    default: { // random bytes behind a plausible first header
      bytes = Uint8Array.from({ length: int(96) }, () => int(256));
      if (bytes.length >= 4) {
        bytes[0] = 0x80 | int(32);
        bytes[1] = 192 + int(32);
        bytes[2] = 0;
        bytes[3] = (bytes.length >> 2) - 1;
      }
    }
  }
  return bytes;
}

/** Raw views a packet may carry; each must lie inside the packet. */
function views(p: RtcpPacket): Uint8Array[] {
  switch (p.type) {
    case "sr":
    case "rr":
      return [p.extension];
    case "app":
      return [p.data];
    case "rtpfb-unknown":
    case "psfb-unknown":
      return [p.fci];
    case "rpsi":
      return [p.bitString];
    case "unknown":
      return [p.body];
    case "xr":
      return p.blocks.flatMap((b) => (b.type === "unknown" ? [b.data] : []));
    default:
      return [];
  }
}

function check(bytes: Uint8Array, offset: number, length: number, context: () => string): void {
  const fail = (what: string) => {
    throw new Error(`${what}: ${context()}`);
  };
  const { packets, failure } = decodeRtcpCompound(bytes, offset, length);
  let pos = offset;
  for (const p of packets) {
    if (p.offset !== pos) fail(`packet at ${p.offset}, expected ${pos}`);
    if (p.byteLength < 4 || p.byteLength % 4 !== 0 || p.padding < 0 || p.padding > p.byteLength - 4) {
      fail("packet length or padding out of range");
    }
    pos += p.byteLength;
    for (const v of views(p)) {
      if (
        v.buffer !== bytes.buffer || v.byteOffset < p.offset + 4 || v.byteOffset + v.length > p.offset + p.byteLength
      ) {
        fail(`a raw view of a ${p.type} packet lies outside it`);
      }
    }
    if (p.type === "twcc" && (p.statuses.length !== p.statusCount || p.receiveDeltasMicros.length !== p.statusCount)) {
      fail("TWCC arrays do not match the status count");
    }
    if (p.type === "sdes" && !p.chunks.every((c) => c.items.every((it) => typeof it.text === "string"))) {
      fail("SDES text is not a string");
    }
  }
  if (pos > offset + length) fail("packets run past the compound");
  if (failure === null) {
    if (pos !== offset + length) fail("no failure, but bytes were left");
  } else {
    if (failure.ok !== false || failure.protocol !== "rtcp" || typeof failure.detail !== "string") fail("bad failure");
    if (!(failure.offset >= 0 && failure.offset <= bytes.length)) fail(`failure offset ${failure.offset} out of range`);
    if (length > 0 && (failure.offset < pos || failure.offset > offset + length)) {
      fail(`failure offset ${failure.offset} outside the undecoded part [${pos}, ${offset + length}]`);
    }
  }
  // The classifier check and the decoder must agree on framing: a compound that decodes completely is RTCP-shaped,
  // unless its first PT is outside 192–223 or a packet before the last has padding.
  if (failure === null && packets.length > 0 && !looksLikeRtcpCompound(bytes, offset, length)) {
    const firstType = bytes[offset + 1]!;
    const paddedEarly = packets.slice(0, -1).some((p) => p.padding > 0);
    if (firstType >= 192 && firstType <= 223 && !paddedEarly) {
      fail("decodes cleanly but looksLikeRtcpCompound() says no");
    }
  }
}

Deno.test(`decodeRtcpCompound() never throws or reads out of bounds on ${TOTAL / 1000}k mutated compounds`, () => {
  const rand = seeded(0x7c0c);
  const reasons = new Map<FailureReason | "none", number>();
  const kinds = new Set<RtcpPacketKind>();
  for (let i = 0; i < TOTAL; i++) {
    const bytes = mutate(rand, i);
    // Every 5th input is read through a guard that throws on out-of-bounds reads (slow, so not all of them).
    // Every 7th input sits inside a larger buffer, to exercise `offset` and `length`.
    const framed = i % 7 === 0;
    const buffer = framed ? new Uint8Array(bytes.length + 13) : bytes;
    if (framed) buffer.set(bytes, 5);
    const offset = framed ? 5 : 0;
    const view = i % 5 === 0 ? guarded(buffer) : buffer;
    const context = () => `input ${i}: ${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
    try {
      check(view, offset, bytes.length, context);
      looksLikeRtcpCompound(view, offset, bytes.length);
    } catch (e) {
      throw new Error(`${(e as Error).message} (${context()})`);
    }
    const { packets, failure } = decodeRtcpCompound(buffer, offset, bytes.length);
    reasons.set(failure?.reason ?? "none", (reasons.get(failure?.reason ?? "none") ?? 0) + 1);
    for (const p of packets) kinds.add(p.type);
  }
  // Every outcome should be reachable from these inputs; one never seen hints at a dead branch or a weak fuzzer.
  for (const r of ["none", "truncated", "bad-version", "bad-length", "bad-value"] as const) {
    ok((reasons.get(r) ?? 0) > 0, `no input ended as ${r}`);
  }
  const all: RtcpPacketKind[] = [
    "sr",
    "rr",
    "sdes",
    "bye",
    "app",
    "nack",
    "tmmbr",
    "tmmbn",
    "rrr",
    "twcc",
    "rtpfb-unknown",
    "pli",
    "sli",
    "rpsi",
    "fir",
    "remb",
    "psfb-unknown",
    "xr",
    "unknown",
  ];
  for (const k of all) ok(kinds.has(k), `no input decoded a ${k} packet`);
});
