/**
 * The shape every codec inspector returns. Re-exported by `inspect.ts`.
 *
 * @module
 */
// This module is browser compatible.

/**
 * What the first bytes of one RTP payload say about the video frame it belongs to.
 *
 * - `keyframe`: the packet carries key-frame data that these bytes can identify. H.264 and H.265 name the NAL type in
 *   every packet, so every packet of an IDR/IRAP picture (and any packet with an SPS, or a VPS/SPS) says true. VP8,
 *   VP9 and AV1 mark only the first packet of a key frame; the packets after it say false.
 * - `frameStart`: the packet holds the first byte of a picture's coded data (the first slice, the first partition,
 *   the start of the frame or of the temporal unit). Parameter sets and SEI sent before it do not count.
 * - `frameEnd`: present only where the payload format itself marks the last packet of a frame (VP9's E bit); the RTP
 *   marker bit is the general answer.
 * - `detail`: a short human summary, e.g. `"FU-A start IDR"`.
 */
export interface CodecPayloadInfo {
  keyframe: boolean;
  frameStart: boolean;
  frameEnd?: boolean;
  detail: string;
}

/**
 * The end of the payload `[offset, offset + length)` clamped to the bytes, or -1 when the range is empty or not a
 * range at all (a negative or NaN offset). @private
 */
export function payloadEnd(bytes: Uint8Array, offset: number, length: number): number {
  const end = Math.min(bytes.length, offset + length);
  return offset >= 0 && end > offset ? end : -1;
}
