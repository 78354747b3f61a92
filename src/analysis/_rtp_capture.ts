/**
 * Test helpers for the RTP stream statistics (tests only; uses Deno APIs and runs tshark): read the RTP packets of a
 * real capture, rewrite them, write the result as a classic pcap, analyse it with {@linkcode RtpStreamStats} and with
 * `tshark -z rtp,streams`, and parse tshark's table.
 *
 * @module
 */

import { readPcap } from "../../tests/_pcap_reader.ts";
import { type PcapWriteHeader, type PcapWriteRecord, writePcap } from "../../tests/_pcap_writer.ts";
import { formatAddress, FrameDecoder, FrameStatus } from "../protocols/frame.ts";
import { type RtpStreamKey, rtpStreamKeyString, type RtpStreamSnapshot, RtpStreamStats } from "./rtp_stream.ts";

/** One captured RTP packet: its own copy of the record, and where its RTP header starts. */
export interface RtpPacket {
  rec: PcapWriteRecord;
  /** Offset of the RTP fixed header in `rec.data`. */
  rtp: number;
}

/** A capture reduced to its RTP packets, ready to be rewritten. */
export interface RtpCapture {
  header: PcapWriteHeader;
  packets: RtpPacket[];
}

/** The 12-byte RTP fixed header (RFC 3550 §5.1) and the lengths the statistics need. */
export interface RtpFields {
  seq: number;
  timestamp: number;
  ssrc: number;
  payloadType: number;
  marker: boolean;
  payloadBytes: number;
}

/**
 * Reads the RTP fixed header at `offset` of a UDP payload of `length` bytes; null if it is not RTP version 2.
 * ```text
 * |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 * |                           timestamp                           |
 * |           synchronization source (SSRC) identifier            |
 * ```
 */
export function parseRtp(bytes: Uint8Array, offset: number, length: number): RtpFields | null {
  if (length < 12 || bytes[offset]! >> 6 !== 2) return null;
  const v = new DataView(bytes.buffer, bytes.byteOffset + offset, length);
  const b0 = v.getUint8(0), b1 = v.getUint8(1);
  let header = 12 + 4 * (b0 & 0x0f);
  if (b0 & 0x10 && header + 4 <= length) header += 4 + 4 * v.getUint16(header + 2); // RFC 3550 §5.3.1 extension
  const padding = b0 & 0x20 ? v.getUint8(length - 1) : 0;
  return {
    seq: v.getUint16(2),
    timestamp: v.getUint32(4),
    ssrc: v.getUint32(8),
    payloadType: b1 & 0x7f,
    marker: (b1 & 0x80) !== 0,
    payloadBytes: Math.max(0, length - header - padding),
  };
}

/**
 * Loads every UDP packet of a capture whose payload parses as RTP, on the given destination ports.
 * @param path A classic pcap file.
 * @param ports UDP destination ports that carry RTP.
 */
export async function loadRtpCapture(path: URL, ports: readonly number[]): Promise<RtpCapture> {
  const file = readPcap(await Deno.readFile(path));
  const decoder = new FrameDecoder();
  const packets: RtpPacket[] = [];
  for (const r of file.records) {
    if (decoder.decode(r.data, file.linkType, r.originalLength) !== FrameStatus.Ok || decoder.transport !== 17) {
      continue;
    }
    if (!ports.includes(decoder.dstPort) || !parseRtp(r.data, decoder.payloadOffset, decoder.payloadLength)) continue;
    packets.push({
      rec: {
        timestampSeconds: r.timestampSeconds,
        timestampFraction: r.timestampFraction,
        originalLength: r.originalLength,
        data: r.data.slice(),
      },
      rtp: decoder.payloadOffset,
    });
  }
  return { header: { nanosecond: file.nanosecond, snapLength: file.snapLength, linkType: file.linkType }, packets };
}

/** A deep copy, so that impairments never touch the loaded capture. */
export function clonePacket(p: RtpPacket): RtpPacket {
  return { rec: { ...p.rec, data: p.rec.data.slice() }, rtp: p.rtp };
}

function rtpView(p: RtpPacket): DataView {
  return new DataView(p.rec.data.buffer, p.rec.data.byteOffset + p.rtp, 12);
}
/** Sequence number of a packet. */
export function seqOf(p: RtpPacket): number {
  return rtpView(p).getUint16(2);
}
/** Rewrites the sequence number (the UDP checksum is left as is; tshark does not check it by default). */
export function setSeq(p: RtpPacket, seq: number): void {
  rtpView(p).setUint16(2, seq & 0xffff);
}
/** RTP timestamp of a packet. */
export function timestampOf(p: RtpPacket): number {
  return rtpView(p).getUint32(4);
}
/** Rewrites the RTP timestamp. */
export function setTimestamp(p: RtpPacket, ts: number): void {
  rtpView(p).setUint32(4, ts >>> 0);
}
/** Rewrites the payload type, keeping the marker bit. */
export function setPayloadType(p: RtpPacket, pt: number): void {
  const v = rtpView(p);
  v.setUint8(1, (v.getUint8(1) & 0x80) | (pt & 0x7f));
}
/** Sets or clears the marker bit. */
export function setMarker(p: RtpPacket, marker: boolean): void {
  const v = rtpView(p);
  v.setUint8(1, (v.getUint8(1) & 0x7f) | (marker ? 0x80 : 0));
}
/** Rewrites the SSRC. */
export function setSsrc(p: RtpPacket, ssrc: number): void {
  rtpView(p).setUint32(8, ssrc >>> 0);
}

/** Capture time of a packet in fraction units (µs or ns) since the epoch; exact below 2^53. */
export function arrivalUnits(p: RtpPacket, nanosecond: boolean): number {
  return p.rec.timestampSeconds * (nanosecond ? 1e9 : 1e6) + p.rec.timestampFraction;
}
/** Sets the capture time of a packet from fraction units since the epoch. */
export function setArrivalUnits(p: RtpPacket, units: number, nanosecond: boolean): void {
  const perSecond = nanosecond ? 1e9 : 1e6;
  const whole = Math.round(units);
  p.rec.timestampSeconds = Math.floor(whole / perSecond);
  p.rec.timestampFraction = whole - p.rec.timestampSeconds * perSecond;
}

/** Serialises a capture as a classic pcap. */
export function toPcap(capture: RtpCapture): Uint8Array {
  return writePcap(capture.header, capture.packets.map((p) => p.rec));
}

/** One stream as netpix sees it. */
export interface AnalysedStream {
  key: RtpStreamKey;
  snapshot: RtpStreamSnapshot;
  /** Arrival of the stream's first packet relative to the file's first record, seconds (tshark's "Start time"). */
  startS: number;
  /** The same for its last packet (tshark's "End time"). */
  endS: number;
}

/**
 * Runs the statistics over every RTP packet of a pcap, on the given ports, one {@linkcode RtpStreamStats} per
 * {@linkcode RtpStreamKey}.
 * @param bytes A classic pcap file.
 * @param ports UDP destination ports that carry RTP.
 * @param clockRate Clock rate for a stream, from its first payload type.
 * @param origin Arrival times passed to `observe()`: `"epoch"` is `ts_sec + ts_frac / 1e6 or 1e9` (a double resolves
 *   0.24 µs at today's Unix times); `"capture"` counts from the first record's second, as tshark's relative time does,
 *   which keeps sub-nanosecond resolution.
 */
export function analysePcap(
  bytes: Uint8Array,
  ports: readonly number[],
  clockRate: (payloadType: number) => number | null,
  origin: "epoch" | "capture" = "epoch",
): AnalysedStream[] {
  const file = readPcap(bytes);
  const decoder = new FrameDecoder();
  const streams = new Map<string, { key: RtpStreamKey; stats: RtpStreamStats }>();
  const scale = file.nanosecond ? 1e-9 : 1e-6;
  const firstRecord = file.records[0];
  const baseSeconds = origin === "capture" && firstRecord ? firstRecord.timestampSeconds : 0;
  const fileStart = firstRecord
    ? firstRecord.timestampSeconds - baseSeconds + firstRecord.timestampFraction * scale
    : 0;
  for (const r of file.records) {
    const arrival = r.timestampSeconds - baseSeconds + r.timestampFraction * scale;
    if (decoder.decode(r.data, file.linkType, r.originalLength) !== FrameStatus.Ok || decoder.transport !== 17) {
      continue;
    }
    if (!ports.includes(decoder.dstPort)) continue;
    const rtp = parseRtp(r.data, decoder.payloadOffset, decoder.payloadLength);
    if (!rtp) continue;
    const version = decoder.ipVersion === 6 ? 6 : 4;
    const host = (offset: number) =>
      version === 6 ? `[${formatAddress(r.data, offset, 6)}]` : formatAddress(r.data, offset, 4);
    const key: RtpStreamKey = {
      src: `${host(decoder.srcAddrOffset)}:${decoder.srcPort}`,
      dst: `${host(decoder.dstAddrOffset)}:${decoder.dstPort}`,
      transport: "udp",
      ssrc: rtp.ssrc,
    };
    const id = rtpStreamKeyString(key);
    let s = streams.get(id);
    if (!s) streams.set(id, s = { key, stats: new RtpStreamStats(clockRate(rtp.payloadType)) });
    const ipBytes = r.originalLength - decoder.ipOffset;
    s.stats.observe(rtp.seq, rtp.timestamp, arrival, rtp.payloadType, rtp.marker, ipBytes, rtp.payloadBytes);
  }
  return [...streams.values()].map(({ key, stats }) => {
    const snapshot = stats.snapshot();
    return {
      key,
      snapshot,
      startS: snapshot.firstArrival - fileStart,
      endS: snapshot.lastArrival - fileStart,
    };
  });
}

/** One row of `tshark -z rtp,streams` (tshark 4.x layout). */
export interface TsharkStreamRow {
  startS: number;
  endS: number;
  src: string;
  dst: string;
  ssrc: number;
  payload: string;
  packets: number;
  lost: number;
  lostPct: number;
  minDeltaMs: number;
  meanDeltaMs: number;
  maxDeltaMs: number;
  minJitterMs: number;
  meanJitterMs: number;
  maxJitterMs: number;
  problems: boolean;
}

const ROW = new RegExp(
  String.raw`^\s*([\d.]+)\s+([\d.]+)\s+(\S+)\s+(\d+)\s+(\S+)\s+(\d+)\s+0x([0-9A-F]{8})\s+(.+?)\s+(\d+)\s+(-?\d+)\s+` +
    String
      .raw`\((-?[\d.]+|-?nan|-?inf)%\)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s*(X?)\s*$`,
);

/**
 * Parses the table printed by `tshark -q -z rtp,streams`.
 * @throws {SyntaxError} On a line between the rulers that is not a stream row.
 */
export function parseTsharkRtpStreams(text: string): TsharkStreamRow[] {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => l.includes("RTP Streams"));
  if (start < 0) throw new SyntaxError("Cannot parse tshark output: no 'RTP Streams' table");
  const rows: TsharkStreamRow[] = [];
  for (const line of lines.slice(start + 2)) {
    if (line.startsWith("=")) break;
    if (line.trim() === "") continue;
    const m = ROW.exec(line);
    if (!m) throw new SyntaxError(`Cannot parse tshark rtp,streams row: ${line}`);
    const n = (i: number) => Number(m[i]);
    rows.push({
      startS: n(1),
      endS: n(2),
      src: `${m[3]}:${m[4]}`,
      dst: `${m[5]}:${m[6]}`,
      ssrc: parseInt(m[7]!, 16),
      payload: m[8]!,
      packets: n(9),
      lost: n(10),
      lostPct: n(11),
      minDeltaMs: n(12),
      meanDeltaMs: n(13),
      maxDeltaMs: n(14),
      minJitterMs: n(15),
      meanJitterMs: n(16),
      maxJitterMs: n(17),
      problems: m[18] === "X",
    });
  }
  return rows;
}

/**
 * Runs `tshark -q -z rtp,streams` on a pcap held in memory, with the given UDP ports decoded as RTP.
 * @param bytes A classic pcap file.
 * @param ports UDP ports to decode as RTP (`-d udp.port==P,rtp`).
 * @param extra More tshark options (`-o …`).
 */
export async function runTsharkRtpStreams(
  bytes: Uint8Array,
  ports: readonly number[],
  extra: readonly string[] = [],
): Promise<TsharkStreamRow[]> {
  const path = await Deno.makeTempFile({ prefix: "netpix-rtp-", suffix: ".pcap" });
  try {
    await Deno.writeFile(path, bytes);
    const args = ["-n", "-r", path, "-q", ...ports.flatMap((p) => ["-d", `udp.port==${p},rtp`]), ...extra];
    const out = await new Deno.Command("tshark", {
      args: [...args, "-z", "rtp,streams"],
      stdout: "piped",
      stderr: "piped",
    })
      .output();
    const text = new TextDecoder().decode(out.stdout);
    if (!out.success) throw new Error(`tshark failed: ${new TextDecoder().decode(out.stderr)}`);
    return parseTsharkRtpStreams(text);
  } finally {
    await Deno.remove(path);
  }
}

/** Whether tshark can be run (the comparison tests are skipped without it). */
export function hasTshark(): boolean {
  try {
    return new Deno.Command("tshark", { args: ["--version"], stdout: "null", stderr: "null" }).outputSync().success;
  } catch {
    return false;
  }
}

/** Seeded pseudo-random numbers in [0, 1) for the impairments, the same on every run. */
export { seededRandom } from "../protocols/_fuzz.ts";

function udp4Frame(srcPort: number, dstPort: number, payload: Uint8Array): Uint8Array {
  const frame = new Uint8Array(14 + 20 + 8 + payload.length);
  const v = new DataView(frame.buffer);
  v.setUint16(12, 0x0800); // Ethernet II, IPv4; MAC addresses zero as on lo
  v.setUint8(14, 0x45); // IPv4, IHL 5
  v.setUint16(16, 20 + 8 + payload.length);
  v.setUint8(22, 64); // TTL
  v.setUint8(23, 17); // UDP
  frame.set([127, 0, 0, 1, 127, 0, 0, 1], 26); // 127.0.0.1 -> 127.0.0.1 (IP checksum left 0; tshark does not check it)
  v.setUint16(34, srcPort);
  v.setUint16(36, dstPort);
  v.setUint16(38, 8 + payload.length);
  frame.set(payload, 42);
  return frame;
}

/**
 * Puts a SIP INVITE / 200 OK pair in front of the capture, one second before its first packet, whose answer SDP says
 * `a=rtpmap:<payloadType> <rtpmap>` for `m=audio <port>` on 127.0.0.1. tshark then knows the clock rate of a
 * dynamic payload type (it takes it from the rtpmap) and computes jitter, as it would for a call it saw set up.
 * The frames are synthetic (Ethernet, link type 1); the RTP packets stay as captured.
 */
export function withSdpSignalling(capture: RtpCapture, port: number, payloadType: number, rtpmap: string): RtpCapture {
  const first = capture.packets[0]?.rec;
  if (!first) return capture;
  const sdp = (p: number) =>
    `v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio ${p} RTP/AVP ${payloadType}\r\n` +
    `a=rtpmap:${payloadType} ${rtpmap}\r\n`;
  const sip = (startLine: string, toTag: string, body: string) =>
    `${startLine}\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-netpix\r\nFrom: <sip:a@127.0.0.1>;tag=a\r\n` +
    `To: <sip:b@127.0.0.1>${toTag}\r\nCall-ID: netpix-rtp-analysis\r\nCSeq: 1 INVITE\r\nContact: <sip:a@127.0.0.1:5060>\r\n` +
    `Content-Type: application/sdp\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
  const text = new TextEncoder();
  const record = (data: Uint8Array, fraction: number): RtpPacket => ({
    rtp: 0,
    rec: {
      timestampSeconds: first.timestampSeconds - 1,
      timestampFraction: fraction,
      originalLength: data.length,
      data,
    },
  });
  const offer = udp4Frame(5060, 5061, text.encode(sip("INVITE sip:b@127.0.0.1 SIP/2.0", "", sdp(port + 1000))));
  const answer = udp4Frame(5061, 5060, text.encode(sip("SIP/2.0 200 OK", ";tag=b", sdp(port))));
  return { header: capture.header, packets: [record(offer, 0), record(answer, 1000), ...capture.packets] };
}
