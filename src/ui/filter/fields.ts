/**
 * How a table declares what can be filtered: a list of field specs, generic over the table's row type. The same list
 * drives compiling ({@linkcode compileFilter} in compile.ts), the help panel ({@linkcode fieldHelp}) and
 * autocompletion, so no field is documented that does not exist.
 * @module
 */
// This module is browser compatible.

import type { CompareOp } from "./lexer.ts";

interface FieldBase {
  /** The name typed before the colon; letters, digits and `_`, starting with a letter. Matched ignoring case. */
  readonly key: string;
  /** Other names for the same field, e.g. `["source"]` for `src`. */
  readonly aliases?: readonly string[];
  /** One line for the help panel, e.g. "Source address and port". */
  readonly help: string;
  /** Whether bare words (free text) search this field. When no field of a table says so, bare words search every
   * string, address and enum field. */
  readonly freeText?: boolean;
  /** A filter shown in the help panel; a sensible one is made up from the type when absent. */
  readonly example?: string;
}

/** Text: `:` is a substring match ignoring case, `=` an exact match ignoring case. */
export interface StringField<Row> extends FieldBase {
  readonly type: "string";
  /** The row's value; null or undefined never matches. */
  get(row: Row): string | null | undefined;
}

/** An address as the table prints it (`10.0.0.1:5004`, `[2001:db8::1]:5004`); see address.ts for the value forms. */
export interface AddressField<Row> extends FieldBase {
  readonly type: "address";
  get(row: Row): string | null | undefined;
}

/** A number: `:` and `=` compare for equality, `>` `>=` `<` `<=` compare; values may be decimal or `0x` hex. */
export interface NumberField<Row> extends FieldBase {
  readonly type: "number";
  /** The row's value; null, undefined and NaN never match. */
  get(row: Row): number | null | undefined;
}

/** One of a known set of words (e.g. RTCP packet type names): `:` takes an exact value, or else a part of one. */
export interface EnumField<Row> extends FieldBase {
  readonly type: "enum";
  /** Every value the field can take, as shown in the table; offered by autocompletion. */
  readonly values: readonly string[];
  get(row: Row): string | null | undefined;
}

/** One filterable field of a table whose rows are `Row`. */
export type FieldSpec<Row> = StringField<Row> | AddressField<Row> | NumberField<Row> | EnumField<Row>;

/** The four field types. */
export type FieldType = FieldSpec<unknown>["type"];

/** One entry of a table's filter help, from {@linkcode fieldHelp}. */
export interface FieldHelp {
  readonly key: string;
  readonly aliases: readonly string[];
  readonly type: FieldType;
  readonly help: string;
  /** For enum fields, the values; empty otherwise. */
  readonly values: readonly string[];
  /** The operators the field accepts after the colon, `":"` meaning none (`src:x`). */
  readonly operators: readonly CompareOp[];
  /** A filter that works on this field, e.g. `len:>100`. */
  readonly example: string;
}

/** The operators each type accepts; a comparison on a non-number field is a compile error. */
export const OPERATORS: Readonly<Record<FieldType, readonly CompareOp[]>> = {
  string: [":", "=", "!="],
  address: [":", "=", "!="],
  enum: [":", "=", "!="],
  number: [":", "=", "!=", ">", ">=", "<", "<="],
};

/** Quotes a value when it would not lex as one unquoted word. */
export function quoteValue(v: string): string {
  return v === "" || /[\s()"]|&&|\|\|/.test(v) ? `"${v.replace(/["\\]/g, (c) => "\\" + c)}"` : v;
}

function exampleFor(f: FieldSpec<never>): string {
  if (f.example !== undefined) return f.example;
  switch (f.type) {
    case "number":
      return `${f.key}:>=1`;
    case "address":
      return `${f.key}:10.0.0.1:5004`;
    case "enum":
      return `${f.key}:${quoteValue(f.values[0] ?? "value")}`;
    case "string":
      return `${f.key}:text`;
  }
}

/**
 * The help entries of a table, one per declared field, in declaration order.
 * @param fields The table's field list.
 * @returns Key, aliases, type, help line, enum values, accepted operators and an example for each field.
 * @example
 * ```ts
 * import { fieldHelp, type FieldSpec } from "./fields.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const fields: FieldSpec<{ len: number }>[] = [{ key: "len", type: "number", help: "Length in bytes", get: (r) => r.len }];
 * deepStrictEqual(fieldHelp(fields)[0]?.example, "len:>=1");
 * ```
 */
export function fieldHelp<Row>(fields: readonly FieldSpec<Row>[]): FieldHelp[] {
  return fields.map((f) => ({
    key: f.key,
    aliases: f.aliases ?? [],
    type: f.type,
    help: f.help,
    values: f.type === "enum" ? f.values : [],
    operators: OPERATORS[f.type],
    example: exampleFor(f as FieldSpec<never>),
  }));
}

/** @private Finds a field by key or alias, ignoring case. */
export function findField<Row>(fields: readonly FieldSpec<Row>[], key: string): FieldSpec<Row> | undefined {
  const k = key.toLowerCase();
  return fields.find((f) => f.key.toLowerCase() === k || (f.aliases ?? []).some((a) => a.toLowerCase() === k));
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions), for "did you mean". */
function distance(a: string, b: string): number {
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, row[j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      row.push(v);
    }
    d.push(row);
  }
  return d[a.length]![b.length]!;
}

/**
 * @private The field name closest to `typed` (a prefix wins, then up to 2 edits for names of 4+ letters, 1 below),
 * or undefined.
 */
export function suggestField<Row>(fields: readonly FieldSpec<Row>[], typed: string): string | undefined {
  const t = typed.toLowerCase();
  if (t.length > 64) return undefined; // the distance table is quadratic
  let best: string | undefined;
  let bestScore = Infinity;
  for (const f of fields) {
    for (const name of [f.key, ...(f.aliases ?? [])]) {
      const n = name.toLowerCase();
      const score = n.startsWith(t) || t.startsWith(n) ? 0.5 : distance(t, n);
      if (score < bestScore && score <= (Math.min(t.length, n.length) >= 4 ? 2 : 1)) {
        best = f.key;
        bestScore = score;
      }
    }
  }
  return best;
}
