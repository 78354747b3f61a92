/**
 * Sample tables for the filter tests: RTP and RTCP rows decoded from real packets of the committed captures (the
 * fixtures of src/protocols), with the addresses tshark shows for those frames, plus a stream table.
 * @module
 */
// This module is browser compatible.

import { isFailure } from "../../protocols/decode_result.ts";
import { DEMO_COMPOUNDS } from "../../protocols/rtcp/_fixtures.ts";
import { decodeRtcpCompound, type RtcpPacketKind } from "../../protocols/rtcp/packet.ts";
import {
  CHROME_OPUS_ONE_BYTE,
  DEMO_H264_FU_A_IDR_START,
  DEMO_OPUS,
  GST_OPUS_WITH_CSRC,
  type RtpFixture,
} from "../../protocols/rtp/_fixtures.ts";
import { decodeRtp } from "../../protocols/rtp/header.ts";
import type { FieldSpec } from "./fields.ts";

export interface RtpRow {
  no: number;
  src: string;
  dst: string;
  ssrc: number;
  pt: number;
  seq: number;
  ts: number;
  marker: boolean;
  payload: number;
  alias: string | null;
}

function rtpRow(no: number, fx: RtpFixture, src: string, dst: string, alias: string | null): RtpRow {
  const p = decodeRtp(fx.bytes);
  if (isFailure(p)) throw new Error(`fixture ${fx.file} frame ${fx.frame}: ${p.detail}`);
  return {
    no,
    src,
    dst,
    ssrc: p.ssrc,
    pt: p.payloadType,
    seq: p.sequence,
    ts: p.timestamp,
    marker: p.marker,
    payload: fx.udpLength - p.headerLength - p.paddingLength,
    alias,
  };
}

/** Addresses from `tshark -r FILE -Y frame.number==N -T fields -e ip.src -e udp.srcport -e ip.dst -e udp.dstport`. */
export const RTP_ROWS: readonly RtpRow[] = [
  rtpRow(1, DEMO_OPUS, "127.0.0.1:35217", "127.0.0.1:5006", "A"), // ssrc 0x55667788 pt 111 seq 30001, M, 82 B
  rtpRow(2, DEMO_H264_FU_A_IDR_START, "127.0.0.1:48202", "127.0.0.1:5004", "B"), // 0x11223344 pt 96 seq 1002, 1188 B
  rtpRow(3, CHROME_OPUS_ONE_BYTE, "192.0.2.1:53195", "192.0.2.1:59912", null), // 0x9acde651 pt 111, M, ext
  rtpRow(4, GST_OPUS_WITH_CSRC, "127.0.0.1:38656", "127.0.0.1:5012", "C"), // 0x0e0f1011 pt 111 CSRC, M
  // The same Opus packet carried over IPv6 between the addresses of framing/ethernet.pcap frame 22 (hand-made row).
  { ...rtpRow(5, DEMO_OPUS, "", "", "D"), src: "[2001:db8:1::1]:36398", dst: "[2001:db8:1::2]:40000" },
];

export const RTP_FIELDS: FieldSpec<RtpRow>[] = [
  { key: "src", aliases: ["source"], type: "address", help: "Source address and port", get: (r) => r.src },
  { key: "dst", aliases: ["dest", "destination"], type: "address", help: "Destination", get: (r) => r.dst },
  { key: "ssrc", type: "number", help: "SSRC, decimal or 0x hex", get: (r) => r.ssrc },
  { key: "pt", aliases: ["payload_type"], type: "number", help: "Payload type", get: (r) => r.pt },
  { key: "seq", type: "number", help: "Sequence number", get: (r) => r.seq },
  { key: "timestamp", aliases: ["ts"], type: "number", help: "RTP timestamp", get: (r) => r.ts },
  { key: "marker", type: "enum", values: ["yes", "no"], help: "Marker bit", get: (r) => (r.marker ? "yes" : "no") },
  { key: "payload", type: "number", help: "Payload length in bytes", get: (r) => r.payload },
  { key: "alias", type: "string", help: "Stream alias", get: (r) => r.alias },
];

/** The names the RTCP table shows for each decoded type. */
const TYPE_NAMES: Partial<Record<RtcpPacketKind, string>> = {
  sr: "sender report",
  rr: "receiver report",
  sdes: "source description",
  bye: "goodbye",
};

export interface RtcpRow {
  no: string;
  dst: string;
  type: string;
  ssrc: number | null;
  packets: number | null;
  octets: number | null;
  cname: string | null;
}

/** One row per packet of each compound of tests/testdata/demo.pcap (ffmpeg: SR + SDES, from 127.0.0.1). */
export const RTCP_ROWS: readonly RtcpRow[] = DEMO_COMPOUNDS.flatMap((c) => {
  const { packets } = decodeRtcpCompound(c.bytes);
  return packets.map((p, i): RtcpRow => ({
    no: `${c.frame} (${i + 1})`,
    dst: `127.0.0.1:${c.port}`,
    type: TYPE_NAMES[p.type] ?? p.type,
    ssrc: p.type === "sr" ? p.ssrc : p.type === "sdes" ? (p.chunks[0]?.ssrc ?? null) : null,
    packets: p.type === "sr" ? p.packetCount : null,
    octets: p.type === "sr" ? p.octetCount : null,
    cname: p.type === "sdes" ? (p.chunks[0]?.items.find((it) => it.itemType === 1)?.text ?? null) : null,
  }));
});

export const RTCP_FIELDS: FieldSpec<RtcpRow>[] = [
  { key: "dst", type: "address", help: "Destination", get: (r) => r.dst },
  {
    key: "type",
    type: "enum",
    values: ["sender report", "receiver report", "source description", "goodbye"],
    help: "RTCP packet type",
    get: (r) => r.type,
  },
  { key: "ssrc", type: "number", help: "Sender SSRC", get: (r) => r.ssrc },
  { key: "packets", type: "number", help: "SR packet count", get: (r) => r.packets },
  { key: "octets", type: "number", help: "SR octet count", get: (r) => r.octets },
  { key: "cname", type: "string", help: "SDES CNAME", get: (r) => r.cname },
];

export interface StreamRow {
  alias: string;
  ssrc: number;
  src: string;
  dst: string;
  packets: number;
  lossPct: number;
  jitterMs: number | null;
  kbps: number;
}

/** An RTP streams table: the two demo.pcap streams, a Chromium one and one whose jitter is unknown (dynamic PT). */
export const STREAM_ROWS: readonly StreamRow[] = [
  {
    alias: "A",
    ssrc: 0x11223344,
    src: "127.0.0.1:48202",
    dst: "127.0.0.1:5004",
    packets: 523,
    lossPct: 0,
    jitterMs: 1.25,
    kbps: 242.6,
  },
  {
    alias: "B",
    ssrc: 0x55667788,
    src: "127.0.0.1:35217",
    dst: "127.0.0.1:5006",
    packets: 502,
    lossPct: 0.4,
    jitterMs: 0.31,
    kbps: 44.8,
  },
  {
    alias: "C",
    ssrc: 0x9acde651,
    src: "192.0.2.1:53195",
    dst: "192.0.2.1:59912",
    packets: 1500,
    lossPct: 2.5,
    jitterMs: 12.9,
    kbps: 1500,
  },
  {
    alias: "BA",
    ssrc: 7,
    src: "[2001:db8:1::1]:36398",
    dst: "[2001:db8:1::2]:40000",
    packets: 1,
    lossPct: 0,
    jitterMs: null,
    kbps: 0,
  },
];

export const STREAM_FIELDS: FieldSpec<StreamRow>[] = [
  { key: "alias", type: "string", help: "Stream alias", freeText: true, get: (r) => r.alias },
  { key: "ssrc", type: "number", help: "SSRC", freeText: true, get: (r) => r.ssrc },
  { key: "src", type: "address", help: "Source", freeText: true, get: (r) => r.src },
  { key: "dst", type: "address", help: "Destination", get: (r) => r.dst },
  { key: "packets", aliases: ["packet_count"], type: "number", help: "Packets received", get: (r) => r.packets },
  { key: "loss", type: "number", help: "Loss, %", get: (r) => r.lossPct },
  { key: "jitter", type: "number", help: "Mean jitter, ms", get: (r) => r.jitterMs },
  { key: "bitrate", type: "number", help: "Mean bitrate, kbit/s", get: (r) => r.kbps },
];
