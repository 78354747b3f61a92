/**
 * The rows of every packet table, decoded once per packet when it arrives, with the shared decoders.
 * @module
 */

import { isFailure } from "../../protocols/decode_result.ts";
import { describeFrame, FrameDecoder } from "../../protocols/frame.ts";
import { decodeRtp } from "../../protocols/rtp/header.ts";
import { staticPayloadType } from "../../protocols/rtp/payload_types.ts";
import { WELL_KNOWN_EXTENSIONS } from "../../protocols/rtp/well_known_extensions.ts";
import { decodeRtcpCompound, type RtcpPacket } from "../../protocols/rtcp/packet.ts";
import { decodeStun, type StunMessage } from "../../protocols/stun/message.ts";
import type { StunAttribute } from "../../protocols/stun/attributes.ts";

/** One captured frame as the packets table shows it. Times are seconds since the source's first packet. */
export interface PacketRow {
  id: number;
  time: number;
  tsSec: number;
  tsNsec: number;
  linkType: number;
  /** The captured bytes (a view into the batch message). */
  frame: Uint8Array;
  origlen: number;
  src: string;
  dst: string;
  srcPort: number;
  dstPort: number;
  /** "UDP", "TCP", another IP protocol, or "" when the frame is not IP. */
  transport: string;
  /** What the UDP payload is treated as: a `PAYLOAD_KIND_NAMES` entry, or "" for non-UDP. */
  treatedAs: string;
  payloadOffset: number;
  payloadLength: number;
  /** Frame decoding problem ("truncated", …) or "". */
  issue: string;
}

const infoDecoder = new FrameDecoder();

/** The link/IP summary of a packet ("Ethernet · IPv4 ttl 64 · UDP"), decoded when shown rather than stored. */
export function frameInfo(p: PacketRow): string {
  infoDecoder.decode(p.frame, p.linkType, p.origlen);
  const s = describeFrame(infoDecoder, p.frame);
  return p.issue ? `${s} [${p.issue}]` : s;
}

export interface RtpRow {
  p: PacketRow;
  ssrc: number;
  seq: number;
  timestamp: number;
  pt: number;
  marker: boolean;
  padding: boolean;
  extension: boolean;
  /** Header extension elements by id, named by their URI where an SDP extmap says (else "id N"). */
  extensions: string;
  csrcs: number[];
  payloadLength: number;
}

export interface RtcpRow {
  p: PacketRow;
  /** 1-based index within the compound. */
  index: number;
  type: string;
  /** The packet sender's SSRC, or null. */
  ssrc: number | null;
  summary: string;
  packet: RtcpPacket;
}

export interface StunRow {
  p: PacketRow;
  type: string;
  method: string;
  cls: string;
  transaction: string;
  length: number;
  attributes: string;
  message: StunMessage;
}

/** RFC 3551 payload type names, for the static ones, "dynamic" for 96–127. */
export function describePayloadType(pt: number, sdpNames?: ReadonlyMap<number, string>): string {
  const fromSdp = sdpNames?.get(pt);
  if (fromSdp) return fromSdp;
  const s = staticPayloadType(pt);
  if (s) return `${s.name}/${s.clockRate} (${s.media})`;
  return pt >= 96 && pt <= 127 ? "dynamic" : "unassigned";
}

export const hex32 = (n: number): string => `0x${(n >>> 0).toString(16).padStart(8, "0")}`;

/** Decodes the RTP header of a UDP payload; null if it is not RTP. */
export function rtpRow(p: PacketRow, extmap: ReadonlyMap<number, string>): RtpRow | null {
  const r = decodeRtp(p.frame, p.payloadOffset, p.payloadLength);
  if (isFailure(r)) return null;
  let extensions = "";
  if (r.extension) {
    extensions = r.extension.elements.map((e) => {
      const uri = extmap.get(e.id);
      const name = uri ? WELL_KNOWN_EXTENSIONS.get(uri) ?? uri : null;
      return name ? `${e.id}:${name}` : `id ${e.id}`;
    }).join(", ");
    if (extensions === "") extensions = `profile 0x${r.extension.profile.toString(16)}`;
  }
  return {
    p,
    ssrc: r.ssrc,
    seq: r.sequence,
    timestamp: r.timestamp,
    pt: r.payloadType,
    marker: r.marker,
    padding: r.padding,
    extension: r.extension !== null,
    extensions,
    csrcs: r.csrcs,
    payloadLength: r.payloadLength,
  };
}

const RTCP_TYPE_NAMES: Record<string, string> = {
  sr: "Sender Report",
  rr: "Receiver Report",
  sdes: "Source Description",
  bye: "Goodbye",
  app: "Application Defined",
  nack: "Generic NACK",
  tmmbr: "TMMBR",
  tmmbn: "TMMBN",
  rrr: "Rapid Resync Request",
  twcc: "Transport-wide CC",
  "rtpfb-unknown": "RTPFB (unknown FMT)",
  pli: "Picture Loss Indication",
  sli: "Slice Loss Indication",
  rpsi: "Reference Picture Selection",
  fir: "Full Intra Request",
  remb: "REMB",
  "psfb-unknown": "PSFB (unknown FMT)",
  xr: "Extended Report",
  unknown: "Unknown",
};

export function rtcpTypeName(type: string): string {
  return RTCP_TYPE_NAMES[type] ?? type;
}

function reportBlocks(
  reports: readonly { ssrc: number; fractionLost: number; cumulativeLost: number; jitter: number }[],
) {
  // RFC 3550 §6.4.1: fraction lost is a fixed-point number with the binary point at the left edge (÷ 256).
  return reports.map((b) =>
    `[${hex32(b.ssrc)} lost ${(b.fractionLost / 256 * 100).toFixed(1)}% cum ${b.cumulativeLost} jitter ${b.jitter}]`
  ).join(" ");
}

/** One line of type-specific details of an RTCP packet. */
export function rtcpSummary(p: RtcpPacket): string {
  switch (p.type) {
    case "sr":
      return `pkts ${p.packetCount} octets ${p.octetCount} rtp ${p.rtpTimestamp} ${reportBlocks(p.reports)}`.trim();
    case "rr":
      return reportBlocks(p.reports) || "no report blocks";
    case "sdes":
      return p.chunks.map((c) =>
        `${hex32(c.ssrc)} ${c.items.map((i) => `${sdesName(i.itemType)}=${i.text}`).join(" ")}`
      )
        .join("; ");
    case "bye":
      return `${p.ssrcs.map(hex32).join(" ")}${p.reason ? ` reason "${p.reason}"` : ""}`;
    case "nack":
      return `media ${hex32(p.mediaSsrc)} lost seq ${p.lost.join(",")}`;
    case "twcc":
      return `media ${hex32(p.mediaSsrc)} base ${p.baseSequence} count ${p.statusCount} fb#${p.feedbackPacketCount} ` +
        `received ${countReceived(p.statuses)}/${p.statusCount}`;
    case "remb":
      return `${(p.bitrate / 1000).toFixed(1)} kbps for ${p.ssrcs.map(hex32).join(" ")}`;
    case "pli":
    case "rrr":
      return `media ${hex32(p.mediaSsrc)}`;
    case "fir":
      return `media ${hex32(p.mediaSsrc)} ${
        "entries" in p
          ? (p.entries as { ssrc: number; sequence: number }[]).map((e) => `${hex32(e.ssrc)}#${e.sequence}`)
            .join(" ")
          : ""
      }`;
    case "xr":
      return `blocks ${"blocks" in p ? (p.blocks as { type: string | number }[]).map((b) => b.type).join(", ") : ""}`;
    default:
      return "";
  }
}

function countReceived(statuses: Uint8Array): number {
  let n = 0;
  for (const s of statuses) if (s !== 0) n++;
  return n;
}

const SDES_NAMES = ["END", "CNAME", "NAME", "EMAIL", "PHONE", "LOC", "TOOL", "NOTE", "PRIV"];
function sdesName(t: number): string {
  return SDES_NAMES[t] ?? `item${t}`;
}

/** The sender SSRC of a packet, where it has one. */
export function rtcpSenderSsrc(p: RtcpPacket): number | null {
  if ("ssrc" in p && typeof p.ssrc === "number") return p.ssrc;
  if ("senderSsrc" in p && typeof p.senderSsrc === "number") return p.senderSsrc;
  if (p.type === "sdes") return p.chunks[0]?.ssrc ?? null;
  if (p.type === "bye") return p.ssrcs[0] ?? null;
  return null;
}

/** One row per packet of the compound; none if the payload is not RTCP. */
export function rtcpRows(p: PacketRow): RtcpRow[] {
  const c = decodeRtcpCompound(p.frame, p.payloadOffset, p.payloadLength);
  return c.packets.map((packet, i) => ({
    p,
    index: i + 1,
    type: rtcpTypeName(packet.type),
    ssrc: rtcpSenderSsrc(packet),
    summary: rtcpSummary(packet),
    packet,
  }));
}

const ATTRIBUTE_HEADER_KEYS = new Set(["type", "name", "known", "comprehensionRequired", "offset", "length", "kind"]);

/** "value" of a STUN attribute as one short string. */
export function stunAttributeValue(a: StunAttribute): string {
  if (a.kind === "address") return `${a.family === 2 ? `[${a.address}]` : a.address}:${a.port}`;
  const parts: string[] = [];
  for (const [k, v] of Object.entries(a)) {
    if (ATTRIBUTE_HEADER_KEYS.has(k)) continue;
    if (v instanceof Uint8Array) parts.push(`${k}=${v.length} bytes`);
    else if (typeof v === "object" && v !== null) parts.push(`${k}=${JSON.stringify(v)}`);
    else parts.push(`${k}=${v}`);
  }
  return parts.join(" ");
}

export function stunRow(p: PacketRow): StunRow | null {
  const m = decodeStun(p.frame, p.payloadOffset, p.payloadLength);
  if (isFailure(m)) return null;
  const cls = m.class === "success"
    ? "Success Response"
    : m.class === "error"
    ? "Error Response"
    : m.class === "request"
    ? "Request"
    : "Indication";
  return {
    p,
    type: `${m.methodName} ${cls}`,
    method: m.methodName,
    cls,
    transaction: m.transactionId,
    length: m.length,
    attributes: m.attributes.map((a) => `${a.name}: ${stunAttributeValue(a)}`).join(" • "),
    message: m,
  };
}
