/**
 * The filter language's lexer: turns the input into terms (`field:value`, bare words), parentheses and the
 * keywords AND / OR / NOT (also `&&`, `||`, `!`). Any whitespace separates tokens; `(`, `)`, `&&` and `||` end a word
 * without a space, so `NOT(a:1)` and `a:1&&b:2` lex as expected.
 * @module
 */
// This module is browser compatible.

import { fail, FILTER_LIMITS, type FilterError } from "./error.ts";

/** How a term compares: `:` matches (substring, number equality, address), `=` exact, the rest compare numbers. */
export type CompareOp = ":" | "=" | "!=" | ">" | ">=" | "<" | "<=";

/** One lexed token; `at`/`end` are the span in the input. */
export type Token =
  | { readonly kind: "(" | ")"; readonly at: number; readonly end: number }
  /** `text` is the keyword as typed (`AND`, `&&`…), for messages. */
  | { readonly kind: "and" | "or" | "not"; readonly at: number; readonly end: number; readonly text: string }
  /** A bare word or quoted phrase: free text; `value` has the escapes resolved. */
  | {
    readonly kind: "word";
    readonly at: number;
    readonly end: number;
    readonly value: string;
    readonly quoted: boolean;
  }
  /** `key:op value`; the key spans `at`–`keyEnd`, the value (with its quotes) `valueAt`–`end`. */
  | {
    readonly kind: "field";
    readonly at: number;
    readonly end: number;
    readonly key: string;
    readonly keyEnd: number;
    readonly op: CompareOp;
    readonly valueAt: number;
    readonly value: string;
    readonly quoted: boolean;
  };

/** The tokens, and the first error unless lexing was lenient. */
export interface LexResult {
  readonly tokens: Token[];
  readonly error?: FilterError;
}

const KEY = /[A-Za-z_][A-Za-z0-9_]*:/y;
const OPS: readonly CompareOp[] = [">=", "<=", "!=", ">", "<", "="];
const ESCAPES: Readonly<Record<string, string>> = { '"': '"', "\\": "\\", n: "\n", t: "\t" };

function isSpace(c: string): boolean {
  return c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f" || c === "\v" || c === "\u00a0";
}

/** True where a word ends: end of input, whitespace, a parenthesis, a quote, `&&` or `||`. */
function endsWord(s: string, i: number): boolean {
  const c = s[i];
  if (c === undefined || isSpace(c) || c === "(" || c === ")" || c === '"') return true;
  return (c === "&" || c === "|") && s[i + 1] === c;
}

/**
 * Splits `input` into tokens.
 * @param input The filter text, already checked against {@linkcode FILTER_LIMITS}.maxLength by the caller.
 * @param lenient For autocompletion of half-typed input: never fail; an unterminated quote runs to the end, a missing
 *   value is empty, a bad escape is kept as typed.
 * @returns The tokens, and the first error (strict mode stops there).
 * @example Lex a comparison and a keyword
 * ```ts
 * import { lex } from "./lexer.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const { tokens } = lex("len:>100 or rtp");
 * deepStrictEqual(tokens.map((t) => t.kind), ["field", "or", "word"]);
 * ```
 */
export function lex(input: string, lenient = false): LexResult {
  const tokens: Token[] = [];
  const s = input.length > FILTER_LIMITS.maxLength && !lenient ? input.slice(0, FILTER_LIMITS.maxLength) : input;
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (isSpace(c)) {
      i++;
      continue;
    }
    const at = i;
    if (c === "(" || c === ")") {
      tokens.push({ kind: c, at, end: ++i });
      continue;
    }
    if ((c === "&" || c === "|") && s[i + 1] === c) {
      i += 2;
      tokens.push({ kind: c === "&" ? "and" : "or", at, end: i, text: c + c });
      continue;
    }
    if (c === "!" && s[i + 1] !== "=") {
      tokens.push({ kind: "not", at, end: ++i, text: "!" });
      continue;
    }
    if (c === '"') {
      const q = readQuoted(s, i, lenient);
      if (!q.ok) return { tokens, error: q.error };
      tokens.push({ kind: "word", at, end: q.end, value: q.value, quoted: true });
      i = q.end;
      continue;
    }
    KEY.lastIndex = i;
    if (KEY.test(s)) {
      const keyEnd = KEY.lastIndex - 1;
      let j = keyEnd + 1;
      let op: CompareOp = ":";
      for (const o of OPS) {
        if (s.startsWith(o, j)) {
          op = o;
          j += o.length;
          break;
        }
      }
      const valueAt = j;
      let value: string;
      let quoted = false;
      if (s[j] === '"') {
        const q = readQuoted(s, j, lenient);
        if (!q.ok) return { tokens, error: q.error };
        value = q.value;
        quoted = true;
        j = q.end;
      } else {
        const w = readRun(s, j, lenient);
        if (!w.ok) return { tokens, error: w.error };
        value = s.slice(j, w.end);
        j = w.end;
        if (value === "" && !lenient) {
          const typed = s.slice(at, valueAt);
          return { tokens, ...fail("missing-value", `Expected a value after '${typed}'`, valueAt) };
        }
      }
      tokens.push({ kind: "field", at, end: j, key: s.slice(at, keyEnd), keyEnd, op, valueAt, value, quoted });
      i = j;
      continue;
    }
    const w = readRun(s, i, lenient);
    if (!w.ok) return { tokens, error: w.error };
    const text = s.slice(i, w.end);
    const lower = text.toLowerCase();
    if (lower === "and" || lower === "or" || lower === "not") tokens.push({ kind: lower, at, end: w.end, text });
    else tokens.push({ kind: "word", at, end: w.end, value: text, quoted: false });
    i = w.end;
  }
  return { tokens };
}

type Scan = { ok: true; end: number } | { ok: false; error: FilterError };

/** An unquoted word from `i`; a `"` inside it is an error (quote the whole value instead). */
function readRun(s: string, i: number, lenient: boolean): Scan {
  let j = i;
  while (!endsWord(s, j)) j++;
  if (s[j] === '"' && j > i && !lenient) {
    return fail("unexpected-character", "A quote can only start a value: quote the whole value", j, j + 1);
  }
  return { ok: true, end: j };
}

/** A `"…"` string at `i` with `\"`, `\\`, `\n`, `\t` escapes; what follows it must end the word. */
function readQuoted(
  s: string,
  i: number,
  lenient: boolean,
): { ok: true; end: number; value: string } | { ok: false; error: FilterError } {
  let value = "";
  let j = i + 1;
  for (;;) {
    const c = s[j];
    if (c === undefined) {
      if (lenient) return { ok: true, end: j, value };
      return fail("unterminated-string", "Missing the closing '\"' of this quoted value", i, s.length);
    }
    if (c === '"') {
      j++;
      break;
    }
    if (c === "\\") {
      const n = s[j + 1];
      const e = n === undefined ? undefined : ESCAPES[n];
      if (e === undefined) {
        if (!lenient) {
          return fail(
            "bad-escape",
            'Unknown escape: use \\" for a quote, \\\\ for a backslash',
            j,
            Math.min(j + 2, s.length),
          );
        }
        value += n ?? "";
      } else value += e;
      j += 2;
      continue;
    }
    value += c;
    j++;
  }
  if (!endsWord(s, j) && !lenient) {
    return fail("unexpected-character", "Expected a space or an operator after the closing quote", j, j + 1);
  }
  if (s[j] === '"' && !lenient) {
    return fail("unexpected-character", "Expected a space or an operator after the closing quote", j, j + 1);
  }
  return { ok: true, end: j, value };
}
