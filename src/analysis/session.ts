/**
 * One analysis over a sequence of captured frames: frames each packet, classifies its UDP payload, and feeds the
 * per-stream analysers. The same code runs behind `netpix analyze` and (later) the server and the browser.
 *
 * Bounded: at most {@linkcode MAX_RTP_STREAMS} RTP streams; packets of streams beyond that are counted in
 * `dropped.rtpStreams`, never silently lost.
 * @module
 */
// This module is browser compatible.

import { formatAddress, FRAME_STATUS_NAMES, FrameDecoder, FrameStatus } from "../protocols/frame.ts";
import { PAYLOAD_KIND_NAMES, PayloadKind, UdpClassifier } from "../protocols/classify.ts";
import { RtpReader } from "../protocols/rtp/header.ts";
import { type RtpStreamSnapshot, RtpStreamStats, staticPayloadClockRate } from "./rtp_stream.ts";
import { decodeRtcpCompound } from "../protocols/rtcp/packet.ts";
import { decodeStun } from "../protocols/stun/message.ts";
import { isFailure } from "../protocols/decode_result.ts";
import { type RtcpSsrcSnapshot, RtcpSsrcStats } from "./rtcp_ssrc.ts";
import { IcePairs, type IcePairSnapshot } from "./ice_pairs.ts";
import { type MpegTsFlowSnapshot, MpegTsFlowTable } from "./mpegts_flow.ts";
import { codecInspector } from "../protocols/rtp/codecs/inspect.ts";
import { decodeRtp } from "../protocols/rtp/header.ts";
import { decodeWellKnownExtensions } from "../protocols/rtp/well_known_extensions.ts";

/** RFC 3551 static payload type of MPEG-2 transport streams (RFC 2250). */
const MP2T_PAYLOAD_TYPE = 33;

/** Most RTP streams tracked at once. */
export const MAX_RTP_STREAMS = 10_000;

/** Options that shape an analysis. */
export interface AnalysisOptions {
  /** Clock rates by payload type (`--clock-rate PT=Hz`, or an SDP's rtpmap); these win over the static table. */
  clockRates?: ReadonlyMap<number, number>;
  /** Codec names by payload type (an SDP's rtpmap: "H264", "VP8", …), for keyframe counts. */
  codecs?: ReadonlyMap<number, string>;
  /** RTP header extension ids → URIs (an SDP's `a=extmap`), to name MID and RID. */
  extmap?: ReadonlyMap<number, string>;
  /** `a=fmtp` parameters by payload type, reported with the stream. */
  fmtp?: ReadonlyMap<number, string>;
  /**
   * Payload-type facts for single streams, by SSRC (an SDP pasted for one stream); they win over the maps above for
   * that SSRC.
   */
  perSsrc?: ReadonlyMap<number, PayloadTypeFacts>;
  /** "Decode as": a payload kind forced for a UDP port, either side. */
  decodeAs?: readonly [port: number, kind: PayloadKind][];
  /** Ports an SDP announced, for the classifier. */
  sdpPorts?: readonly { port: number; carries: "rtp" | "rtcp" | "rtp+rtcp" }[];
}

/** What an SDP says about payload types: clock rates, codec names and `a=fmtp` parameters, each by payload type. */
export interface PayloadTypeFacts {
  clockRates?: ReadonlyMap<number, number>;
  codecs?: ReadonlyMap<number, string>;
  fmtp?: ReadonlyMap<number, string>;
}

interface RtpEntry {
  src: string;
  dst: string;
  /** Address bytes and ports, to recognise the flow without building strings. */
  srcAddr: Uint8Array;
  dstAddr: Uint8Array;
  srcPort: number;
  dstPort: number;
  ssrc: number;
  stats: RtpStreamStats;
  /** Codec name from the SDP, and its payload inspector; null when unknown. */
  codec: string | null;
  inspect: ReturnType<typeof codecInspector>;
  /** Pictures that start a keyframe (first packet of a key picture). */
  keyframes: number;
  /** MID and RID from the header extensions the SDP's extmap names; looked for in the first packets only. */
  mid: string | null;
  rid: string | null;
  sdesLooks: number;
  fmtp: string | null;
}

/** Packets of a stream searched for MID/RID extensions (they ride on the first packets, RFC 8843 §15). */
const SDES_EXTENSION_SEARCH = 64;

/** The JSON report's `rtp_streams[]` entry (schema version 1, documented in src/analysis/REPORT.md). */
export interface RtpStreamReport {
  ssrc: number;
  ssrc_hex: string;
  src: string;
  dst: string;
  transport: "udp";
  payload_types: number[];
  /** Codec from the SDP's rtpmap; null without one. */
  codec: string | null;
  clock_rate: number | null;
  /** CNAME of this SSRC from RTCP SDES; null if none was seen. */
  cname: string | null;
  /** MID and RID (RFC 8843, RFC 8852) from header extensions named by the SDP's extmap; null if none. */
  mid: string | null;
  rid: string | null;
  /** The SDP's `a=fmtp` parameters for the stream's first payload type; null if none. */
  fmtp: string | null;
  packets: number;
  expected: number;
  lost: number;
  loss_pct: number;
  duplicates: number;
  out_of_order: number;
  min_delta_ms: number | null;
  mean_delta_ms: number | null;
  max_delta_ms: number | null;
  mean_jitter_ms: number | null;
  max_jitter_ms: number | null;
  max_skew_ms: number | null;
  clock_drift_ppm: number | null;
  duration_s: number;
  bitrate_kbps: number | null;
  payload_bitrate_kbps: number | null;
  packet_rate: number | null;
  markers: number;
  /** Key pictures started (from the payload's first bytes, RFC 6184/7798/7741, VP9, AV1); null without a codec. */
  keyframes: number | null;
  problems: boolean;
}

/** The JSON report's `rtcp[]` entry: what RTCP says about one SSRC. */
export interface RtcpReport {
  ssrc: number;
  ssrc_hex: string;
  cname: string | null;
  sr_count: number;
  rr_count: number;
  sender_packets: number | null;
  sender_octets: number | null;
  sender_bitrate_kbps: number | null;
  sender_packet_rate: number | null;
  clock_rate_estimate_hz: number | null;
  bye: boolean;
  reported_by: {
    reporter_ssrc_hex: string;
    blocks: number;
    fraction_lost_pct: number;
    max_fraction_lost_pct: number;
    cumulative_lost: number;
    extended_highest_seq: number;
    jitter_ms: number | null;
    rtt_ms: number | null;
    max_rtt_ms: number | null;
  }[];
}

/** The JSON report's `ice_pairs[]` entry: one candidate pair inferred from STUN Binding traffic. */
export interface IcePairReport {
  local: string;
  remote: string;
  state: IcePairSnapshot["state"];
  requests: number;
  retransmissions: number;
  successes: number;
  errors: number;
  timeouts: number;
  nominations: number;
  min_rtt_ms: number | null;
  mean_rtt_ms: number | null;
  max_rtt_ms: number | null;
  roles: string[];
  media_packets: number;
}

/** The JSON report's `mpegts[]` entry: one UDP flow carrying MPEG-TS (directly or in RTP PT 33). */
export interface MpegTsReport {
  src: string;
  dst: string;
  rtp: boolean;
  ts_packets: number;
  bitrate_kbps: number | null;
  duration_s: number;
  /** Continuity-counter errors as tshark's `mp2t.cc.drop` counts them (MPEGTS_METRICS.md). */
  cc_errors: number;
  pids: {
    pid: number;
    pid_hex: string;
    name: string;
    stream_type: number | null;
    packets: number;
    bitrate_kbps: number | null;
    cc_errors: number;
    pcr: { pcrs: number; max_interval_ms: number | null; overall_jitter_ms: number | null } | null;
  }[];
  programs: { program_number: number; pmt_pid: number; pcr_pid: number | null; streams: number[] }[];
  /** ETSI TR 101 290 indicators: count and first time seen (seconds from the first packet). */
  tr101290: Record<string, { count: number; first_seen_s: number | null }>;
}

export interface AnalysisReport {
  version: 1;
  packets: {
    total: number;
    undecodable: Record<string, number>;
    by_transport: { udp: number; tcp: number; other: number };
    by_protocol: Record<string, number>;
  };
  rtp_streams: RtpStreamReport[];
  rtcp: RtcpReport[];
  mpegts: MpegTsReport[];
  ice_pairs: IcePairReport[];
  dropped: { rtp_streams_packets: number; rtcp_ssrcs: number; ice_pairs: number; mpegts_datagrams: number };
  /** Problems met while reading (a capture cut short, a read error): the analysis covers what came before. */
  errors: string[];
}

function sameBytes(a: Uint8Array, b: Uint8Array, at: number): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[at + i]) return false;
  return true;
}

function round(v: number | null, digits = 3): number | null {
  if (v === null || !Number.isFinite(v)) return null;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

export class AnalysisSession {
  readonly #frame = new FrameDecoder();
  readonly #rtp = new RtpReader();
  readonly #classifier = new UdpClassifier();
  readonly #clockRates: ReadonlyMap<number, number>;
  readonly #codecs: ReadonlyMap<number, string>;
  readonly #extmap: ReadonlyMap<number, string>;
  readonly #fmtp: ReadonlyMap<number, string>;
  readonly #perSsrc: ReadonlyMap<number, PayloadTypeFacts>;
  /** RTP streams: SSRC → "src|dst" → entry; the inner key is built only for SSRCs with several flows. */
  readonly #streams = new Map<number, Map<string, RtpEntry>>();
  /** Each SSRC's first flow, checked before the keyed lookup. */
  readonly #firstFlow = new Map<number, RtpEntry>();
  #streamCount = 0;
  #droppedRtpPackets = 0;
  #t0Sec = -1;
  readonly #errors: string[] = [];
  readonly #rtcp = new RtcpSsrcStats();
  readonly #ice = new IcePairs();
  readonly #mpegts = new MpegTsFlowTable();
  /** Flow key → whether the flow is RTP-encapsulated, for the report. */
  readonly #mpegtsOverRtp = new Set<string>();
  #stunSeen = false;
  #lastArrival = 0;
  #total = 0;
  #udp = 0;
  #tcp = 0;
  #other = 0;
  readonly #undecodable = new Uint32Array(FRAME_STATUS_NAMES.length);

  constructor(options: AnalysisOptions = {}) {
    this.#clockRates = options.clockRates ?? new Map();
    this.#codecs = options.codecs ?? new Map();
    this.#extmap = options.extmap ?? new Map();
    this.#fmtp = options.fmtp ?? new Map();
    this.#perSsrc = options.perSsrc ?? new Map();
    for (const [port, kind] of options.decodeAs ?? []) this.#classifier.decodeAs(port, kind);
    if (options.sdpPorts) this.#classifier.learnFromSdp(options.sdpPorts);
  }

  /** Feeds one captured frame (its captured bytes) in capture order. */
  observe(frame: Uint8Array, linkType: number, tsSec: number, tsNsec: number, origlen: number): void {
    this.#total++;
    const d = this.#frame;
    const status = d.decode(frame, linkType, origlen);
    if (status !== FrameStatus.Ok) {
      this.#undecodable[status]!++;
      return;
    }
    if (d.transport === 6) {
      this.#tcp++;
      return;
    }
    if (d.transport !== 17) {
      this.#other++;
      return;
    }
    this.#udp++;
    if (this.#t0Sec < 0) this.#t0Sec = tsSec;
    const kind = this.#classifier.classify(frame, d.payloadOffset, d.payloadLength, d.srcPort, d.dstPort);
    this.#lastArrival = tsSec - this.#t0Sec + tsNsec / 1e9;
    if (kind === PayloadKind.Rtp) this.#observeRtp(frame, tsSec, tsNsec, origlen);
    else if (kind === PayloadKind.Rtcp) {
      const r = decodeRtcpCompound(frame, d.payloadOffset, d.payloadLength);
      if (r.packets.length > 0) this.#rtcp.observe(r.packets, tsSec + tsNsec / 1e9);
    } else if (kind === PayloadKind.MpegTs) {
      this.#mpegts.observe(this.#flowKey(frame), frame, d.payloadOffset, d.payloadLength, this.#lastArrival);
    } else if (kind === PayloadKind.Stun) {
      const m = decodeStun(frame, d.payloadOffset, d.payloadLength);
      if (!isFailure(m)) {
        this.#stunSeen = true;
        const src = this.#endpoint(frame, d.srcAddrOffset, d.srcPort);
        const dst = this.#endpoint(frame, d.dstAddrOffset, d.dstPort);
        this.#ice.observeStun(m, src, dst, this.#lastArrival);
      }
    }
  }

  #observeRtp(frame: Uint8Array, tsSec: number, tsNsec: number, origlen: number): void {
    const d = this.#frame;
    const r = this.#rtp;
    if (!r.decode(frame, d.payloadOffset, d.payloadLength)) return;
    const entry = this.#entry(frame, r.ssrc, r.payloadType);
    if (!entry) {
      this.#droppedRtpPackets++;
      return;
    }
    // Capture-relative seconds keep sub-microsecond precision in a double (see RTP_METRICS.md).
    const arrival = tsSec - this.#t0Sec + tsNsec / 1e9;
    const ipBytes = origlen - d.ipOffset;
    entry.stats.observe(r.sequence, r.timestamp, arrival, r.payloadType, r.marker, ipBytes, r.payloadLength);
    if (r.extension && this.#extmap.size > 0 && entry.sdesLooks < SDES_EXTENSION_SEARCH) {
      this.#lookForSdes(entry, frame);
    }
    if (entry.inspect !== null) {
      const info = entry.inspect(frame, r.payloadOffset, r.payloadLength);
      if (info?.keyframe && info.frameStart) entry.keyframes++;
    }
    if (this.#stunSeen) this.#ice.observeMedia(entry.src, entry.dst); // only where ICE may be in play
    if (r.payloadType === MP2T_PAYLOAD_TYPE) {
      const key = `${entry.src}|${entry.dst}`;
      this.#mpegtsOverRtp.add(key);
      this.#mpegts.observe(key, frame, r.payloadOffset, r.payloadLength, arrival);
    }
  }

  /** Reads MID/RID from the packet's header extensions (allocates; only for a stream's first packets). */
  #lookForSdes(entry: RtpEntry, frame: Uint8Array): void {
    entry.sdesLooks++;
    const d = this.#frame;
    const p = decodeRtp(frame, d.payloadOffset, d.payloadLength);
    if (isFailure(p) || p.extension === null) return;
    for (const x of decodeWellKnownExtensions(frame, p.extension.elements, this.#extmap)) {
      if (isFailure(x)) continue;
      if (x.kind === "mid") entry.mid ??= x.value;
      if (x.kind === "rid") entry.rid ??= x.value;
    }
  }

  /** "src|dst" of the current frame (allocates: used once per MPEG-TS datagram of up to 7 TS packets). */
  #flowKey(frame: Uint8Array): string {
    const d = this.#frame;
    return `${this.#endpoint(frame, d.srcAddrOffset, d.srcPort)}|${this.#endpoint(frame, d.dstAddrOffset, d.dstPort)}`;
  }

  #entry(frame: Uint8Array, ssrc: number, payloadType: number): RtpEntry | null {
    const d = this.#frame;
    // The common case: the SSRC's first flow. Compare its addresses without building a key or an iterator.
    const first = this.#firstFlow.get(ssrc);
    if (first !== undefined && this.#sameFlow(first, frame)) return first;
    let flows = this.#streams.get(ssrc);
    const src = this.#endpoint(frame, d.srcAddrOffset, d.srcPort);
    const dst = this.#endpoint(frame, d.dstAddrOffset, d.dstPort);
    const key = `${src}|${dst}`;
    const found = flows?.get(key);
    if (found) return found;
    if (this.#streamCount >= MAX_RTP_STREAMS) return null;
    const own = this.#perSsrc.get(ssrc);
    const rate = own?.clockRates?.get(payloadType) ?? this.#clockRates.get(payloadType) ??
      staticPayloadClockRate(payloadType);
    const n = d.ipVersion === 6 ? 16 : 4;
    const entry: RtpEntry = {
      src,
      dst,
      srcAddr: frame.slice(d.srcAddrOffset, d.srcAddrOffset + n),
      dstAddr: frame.slice(d.dstAddrOffset, d.dstAddrOffset + n),
      srcPort: d.srcPort,
      dstPort: d.dstPort,
      ssrc,
      stats: new RtpStreamStats(rate ?? null),
      codec: own?.codecs?.get(payloadType) ?? this.#codecs.get(payloadType) ?? null,
      inspect: null,
      keyframes: 0,
      mid: null,
      rid: null,
      sdesLooks: 0,
      fmtp: own?.fmtp?.get(payloadType) ?? this.#fmtp.get(payloadType) ?? null,
    };
    if (entry.codec !== null) entry.inspect = codecInspector(entry.codec);
    if (!flows) {
      this.#streams.set(ssrc, flows = new Map());
      this.#firstFlow.set(ssrc, entry);
    }
    flows.set(key, entry);
    this.#streamCount++;
    if (rate != null) this.#rtcp.setClockRate(ssrc, rate);
    return entry;
  }

  #sameFlow(e: RtpEntry, frame: Uint8Array): boolean {
    const d = this.#frame;
    return e.srcPort === d.srcPort && e.dstPort === d.dstPort && e.srcAddr.length === (d.ipVersion === 6 ? 16 : 4) &&
      sameBytes(e.srcAddr, frame, d.srcAddrOffset) && sameBytes(e.dstAddr, frame, d.dstAddrOffset);
  }

  #endpoint(frame: Uint8Array, addrOffset: number, port: number): string {
    const v = this.#frame.ipVersion as 4 | 6;
    const a = formatAddress(frame, addrOffset, v);
    return v === 6 ? `[${a}]:${port}` : `${a}:${port}`;
  }

  #icePairs(): IcePairSnapshot[] {
    this.#ice.expire(this.#lastArrival);
    return this.#ice.snapshot();
  }

  /** Records a problem met while reading, reported in `errors`. */
  error(message: string): void {
    this.#errors.push(message);
  }

  /** The report as of now (schema version 1). */
  report(): AnalysisReport {
    const byProtocol: Record<string, number> = {};
    const counts = this.#classifier.counts;
    PAYLOAD_KIND_NAMES.forEach((name, k) => byProtocol[name] = counts[k] ?? 0);
    const undecodable: Record<string, number> = {};
    FRAME_STATUS_NAMES.forEach((name, k) => {
      if (k !== FrameStatus.Ok && this.#undecodable[k]) undecodable[name] = this.#undecodable[k]!;
    });
    const rtcp = this.#rtcp.snapshot();
    const cnames = new Map(rtcp.flatMap((c) => c.cname === null ? [] : [[c.ssrc, c.cname] as const]));
    const streams: RtpStreamReport[] = [];
    for (const flows of this.#streams.values()) {
      for (const e of flows.values()) streams.push(toReport(e, e.stats.snapshot(), cnames.get(e.ssrc) ?? null));
    }
    streams.sort((a, b) => a.src.localeCompare(b.src) || a.dst.localeCompare(b.dst) || a.ssrc - b.ssrc);
    return {
      version: 1,
      packets: {
        total: this.#total,
        undecodable,
        by_transport: { udp: this.#udp, tcp: this.#tcp, other: this.#other },
        by_protocol: byProtocol,
      },
      rtp_streams: streams,
      rtcp: rtcp.map(toRtcpReport),
      mpegts: [...this.#mpegts.flows].map(([key, flow]) =>
        toMpegTsReport(key, this.#mpegtsOverRtp.has(key), flow.snapshot())
      ),
      ice_pairs: this.#icePairs().map(toIceReport),
      dropped: {
        rtp_streams_packets: this.#droppedRtpPackets,
        rtcp_ssrcs: this.#rtcp.droppedSsrcs,
        ice_pairs: this.#ice.droppedPairs,
        mpegts_datagrams: this.#mpegts.droppedDatagrams,
      },
      errors: [...this.#errors],
    };
  }
}

function toReport(e: RtpEntry, s: RtpStreamSnapshot, cname: string | null): RtpStreamReport {
  return {
    ssrc: e.ssrc,
    ssrc_hex: hex32(e.ssrc),
    src: e.src,
    dst: e.dst,
    transport: "udp",
    payload_types: s.payloadTypes,
    codec: e.codec,
    clock_rate: s.clockRate,
    cname,
    mid: e.mid,
    rid: e.rid,
    fmtp: e.fmtp,
    packets: s.packets,
    expected: s.expected,
    lost: s.lost,
    loss_pct: round(s.lossPct) ?? 0,
    duplicates: s.duplicates,
    out_of_order: s.outOfOrder,
    min_delta_ms: round(s.minDeltaMs),
    mean_delta_ms: round(s.meanDeltaMs),
    max_delta_ms: round(s.maxDeltaMs),
    mean_jitter_ms: round(s.meanJitterMs),
    max_jitter_ms: round(s.maxJitterMs),
    max_skew_ms: round(s.maxSkewMs),
    clock_drift_ppm: round(s.clockDriftPpm, 1),
    duration_s: round(s.durationS, 6) ?? 0,
    bitrate_kbps: round(s.ipBitrateKbps),
    payload_bitrate_kbps: round(s.payloadBitrateKbps),
    packet_rate: round(s.packetRate),
    markers: s.markers,
    keyframes: e.inspect === null ? null : e.keyframes,
    problems: s.problems,
  };
}

const hex32 = (n: number): string => `0x${n.toString(16).padStart(8, "0")}`;

function toRtcpReport(s: RtcpSsrcSnapshot): RtcpReport {
  return {
    ssrc: s.ssrc,
    ssrc_hex: hex32(s.ssrc),
    cname: s.cname,
    sr_count: s.srCount,
    rr_count: s.rrCount,
    sender_packets: s.senderPackets,
    sender_octets: s.senderOctets,
    sender_bitrate_kbps: round(s.senderBitrateBps === null ? null : s.senderBitrateBps / 1000),
    sender_packet_rate: round(s.senderPacketRate),
    clock_rate_estimate_hz: round(s.clockRateOverallHz, 1),
    bye: s.bye,
    reported_by: s.reportedBy.map((b) => ({
      reporter_ssrc_hex: hex32(b.reporterSsrc),
      blocks: b.blocks,
      fraction_lost_pct: round(b.fractionLostPct) ?? 0,
      max_fraction_lost_pct: round(b.maxFractionLostPct) ?? 0,
      cumulative_lost: b.cumulativeLost,
      extended_highest_seq: b.extendedHighestSeq,
      jitter_ms: round(b.jitterMs),
      rtt_ms: round(b.rttMs),
      max_rtt_ms: round(b.maxRttMs),
    })),
  };
}

function toIceReport(p: IcePairSnapshot): IcePairReport {
  return {
    local: p.local,
    remote: p.remote,
    state: p.state,
    requests: p.requests,
    retransmissions: p.retransmissions,
    successes: p.successes,
    errors: p.errors,
    timeouts: p.timeouts,
    nominations: p.nominations,
    min_rtt_ms: round(p.minRttMs),
    mean_rtt_ms: round(p.meanRttMs),
    max_rtt_ms: round(p.maxRttMs),
    roles: [...p.roles],
    media_packets: p.mediaPackets,
  };
}

function toMpegTsReport(key: string, rtp: boolean, f: MpegTsFlowSnapshot): MpegTsReport {
  const [src = "", dst = ""] = key.split("|");
  const tr101290: MpegTsReport["tr101290"] = {};
  for (const [name, c] of Object.entries(f.tr101290)) {
    tr101290[name.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`)] = {
      count: c.count,
      first_seen_s: round(c.firstSeen, 6),
    };
  }
  return {
    src,
    dst,
    rtp,
    ts_packets: f.tsPackets,
    bitrate_kbps: round(f.bitrateKbps),
    duration_s: round(f.durationS, 6) ?? 0,
    cc_errors: f.ccErrors,
    pids: f.pids.map((p) => ({
      pid: p.pid,
      pid_hex: `0x${p.pid.toString(16).padStart(4, "0")}`,
      name: p.name,
      stream_type: p.streamType,
      packets: p.packets,
      bitrate_kbps: round(p.bitrateKbps),
      cc_errors: p.ccErrors,
      pcr: p.pcr
        ? {
          pcrs: p.pcr.pcrs,
          max_interval_ms: round(p.pcr.maxIntervalMs),
          overall_jitter_ms: round(p.pcr.overallJitterMs),
        }
        : null,
    })),
    programs: f.programs.map((g) => ({
      program_number: g.programNumber,
      pmt_pid: g.pmtPid,
      pcr_pid: g.pcrPid,
      streams: g.streams.map((e) => e.pid),
    })),
    tr101290,
  };
}
