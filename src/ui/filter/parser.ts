/**
 * The filter language's recursive-descent parser. Grammar, lowest precedence first:
 *
 * ```text
 * filter  := [ or ] EOF                     -- empty input: no filter, every row matches
 * or      := and { ("OR" | "||") and }
 * and     := not { [ "AND" | "&&" ] not }   -- adjacent terms are ANDed
 * not     := ("NOT" | "!") not | primary
 * primary := "(" or ")" | field | word
 * field   := key ":" [ "=" | "!=" | ">" | ">=" | "<" | "<=" ] value
 * ```
 *
 * so NOT binds tighter than AND, and AND tighter than OR: `a OR b c` is `a OR (b AND c)`. Every token must be used:
 * a stray `)` or a trailing operator is an error, never silently dropped (the original ignored trailing tokens).
 * @module
 */
// This module is browser compatible.

import { fail, FILTER_LIMITS, type FilterError, type FilterResult } from "./error.ts";
import { lex, type Token } from "./lexer.ts";

/** A parsed filter. Spans (`at`, `end`) point into the input, for error messages at compile time. */
export type FilterNode =
  | { readonly kind: "and" | "or"; readonly items: readonly FilterNode[] }
  | { readonly kind: "not"; readonly at: number; readonly operand: FilterNode }
  /** A term is the lexer's token as is: `key:op value`, or a bare word or quoted phrase matched as free text. */
  | Extract<Token, { readonly kind: "field" | "word" }>;

class ParseError {
  constructor(readonly error: FilterError) {}
}

class Parser {
  #i = 0;
  #depth = 0;
  constructor(readonly tokens: readonly Token[], readonly length: number) {}

  #peek(): Token | undefined {
    return this.tokens[this.#i];
  }

  #fail(r: { error: FilterError }): never {
    throw new ParseError(r.error); // caught in parseFilter; the module never lets it escape
  }

  /** Describes a token for a message: `'AND'`, `')'`, or "the end". */
  #name(t: Token | undefined): string {
    if (t === undefined) return "the end of the filter";
    if (t.kind === "word" || t.kind === "field") return "a term";
    return "text" in t ? `'${t.text}'` : `'${t.kind}'`;
  }

  #enter(at: number): void {
    if (++this.#depth > FILTER_LIMITS.maxDepth) {
      this.#fail(fail("too-deep", `The filter nests deeper than ${FILTER_LIMITS.maxDepth} levels`, at, at + 1));
    }
  }

  parse(): FilterNode | null {
    if (this.tokens.length === 0) return null;
    const node = this.#or(undefined);
    const t = this.#peek();
    if (t !== undefined) {
      // Only a ')' or an operator can be left over: a term would have been taken by the implicit AND.
      const msg = t.kind === ")" ? "This ')' has no matching '('" : `Unexpected ${this.#name(t)}`;
      this.#fail(fail("unexpected-token", msg, t.at, t.end));
    }
    return node;
  }

  #or(after: Token | undefined): FilterNode {
    const items = [this.#and(after)];
    for (let t = this.#peek(); t?.kind === "or"; t = this.#peek()) {
      this.#i++;
      items.push(this.#and(t));
    }
    return items.length === 1 ? items[0]! : { kind: "or", items };
  }

  #and(after: Token | undefined): FilterNode {
    const items = [this.#not(after)];
    for (let t = this.#peek(); t !== undefined; t = this.#peek()) {
      if (t.kind === "and") {
        this.#i++;
        items.push(this.#not(t));
      } else if (t.kind === "not" || t.kind === "(" || t.kind === "word" || t.kind === "field") {
        items.push(this.#not(undefined)); // implicit AND between adjacent terms
      } else break;
    }
    return items.length === 1 ? items[0]! : { kind: "and", items };
  }

  #not(after: Token | undefined): FilterNode {
    const t = this.#peek();
    if (t?.kind === "not") {
      this.#enter(t.at);
      this.#i++;
      const operand = this.#not(t);
      this.#depth--;
      return { kind: "not", at: t.at, operand };
    }
    return this.#primary(after);
  }

  #primary(after: Token | undefined): FilterNode {
    const t = this.#peek();
    if (t === undefined) {
      const msg = after === undefined ? "Expected a term" : `Expected a term after ${this.#name(after)}`;
      this.#fail(fail("missing-term", msg, this.length));
    }
    if (t.kind === "word" || t.kind === "field") {
      this.#i++;
      return t;
    }
    if (t.kind === "(") {
      this.#enter(t.at);
      this.#i++;
      const first = this.#peek();
      if (first?.kind === ")") {
        this.#fail(fail("missing-term", "Empty parentheses: put a term inside", t.at, first.end));
      }
      const inner = this.#or(t);
      const close = this.#peek();
      if (close === undefined) this.#fail(fail("unclosed-paren", "This '(' is never closed", t.at, t.end));
      if (close.kind !== ")") {
        this.#fail(fail("unexpected-token", `Expected ')' but found ${this.#name(close)}`, close.at, close.end));
      }
      this.#i++;
      this.#depth--;
      return inner;
    }
    const msg = after === undefined
      ? `Expected a term but found ${this.#name(t)}`
      : `Expected a term after ${this.#name(after)} but found ${this.#name(t)}`;
    return this.#fail(fail("unexpected-token", msg, t.at, t.end));
  }
}

/**
 * Parses a filter without knowing the table: syntax only. Never throws.
 * @param input What the user typed. Empty or blank means "no filter".
 * @returns `{ ok: true, node }` (`node` is null for an empty filter) or `{ ok: false, error }` with the span at fault.
 * @example Precedence: NOT, then AND, then OR
 * ```ts
 * import { parseFilter, showFilter } from "./parser.ts";
 * import { strictEqual } from "node:assert/strict";
 * const r = parseFilter("rtp OR len:>100 NOT src:10.0.0.1");
 * strictEqual(r.ok && showFilter(r.node), "(or rtp (and len:>100 (not src:10.0.0.1)))");
 * ```
 */
export function parseFilter(input: string): FilterResult<{ readonly node: FilterNode | null }> {
  if (input.length > FILTER_LIMITS.maxLength) {
    return fail(
      "too-long",
      `The filter is longer than ${FILTER_LIMITS.maxLength} characters`,
      FILTER_LIMITS.maxLength,
      input.length,
    );
  }
  const lexed = lex(input);
  if (lexed.error) return { ok: false, error: lexed.error };
  try {
    return { ok: true, node: new Parser(lexed.tokens, input.length).parse() };
  } catch (e) {
    if (e instanceof ParseError) return { ok: false, error: e.error };
    throw e; // a bug in this module, not bad input
  }
}

/**
 * Renders a parse tree as a compact S-expression, for tests and debugging: `(and a (not b:"x y"))`.
 * @param node A tree from {@linkcode parseFilter}, or null for the empty filter (rendered as `*`).
 * @returns The rendering; values with spaces, quotes or parentheses are quoted with escapes.
 * @example
 * ```ts
 * import { parseFilter, showFilter } from "./parser.ts";
 * import { strictEqual } from "node:assert/strict";
 * const r = parseFilter('TYPE:"sender report"');
 * strictEqual(r.ok && showFilter(r.node), 'TYPE:"sender report"');
 * ```
 */
export function showFilter(node: FilterNode | null): string {
  if (node === null) return "*";
  switch (node.kind) {
    case "and":
    case "or":
      return `(${node.kind} ${node.items.map(showFilter).join(" ")})`;
    case "not":
      return `(not ${showFilter(node.operand)})`;
    case "field":
      return `${node.key}${node.op === ":" ? ":" : ":" + node.op}${showValue(node.value, node.quoted)}`;
    case "word":
      return showValue(node.value, node.quoted);
  }
}

function showValue(v: string, quoted: boolean): string {
  if (!quoted) return v;
  return `"${v.replace(/["\\]/g, (c) => "\\" + c).replace(/\n/g, "\\n").replace(/\t/g, "\\t")}"`;
}
