/**
 * Readers of the 33-bit clock fields that MPEG-2 systems spread over several bytes between marker bits, shared by the
 * adaptation field (PCR, OPCR, DTS_next_AU) and the PES header (PTS, DTS, ESCR). The callers check bounds first.
 *
 * Values up to 2^33 × 300 (about 2.6 × 10^12) are exact in a JavaScript number, so no bigint is needed.
 *
 * @module
 */
// This module is browser compatible.

/** 2^30, 2^15: the weights of the three parts of a 33-bit timestamp. @private */
const TWO_30 = 0x40000000;
const TWO_15 = 0x8000;

/**
 * Reads a 5-byte PTS/DTS/DTS_next_AU/TREF field (ISO/IEC 13818-1 §2.4.3.7, §2.4.3.5):
 * ```text
 * |4 bits (prefix or splice_type)| [32..30] |m| [29..15] (15 bits) |m| [14..0] (15 bits) |m|
 * ```
 * @returns The 33-bit value in 90 kHz ticks.
 * @private
 */
export function read33(bytes: Uint8Array, offset: number): number {
  const b0 = bytes[offset]!;
  const mid = ((bytes[offset + 1]! << 8) | bytes[offset + 2]!) >>> 1;
  const low = ((bytes[offset + 3]! << 8) | bytes[offset + 4]!) >>> 1;
  return ((b0 >>> 1) & 0x07) * TWO_30 + mid * TWO_15 + low;
}

/**
 * True when the three marker bits of a 5-byte timestamp field (bit 0 of bytes 0, 2 and 4) are all 1.
 * @private
 */
export function markers33(bytes: Uint8Array, offset: number): boolean {
  return (bytes[offset]! & bytes[offset + 2]! & bytes[offset + 4]! & 1) === 1;
}

/**
 * Reads a 6-byte program clock reference (PCR or OPCR, ISO/IEC 13818-1 §2.4.3.5):
 * `program_clock_reference_base` (33 bits), 6 reserved bits, `program_clock_reference_extension` (9 bits).
 * @returns [base in 90 kHz ticks, extension in 27 MHz ticks]
 * @private
 */
export function readPcrBase(bytes: Uint8Array, offset: number): number {
  const high =
    ((bytes[offset]! << 24) | (bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!) >>>
    0;
  return high * 2 + (bytes[offset + 4]! >>> 7);
}

/** The 9-bit extension of a PCR at `offset` (see {@linkcode readPcrBase}). @private */
export function readPcrExtension(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset + 4]! & 0x01) << 8) | bytes[offset + 5]!;
}
