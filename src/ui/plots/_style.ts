/**
 * The few layout rules uPlot's DOM needs (its own stylesheet is not bundled: `deno bundle` would emit it as a separate
 * file the server does not serve), plus the plots' own classes. Written here from uPlot's class names; every colour is
 * a `--np-*` custom property, so the rules follow the theme without a refresh. Injected once per document.
 * @module
 */
// This module is browser compatible.

const STYLE_ID = "np-plot-style";

const CSS = `
.uplot, .uplot * { box-sizing: border-box; }
.uplot { font: 11px/1.4 system-ui, sans-serif; color: var(--np-fg); width: min-content; }
.uplot .u-wrap { position: relative; user-select: none; }
.uplot .u-over, .uplot .u-under { position: absolute; }
.uplot .u-under { overflow: hidden; }
.uplot canvas { display: block; position: relative; width: 100%; height: 100%; }
.uplot .u-axis { position: absolute; }
.uplot .u-title { text-align: center; font-weight: 600; color: var(--np-fg); }
.uplot .u-legend { margin: 0; text-align: left; font-size: 11px; color: var(--np-fg); }
.uplot .u-inline { display: block; }
.uplot .u-inline * { display: inline-block; }
.uplot .u-inline tr { margin-right: 12px; }
.uplot .u-legend th { font-weight: 500; cursor: pointer; }
.uplot .u-legend th > * { vertical-align: middle; display: inline-block; }
.uplot .u-legend .u-marker { width: 0.9em; height: 0.9em; margin-right: 4px; background-clip: padding-box !important; }
.uplot .u-inline.u-live th::after { content: ":"; vertical-align: middle; }
.uplot .u-inline:not(.u-live) .u-value { display: none; }
.uplot .u-series > * { padding: 2px 4px; }
.uplot .u-legend .u-off > * { opacity: 0.35; }
.uplot .u-select { background: var(--np-accent); opacity: 0.15; position: absolute; pointer-events: none; }
.uplot .u-cursor-x, .uplot .u-cursor-y { position: absolute; left: 0; top: 0; pointer-events: none; will-change: transform; }
.uplot .u-hz .u-cursor-x, .uplot .u-vt .u-cursor-y { height: 100%; border-right: 1px dashed var(--np-muted); }
.uplot .u-hz .u-cursor-y, .uplot .u-vt .u-cursor-x { width: 100%; border-bottom: 1px dashed var(--np-muted); }
.uplot .u-cursor-pt { position: absolute; top: 0; left: 0; border-radius: 50%; border: 0 solid; pointer-events: none;
  will-change: transform; background-clip: padding-box !important; }
.uplot .u-axis.u-off, .uplot .u-select.u-off, .uplot .u-cursor-x.u-off, .uplot .u-cursor-y.u-off,
  .uplot .u-cursor-pt.u-off { display: none; }
.np-plot { position: relative; color: var(--np-fg); font: 12px/1.4 system-ui, sans-serif; }
.np-plot-bar { display: flex; flex-wrap: wrap; gap: 4px 12px; align-items: center; padding: 2px 0 4px; }
.np-plot-bar label { display: inline-flex; gap: 4px; align-items: center; cursor: pointer; }
.np-plot-bar .np-swatch { width: 10px; height: 10px; border-radius: 2px; display: inline-block; }
.np-plot-note { color: var(--np-muted); }
.np-plot-tip { position: absolute; pointer-events: none; z-index: 2; background: var(--np-bg); color: var(--np-fg);
  border: 1px solid var(--np-border); border-radius: 4px; padding: 4px 6px; white-space: pre; font: 11px/1.35 ui-monospace, monospace;
  box-shadow: 0 2px 6px rgba(0, 0, 0, 0.25); }
.np-plot-tip[hidden] { display: none; }
.np-plot-title { font-weight: 600; margin: 4px 0 0; }
.np-ice svg text { fill: var(--np-fg); font: 11px ui-monospace, monospace; }
.np-ice .np-ice-pair { fill: none; cursor: pointer; }
.np-ice .np-ice-pair:hover, .np-ice .np-ice-pair.np-hover { stroke-width: 5; }
.np-ice .np-ice-node { fill: var(--np-bg); stroke: var(--np-border); }
`;

/**
 * Adds the plots' stylesheet to the element's document once.
 * @param el Any element of the document that will hold plots.
 */
export function ensurePlotStyles(el: Element): void {
  const doc = el.ownerDocument;
  if (doc.getElementById(STYLE_ID) !== null) return;
  const style = doc.createElement("style");
  style.id = STYLE_ID;
  style.textContent = CSS;
  doc.head.append(style);
}

/**
 * The root element of one plot, styled: makes sure the stylesheet is in the container's document and returns a new
 * `div.np-plot` with the plot's own class; the caller fills it and appends it.
 * @param container The element the plot fills.
 * @param cls The plot's class (e.g. "np-rtp-plot").
 */
export function plotRoot(container: HTMLElement, cls: string): HTMLDivElement {
  ensurePlotStyles(container);
  const root = container.ownerDocument.createElement("div");
  root.className = `np-plot ${cls}`;
  return root;
}
