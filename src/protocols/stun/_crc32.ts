/**
 * CRC-32 as STUN's FINGERPRINT uses it (RFC 8489 §14.7: "the CRC-32 of the STUN message up to (but excluding) the
 * FINGERPRINT attribute … XOR'ed with the 32-bit value 0x5354554e"). The CRC is the one of ITU-T V.42 / IEEE 802.3
 * (reflected polynomial 0xEDB88320, initial value and final XOR 0xFFFFFFFF), the same as zlib's `crc32`.
 *
 * @module
 */
// This module is browser compatible.

/** One entry per byte value, built once. @private */
const TABLE: Uint32Array = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/**
 * CRC-32 of `bytes[start, end)`. The caller keeps `0 <= start <= end <= bytes.length`.
 * @private
 */
export function crc32(bytes: Uint8Array, start: number, end: number): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
