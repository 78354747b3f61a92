/**
 * H.265/HEVC RTP payloads, RFC 7798 §4.4: which NAL units a packet carries, looking only at its first bytes.
 *
 * Every payload starts with the two-byte NAL unit header (§1.1.4):
 * ```text
 * +---------------+---------------+
 * |0|1|2|3|4|5|6|7|0|1|2|3|4|5|6|7|
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |F|   Type    |  LayerId  | TID |
 * +-------------+-----------------+
 * ```
 * Types 0–47 are single NAL units (§4.4.1). 48 is an aggregation packet (AP, §4.4.2): units each preceded by a 16-bit
 * size. 49 is a fragmentation unit (FU, §4.4.3), whose FU header follows the payload header:
 * ```text
 * +---------------+
 * |0|1|2|3|4|5|6|7|
 * +-+-+-+-+-+-+-+-+
 * |S|E|  FuType   |
 * +---------------+
 * ```
 * 50 is PACI (§4.4.4). The DONL/DOND fields that appear only when `sprop-max-don-diff` > 0 are assumed absent, as
 * they are in the streams ffmpeg, GStreamer and browsers send.
 *
 * A key frame is an IRAP picture (BLA, IDR, CRA: types 16–23, H.265 §7.4.2.2); a packet with a VPS or an SPS (32, 33)
 * counts as one too, since encoders send them right before the IRAP picture. A picture starts at the slice segment
 * whose `first_slice_segment_in_pic_flag`, the first bit after the NAL header of a VCL unit (types 0–31), is 1.
 *
 * @example The FU that starts an IDR_N_LP picture (tests/testdata/rtp/ffmpeg-h265.pcap)
 * ```ts
 * import { inspectH265 } from "./h265.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * deepStrictEqual(inspectH265(new Uint8Array([0x62, 0x01, 0x94, 0xac, 0x44])), {
 *   keyframe: true,
 *   frameStart: true,
 *   detail: "FU start IDR_N_LP",
 * });
 * ```
 * @module
 */
// This module is browser compatible.

import { type CodecPayloadInfo, payloadEnd } from "./_info.ts";

/** Packet types of RFC 7798 §4.4. */
export const H265PacketType = { Ap: 48, Fu: 49, Paci: 50 } as const;

const NAMES: readonly string[] = [
  "TRAIL_N",
  "TRAIL_R",
  "TSA_N",
  "TSA_R",
  "STSA_N",
  "STSA_R",
  "RADL_N",
  "RADL_R",
  "RASL_N",
  "RASL_R",
];
const NAMES_16: readonly string[] = ["BLA_W_LP", "BLA_W_RADL", "BLA_N_LP", "IDR_W_RADL", "IDR_N_LP", "CRA_NUT"];
const NAMES_32: readonly string[] = ["VPS", "SPS", "PPS", "AUD", "EOS", "EOB", "FD", "prefix SEI", "suffix SEI"];

/**
 * Name of an H.265 NAL unit type (H.265 Table 7-1).
 * @param type 0–63.
 * @returns A short name such as "IDR_W_RADL", or "type N".
 */
export function h265NalTypeName(type: number): string {
  return NAMES[type] ?? NAMES_16[type - 16] ?? NAMES_32[type - 32] ?? `type ${type}`;
}

/**
 * Inspects the first bytes of an H.265 RTP payload.
 *
 * @param bytes Bytes holding the payload.
 * @param offset First payload byte.
 * @param length Payload bytes (padding excluded); clamped to the bytes present.
 * @returns What the payload says, or null when it is shorter than the payload header or its F bit is set.
 */
export function inspectH265(
  bytes: Uint8Array,
  offset = 0,
  length: number = bytes.length - offset,
): CodecPayloadInfo | null {
  const end = payloadEnd(bytes, offset, length);
  if (end < 0 || offset + 2 > end) return null;
  const header = bytes[offset]!;
  if (header & 0x80) return null; // F
  const type = (header >> 1) & 0x3f;
  if (type < H265PacketType.Ap) {
    return {
      keyframe: isKey(type),
      frameStart: startsPicture(type, bytes, offset + 2, end),
      detail: `single ${h265NalTypeName(type)}`,
    };
  }
  if (type === H265PacketType.Ap) {
    let keyframe = false;
    let frameStart = false;
    let names = "";
    let cut = false;
    let i = offset + 2;
    while (i < end) {
      const nal = i + 2;
      if (nal + 2 > end) {
        cut = true;
        break;
      }
      const size = (bytes[i]! << 8) | bytes[i + 1]!;
      if (size < 2 || nal + size > end) {
        cut = true;
        break;
      }
      const inner = (bytes[nal]! >> 1) & 0x3f;
      keyframe ||= isKey(inner);
      frameStart ||= startsPicture(inner, bytes, nal + 2, end);
      names += ` ${h265NalTypeName(inner)}`;
      i = nal + size;
    }
    return { keyframe, frameStart, detail: `AP${names}${cut ? " (cut)" : ""}` };
  }
  if (type === H265PacketType.Fu) {
    if (offset + 2 >= end) return { keyframe: false, frameStart: false, detail: "FU without FU header" };
    const fu = bytes[offset + 2]!;
    const start = (fu & 0x80) !== 0;
    const last = (fu & 0x40) !== 0;
    const inner = fu & 0x3f;
    return {
      keyframe: isKey(inner),
      frameStart: start && startsPicture(inner, bytes, offset + 3, end),
      detail: `FU${start ? " start" : ""}${last ? " end" : ""} ${h265NalTypeName(inner)}`,
    };
  }
  if (type === H265PacketType.Paci) return { keyframe: false, frameStart: false, detail: "PACI" };
  return { keyframe: false, frameStart: false, detail: `unspecified packet type ${type}` };
}

function isKey(type: number): boolean {
  return (type >= 16 && type <= 23) || type === 32 || type === 33;
}

/** A VCL unit with `first_slice_segment_in_pic_flag` set; `at` is the first byte after its NAL header. */
function startsPicture(type: number, bytes: Uint8Array, at: number, end: number): boolean {
  return type < 32 && at < end && (bytes[at]! & 0x80) !== 0;
}
