/**
 * Compiles a filter against a table's fields into a row predicate. Everything that can be wrong is found here, once,
 * before any row is tested: unknown fields, non-numbers, comparisons on text, unknown enum values. The UI shows the
 * error and keeps the previous predicate, so an invalid filter never hides or reveals rows by accident.
 * @module
 */
// This module is browser compatible.

import { addressMatcher, addressQuery, parseEndpoint } from "./address.ts";
import { fail, type FilterError, type FilterResult } from "./error.ts";
import { type FieldSpec, findField, OPERATORS, quoteValue, suggestField } from "./fields.ts";
import type { CompareOp } from "./lexer.ts";
import { type FilterNode, parseFilter } from "./parser.ts";

/** A row predicate. */
export type RowTest<Row> = (row: Row) => boolean;

/** A compiled filter. */
export interface CompiledFilter<Row> {
  /** True for the rows the filter keeps. */
  readonly test: RowTest<Row>;
  /** True when the filter is empty: every row matches and the UI may skip filtering. */
  readonly matchesAll: boolean;
  /** The parse tree, null for an empty filter. */
  readonly node: FilterNode | null;
}

type FieldNode = Extract<FilterNode, { kind: "field" }>;
type Out<Row> = { ok: true; test: RowTest<Row> } | { ok: false; error: FilterError };

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
const HEX = /^0x[0-9a-f]+$/i;

/** A filter value as a number: decimal (`100`, `1.5`, `-3`, `1e3`) or hex (`0x5e2c0f11`, handy for SSRCs). */
export function parseNumber(s: string): number | null {
  if (HEX.test(s)) return parseInt(s.slice(2), 16);
  return NUMBER.test(s) ? Number(s) : null;
}

function numberTest(op: CompareOp, n: number): (v: number) => boolean {
  switch (op) {
    case ">":
      return (v) => v > n;
    case ">=":
      return (v) => v >= n;
    case "<":
      return (v) => v < n;
    case "<=":
      return (v) => v <= n;
    case "!=":
      return (v) => v !== n;
    default:
      return (v) => v === n;
  }
}

/** Wraps a value test so that a missing value never matches, whatever the operator (`!=` included). */
function present<Row, V>(get: (row: Row) => V | null | undefined, test: (v: V) => boolean): RowTest<Row> {
  return (row) => {
    const v = get(row);
    return v !== null && v !== undefined && test(v);
  };
}

function leaf<Row>(f: FieldSpec<Row>, n: FieldNode): Out<Row> {
  const valueSpan = [n.valueAt, n.end] as const;
  if (!OPERATORS[f.type].includes(n.op)) {
    return fail(
      "bad-operator",
      `'${n.op}' compares numbers, but '${f.key}' is ${f.type === "address" ? "an" : "a"} ${f.type} field`,
      n.keyEnd + 1,
      n.valueAt,
    );
  }
  const negate = n.op === "!=";
  switch (f.type) {
    case "number": {
      const x = parseNumber(n.value.trim());
      if (x === null) {
        return fail("bad-number", `Expected a number for '${f.key}', not '${n.value}'`, ...valueSpan);
      }
      const t = numberTest(n.op, x);
      return { ok: true, test: present((r: Row) => f.get(r), (v: number) => !Number.isNaN(v) && t(v)) };
    }
    case "string": {
      const want = n.value.toLowerCase();
      if (n.op === ":") {
        return {
          ok: true,
          test: present((r: Row) => f.get(r), (v: string) => v.toLowerCase().includes(want)),
        };
      }
      return { ok: true, test: present((r: Row) => f.get(r), (v: string) => (v.toLowerCase() === want) !== negate) };
    }
    case "address": {
      const m = addressMatcher(addressQuery(n.value), n.op !== ":");
      return { ok: true, test: present((r: Row) => f.get(r), (v: string) => m(v) !== negate) };
    }
    case "enum": {
      const want = n.value.toLowerCase();
      const values = f.values.map((v) => v.toLowerCase());
      const exact = values.includes(want);
      if (!exact && (n.op !== ":" || !values.some((v) => v.includes(want)))) {
        return fail(
          "unknown-value",
          `'${n.value}' is not a value of '${f.key}': use one of ${f.values.map(quoteValue).join(", ")}`,
          ...valueSpan,
          { expected: f.values },
        );
      }
      if (exact) {
        return {
          ok: true,
          test: present((r: Row) => f.get(r), (v: string) => (v.toLowerCase() === want) !== negate),
        };
      }
      return { ok: true, test: present((r: Row) => f.get(r), (v: string) => v.toLowerCase().includes(want)) };
    }
  }
}

/** A bare word: true when any free-text field matches it (see {@linkcode FieldSpec}'s `freeText`). */
function word<Row>(fields: readonly FieldSpec<Row>[], value: string, at: number, end: number): Out<Row> {
  const marked = fields.filter((f) => f.freeText === true);
  const chosen = marked.length > 0 ? marked : fields.filter((f) => f.type !== "number");
  if (chosen.length === 0) {
    const keys = fields.map((f) => f.key).join(", ");
    return fail("no-free-text", `This table has no free-text fields: use field:value (fields: ${keys})`, at, end);
  }
  const want = value.toLowerCase();
  const tests: RowTest<Row>[] = [];
  for (const f of chosen) {
    if (f.type === "number") {
      const x = parseNumber(value.trim());
      if (x !== null) tests.push(present((r: Row) => f.get(r), (v: number) => v === x));
    } else if (f.type === "address") {
      const m = addressMatcher(addressQuery(value), false);
      tests.push(present((r: Row) => f.get(r), m));
    } else tests.push(present((r: Row) => f.get(r), (v: string) => v.toLowerCase().includes(want)));
  }
  return { ok: true, test: (row) => tests.some((t) => t(row)) };
}

function build<Row>(input: string, fields: readonly FieldSpec<Row>[], node: FilterNode): Out<Row> {
  switch (node.kind) {
    case "and":
    case "or": {
      const parts: RowTest<Row>[] = [];
      for (const item of node.items) {
        const r = build(input, fields, item);
        if (!r.ok) return r;
        parts.push(r.test);
      }
      return node.kind === "and"
        ? { ok: true, test: (row) => parts.every((t) => t(row)) }
        : { ok: true, test: (row) => parts.some((t) => t(row)) };
    }
    case "not": {
      const r = build(input, fields, node.operand);
      return r.ok ? { ok: true, test: (row) => !r.test(row) } : r;
    }
    case "word":
      return word(fields, node.value, node.at, node.end);
    case "field": {
      const f = findField(fields, node.key);
      if (f !== undefined) return leaf(f, node);
      // An unquoted IPv6 address such as fe80::1 lexes as key "fe80"; if the whole term is an address, it is a word.
      const raw = input.slice(node.at, node.end);
      if (node.op === ":" && !node.quoted && (parseEndpoint(raw) !== null || addressQuery(raw).kind !== "text")) {
        return word(fields, raw, node.at, node.end);
      }
      const keys = fields.map((x) => x.key);
      const suggestion = suggestField(fields, node.key);
      const hint = suggestion === undefined ? "" : ` Did you mean '${suggestion}'?`;
      return fail(
        "unknown-field",
        `Unknown field '${node.key}'.${hint} Fields: ${keys.join(", ")}`,
        node.at,
        node.keyEnd,
        suggestion === undefined ? { expected: keys } : { suggestion, expected: keys },
      );
    }
  }
}

/**
 * Parses `input` and compiles it against a table's fields. Never throws.
 * @param input The filter as typed; empty or blank keeps every row.
 * @param fields The table's field list.
 * @returns `{ ok: true, test, matchesAll, node }`, or `{ ok: false, error }` with the span at fault (keep showing
 *   the previous result then).
 * @example Filter RTCP rows
 * ```ts
 * import { compileFilter } from "./compile.ts";
 * import type { FieldSpec } from "./fields.ts";
 * import { deepStrictEqual, strictEqual } from "node:assert/strict";
 * interface Row { type: string; src: string; len: number }
 * const fields: FieldSpec<Row>[] = [
 *   { key: "type", type: "enum", values: ["sender report", "receiver report"], help: "RTCP type", get: (r) => r.type },
 *   { key: "src", aliases: ["source"], type: "address", help: "Source", get: (r) => r.src },
 *   { key: "len", type: "number", help: "Length", get: (r) => r.len },
 * ];
 * const rows: Row[] = [
 *   { type: "sender report", src: "10.0.0.1:5005", len: 52 },
 *   { type: "receiver report", src: "[2001:db8::1]:5005", len: 32 },
 * ];
 * const f = compileFilter('TYPE:"sender report" OR source:"[2001:db8::1]:5005" len:<40', fields);
 * if (!f.ok) throw new Error(f.error.message);
 * strictEqual(rows.filter(f.test).length, 2);
 * const bad = compileFilter("scr:10.0.0.1", fields);
 * deepStrictEqual(bad.ok ? null : [bad.error.at, bad.error.suggestion], [0, "src"]);
 * ```
 */
export function compileFilter<Row>(
  input: string,
  fields: readonly FieldSpec<Row>[],
): FilterResult<CompiledFilter<Row>> {
  const parsed = parseFilter(input);
  if (!parsed.ok) return parsed;
  if (parsed.node === null) return { ok: true, test: () => true, matchesAll: true, node: null };
  const r = build(input, fields, parsed.node);
  return r.ok ? { ok: true, test: r.test, matchesAll: false, node: parsed.node } : r;
}
