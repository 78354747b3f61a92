/**
 * ibp_descriptor, tag 0x12 (ISO/IEC 13818-1 §2.6.34–§2.6.35, Table 2-68):
 * `closed_gop_flag (1) identical_gop_flag (1) max_gop_length (14)`.
 *
 * @module
 */
// This module is browser compatible.

import type { Decoded } from "../../decode_result.ts";
import { tooShort } from "./_body.ts";

/** A decoded ibp_descriptor. */
export interface IbpDescriptor {
  readonly kind: "ibp";
  readonly closedGop: boolean;
  readonly identicalGop: boolean;
  /** The most pictures between two I-pictures. */
  readonly maxGopLength: number;
}

/**
 * Decodes an ibp_descriptor body.
 * @param data The body.
 * @returns The fields, or a failure for a body under 2 bytes.
 * @example Closed GOPs of at most 12 pictures
 * ```ts
 * import { decodeIbpDescriptor } from "./ibp.ts";
 * import { strictEqual } from "node:assert/strict";
 * const d = decodeIbpDescriptor(new Uint8Array([0x80, 0x0c]));
 * strictEqual("kind" in d && d.maxGopLength, 12);
 * ```
 */
export function decodeIbpDescriptor(data: Uint8Array): Decoded<IbpDescriptor> {
  if (data.length < 2) return tooShort("ibp", 2, data.length);
  return {
    kind: "ibp",
    closedGop: (data[0]! & 0x80) !== 0,
    identicalGop: (data[0]! & 0x40) !== 0,
    maxGopLength: ((data[0]! & 0x3f) << 8) | data[1]!,
  };
}
