/**
 * The page's packet store for one source: every packet decoded once when it arrives into the rows of each table,
 * bounded by a packet cap (oldest evicted and counted), and fed once to the shared incremental analysis, so the
 * stream statistics cover every packet received even after the rows are gone.
 * @module
 */

import { RecordCursor } from "../../../ffi/records.ts";
import { type AnalysisReport, AnalysisSession } from "../../analysis/session.ts";
import { PAYLOAD_KIND_NAMES, PayloadKind, UdpClassifier } from "../../protocols/classify.ts";
import { formatAddress, FRAME_STATUS_NAMES, FrameDecoder, FrameStatus } from "../../protocols/frame.ts";
import { RtpReader } from "../../protocols/rtp/header.ts";
import { BATCH_HEADER_BYTES, type PacketBatch, type SourceSettings } from "../../wire/messages.ts";
import { analysisOptions, type UiAnalysisOptions } from "./analysis_options.ts";
import { TsTracker } from "./mpegts_rows.ts";
import { Ring } from "./ring.ts";
import { PlotFeeder } from "../plots/plot_feeder.ts";
import { type PacketRow, type RtcpRow, rtcpRows, type RtpRow, rtpRow, type StunRow, stunRow } from "./rows.ts";
import type { TsRow } from "./mpegts_rows.ts";
import { type EventRow, eventRow } from "./event_rows.ts";
import { LoggedIcePairs } from "./logged_ice.ts";

/** The original kept 10,000 packets; 100,000 rows of a few hundred bytes each stay well within a tab's memory. */
export const DEFAULT_PACKET_CAP = 100_000;

/** Event names remembered for completion; a log has a few tens. */
const MAX_EVENT_NAMES = 256;

/** RFC 3551: payload type 33 is MPEG-2 TS in RTP (RFC 2250). */
const MP2T_PAYLOAD_TYPE = 33;

const IP_PROTOCOL_NAMES: Record<number, string> = { 1: "ICMP", 2: "IGMP", 6: "TCP", 17: "UDP", 58: "ICMPv6" };

export class CaptureModel {
  readonly packets = new Ring<PacketRow>();
  readonly rtp = new Ring<RtpRow>();
  readonly rtcp = new Ring<RtcpRow>();
  readonly stun = new Ring<StunRow>();
  readonly ts = new Ring<TsRow>();
  /** Non-packet events of an event-log source (the Log events table). */
  readonly events = new Ring<EventRow>();
  /** ICE pairs an event-log source logged; fed every event once, so it covers evicted ones too (bounded itself). */
  readonly loggedIce = new LoggedIcePairs();
  /** Event names seen (for the Log events filter's completion); at most {@linkcode MAX_EVENT_NAMES}. */
  readonly eventNames = new Set<string>();
  readonly tsPsi = new TsTracker();
  /** The plots' data collectors, fed every packet; replaced (with a new identity) when the store is rebuilt. */
  feeder: PlotFeeder = new PlotFeeder();
  /** Packets evicted by the cap since the source was selected. */
  evicted = 0;
  /** Records of a batch that did not fit it (a malformed message); counted, never shown. */
  malformed = 0;
  /** True when the analysis was rebuilt from retained packets after some had been evicted. */
  partialAnalysis = false;
  settings: SourceSettings = { decodeAs: [], sdp: [] };
  options: UiAnalysisOptions = analysisOptions(this.settings);
  /** Bumped on every change; views compare it to decide whether to recompute. */
  version = 0;
  #analysis = new AnalysisSession(this.options);
  #classifier = new UdpClassifier();
  #report: AnalysisReport | null = null;
  #reportVersion = -1;
  #t0Sec = -1;
  #t0Nsec = 0;
  /** Global index (over `packets`) of the next packet whose protocol rows and plot data are still to be built. */
  #derived = 0;
  readonly #frame = new FrameDecoder();
  readonly #rtpReader = new RtpReader();
  readonly #cursor = new RecordCursor();
  /** IPv4 "addr:port" strings by (address × 65536 + port), so rows share them instead of building one per packet. */
  readonly #endpoints = new Map<number, string>();

  constructor(public cap: number = DEFAULT_PACKET_CAP) {}

  /** Forgets everything (a new source, or clear/refetch); keeps the settings. */
  clear(): void {
    for (const r of [this.packets, this.rtp, this.rtcp, this.stun, this.ts, this.events]) r.clear();
    this.tsPsi.clear();
    this.loggedIce.clear();
    this.eventNames.clear();
    this.evicted = 0;
    this.malformed = 0;
    this.partialAnalysis = false;
    this.#t0Sec = -1;
    this.#derived = 0;
    this.#endpoints.clear();
    this.#resetAnalysis();
    this.version++;
  }

  #resetAnalysis(): void {
    this.options = analysisOptions(this.settings);
    this.#analysis = new AnalysisSession(this.options);
    this.#classifier = new UdpClassifier();
    for (const [port, kind] of this.options.decodeAs ?? []) this.#classifier.decodeAs(port, kind);
    if (this.options.sdpPorts) this.#classifier.learnFromSdp(this.options.sdpPorts);
    this.feeder = new PlotFeeder({
      ...(this.options.clockRates ? { clockRates: this.options.clockRates } : {}),
      ...(this.options.codecs ? { codecs: this.options.codecs } : {}),
      ...(this.options.perSsrc ? { perSsrc: this.options.perSsrc } : {}),
      ...(this.options.decodeAs ? { decodeAs: this.options.decodeAs } : {}),
      rtp: { maxStreams: 64 },
    });
    this.#report = null;
  }

  /** The analysis report (the `netpix analyze --format json` schema), recomputed at most once per change. */
  report(): AnalysisReport {
    this.derive();
    if (this.#report === null || this.#reportVersion !== this.version) {
      this.#report = this.#analysis.report();
      this.#reportVersion = this.version;
    }
    return this.#report;
  }

  /** Adds a batch of raw frames from the server. */
  ingest(batch: PacketBatch): void {
    const records = batch.bytes.subarray(BATCH_HEADER_BYTES);
    const c = this.#cursor;
    c.reset(records, records.length, batch.count);
    let n = 0;
    while (n < batch.count && c.next()) {
      const frame = records.subarray(c.dataOffset, c.dataOffset + c.caplen);
      this.packets.push(this.#decode(batch.firstId + n, frame, batch.linkType, c.tsSec, c.tsNsec, c.origlen));
      n++;
    }
    this.malformed += batch.count - n;
    this.#evict();
    this.version++;
  }

  /**
   * New decode-as or SDP settings: reclassify and re-decode the retained packets and rebuild the analysis from them.
   * If packets were evicted, the statistics now cover only the retained ones (`partialAnalysis`).
   */
  applySettings(settings: SourceSettings): void {
    this.settings = settings;
    const kept = this.packets.toArray();
    for (const r of [this.packets, this.rtp, this.rtcp, this.stun, this.ts, this.events]) r.clear();
    this.tsPsi.clear();
    this.loggedIce.clear();
    this.eventNames.clear();
    this.#resetAnalysis();
    this.partialAnalysis = this.evicted > 0;
    for (const p of kept) this.packets.push(this.#decode(p.id, p.frame, p.linkType, p.tsSec, p.tsNsec, p.origlen));
    this.#derived = 0;
    this.version++;
  }

  #endpoint(frame: Uint8Array, addrOffset: number, port: number): string {
    const d = this.#frame;
    if (d.ipVersion === 4 && port >= 0) {
      const key = ((frame[addrOffset]! << 24 | frame[addrOffset + 1]! << 16 | frame[addrOffset + 2]! << 8 |
            frame[addrOffset + 3]!) >>> 0) * 65536 + port;
      let s = this.#endpoints.get(key);
      if (s === undefined) {
        s = `${formatAddress(frame, addrOffset, 4)}:${port}`;
        if (this.#endpoints.size < 65536) this.#endpoints.set(key, s);
      }
      return s;
    }
    const a = formatAddress(frame, addrOffset, d.ipVersion as 4 | 6);
    if (port < 0) return a;
    return d.ipVersion === 6 ? `[${a}]:${port}` : `${a}:${port}`;
  }

  #decode(id: number, frame: Uint8Array, linkType: number, tsSec: number, tsNsec: number, origlen: number): PacketRow {
    if (this.#t0Sec < 0) {
      this.#t0Sec = tsSec;
      this.#t0Nsec = tsNsec;
    }
    const d = this.#frame;
    const status = d.decode(frame, linkType, origlen);
    const ip = d.ipVersion === 4 || d.ipVersion === 6;
    let treatedAs = "";
    if (status === FrameStatus.Ok && d.transport === 17) {
      treatedAs = PAYLOAD_KIND_NAMES[
        this.#classifier.classify(frame, d.payloadOffset, d.payloadLength, d.srcPort, d.dstPort)
      ]!;
    }
    return {
      id,
      time: tsSec - this.#t0Sec + (tsNsec - this.#t0Nsec) / 1e9,
      tsSec,
      tsNsec,
      linkType,
      frame,
      origlen,
      src: ip ? this.#endpoint(frame, d.srcAddrOffset, d.srcPort) : "",
      dst: ip ? this.#endpoint(frame, d.dstAddrOffset, d.dstPort) : "",
      srcPort: d.srcPort,
      dstPort: d.dstPort,
      transport: ip ? IP_PROTOCOL_NAMES[d.ipProtocol] ?? `proto ${d.ipProtocol}` : "",
      treatedAs,
      payloadOffset: d.payloadOffset,
      payloadLength: d.payloadLength,
      issue: status === FrameStatus.Ok ? "" : FRAME_STATUS_NAMES[status] ?? String(status),
    };
  }

  /**
   * Feeds the analysis, builds the protocol tables' rows and feeds the plots for the packets not yet derived, each
   * exactly once and oldest first, for at most `budgetMs` (then returns false). The packets table is updated as
   * packets arrive; this part runs when a view or `report()` needs it, in idle time, or just before packets are
   * evicted (so the statistics still cover every packet received), which lets a replay paint as soon as it arrived.
   */
  derive(budgetMs = Infinity, upTo = Infinity): boolean {
    const start = performance.now();
    const end = Math.min(upTo, this.packets.total);
    let g = Math.max(this.#derived, this.packets.base);
    let n = 0;
    while (g < end) {
      const p = this.packets.at(g - this.packets.base)!;
      this.#analysis.observe(p.frame, p.linkType, p.tsSec, p.tsNsec, p.origlen);
      this.feeder.observe(p.frame, p.linkType, p.tsSec, p.tsNsec, p.origlen);
      this.#add(p);
      g++;
      if ((++n & 255) === 0 && performance.now() - start > budgetMs) break;
    }
    if (g > this.#derived) {
      this.#derived = g;
      this.version++;
    }
    return g >= this.packets.total;
  }

  /** Whether every packet held has its protocol rows and plot data. */
  get derived(): boolean {
    return this.#derived >= this.packets.total;
  }

  #add(p: PacketRow): void {
    if (p.treatedAs === "") {
      const e = eventRow(p);
      if (e) {
        this.events.push(e);
        if (this.eventNames.size < MAX_EVENT_NAMES) this.eventNames.add(e.event);
        this.loggedIce.observe(e.event, e.fields, p.tsSec + p.tsNsec / 1e9);
        return;
      }
    }
    switch (p.treatedAs) {
      case "rtp": {
        const r = rtpRow(p, this.options.extmap ?? new Map());
        if (!r) break;
        this.rtp.push(r);
        if (r.pt === MP2T_PAYLOAD_TYPE && this.#rtpReader.decode(p.frame, p.payloadOffset, p.payloadLength)) {
          this.#addTs(p, this.#rtpReader.payloadOffset, this.#rtpReader.payloadLength);
        }
        break;
      }
      case "rtcp":
        for (const r of rtcpRows(p)) this.rtcp.push(r);
        break;
      case "stun": {
        const r = stunRow(p);
        if (r) this.stun.push(r);
        break;
      }
      case "mpegts":
        this.#addTs(p, p.payloadOffset, p.payloadLength);
        break;
    }
  }

  #addTs(p: PacketRow, offset: number, length: number): void {
    this.ts.push(this.tsPsi.row(p, `${p.src}|${p.dst}`, offset, length));
  }

  #evict(): void {
    const over = this.packets.length - this.cap;
    if (over <= 0) return;
    // Evicted packets still reach the plots and the PSI tables (both bounded on their own).
    this.derive(Infinity, this.packets.base + over);
    let k = 0;
    this.evicted += this.packets.dropWhile(() => k++ < over);
    const first = this.packets.at(0)?.id ?? Infinity;
    const old = (r: { p: PacketRow }) => r.p.id < first;
    this.rtp.dropWhile(old);
    this.rtcp.dropWhile(old);
    this.stun.dropWhile(old);
    this.ts.dropWhile(old);
    this.events.dropWhile(old);
  }

  /** Changes the cap; evicts at once if the store holds more. */
  setCap(cap: number): void {
    this.cap = Math.max(1, Math.floor(cap));
    this.#evict();
    this.version++;
  }
}

export { PayloadKind };
