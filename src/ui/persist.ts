/**
 * localStorage under one prefix; never throws (storage may be disabled or full), values are plain strings.
 * @module
 */

const PREFIX = "netpix.";

export function load(key: string): string | null {
  try {
    return localStorage.getItem(PREFIX + key);
  } catch {
    return null;
  }
}

export function save(key: string, value: string): void {
  try {
    localStorage.setItem(PREFIX + key, value);
  } catch { /* storage unavailable: the setting lasts for this page only */ }
}

/** A JSON value, or `fallback` when missing or unreadable. */
export function loadJson<T>(key: string, fallback: T): T {
  const s = load(key);
  if (s === null) return fallback;
  try {
    return JSON.parse(s) as T;
  } catch {
    return fallback;
  }
}
