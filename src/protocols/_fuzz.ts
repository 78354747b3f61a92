/**
 * Test support for the decoders' fuzz tests and other randomised tests and samples: seeded PRNGs, so a failing input
 * can be replayed, and a byte view that throws on any read outside a window, so an out-of-bounds read fails the test
 * instead of yielding `undefined`.
 * @module
 */
// This module is browser compatible.

/** mulberry32: a small seeded PRNG returning numbers in [0, 1). */
export function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Marsaglia's xorshift32 (shifts 13, 17, 5): unsigned 32-bit integers, never 0 (a zero seed counts as 1). */
export function xorshift32(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>>= 0);
  };
}

/** {@linkcode xorshift32} scaled to [0, 1), so impairments and sample data are the same on every run. */
export function seededRandom(seed: number): () => number {
  const next = xorshift32(seed);
  return () => next() / 4294967296;
}

/** A view of `bytes` that throws on any indexed read outside `[from, to)`. */
export function guarded(bytes: Uint8Array, from = 0, to = bytes.length): Uint8Array {
  return new Proxy(bytes, {
    get(target, key) {
      if (typeof key === "string" && /^-?\d+$/.test(key) && (Number(key) < from || Number(key) >= to)) {
        throw new RangeError(`read of byte ${key} outside [${from}, ${to}) of ${target.length}`);
      }
      const value = Reflect.get(target, key, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
