/**
 * Two descriptors with one 32-bit layout (ISO/IEC 13818-1 §2.6.12–§2.6.15):
 * ```text
 * target_background_grid_descriptor, tag 0x07 (Table 2-56): horizontal_size (14) vertical_size (14) aspect_ratio_information (4)
 * video_window_descriptor, tag 0x08 (Table 2-57):           horizontal_offset (14) vertical_offset (14) window_priority (4)
 * ```
 *
 * @module
 */
// This module is browser compatible.

import type { Decoded } from "../../decode_result.ts";
import { tooShort } from "./_body.ts";

/** A target_background_grid_descriptor. */
export interface TargetBackgroundGridDescriptor {
  readonly kind: "target_background_grid";
  readonly horizontalSize: number;
  readonly verticalSize: number;
  /** aspect_ratio_information (ISO/IEC 13818-2 Table 6-3: 1 square, 2 4:3, 3 16:9, 4 2.21:1). */
  readonly aspectRatio: number;
}

/** A video_window_descriptor. */
export interface VideoWindowDescriptor {
  readonly kind: "video_window";
  readonly horizontalOffset: number;
  readonly verticalOffset: number;
  readonly windowPriority: number;
}

/** Splits 32 bits into 14 + 14 + 4. @private */
function split(data: Uint8Array): [number, number, number] {
  const h = (data[0]! << 6) | (data[1]! >>> 2);
  const v = ((data[1]! & 0x03) << 12) | (data[2]! << 4) | (data[3]! >>> 4);
  return [h, v, data[3]! & 0x0f];
}

/**
 * Decodes a target_background_grid_descriptor body.
 * @param data The body.
 * @returns The grid, or a failure for a body under 4 bytes.
 * @example A 720 × 576 grid, 4:3
 * ```ts
 * import { decodeTargetBackgroundGridDescriptor } from "./video_window.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const d = decodeTargetBackgroundGridDescriptor(new Uint8Array([0x0b, 0x40, 0x24, 0x02]));
 * deepStrictEqual("kind" in d && [d.horizontalSize, d.verticalSize, d.aspectRatio], [720, 576, 2]);
 * ```
 */
export function decodeTargetBackgroundGridDescriptor(data: Uint8Array): Decoded<TargetBackgroundGridDescriptor> {
  if (data.length < 4) return tooShort("target_background_grid", 4, data.length);
  const [horizontalSize, verticalSize, aspectRatio] = split(data);
  return { kind: "target_background_grid", horizontalSize, verticalSize, aspectRatio };
}

/**
 * Decodes a video_window_descriptor body.
 * @param data The body.
 * @returns The window, or a failure for a body under 4 bytes.
 * @example A window at (16, 8), priority 1
 * ```ts
 * import { decodeVideoWindowDescriptor } from "./video_window.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const d = decodeVideoWindowDescriptor(new Uint8Array([0x00, 0x40, 0x00, 0x81]));
 * deepStrictEqual("kind" in d && [d.horizontalOffset, d.verticalOffset, d.windowPriority], [16, 8, 1]);
 * ```
 */
export function decodeVideoWindowDescriptor(data: Uint8Array): Decoded<VideoWindowDescriptor> {
  if (data.length < 4) return tooShort("video_window", 4, data.length);
  const [horizontalOffset, verticalOffset, windowPriority] = split(data);
  return { kind: "video_window", horizontalOffset, verticalOffset, windowPriority };
}
