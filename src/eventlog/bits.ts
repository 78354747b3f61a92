/**
 * A most-significant-bit-first reader over bytes, as WebRTC's `BitstreamReader` reads delta encodings. Reading past
 * the end never throws: it returns 0 and clears {@linkcode BitReader.ok} for good.
 * @module
 */
// This module is browser compatible.

/** Reads bit fields MSB first; check `ok` after a sequence of reads. */
export class BitReader {
  /** False once a read ran past the end. */
  ok = true;
  #bytes: Uint8Array;
  #bit = 0;
  readonly #end: number;

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
    this.#end = bytes.length * 8;
  }

  /** Bits left. */
  get remaining(): number {
    return this.#end - this.#bit;
  }

  /**
   * Reads an unsigned field of 0–32 bits.
   * @param n Width in bits.
   * @returns The value, or 0 past the end.
   */
  read(n: number): number {
    if (this.#bit + n > this.#end) return this.#overrun();
    let v = 0;
    let bit = this.#bit;
    let left = n;
    while (left > 0) {
      const byte = this.#bytes[bit >> 3]!;
      const offset = bit & 7;
      const take = Math.min(8 - offset, left);
      const chunk = (byte >> (8 - offset - take)) & ((1 << take) - 1);
      v = v * (1 << take) + chunk; // multiplication keeps 32-bit values unsigned
      bit += take;
      left -= take;
    }
    this.#bit = bit;
    return v;
  }

  /** Reads an unsigned field of 0–52 bits as a number. */
  readWide(n: number): number {
    if (n <= 32) return this.read(n);
    const hi = this.read(n - 32);
    return hi * 2 ** 32 + this.read(32);
  }

  /** Reads an unsigned field of 0–64 bits as a bigint. */
  readBig(n: number): bigint {
    if (n <= 32) return BigInt(this.read(n));
    const hi = BigInt(this.read(n - 32));
    return (hi << 32n) | BigInt(this.read(32));
  }

  /**
   * Reads a LEB128 varint of at most 10 bytes, each byte taken as 8 bits from the stream.
   * @returns The value; null when it is truncated (then `ok` is false) or above 2^53 (then `ok` stays true).
   */
  readVarint(): number | null {
    let v = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      const b = this.read(8);
      if (!this.ok) return null;
      v += (b & 0x7f) * scale;
      scale *= 128;
      if ((b & 0x80) === 0) return v <= Number.MAX_SAFE_INTEGER ? v : null;
    }
    this.ok = false;
    return null;
  }

  /** {@linkcode readVarint} as a bigint (64-bit wrap), or null when truncated or longer than 10 bytes. */
  readVarintBig(): bigint | null {
    let v = 0n;
    for (let i = 0n; i < 10n; i++) {
      const b = this.read(8);
      if (!this.ok) return null;
      v |= BigInt(b & 0x7f) << (7n * i);
      if ((b & 0x80) === 0) return BigInt.asUintN(64, v);
    }
    this.ok = false;
    return null;
  }

  #overrun(): number {
    this.ok = false;
    this.#bit = this.#end;
    return 0;
  }
}
