import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { countFciEntries, feedbackBase } from "./feedback.ts";
import { headerAt, subset } from "./_fixtures.ts";
import { hex } from "../_fixtures.ts";

/** A PT-205 FMT-1 packet with `fci` bytes of FCI (and `padding` octets of padding). */
function feedback(fci: number, padding = 0): Uint8Array {
  const bytes = new Uint8Array(12 + fci + padding);
  bytes.set([0x81 | (padding > 0 ? 0x20 : 0), 205, 0, (bytes.length >> 2) - 1, 0, 0, 0, 1, 0, 0, 0, 2]);
  if (padding > 0) bytes[bytes.length - 1] = padding;
  return bytes;
}

const cases: { name: string; bytes: Uint8Array; entrySize: number; minEntries: number; want: unknown }[] = [
  { name: "counts whole entries", bytes: feedback(12), entrySize: 4, minEntries: 1, want: 3 },
  { name: "accepts zero entries when the minimum is 0", bytes: feedback(0), entrySize: 8, minEntries: 0, want: 0 },
  { name: "accepts no FCI for a message without one", bytes: feedback(0), entrySize: 0, minEntries: 0, want: 0 },
  { name: "leaves padding out of the FCI", bytes: feedback(8, 4), entrySize: 8, minEntries: 1, want: 1 },
  {
    name: "fails on an FCI for a message without one",
    bytes: feedback(4),
    entrySize: 0,
    minEntries: 0,
    want: { ok: false, reason: "bad-length", offset: 2 },
  },
  {
    name: "fails on too few entries",
    bytes: feedback(0),
    entrySize: 4,
    minEntries: 1,
    want: { ok: false, reason: "bad-length", offset: 2 },
  },
  {
    name: "fails on a partial entry",
    bytes: feedback(12),
    entrySize: 8,
    minEntries: 1,
    want: { ok: false, reason: "bad-length", offset: 2 },
  },
  {
    name: "fails without the media SSRC",
    bytes: hex`81 cd 00 01  00 00 00 01`,
    entrySize: 4,
    minEntries: 0,
    want: { ok: false, reason: "bad-length", offset: 2 },
  },
];
for (const c of cases) {
  Deno.test(`countFciEntries() ${c.name}`, () => {
    const got = countFciEntries(headerAt(c.bytes), "test", c.entrySize, c.minEntries);
    if (typeof c.want === "number") strictEqual(got, c.want);
    else deepStrictEqual(subset(got, c.want as Record<string, unknown>), c.want);
  });
}

Deno.test("feedbackBase() reads both SSRCs and copies the header fields", () => {
  const bytes = feedback(4, 4);
  deepStrictEqual(feedbackBase(bytes, headerAt(bytes)), {
    offset: 0,
    byteLength: 20,
    padding: 4,
    senderSsrc: 1,
    mediaSsrc: 2,
  });
});
