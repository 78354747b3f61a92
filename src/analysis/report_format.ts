/**
 * Renders an {@linkcode AnalysisReport} for people (an aligned table with units) or for spreadsheets (CSV).
 * JSON is the report itself.
 * @module
 */
// This module is browser compatible.

import type { AnalysisReport, RtpStreamReport } from "./session.ts";

type Column = [header: string, value: (s: RtpStreamReport) => string];

const num = (v: number | null, digits = 3): string => v === null ? "-" : v.toFixed(digits);

const COLUMNS: Column[] = [
  ["SSRC", (s) => s.ssrc_hex],
  ["Source", (s) => s.src],
  ["Destination", (s) => s.dst],
  ["PT", (s) => s.payload_types.join("/")],
  ["Pkts", (s) => String(s.packets)],
  ["Lost", (s) => `${s.lost} (${s.loss_pct.toFixed(2)}%)`],
  ["Dup", (s) => String(s.duplicates)],
  ["OoO", (s) => String(s.out_of_order)],
  ["Min Δ ms", (s) => num(s.min_delta_ms)],
  ["Mean Δ ms", (s) => num(s.mean_delta_ms)],
  ["Max Δ ms", (s) => num(s.max_delta_ms)],
  ["Mean jitter ms", (s) => num(s.mean_jitter_ms)],
  ["Max jitter ms", (s) => num(s.max_jitter_ms)],
  ["Duration s", (s) => s.duration_s.toFixed(3)],
  ["kbit/s", (s) => num(s.bitrate_kbps, 1)],
  ["Problems", (s) => s.problems ? "X" : ""],
];

/** An aligned text table of the RTP streams, then the packet totals. */
export function formatTable(r: AnalysisReport): string {
  const rows = [COLUMNS.map(([h]) => h), ...r.rtp_streams.map((s) => COLUMNS.map(([, f]) => f(s)))];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const lines = rows.map((row) =>
    row.map((cell, i) => i === 0 || i === 1 || i === 2 || i === 3 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))
      .join("  ").trimEnd()
  );
  const protocols = Object.entries(r.packets.by_protocol).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`);
  const undecodable = Object.entries(r.packets.undecodable).map(([k, n]) => `${k} ${n}`);
  const t = r.packets.by_transport;
  return [
    `RTP streams: ${r.rtp_streams.length}`,
    ...lines,
    "",
    `Packets: ${r.packets.total} (UDP ${t.udp}, TCP ${t.tcp}, other ${t.other}${
      undecodable.length ? `, undecodable: ${undecodable.join(", ")}` : ""
    })`,
    `UDP payloads: ${protocols.join(", ") || "none"}`,
    ...r.mpegts.map((f) => {
      const tr = Object.entries(f.tr101290).filter(([, c]) => c.count > 0).map(([k, c]) => `${k} ${c.count}`);
      return `MPEG-TS ${f.src} -> ${f.dst}${f.rtp ? " (RTP)" : ""}: ${f.ts_packets} TS packets, ${
        num(f.bitrate_kbps, 1)
      } kbit/s, ${f.pids.length} PIDs, CC errors ${f.cc_errors}${tr.length ? `, TR 101 290: ${tr.join(", ")}` : ""}`;
    }),
    ...r.rtcp.map((c) =>
      `RTCP ${c.ssrc_hex}${c.cname ? ` (${c.cname})` : ""}: ${c.sr_count} SR, ${c.rr_count} RR, sender ${
        num(c.sender_bitrate_kbps, 1)
      } kbit/s${
        c.reported_by.map((b) =>
          `; ${b.reporter_ssrc_hex} reports ${b.fraction_lost_pct}% lost, RTT ${num(b.rtt_ms)} ms`
        ).join("")
      }`
    ),
    ...r.ice_pairs.map((p) =>
      `ICE ${p.local} -> ${p.remote}: ${p.state}, ${p.requests} requests, ${p.successes} successes, RTT ${
        num(p.mean_rtt_ms)
      } ms`
    ),
    ...(r.dropped.rtp_streams_packets
      ? [`Not analysed: ${r.dropped.rtp_streams_packets} packets of streams beyond the stream limit`]
      : []),
    ...r.errors.map((e) => `Error: ${e}`),
  ].join("\n");
}

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? "" : Array.isArray(v) ? v.join("/") : String(v);
  return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** One CSV row per RTP stream, with the JSON field names as headers. */
export function formatCsv(r: AnalysisReport): string {
  const fields = Object.keys(r.rtp_streams[0] ?? { ssrc: 0, src: "", dst: "" });
  const rows = r.rtp_streams.map((s) => fields.map((f) => csvCell((s as unknown as Record<string, unknown>)[f])));
  return [fields.join(","), ...rows.map((row) => row.join(","))].join("\n");
}
