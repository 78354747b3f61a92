import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { checkBlockMinimum, checkBlockSize } from "./xr_block.ts";
import { subset } from "./_fixtures.ts";

const block = (words: number) => ({ offset: 0, blockType: 4, typeSpecific: 0, end: 4 + 4 * words });

Deno.test("checkBlockSize() accepts exactly the size and rejects any other", () => {
  strictEqual(checkBlockSize(block(2), "RRT", 8), null);
  deepStrictEqual(subset(checkBlockSize(block(3), "RRT", 8), { reason: 0, offset: 0, detail: 0 }), {
    reason: "bad-length",
    offset: 2,
    detail: "XR RRT block length must be 2, it is 3",
  });
  strictEqual(checkBlockSize(block(1), "RRT", 8)?.reason, "bad-length");
});

Deno.test("checkBlockMinimum() accepts the minimum or more", () => {
  strictEqual(checkBlockMinimum(block(2), "RLE", 8), null);
  strictEqual(checkBlockMinimum(block(9), "RLE", 8), null);
  strictEqual(checkBlockMinimum(block(1), "RLE", 8)?.reason, "bad-length");
});
