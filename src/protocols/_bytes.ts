/**
 * Big- and little-endian readers over a `Uint8Array`, for the framing decoders.
 *
 * They do not check bounds: every caller checks `offset + width <= bytes.length` first (a read past the end would
 * return `undefined`, which the bit operations turn into 0, but it would also deoptimise the hot path). Reading bytes
 * directly is faster than building a `DataView` per frame and allocates nothing.
 *
 * @module
 */
// This module is browser compatible.

/** Reads an unsigned 16-bit big-endian (network order) integer. @private */
export function be16(bytes: Uint8Array, offset: number): number {
  return (bytes[offset]! << 8) | bytes[offset + 1]!;
}

/** Reads an unsigned 32-bit big-endian (network order) integer. @private */
export function be32(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset]! << 24) | (bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!) >>> 0;
}

/** Reads an unsigned 32-bit little-endian integer. @private */
export function le32(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset + 3]! << 24) | (bytes[offset + 2]! << 16) | (bytes[offset + 1]! << 8) | bytes[offset]!) >>> 0;
}
