/**
 * audio_stream_descriptor, tag 0x03 (ISO/IEC 13818-1 §2.6.4–§2.6.5, Table 2-47):
 * `free_format_flag (1) ID (1) layer (2) variable_rate_audio_indicator (1) reserved (3)`.
 *
 * @module
 */
// This module is browser compatible.

import type { Decoded } from "../../decode_result.ts";
import { tooShort } from "./_body.ts";

/** A decoded audio_stream_descriptor. */
export interface AudioStreamDescriptor {
  readonly kind: "audio_stream";
  readonly freeFormat: boolean;
  /** ID: 1 for ISO/IEC 11172-3 sampling rates, 0 for the lower ISO/IEC 13818-3 rates. */
  readonly id: number;
  /** layer as coded in the audio header: 3 = Layer I, 2 = Layer II, 1 = Layer III. */
  readonly layer: number;
  readonly variableRate: boolean;
}

/**
 * Decodes an audio_stream_descriptor body.
 * @param data The body.
 * @returns The fields, or a failure for an empty body.
 * @example Layer II at an ISO/IEC 11172-3 rate
 * ```ts
 * import { decodeAudioStreamDescriptor } from "./audio_stream.ts";
 * import { strictEqual } from "node:assert/strict";
 * const d = decodeAudioStreamDescriptor(new Uint8Array([0x67]));
 * strictEqual("kind" in d && d.layer, 2);
 * ```
 */
export function decodeAudioStreamDescriptor(data: Uint8Array): Decoded<AudioStreamDescriptor> {
  if (data.length < 1) return tooShort("audio_stream", 1, 0);
  const b = data[0]!;
  return {
    kind: "audio_stream",
    freeFormat: (b & 0x80) !== 0,
    id: (b >>> 6) & 0x01,
    layer: (b >>> 4) & 0x03,
    variableRate: (b & 0x08) !== 0,
  };
}
