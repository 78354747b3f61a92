/**
 * VP9 RTP payloads, RFC 9628 §4.2: the payload descriptor, and on the first packet of a frame the start of the VP9
 * uncompressed header.
 *
 * ```text
 *         0 1 2 3 4 5 6 7
 *        +-+-+-+-+-+-+-+-+
 *        |I|P|L|F|B|E|V|Z| (REQUIRED)
 *        +-+-+-+-+-+-+-+-+
 *   I:   |M| PICTURE ID  | (RECOMMENDED)
 *        +-+-+-+-+-+-+-+-+
 *   M:   | EXTENDED PID  | (RECOMMENDED)
 *        +-+-+-+-+-+-+-+-+
 *   L:   |  TID  |U| SID |D| (Conditionally RECOMMENDED)
 *        +-+-+-+-+-+-+-+-+
 *        |   TL0PICIDX   | (only in non-flexible mode, F = 0)
 *        +-+-+-+-+-+-+-+-+                             -\
 *   P,F: | P_DIFF      |N| (Conditionally REQUIRED)    - up to 3 times
 *        +-+-+-+-+-+-+-+-+                             -/
 *   V:   | SS            |
 *        | ..            |
 *        +-+-+-+-+-+-+-+-+
 * ```
 * The scalability structure (§4.2.1): `N_S(3) Y G -(3)`, then N_S + 1 × (WIDTH, HEIGHT) when Y, then when G the
 * number of picture groups N_G and for each `TID(3) U R(2) -(2)` and R × P_DIFF.
 *
 * B marks the start of a (layer) frame and E its end. P = 0 says the frame uses no inter-picture prediction: with B
 * set on spatial layer 0, a key frame. Some senders never set P (ffmpeg 5.1's `rtpenc_vp9` writes only B and E), so
 * when the frame's first bytes are in the packet, which they are whenever B is set, the VP9 uncompressed header
 * decides (VP9 spec §6.2): `frame_marker(2) profile_low_bit profile_high_bit [reserved_zero if profile 3]
 * show_existing_frame frame_type`, where frame_type 0 is KEY_FRAME. P decides only when those bytes are missing.
 *
 * @example The first packet of a key frame from Chromium (tests/testdata/rtp/chrome-vp9-two-byte.pcap)
 * ```ts
 * import { inspectVp9 } from "./vp9.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * // 0xbf: I, L, F, B, E, V (P clear); picture ID 7597; layer byte; SS: one 160x120 layer; header 0x83: KEY_FRAME.
 * const bytes = new Uint8Array([0xbf, 0x9d, 0xad, 0x10, 0x10, 0x00, 0xa0, 0x00, 0x78, 0x83, 0x49, 0x83, 0x42]);
 * deepStrictEqual(inspectVp9(bytes), {
 *   keyframe: true,
 *   frameStart: true,
 *   frameEnd: true,
 *   detail: "BE key frame, picture ID 7597, SID 0",
 * });
 * ```
 * @module
 */
// This module is browser compatible.

import { type CodecPayloadInfo, payloadEnd } from "./_info.ts";

const FRAME_MARKER = 2;

/**
 * Inspects a VP9 payload descriptor and, on the first packet of a frame, the frame type.
 *
 * @param bytes Bytes holding the payload.
 * @param offset First payload byte.
 * @param length Payload bytes (padding excluded); clamped to the bytes present.
 * @returns What the payload says, or null when it is empty or its descriptor is cut.
 */
export function inspectVp9(
  bytes: Uint8Array,
  offset = 0,
  length: number = bytes.length - offset,
): CodecPayloadInfo | null {
  const end = payloadEnd(bytes, offset, length);
  if (end < 0) return null;
  const b0 = bytes[offset]!;
  const pictureIdPresent = (b0 & 0x80) !== 0;
  const interPredicted = (b0 & 0x40) !== 0;
  const layerIndices = (b0 & 0x20) !== 0;
  const flexible = (b0 & 0x10) !== 0;
  const begin = (b0 & 0x08) !== 0;
  const last = (b0 & 0x04) !== 0;
  const structure = (b0 & 0x02) !== 0;
  let i = offset + 1;
  let pictureId = -1;
  if (pictureIdPresent) {
    if (i >= end) return null;
    const m = bytes[i]!;
    if (m & 0x80) {
      if (i + 1 >= end) return null;
      pictureId = ((m & 0x7f) << 8) | bytes[i + 1]!;
      i += 2;
    } else {
      pictureId = m;
      i += 1;
    }
  }
  let spatialId = 0;
  if (layerIndices) {
    if (i >= end) return null;
    spatialId = (bytes[i]! >> 1) & 0x07;
    i += flexible ? 1 : 2; // non-flexible mode adds TL0PICIDX
  }
  if (flexible && interPredicted) {
    for (let k = 0; k < 3; k++) { // P_DIFF entries while N is set, at most 3
      if (i >= end) return null;
      if ((bytes[i++]! & 0x01) === 0) break;
    }
  }
  if (structure) {
    i = skipScalabilityStructure(bytes, i, end);
    if (i < 0) return null;
  }
  if (i > end) return null;

  const picture = pictureId >= 0 ? `, picture ID ${pictureId}` : "";
  const layer = layerIndices ? `, SID ${spatialId}` : "";
  const marks = `${begin ? "B" : ""}${last ? "E" : ""}`;
  const frameStart = begin && spatialId === 0;
  if (!begin) {
    return { keyframe: false, frameStart, frameEnd: last, detail: `${marks || "middle"}${picture}${layer}` };
  }
  const frameType = uncompressedFrameType(bytes, i, end);
  // The frame header decides when it is there; P = 0 when it is not (spatial layer 0 only: upper layers of a key
  // picture are predicted from the layer below).
  const keyframe = spatialId === 0 && (frameType === "key" || (frameType === "unknown" && !interPredicted));
  let what: string;
  if (frameType === "key") what = "key frame";
  else if (frameType === "inter") {
    what = interPredicted || spatialId > 0 ? "inter frame" : "inter frame (P=0 but the header says inter)";
  } else if (frameType === "existing") what = "shows an existing frame";
  else what = interPredicted ? "inter frame" : "non-predicted frame";
  return { keyframe, frameStart, frameEnd: last, detail: `${marks} ${what}${picture}${layer}` };
}

/** Skips the SS data at `i`; returns the next offset, or -1 when it is cut. */
function skipScalabilityStructure(bytes: Uint8Array, i: number, end: number): number {
  if (i >= end) return -1;
  const ss = bytes[i++]!;
  const spatialLayers = (ss >> 5) + 1;
  if (ss & 0x10) i += 4 * spatialLayers; // Y: WIDTH and HEIGHT per layer
  if (ss & 0x08) { // G
    if (i >= end) return -1;
    const groups = bytes[i++]!;
    for (let g = 0; g < groups; g++) {
      if (i >= end) return -1;
      const refs = (bytes[i++]! >> 2) & 0x03;
      i += refs;
    }
  }
  return i > end ? -1 : i;
}

/** The frame type in the VP9 uncompressed header at `i`, or "unknown" when it is not there or not VP9. */
function uncompressedFrameType(bytes: Uint8Array, i: number, end: number): "key" | "inter" | "existing" | "unknown" {
  if (i >= end) return "unknown";
  const b = bytes[i]!;
  if (b >> 6 !== FRAME_MARKER) return "unknown";
  const profile = ((b >> 5) & 1) | (((b >> 4) & 1) << 1);
  const shift = profile === 3 ? 1 : 0; // profile 3 adds reserved_zero
  if ((b >> (3 - shift)) & 1) return "existing";
  return (b >> (2 - shift)) & 1 ? "inter" : "key";
}
