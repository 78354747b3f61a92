/**
 * MPEG-4 profile descriptors (ISO/IEC 13818-1 §2.6.36–§2.6.39):
 * - MPEG-4_video_descriptor, tag 0x1B (Table 2-69): MPEG-4_visual_profile_and_level (8, ISO/IEC 14496-2 Annex G);
 * - MPEG-4_audio_descriptor, tag 0x1C (Table 2-70): MPEG-4_audio_profile_and_level (8, Table 2-71).
 *
 * @module
 */
// This module is browser compatible.

import type { Decoded } from "../../decode_result.ts";
import { tooShort } from "./_body.ts";

/** A decoded MPEG-4_video_descriptor. */
export interface Mpeg4VideoDescriptor {
  readonly kind: "mpeg4_video";
  readonly profileAndLevel: number;
}

/** A decoded MPEG-4_audio_descriptor. */
export interface Mpeg4AudioDescriptor {
  readonly kind: "mpeg4_audio";
  /** MPEG-4_audio_profile_and_level, e.g. 0x28–0x2B AAC profile L1–L4, 0x2C–0x2F High Efficiency AAC L2–L5. */
  readonly profileAndLevel: number;
}

/**
 * Decodes an MPEG-4_video_descriptor body.
 * @param data The body.
 * @returns The profile and level, or a failure for an empty body.
 * @example
 * ```ts
 * import { decodeMpeg4VideoDescriptor } from "./mpeg4.ts";
 * import { strictEqual } from "node:assert/strict";
 * const d = decodeMpeg4VideoDescriptor(new Uint8Array([0xf5]));
 * strictEqual("kind" in d && d.profileAndLevel, 0xf5);
 * ```
 */
export function decodeMpeg4VideoDescriptor(data: Uint8Array): Decoded<Mpeg4VideoDescriptor> {
  if (data.length < 1) return tooShort("MPEG-4_video", 1, 0);
  return { kind: "mpeg4_video", profileAndLevel: data[0]! };
}

/**
 * Decodes an MPEG-4_audio_descriptor body.
 * @param data The body.
 * @returns The profile and level, or a failure for an empty body.
 * @example
 * ```ts
 * import { decodeMpeg4AudioDescriptor } from "./mpeg4.ts";
 * import { strictEqual } from "node:assert/strict";
 * const d = decodeMpeg4AudioDescriptor(new Uint8Array([0x29]));
 * strictEqual("kind" in d && d.profileAndLevel, 0x29);
 * ```
 */
export function decodeMpeg4AudioDescriptor(data: Uint8Array): Decoded<Mpeg4AudioDescriptor> {
  if (data.length < 1) return tooShort("MPEG-4_audio", 1, 0);
  return { kind: "mpeg4_audio", profileAndLevel: data[0]! };
}
