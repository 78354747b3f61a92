/**
 * system_clock_descriptor, tag 0x0B (ISO/IEC 13818-1 §2.6.20–§2.6.21, Table 2-61):
 * `external_clock_reference_indicator (1) reserved (1) clock_accuracy_integer (6) | clock_accuracy_exponent (3) reserved (5)`.
 *
 * @module
 */
// This module is browser compatible.

import type { Decoded } from "../../decode_result.ts";
import { tooShort } from "./_body.ts";

/** A decoded system_clock_descriptor. */
export interface SystemClockDescriptor {
  readonly kind: "system_clock";
  readonly externalClockReference: boolean;
  readonly accuracyInteger: number;
  readonly accuracyExponent: number;
  /** integer × 10^−exponent ppm; 30 ppm (the default) when the integer is 0. */
  readonly accuracyPpm: number;
}

/**
 * Decodes a system_clock_descriptor body.
 * @param data The body.
 * @returns The fields, or a failure for a body under 2 bytes.
 * @example An external reference accurate to 5 × 10^-1 ppm
 * ```ts
 * import { decodeSystemClockDescriptor } from "./system_clock.ts";
 * import { strictEqual } from "node:assert/strict";
 * const d = decodeSystemClockDescriptor(new Uint8Array([0x85, 0x20]));
 * strictEqual("kind" in d && d.accuracyPpm, 0.5);
 * ```
 */
export function decodeSystemClockDescriptor(data: Uint8Array): Decoded<SystemClockDescriptor> {
  if (data.length < 2) return tooShort("system_clock", 2, data.length);
  const accuracyInteger = data[0]! & 0x3f;
  const accuracyExponent = data[1]! >>> 5;
  return {
    kind: "system_clock",
    externalClockReference: (data[0]! & 0x80) !== 0,
    accuracyInteger,
    accuracyExponent,
    accuracyPpm: accuracyInteger === 0 ? 30 : accuracyInteger / 10 ** accuracyExponent,
  };
}
