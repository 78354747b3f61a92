import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { decodeDeltas, isDeltaFailure, toUnsigned } from "./delta.ts";
import { decodeBlobs } from "./blob.ts";
import { encodeBlobs, encodeDeltas } from "./_encode.ts";
import { xorshift32 } from "../protocols/_fuzz.ts";

const big = (xs: (number | undefined)[]) => xs.map((x) => x === undefined ? undefined : BigInt(x));

const cases: { name: string; base: number | undefined; values: (number | undefined)[]; signed?: 32 }[] = [
  { name: "reads increasing sequence numbers (type 0 header, unsigned)", base: 1000, values: [1001, 1002, 1004, 1005] },
  { name: "reads decreasing values with signed deltas", base: 500, values: [499, 480, 490, 100] },
  { name: "reads values that wrap at 16 bits", base: 65534, values: [65535, 0, 1] },
  { name: "reads absent values through the existence bitmap", base: 7, values: [undefined, 9, undefined, 12] },
  {
    name: "reads a batch whose base is absent (first value as a varint)",
    base: undefined,
    values: [undefined, 300, 301],
  },
  { name: "reads a batch of all-absent values with an absent base", base: undefined, values: [undefined, undefined] },
  { name: "reads a constant batch (empty delta string)", base: 42, values: [42, 42, 42] },
  { name: "reads 32-bit RTP timestamps that wrap", base: 0xffff_fff0, values: [0xffff_fffa, 4, 100, 90] },
  { name: "reads signed int32 values (transmission time offset)", base: -5, values: [-3, 7, -100, 0], signed: 32 },
];

for (const c of cases) {
  Deno.test(`decodeDeltas() ${c.name}`, () => {
    const width = c.signed ?? 0;
    const u = (v: number | undefined) => v === undefined ? undefined : BigInt(toUnsigned(v, 32));
    const enc = width === 32
      ? encodeDeltas(u(c.base), c.values.map(u))
      : encodeDeltas(c.base === undefined ? undefined : BigInt(c.base), big(c.values));
    const base = c.base === undefined ? undefined : width === 32 ? toUnsigned(c.base, 32) : c.base;
    deepStrictEqual(decodeDeltas(enc, base, c.values.length, width), c.values);
  });
}

Deno.test("decodeDeltas() reads a hand-built type 1 header: signed 3-bit deltas of 8-bit values", () => {
  // type=01 delta_width-1=000010 | signed=1 optional=0 value_width-1=000111 | deltas +1 (001), -2 (110)
  // bits: 01000010 10000111 00111000
  deepStrictEqual(decodeDeltas(new Uint8Array([0x42, 0x87, 0x38]), 10, 2), [11, 9]);
});

Deno.test("decodeDeltas() matches our encoder on 2,000 random batches, signed and unsigned", () => {
  const rand = xorshift32(0x5eed); // seeded, so failures reproduce
  for (let i = 0; i < 2000; i++) {
    const n = 1 + (rand() % 40);
    const width = [8, 16, 32][rand() % 3]!;
    const mod = 2 ** width;
    const base = rand() % 5 === 0 ? undefined : rand() % mod;
    let v = base ?? rand() % mod;
    const values: (number | undefined)[] = [];
    for (let k = 0; k < n; k++) {
      if (rand() % 7 === 0) {
        values.push(undefined);
        continue;
      }
      v = (((v + (rand() % 2000) - 1000) % mod) + mod) % mod;
      values.push(v);
    }
    const force = (["signed", "unsigned", undefined] as const)[i % 3];
    const enc = encodeDeltas(base === undefined ? undefined : BigInt(base), big(values), force ? { force } : {});
    deepStrictEqual(decodeDeltas(enc, base, n), values, `batch ${i}`);
  }
});

Deno.test("decodeDeltas() reads 64-bit timestamps beyond 2^53 through its bigint path", () => {
  const base = 2n ** 60n;
  const values = [base + 5n, base + 1000n];
  const enc = encodeDeltas(base, values);
  deepStrictEqual(decodeDeltas(enc, base, 2), values.map(Number));
  // and signed int64 (-1 as 2^64-1, then -3)
  const neg = encodeDeltas(2n ** 64n - 1n, [2n ** 64n - 3n]);
  deepStrictEqual(decodeDeltas(neg, 2n ** 64n - 1n, 1, 64), [-3]);
});

Deno.test("decodeDeltas() reports truncated deltas and unknown encoding types instead of throwing", () => {
  const enc = encodeDeltas(0n, [1000n, 5n, 70000n, 3n]);
  const cut = decodeDeltas(enc.subarray(0, enc.length - 2), 0, 4);
  ok(isDeltaFailure(cut) && cut.detail.includes("truncated"), JSON.stringify(cut));
  const bad = decodeDeltas(new Uint8Array([0x80, 0]), 0, 1);
  ok(isDeltaFailure(bad) && bad.detail.includes("type 2"), JSON.stringify(bad));
  const rand = xorshift32(7);
  for (let i = 0; i < 5000; i++) {
    const bytes = Uint8Array.from({ length: rand() % 12 }, () => rand() & 0xff);
    decodeDeltas(bytes, rand() % 2 ? undefined : rand(), 1 + (rand() % 30), (rand() % 2 ? 32 : 0) as 0 | 32);
  }
});

Deno.test("decodeBlobs() splits what encodeBlobs() joined, and rejects leftovers and short input", () => {
  const blobs = [new Uint8Array(0), new Uint8Array(200).fill(7), new Uint8Array([1, 2, 3])];
  const enc = encodeBlobs(blobs);
  strictEqual(enc[1], 0xc8, "a 200-byte length takes two varint bytes");
  deepStrictEqual(decodeBlobs(enc, 3), blobs);
  ok(isDeltaFailure(decodeBlobs(enc, 2)), "2 blobs leave bytes over");
  ok(isDeltaFailure(decodeBlobs(enc.subarray(0, enc.length - 1), 3)));
});
