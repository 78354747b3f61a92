/**
 * Transport-wide congestion control feedback, RTPFB FMT 15
 * (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1).
 *
 * @module
 */
// This module is browser compatible.

import type { Decoded } from "../decode_result.ts";
import { be16, be16s, be24s, rtcpFailure } from "./_common.ts";
import { FEEDBACK_HEADER_LENGTH, type FeedbackBase, feedbackBase } from "./feedback.ts";
import type { RtcpHeader } from "./header.ts";

/** Packet status symbols (§3.1.1). */
export const TwccStatus = {
  /** 00: packet not received. */
  NotReceived: 0,
  /** 01: received, with a 1-byte receive delta. */
  SmallDelta: 1,
  /** 10: received, with a 2-byte signed receive delta. */
  LargeDelta: 2,
  /** 11: reserved. */
  Reserved: 3,
} as const;
/** One of the {@linkcode TwccStatus} values. */
export type TwccStatus = (typeof TwccStatus)[keyof typeof TwccStatus];

/** Receive deltas count in multiples of 250 µs (§3.1.5). */
export const TWCC_DELTA_MICROS = 250;
/** The reference time counts in multiples of 64 ms (§3.1). */
export const TWCC_REFERENCE_TIME_MILLIS = 64;

/** One packet status chunk as sent (§3.1.3, §3.1.4). */
export type TwccChunk =
  /** T=0: `runLength` packets with the same status. */
  | { readonly kind: "run"; readonly status: TwccStatus; readonly runLength: number }
  /** T=1: a status vector of 14 one-bit (`symbolBits` 1) or 7 two-bit symbols, left to right in `symbols` (14 bits). */
  | { readonly kind: "vector"; readonly symbolBits: 1 | 2; readonly symbols: number };

/** A decoded transport-wide CC feedback. */
export interface TransportCc extends FeedbackBase {
  /** Tells the union members apart. */
  readonly type: "twcc";
  /** Transport-wide sequence number of the first packet reported. */
  readonly baseSequence: number;
  /** Number of packets reported; packet i has sequence number `(baseSequence + i) & 0xffff`. */
  readonly statusCount: number;
  /** Reference time, signed 24-bit, in multiples of 64 ms. */
  readonly referenceTime: number;
  /** `referenceTime × 64`. */
  readonly referenceTimeMillis: number;
  /** Feedback packet count, 8 bits, incremented per feedback packet sent. */
  readonly feedbackPacketCount: number;
  /** The chunks as sent. */
  readonly chunks: TwccChunk[];
  /** One {@linkcode TwccStatus} per reported packet (`statusCount` of them): the chunks expanded. */
  readonly statuses: Uint8Array;
  /**
   * False when the packet is too short for the deltas its statuses announce. libwebrtc sends such feedback on purpose
   * (statuses only, no timestamps) and reads it the same way; `receiveDeltasMicros` is all zeros then.
   */
  readonly hasReceiveDeltas: boolean;
  /**
   * One receive delta per reported packet in µs (`statusCount` of them): the time since the previous received packet,
   * the first one relative to the reference time. 0 for packets not received.
   */
  readonly receiveDeltasMicros: Int32Array;
}

const TWCC_BASE_SEQUENCE_OFFSET = FEEDBACK_HEADER_LENGTH;
const TWCC_STATUS_COUNT_OFFSET = TWCC_BASE_SEQUENCE_OFFSET + 2;
const TWCC_REFERENCE_TIME_OFFSET = TWCC_STATUS_COUNT_OFFSET + 2;
const TWCC_FEEDBACK_COUNT_OFFSET = TWCC_REFERENCE_TIME_OFFSET + 3;
const TWCC_CHUNKS_OFFSET = TWCC_FEEDBACK_COUNT_OFFSET + 1;

/**
 * Decodes a transport-wide CC feedback.
 *
 * ```text
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|  FMT=15 |    PT=205     |           length              |
 * |                     SSRC of packet sender                     |
 * |                      SSRC of media source                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      base sequence number     |      packet status count      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 reference time                | fb pkt. count |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          packet chunk         |         packet chunk          |
 * .                                                               .
 * |         packet chunk          |  recv delta   |  recv delta   |
 * .                                                               .
 * |           recv delta          |  recv delta   | zero padding  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * run length chunk:     |T=0| S |       Run Length (13)       |
 * status vector chunk:  |T=1|S|       symbol list (14)        |   S=0: 14 × 1 bit, S=1: 7 × 2 bits
 * ```
 * Chunks are read until they cover `statusCount` packets; the last may cover more, and the extra symbols are ignored.
 * Deltas follow, one per received packet: 1 unsigned byte for status 01, 2 signed bytes for status 10. Bytes after
 * them (zero padding) are ignored, as libwebrtc does.
 *
 * @param bytes The datagram (not copied).
 * @param h The packet's header, from {@linkcode decodeRtcpHeader}.
 * @returns The feedback, or a failure: `bad-length` when the fixed fields do not fit, `truncated` when the chunks
 *   end before `statusCount` packets, `bad-value` for a reserved status (11) in a packet that carries deltas.
 * @example Two packets received 1 ms apart
 * ```ts
 * import { decodeRtcpHeader } from "./header.ts";
 * import { decodeTransportCc } from "./transport_cc.ts";
 * import { isFailure } from "../decode_result.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const bytes = Uint8Array.from([
 *   0x8f, 0xcd, 0, 5, 0, 0, 0, 1, 0, 0, 0, 2, // header, sender SSRC 1, media SSRC 2
 *   0x00, 0x0a, 0x00, 0x02, 0x00, 0x00, 0x01, 0x00, // base 10, count 2, reference time 1 (64 ms), fb count 0
 *   0x20, 0x02, 0x04, 0x04, // run of 2 × "small delta", deltas 4 and 4 (× 250 µs)
 * ]);
 * const h = decodeRtcpHeader(bytes, 0, bytes.length);
 * const cc = isFailure(h) ? h : decodeTransportCc(bytes, h);
 * deepStrictEqual(!isFailure(cc) && [...cc.receiveDeltasMicros], [1000, 1000]);
 * ```
 */
export function decodeTransportCc(bytes: Uint8Array, h: RtcpHeader): Decoded<TransportCc> {
  const o = h.offset;
  const end = h.contentEnd;
  if (o + TWCC_CHUNKS_OFFSET > end) {
    return rtcpFailure("bad-length", o + 2, `TWCC needs 20 bytes, its length gives ${end - o}`);
  }
  const statusCount = be16(bytes, o + TWCC_STATUS_COUNT_OFFSET);
  const statuses = new Uint8Array(statusCount);
  const chunks: TwccChunk[] = [];
  let pos = o + TWCC_CHUNKS_OFFSET;
  let covered = 0;
  let deltaBytes = 0;
  let reserved = -1;
  while (covered < statusCount) {
    if (pos + 2 > end) {
      return rtcpFailure("truncated", pos, `TWCC chunks end after ${covered} of ${statusCount} packet statuses`);
    }
    const chunk = be16(bytes, pos);
    pos += 2;
    if ((chunk & 0x8000) === 0) {
      const status = ((chunk >>> 13) & 0x3) as TwccStatus;
      const runLength = chunk & 0x1fff;
      chunks.push({ kind: "run", status, runLength });
      const stop = Math.min(covered + runLength, statusCount);
      if (status !== TwccStatus.NotReceived) statuses.fill(status, covered, stop);
      if (status === TwccStatus.Reserved && reserved < 0) reserved = covered;
      deltaBytes += (stop - covered) * status;
      covered = stop;
    } else {
      const symbolBits = (chunk & 0x4000) === 0 ? 1 : 2;
      chunks.push({ kind: "vector", symbolBits, symbols: chunk & 0x3fff });
      const perChunk = symbolBits === 1 ? 14 : 7;
      const mask = symbolBits === 1 ? 0x1 : 0x3;
      for (let i = 0; i < perChunk && covered < statusCount; i++, covered++) {
        const status = (chunk >>> (14 - symbolBits * (i + 1))) & mask;
        statuses[covered] = status;
        if (status === TwccStatus.Reserved && reserved < 0) reserved = covered;
        deltaBytes += status;
      }
    }
  }
  const receiveDeltasMicros = new Int32Array(statusCount);
  // `deltaBytes` counted 3 per reserved status; that only matters when it is an error anyway.
  const hasReceiveDeltas = pos + deltaBytes <= end;
  if (hasReceiveDeltas) {
    if (reserved >= 0) {
      return rtcpFailure("bad-value", pos, `TWCC packet ${reserved} has the reserved status 11`);
    }
    for (let i = 0; i < statusCount; i++) {
      const status = statuses[i]!;
      if (status === TwccStatus.SmallDelta) {
        receiveDeltasMicros[i] = bytes[pos]! * TWCC_DELTA_MICROS;
        pos += 1;
      } else if (status === TwccStatus.LargeDelta) {
        receiveDeltasMicros[i] = be16s(bytes, pos) * TWCC_DELTA_MICROS;
        pos += 2;
      }
    }
  }
  const referenceTime = be24s(bytes, o + TWCC_REFERENCE_TIME_OFFSET);
  return {
    type: "twcc",
    ...feedbackBase(bytes, h),
    baseSequence: be16(bytes, o + TWCC_BASE_SEQUENCE_OFFSET),
    statusCount,
    referenceTime,
    referenceTimeMillis: referenceTime * TWCC_REFERENCE_TIME_MILLIS,
    feedbackPacketCount: bytes[o + TWCC_FEEDBACK_COUNT_OFFSET]!,
    chunks,
    statuses,
    hasReceiveDeltas,
    receiveDeltasMicros,
  };
}
