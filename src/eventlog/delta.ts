/**
 * The fixed-length delta encoding of WebRTC event logs v2 (WebRTC `logging/rtc_event_log/encoder/delta_encoding.cc`):
 * a batch of N events stores its first value in the plain protobuf field (the *base*) and the other N−1 values in one
 * `*_deltas` byte string.
 *
 * ```text
 * header, MSB first:
 *   type (2 bits)            0: unsigned deltas, 64-bit values, no existence bitmap
 *                            1: the header goes on with the three fields below
 *   delta width − 1 (6)
 *   signed deltas (1)        type 1 only
 *   values optional (1)      type 1 only
 *   value width − 1 (6)      type 1 only
 * existence bitmap           values optional only: one bit per value, 1 = present
 * values                     one delta of `delta width` bits per present value; with no base, the first present
 *                            value is a LEB128 varint (bytes read from the bit stream) instead of a delta
 * ```
 * Each value is `(previous + delta) mod 2^valueWidth`; signed deltas are two's complement of `delta width` bits.
 * An empty string means every value equals the base (all absent when the base is absent).
 *
 * Values are decoded as numbers. Where a step would leave the safe-integer range, the field is decoded again with
 * bigints and converted at the end (above 2^53 precision is lost; only a corrupt or absurd log gets there).
 * @module
 */
// This module is browser compatible.

import { BitReader } from "./bits.ts";

/** Why a delta string did not decode. */
export interface DeltaFailure {
  readonly ok: false;
  readonly detail: string;
}

/** Decoded values, one per event after the base; `undefined` where a value is absent. */
export type DeltaValues = (number | undefined)[];

const TYPE_UNSIGNED_64 = 0;
const TYPE_FULL_HEADER = 1;
const TWO_32 = 2 ** 32;

interface Params {
  deltaWidth: number;
  signed: boolean;
  optional: boolean;
  valueWidth: number;
}

function readHeader(r: BitReader): Params | DeltaFailure {
  const type = r.read(2);
  const deltaWidth = r.read(6) + 1;
  if (type === TYPE_UNSIGNED_64) {
    return r.ok ? { deltaWidth, signed: false, optional: false, valueWidth: 64 } : fail("header truncated");
  }
  if (type !== TYPE_FULL_HEADER) return fail(`unknown delta encoding type ${type}`);
  const signed = r.read(1) === 1;
  const optional = r.read(1) === 1;
  const valueWidth = r.read(6) + 1;
  if (!r.ok) return fail("header truncated");
  if (deltaWidth > valueWidth) return fail(`delta width ${deltaWidth} exceeds value width ${valueWidth}`);
  return { deltaWidth, signed, optional, valueWidth };
}

function fail(detail: string): DeltaFailure {
  return { ok: false, detail };
}

/** True when `x` is a {@linkcode DeltaFailure}. */
export function isDeltaFailure(x: unknown): x is DeltaFailure {
  return typeof x === "object" && x !== null && (x as { ok?: unknown }).ok === false;
}

/**
 * Decodes `count` values delta-encoded against `base`.
 *
 * @param input The `*_deltas` bytes (may be empty).
 * @param base The batch's first value in the unsigned domain (see {@linkcode toUnsigned}), or undefined if absent.
 * @param count The batch's `number_of_deltas`.
 * @param signedWidth For signed protobuf fields (int32, int64): reinterpret results as two's complement of this width.
 * @returns The values, or why not.
 *
 * @example Three sequence numbers after a base of 100
 * ```ts
 * import { decodeDeltas } from "./delta.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * // type 0, delta width 1: deltas 1, 1, 1 → 0b00_000000 0b111_00000
 * deepStrictEqual(decodeDeltas(new Uint8Array([0x00, 0xe0]), 100, 3), [101, 102, 103]);
 * ```
 */
export function decodeDeltas(
  input: Uint8Array,
  base: number | bigint | undefined,
  count: number,
  signedWidth: 0 | 32 | 64 = 0,
): DeltaValues | DeltaFailure {
  if (count <= 0) return [];
  if (input.length === 0) {
    const v = base === undefined ? undefined : signedOf(base, signedWidth);
    return new Array<number | undefined>(count).fill(v);
  }
  const r = new BitReader(input);
  const p = readHeader(r);
  if (isDeltaFailure(p)) return p;
  const fast = decodeFast(r, p, base, count, signedWidth);
  if (fast !== null) return fast;
  const slow = new BitReader(input);
  readHeader(slow);
  return decodeBig(slow, p, base, count, signedWidth);
}

/** The number path; null when a value leaves the safe-integer range (then the bigint path decides). */
function decodeFast(
  r: BitReader,
  p: Params,
  base: number | bigint | undefined,
  count: number,
  signedWidth: number,
): DeltaValues | DeltaFailure | null {
  if (p.deltaWidth > 52) return null;
  let prev: number | undefined;
  if (typeof base === "bigint") {
    if (base > BigInt(Number.MAX_SAFE_INTEGER)) return null;
    prev = Number(base);
  } else prev = base;
  const valueMod = p.valueWidth >= 53 ? 0 : 2 ** p.valueWidth; // 0: no wrap below 2^53
  if (prev !== undefined && valueMod !== 0 && prev >= valueMod) prev %= valueMod;
  const deltaMod = 2 ** p.deltaWidth;
  const topBit = deltaMod / 2;
  const present = readBitmap(r, p.optional, count);
  if (isDeltaFailure(present)) return present;
  const out: DeltaValues = new Array(count);
  for (let i = 0; i < count; i++) {
    if (present !== null && !present[i]) {
      out[i] = undefined;
      continue;
    }
    let v: number;
    if (prev === undefined) {
      const x = r.readVarint();
      if (x === null) return r.ok ? null : fail("first value varint truncated");
      v = x; // taken as is, like WebRTC's decoder; later deltas wrap at the value width
    } else {
      const d = r.readWide(p.deltaWidth);
      if (p.signed && d >= topBit) {
        v = prev - (deltaMod - d);
        if (valueMod !== 0) v = ((v % valueMod) + valueMod) % valueMod;
        else if (v < 0) return null; // wraps below zero in a ≥53-bit space: the bigint path decides
      } else {
        v = prev + d;
        if (valueMod !== 0) v %= valueMod;
        else if (v > Number.MAX_SAFE_INTEGER) return null;
      }
    }
    if (!r.ok) return fail(`deltas truncated at value ${i + 1} of ${count}`);
    out[i] = v;
    prev = v;
  }
  if (signedWidth !== 0) {
    for (let i = 0; i < count; i++) {
      const v = out[i];
      if (v !== undefined) out[i] = signedOf(v, signedWidth);
    }
  }
  return out;
}

function readBitmap(r: BitReader, optional: boolean, count: number): Uint8Array | null | DeltaFailure {
  if (!optional) return null;
  const present = new Uint8Array(count);
  for (let i = 0; i < count; i++) present[i] = r.read(1);
  return r.ok ? present : fail("existence bitmap truncated");
}

function decodeBig(
  r: BitReader,
  p: Params,
  base: number | bigint | undefined,
  count: number,
  signedWidth: number,
): DeltaValues | DeltaFailure {
  const valueMask = (1n << BigInt(p.valueWidth)) - 1n;
  const deltaMod = 1n << BigInt(p.deltaWidth);
  const topBit = deltaMod >> 1n;
  let prev = base === undefined ? undefined : BigInt(base) & valueMask;
  const present = readBitmap(r, p.optional, count);
  if (isDeltaFailure(present)) return present;
  const out: DeltaValues = new Array(count);
  for (let i = 0; i < count; i++) {
    if (present !== null && !present[i]) {
      out[i] = undefined;
      continue;
    }
    let v: bigint;
    if (prev === undefined) {
      const x = r.readVarintBig();
      if (x === null) return fail("first value varint truncated");
      v = x;
    } else {
      const d = r.readBig(p.deltaWidth);
      v = (p.signed && d >= topBit ? prev - (deltaMod - d) : prev + d) & valueMask;
    }
    if (!r.ok) return fail(`deltas truncated at value ${i + 1} of ${count}`);
    prev = v;
    out[i] = signedWidth !== 0 ? Number(BigInt.asIntN(signedWidth, v)) : Number(v);
  }
  return out;
}

function signedOf(v: number | bigint, width: number): number {
  if (typeof v === "bigint") return Number(width === 0 ? v : BigInt.asIntN(width, v));
  if (width === 32) return v >= 2 ** 31 && v < TWO_32 ? v - TWO_32 : v;
  return v; // 64-bit: numbers here are below 2^53, so already non-negative in both readings
}

/**
 * A signed protobuf value in the unsigned domain the deltas use (WebRTC's `ToUnsigned`: two's complement of the
 * field's width).
 * @param v The value as protobuf-es gives it (int64 as bigint, int32 as number).
 * @param width 32 or 64.
 * @returns A non-negative number or bigint.
 */
export function toUnsigned(v: number | bigint, width: 32 | 64): number | bigint {
  if (typeof v === "bigint") return BigInt.asUintN(width, v);
  return v < 0 ? v + 2 ** width : v;
}
