/**
 * AVC_video_descriptor, tag 0x28 (ISO/IEC 13818-1 §2.6.64–§2.6.65, Table 2-92):
 * ```text
 * profile_idc (8) | constraint_set0_flag … constraint_set5_flag (6) AVC_compatible_flags (2) | level_idc (8)
 * | AVC_still_present (1) AVC_24_hour_picture_flag (1) Frame_Packing_SEI_not_present_flag (1) reserved (5)
 * ```
 *
 * @module
 */
// This module is browser compatible.

import type { Decoded } from "../../decode_result.ts";
import { tooShort } from "./_body.ts";

/** A decoded AVC_video_descriptor. */
export interface AvcVideoDescriptor {
  readonly kind: "avc_video";
  /** profile_idc of ITU-T H.264 (66 baseline, 77 main, 100 high…). */
  readonly profileIdc: number;
  /** constraint_set0_flag … constraint_set5_flag, in that order. */
  readonly constraintSets: readonly boolean[];
  readonly compatibleFlags: number;
  /** level_idc (e.g. 30 for level 3.0). */
  readonly levelIdc: number;
  readonly stillPresent: boolean;
  readonly twentyFourHourPicture: boolean;
  readonly framePackingSeiNotPresent: boolean;
}

/**
 * Decodes an AVC_video_descriptor body.
 * @param data The body.
 * @returns The fields, or a failure for a body under 4 bytes.
 * @example High profile, level 4.0
 * ```ts
 * import { decodeAvcVideoDescriptor } from "./avc_video.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const d = decodeAvcVideoDescriptor(new Uint8Array([100, 0x00, 40, 0x3f]));
 * deepStrictEqual("kind" in d && [d.profileIdc, d.levelIdc], [100, 40]);
 * ```
 */
export function decodeAvcVideoDescriptor(data: Uint8Array): Decoded<AvcVideoDescriptor> {
  if (data.length < 4) return tooShort("AVC_video", 4, data.length);
  const c = data[1]!;
  return {
    kind: "avc_video",
    profileIdc: data[0]!,
    constraintSets: [0x80, 0x40, 0x20, 0x10, 0x08, 0x04].map((bit) => (c & bit) !== 0),
    compatibleFlags: c & 0x03,
    levelIdc: data[2]!,
    stillPresent: (data[3]! & 0x80) !== 0,
    twentyFourHourPicture: (data[3]! & 0x40) !== 0,
    framePackingSeiNotPresent: (data[3]! & 0x20) !== 0,
  };
}
