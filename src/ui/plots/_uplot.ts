/**
 * The one place the plots import uPlot, with the axis and cursor options they share.
 *
 * Why uPlot (npm `uplot`, pinned in deno.json): it is small (~50 KB minified, no dependencies), draws on one canvas
 * with one path per series, keeps only the first/last/min/max point per pixel column when data is dense, and stays
 * smooth with 100 000+ points, which a capture of a few minutes reaches. SVG charting libraries create a DOM node per
 * point and stall well before that.
 * @module
 */
// This module is browser compatible.

import uPlot from "uplot";
import type { PlotTheme } from "./theme.ts";

export { uPlot };
export type { uPlot as UPlot };

/** Font of axis values and labels. */
export const AXIS_FONT = "11px system-ui, sans-serif";

/**
 * Axis options in the theme's colours.
 * @param theme Colours.
 * @param label Axis label, or "" for none.
 * @param extra Further options (scale, side, values, …).
 * @returns The options.
 */
export function themedAxis(theme: PlotTheme, label: string, extra: uPlot.Axis = {}): uPlot.Axis {
  return {
    stroke: theme.fg,
    font: AXIS_FONT,
    labelFont: AXIS_FONT,
    grid: { stroke: theme.grid, width: 1 },
    ticks: { stroke: theme.border, width: 1 },
    border: { show: true, stroke: theme.border, width: 1 },
    ...(label === "" ? {} : { label }),
    ...extra,
  };
}

/**
 * Options of a chart over arrival seconds: plain numbers on x, drag along x to zoom, axes in the theme's colours.
 * @param theme Colours.
 * @returns The scales, cursor and axes options.
 */
export function arrivalChart(theme: PlotTheme): Pick<uPlot.Options, "scales" | "cursor" | "axes"> {
  return {
    scales: { x: { time: false } },
    cursor: { drag: { x: true, y: false, setScale: true } },
    axes: [themedAxis(theme, "arrival (s)"), themedAxis(theme, "")],
  };
}

/**
 * The CSS size of an element's content box, for the first draw.
 * @param el The container.
 * @param fallbackW Width if the element is not laid out yet.
 * @param fallbackH Height likewise.
 * @returns Width and height in CSS pixels.
 */
export function contentSize(el: HTMLElement, fallbackW: number, fallbackH: number): { width: number; height: number } {
  const w = el.clientWidth;
  const h = el.clientHeight;
  return { width: w > 0 ? w : fallbackW, height: h > 0 ? h : fallbackH };
}
