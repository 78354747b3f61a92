/**
 * One context menu for the page, opened at the pointer by any view (e.g. "Decode as…" on a packet's flow).
 * @module
 */

import type { VNode } from "preact";
import { useEffect } from "preact/hooks";
import { signal } from "@preact/signals";

export interface MenuItem {
  label: string;
  note?: string;
  checked?: boolean;
  action(): void;
}

export interface MenuState {
  x: number;
  y: number;
  title: string;
  note?: string;
  items: MenuItem[];
}

export const contextMenu = signal<MenuState | null>(null);

export function openMenu(ev: MouseEvent, title: string, items: MenuItem[], note?: string): void {
  ev.preventDefault();
  contextMenu.value = { x: ev.clientX, y: ev.clientY, title, items, ...(note ? { note } : {}) };
}

export function ContextMenu(): VNode | null {
  const m = contextMenu.value;
  useEffect(() => {
    if (!m) return;
    const close = () => contextMenu.value = null;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && close();
    const t = setTimeout(() => document.addEventListener("click", close), 0);
    document.addEventListener("keydown", onKey);
    return () => {
      clearTimeout(t);
      document.removeEventListener("click", close);
      document.removeEventListener("keydown", onKey);
    };
  }, [m]);
  if (!m) return null;
  return (
    <div
      class="context-menu"
      role="menu"
      aria-label={m.title}
      style={{ left: `${Math.min(m.x, innerWidth - 260)}px`, top: `${Math.min(m.y, innerHeight - 320)}px` }}
    >
      <div class="menu-title">{m.title}</div>
      {m.items.map((it) => (
        <button
          type="button"
          role="menuitemradio"
          aria-checked={it.checked ? "true" : "false"}
          key={it.label}
          onClick={() => {
            contextMenu.value = null;
            it.action();
          }}
        >
          {it.checked ? "● " : "○ "}
          {it.label}
          {it.note && <span class="muted">{it.note}</span>}
        </button>
      ))}
      {m.note && <div class="menu-note">{m.note}</div>}
    </div>
  );
}
