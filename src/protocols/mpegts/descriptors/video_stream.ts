/**
 * video_stream_descriptor, tag 0x02 (ISO/IEC 13818-1 §2.6.2–§2.6.3, Table 2-46):
 * ```text
 * multiple_frame_rate_flag (1) frame_rate_code (4) MPEG_1_only_flag (1) constrained_parameter_flag (1)
 * still_picture_flag (1)
 * if MPEG_1_only_flag == 0: profile_and_level_indication (8) chroma_format (2) frame_rate_extension_flag (1) reserved (5)
 * ```
 *
 * @module
 */
// This module is browser compatible.

import type { Decoded } from "../../decode_result.ts";
import { tooShort } from "./_body.ts";

/** A decoded video_stream_descriptor. */
export interface VideoStreamDescriptor {
  readonly kind: "video_stream";
  readonly multipleFrameRate: boolean;
  /** frame_rate_code of ISO/IEC 13818-2 Table 6-4 (1 = 23.976 … 8 = 60). */
  readonly frameRateCode: number;
  /** MPEG_1_only_flag: the stream is ISO/IEC 11172-2 only, and the last two bytes are absent. */
  readonly mpeg1Only: boolean;
  readonly constrainedParameter: boolean;
  readonly stillPicture: boolean;
  /** profile_and_level_indication, chroma_format (1 4:2:0, 2 4:2:2, 3 4:4:4), frame_rate_extension_flag. */
  readonly mpeg2: {
    readonly profileAndLevel: number;
    readonly chromaFormat: number;
    readonly frameRateExtension: boolean;
  } | null;
}

/**
 * Decodes a video_stream_descriptor body.
 * @param data The body (after tag and length).
 * @returns The fields, or a failure when the body is too short for its MPEG_1_only_flag.
 * @example Main profile at main level, 4:2:0, 25 Hz
 * ```ts
 * import { decodeVideoStreamDescriptor } from "./video_stream.ts";
 * import { strictEqual } from "node:assert/strict";
 * const d = decodeVideoStreamDescriptor(new Uint8Array([0x18, 0x48, 0x5f]));
 * strictEqual("kind" in d && d.mpeg2?.profileAndLevel, 0x48);
 * ```
 */
export function decodeVideoStreamDescriptor(data: Uint8Array): Decoded<VideoStreamDescriptor> {
  if (data.length < 1) return tooShort("video_stream", 1, data.length);
  const b0 = data[0]!;
  const mpeg1Only = (b0 & 0x04) !== 0;
  if (!mpeg1Only && data.length < 3) return tooShort("video_stream", 3, data.length);
  return {
    kind: "video_stream",
    multipleFrameRate: (b0 & 0x80) !== 0,
    frameRateCode: (b0 >>> 3) & 0x0f,
    mpeg1Only,
    constrainedParameter: (b0 & 0x02) !== 0,
    stillPicture: (b0 & 0x01) !== 0,
    mpeg2: mpeg1Only
      ? null
      : { profileAndLevel: data[1]!, chromaFormat: data[2]! >>> 6, frameRateExtension: (data[2]! & 0x20) !== 0 },
  };
}
