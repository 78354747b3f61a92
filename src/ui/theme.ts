/**
 * The theme: "system" follows `prefers-color-scheme`, "light"/"dark" override it. The root element's `data-theme` is
 * always the resolved "light" or "dark", so style.css holds the dark palette once; every colour is a CSS custom
 * property there, so the plots (which read the same properties) follow.
 * @module
 */

import { signal } from "@preact/signals";
import { load, save } from "./persist.ts";

export type Theme = "system" | "light" | "dark";

const saved = load("theme");
export const theme = signal<Theme>(saved === "light" || saved === "dark" ? saved : "system");

/** Called after each change so plots can re-read the colours. */
export const themeListeners = new Set<() => void>();

const systemDark = () => matchMedia("(prefers-color-scheme: dark)");

function set(t: Theme): void {
  const resolved = t === "system" ? (systemDark().matches ? "dark" : "light") : t;
  document.documentElement.setAttribute("data-theme", resolved);
  for (const f of themeListeners) f();
}

export function applyTheme(t: Theme): void {
  theme.value = t;
  save("theme", t);
  set(t);
}

export function initTheme(): void {
  set(theme.peek());
  systemDark().addEventListener("change", () => {
    if (theme.peek() === "system") set("system");
  });
}
