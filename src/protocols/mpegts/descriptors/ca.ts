/**
 * CA_descriptor, tag 0x09 (ISO/IEC 13818-1 §2.6.16–§2.6.17, Table 2-58):
 * `CA_system_ID (16) | reserved (3) CA_PID (13) | private_data_byte…`. In a CAT, CA_PID carries EMMs; in a PMT, ECMs.
 * The PID is the low 5 bits of the third byte followed by the fourth byte (the original tool shifted by 5, not 8).
 *
 * @module
 */
// This module is browser compatible.

import type { Decoded } from "../../decode_result.ts";
import { be16 } from "../../_bytes.ts";
import { tooShort } from "./_body.ts";

/** A decoded CA_descriptor. */
export interface CaDescriptor {
  readonly kind: "ca";
  /** CA_system_ID (ETSI TS 101 162 allocations, e.g. 0x0100 Seca, 0x0500 Viaccess, 0x0B00 Conax). */
  readonly caSystemId: number;
  /** CA_PID, 13 bits. */
  readonly caPid: number;
  /** private_data_byte… (a view). */
  readonly privateData: Uint8Array;
}

/**
 * Decodes a CA_descriptor body.
 * @param data The body.
 * @returns The fields, or a failure for a body under 4 bytes.
 * @example CA system 0x0B00 with ECMs on PID 0x1ABC
 * ```ts
 * import { decodeCaDescriptor } from "./ca.ts";
 * import { strictEqual } from "node:assert/strict";
 * const d = decodeCaDescriptor(new Uint8Array([0x0b, 0x00, 0xfa, 0xbc]));
 * strictEqual("kind" in d && d.caPid, 0x1abc);
 * ```
 */
export function decodeCaDescriptor(data: Uint8Array): Decoded<CaDescriptor> {
  if (data.length < 4) return tooShort("CA", 4, data.length);
  return { kind: "ca", caSystemId: be16(data, 0), caPid: be16(data, 2) & 0x1fff, privateData: data.subarray(4) };
}
