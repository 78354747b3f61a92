/**
 * Feeds every plot collector from captured frames, for a host that holds raw frames (a file replay, the browser's
 * packet store) rather than per-packet analysis events. It runs the shared decoders once per frame: link/IP/UDP
 * framing, the UDP classifier, `RtpReader`, the codec inspectors for keyframes, `decodeRtcpCompound`, and hands the
 * results to {@linkcode RtpPlotCollector}, {@linkcode RtcpPlotCollector}, one {@linkcode MpegTsPlotCollector} per
 * MPEG-TS flow and one {@linkcode JitterHistory} per RTP stream (sampled from the analysis' `RtpStreamStats`).
 *
 * Times follow `AnalysisSession`: seconds since the whole second of the first UDP packet, so the plots line up with
 * the analysis' figures. Bounded like its collectors; MPEG-TS flows beyond `maxMpegTsFlows` are counted, not kept.
 * @module
 */
// This module is browser compatible.

import type { PayloadTypeFacts } from "../../analysis/session.ts";
import { formatAddress, FrameDecoder, FrameStatus } from "../../protocols/frame.ts";
import { PayloadKind, UdpClassifier } from "../../protocols/classify.ts";
import { RtpReader } from "../../protocols/rtp/header.ts";
import { decodeRtcpCompound } from "../../protocols/rtcp/packet.ts";
import { codecInspector } from "../../protocols/rtp/codecs/inspect.ts";
import { RtpStreamStats, staticPayloadClockRate } from "../../analysis/rtp_stream.ts";
import { RtpPlotCollector, type RtpPlotCollectorOptions } from "./rtp_collector.ts";
import { RtcpPlotCollector } from "./rtcp_collector.ts";
import { MpegTsPlotCollector, type MpegTsPlotCollectorOptions } from "./mpegts_collector.ts";
import { JitterHistory } from "./jitter_sparkline.ts";

/** RFC 3551 static payload type of MPEG-2 TS (RFC 2250). */
const MP2T_PAYLOAD_TYPE = 33;

/** Options of {@linkcode PlotFeeder}. */
export interface PlotFeederOptions {
  /** Clock rates by PT (SDP rtpmap, `--clock-rate`); the static table otherwise. */
  clockRates?: ReadonlyMap<number, number>;
  /** Codec names by PT (SDP rtpmap), for keyframe marks. */
  codecs?: ReadonlyMap<number, string>;
  /** Per-SSRC clock rates and codecs (an SDP set for one stream), winning over the two maps above. */
  perSsrc?: ReadonlyMap<number, PayloadTypeFacts>;
  /** "Decode as": a payload kind forced for a UDP port. */
  decodeAs?: readonly [port: number, kind: PayloadKind][];
  rtp?: RtpPlotCollectorOptions;
  mpegts?: MpegTsPlotCollectorOptions;
  /** Default 8. */
  maxMpegTsFlows?: number;
  /** Jitter sparkline: samples kept and seconds per sample; default 120 × 1 s. */
  jitterCapacity?: number;
  jitterIntervalS?: number;
}

/** One RTP stream as the feeder tracks it. */
export interface FeederStream {
  key: string;
  label: string;
  ssrc: number;
  src: string;
  dst: string;
  /** The analysis' statistics of the stream (jitter, loss, …). */
  stats: RtpStreamStats;
  jitter: JitterHistory;
}

interface StreamEntry extends FeederStream {
  srcPort: number;
  dstPort: number;
  srcAddr: Uint8Array;
  dstAddr: Uint8Array;
  inspect: ReturnType<typeof codecInspector>;
  nextJitterAt: number;
}

/**
 * Decodes frames once and drives the plot collectors.
 * @example See tests/browser/plots_entry.ts.
 */
export class PlotFeeder {
  readonly rtp: RtpPlotCollector;
  readonly rtcp = new RtcpPlotCollector();
  /** MPEG-TS flows by `"src|dst"`. */
  readonly mpegts = new Map<string, MpegTsPlotCollector>();
  /** RTP streams in order of first packet (at most the RTP collector's `maxStreams`). */
  readonly streams: FeederStream[] = [];
  /** Datagrams of MPEG-TS flows beyond `maxMpegTsFlows`. */
  droppedMpegTsDatagrams = 0;
  /** RTP packets of streams beyond the stream limit. */
  droppedRtpPackets = 0;

  readonly #frame = new FrameDecoder();
  readonly #reader = new RtpReader();
  readonly #classifier = new UdpClassifier();
  readonly #bySsrc = new Map<number, StreamEntry[]>();
  readonly #options: PlotFeederOptions;
  readonly #maxStreams: number;
  #t0 = -1;

  /** @param options See {@linkcode PlotFeederOptions}. */
  constructor(options: PlotFeederOptions = {}) {
    this.#options = options;
    this.rtp = new RtpPlotCollector(options.rtp);
    this.#maxStreams = options.rtp?.maxStreams ?? 32;
    for (const [port, kind] of options.decodeAs ?? []) this.#classifier.decodeAs(port, kind);
  }

  /**
   * Feeds one captured frame, in capture order.
   * @param frame Captured bytes.
   * @param linkType LINKTYPE_* of the capture.
   * @param tsSec Capture time, whole seconds (Unix).
   * @param tsNsec Nanoseconds within the second.
   * @param origlen Original length on the wire.
   */
  observe(frame: Uint8Array, linkType: number, tsSec: number, tsNsec: number, origlen: number): void {
    const d = this.#frame;
    if (d.decode(frame, linkType, origlen) !== FrameStatus.Ok || d.transport !== 17) return;
    if (this.#t0 < 0) this.#t0 = tsSec;
    const arrival = tsSec - this.#t0 + tsNsec / 1e9;
    const kind = this.#classifier.classify(frame, d.payloadOffset, d.payloadLength, d.srcPort, d.dstPort);
    if (kind === PayloadKind.Rtp) this.#onRtp(frame, arrival);
    else if (kind === PayloadKind.Rtcp) {
      const packets = decodeRtcpCompound(frame, d.payloadOffset, d.payloadLength).packets;
      if (packets.length === 0) return;
      this.rtp.observeRtcpPackets(packets, arrival);
      // x = 0 of the RTCP charts is the RTP plot's: the first UDP packet's whole second.
      if (this.rtcp.originUnixS === null) this.rtcp.setOrigin(this.#t0);
      this.rtcp.observe(packets, tsSec + tsNsec / 1e9);
    } else if (kind === PayloadKind.MpegTs) {
      this.#mpegts(this.#flowKey(frame), frame, d.payloadOffset, d.payloadLength, arrival);
    }
  }

  /** Closes the MPEG-TS bins in progress (end of a file, pause). */
  flush(): void {
    for (const m of this.mpegts.values()) m.flush();
  }

  #onRtp(frame: Uint8Array, arrival: number): void {
    const d = this.#frame;
    const r = this.#reader;
    if (!r.decode(frame, d.payloadOffset, d.payloadLength)) return;
    const e = this.#stream(frame, r.ssrc, r.payloadType);
    if (e === null) {
      this.droppedRtpPackets++;
      return;
    }
    const keyframe = e.inspect?.(frame, r.payloadOffset, r.payloadLength)?.keyframe ?? false;
    this.rtp.observeRtp(
      e.key,
      e.label,
      r.ssrc,
      arrival,
      r.sequence,
      r.timestamp,
      r.marker,
      keyframe,
      r.payloadType,
      d.payloadLength,
    );
    e.stats.observe(r.sequence, r.timestamp, arrival, r.payloadType, r.marker, 0, r.payloadLength);
    if (arrival >= e.nextJitterAt) {
      e.nextJitterAt = arrival + e.jitter.intervalS / 4;
      const j = e.stats.jitterMs;
      if (j !== null) e.jitter.push(arrival, j);
    }
    if (r.payloadType === MP2T_PAYLOAD_TYPE) {
      this.#mpegts(`${e.src}|${e.dst}`, frame, r.payloadOffset, r.payloadLength, arrival);
    }
  }

  #mpegts(key: string, frame: Uint8Array, offset: number, length: number, arrival: number): void {
    let m = this.mpegts.get(key);
    if (m === undefined) {
      if (this.mpegts.size >= (this.#options.maxMpegTsFlows ?? 8)) {
        this.droppedMpegTsDatagrams++;
        return;
      }
      m = new MpegTsPlotCollector(this.#options.mpegts);
      this.mpegts.set(key, m);
    }
    m.observe(frame, offset, length, arrival);
  }

  #stream(frame: Uint8Array, ssrc: number, pt: number): StreamEntry | null {
    const d = this.#frame;
    const list = this.#bySsrc.get(ssrc);
    if (list !== undefined) {
      for (const e of list) {
        if (
          e.srcPort === d.srcPort && e.dstPort === d.dstPort && same(e.srcAddr, frame, d.srcAddrOffset) &&
          same(e.dstAddr, frame, d.dstAddrOffset)
        ) return e;
      }
    }
    if (this.streams.length >= this.#maxStreams) return null;
    const n = d.ipVersion === 6 ? 16 : 4;
    const src = this.#endpoint(frame, d.srcAddrOffset, d.srcPort);
    const dst = this.#endpoint(frame, d.dstAddrOffset, d.dstPort);
    const hex = `0x${ssrc.toString(16).padStart(8, "0")}`;
    const own = this.#options.perSsrc?.get(ssrc);
    const rate = own?.clockRates?.get(pt) ?? this.#options.clockRates?.get(pt) ?? staticPayloadClockRate(pt);
    const codec = own?.codecs?.get(pt) ?? this.#options.codecs?.get(pt) ?? null;
    const e: StreamEntry = {
      key: `udp ${src} > ${dst} ${hex}`,
      label: `${hex} ${codec ?? `PT ${pt}`} → ${dst}`,
      ssrc,
      src,
      dst,
      stats: new RtpStreamStats(rate),
      jitter: new JitterHistory(this.#options.jitterCapacity ?? 120, this.#options.jitterIntervalS ?? 1),
      srcPort: d.srcPort,
      dstPort: d.dstPort,
      srcAddr: frame.slice(d.srcAddrOffset, d.srcAddrOffset + n),
      dstAddr: frame.slice(d.dstAddrOffset, d.dstAddrOffset + n),
      inspect: codec === null ? null : codecInspector(codec),
      nextJitterAt: -Infinity,
    };
    if (rate !== null) this.rtcp.setClockRate(ssrc, rate);
    if (list === undefined) this.#bySsrc.set(ssrc, [e]);
    else list.push(e);
    this.streams.push(e);
    return e;
  }

  #flowKey(frame: Uint8Array): string {
    const d = this.#frame;
    return `${this.#endpoint(frame, d.srcAddrOffset, d.srcPort)}|${this.#endpoint(frame, d.dstAddrOffset, d.dstPort)}`;
  }

  #endpoint(frame: Uint8Array, at: number, port: number): string {
    const v = this.#frame.ipVersion as 4 | 6;
    const a = formatAddress(frame, at, v);
    return v === 6 ? `[${a}]:${port}` : `${a}:${port}`;
  }
}

function same(a: Uint8Array, b: Uint8Array, at: number): boolean {
  if (at < 0 || at + a.length > b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[at + i]) return false;
  return true;
}
