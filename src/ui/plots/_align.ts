/**
 * Merges series sampled at different times into uPlot's aligned form (one shared x array, `null` where a series has
 * no point), for plots whose series come from different sources (RTCP reporters, PCR PIDs). Allocates per call, which
 * happens per redraw, not per packet.
 * @module
 */
// This module is browser compatible.

/** One series: parallel x and y views (x ascending). */
export interface XySeries {
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

/**
 * @param series The series.
 * @returns `[xs, ys0, ys1, …]`: one row per point, xs ascending (equal x values keep a row each, so two samples with
 *   the same arrival time are both drawn).
 * @example
 * ```ts
 * import { alignSeries } from "./_align.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * deepStrictEqual(alignSeries([{ x: [1, 3], y: [10, 30] }, { x: [2, 3], y: [20, 31] }]),
 *   [[1, 2, 3, 3], [10, null, 30, null], [null, 20, null, 31]]);
 * ```
 */
export function alignSeries(series: readonly XySeries[]): [number[], ...(number | null)[][]] {
  let total = 0;
  for (const s of series) total += s.x.length;
  // k-way merge by x, ties in series order
  const at = new Array<number>(series.length).fill(0);
  const xs: number[] = new Array(total);
  const ys: (number | null)[][] = series.map(() => new Array<number | null>(total).fill(null));
  for (let row = 0; row < total; row++) {
    let best = -1;
    for (let k = 0; k < series.length; k++) {
      const s = series[k]!;
      if (at[k]! < s.x.length && (best < 0 || s.x[at[k]!]! < series[best]!.x[at[best]!]!)) best = k;
    }
    const s = series[best]!;
    xs[row] = s.x[at[best]!]!;
    ys[best]![row] = s.y[at[best]!]!;
    at[best]!++;
  }
  return [xs, ...ys];
}
