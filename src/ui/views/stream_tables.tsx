/**
 * The stream views, all from the shared incremental analysis (`AnalysisSession.report()`, the `netpix analyze`
 * schema): RTP streams (alias, SDP, statistics, jitter sparkline), RTCP streams, MPEG-TS streams and info, ICE pairs.
 * @module
 */

import type { VNode } from "preact";
import { useMemo, useState } from "preact/hooks";
import type { IcePairReport, MpegTsReport, RtcpReport, RtpStreamReport } from "../../analysis/session.ts";
import type { FieldSpec } from "../filter/mod.ts";
import { aliasOf, setAlias } from "../aliases.ts";
import { type Column, DataTable, type TableProps } from "../components/table.tsx";
import { Tree } from "../components/detail.tsx";
import { download } from "../model/export.ts";
import { describePayloadType } from "../model/rows.ts";
import type { LoggedIcePair } from "../model/logged_ice.ts";
import { model, modelVersion, send, settingsNote } from "../state.ts";
import { exportPcap } from "./packet_tables.tsx";
import { IceDiagram, JitterSparkline, MpegTsBitratePlot, RtcpStreamPlot } from "./plot_mounts.tsx";

const num = (v: number | null, digits = 3) => (v === null ? "N/A" : v.toFixed(digits));

function useReport() {
  void modelVersion.value; // re-render on new packets
  return model.report();
}

export function exportReportJson(): void {
  download("netpix-report.json", JSON.stringify(model.report(), null, 2) + "\n", "application/json");
}

function JsonButton() {
  return (
    <button type="button" onClick={exportReportJson} title="Download the stream statistics (netpix analyze schema)">
      JSON
    </button>
  );
}

/** A table over the analysis report: follows the model's version and exports the report as JSON. */
function ReportTable<Row>(props: Omit<TableProps<Row>, "version" | "toolbar">): VNode {
  return <DataTable {...props} version={modelVersion.value} toolbar={() => <JsonButton />} />;
}

function PartialNote(): VNode | null {
  const note = settingsNote.value;
  return note ? <div class="note warn" role="status" data-testid="partial-note">{note}</div> : null;
}

// ---- RTP streams ----

export const RTP_STREAM_FIELDS: FieldSpec<RtpStreamReport>[] = [
  { key: "alias", type: "string", help: "Stream alias", get: (r) => aliasOf(r.ssrc) },
  { key: "ssrc", type: "number", help: "SSRC (decimal or 0x hex)", get: (r) => r.ssrc },
  { key: "src", aliases: ["source"], type: "address", help: "Source address and port", get: (r) => r.src },
  { key: "dst", aliases: ["dest"], type: "address", help: "Destination address and port", get: (r) => r.dst },
  { key: "cname", type: "string", help: "CNAME from RTCP SDES", get: (r) => r.cname },
  { key: "pt", aliases: ["payload_type"], type: "number", help: "First payload type", get: (r) => r.payload_types[0] },
  { key: "packets", type: "number", help: "Packets received", get: (r) => r.packets },
  { key: "loss", aliases: ["loss_pct"], type: "number", help: "Loss, %", get: (r) => r.loss_pct },
  { key: "lost", type: "number", help: "Packets lost", get: (r) => r.lost },
  { key: "duplicates", type: "number", help: "Duplicate packets", get: (r) => r.duplicates },
  { key: "out_of_order", type: "number", help: "Out-of-order packets", get: (r) => r.out_of_order },
  { key: "jitter", aliases: ["mean_jitter"], type: "number", help: "Mean jitter, ms", get: (r) => r.mean_jitter_ms },
  { key: "max_jitter", type: "number", help: "Max jitter, ms", get: (r) => r.max_jitter_ms },
  { key: "bitrate", type: "number", help: "IP bitrate, kbit/s", get: (r) => r.bitrate_kbps },
  { key: "rate", aliases: ["packet_rate"], type: "number", help: "Packets per second", get: (r) => r.packet_rate },
  { key: "duration", type: "number", help: "Seconds from first to last packet", get: (r) => r.duration_s },
];

const SDP_EXAMPLE = `m=audio 5004 RTP/AVP 96
c=IN IP4 192.0.2.1
a=rtpmap:96 L24/48000/2
a=recvonly`;

function SdpDialog({ stream, onClose }: { stream: RtpStreamReport; onClose(): void }): VNode {
  const existing = model.settings.sdp.find((s) => s.ssrc === stream.ssrc)?.sdp ?? "";
  const [text, setText] = useState(existing);
  const hex = stream.ssrc_hex;
  return (
    <div class="modal-backdrop" onClick={onClose}>
      <div class="modal" role="dialog" aria-label={`SDP - ${hex}`} onClick={(e) => e.stopPropagation()}>
        <h3>SDP - {hex}</h3>
        <p class="muted">
          The SDP's rtpmap sets clock rates and codecs; the statistics are recomputed for everyone watching this source.
        </p>
        <textarea
          aria-label="SDP"
          rows={18}
          placeholder={SDP_EXAMPLE}
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => e.stopPropagation()}
        />
        <div class="buttons">
          <button
            type="button"
            class="primary"
            onClick={() => {
              if (send({ type: "set-sdp", ssrc: stream.ssrc, sdp: text })) onClose();
            }}
          >
            Set SDP for {hex}
          </button>
          {existing && (
            <button
              type="button"
              onClick={() => {
                if (send({ type: "set-sdp", ssrc: stream.ssrc, sdp: "" })) onClose();
              }}
            >
              Remove SDP
            </button>
          )}
          <button type="button" onClick={onClose}>Cancel</button>
        </div>
      </div>
    </div>
  );
}

function AliasInput({ ssrc }: { ssrc: number }): VNode {
  return (
    <input
      class="alias-input"
      aria-label={`Alias of 0x${ssrc.toString(16)}`}
      value={aliasOf(ssrc)}
      onClick={(e) => e.stopPropagation()}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === "Enter") e.currentTarget.blur();
      }}
      onChange={(e) => setAlias(ssrc, e.currentTarget.value)}
    />
  );
}

export function RtpStreamsView(): VNode {
  const report = useReport();
  const [sdpFor, setSdpFor] = useState<RtpStreamReport | null>(null);
  const columns: Column<RtpStreamReport>[] = [
    {
      key: "alias",
      title: "Alias",
      width: 80,
      text: (r) => aliasOf(r.ssrc),
      render: (r) => <AliasInput ssrc={r.ssrc} />,
    },
    { key: "ssrc", title: "SSRC", width: 100, text: (r) => r.ssrc_hex },
    { key: "src", title: "Source", width: 160, text: (r) => r.src },
    { key: "dst", title: "Destination", width: 160, text: (r) => r.dst },
    { key: "cname", title: "CNAME", width: 170, text: (r) => r.cname ?? "N/A" },
    {
      key: "pt",
      title: "PT",
      width: 70,
      text: (r) => r.payload_types.join(" "),
      render: (r) => (
        <span
          title={r.payload_types.map((p) => `${p}: ${describePayloadType(p, model.options.payloadNames)}`).join("\n")}
        >
          {r.payload_types.join(" ")}
        </span>
      ),
    },
    { key: "packets", title: "Packets", width: 70, text: (r) => String(r.packets) },
    { key: "loss", title: "Loss %", width: 70, text: (r) => r.loss_pct.toFixed(3), cls: (r) => r.lost ? "bad" : "" },
    { key: "duplicates", title: "Dup", width: 50, text: (r) => String(r.duplicates) },
    { key: "out_of_order", title: "Out of order", width: 90, text: (r) => String(r.out_of_order) },
    { key: "jitter", title: "Mean jitter ms", width: 110, text: (r) => num(r.mean_jitter_ms) },
    { key: "max_jitter", title: "Max jitter ms", width: 100, text: (r) => num(r.max_jitter_ms) },
    { key: "bitrate", title: "Bitrate kbps", width: 100, text: (r) => num(r.bitrate_kbps, 1) },
    { key: "rate", title: "Packets/s", width: 80, text: (r) => num(r.packet_rate, 1) },
    { key: "duration", title: "Duration s", width: 85, text: (r) => r.duration_s.toFixed(2) },
    {
      key: "sparkline",
      title: "Jitter",
      width: 180,
      text: () => "",
      render: (r) => <JitterSparkline ssrc={r.ssrc} src={r.src} dst={r.dst} />,
    },
    {
      key: "sdp",
      title: "SDP",
      width: 80,
      text: (r) => model.settings.sdp.some((s) => s.ssrc === r.ssrc) ? "set" : "",
      render: (r) => (
        <button
          type="button"
          class="small"
          onClick={(e) => {
            e.stopPropagation();
            setSdpFor(r);
          }}
        >
          Set SDP
        </button>
      ),
    },
  ];
  return (
    <>
      <PartialNote />
      <DataTable
        id="rtp-streams"
        columns={columns}
        rows={report.rtp_streams}
        version={modelVersion.value}
        fields={RTP_STREAM_FIELDS}
        rowHeight={34}
        empty="No RTP streams"
        toolbar={(rows) => (
          <>
            <JsonButton />
            <button
              type="button"
              title="Download the packets of the streams the filter keeps as a pcap file"
              onClick={() => {
                const keys = new Set(rows().map((s) => `${s.ssrc}|${s.src}|${s.dst}`));
                exportPcap(
                  "netpix-rtp-streams",
                  model.rtp.toArray().filter((r) => keys.has(`${r.ssrc}|${r.p.src}|${r.p.dst}`)).map((r) => r.p),
                );
              }}
            >
              pcap
            </button>
          </>
        )}
      />
      {sdpFor && <SdpDialog stream={sdpFor} onClose={() => setSdpFor(null)} />}
    </>
  );
}

// ---- RTCP streams ----

export const RTCP_STREAM_FIELDS: FieldSpec<RtcpReport>[] = [
  { key: "ssrc", type: "number", help: "SSRC (decimal or 0x hex)", get: (r) => r.ssrc },
  { key: "alias", type: "string", help: "Alias of the SSRC", get: (r) => aliasOf(r.ssrc) },
  { key: "cname", type: "string", help: "CNAME from SDES", get: (r) => r.cname },
  { key: "sr", aliases: ["sr_count"], type: "number", help: "Sender reports", get: (r) => r.sr_count },
  { key: "rr", aliases: ["rr_count"], type: "number", help: "Receiver reports about it", get: (r) => r.rr_count },
  { key: "bitrate", type: "number", help: "SR-derived sender bitrate, kbit/s", get: (r) => r.sender_bitrate_kbps },
  {
    key: "loss",
    type: "number",
    help: "Largest fraction lost reported, %",
    get: (r) => r.reported_by.length ? Math.max(...r.reported_by.map((b) => b.fraction_lost_pct)) : null,
  },
  {
    key: "rtt",
    type: "number",
    help: "Latest round-trip time reported, ms",
    get: (r) => r.reported_by.find((b) => b.rtt_ms !== null)?.rtt_ms ?? null,
  },
];

const RTCP_STREAM_COLUMNS: Column<RtcpReport>[] = [
  { key: "alias", title: "Alias", width: 60, text: (r) => aliasOf(r.ssrc) },
  { key: "ssrc", title: "SSRC", width: 100, text: (r) => r.ssrc_hex },
  { key: "cname", title: "CNAME", width: 180, text: (r) => r.cname ?? "N/A" },
  { key: "sr", title: "SRs", width: 50, text: (r) => String(r.sr_count) },
  { key: "rr", title: "RRs", width: 50, text: (r) => String(r.rr_count) },
  { key: "bitrate", title: "SR bitrate kbps", width: 120, text: (r) => num(r.sender_bitrate_kbps, 1) },
  { key: "prate", title: "SR packets/s", width: 100, text: (r) => num(r.sender_packet_rate, 1) },
  { key: "clock", title: "Clock Hz (est.)", width: 110, text: (r) => num(r.clock_rate_estimate_hz, 1) },
  {
    key: "reports",
    title: "Reported by (loss %, cumulative lost, jitter ms, RTT ms)",
    width: 420,
    text: (r) =>
      r.reported_by.map((b) =>
        `${b.reporter_ssrc_hex}: ${b.fraction_lost_pct}% ${b.cumulative_lost} ${num(b.jitter_ms)} ${num(b.rtt_ms)}`
      ).join("; ") || "no reports",
  },
  { key: "bye", title: "BYE", width: 50, text: (r) => r.bye ? "yes" : "" },
];

export function RtcpStreamsView(): VNode {
  const report = useReport();
  const [sel, setSel] = useState<RtcpReport | null>(null);
  return (
    <>
      <ReportTable
        id="rtcp-streams"
        columns={RTCP_STREAM_COLUMNS}
        rows={report.rtcp}
        fields={RTCP_STREAM_FIELDS}
        empty="No RTCP streams"
        onSelect={setSel}
      />
      <RtcpStreamPlot ssrc={sel?.ssrc ?? null} />
    </>
  );
}

// ---- MPEG-TS streams ----

interface TsPidRow {
  flow: MpegTsReport;
  pid: MpegTsReport["pids"][number];
  program: number | null;
}

export const TS_STREAM_FIELDS: FieldSpec<TsPidRow>[] = [
  { key: "src", aliases: ["source"], type: "address", help: "Source address and port", get: (r) => r.flow.src },
  { key: "dst", aliases: ["dest"], type: "address", help: "Destination address and port", get: (r) => r.flow.dst },
  { key: "pid", type: "number", help: "PID (decimal or 0x hex)", get: (r) => r.pid.pid },
  { key: "name", aliases: ["type"], type: "string", help: "PID name or stream type", get: (r) => r.pid.name },
  { key: "program", type: "number", help: "Program number", get: (r) => r.program },
  { key: "packets", type: "number", help: "TS packets", get: (r) => r.pid.packets },
  { key: "bitrate", type: "number", help: "Bitrate, kbit/s", get: (r) => r.pid.bitrate_kbps },
  { key: "cc_errors", aliases: ["cc"], type: "number", help: "Continuity-counter errors", get: (r) => r.pid.cc_errors },
  {
    key: "pcr_jitter",
    type: "number",
    help: "PCR overall jitter, ms",
    get: (r) => r.pid.pcr?.overall_jitter_ms ?? null,
  },
];

const TS_STREAM_COLUMNS: Column<TsPidRow>[] = [
  { key: "src", title: "Source", width: 150, text: (r) => r.flow.src },
  { key: "dst", title: "Destination", width: 150, text: (r) => r.flow.dst },
  { key: "program", title: "Program", width: 70, text: (r) => r.program === null ? "" : String(r.program) },
  { key: "pid", title: "PID", width: 70, text: (r) => r.pid.pid_hex },
  { key: "name", title: "Stream", width: 200, text: (r) => r.pid.name },
  { key: "packets", title: "TS packets", width: 90, text: (r) => String(r.pid.packets) },
  { key: "bitrate", title: "Bitrate kbps", width: 100, text: (r) => num(r.pid.bitrate_kbps, 1) },
  {
    key: "cc_errors",
    title: "CC errors",
    width: 80,
    text: (r) => String(r.pid.cc_errors),
    cls: (r) => r.pid.cc_errors ? "bad" : "",
  },
  { key: "pcrs", title: "PCRs", width: 60, text: (r) => r.pid.pcr ? String(r.pid.pcr.pcrs) : "" },
  {
    key: "pcr_interval",
    title: "Max PCR interval ms",
    width: 140,
    text: (r) => r.pid.pcr ? num(r.pid.pcr.max_interval_ms) : "",
  },
  {
    key: "pcr_jitter",
    title: "PCR jitter ms",
    width: 110,
    text: (r) => r.pid.pcr ? num(r.pid.pcr.overall_jitter_ms) : "",
  },
];

export function MpegTsStreamsView(): VNode {
  const report = useReport();
  const rows: TsPidRow[] = report.mpegts.flatMap((flow) =>
    flow.pids.map((pid) => ({
      flow,
      pid,
      program: flow.programs.find((g) => g.pmt_pid === pid.pid || g.streams.includes(pid.pid))?.program_number ?? null,
    }))
  );
  return (
    <>
      <div class="summary">
        {report.mpegts.map((f) => (
          <span key={`${f.src}|${f.dst}`} class="chip">
            {f.src} → {f.dst}: {f.ts_packets} TS packets, {num(f.bitrate_kbps, 1)} kbps, {f.cc_errors} CC errors
          </span>
        ))}
      </div>
      <ReportTable
        id="mpegts-streams"
        columns={TS_STREAM_COLUMNS}
        rows={rows}
        fields={TS_STREAM_FIELDS}
        empty="No MPEG-TS flows"
      />
      <MpegTsBitratePlot />
    </>
  );
}

// ---- MPEG-TS info ----

interface TsInfoRow {
  flow: string;
  pid: number;
  type: "PAT" | "PMT";
  program: number | null;
  sections: number;
  info: string;
  tree: unknown;
}

export const TS_INFO_FIELDS: FieldSpec<TsInfoRow>[] = [
  { key: "pid", type: "number", help: "PID (0 = PAT)", get: (r) => r.pid },
  { key: "type", type: "enum", values: ["PAT", "PMT"], help: "Table", get: (r) => r.type },
  { key: "program", type: "number", help: "Program number (PMT)", get: (r) => r.program },
  { key: "flow", type: "string", help: "Flow (source → destination)", get: (r) => r.flow },
];

const TS_INFO_COLUMNS: Column<TsInfoRow>[] = [
  { key: "flow", title: "Flow", width: 300, text: (r) => r.flow },
  { key: "type", title: "Type", width: 60, text: (r) => r.type },
  { key: "pid", title: "PID", width: 70, text: (r) => `0x${r.pid.toString(16)}` },
  { key: "program", title: "Program", width: 70, text: (r) => r.program === null ? "" : String(r.program) },
  { key: "sections", title: "Sections", width: 70, text: (r) => String(r.sections) },
  { key: "info", title: "Contents", width: 600, text: (r) => r.info },
];

function tsInfoRows(): TsInfoRow[] {
  const rows: TsInfoRow[] = [];
  for (const f of model.tsPsi.flows.values()) {
    const flow = f.key.replace("|", " → ");
    if (f.pat) {
      rows.push({
        flow,
        pid: 0,
        type: "PAT",
        program: null,
        sections: f.patSections,
        info: `TS id ${f.pat.transportStreamId}, version ${f.pat.header.version}: ` +
          [
            ...(f.pat.networkPid === null ? [] : [`network PID 0x${f.pat.networkPid.toString(16)}`]),
            ...f.pat.programs.map((p) => `program ${p.programNumber} → PMT 0x${p.pmtPid.toString(16)}`),
          ].join(", "),
        tree: f.pat,
      });
    }
    for (const [pid, { pmt, sections }] of f.pmts) {
      rows.push({
        flow,
        pid,
        type: "PMT",
        program: pmt.programNumber,
        sections,
        info: `PCR 0x${pmt.pcrPid.toString(16)}; ${pmt.programDescriptors.descriptors.length} program descriptors; ` +
          pmt.streams.map((s) =>
            `0x${s.pid.toString(16)} ${s.streamTypeName}${
              s.descriptors.descriptors.length ? ` [${s.descriptors.descriptors.map((d) => d.name).join(", ")}]` : ""
            }`
          ).join("; "),
        tree: pmt,
      });
    }
  }
  return rows;
}

export function MpegTsInfoView(): VNode {
  const report = useReport();
  const rows = tsInfoRows();
  return (
    <>
      <DataTable
        id="mpegts-info"
        columns={TS_INFO_COLUMNS}
        rows={rows}
        version={modelVersion.value}
        fields={TS_INFO_FIELDS}
        empty="No PAT or PMT seen"
        detail={(r) => (
          <div class="tree" data-testid="psi-detail">
            <Tree label={`${r.type} 0x${r.pid.toString(16)}`} value={r.tree} open />
          </div>
        )}
      />
      <div class="tr101290">
        <h3>ETSI TR 101 290</h3>
        {report.mpegts.map((f) => (
          <table key={`${f.src}|${f.dst}`} class="kv" data-testid="tr101290">
            <caption>{f.src} → {f.dst}</caption>
            <thead>
              <tr>
                <th>Indicator</th>
                <th>Count</th>
                <th>First seen s</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(f.tr101290).map(([k, v]) => (
                <tr key={k} class={v.count ? "bad" : ""}>
                  <td>{k}</td>
                  <td>{v.count}</td>
                  <td>{v.first_seen_s ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </div>
    </>
  );
}

// ---- ICE ----

const ICE_STATES = ["in-progress", "failed", "succeeded", "nominated", "sending-media"] as const;

/**
 * A row of the ICE view: a pair derived from captured STUN, or one an event log recorded (mapped onto the same shape,
 * see model/logged_ice.ts), with what only the log tells.
 */
export interface IceRow extends IcePairReport {
  from: "STUN" | "event log";
  logged: LoggedIcePair | null;
}

const ICE_SOURCES = ["STUN", "event log"] as const;

export const ICE_FIELDS: FieldSpec<IceRow>[] = [
  { key: "from", type: "enum", values: [...ICE_SOURCES], help: "Where the pair comes from", get: (r) => r.from },
  { key: "local", type: "address", help: "Local candidate (the side sending the checks)", get: (r) => r.local },
  { key: "remote", type: "address", help: "Remote candidate", get: (r) => r.remote },
  { key: "state", type: "enum", values: [...ICE_STATES], help: "Pair state", get: (r) => r.state },
  { key: "requests", type: "number", help: "Checks sent", get: (r) => r.requests },
  { key: "errors", type: "number", help: "Error responses", get: (r) => r.errors },
  { key: "rtt", type: "number", help: "Mean RTT, ms", get: (r) => r.mean_rtt_ms },
  { key: "pair", aliases: ["pair_id"], type: "number", help: "Logged pair id", get: (r) => r.logged?.pairId },
  {
    key: "config",
    type: "enum",
    values: ["added", "updated", "destroyed", "selected"],
    help: "Last logged config type",
    get: (r) => r.logged?.lastConfig,
  },
];

const loggedText = (r: IceRow, f: (p: LoggedIcePair) => string | number) => r.logged ? String(f(r.logged)) : "";

const ICE_COLUMNS: Column<IceRow>[] = [
  { key: "from", title: "From", width: 80, text: (r) => r.from },
  { key: "local", title: "Local", width: 170, text: (r) => r.local },
  { key: "remote", title: "Remote", width: 170, text: (r) => r.remote },
  { key: "state", title: "State", width: 120, text: (r) => r.state, cls: (r) => `ice-${r.state}` },
  { key: "requests", title: "Checks", width: 60, text: (r) => String(r.requests) },
  { key: "retransmissions", title: "Retrans.", width: 70, text: (r) => String(r.retransmissions) },
  { key: "successes", title: "Responses", width: 80, text: (r) => String(r.successes) },
  { key: "errors", title: "Failures", width: 70, text: (r) => String(r.errors), cls: (r) => r.errors ? "bad" : "" },
  { key: "timeouts", title: "Timeouts", width: 70, text: (r) => String(r.timeouts) },
  { key: "nominations", title: "Nominations", width: 90, text: (r) => String(r.nominations) },
  {
    key: "rtt",
    title: "RTT ms (min/mean/max)",
    width: 170,
    text: (r) => `${num(r.min_rtt_ms)} / ${num(r.mean_rtt_ms)} / ${num(r.max_rtt_ms)}`,
  },
  { key: "roles", title: "Roles", width: 120, text: (r) => r.roles.join(", ") },
  { key: "media", title: "Media packets", width: 100, text: (r) => String(r.media_packets) },
  {
    key: "checks_received",
    title: "Checks recv.",
    width: 90,
    text: (r) => loggedText(r, (p) => p.checksReceived),
    help: "Logged checks received on the pair",
  },
  {
    key: "responses_sent",
    title: "Resp. sent",
    width: 80,
    text: (r) => loggedText(r, (p) => p.responsesSent),
    help: "Logged responses sent to checks received",
  },
  {
    key: "selected",
    title: "Selected",
    width: 70,
    text: (r) => loggedText(r, (p) => p.selected ? "yes" : "no"),
  },
  { key: "config", title: "Last config", width: 90, text: (r) => loggedText(r, (p) => p.lastConfig) },
  {
    key: "candidates",
    title: "Logged candidates",
    width: 260,
    text: (r) =>
      loggedText(
        r,
        (p) => `${p.protocol} ${p.localType} ${p.localFamily} ${p.localNetwork} → ${p.remoteType} ${p.remoteFamily}`,
      ),
  },
];

/** The STUN-derived pairs of the report, then the pairs the event log recorded. */
function iceRows(report: { ice_pairs: IcePairReport[] }, logged: LoggedIcePair[]): IceRow[] {
  return [
    ...report.ice_pairs.map((p): IceRow => ({ ...p, from: "STUN", logged: null })),
    ...logged.map((p): IceRow => ({ ...p, from: "event log", logged: p })),
  ];
}

export function IceView(): VNode {
  const report = useReport();
  const [state, setState] = useState<string>("all");
  const all = useMemo(() => iceRows(report, model.loggedIce.pairs()), [report, modelVersion.value]);
  const pairs = useMemo(() => state === "all" ? all : all.filter((p) => p.state === state), [all, state]);
  const count = (s: string) => all.filter((p) => p.state === s).length;
  return (
    <>
      <div class="summary" role="group" aria-label="Filter by state">
        <strong>ICE candidate pairs: {all.length}</strong>
        {model.loggedIce.size > 0 && (
          <span class="muted" data-testid="ice-sources">
            {report.ice_pairs.length} from STUN, {model.loggedIce.size} from the event log
            {model.loggedIce.dropped ? ` (${model.loggedIce.dropped} events of further pairs dropped)` : ""}
          </span>
        )}
        {["all", ...ICE_STATES].map((s) => (
          <button
            key={s}
            type="button"
            class={state === s ? "small on" : "small"}
            aria-pressed={state === s}
            onClick={() => setState(s)}
          >
            {s}
            {s === "all" ? "" : ` (${count(s)})`}
          </button>
        ))}
      </div>
      {all.length === 0 && (
        <p class="muted explain">
          No ICE candidate pairs found. Pairs appear when STUN Binding requests with ICE attributes (USERNAME, PRIORITY,
          ICE-CONTROLLING/CONTROLLED) are seen: candidates are gathered, checks are sent on each pair, and a pair is
          nominated (USE-CANDIDATE) before media flows on it. An event log (-l) adds the candidate pairs it recorded.
        </p>
      )}
      <IceDiagram pairs={pairs} />
      <ReportTable
        id="ice"
        columns={ICE_COLUMNS}
        rows={pairs}
        fields={ICE_FIELDS}
        empty="No pairs in this state"
      />
    </>
  );
}
