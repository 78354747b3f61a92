/**
 * The per-packet tables: Packets, RTP packets, RTCP packets, STUN packets and MPEG-TS packets, each with its columns,
 * its filter fields (the shared filter language) and a detail pane with the decoded tree and a hex dump.
 * @module
 */

import type { VNode } from "preact";
import { PAYLOAD_KIND_NAMES } from "../../protocols/classify.ts";
import { LINKTYPE_NETPIX_EVENT_LOG, LOCAL_ADDRESS, REMOTE_ADDRESS } from "../../eventlog/frame.ts";
import { DECODE_AS_KINDS, type DecodeAsKind } from "../../wire/messages.ts";
import type { FieldSpec } from "../filter/mod.ts";
import { aliasOf } from "../aliases.ts";
import { type Column, DataTable, type RowSource } from "../components/table.tsx";
import { PacketDetail } from "../components/detail.tsx";
import { openMenu } from "../components/menu.tsx";
import type { TsRow } from "../model/mpegts_rows.ts";
import {
  describePayloadType,
  frameInfo,
  hex32,
  type PacketRow,
  type RtcpRow,
  rtcpTypeName,
  type RtpRow,
  type StunRow,
} from "../model/rows.ts";
import { download, toPcap } from "../model/export.ts";
import { currentSource, model, modelVersion, send } from "../state.ts";

/** Seconds since the first packet, as every table shows them. */
export const t4 = (s: number) => s.toFixed(6);
const yesNo = (b: boolean) => (b ? "yes" : "no");

/** Downloads the packets behind `rows` (deduplicated, in capture order) as a pcap. */
export function exportPcap(name: string, packets: PacketRow[]): void {
  const seen = new Set<number>();
  const unique = packets.filter((p) => !seen.has(p.id) && seen.add(p.id));
  const linkType = unique[0]?.linkType ?? currentSource.value?.linkType ?? 1;
  download(`${name}.pcap`, toPcap(unique, linkType), "application/vnd.tcpdump.pcap");
}

function PcapButton<Row>({ name, rows, packet }: { name: string; rows: () => Row[]; packet(r: Row): PacketRow }) {
  return (
    <button
      type="button"
      onClick={() => exportPcap(name, rows().map(packet))}
      title="Download the packets the filter keeps as a pcap file"
    >
      pcap
    </button>
  );
}

// ---- What the per-protocol packet tables share ----

/** A row decoded from one captured packet (the RTP, RTCP, STUN and MPEG-TS tables). */
interface OfPacket {
  p: PacketRow;
}

/** The filter fields every per-protocol packet table starts with: its packet's number and addresses. */
function packetFields<Row extends OfPacket>(): FieldSpec<Row>[] {
  return [
    { key: "no", aliases: ["id"], type: "number", help: "Packet number", get: (r) => r.p.id },
    { key: "src", aliases: ["source"], type: "address", help: "Source address and port", get: (r) => r.p.src },
    { key: "dst", aliases: ["dest"], type: "address", help: "Destination address and port", get: (r) => r.p.dst },
  ];
}

/** The columns the RTP, STUN and MPEG-TS tables start with: number, time and the addresses, `addressWidth` px each. */
function packetColumns<Row extends OfPacket>(addressWidth: number): Column<Row>[] {
  return [
    { key: "no", title: "No.", width: 70, text: (r) => String(r.p.id) },
    { key: "time", title: "Time", width: 100, text: (r) => t4(r.p.time) },
    { key: "src", title: "Source", width: addressWidth, text: (r) => r.p.src },
    { key: "dst", title: "Destination", width: addressWidth, text: (r) => r.p.dst },
  ];
}

interface ProtocolTableProps<Row extends OfPacket> {
  id: string;
  columns: Column<Row>[];
  rows: RowSource<Row>;
  fields: FieldSpec<Row>[];
  empty: string;
  /** The exported file's name, without ".pcap". */
  pcapName: string;
}

/** A per-protocol packet table: follows a live capture, exports its rows' packets as pcap, details the packet. */
function ProtocolPacketsTable<Row extends OfPacket>(props: ProtocolTableProps<Row>): VNode {
  return (
    <DataTable
      id={props.id}
      columns={props.columns}
      rows={props.rows}
      version={modelVersion.value}
      fields={props.fields}
      follow={currentSource.value?.kind === "interface"}
      empty={props.empty}
      toolbar={(rows) => <PcapButton name={props.pcapName} rows={rows} packet={(r) => r.p} />}
      detail={(r) => <PacketDetail p={r.p} />}
    />
  );
}

// ---- Packets ----

const KIND_VALUES = [...PAYLOAD_KIND_NAMES];

export const PACKET_FIELDS: FieldSpec<PacketRow>[] = [
  { key: "no", aliases: ["id", "number"], type: "number", help: "Packet number", get: (r) => r.id },
  { key: "time", type: "number", help: "Seconds since the first packet", get: (r) => r.time },
  { key: "src", aliases: ["source"], type: "address", help: "Source address and port", get: (r) => r.src },
  {
    key: "dst",
    aliases: ["dest", "destination"],
    type: "address",
    help: "Destination address and port",
    get: (r) => r.dst,
  },
  {
    key: "addr",
    aliases: ["host"],
    type: "address",
    help: "Either address (source or destination)",
    get: (r) => `${r.src} ${r.dst}`,
  },
  {
    key: "transport",
    aliases: ["proto", "protocol"],
    type: "enum",
    values: ["UDP", "TCP", "ICMP", "ICMPv6", "IGMP"],
    help: "IP protocol",
    get: (r) => r.transport,
  },
  { key: "len", aliases: ["length"], type: "number", help: "Length on the wire, bytes", get: (r) => r.origlen },
  {
    key: "type",
    aliases: ["as", "treated"],
    type: "enum",
    values: KIND_VALUES,
    help: "What the UDP payload is treated as",
    get: (r) => r.treatedAs,
  },
  { key: "info", type: "string", help: "Link and IP summary", get: frameInfo },
];

function decodeAsMenu(ev: MouseEvent, p: PacketRow): void {
  if (p.transport !== "UDP") return;
  const rules = model.settings.decodeAs;
  const items = [];
  for (const port of new Set([p.dstPort, p.srcPort])) {
    const current = rules.find((r) => r.port === port)?.as;
    for (const as of ["auto", ...DECODE_AS_KINDS] as (DecodeAsKind | "auto")[]) {
      items.push({
        label: `UDP port ${port} as ${as === "auto" ? "automatic" : as}`,
        checked: as === "auto" ? current === undefined : current === as,
        action: () => send({ type: "decode-as", port, as }),
      });
    }
  }
  openMenu(ev, `Decode packet ${p.id}'s flow as…`, items, "This applies to everyone watching this source.");
}

const PACKET_COLUMNS: Column<PacketRow>[] = [
  { key: "no", title: "No.", width: 70, text: (r) => String(r.id) },
  { key: "time", title: "Time", width: 100, text: (r) => t4(r.time) },
  { key: "src", title: "Source", width: 190, text: (r) => r.src },
  { key: "dst", title: "Destination", width: 190, text: (r) => r.dst },
  { key: "transport", title: "Transport", width: 80, text: (r) => r.transport },
  { key: "len", title: "Length", width: 70, text: (r) => String(r.origlen) },
  {
    key: "type",
    title: "Treated as",
    width: 110,
    text: (r) => r.treatedAs,
    cls: (r) => `kind-${r.treatedAs || "none"}`,
    help: "What the UDP payload is decoded as; right-click to decode a flow as something else",
    onContextMenu: (r, ev) => decodeAsMenu(ev, r),
  },
  { key: "info", title: "Info", width: 360, text: frameInfo },
];

export function PacketsView(): VNode {
  const v = modelVersion.value;
  return (
    <DataTable
      id="packets"
      columns={PACKET_COLUMNS}
      rows={model.packets}
      version={v}
      fields={PACKET_FIELDS}
      follow={currentSource.value?.kind === "interface"}
      empty="No packets yet"
      toolbar={(rows) => <PcapButton name="netpix-packets" rows={rows} packet={(r) => r} />}
      detail={(p) => (
        <PacketDetail
          p={p}
          extra={p.transport === "UDP"
            ? (
              <button type="button" class="small" onClick={(e) => decodeAsMenu(e as MouseEvent, p)}>
                Decode as…
              </button>
            )
            : null}
        />
      )}
    />
  );
}

// ---- RTP packets ----

export const RTP_FIELDS: FieldSpec<RtpRow>[] = [
  ...packetFields<RtpRow>(),
  { key: "ssrc", type: "number", help: "SSRC (decimal or 0x hex)", get: (r) => r.ssrc },
  { key: "alias", type: "string", help: "Stream alias", get: (r) => aliasOf(r.ssrc) },
  { key: "pt", aliases: ["payload_type"], type: "number", help: "Payload type", get: (r) => r.pt },
  { key: "seq", type: "number", help: "Sequence number", get: (r) => r.seq },
  { key: "timestamp", aliases: ["ts"], type: "number", help: "RTP timestamp", get: (r) => r.timestamp },
  { key: "marker", type: "enum", values: ["yes", "no"], help: "Marker bit", get: (r) => yesNo(r.marker) },
  { key: "padding", type: "enum", values: ["yes", "no"], help: "Padding bit", get: (r) => yesNo(r.padding) },
  { key: "extension", type: "enum", values: ["yes", "no"], help: "Extension bit", get: (r) => yesNo(r.extension) },
  { key: "ext", type: "string", help: "Header extension names", get: (r) => r.extensions },
  { key: "csrcs", type: "number", help: "Number of CSRCs", get: (r) => r.csrcs.length },
  { key: "payload", aliases: ["len"], type: "number", help: "Payload length, bytes", get: (r) => r.payloadLength },
];

const RTP_COLUMNS: Column<RtpRow>[] = [
  ...packetColumns<RtpRow>(170),
  { key: "padding", title: "P", width: 30, text: (r) => r.padding ? "✔" : "", help: "Padding" },
  { key: "extension", title: "X", width: 30, text: (r) => r.extension ? "✔" : "", help: "Extension" },
  {
    key: "marker",
    title: "M",
    width: 30,
    text: (r) => r.marker ? "✔" : "",
    cls: (r) => r.marker ? "marker" : "",
    help: "Marker: end of a video frame / start of a talkspurt",
  },
  {
    key: "pt",
    title: "PT",
    width: 50,
    text: (r) => String(r.pt),
    render: (r) => <span title={describePayloadType(r.pt, model.options.payloadNames)}>{r.pt}</span>,
  },
  { key: "ptname", title: "Payload", width: 110, text: (r) => describePayloadType(r.pt, model.options.payloadNames) },
  { key: "seq", title: "Seq", width: 70, text: (r) => String(r.seq) },
  { key: "timestamp", title: "Timestamp", width: 100, text: (r) => String(r.timestamp) },
  { key: "ssrc", title: "SSRC", width: 100, text: (r) => hex32(r.ssrc) },
  { key: "alias", title: "Alias", width: 50, text: (r) => aliasOf(r.ssrc) },
  {
    key: "csrc",
    title: "CSRC",
    width: 100,
    text: (r) => r.csrcs.map(hex32).join(" "),
    render: (r) => (
      <span title={r.csrcs.map(hex32).join("\n")}>
        {r.csrcs.length ? hex32(r.csrcs[0]!) : ""}
        {r.csrcs.length > 1 ? ` +${r.csrcs.length - 1}` : ""}
      </span>
    ),
  },
  { key: "ext", title: "Extensions", width: 180, text: (r) => r.extensions },
  { key: "payload", title: "Payload", width: 70, text: (r) => String(r.payloadLength) },
];

export function RtpPacketsView(): VNode {
  return (
    <ProtocolPacketsTable
      id="rtp-packets"
      columns={RTP_COLUMNS}
      rows={model.rtp}
      fields={RTP_FIELDS}
      empty="No RTP packets"
      pcapName="netpix-rtp"
    />
  );
}

// ---- RTCP packets ----

const RTCP_TYPES = [
  "sr",
  "rr",
  "sdes",
  "bye",
  "app",
  "nack",
  "tmmbr",
  "tmmbn",
  "rrr",
  "twcc",
  "pli",
  "sli",
  "rpsi",
  "fir",
  "remb",
  "xr",
  "unknown",
].map(rtcpTypeName);

/** "Local"/"Remote" for event-log records (their addresses are synthetic, src/eventlog/frame.ts), else ip:port. */
function rtcpEndpoint(p: PacketRow, side: "src" | "dst"): string {
  const a = p[side];
  if (p.linkType !== LINKTYPE_NETPIX_EVENT_LOG) return a;
  return a.startsWith(`${LOCAL_ADDRESS}:`) ? "Local" : a.startsWith(`${REMOTE_ADDRESS}:`) ? "Remote" : a;
}

export const RTCP_FIELDS: FieldSpec<RtcpRow>[] = [
  ...packetFields<RtcpRow>(),
  { key: "type", type: "enum", values: RTCP_TYPES, help: "RTCP packet type", get: (r) => r.type },
  { key: "ssrc", type: "number", help: "Sender SSRC (decimal or 0x hex)", get: (r) => r.ssrc },
  {
    key: "alias",
    type: "string",
    help: "Alias of the sender SSRC",
    get: (r) => r.ssrc === null ? null : aliasOf(r.ssrc),
  },
  { key: "details", type: "string", help: "Type-specific details", get: (r) => r.summary },
];

const RTCP_COLUMNS: Column<RtcpRow>[] = [
  { key: "no", title: "No.", width: 80, text: (r) => `${r.p.id} (${r.index})` },
  { key: "time", title: "Time", width: 100, text: (r) => t4(r.p.time) },
  { key: "src", title: "Source", width: 170, text: (r) => rtcpEndpoint(r.p, "src") },
  { key: "dst", title: "Destination", width: 170, text: (r) => rtcpEndpoint(r.p, "dst") },
  { key: "type", title: "Type", width: 160, text: (r) => r.type },
  {
    key: "ssrc",
    title: "SSRC",
    width: 130,
    text: (r) => r.ssrc === null ? "" : `${aliasOf(r.ssrc)} | ${hex32(r.ssrc)}`,
  },
  { key: "details", title: "Details", width: 560, text: (r) => r.summary },
];

export function RtcpPacketsView(): VNode {
  return (
    <ProtocolPacketsTable
      id="rtcp-packets"
      columns={RTCP_COLUMNS}
      rows={model.rtcp}
      fields={RTCP_FIELDS}
      empty="No RTCP packets"
      pcapName="netpix-rtcp"
    />
  );
}

// ---- STUN packets ----

export const STUN_FIELDS: FieldSpec<StunRow>[] = [
  ...packetFields<StunRow>(),
  { key: "type", type: "string", help: 'Method and class, e.g. "Binding Request"', get: (r) => r.type },
  { key: "method", type: "string", help: "Method (Binding, Allocate, …)", get: (r) => r.method },
  {
    key: "class",
    type: "enum",
    values: ["Request", "Success Response", "Error Response", "Indication"],
    help: "Message class",
    get: (r) => r.cls,
  },
  { key: "transaction", aliases: ["txid"], type: "string", help: "Transaction ID (hex)", get: (r) => r.transaction },
  { key: "len", aliases: ["length"], type: "number", help: "STUN message length field", get: (r) => r.length },
  { key: "attr", aliases: ["attributes"], type: "string", help: "Attributes, decoded", get: (r) => r.attributes },
];

const STUN_COLUMNS: Column<StunRow>[] = [
  ...packetColumns<StunRow>(170),
  { key: "type", title: "Type", width: 220, text: (r) => r.type, cls: (r) => `stun-${r.method.toLowerCase()}` },
  { key: "transaction", title: "Transaction ID", width: 230, text: (r) => r.transaction },
  { key: "len", title: "Length", width: 60, text: (r) => String(r.length) },
  { key: "attr", title: "Attributes", width: 600, text: (r) => r.attributes || "(no attributes)" },
];

export function StunPacketsView(): VNode {
  return (
    <ProtocolPacketsTable
      id="stun-packets"
      columns={STUN_COLUMNS}
      rows={model.stun}
      fields={STUN_FIELDS}
      empty="No STUN packets"
      pcapName="netpix-stun"
    />
  );
}

// ---- MPEG-TS packets ----

export const TS_FIELDS: FieldSpec<TsRow>[] = [
  ...packetFields<TsRow>(),
  {
    key: "pid",
    type: "string",
    help: "PIDs of the TS packets, e.g. 256 or 0x100 (any of them)",
    get: (r) => r.cells.map((c) => `${c.pid} 0x${c.pid.toString(16)}`).join(" "),
  },
  {
    key: "type",
    type: "string",
    help: "Labels of the TS packets (PAT, PMT, PCR, ES, video, audio, null)",
    get: (r) => r.cells.map((c) => c.label).join(" "),
  },
  { key: "payload", type: "number", help: "Σ TS payload bytes", get: (r) => r.payloadSize },
  {
    key: "cc_errors",
    aliases: ["cc"],
    type: "number",
    help: "Continuity-counter jumps in this datagram",
    get: (r) => r.ccErrors,
  },
  { key: "packets", type: "number", help: "TS packets in the datagram", get: (r) => r.cells.length },
];

const TS_COLUMNS: Column<TsRow>[] = [
  ...packetColumns<TsRow>(160),
  ...Array.from({ length: 7 }, (_, i): Column<TsRow> => ({
    key: `p${i + 1}`,
    title: `PID ${i + 1}`,
    width: 150,
    text: (r) => {
      const c = r.cells[i];
      return c ? `${c.label}${c.ccError ? " CC!" : ""}` : "";
    },
    cls: (r) => {
      const c = r.cells[i];
      return c ? `ts-${c.role}${c.ccError ? " cc-error" : ""}` : "";
    },
  })),
  { key: "payload", title: "Payload", width: 70, text: (r) => String(r.payloadSize) },
];

export function MpegTsPacketsView(): VNode {
  return (
    <ProtocolPacketsTable
      id="mpegts-packets"
      columns={TS_COLUMNS}
      rows={model.ts}
      fields={TS_FIELDS}
      empty="No MPEG-TS packets"
      pcapName="netpix-mpegts"
    />
  );
}
