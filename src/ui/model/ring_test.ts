import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { Ring } from "./ring.ts";

Deno.test("a ring drops its oldest rows and keeps global indexes counting across drops and compaction", () => {
  const r = new Ring<number>();
  for (let i = 0; i < 10_000; i++) r.push(i);
  strictEqual(r.dropWhile((x) => x < 6000), 6000);
  deepStrictEqual([r.length, r.base, r.total, r.at(0), r.at(3999), r.at(4000)], [
    4000,
    6000,
    10_000,
    6000,
    9999,
    undefined,
  ]);
  r.push(10_000);
  deepStrictEqual([r.total, r.at(4000)], [10_001, 10_000]);
  const g = r.generation;
  r.clear();
  deepStrictEqual([r.length, r.base, r.generation], [0, 0, g + 1]);
});
