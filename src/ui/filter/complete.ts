/**
 * Autocompletion for the filter input: what can go at the cursor, and which part of the input a choice replaces.
 * Works on half-typed input (an unclosed quote, `field:` with no value yet), which the strict parser rejects.
 * @module
 */
// This module is browser compatible.

import { FILTER_LIMITS } from "./error.ts";
import { type FieldSpec, findField, quoteValue } from "./fields.ts";
import { lex, type Token } from "./lexer.ts";

/** One suggestion. */
export interface CompletionItem {
  /** What the list shows, e.g. `src:` or `sender report`. */
  readonly label: string;
  /** What replaces `from`–`to` of the input, e.g. `src:` or `"sender report"`. */
  readonly insert: string;
  readonly kind: "field" | "value" | "keyword" | "operator";
  /** The field's help line, or a word on the keyword or operator. */
  readonly detail: string;
}

/** The suggestions for the token at the cursor; choosing one replaces `input.slice(from, to)` with its `insert`. */
export interface Completion {
  readonly from: number;
  readonly to: number;
  readonly items: readonly CompletionItem[];
}

const KEYWORDS: readonly { word: string; detail: string; afterTerm: boolean }[] = [
  { word: "AND", detail: "Both sides match (also written as a space)", afterTerm: true },
  { word: "OR", detail: "Either side matches", afterTerm: true },
  { word: "NOT", detail: "The next term does not match", afterTerm: false },
];

const NUMBER_OPS: readonly { op: string; detail: string }[] = [
  { op: ">", detail: "greater than" },
  { op: ">=", detail: "at least" },
  { op: "<", detail: "less than" },
  { op: "<=", detail: "at most" },
  { op: "!=", detail: "not equal" },
];

function fieldItems<Row>(fields: readonly FieldSpec<Row>[], prefix: string): CompletionItem[] {
  const p = prefix.toLowerCase();
  const items: CompletionItem[] = [];
  for (const f of fields) {
    const name = f.key.toLowerCase().startsWith(p)
      ? f.key
      : p === ""
      ? undefined
      : (f.aliases ?? []).find((a) => a.toLowerCase().startsWith(p));
    if (name !== undefined) items.push({ label: `${name}:`, insert: `${name}:`, kind: "field", detail: f.help });
  }
  return items;
}

function keywordItems(prefix: string, afterTerm: boolean): CompletionItem[] {
  const p = prefix.toLowerCase();
  return KEYWORDS.filter((k) => (afterTerm || !k.afterTerm) && k.word.toLowerCase().startsWith(p))
    .map((k) => ({ label: k.word, insert: k.word, kind: "keyword", detail: k.detail }));
}

/** Whether a term ends just before token index `i`, so AND / OR may follow. */
function afterTerm(tokens: readonly Token[], i: number): boolean {
  const prev = tokens[i - 1];
  return prev !== undefined && (prev.kind === "word" || prev.kind === "field" || prev.kind === ")");
}

/**
 * Suggests completions for the token at `cursor`: field names (`src:`) and keywords where a term can start, enum
 * values after `field:`, comparison operators after a number field's colon.
 * @param input The filter text.
 * @param cursor The caret offset in `input` (clamped to it).
 * @param fields The table's field list.
 * @returns The replacement range and the suggestions (possibly none).
 * @example Complete an enum value
 * ```ts
 * import { complete } from "./complete.ts";
 * import type { FieldSpec } from "./fields.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const fields: FieldSpec<{ t: string }>[] = [
 *   { key: "type", type: "enum", values: ["sender report", "receiver report"], help: "RTCP type", get: (r) => r.t },
 * ];
 * const c = complete("rtp type:se", 11, fields);
 * deepStrictEqual([c.from, c.to, c.items.map((i) => i.insert)], [9, 11, ['"sender report"']]);
 * ```
 */
export function complete<Row>(input: string, cursor: number, fields: readonly FieldSpec<Row>[]): Completion {
  const pos = Math.max(0, Math.min(Math.trunc(cursor) || 0, input.length));
  if (input.length > FILTER_LIMITS.maxLength) return { from: pos, to: pos, items: [] };
  const { tokens } = lex(input, true);
  const i = tokens.findIndex((t) => t.at < pos && pos <= t.end && t.kind !== "(" && t.kind !== ")");
  if (i < 0) {
    // Between tokens: a new term, or AND / OR after a complete one.
    const next = tokens.findIndex((t) => t.at >= pos);
    const before = next < 0 ? tokens.length : next;
    return { from: pos, to: pos, items: [...fieldItems(fields, ""), ...keywordItems("", afterTerm(tokens, before))] };
  }
  const t = tokens[i]!;
  if (t.kind === "field" && pos > t.keyEnd) return valueCompletion(input, pos, t, fields);
  if (t.kind === "word" && t.quoted) return { from: pos, to: pos, items: [] };
  const prefix = input.slice(t.at, pos);
  const items = fieldItems(fields, prefix);
  return {
    from: t.at,
    // With a colon already typed, replace only the key.
    to: t.kind === "field" ? t.keyEnd : t.end,
    items: [
      ...(t.kind === "field" ? items.map((it) => ({ ...it, insert: it.insert.slice(0, -1) })) : items),
      ...(t.kind === "field" ? [] : keywordItems(prefix, afterTerm(tokens, i))),
    ],
  };
}

function valueCompletion<Row>(
  input: string,
  pos: number,
  t: Extract<Token, { kind: "field" }>,
  fields: readonly FieldSpec<Row>[],
): Completion {
  const f = findField(fields, t.key);
  if (f === undefined || pos < t.valueAt) return { from: pos, to: pos, items: [] };
  if (f.type === "number" && t.op === ":" && t.valueAt === t.end) {
    return {
      from: pos,
      to: pos,
      items: NUMBER_OPS.map((o) => ({ label: o.op, insert: o.op, kind: "operator", detail: `${f.key} ${o.detail}` })),
    };
  }
  if (f.type !== "enum") return { from: pos, to: pos, items: [] };
  let typed = input.slice(t.valueAt, pos);
  if (typed.startsWith('"')) typed = typed.slice(1);
  const p = typed.toLowerCase();
  const starts = f.values.filter((v) => v.toLowerCase().startsWith(p));
  const contains = f.values.filter((v) => !v.toLowerCase().startsWith(p) && v.toLowerCase().includes(p));
  return {
    from: t.valueAt,
    to: t.end,
    items: [...starts, ...contains].map((v) => ({ label: v, insert: quoteValue(v), kind: "value", detail: f.help })),
  };
}
