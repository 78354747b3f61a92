import { strictEqual } from "node:assert/strict";
import { seeded } from "../../protocols/_fuzz.ts";
import { compileFilter } from "./compile.ts";
import { complete } from "./complete.ts";
import { FILTER_LIMITS } from "./error.ts";
import type { FieldSpec } from "./fields.ts";
import { parseFilter } from "./parser.ts";
import { RTCP_FIELDS, RTCP_ROWS, RTP_FIELDS, RTP_ROWS } from "./_samples.ts";

/** Pieces a user (or a cat on the keyboard) might type: the language's own tokens weigh more than noise. */
const PIECES = [
  "src",
  "dst",
  "pt",
  "ssrc",
  "marker",
  "alias",
  "payload",
  "type",
  "bogus",
  "AND",
  "or",
  "Not",
  "&&",
  "||",
  "!",
  ":",
  ":>",
  ":>=",
  ":<",
  ":<=",
  ":=",
  ":!=",
  "(",
  ")",
  '"',
  "\\",
  " ",
  " ",
  "\t",
  "10.0.0.1",
  "[2001:db8::1]:5004",
  "::",
  "5004",
  "0x1f",
  "1e3",
  "yes",
  "sender report",
  "fe80::1",
  "/24",
  "-",
  ".",
  "é",
  "\u0000",
  "🙂",
  "=",
  ">",
];

function randomFilter(rand: () => number): string {
  const n = Math.floor(rand() * 24);
  let s = "";
  for (let i = 0; i < n; i++) {
    s += rand() < 0.8
      ? PIECES[Math.floor(rand() * PIECES.length)]!
      : String.fromCharCode(Math.floor(rand() * 0x80) + (rand() < 0.1 ? 0x2000 : 0));
  }
  return s;
}

function checkResult(
  input: string,
  r: { ok: true } | { ok: false; error: { at: number; end: number; message: string } },
) {
  if (r.ok) return;
  const { at, end, message } = r.error;
  if (!(Number.isInteger(at) && 0 <= at && at <= end && end <= input.length && message.length > 0)) {
    throw new Error(`bad error for ${JSON.stringify(input)}: ${JSON.stringify(r.error)}`);
  }
}

/** Compiles `input` for one table and runs it on every row; true when it compiled. */
function compileAndRun<Row>(input: string, fields: readonly FieldSpec<Row>[], rows: readonly Row[]): boolean {
  const f = compileFilter(input, fields);
  checkResult(input, f);
  if (!f.ok) return false;
  for (const row of rows) strictEqual(typeof f.test(row), "boolean");
  return true;
}

Deno.test("parseFilter(), compileFilter() and complete() return a result with an in-range position for 20,000 random filters", () => {
  const rand = seeded(0x5eed);
  let valid = 0;
  for (let i = 0; i < 20_000; i++) {
    const input = randomFilter(rand);
    const p = parseFilter(input);
    checkResult(input, p);
    if (compileAndRun(input, RTP_FIELDS, RTP_ROWS)) valid++;
    if (compileAndRun(input, RTCP_FIELDS, RTCP_ROWS)) valid++;
    const cursor = Math.floor(rand() * (input.length + 1));
    const c = complete(input, cursor, RTP_FIELDS);
    if (!(0 <= c.from && c.from <= c.to && c.to <= input.length)) {
      throw new Error(`bad completion range for ${JSON.stringify(input)} at ${cursor}: ${c.from}-${c.to}`);
    }
  }
  // The generator must reach the compiler and the predicates, not only the error paths.
  strictEqual(valid > 2_000, true, `only ${valid} valid filters`);
});

Deno.test("parseFilter() bounds long and deep random input", () => {
  const rand = seeded(42);
  for (let i = 0; i < 200; i++) {
    const depth = FILTER_LIMITS.maxDepth + 1 + Math.floor(rand() * 400);
    const deep = "(".repeat(depth) + "a" + ")".repeat(depth);
    const r = parseFilter(deep);
    strictEqual(r.ok ? "" : r.error.code, deep.length > FILTER_LIMITS.maxLength ? "too-long" : "too-deep");
    const nots = "!".repeat(depth) + "a";
    const n = parseFilter(nots);
    strictEqual(n.ok ? "" : n.error.code, nots.length > FILTER_LIMITS.maxLength ? "too-long" : "too-deep");
  }
  const huge = "a".repeat(1_000_000);
  const r = parseFilter(huge);
  strictEqual(r.ok ? "" : r.error.code, "too-long");
  strictEqual(complete(huge, 5, RTP_FIELDS).items.length, 0);
});
