// Fuzz: STUN and ChannelData messages from the captures, mutated (bit flips, cuts, length fields out of bounds,
// attribute types swapped, bytes inserted and removed), through every decoder and cheap check of this folder. Nothing
// may throw, nothing may be read outside the window the decoder was given, and the results must stay inside it.

import { ok } from "node:assert/strict";
import { isFailure } from "../decode_result.ts";
import * as F from "./_fixtures.ts";
import type { StunFixture } from "./_fixtures.ts";
import { STUN_CAPTURES, udpDatagrams } from "./_captures.ts";
import {
  decodeChannelData,
  decodeStun,
  iceView,
  looksLikeChannelData,
  looksLikeStun,
  type StunAttribute,
  StunAttributeType,
} from "./mod.ts";
import { guarded, seeded } from "../_fuzz.ts";

/** Offsets of the attribute headers of a STUN message (as far as its TLVs can be walked). */
function attributeOffsets(b: Uint8Array): number[] {
  const out: number[] = [];
  for (let p = 20; p + 4 <= b.length; p += 4 + ((((b[p + 2]! << 8) | b[p + 3]!) + 3) & ~3)) out.push(p);
  return out;
}

const KNOWN_TYPES = Object.values(StunAttributeType);
const ALL_KINDS = [
  "address",
  "text",
  "error-code",
  "address-error-code",
  "unknown-attributes",
  "integrity",
  "fingerprint",
  "number",
  "channel-number",
  "tie-breaker",
  "flag",
  "even-port",
  "requested-transport",
  "address-family",
  "data",
  "change-request",
  "port",
  "password-algorithms",
  "icmp",
  "transmit-counter",
  "network-info",
  "number-list",
  "padding",
  "bytes",
  "invalid",
] as const satisfies readonly StunAttribute["kind"][];

function mutate(base: Uint8Array, i: number, rand: () => number): Uint8Array {
  const r = (n: number) => Math.floor(rand() * n);
  const b = base.slice();
  switch (i % 8) {
    case 0: { // flip 1–4 bits anywhere
      for (let k = 1 + r(4); k > 0 && b.length > 0; k--) b[r(b.length)]! ^= 1 << r(8);
      return b;
    }
    case 1: // cut anywhere
      return b.subarray(0, r(b.length + 1));
    case 2: { // message (or ChannelData) length out of bounds
      const length = [r(0x10000), b.length - 20 + 4 * (r(5) - 2), b.length - 20 + 1 + r(3), 0, 0xffff][r(5)]!;
      if (b.length >= 4) b.set([(length >> 8) & 0xff, length & 0xff], 2);
      return b;
    }
    case 3: { // one attribute length out of bounds
      const offsets = attributeOffsets(b);
      const p = offsets[r(offsets.length)];
      if (p !== undefined) {
        const length = [r(0x10000), r(40), 0, 0xffff, (b[p + 3]! + 1) & 0xff][r(5)]!;
        b.set([(length >> 8) & 0xff, length & 0xff], p + 2);
      }
      return b;
    }
    case 4: { // one attribute's type swapped for another known type, so every decoder sees odd lengths
      const offsets = attributeOffsets(b);
      const p = offsets[r(offsets.length)];
      const type = KNOWN_TYPES[r(KNOWN_TYPES.length)]!;
      if (p !== undefined) b.set([type >> 8, type & 0xff], p);
      return b;
    }
    case 5: { // a valid header over random bytes
      const body = Uint8Array.from({ length: 4 * r(40) }, () => r(256));
      const out = new Uint8Array(20 + body.length);
      out.set(b.subarray(0, Math.min(20, b.length)));
      out.set([body.length >> 8, body.length & 0xff], 2);
      out.set(body, 20);
      return out;
    }
    case 6: { // ChannelData-looking header: channel and length at random around the valid ranges
      if (b.length >= 4) b.set([0x3f + r(0x42), r(256), r(256) & (rand() < 0.8 ? 0 : 0xff), r(256)]);
      return b;
    }
    default: { // bytes inserted or removed in the middle, shifting every later attribute
      const at = r(b.length + 1);
      return rand() < 0.5
        ? Uint8Array.from([...b.subarray(0, at), ...Array.from({ length: 1 + r(6) }, () => r(256)), ...b.subarray(at)])
        : Uint8Array.from([...b.subarray(0, at), ...b.subarray(Math.min(b.length, at + 1 + r(6)))]);
    }
  }
}

Deno.test("STUN decoders never throw or read out of bounds on 250k mutated real messages", async () => {
  const seeds: Uint8Array[] = [F.RFC5769_REQUEST, F.RFC5769_RESPONSE_IPV4, F.RFC5769_RESPONSE_IPV6];
  seeds.push(F.RFC5769_REQUEST_LONG_TERM);
  for (const f of Object.values(F)) if (typeof f === "object" && "frame" in f) seeds.push((f as StunFixture).bytes);
  for (const file of STUN_CAPTURES) {
    for (const d of await udpDatagrams(file)) {
      if (looksLikeStun(d.payload) || looksLikeChannelData(d.payload, 0, d.length, { reservedChannels: true })) {
        seeds.push(d.payload.slice());
      }
    }
  }
  const rand = seeded(0x57a7);
  const r = (n: number) => Math.floor(rand() * n);
  const outcomes = new Map<string, number>();
  const kinds = new Set<string>();
  const count = (key: string) => outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
  const TOTAL = 250_000;
  for (let i = 0; i < TOTAL; i++) {
    const message = mutate(seeds[r(seeds.length)]!, i, rand);
    // Embed it between random bytes and pick the window the decoders get: exact, short, long, or nonsense.
    const prefix = r(4) === 0 ? r(9) : 0;
    const suffix = r(4) === 0 ? r(9) : 0;
    const buffer = new Uint8Array(prefix + message.length + suffix);
    for (let k = 0; k < prefix; k++) buffer[k] = r(256);
    buffer.set(message, prefix);
    for (let k = prefix + message.length; k < buffer.length; k++) buffer[k] = r(256);
    const lengths = [message.length, message.length + suffix, message.length - 1 - r(4), message.length + 1000];
    const length = i % 97 === 0 ? [NaN, -1, Infinity, 2.5][r(4)]! : lengths[r(lengths.length)]!;
    const offset = i % 89 === 0 ? [-1, buffer.length + 1, 0.5][r(3)]! : prefix;
    const windowEnd = Number.isInteger(offset) && length > 0 && offset >= 0
      ? Math.min(buffer.length, offset + Math.floor(length))
      : buffer.length;
    const view = i % 16 === 0 && Number.isInteger(offset) && offset >= 0 ? guarded(buffer, offset, windowEnd) : buffer;
    const check = (condition: boolean, what: string) => {
      if (!condition) {
        throw new Error(`${what}: case ${i}, offset ${offset}, length ${length}, bytes ${buffer.join(",")}`);
      }
    };

    const m = decodeStun(view, offset, length);
    if (isFailure(m)) {
      count(`stun ${m.reason}`);
      check(m.ok === false && m.offset >= 0 && m.offset <= buffer.length, "failure offset outside the buffer");
    } else {
      count(m.classic ? "stun classic" : "stun ok");
      const end = m.offset + m.size;
      check(m.offset === offset && end <= windowEnd && m.trailingBytes >= 0, "message outside the window");
      check(m.transactionId.length === (m.classic ? 32 : 24), "transaction ID length");
      for (const a of m.attributes) {
        kinds.add(a.kind);
        check(a.offset >= m.offset + 20 && a.offset + 4 + a.length <= end, "attribute outside the message");
        if (a.kind === "data") check(a.dataOffset + a.dataLength <= end, "DATA outside the message");
      }
      iceView(m);
      if (i % 8 === 0) JSON.stringify(m); // values must survive JSON (no bigint) on their way to the UI
    }
    if (looksLikeStun(view, offset, length)) {
      count("looksLikeStun");
      // The cheap check does not walk the attributes: decodeStun() may still find one that runs past the message.
      const attributeOverrun = isFailure(m) && m.reason === "bad-length" && m.offset >= offset + 20;
      check(attributeOverrun || (!isFailure(m) && !m.classic), "looksLikeStun() but decodeStun() fails");
    }

    const c = decodeChannelData(view, offset, length);
    if (isFailure(c)) {
      count(`turn ${c.reason}`);
    } else {
      count("turn ok");
      const end = c.dataOffset + c.dataLength + c.padding + c.trailingBytes;
      check(c.dataOffset === offset + 4 && end === windowEnd, "ChannelData does not end where the window does");
      check(c.padding >= 0 && c.padding <= 3 && c.trailingBytes >= 0, "ChannelData padding");
    }
    for (const options of [undefined, { reservedChannels: true }, { reservedChannels: true, stream: true }]) {
      if (looksLikeChannelData(view, offset, length, options)) {
        count("looksLikeChannelData");
        check(!isFailure(c), "looksLikeChannelData() but decodeChannelData() fails");
      }
    }
  }
  // Every outcome and every value kind should be reachable from these inputs; one never seen hints at a dead branch.
  for (
    const key of ["stun ok", "stun classic", "stun truncated", "stun bad-value", "stun bad-length", "looksLikeStun"]
  ) {
    ok((outcomes.get(key) ?? 0) > 0, `no case ended as ${key}`);
  }
  for (const key of ["turn ok", "turn truncated", "turn bad-value", "looksLikeChannelData"]) {
    ok((outcomes.get(key) ?? 0) > 0, `no case ended as ${key}`);
  }
  for (const kind of ALL_KINDS) ok(kinds.has(kind), `no attribute decoded as ${kind}`);
});
