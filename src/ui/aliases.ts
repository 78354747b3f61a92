/**
 * Short names for SSRCs: A, B, … Z, AA, AB, … in order of first appearance (bijective base 26, so every SSRC gets
 * a distinct name, unlike the original's A…Z, BA…), editable by the user and kept per source in localStorage.
 * @module
 */

import { signal } from "@preact/signals";
import { loadJson, save } from "./persist.ts";

/** Bijective base-26 letters: 0 → A, 25 → Z, 26 → AA, 701 → ZZ, 702 → AAA. */
export function letters(n: number): string {
  let s = "";
  for (let k = n + 1; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

const auto = new Map<number, string>();
/** User-set aliases of the current source. */
export const aliasEdits = signal<Record<string, string>>({});
let sourceKey = "";

/** Starts the aliases of a source afresh (edits come back from storage). */
export function resetAliases(source: string): void {
  auto.clear();
  sourceKey = source;
  aliasEdits.value = loadJson(`aliases.${source}`, {});
}

export function aliasOf(ssrc: number): string {
  const edited = aliasEdits.value[String(ssrc)];
  if (edited) return edited;
  let a = auto.get(ssrc);
  if (a === undefined) auto.set(ssrc, a = letters(auto.size));
  return a;
}

export function setAlias(ssrc: number, alias: string): void {
  const next = { ...aliasEdits.value };
  if (alias.trim() === "") delete next[String(ssrc)];
  else next[String(ssrc)] = alias.trim().slice(0, 40);
  aliasEdits.value = next;
  save(`aliases.${sourceKey}`, JSON.stringify(next));
}
