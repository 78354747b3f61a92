/**
 * VP8 RTP payloads, RFC 7741 §4.2 (payload descriptor) and §4.3 (payload header).
 *
 * ```text
 *       0 1 2 3 4 5 6 7
 *      +-+-+-+-+-+-+-+-+
 *      |X|R|N|S|R| PID | (REQUIRED)
 *      +-+-+-+-+-+-+-+-+
 * X:   |I|L|T|K| RSV   | (OPTIONAL)
 *      +-+-+-+-+-+-+-+-+
 * I:   |M| PictureID   | (OPTIONAL, 15 bits when M)
 *      +-+-+-+-+-+-+-+-+
 * M:   | PictureID     |
 *      +-+-+-+-+-+-+-+-+
 * L:   |   TL0PICIDX   | (OPTIONAL)
 *      +-+-+-+-+-+-+-+-+
 * T/K: |TID|Y| KEYIDX  | (OPTIONAL)
 *      +-+-+-+-+-+-+-+-+
 * ```
 * S marks the first packet of a VP8 partition and PID the partition index, so S = 1 and PID = 0 is the first packet
 * of a frame. That packet's payload starts with the VP8 payload header (the frame tag of RFC 6386 §9.1):
 * ```text
 *  0 1 2 3 4 5 6 7
 * +-+-+-+-+-+-+-+-+
 * |Size0|H| VER |P|
 * +-+-+-+-+-+-+-+-+
 * ```
 * P is the inverse key frame flag: 0 for a key frame.
 *
 * @example The first packet of a key frame (tests/testdata/rtp/ffmpeg-vp8.pcap): X, S; I with a 15-bit picture ID
 * ```ts
 * import { inspectVp8 } from "./vp8.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * deepStrictEqual(inspectVp8(new Uint8Array([0x90, 0x80, 0x80, 0x00, 0x70, 0x39, 0x00, 0x9d, 0x01, 0x2a])), {
 *   keyframe: true,
 *   frameStart: true,
 *   detail: "start key frame, picture ID 0",
 * });
 * ```
 * @module
 */
// This module is browser compatible.

import { type CodecPayloadInfo, payloadEnd } from "./_info.ts";

/**
 * Inspects a VP8 payload descriptor and, on the first packet of a frame, the key frame flag.
 *
 * @param bytes Bytes holding the payload.
 * @param offset First payload byte.
 * @param length Payload bytes (padding excluded); clamped to the bytes present.
 * @returns What the payload says, or null when it is empty or its descriptor is cut.
 */
export function inspectVp8(
  bytes: Uint8Array,
  offset = 0,
  length: number = bytes.length - offset,
): CodecPayloadInfo | null {
  const end = payloadEnd(bytes, offset, length);
  if (end < 0) return null;
  const b0 = bytes[offset]!;
  const start = (b0 & 0x10) !== 0;
  const partition = b0 & 0x07;
  let i = offset + 1;
  let pictureId = -1;
  let temporal = "";
  if (b0 & 0x80) { // X
    if (i >= end) return null;
    const x = bytes[i++]!;
    if (x & 0x80) { // I
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
    if (x & 0x40) i++; // L: TL0PICIDX
    if (x & 0x30) { // T or K
      if (i >= end) return null;
      if (x & 0x20) temporal = `, TID ${bytes[i]! >> 6}`;
      i++;
    }
    if (i > end) return null;
  }
  const picture = pictureId >= 0 ? `, picture ID ${pictureId}` : "";
  if (!start || partition !== 0) {
    const where = start ? `start of partition ${partition}` : "continuation";
    return { keyframe: false, frameStart: false, detail: `${where}${picture}${temporal}` };
  }
  if (i >= end) return { keyframe: false, frameStart: true, detail: `start, no payload header${picture}${temporal}` };
  const keyframe = (bytes[i]! & 0x01) === 0;
  return { keyframe, frameStart: true, detail: `start ${keyframe ? "key" : "inter"} frame${picture}${temporal}` };
}
