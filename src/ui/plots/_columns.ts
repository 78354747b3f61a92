/**
 * Bounded columnar storage for plot points: several `Float64Array` columns that share one row count, grown by doubling
 * (amortised, no allocation per row) up to a cap. At the cap the set either thins itself (keeps every second row, so
 * the whole time range stays drawn at half the density) or drops its oldest half; either way it counts the rows it
 * dropped. Columns are what uPlot draws from, so a view of them (`subarray`) goes to the chart without copying.
 * @module
 */
// This module is browser compatible.

/** What a full column set does with its next row: thin out the whole range, or forget the oldest half. */
export type CapPolicy = "decimate" | "drop-oldest";

const INITIAL_ROWS = 256;

/**
 * A fixed number of `Float64Array` columns with a shared length, bounded by `cap` rows.
 * @example
 * ```ts
 * import { Columns } from "./_columns.ts";
 * import { strictEqual } from "node:assert/strict";
 * const c = new Columns(2, 4, "drop-oldest");
 * for (let i = 0; i < 6; i++) { const r = c.addRow(); c.cols[0]![r] = i; c.cols[1]![r] = i * 10; }
 * strictEqual(c.length, 4);   // 0..3 filled, the 5th row dropped 0 and 1, then 4 and 5 were added
 * strictEqual(c.dropped, 2);
 * strictEqual(c.cols[0]![0], 2);
 * ```
 */
export class Columns {
  /** The columns; rows `0 … length−1` are valid. Replaced (not resized) when they grow. */
  cols: Float64Array[];
  /** Valid rows. */
  length = 0;
  /** Rows dropped by the cap since creation. */
  dropped = 0;
  readonly cap: number;
  readonly policy: CapPolicy;

  /**
   * @param count Columns.
   * @param cap Most rows kept (≥ 2).
   * @param policy What to do at the cap.
   */
  constructor(count: number, cap: number, policy: CapPolicy) {
    if (!(cap >= 2) || !Number.isInteger(cap)) throw new RangeError(`Cannot use cap ${cap}: it must be an integer ≥ 2`);
    this.cap = cap;
    this.policy = policy;
    const n = Math.min(INITIAL_ROWS, cap);
    this.cols = Array.from({ length: count }, () => new Float64Array(n));
  }

  /**
   * Makes room for one row and returns its index; the caller writes `cols[k][index]`.
   * @returns The new row's index.
   */
  addRow(): number {
    const capacity = this.cols[0]?.length ?? 0;
    if (this.length === capacity) {
      if (capacity < this.cap) this.#grow(Math.min(this.cap, capacity * 2));
      else this.#shrink();
    }
    return this.length++;
  }

  /** Forgets every row (the dropped counter stays). */
  clear(): void {
    this.length = 0;
  }

  /**
   * A view of one column's valid rows (no copy; invalid after the next `addRow`).
   * @param k Column index.
   * @returns `cols[k].subarray(0, length)`.
   */
  view(k: number): Float64Array {
    return this.cols[k]!.subarray(0, this.length);
  }

  #grow(rows: number): void {
    this.cols = this.cols.map((c) => {
      const next = new Float64Array(rows);
      next.set(c.subarray(0, this.length));
      return next;
    });
  }

  #shrink(): void {
    const n = this.length;
    if (this.policy === "drop-oldest") {
      const keep = n >> 1;
      for (const c of this.cols) c.copyWithin(0, n - keep, n);
      this.dropped += n - keep;
      this.length = keep;
      return;
    }
    // decimate: keep rows 1, 3, 5, … so the newest row survives and the range's ends move by at most one row
    const keep = n >> 1;
    for (const c of this.cols) for (let i = 0; i < keep; i++) c[i] = c[2 * i + 1]!;
    this.dropped += n - keep;
    this.length = keep;
  }
}
