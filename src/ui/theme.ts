/**
 * The theme: "system" follows `prefers-color-scheme`, "light"/"dark" override it by setting `data-theme` on the root
 * element; every colour is a CSS custom property of style.css, so the plots (which read the same properties) follow.
 * @module
 */

import { signal } from "@preact/signals";
import { load, save } from "./persist.ts";

export type Theme = "system" | "light" | "dark";

const saved = load("theme");
export const theme = signal<Theme>(saved === "light" || saved === "dark" ? saved : "system");

/** Called after each change so plots can re-read the colours. */
export const themeListeners = new Set<() => void>();

function set(t: Theme): void {
  if (t === "system") document.documentElement.removeAttribute("data-theme");
  else document.documentElement.setAttribute("data-theme", t);
  for (const f of themeListeners) f();
}

export function applyTheme(t: Theme): void {
  theme.value = t;
  save("theme", t);
  set(t);
}

export function initTheme(): void {
  set(theme.peek());
  matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => {
    if (theme.peek() === "system") { for (const f of themeListeners) f(); }
  });
}
