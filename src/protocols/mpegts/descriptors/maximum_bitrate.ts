/**
 * maximum_bitrate_descriptor, tag 0x0E (ISO/IEC 13818-1 §2.6.26–§2.6.27, Table 2-64): `reserved (2) maximum_bitrate (22)`,
 * in units of 50 bytes/s (the original tool showed the value × 50 as "kbps", which it is not: it is bytes/s).
 *
 * @module
 */
// This module is browser compatible.

import type { Decoded } from "../../decode_result.ts";
import { tooShort } from "./_body.ts";

/** Bytes per second of one maximum_bitrate unit. */
export const MAXIMUM_BITRATE_UNIT_BYTES = 50;

/** A decoded maximum_bitrate_descriptor. */
export interface MaximumBitrateDescriptor {
  readonly kind: "maximum_bitrate";
  /** maximum_bitrate as carried, in units of 50 bytes/s. */
  readonly maximumBitrate: number;
  /** maximumBitrate × 50. */
  readonly bytesPerSecond: number;
  /** maximumBitrate × 400. */
  readonly bitsPerSecond: number;
}

/**
 * Decodes a maximum_bitrate_descriptor body.
 * @param data The body.
 * @returns The rate, or a failure for a body under 3 bytes.
 * @example 2500 units: 125,000 bytes/s, 1 Mbit/s
 * ```ts
 * import { decodeMaximumBitrateDescriptor } from "./maximum_bitrate.ts";
 * import { strictEqual } from "node:assert/strict";
 * const d = decodeMaximumBitrateDescriptor(new Uint8Array([0xc0, 0x09, 0xc4]));
 * strictEqual("kind" in d && d.bitsPerSecond, 1_000_000);
 * ```
 */
export function decodeMaximumBitrateDescriptor(data: Uint8Array): Decoded<MaximumBitrateDescriptor> {
  if (data.length < 3) return tooShort("maximum_bitrate", 3, data.length);
  const maximumBitrate = ((data[0]! & 0x3f) << 16) | (data[1]! << 8) | data[2]!;
  return {
    kind: "maximum_bitrate",
    maximumBitrate,
    bytesPerSecond: maximumBitrate * MAXIMUM_BITRATE_UNIT_BYTES,
    bitsPerSecond: maximumBitrate * MAXIMUM_BITRATE_UNIT_BYTES * 8,
  };
}
