/**
 * The one failure shape of the filter language: a message for a person and the span of the input it is about, so
 * the UI can underline it. Parsing and compiling never throw; they return `{ ok: false, error }`.
 * @module
 */
// This module is browser compatible.

/** What went wrong, for code that wants to react to a kind of error rather than read the message. */
export type FilterErrorCode =
  /** The input is longer than {@linkcode FILTER_LIMITS}.maxLength. */
  | "too-long"
  /** Parentheses or NOTs nest deeper than {@linkcode FILTER_LIMITS}.maxDepth. */
  | "too-deep"
  /** A `"` with no closing `"`. */
  | "unterminated-string"
  /** A backslash escape other than `\"`, `\\`, `\n`, `\t`. */
  | "bad-escape"
  /** A character that cannot appear where it is (a quote inside an unquoted value, text glued to a closing quote). */
  | "unexpected-character"
  /** `field:` (or `field:>`) with nothing after it. */
  | "missing-value"
  /** A token where it cannot go: a stray `)`, `AND` at the start, two operators in a row. */
  | "unexpected-token"
  /** An operator or `(` at the end of the input, or `()`. */
  | "missing-term"
  /** A `(` never closed. */
  | "unclosed-paren"
  /** A field this table does not have. */
  | "unknown-field"
  /** A value that is not a number where a number is needed. */
  | "bad-number"
  /** An operator the field's type does not support, e.g. `>` on a string field. */
  | "bad-operator"
  /** An enum value that matches none of the field's values. */
  | "unknown-value"
  /** A bare word on a table that declares no free-text fields. */
  | "no-free-text";

/** Why a filter is invalid, and where. Offsets are UTF-16 code unit indexes into the input, `0 <= at <= end <= length`. */
export interface FilterError {
  readonly code: FilterErrorCode;
  /** One sentence, sentence case, no final period, e.g. "Expected a value after 'src:'". */
  readonly message: string;
  /** Where the problem starts; `input.length` for "the input ended too early". */
  readonly at: number;
  /** Where the problem ends (exclusive), for underlining; equal to `at` for a point. */
  readonly end: number;
  /** For "unknown-field": the closest valid field, if one is close enough. */
  readonly suggestion?: string;
  /** For "unknown-field" and "unknown-value": every valid choice. */
  readonly expected?: readonly string[];
}

/** Either a value or a {@linkcode FilterError}. */
export type FilterResult<T> = ({ readonly ok: true } & T) | { readonly ok: false; readonly error: FilterError };

/** Hard bounds on what the parser accepts, so a pasted blob or a deep nest cannot stall the tab. */
export const FILTER_LIMITS = {
  /** Longest accepted input, in UTF-16 code units. */
  maxLength: 1024,
  /** Deepest accepted nesting of parentheses and NOTs together. */
  maxDepth: 32,
} as const;

/** @private Builds an error result. */
export function fail(
  code: FilterErrorCode,
  message: string,
  at: number,
  end = at,
  extra: { suggestion?: string; expected?: readonly string[] } = {},
): { readonly ok: false; readonly error: FilterError } {
  return { ok: false, error: { code, message, at, end: Math.max(at, end), ...extra } };
}
