/**
 * HEVC_video_descriptor, tag 0x38 (ISO/IEC 13818-1 §2.6.95–§2.6.96, Table 2-111):
 * ```text
 * profile_space (2) tier_flag (1) profile_idc (5) | profile_compatibility_indication (32)
 * | progressive_source_flag (1) interlaced_source_flag (1) non_packed_constraint_flag (1) frame_only_constraint_flag (1)
 *   copied_44bits (44) | level_idc (8)
 * | temporal_layer_subset_flag (1) HEVC_still_present_flag (1) HEVC_24hr_picture_present_flag (1)
 *   sub_pic_hrd_params_not_present_flag (1) reserved (2) HDR_WCG_idc (2)
 * if temporal_layer_subset_flag: reserved (5) temporal_id_min (3) | reserved (5) temporal_id_max (3)
 * ```
 *
 * @module
 */
// This module is browser compatible.

import type { Decoded } from "../../decode_result.ts";
import { be32 } from "../../_bytes.ts";
import { tooShort } from "./_body.ts";

/** A decoded HEVC_video_descriptor. */
export interface HevcVideoDescriptor {
  readonly kind: "hevc_video";
  readonly profileSpace: number;
  readonly tier: number;
  /** profile_idc of ITU-T H.265 (1 Main, 2 Main 10…). */
  readonly profileIdc: number;
  readonly profileCompatibility: number;
  readonly progressiveSource: boolean;
  readonly interlacedSource: boolean;
  readonly nonPackedConstraint: boolean;
  readonly frameOnlyConstraint: boolean;
  /** level_idc: 30 × the level (93 = level 3.1). */
  readonly levelIdc: number;
  readonly stillPresent: boolean;
  readonly twentyFourHourPicturePresent: boolean;
  readonly subPicHrdParamsNotPresent: boolean;
  /** HDR_WCG_idc: 0 SDR, 1 WCG, 2 HDR and WCG, 3 unspecified. */
  readonly hdrWcgIdc: number;
  readonly temporalIdMin: number | null;
  readonly temporalIdMax: number | null;
}

/**
 * Decodes an HEVC_video_descriptor body.
 * @param data The body.
 * @returns The fields, or a failure for a body under 13 bytes (15 with a temporal layer subset).
 * @example Main profile, main tier, level 3.1
 * ```ts
 * import { decodeHevcVideoDescriptor } from "./hevc_video.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const d = decodeHevcVideoDescriptor(new Uint8Array([0x01, 0x60, 0, 0, 0, 0x90, 0, 0, 0, 0, 0, 93, 0x03]));
 * deepStrictEqual("kind" in d && [d.profileIdc, d.levelIdc, d.progressiveSource], [1, 93, true]);
 * ```
 */
export function decodeHevcVideoDescriptor(data: Uint8Array): Decoded<HevcVideoDescriptor> {
  if (data.length < 13) return tooShort("HEVC_video", 13, data.length);
  const flags = data[12]!;
  const temporalSubset = (flags & 0x80) !== 0;
  if (temporalSubset && data.length < 15) return tooShort("HEVC_video", 15, data.length);
  return {
    kind: "hevc_video",
    profileSpace: data[0]! >>> 6,
    tier: (data[0]! >>> 5) & 0x01,
    profileIdc: data[0]! & 0x1f,
    profileCompatibility: be32(data, 1),
    progressiveSource: (data[5]! & 0x80) !== 0,
    interlacedSource: (data[5]! & 0x40) !== 0,
    nonPackedConstraint: (data[5]! & 0x20) !== 0,
    frameOnlyConstraint: (data[5]! & 0x10) !== 0,
    levelIdc: data[11]!,
    stillPresent: (flags & 0x40) !== 0,
    twentyFourHourPicturePresent: (flags & 0x20) !== 0,
    subPicHrdParamsNotPresent: (flags & 0x10) !== 0,
    hdrWcgIdc: flags & 0x03,
    temporalIdMin: temporalSubset ? data[13]! & 0x07 : null,
    temporalIdMax: temporalSubset ? data[14]! & 0x07 : null,
  };
}
