/**
 * Small text helpers shared by the SDP parsers.
 *
 * @module
 */
// This module is browser compatible.

const DIGITS = /^[0-9]{1,15}$/; // 15 digits stay below Number.MAX_SAFE_INTEGER

/**
 * The value of a string of decimal digits, or undefined for anything else (signs, spaces, `0x`, `1e3`, empty).
 * @private
 */
export function toUint(s: string): number | undefined {
  return DIGITS.test(s) ? Number(s) : undefined;
}

/**
 * Splits on runs of spaces and tabs; an empty or blank string gives [].
 * @private
 */
export function words(s: string): string[] {
  const t = s.trim();
  return t === "" ? [] : t.split(/[ \t]+/);
}

/**
 * Sets `record[key]` as an own property, so that a key such as `__proto__` from the input stays data.
 * @private
 */
export function setKey(record: Record<string, string>, key: string, value: string): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

/** True when `record` has `key` as its own property. @private */
export function hasKey(record: Record<string, string>, key: string): boolean {
  return Object.hasOwn(record, key);
}

const QUOTE_MAX = 40;

/**
 * `s` in double quotes for a message, cut to 40 characters.
 * @private
 */
export function quote(s: string): string {
  return JSON.stringify(s.length > QUOTE_MAX ? `${s.slice(0, QUOTE_MAX)}…` : s);
}
