/**
 * Cheap inspection of video RTP payloads: key frames and frame boundaries from the first bytes of a packet, one module
 * per payload format (H.264 RFC 6184, H.265 RFC 7798, VP8 RFC 7741, VP9 RFC 9628, AV1 AOM v1.0.0), dispatched by the
 * `a=rtpmap` encoding name in `inspect.ts`.
 *
 * @example Look up the inspector once per stream, then call it per packet
 * ```ts
 * import { codecInspector } from "./mod.ts";
 * import { strictEqual } from "node:assert/strict";
 * const inspect = codecInspector("VP8")!;
 * strictEqual(inspect(new Uint8Array([0x10, 0x50]))?.keyframe, true);
 * ```
 * @module
 */
// This module is browser compatible.

export * from "./inspect.ts";
export * from "./h264.ts";
export * from "./h265.ts";
export * from "./vp8.ts";
export * from "./vp9.ts";
export * from "./av1.ts";
