/**
 * data_stream_alignment_descriptor, tag 0x06 (ISO/IEC 13818-1 §2.6.10–§2.6.11, Table 2-52): `alignment_type (8)`.
 *
 * Its meaning depends on the stream: for video, the PES packets whose data_alignment_indicator is set start with the
 * syntax element of the video alignment table (Table 2-53; AVC streams use the AVC table, Table 2-54); for audio, the
 * audio alignment table (Table 2-55: 1 = syncword). The descriptor does not say which; the PMT's stream_type does, so
 * both meanings are given.
 *
 * @module
 */
// This module is browser compatible.

import type { Decoded } from "../../decode_result.ts";
import { tooShort } from "./_body.ts";

/** A decoded data_stream_alignment_descriptor. */
export interface DataStreamAlignmentDescriptor {
  readonly kind: "data_stream_alignment";
  readonly alignmentType: number;
  /** Meaning for an ISO/IEC 13818-2 / 11172-2 video stream (Table 2-53). */
  readonly video: string;
  /** Meaning for an AVC/SVC/MVC video stream (Table 2-54). */
  readonly avc: string;
  /** Meaning for an audio stream (Table 2-55). */
  readonly audio: string;
}

const VIDEO: readonly string[] = ["reserved", "slice or video access unit", "video access unit", "GOP or SEQ", "SEQ"];
const AVC: readonly string[] = [
  "reserved",
  "AVC slice or AVC access unit",
  "AVC access unit",
  "SVC slice or SVC dependency representation",
  "SVC dependency representation",
  "MVC slice or MVC view-component subset",
  "MVC view-component subset",
  "MVCD slice or MVCD view-component subset",
  "MVCD view-component subset",
];

/**
 * Name of an alignment_type for video (Table 2-53).
 * @param type alignment_type.
 * @returns The syntax element, or "reserved".
 */
export function videoAlignmentName(type: number): string {
  return VIDEO[type] ?? "reserved";
}

/**
 * Name of an alignment_type for AVC video (Table 2-54).
 * @param type alignment_type.
 * @returns The syntax element, or "reserved".
 */
export function avcAlignmentName(type: number): string {
  return AVC[type] ?? "reserved";
}

/**
 * Name of an alignment_type for audio (Table 2-55).
 * @param type alignment_type.
 * @returns "syncword" for 1, else "reserved".
 */
export function audioAlignmentName(type: number): string {
  return type === 1 ? "syncword" : "reserved";
}

/**
 * Decodes a data_stream_alignment_descriptor body.
 * @param data The body.
 * @returns The alignment type with its video, AVC and audio meanings, or a failure for an empty body.
 * @example Alignment type 2
 * ```ts
 * import { decodeDataStreamAlignmentDescriptor } from "./data_stream_alignment.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const d = decodeDataStreamAlignmentDescriptor(new Uint8Array([2]));
 * deepStrictEqual("kind" in d && [d.video, d.audio], ["video access unit", "reserved"]);
 * ```
 */
export function decodeDataStreamAlignmentDescriptor(data: Uint8Array): Decoded<DataStreamAlignmentDescriptor> {
  if (data.length < 1) return tooShort("data_stream_alignment", 1, 0);
  const t = data[0]!;
  return {
    kind: "data_stream_alignment",
    alignmentType: t,
    video: videoAlignmentName(t),
    avc: avcAlignmentName(t),
    audio: audioAlignmentName(t),
  };
}
