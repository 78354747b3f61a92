/**
 * A jitter sparkline for a table cell: a tiny canvas line of one RTP stream's interarrival jitter (RFC 3550 §6.4.1,
 * in ms, as the analysis computes it) over its most recent samples.
 *
 * {@linkcode JitterHistory} is a fixed ring of samples; it keeps the peak of each `intervalS` so a spike between two
 * samples is not lost and a 50 pps stream does not overwrite its history in a second. The host pushes the stream's
 * current jitter (e.g. `RtpStreamStats.snapshot().jitterMs` once per UI tick, or per packet where it has the value at
 * hand); `push` allocates nothing.
 * @module
 */
// This module is browser compatible.

import { readTheme } from "./theme.ts";

/**
 * The most recent jitter samples of one stream, one per interval (the interval's peak).
 * @example
 * ```ts
 * import { JitterHistory } from "./jitter_sparkline.ts";
 * import { deepStrictEqual, strictEqual } from "node:assert/strict";
 * const h = new JitterHistory(3, 1);
 * for (const [t, j] of [[0, 1], [0.5, 4], [1, 2], [2, 3], [3, 5]]) h.push(t!, j!);
 * deepStrictEqual(Array.from(h.values()), [2, 3, 5]); // the interval [0, 1) had peak 4 and fell out of the ring
 * strictEqual(h.dropped, 1);
 * ```
 */
export class JitterHistory {
  readonly #ring: Float32Array;
  #start = 0;
  #count = 0;
  #bucket = NaN;
  /** Intervals that fell out of the ring. */
  dropped = 0;
  /** Largest sample ever pushed, ms. */
  max = 0;
  /** Latest sample, ms (NaN before the first). */
  last = NaN;
  version = 0;

  /**
   * @param capacity Intervals kept (the sparkline's resolution); default 120.
   * @param intervalS Seconds per interval; default 1.
   */
  constructor(capacity = 120, readonly intervalS = 1) {
    if (!(capacity >= 2)) throw new RangeError(`Cannot use capacity ${capacity}: it must be at least 2`);
    if (!(intervalS > 0)) throw new RangeError(`Cannot use interval ${intervalS}: it must be positive`);
    this.#ring = new Float32Array(capacity);
  }

  /**
   * Adds a sample.
   * @param atSec Time of the sample, seconds (non-decreasing).
   * @param jitterMs The stream's jitter then, ms; non-finite values are ignored.
   */
  push(atSec: number, jitterMs: number): void {
    if (!Number.isFinite(jitterMs)) return;
    const bucket = Math.floor(atSec / this.intervalS);
    const cap = this.#ring.length;
    if (bucket !== this.#bucket || this.#count === 0) {
      this.#bucket = bucket;
      if (this.#count === cap) {
        this.#start = (this.#start + 1) % cap;
        this.dropped++;
      } else this.#count++;
      this.#ring[(this.#start + this.#count - 1) % cap] = jitterMs;
    } else {
      const at = (this.#start + this.#count - 1) % cap;
      if (jitterMs > this.#ring[at]!) this.#ring[at] = jitterMs;
    }
    if (jitterMs > this.max) this.max = jitterMs;
    this.last = jitterMs;
    this.version++;
  }

  /** Samples held. */
  get length(): number {
    return this.#count;
  }

  /**
   * @param i 0 = oldest.
   * @returns Sample `i`, ms.
   */
  at(i: number): number {
    return this.#ring[(this.#start + i) % this.#ring.length]!;
  }

  /** The samples, oldest first (a copy). */
  values(): Float32Array {
    const out = new Float32Array(this.#count);
    for (let i = 0; i < this.#count; i++) out[i] = this.at(i);
    return out;
  }
}

/** Options of {@linkcode createJitterSparkline}. */
export interface JitterSparklineOptions {
  /** CSS pixels; default 96 × 20. */
  width?: number;
  height?: number;
  /** Fixed top of the y scale, ms; default the largest sample shown (min 1 ms). */
  maxMs?: number;
}

/** Controller of a sparkline. */
export interface JitterSparklineController {
  /** Draws the history (skipped when it did not change since the last call). */
  update(history: JitterHistory): void;
  resize(width: number, height: number): void;
  refreshTheme(): void;
  destroy(): void;
  /** The canvas (its `title` carries the latest and largest jitter). */
  readonly canvas: HTMLCanvasElement;
  /** Points of the last line drawn. */
  drawnPoints(): number;
}

/**
 * Creates a sparkline canvas in a container (a table cell).
 * @param container The cell.
 * @param options Size and scale.
 * @returns The controller.
 */
export function createJitterSparkline(
  container: HTMLElement,
  options: JitterSparklineOptions = {},
): JitterSparklineController {
  const canvas = container.ownerDocument.createElement("canvas");
  canvas.className = "np-sparkline";
  canvas.setAttribute("role", "img");
  container.append(canvas);
  let width = options.width ?? 96;
  let height = options.height ?? 20;
  let theme = readTheme(container);
  let history: JitterHistory | null = null;
  let drawnVersion = -1;
  let drawn = 0;

  function size(): void {
    const dpr = globalThis.devicePixelRatio || 1;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
  }

  function draw(): void {
    const ctx = canvas.getContext("2d");
    if (ctx === null || history === null) return;
    const h = history;
    const dpr = globalThis.devicePixelRatio || 1;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const n = h.length;
    drawn = 0;
    if (n === 0) {
      canvas.title = "jitter: no samples";
      return;
    }
    let top = options.maxMs ?? 0;
    if (options.maxMs === undefined) { for (let i = 0; i < n; i++) top = Math.max(top, h.at(i)); }
    top = Math.max(top, options.maxMs ?? 1);
    const cap = Math.max(n, 2);
    const pad = 1.5;
    const x = (i: number) => pad + (i + (cap - n)) * (width - 2 * pad) / (cap - 1);
    const y = (v: number) => height - pad - Math.min(v, top) / top * (height - 2 * pad);
    ctx.strokeStyle = theme.grid;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(0, height - 0.5);
    ctx.lineTo(width, height - 0.5);
    ctx.stroke();
    ctx.strokeStyle = theme.accent;
    ctx.lineWidth = 1.25;
    ctx.beginPath();
    for (let i = 0; i < n; i++) {
      if (i === 0) ctx.moveTo(x(i), y(h.at(i)));
      else ctx.lineTo(x(i), y(h.at(i)));
      drawn++;
    }
    ctx.stroke();
    ctx.fillStyle = theme.accent;
    ctx.beginPath();
    ctx.arc(x(n - 1), y(h.at(n - 1)), 1.75, 0, 2 * Math.PI);
    ctx.fill();
    canvas.title = `jitter ${h.last.toFixed(2)} ms (max ${h.max.toFixed(2)} ms, ${n} × ${h.intervalS} s)`;
    canvas.setAttribute("aria-label", canvas.title);
  }

  size();
  return {
    update(next) {
      if (next === history && next.version === drawnVersion) return;
      history = next;
      drawnVersion = next.version;
      draw();
    },
    resize(w, h) {
      width = w;
      height = h;
      size();
      draw();
    },
    refreshTheme() {
      theme = readTheme(container);
      draw();
    },
    destroy() {
      canvas.remove();
    },
    canvas,
    drawnPoints() {
      return drawn;
    },
  };
}
