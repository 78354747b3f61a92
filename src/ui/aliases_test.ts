import { deepStrictEqual } from "node:assert/strict";
import { letters } from "./aliases.ts";

Deno.test("stream aliases are bijective base-26 letters, so no two SSRCs share one", () => {
  deepStrictEqual([0, 1, 25, 26, 27, 51, 52, 701, 702].map(letters), [
    "A",
    "B",
    "Z",
    "AA",
    "AB",
    "AZ",
    "BA",
    "ZZ",
    "AAA",
  ]);
  deepStrictEqual(new Set(Array.from({ length: 2000 }, (_, i) => letters(i))).size, 2000);
});
