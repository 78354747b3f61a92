/**
 * Test helpers that write clock fields the way ISO/IEC 13818-1 lays them out, for rows built from the spec rather than
 * captured (ffmpeg writes no OPCR, ESCR, trick mode or extension fields).
 *
 * @module
 */
// This module is browser compatible.

/**
 * A 6-byte PCR/OPCR (§2.4.3.4): base (33) reserved '111111' (6) extension (9).
 * @param base 90 kHz base, up to 2^33 − 1.
 * @param extension 27 MHz extension, 0–511.
 * @returns The 6 bytes.
 */
export function pcrBytes(base: number, extension: number): number[] {
  const high = Math.floor(base / 2); // 32 bits
  return [
    (high >>> 24) & 0xff,
    (high >>> 16) & 0xff,
    (high >>> 8) & 0xff,
    high & 0xff,
    ((base % 2) << 7) | 0x7e | (extension >>> 8),
    extension & 0xff,
  ];
}

/**
 * A 5-byte PTS/DTS/DTS_next_AU (§2.4.3.7): prefix (4) [32..30] m [29..15] m [14..0] m, all markers 1.
 * @param prefix The 4 leading bits ('0010' PTS only, '0011' PTS with DTS, '0001' DTS, splice_type…).
 * @param value 33-bit value.
 * @returns The 5 bytes.
 */
export function ts33Bytes(prefix: number, value: number): number[] {
  const top = Math.floor(value / 2 ** 30) & 0x07;
  const mid = Math.floor(value / 2 ** 15) & 0x7fff;
  const low = value & 0x7fff;
  return [(prefix << 4) | (top << 1) | 1, mid >>> 7, ((mid & 0x7f) << 1) | 1, low >>> 7, ((low & 0x7f) << 1) | 1];
}
