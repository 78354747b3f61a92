/**
 * Plot colours, read only from the CSS custom properties the UI defines on `:root` for its light and dark themes.
 * Plots read them with `getComputedStyle` when they are created and again on `refreshTheme()`, which the host calls
 * after it switches the theme (or when `prefers-color-scheme` changes while the theme is "system").
 *
 * Properties: `--np-bg --np-fg --np-muted --np-border --np-grid --np-accent --np-loss --np-marker --np-keyframe
 * --np-rtcp --np-warn --np-error` and `--np-series-0` … `--np-series-7`.
 * @module
 */
// This module is browser compatible.

/** Resolved colours of one theme (any CSS colour strings). */
export interface PlotTheme {
  bg: string;
  fg: string;
  muted: string;
  border: string;
  grid: string;
  accent: string;
  loss: string;
  marker: string;
  keyframe: string;
  rtcp: string;
  warn: string;
  error: string;
  /** Eight distinct series colours; index with `seriesColor()`. */
  series: readonly string[];
}

/** Names of the properties, for the host's stylesheet and for documentation. */
export const THEME_PROPERTIES: readonly string[] = [
  "--np-bg",
  "--np-fg",
  "--np-muted",
  "--np-border",
  "--np-grid",
  "--np-accent",
  "--np-loss",
  "--np-marker",
  "--np-keyframe",
  "--np-rtcp",
  "--np-warn",
  "--np-error",
  ...Array.from({ length: 8 }, (_, i) => `--np-series-${i}`),
];

/** Used only when a property is missing, so a plot stays legible before the host's stylesheet loads. */
const MISSING = "currentColor";

/**
 * Reads the theme from the computed style of an element (custom properties inherit from `:root`).
 * @param el Any element in the document, usually the plot's container.
 * @returns The resolved colours; a property that is not set reads as `currentColor`.
 */
export function readTheme(el: Element): PlotTheme {
  const cs = getComputedStyle(el);
  const v = (name: string): string => cs.getPropertyValue(name).trim() || MISSING;
  return {
    bg: v("--np-bg"),
    fg: v("--np-fg"),
    muted: v("--np-muted"),
    border: v("--np-border"),
    grid: v("--np-grid"),
    accent: v("--np-accent"),
    loss: v("--np-loss"),
    marker: v("--np-marker"),
    keyframe: v("--np-keyframe"),
    rtcp: v("--np-rtcp"),
    warn: v("--np-warn"),
    error: v("--np-error"),
    series: Array.from({ length: 8 }, (_, i) => v(`--np-series-${i}`)),
  };
}

/**
 * @param theme The theme.
 * @param i Any non-negative index; colours repeat every eight.
 * @returns The series colour for index `i`.
 */
export function seriesColor(theme: PlotTheme, i: number): string {
  return theme.series[i % theme.series.length] ?? theme.accent;
}
