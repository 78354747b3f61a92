/**
 * `--fail-on` conditions: comma-separated `FIELD OP NUMBER` tests (`loss_pct>1,max_jitter_ms>30,cc_errors>0`) checked
 * against every RTP stream and MPEG-TS flow of a report (a field applies where the entry has it). A CI capture job
 * exits 3 when one holds.
 * @module
 */
// This module is browser compatible.

import type { AnalysisReport } from "./session.ts";

export type Op = ">" | ">=" | "<" | "<=" | "==" | "!=";
export interface Condition {
  field: string;
  op: Op;
  value: number;
  text: string;
}

/** Numeric fields of `mpegts[]` flow entries a condition may name. */
export const MPEGTS_FIELDS: readonly string[] = ["cc_errors", "ts_packets", "bitrate_kbps", "duration_s"];

/** Numeric fields of `rtp_streams[]` entries a condition may name. */
export const RTP_FIELDS: readonly string[] = [
  "packets",
  "expected",
  "lost",
  "loss_pct",
  "duplicates",
  "out_of_order",
  "min_delta_ms",
  "mean_delta_ms",
  "max_delta_ms",
  "mean_jitter_ms",
  "max_jitter_ms",
  "max_skew_ms",
  "clock_drift_ppm",
  "duration_s",
  "bitrate_kbps",
  "payload_bitrate_kbps",
  "packet_rate",
  "markers",
  "keyframes",
];

const CONDITION = /^\s*([a-z_]+)\s*(>=|<=|==|!=|>|<)\s*(-?\d+(?:\.\d+)?)\s*$/;

/** Parses `--fail-on`; returns the conditions or a message naming the bad part. */
export function parseFailOn(text: string): Condition[] | { error: string } {
  const out: Condition[] = [];
  for (const part of text.split(",")) {
    const m = part.match(CONDITION);
    if (!m) return { error: `'${part.trim()}' is not FIELD OP NUMBER (e.g. loss_pct>1; OP is > >= < <= == !=)` };
    const [, field, op, value] = m;
    if (!RTP_FIELDS.includes(field!) && !MPEGTS_FIELDS.includes(field!)) {
      const known = [...new Set([...RTP_FIELDS, ...MPEGTS_FIELDS])].join(", ");
      return { error: `unknown field '${field}' in '${part.trim()}'; fields: ${known}` };
    }
    out.push({ field: field!, op: op as Op, value: Number(value), text: part.trim() });
  }
  return out;
}

function holds(v: number, op: Op, limit: number): boolean {
  switch (op) {
    case ">":
      return v > limit;
    case ">=":
      return v >= limit;
    case "<":
      return v < limit;
    case "<=":
      return v <= limit;
    case "==":
      return v === limit;
    case "!=":
      return v !== limit;
  }
}

/** A condition that holds for one stream. */
export interface Breach {
  stream: string;
  condition: string;
  actual: number;
}

/**
 * Every (stream, condition) pair that holds. A field that is null for a stream (jitter without a clock rate) never
 * breaches, and is not silently treated as 0.
 */
export function breaches(report: AnalysisReport, conditions: readonly Condition[]): Breach[] {
  const out: Breach[] = [];
  for (const s of report.rtp_streams) {
    const fields = s as unknown as Record<string, number | null>;
    for (const c of conditions) {
      const v = fields[c.field];
      if (typeof v === "number" && holds(v, c.op, c.value)) {
        out.push({ stream: `RTP ${s.ssrc_hex} ${s.src} -> ${s.dst}`, condition: c.text, actual: v });
      }
    }
  }
  for (const f of report.mpegts) {
    const fields = f as unknown as Record<string, number | null>;
    for (const c of conditions) {
      const v = MPEGTS_FIELDS.includes(c.field) ? fields[c.field] : undefined;
      if (typeof v === "number" && holds(v, c.op, c.value)) {
        out.push({ stream: `MPEG-TS ${f.src} -> ${f.dst}`, condition: c.text, actual: v });
      }
    }
  }
  return out;
}
