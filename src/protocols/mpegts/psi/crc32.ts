/**
 * CRC-32/MPEG-2, the checksum at the end of every long-form PSI section (ISO/IEC 13818-1 Annex A): polynomial
 * 0x04C11DB7, initial value 0xFFFFFFFF, no input or output reflection, no final XOR. Run over a whole section, CRC
 * included, it gives 0.
 *
 * @module
 */
// This module is browser compatible.

const TABLE = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i << 24;
    for (let k = 0; k < 8; k++) c = c & 0x80000000 ? (c << 1) ^ 0x04c11db7 : c << 1;
    t[i] = c >>> 0;
  }
  return t;
})();

/**
 * CRC-32/MPEG-2 of `bytes[start..end)`.
 *
 * @param bytes The buffer.
 * @param start First byte.
 * @param end One past the last byte.
 * @returns The CRC as an unsigned 32-bit number.
 *
 * @example The check value of the CRC catalogue ("123456789" → 0x0376E6E7)
 * ```ts
 * import { crc32Mpeg2 } from "./crc32.ts";
 * import { strictEqual } from "node:assert/strict";
 * strictEqual(crc32Mpeg2(new TextEncoder().encode("123456789")), 0x0376e6e7);
 * ```
 */
export function crc32Mpeg2(bytes: Uint8Array, start: number = 0, end: number = bytes.length): number {
  let crc = 0xffffffff;
  const stop = Math.min(end, bytes.length);
  for (let i = Math.max(0, start); i < stop; i++) crc = (crc << 8) ^ TABLE[((crc >>> 24) ^ bytes[i]!) & 0xff]!;
  return crc >>> 0;
}
