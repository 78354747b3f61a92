/**
 * Codec inspection dispatched by the encoding name of SDP `a=rtpmap` (RFC 8866 §6.6): "H264", "H265", "VP8", "VP9",
 * "AV1". Names are matched without regard to case, as RFC 4855 §3 asks for media subtype names.
 *
 * @example Inspect a payload by codec name
 * ```ts
 * import { inspectPayload } from "./inspect.ts";
 * import { strictEqual } from "node:assert/strict";
 * const info = inspectPayload("h264", new Uint8Array([0x65, 0x88, 0x84]));
 * strictEqual(info?.keyframe, true);
 * strictEqual(inspectPayload("opus", new Uint8Array([0x78])), null);
 * ```
 * @module
 */
// This module is browser compatible.

import type { CodecPayloadInfo } from "./_info.ts";
import { inspectAv1 } from "./av1.ts";
import { inspectH264 } from "./h264.ts";
import { inspectH265 } from "./h265.ts";
import { inspectVp8 } from "./vp8.ts";
import { inspectVp9 } from "./vp9.ts";

export type { CodecPayloadInfo } from "./_info.ts";

/** An inspector: bytes, offset of the payload, payload length. */
export type CodecInspector = (bytes: Uint8Array, offset?: number, length?: number) => CodecPayloadInfo | null;

const INSPECTORS: ReadonlyMap<string, CodecInspector> = new Map([
  ["H264", inspectH264],
  ["H265", inspectH265],
  ["VP8", inspectVp8],
  ["VP9", inspectVp9],
  ["AV1", inspectAv1],
]);

/**
 * The inspector for an encoding name, to look up once per stream rather than once per packet.
 * @param codec The encoding name from `a=rtpmap` ("H264", "vp8", …).
 * @returns The inspector, or null for a codec without one (audio codecs among them).
 */
export function codecInspector(codec: string): CodecInspector | null {
  return INSPECTORS.get(codec.toUpperCase()) ?? null;
}

/**
 * Inspects one payload by codec name.
 * @param codec The encoding name from `a=rtpmap`.
 * @param bytes Bytes holding the payload.
 * @param offset First payload byte.
 * @param length Payload bytes (padding excluded).
 * @returns What the payload says, or null for an unknown codec or a payload the codec's inspector cannot read.
 */
export function inspectPayload(
  codec: string,
  bytes: Uint8Array,
  offset = 0,
  length: number = bytes.length - offset,
): CodecPayloadInfo | null {
  const inspect = codecInspector(codec);
  return inspect === null ? null : inspect(bytes, offset, length);
}
