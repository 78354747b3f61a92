/**
 * ICE candidate pairs as an SVG diagram: local candidates (the side sending the checks) on the left, remote ones on
 * the right, one curve per pair coloured by its state, thicker once nominated or carrying media. Hovering a curve (or
 * its address) shows the pair's checks, responses, failures and RTT. SVG rather than canvas: a call has tens of pairs
 * at most, and each curve is then a real element to hover, focus and test.
 * @module
 */
// This module is browser compatible.

import type { IcePairReport } from "../../analysis/session.ts";
import { plotRoot } from "./_style.ts";
import { type PlotTheme, readTheme, seriesColor } from "./theme.ts";

const SVG_NS = "http://www.w3.org/2000/svg";

/** The states drawn, in legend order. "waiting" is RFC 8445 §6.1.2.6's state before a first check is seen. */
export const ICE_STATES: readonly string[] = [
  "waiting",
  "in-progress",
  "succeeded",
  "failed",
  "nominated",
  "sending-media",
];

/** Options of {@linkcode createIceDiagram}. */
export interface IceDiagramOptions {
  width?: number;
  /** Default: grows with the number of candidates. */
  height?: number;
  /** Called with the pair under the pointer, or null. */
  onHover?: (pair: IcePairReport | null) => void;
}

/** Controller of an ICE diagram. */
export interface IceDiagramController {
  /** Draws these pairs (the analysis' `ice_pairs`). */
  update(pairs: readonly IcePairReport[]): void;
  resize(width: number, height: number): void;
  refreshTheme(): void;
  destroy(): void;
  readonly svg: SVGSVGElement;
  hovered(): IcePairReport | null;
}

/**
 * The colour of a state.
 * @param theme Colours.
 * @param state A pair state.
 * @returns A CSS colour from the theme.
 */
export function iceStateColor(theme: PlotTheme, state: string): string {
  switch (state) {
    case "in-progress":
      return theme.warn;
    case "succeeded":
      return theme.accent;
    case "failed":
      return theme.error;
    case "nominated":
      return seriesColor(theme, 2);
    case "sending-media":
      return seriesColor(theme, 3);
    default:
      return theme.muted;
  }
}

const ms = (v: number | null) => v === null ? "–" : `${v.toFixed(2)} ms`;

/**
 * Text of the hover box for a pair.
 * @param p The pair.
 * @returns Several lines.
 */
export function describeIcePair(p: IcePairReport): string {
  return [
    `${p.local} → ${p.remote}`,
    `state ${p.state}${p.roles.length > 0 ? `  (${p.roles.join(", ")})` : ""}`,
    `checks ${p.requests} (${p.retransmissions} retransmitted)  nominations ${p.nominations}`,
    `responses ${p.successes} ok, ${p.errors} error  timeouts ${p.timeouts}`,
    `RTT min ${ms(p.min_rtt_ms)}  mean ${ms(p.mean_rtt_ms)}  max ${ms(p.max_rtt_ms)}`,
    `media packets ${p.media_packets}`,
  ].join("\n");
}

/**
 * Creates an ICE pair diagram in a container.
 * @param container Element it fills.
 * @param options See {@linkcode IceDiagramOptions}.
 * @returns The controller.
 */
export function createIceDiagram(container: HTMLElement, options: IceDiagramOptions = {}): IceDiagramController {
  const doc = container.ownerDocument;
  const root = plotRoot(container, "np-ice");
  const svg = doc.createElementNS(SVG_NS, "svg");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", "ICE candidate pairs");
  const tip = doc.createElement("div");
  tip.className = "np-plot-tip";
  tip.hidden = true;
  root.append(svg, tip);
  container.append(root);
  let theme = readTheme(container);
  let width = options.width ?? (container.clientWidth || 720);
  let fixedHeight = options.height;
  let pairs: readonly IcePairReport[] = [];
  let hover: IcePairReport | null = null;

  const el = <K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number>) => {
    const e = doc.createElementNS(SVG_NS, name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    return e;
  };

  function setHover(p: IcePairReport | null, ev?: MouseEvent): void {
    hover = p;
    options.onHover?.(p);
    for (const path of svg.querySelectorAll(".np-ice-pair")) {
      path.classList.toggle("np-hover", p !== null && pairs[Number(path.getAttribute("data-index"))] === p);
    }
    if (p === null) {
      tip.hidden = true;
      return;
    }
    tip.textContent = describeIcePair(p);
    tip.hidden = false;
    if (ev !== undefined) {
      const r = root.getBoundingClientRect();
      tip.style.left = `${Math.min(ev.clientX - r.left + 12, Math.max(0, root.clientWidth - tip.offsetWidth - 2))}px`;
      // kept inside the diagram, so showing it never changes the page's size
      tip.style.top = `${Math.max(0, Math.min(ev.clientY - r.top + 12, root.clientHeight - tip.offsetHeight - 2))}px`;
    }
  }

  function draw(): void {
    svg.replaceChildren();
    const locals = [...new Set(pairs.map((p) => p.local))].sort();
    const remotes = [...new Set(pairs.map((p) => p.remote))].sort();
    const rowH = 28;
    const legendH = 26;
    const rows = Math.max(locals.length, remotes.length, 1);
    const height = fixedHeight ?? 30 + rows * rowH + legendH;
    svg.setAttribute("width", String(width));
    svg.setAttribute("height", String(height));
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    const bodyH = height - legendH - 24;
    const boxW = Math.min(220, Math.max(120, width * 0.3));
    const lx = 8;
    const rx = width - 8 - boxW;
    const yOf = (i: number, n: number) => 24 + (bodyH / n) * (i + 0.5);
    const head = (x: number, text: string) => {
      const t = el("text", { x, y: 14, "font-weight": 600 });
      t.textContent = text;
      svg.append(t);
    };
    head(lx, "local (sends checks)");
    head(rx, "remote");
    if (pairs.length === 0) {
      const t = el("text", { x: width / 2, y: 24 + bodyH / 2, "text-anchor": "middle" });
      t.textContent = "no ICE checks seen";
      svg.append(t);
    }
    const order = [...pairs.keys()].sort((a, b) =>
      ICE_STATES.indexOf(pairs[a]!.state) - ICE_STATES.indexOf(pairs[b]!.state)
    );
    for (const i of order) {
      const p = pairs[i]!;
      const y0 = yOf(locals.indexOf(p.local), locals.length);
      const y1 = yOf(remotes.indexOf(p.remote), remotes.length);
      const x0 = lx + boxW;
      const x1 = rx;
      const mid = (x0 + x1) / 2;
      const strong = p.state === "nominated" || p.state === "sending-media";
      const path = el("path", {
        d: `M ${x0} ${y0} C ${mid} ${y0}, ${mid} ${y1}, ${x1} ${y1}`,
        class: "np-ice-pair",
        stroke: iceStateColor(theme, p.state),
        "stroke-width": strong ? 3 : 1.5,
        "data-index": i,
        "data-state": p.state,
        tabindex: 0,
      });
      if ((p.state as string) === "in-progress" || (p.state as string) === "waiting") {
        path.setAttribute("stroke-dasharray", "5 4");
      }
      const title = el("title", {});
      title.textContent = describeIcePair(p);
      path.append(title);
      path.addEventListener("mouseenter", (e) => setHover(p, e));
      path.addEventListener("mousemove", (e) => setHover(p, e));
      path.addEventListener("mouseleave", () => setHover(null));
      path.addEventListener("focus", () => setHover(p));
      path.addEventListener("blur", () => setHover(null));
      svg.append(path);
    }
    const node = (x: number, y: number, text: string, side: "local" | "remote") => {
      const g = el("g", { "data-side": side, "data-address": text });
      g.append(el("rect", { x, y: y - 10, width: boxW, height: 20, rx: 4, class: "np-ice-node" }));
      const t = el("text", { x: x + 6, y: y + 4 });
      t.textContent = text;
      g.append(t);
      svg.append(g);
    };
    locals.forEach((a, i) => node(lx, yOf(i, locals.length), a, "local"));
    remotes.forEach((a, i) => node(rx, yOf(i, remotes.length), a, "remote"));
    let x = lx;
    const ly = height - 10;
    for (const s of ICE_STATES) {
      svg.append(
        el("line", { x1: x, y1: ly - 4, x2: x + 18, y2: ly - 4, stroke: iceStateColor(theme, s), "stroke-width": 3 }),
      );
      const t = el("text", { x: x + 22, y: ly });
      t.textContent = s;
      svg.append(t);
      x += 30 + s.length * 7;
    }
  }

  draw();
  return {
    update(next) {
      pairs = next;
      if (hover !== null && !next.includes(hover)) setHover(null);
      draw();
    },
    resize(w, h) {
      width = w;
      fixedHeight = h;
      draw();
    },
    refreshTheme() {
      theme = readTheme(container);
      draw();
    },
    destroy() {
      root.remove();
    },
    svg,
    hovered() {
      return hover;
    },
  };
}
