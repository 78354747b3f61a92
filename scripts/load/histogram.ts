/**
 * A latency histogram with logarithmic buckets (about 0.5% wide), so every packet of a long run is counted in a
 * fixed few kilobytes per client, percentiles come out within 0.5%, and histograms of clients and processes merge by
 * adding counts. The exact maximum is kept beside the buckets.
 * @module
 */

/** Ratio between consecutive bucket bounds. */
const GROWTH = 1.005;
const LOG_GROWTH = Math.log(GROWTH);
/** Buckets cover 1 µs .. GROWTH^BUCKETS µs (about 17 minutes); values outside land in the first or last. */
export const BUCKETS = 5000;

export class LogHistogram {
  readonly counts = new Float64Array(BUCKETS);
  count = 0;
  sum = 0;
  max = -Infinity;
  min = Infinity;

  /** Adds one value in microseconds (values below 1 µs, including negative clock skew, count in bucket 0). */
  add(us: number): void {
    const i = us < 1 ? 0 : Math.min(BUCKETS - 1, Math.floor(Math.log(us) / LOG_GROWTH));
    this.counts[i]!++;
    this.count++;
    this.sum += us;
    if (us > this.max) this.max = us;
    if (us < this.min) this.min = us;
  }

  /** The value below which a share `p` (0..1) of the values lie, as the upper bound of its bucket (nearest rank). */
  percentile(p: number): number | null {
    if (this.count === 0) return null;
    const rank = Math.max(1, Math.ceil(p * this.count));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) return Math.min(this.max, Math.max(this.min, GROWTH ** (i + 1)));
    }
    return this.max;
  }

  merge(other: LogHistogram): void {
    for (let i = 0; i < BUCKETS; i++) this.counts[i]! += other.counts[i]!;
    this.count += other.count;
    this.sum += other.sum;
    if (other.max > this.max) this.max = other.max;
    if (other.min < this.min) this.min = other.min;
  }

  /** A compact form for JSON between processes: only the non-empty buckets. */
  toJSON(): SerializedHistogram {
    const buckets: [number, number][] = [];
    for (let i = 0; i < BUCKETS; i++) if (this.counts[i]! > 0) buckets.push([i, this.counts[i]!]);
    return { count: this.count, sum: this.sum, max: this.max, min: this.min, buckets };
  }

  static fromJSON(s: SerializedHistogram): LogHistogram {
    const h = new LogHistogram();
    for (const [i, n] of s.buckets) if (i >= 0 && i < BUCKETS) h.counts[i] = n;
    h.count = s.count;
    h.sum = s.sum;
    h.max = s.count > 0 ? s.max : -Infinity;
    h.min = s.count > 0 ? s.min : Infinity;
    return h;
  }

  /** p50, p99, max and mean in milliseconds (null when empty). */
  summaryMs(): LatencySummaryMs {
    const ms = (us: number | null) => us === null ? null : Math.round(us) / 1000;
    return {
      packets: this.count,
      p50: ms(this.percentile(0.5)),
      p99: ms(this.percentile(0.99)),
      max: ms(this.count ? this.max : null),
      mean: ms(this.count ? this.sum / this.count : null),
    };
  }
}

export interface SerializedHistogram {
  count: number;
  sum: number;
  max: number;
  min: number;
  buckets: [number, number][];
}

export interface LatencySummaryMs {
  packets: number;
  p50: number | null;
  p99: number | null;
  max: number | null;
  mean: number | null;
}
