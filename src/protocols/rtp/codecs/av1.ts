/**
 * AV1 RTP payloads, "RTP Payload Format For AV1" (AOMedia, v1.0.0) §4.4: the aggregation header and the OBU
 * elements after it.
 *
 * ```text
 *  0 1 2 3 4 5 6 7
 * +-+-+-+-+-+-+-+-+
 * |Z|Y| W |N|-|-|-|
 * +-+-+-+-+-+-+-+-+
 * ```
 * Z: the first OBU element continues an OBU from the previous packet. Y: the last one goes on in the next packet.
 * W: the number of OBU elements; 0 means every element is preceded by its length (LEB128), 1–3 means every element but
 * the last is. N: the packet is the first of a coded video sequence, that is of a key frame.
 *
 * Each OBU starts with its header (AV1 spec §5.3.2):
 * ```text
 *  0 1 2 3 4 5 6 7
 * +-+-+-+-+-+-+-+-+
 * |F| type  |X|S|R|
 * +-+-+-+-+-+-+-+-+
 * ```
 * A frame starts at an element that is not a continuation and whose OBU is a sequence header (1), a temporal
 * delimiter (2), a frame header (3) or a frame (6).
 *
 * @example The first packet of a key frame from Chromium (tests/testdata/rtp/chrome-av1.pcap)
 * ```ts
 * import { inspectAv1 } from "./av1.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * // 0x28: N, W=2; an 11-byte sequence header (OBU 0x08) with its length, then a frame (OBU 0x30) without one.
 * const bytes = new Uint8Array([0x28, 0x0b, 0x08, 0, 0, 0, 0x04, 0x3c, 0xff, 0xbc, 0x01, 0xa0, 0x08, 0x30, 0x10, 0x4b]);
 * deepStrictEqual(inspectAv1(bytes), { keyframe: true, frameStart: true, detail: "N W=2 SEQUENCE_HEADER FRAME" });
 * ```
 * @module
 */
// This module is browser compatible.

import { type CodecPayloadInfo, payloadEnd } from "./_info.ts";

/** OBU types, AV1 spec §6.2.2. */
export const Av1ObuType = {
  SequenceHeader: 1,
  TemporalDelimiter: 2,
  FrameHeader: 3,
  TileGroup: 4,
  Metadata: 5,
  Frame: 6,
  RedundantFrameHeader: 7,
  TileList: 8,
  Padding: 15,
} as const;

const OBU_NAMES: readonly string[] = [
  "reserved 0",
  "SEQUENCE_HEADER",
  "TEMPORAL_DELIMITER",
  "FRAME_HEADER",
  "TILE_GROUP",
  "METADATA",
  "FRAME",
  "REDUNDANT_FRAME_HEADER",
  "TILE_LIST",
];

/**
 * Name of an AV1 OBU type.
 * @param type 0–15.
 * @returns The spec's name, e.g. "FRAME", or "reserved N".
 */
export function av1ObuTypeName(type: number): string {
  return type === 15 ? "PADDING" : OBU_NAMES[type] ?? `reserved ${type}`;
}

/** At most this many OBU elements are named in `detail`. */
const MAX_NAMED_ELEMENTS = 8;

/** Where the last {@linkcode readLeb128} stopped (module scratch, so that reading allocates nothing). */
let lebNext = 0;

/** LEB128 (AV1 spec §4.10.5), at most 8 bytes; -1 when cut or longer. Sets `lebNext`. @private */
function readLeb128(bytes: Uint8Array, i: number, end: number): number {
  let value = 0;
  let scale = 1;
  for (let k = 0; k < 8 && i < end; k++) {
    const b = bytes[i++]!;
    value += (b & 0x7f) * scale;
    if ((b & 0x80) === 0) {
      lebNext = i;
      return value;
    }
    scale *= 128;
  }
  return -1;
}

/**
 * Inspects the aggregation header of an AV1 payload and the headers of the OBUs that start in it.
 *
 * @param bytes Bytes holding the payload.
 * @param offset First payload byte.
 * @param length Payload bytes (padding excluded); clamped to the bytes present.
 * @returns What the payload says, or null when it is empty.
 */
export function inspectAv1(
  bytes: Uint8Array,
  offset = 0,
  length: number = bytes.length - offset,
): CodecPayloadInfo | null {
  const end = payloadEnd(bytes, offset, length);
  if (end < 0) return null;
  const h = bytes[offset]!;
  const continuation = (h & 0x80) !== 0;
  const continues = (h & 0x40) !== 0;
  const count = (h >> 4) & 0x03;
  const newSequence = (h & 0x08) !== 0;

  let names = "";
  let firstType = -1;
  let cut = false;
  let i = offset + 1;
  for (let element = 1; i < end; element++) {
    if (element > MAX_NAMED_ELEMENTS) {
      names += " …";
      break;
    }
    const lastOfW = count !== 0 && element === count; // the last of W elements has no length field
    let size = end - i;
    if (!lastOfW) {
      size = readLeb128(bytes, i, end);
      if (size < 0) {
        cut = true;
        break;
      }
      i = lebNext;
    }
    if (size === 0 || i + size > end) {
      cut = true;
      break;
    }
    if (element === 1 && continuation) names += " (continued)";
    else {
      const type = (bytes[i]! >> 3) & 0x0f;
      if (element === 1) firstType = type;
      names += ` ${av1ObuTypeName(type)}`;
    }
    i += size;
    if (lastOfW) break;
  }

  const flags = `${continuation ? "Z " : ""}${continues ? "Y " : ""}${newSequence ? "N " : ""}W=${count}`;
  const frameStart = !continuation &&
    (firstType === Av1ObuType.SequenceHeader || firstType === Av1ObuType.TemporalDelimiter ||
      firstType === Av1ObuType.FrameHeader || firstType === Av1ObuType.Frame);
  return { keyframe: newSequence, frameStart, detail: `${flags}${names}${cut ? " (cut)" : ""}` };
}
