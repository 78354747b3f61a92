/**
 * H.264 RTP payloads, RFC 6184 §5: which NAL units a packet carries, looking only at its first bytes.
 *
 * Every payload starts with a NAL unit header (§5.3):
 * ```text
 * +---------------+
 * |0|1|2|3|4|5|6|7|
 * +-+-+-+-+-+-+-+-+
 * |F|NRI|  Type   |
 * +---------------+
 * ```
 * Type 1–23 is a single NAL unit (§5.6). 24 STAP-A and 25 STAP-B aggregate units that each start with a 16-bit size
 * (§5.7.1; STAP-B first has a 16-bit DON), 26 MTAP16 and 27 MTAP24 add a DON offset and a timestamp offset per unit
 * (§5.7.2). 28 FU-A and 29 FU-B carry one fragment of a NAL unit (§5.8), with the FU header:
 * ```text
 * +---------------+
 * |0|1|2|3|4|5|6|7|
 * +-+-+-+-+-+-+-+-+
 * |S|E|R|  Type   |
 * +---------------+
 * ```
 * A key frame is an IDR slice (type 5); a packet with an SPS (7) is counted as one too, since encoders send it right
 * before the IDR picture. A picture starts at the slice whose `first_mb_in_slice` is 0: that ue(v) field opens the
 * slice header (H.264 §7.3.3), and 0 is coded as a single 1 bit, so the test is the top bit after the NAL header.
 *
 * @example A FU-A that starts an IDR picture (tests/testdata/demo.pcap frame 11)
 * ```ts
 * import { inspectH264 } from "./h264.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * deepStrictEqual(inspectH264(new Uint8Array([0x7c, 0x85, 0x88, 0x84])), {
 *   keyframe: true,
 *   frameStart: true,
 *   detail: "FU-A start IDR",
 * });
 * ```
 * @module
 */
// This module is browser compatible.

import { type CodecPayloadInfo, payloadEnd } from "./_info.ts";

/** NAL unit and packet types, H.264 Table 7-1 and RFC 6184 Table 1. */
export const H264NalType = {
  NonIdrSlice: 1,
  PartitionA: 2,
  IdrSlice: 5,
  Sei: 6,
  Sps: 7,
  Pps: 8,
  AccessUnitDelimiter: 9,
  StapA: 24,
  StapB: 25,
  Mtap16: 26,
  Mtap24: 27,
  FuA: 28,
  FuB: 29,
} as const;

const NAMES: Readonly<Record<number, string>> = {
  1: "non-IDR",
  2: "partition A",
  3: "partition B",
  4: "partition C",
  5: "IDR",
  6: "SEI",
  7: "SPS",
  8: "PPS",
  9: "AUD",
  10: "end of sequence",
  11: "end of stream",
  12: "filler",
  13: "SPS extension",
  14: "prefix",
  15: "subset SPS",
  19: "auxiliary slice",
  20: "slice extension",
};

/**
 * Name of an H.264 NAL unit type.
 * @param type 0–31.
 * @returns A short name such as "IDR", or "type N".
 */
export function h264NalTypeName(type: number): string {
  return NAMES[type] ?? `type ${type}`;
}

/** Bytes before the first aggregated unit, and before each unit's NAL header (its size and any DON/TS fields). */
const AGGREGATE_LAYOUT: Readonly<Record<number, readonly [number, number]>> = {
  24: [1, 2], // STAP-A: NAL size
  25: [3, 2], // STAP-B: DON, then NAL size
  26: [3, 5], // MTAP16: DONB; NAL size, DOND, TS offset (16)
  27: [3, 6], // MTAP24: DONB; NAL size, DOND, TS offset (24)
};

/**
 * Inspects the first bytes of an H.264 RTP payload.
 *
 * @param bytes Bytes holding the payload.
 * @param offset First payload byte.
 * @param length Payload bytes (padding excluded); clamped to the bytes present.
 * @returns What the payload says, or null when it is empty or its F bit is set.
 */
export function inspectH264(
  bytes: Uint8Array,
  offset = 0,
  length: number = bytes.length - offset,
): CodecPayloadInfo | null {
  const end = payloadEnd(bytes, offset, length);
  if (end < 0) return null;
  const header = bytes[offset]!;
  if (header & 0x80) return null; // F: the unit is known to be damaged
  const type = header & 0x1f;
  if (type >= 1 && type <= 23) {
    return {
      keyframe: isKey(type),
      frameStart: startsPicture(type, bytes, offset + 1, end),
      detail: `single ${h264NalTypeName(type)}`,
    };
  }
  const layout = AGGREGATE_LAYOUT[type];
  if (layout !== undefined) return inspectAggregate(type, layout, bytes, offset, end);
  if (type === H264NalType.FuA || type === H264NalType.FuB) {
    const name = type === H264NalType.FuA ? "FU-A" : "FU-B";
    if (offset + 1 >= end) return { keyframe: false, frameStart: false, detail: `${name} without FU header` };
    const fu = bytes[offset + 1]!;
    const start = (fu & 0x80) !== 0;
    const last = (fu & 0x40) !== 0;
    const inner = fu & 0x1f;
    const dataOffset = offset + (type === H264NalType.FuB ? 4 : 2); // FU-B: a 16-bit DON follows the FU header
    return {
      keyframe: isKey(inner),
      frameStart: start && startsPicture(inner, bytes, dataOffset, end),
      detail: `${name}${start ? " start" : ""}${last ? " end" : ""} ${h264NalTypeName(inner)}`,
    };
  }
  return { keyframe: false, frameStart: false, detail: `reserved packet type ${type}` };
}

function isKey(type: number): boolean {
  return type === H264NalType.IdrSlice || type === H264NalType.Sps;
}

/** A slice (or partition A) whose `first_mb_in_slice` is 0; `at` is the first byte after its NAL header. */
function startsPicture(type: number, bytes: Uint8Array, at: number, end: number): boolean {
  if (type !== H264NalType.NonIdrSlice && type !== H264NalType.IdrSlice && type !== H264NalType.PartitionA) {
    return false;
  }
  return at < end && (bytes[at]! & 0x80) !== 0;
}

function inspectAggregate(
  type: number,
  [skip, unitHeader]: readonly [number, number],
  bytes: Uint8Array,
  offset: number,
  end: number,
): CodecPayloadInfo {
  const name = type === 24 ? "STAP-A" : type === 25 ? "STAP-B" : type === 26 ? "MTAP16" : "MTAP24";
  let keyframe = false;
  let frameStart = false;
  let names = "";
  let cut = false;
  let i = offset + skip;
  while (i < end) {
    if (i + unitHeader >= end) {
      cut = true;
      break;
    }
    const size = (bytes[i]! << 8) | bytes[i + 1]!;
    const nal = i + unitHeader;
    if (size === 0 || nal + size > end) {
      cut = true;
      break;
    }
    const inner = bytes[nal]! & 0x1f;
    keyframe ||= isKey(inner);
    frameStart ||= startsPicture(inner, bytes, nal + 1, end);
    names += ` ${h264NalTypeName(inner)}`;
    i = nal + size; // the size counts the NAL unit only, not the MTAP DOND and TS offset before it (as Wireshark reads it)
  }
  return { keyframe, frameStart, detail: `${name}${names}${cut ? " (cut)" : ""}` };
}
