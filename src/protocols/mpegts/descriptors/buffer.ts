/**
 * Buffer descriptors of the T-STD/P-STD model (ISO/IEC 13818-1 §2.6):
 * ```text
 * multiplex_buffer_utilization_descriptor, tag 0x0C (§2.6.22, Table 2-62):
 *   bound_valid_flag (1) LTW_offset_lower_bound (15) | reserved (1) LTW_offset_upper_bound (15)
 * smoothing_buffer_descriptor, tag 0x10 (§2.6.30, Table 2-66): reserved (2) sb_leak_rate (22) | reserved (2) sb_size (22)
 * STD_descriptor, tag 0x11 (§2.6.32, Table 2-67): reserved (7) leak_valid_flag (1)
 * ```
 *
 * @module
 */
// This module is browser compatible.

import type { Decoded } from "../../decode_result.ts";
import { tooShort } from "./_body.ts";

/** A multiplex_buffer_utilization_descriptor. LTW offsets are in units of (27 MHz / 300) ticks. */
export interface MultiplexBufferUtilizationDescriptor {
  readonly kind: "multiplex_buffer_utilization";
  readonly boundValid: boolean;
  readonly ltwOffsetLowerBound: number;
  readonly ltwOffsetUpperBound: number;
}

/** A smoothing_buffer_descriptor. */
export interface SmoothingBufferDescriptor {
  readonly kind: "smoothing_buffer";
  /** sb_leak_rate in units of 400 bit/s. */
  readonly leakRate: number;
  /** leakRate × 400. */
  readonly leakRateBitsPerSecond: number;
  /** sb_size in bytes. */
  readonly size: number;
}

/** An STD_descriptor. */
export interface StdDescriptor {
  readonly kind: "std";
  /** leak_valid_flag: the T-STD transfer from MB to EB uses the leak method (else vbv_delay). */
  readonly leakValid: boolean;
}

/**
 * Decodes a multiplex_buffer_utilization_descriptor body.
 * @param data The body.
 * @returns The bounds, or a failure for a body under 4 bytes.
 * @example
 * ```ts
 * import { decodeMultiplexBufferUtilizationDescriptor } from "./buffer.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const d = decodeMultiplexBufferUtilizationDescriptor(new Uint8Array([0x80, 0x10, 0x80, 0x20]));
 * deepStrictEqual("kind" in d && [d.boundValid, d.ltwOffsetLowerBound, d.ltwOffsetUpperBound], [true, 16, 32]);
 * ```
 */
export function decodeMultiplexBufferUtilizationDescriptor(
  data: Uint8Array,
): Decoded<MultiplexBufferUtilizationDescriptor> {
  if (data.length < 4) return tooShort("multiplex_buffer_utilization", 4, data.length);
  return {
    kind: "multiplex_buffer_utilization",
    boundValid: (data[0]! & 0x80) !== 0,
    ltwOffsetLowerBound: ((data[0]! & 0x7f) << 8) | data[1]!,
    ltwOffsetUpperBound: ((data[2]! & 0x7f) << 8) | data[3]!,
  };
}

/**
 * Decodes a smoothing_buffer_descriptor body.
 * @param data The body.
 * @returns The leak rate and size, or a failure for a body under 6 bytes.
 * @example 1 Mbit/s leak (2500 × 400), 8192-byte buffer
 * ```ts
 * import { decodeSmoothingBufferDescriptor } from "./buffer.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const d = decodeSmoothingBufferDescriptor(new Uint8Array([0xc0, 0x09, 0xc4, 0xc0, 0x20, 0x00]));
 * deepStrictEqual("kind" in d && [d.leakRateBitsPerSecond, d.size], [1_000_000, 8192]);
 * ```
 */
export function decodeSmoothingBufferDescriptor(data: Uint8Array): Decoded<SmoothingBufferDescriptor> {
  if (data.length < 6) return tooShort("smoothing_buffer", 6, data.length);
  const leakRate = ((data[0]! & 0x3f) << 16) | (data[1]! << 8) | data[2]!;
  return {
    kind: "smoothing_buffer",
    leakRate,
    leakRateBitsPerSecond: leakRate * 400,
    size: ((data[3]! & 0x3f) << 16) | (data[4]! << 8) | data[5]!,
  };
}

/**
 * Decodes an STD_descriptor body.
 * @param data The body.
 * @returns The flag, or a failure for an empty body.
 * @example
 * ```ts
 * import { decodeStdDescriptor } from "./buffer.ts";
 * import { strictEqual } from "node:assert/strict";
 * strictEqual("kind" in decodeStdDescriptor(new Uint8Array([0xff])), true);
 * ```
 */
export function decodeStdDescriptor(data: Uint8Array): Decoded<StdDescriptor> {
  if (data.length < 1) return tooShort("STD", 1, 0);
  return { kind: "std", leakValid: (data[0]! & 0x01) !== 0 };
}
