/**
 * What the RTP plot draws, collected once per packet while the host decodes: per stream (lane) the arrival time,
 * unwrapped sequence number and RTP timestamp, size, payload type, marker and keyframe flags of each packet; the
 * sequence gaps (missing numbers, RFC 3550 §6.4.1 "expected − received"), and RTCP marks per SSRC.
 *
 * Bounded: at most `maxStreams` lanes (packets of further streams count in `droppedStreamPackets`), at most
 * `maxPointsPerStream` points per lane (thinned or cut by {@linkcode CapPolicy}; `Lane.points.dropped` counts), at
 * most `maxGapsPerStream` gaps per lane and `maxRtcpMarks` RTCP marks (oldest half dropped, counted). `observeRtp`
 * allocates nothing beyond the amortised growth of the typed columns and a lane's first packet.
 * @module
 */
// This module is browser compatible.

import type { RtcpPacket } from "../../protocols/rtcp/mod.ts";
import { type CapPolicy, Columns } from "./_columns.ts";
import { SeqUnwrapper, TimestampUnwrapper } from "./_unwrap.ts";

/** Columns of {@linkcode RtpLane.points}. */
export const RtpCol = { Arrival: 0, Seq: 1, Ts: 2, Size: 3, PayloadType: 4, Flags: 5 } as const;
/** Bits of the `Flags` column. */
export const RtpFlag = { Marker: 1, Keyframe: 2 } as const;
/** Columns of {@linkcode RtpLane.gaps}: the first missing extended sequence number, how many, and the packets around. */
export const GapCol = {
  FirstSeq: 0,
  Count: 1,
  ArrivalBefore: 2,
  ArrivalAfter: 3,
  TsBefore: 4,
  TsAfter: 5,
  /** Missing packets that arrived later (reordered, not lost). */
  Recovered: 6,
} as const;
/** Columns of {@linkcode RtpPlotCollector.rtcp}. */
export const RtcpMarkCol = { Ssrc: 0, Arrival: 1, Kind: 2, RtpTs: 3 } as const;

/** RTCP events shown on the lanes of the SSRC they are about. */
export type RtcpMarkKind = "sr" | "rr" | "fb" | "bye";
/** Numeric codes of {@linkcode RtcpMarkKind} in the `Kind` column. */
export const RTCP_MARK_KINDS: readonly RtcpMarkKind[] = ["sr", "rr", "fb", "bye"];

/** A jump this far ahead is a sequence restart (RFC 3550 A.1 MAX_DROPOUT), not a loss. */
const MAX_DROPOUT = 3000;
/** Gaps searched (newest first) when a late packet arrives. */
const LATE_SEARCH = 32;

/** Limits of {@linkcode RtpPlotCollector}. */
export interface RtpPlotCollectorOptions {
  /** Default 32. */
  maxStreams?: number;
  /** Default 100 000. */
  maxPointsPerStream?: number;
  /** Default 4096. */
  maxGapsPerStream?: number;
  /** Default 8192 over all SSRCs. */
  maxRtcpMarks?: number;
  /** What a full lane does; default "decimate" (keeps the whole capture visible). Live views may prefer "drop-oldest". */
  policy?: CapPolicy;
}

/** One stream's lane. Read its columns with `points.view(RtpCol.X)`; do not write them. */
export class RtpLane {
  readonly points: Columns;
  readonly gaps: Columns;
  /** Packets observed (including those the cap later dropped). */
  packets = 0;
  /** Late packets (behind the highest sequence number). */
  late = 0;
  /** Forward jumps of ≥ 3000 treated as a sequence restart rather than loss. */
  restarts = 0;
  readonly seq = new SeqUnwrapper();
  readonly ts = new TimestampUnwrapper();
  #highestArrival = 0;
  #highestTs = 0;

  constructor(
    /** The host's stream key. */
    readonly key: string,
    /** The label drawn at the lane. */
    public label: string,
    readonly ssrc: number,
    /** Position in the plot, in order of first packet. */
    readonly index: number,
    options: Required<RtpPlotCollectorOptions>,
  ) {
    this.points = new Columns(6, options.maxPointsPerStream, options.policy);
    this.gaps = new Columns(7, options.maxGapsPerStream, "drop-oldest");
  }

  /** Missing sequence numbers that never arrived, over the gaps still held. */
  get lost(): number {
    const n = this.gaps.length;
    const count = this.gaps.cols[GapCol.Count]!;
    const rec = this.gaps.cols[GapCol.Recovered]!;
    let lost = 0;
    for (let i = 0; i < n; i++) lost += count[i]! - rec[i]!;
    return lost;
  }

  /** @private */
  add(arrival: number, seq: number, rtpTs: number, flags: number, payloadType: number, size: number): void {
    const first = this.packets++ === 0;
    const before = this.seq.highest;
    const ext = this.seq.extend(seq);
    const tsExt = this.ts.extend(rtpTs);
    if (!first) {
      if (ext > before + 1) {
        if (ext - before >= MAX_DROPOUT) this.restarts++;
        else this.#gap(before + 1, ext - before - 1, arrival, tsExt);
      } else if (ext < before) {
        this.late++;
        this.#recover(ext);
      }
    }
    if (first || ext > before) {
      this.#highestArrival = arrival;
      this.#highestTs = tsExt;
    }
    const p = this.points;
    const r = p.addRow();
    const c = p.cols;
    c[RtpCol.Arrival]![r] = arrival;
    c[RtpCol.Seq]![r] = ext;
    c[RtpCol.Ts]![r] = tsExt;
    c[RtpCol.Size]![r] = size;
    c[RtpCol.PayloadType]![r] = payloadType;
    c[RtpCol.Flags]![r] = flags;
  }

  #gap(firstSeq: number, count: number, arrival: number, tsExt: number): void {
    const g = this.gaps;
    const r = g.addRow();
    const c = g.cols;
    c[GapCol.FirstSeq]![r] = firstSeq;
    c[GapCol.Count]![r] = count;
    c[GapCol.ArrivalBefore]![r] = this.#highestArrival;
    c[GapCol.ArrivalAfter]![r] = arrival;
    c[GapCol.TsBefore]![r] = this.#highestTs;
    c[GapCol.TsAfter]![r] = tsExt;
    c[GapCol.Recovered]![r] = 0;
  }

  #recover(ext: number): void {
    const g = this.gaps;
    const first = g.cols[GapCol.FirstSeq]!;
    const count = g.cols[GapCol.Count]!;
    const rec = g.cols[GapCol.Recovered]!;
    for (let i = g.length - 1, n = 0; i >= 0 && n < LATE_SEARCH; i--, n++) {
      if (ext >= first[i]! && ext < first[i]! + count[i]!) {
        if (rec[i]! < count[i]!) rec[i]!++;
        return;
      }
    }
  }
}

/**
 * Collects RTP packets and RTCP events for {@linkcode createRtpPlot}.
 * @example
 * ```ts
 * import { RtpPlotCollector } from "./rtp_collector.ts";
 * import { strictEqual } from "node:assert/strict";
 * const c = new RtpPlotCollector();
 * c.observeRtp("a", "0x1 video", 1, 0.00, 65535, 1000, false, false, 96, 1200);
 * c.observeRtp("a", "0x1 video", 1, 0.02, 2, 4000, true, false, 96, 900); // 0 and 1 missing
 * const lane = c.lanes[0]!;
 * strictEqual(lane.lost, 2);
 * strictEqual(lane.points.view(1)[1], 65538); // unwrapped
 * ```
 */
export class RtpPlotCollector {
  readonly #options: Required<RtpPlotCollectorOptions>;
  readonly #byKey = new Map<string, RtpLane>();
  /** Lanes in order of first packet. */
  readonly lanes: RtpLane[] = [];
  /** RTCP marks of every SSRC: `RtcpMarkCol` columns. */
  readonly rtcp: Columns;
  /** Packets of streams beyond `maxStreams`. */
  droppedStreamPackets = 0;
  /** Bumped on every observation, so a plot can tell whether it has something new to draw. */
  version = 0;

  /** @param options Limits; see {@linkcode RtpPlotCollectorOptions}. */
  constructor(options: RtpPlotCollectorOptions = {}) {
    this.#options = {
      maxStreams: options.maxStreams ?? 32,
      maxPointsPerStream: options.maxPointsPerStream ?? 100_000,
      maxGapsPerStream: options.maxGapsPerStream ?? 4096,
      maxRtcpMarks: options.maxRtcpMarks ?? 8192,
      policy: options.policy ?? "decimate",
    };
    this.rtcp = new Columns(4, this.#options.maxRtcpMarks, "drop-oldest");
  }

  /**
   * Adds one RTP packet.
   * @param streamKey The host's identity of the stream (e.g. `rtpStreamKeyString`), reused by reference per packet.
   * @param label Shown on the lane (read on the stream's first packet; change it with {@linkcode RtpPlotCollector.setLabel}).
   * @param ssrc The packet's SSRC (ties RTCP marks to the lane).
   * @param arrivalSec Capture time, seconds (the host's origin; the same as for RTCP).
   * @param seq 16-bit sequence number.
   * @param rtpTs 32-bit RTP timestamp.
   * @param marker The M bit.
   * @param keyframe The packet carries keyframe data (the codec inspector's `keyframe`).
   * @param payloadType 7-bit PT.
   * @param size Bytes shown on hover and used for the mark height (e.g. the UDP payload length).
   */
  observeRtp(
    streamKey: string,
    label: string,
    ssrc: number,
    arrivalSec: number,
    seq: number,
    rtpTs: number,
    marker: boolean,
    keyframe: boolean,
    payloadType: number,
    size: number,
  ): void {
    let lane = this.#byKey.get(streamKey);
    if (lane === undefined) {
      if (this.lanes.length >= this.#options.maxStreams) {
        this.droppedStreamPackets++;
        return;
      }
      lane = new RtpLane(streamKey, label, ssrc >>> 0, this.lanes.length, this.#options);
      this.#byKey.set(streamKey, lane);
      this.lanes.push(lane);
    }
    const flags = (marker ? RtpFlag.Marker : 0) | (keyframe ? RtpFlag.Keyframe : 0);
    lane.add(arrivalSec, seq, rtpTs, flags, payloadType & 0x7f, size);
    this.version++;
  }

  /**
   * Adds one RTCP event about a source.
   * @param ssrc The SSRC the event is about (an SR's sender, a report block's or feedback's media source, a BYE's).
   * @param arrivalSec Capture time, seconds (same origin as {@linkcode RtpPlotCollector.observeRtp}).
   * @param kind What happened.
   * @param rtpTs The SR's RTP timestamp, placing the mark exactly on the timestamp axis; omit for other kinds.
   */
  observeRtcp(ssrc: number, arrivalSec: number, kind: RtcpMarkKind, rtpTs: number = -1): void {
    const m = this.rtcp;
    const r = m.addRow();
    m.cols[RtcpMarkCol.Ssrc]![r] = ssrc >>> 0;
    m.cols[RtcpMarkCol.Arrival]![r] = arrivalSec;
    m.cols[RtcpMarkCol.Kind]![r] = RTCP_MARK_KINDS.indexOf(kind);
    m.cols[RtcpMarkCol.RtpTs]![r] = rtpTs < 0 ? NaN : rtpTs >>> 0;
    this.version++;
  }

  /**
   * Adds the events of one decoded compound: SR (its sender), report blocks of SR/RR (their sources), feedback (its
   * media source) and BYE.
   * @param packets `decodeRtcpCompound(...).packets`.
   * @param arrivalSec Capture time, seconds.
   */
  observeRtcpPackets(packets: readonly RtcpPacket[], arrivalSec: number): void {
    for (const p of packets) {
      if (p.type === "sr") {
        this.observeRtcp(p.ssrc, arrivalSec, "sr", p.rtpTimestamp);
        for (const b of p.reports) this.observeRtcp(b.ssrc, arrivalSec, "rr");
      } else if (p.type === "rr") {
        for (const b of p.reports) this.observeRtcp(b.ssrc, arrivalSec, "rr");
      } else if (p.type === "bye") {
        for (const s of p.ssrcs) this.observeRtcp(s, arrivalSec, "bye");
      } else if ("mediaSsrc" in p && typeof p.mediaSsrc === "number" && p.mediaSsrc !== 0) {
        this.observeRtcp(p.mediaSsrc, arrivalSec, "fb");
      }
    }
  }

  /**
   * @param streamKey A stream's key.
   * @returns Its lane, or undefined.
   */
  lane(streamKey: string): RtpLane | undefined {
    return this.#byKey.get(streamKey);
  }

  /**
   * Renames a lane (an alias the user typed).
   * @param streamKey A stream's key.
   * @param label The new label.
   */
  setLabel(streamKey: string, label: string): void {
    const lane = this.#byKey.get(streamKey);
    if (lane === undefined) return;
    lane.label = label;
    this.version++;
  }

  /** Points dropped by the caps over all lanes, plus RTCP marks dropped. */
  get droppedPoints(): number {
    let n = this.rtcp.dropped;
    for (const l of this.lanes) n += l.points.dropped + l.gaps.dropped;
    return n;
  }

  /** Forgets everything (the host's "clear"); drop counters restart too. */
  clear(): void {
    this.#byKey.clear();
    this.lanes.length = 0;
    this.rtcp.clear();
    this.rtcp.dropped = 0;
    this.droppedStreamPackets = 0;
    this.version++;
  }
}
