/**
 * Lower-case hex text of byte ranges, for transaction IDs, HMACs and opaque attribute values.
 *
 * @module
 */
// This module is browser compatible.

const DIGITS: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/**
 * Hex of `bytes[start, end)` with no separators. The caller keeps `0 <= start <= end <= bytes.length`.
 * @private
 */
export function toHex(bytes: Uint8Array, start: number, end: number): string {
  let out = "";
  for (let i = start; i < end; i++) out += DIGITS[bytes[i]!]!;
  return out;
}
