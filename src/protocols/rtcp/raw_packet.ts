/**
 * Packets kept raw: any PT this package does not decode (e.g. 195 IJ, 208+), and feedback messages with an FMT it
 * does not decode. They are kept, not dropped, so a compound's later packets still decode (pion `RawPacket`).
 *
 * @module
 */
// This module is browser compatible.

import { type Decoded, isFailure } from "../decode_result.ts";
import { countFciEntries, FEEDBACK_HEADER_LENGTH, type FeedbackBase, feedbackBase } from "./feedback.ts";
import { RTCP_HEADER_LENGTH, type RtcpHeader, type RtcpPacketBase } from "./header.ts";

/** A packet of a type this package does not decode. */
export interface UnknownRtcpPacket extends RtcpPacketBase {
  /** Tells the union members apart. */
  readonly type: "unknown";
  /** The PT byte. */
  readonly packetType: number;
  /** The 5-bit count field. */
  readonly count: number;
  /** Everything after the 4-byte header up to the padding (a view into the datagram). */
  readonly body: Uint8Array;
}

/** A transport-layer feedback message (PT 205) with an FMT not decoded here. */
export interface RtpfbUnknown extends FeedbackBase {
  /** Tells the union members apart. */
  readonly type: "rtpfb-unknown";
  /** The FMT from the header's count field. */
  readonly fmt: number;
  /** The Feedback Control Information (a view into the datagram). */
  readonly fci: Uint8Array;
}

/** A payload-specific feedback message (PT 206) with an FMT not decoded here, or an FMT 15 that is not REMB. */
export interface PsfbUnknown extends FeedbackBase {
  /** Tells the union members apart. */
  readonly type: "psfb-unknown";
  /** The FMT from the header's count field. */
  readonly fmt: number;
  /** The Feedback Control Information (a view into the datagram). */
  readonly fci: Uint8Array;
}

/**
 * Keeps a packet of any type raw. Never fails: the header was already checked.
 *
 * @param bytes The datagram (not copied; `body` is a view into it).
 * @param h The packet's header, from {@linkcode decodeRtcpHeader}.
 * @returns The packet.
 * @example An IJ packet (PT 195, RFC 5450) with one jitter value
 * ```ts
 * import { decodeRtcpHeader } from "./header.ts";
 * import { decodeUnknownPacket } from "./raw_packet.ts";
 * import { isFailure } from "../decode_result.ts";
 * import { strictEqual } from "node:assert/strict";
 * const bytes = Uint8Array.from([0x81, 0xc3, 0, 1, 0, 0, 0, 42]);
 * const h = decodeRtcpHeader(bytes, 0, bytes.length);
 * const p = isFailure(h) ? h : decodeUnknownPacket(bytes, h);
 * strictEqual(!isFailure(p) && p.packetType === 195 && p.body.length, 4);
 * ```
 */
export function decodeUnknownPacket(bytes: Uint8Array, h: RtcpHeader): UnknownRtcpPacket {
  return {
    type: "unknown",
    offset: h.offset,
    byteLength: h.byteLength,
    padding: h.padding,
    packetType: h.packetType,
    count: h.count,
    body: bytes.subarray(h.offset + RTCP_HEADER_LENGTH, h.contentEnd),
  };
}

/**
 * Keeps a transport-layer feedback message raw.
 *
 * @param bytes The datagram (not copied; `fci` is a view into it).
 * @param h The packet's header, from {@linkcode decodeRtcpHeader}.
 * @returns The message, or a `bad-length` failure when the two SSRCs do not fit.
 * @example An ECN feedback (FMT 8, RFC 6679) kept raw
 * ```ts
 * import { decodeRtcpHeader } from "./header.ts";
 * import { decodeRtpfbUnknown } from "./raw_packet.ts";
 * import { isFailure } from "../decode_result.ts";
 * import { strictEqual } from "node:assert/strict";
 * const bytes = Uint8Array.from([0x88, 0xcd, 0, 3, 0, 0, 0, 1, 0, 0, 0, 2, 1, 2, 3, 4]);
 * const h = decodeRtcpHeader(bytes, 0, bytes.length);
 * const p = isFailure(h) ? h : decodeRtpfbUnknown(bytes, h);
 * strictEqual(!isFailure(p) && p.fmt === 8 && p.fci.length, 4);
 * ```
 */
export function decodeRtpfbUnknown(bytes: Uint8Array, h: RtcpHeader): Decoded<RtpfbUnknown> {
  const n = countFciEntries(h, `RTPFB FMT ${h.count}`, 1, 0);
  if (isFailure(n)) return n;
  return {
    type: "rtpfb-unknown",
    ...feedbackBase(bytes, h),
    fmt: h.count,
    fci: bytes.subarray(h.offset + FEEDBACK_HEADER_LENGTH, h.contentEnd),
  };
}

/**
 * Keeps a payload-specific feedback message raw.
 *
 * @param bytes The datagram (not copied; `fci` is a view into it).
 * @param h The packet's header, from {@linkcode decodeRtcpHeader}.
 * @returns The message, or a `bad-length` failure when the two SSRCs do not fit.
 * @example An application layer feedback that is not REMB
 * ```ts
 * import { decodeRtcpHeader } from "./header.ts";
 * import { decodePsfbUnknown } from "./raw_packet.ts";
 * import { isFailure } from "../decode_result.ts";
 * import { strictEqual } from "node:assert/strict";
 * const bytes = Uint8Array.from([0x8f, 0xce, 0, 3, 0, 0, 0, 1, 0, 0, 0, 2, 0x41, 0x42, 0x43, 0x44]);
 * const h = decodeRtcpHeader(bytes, 0, bytes.length);
 * const p = isFailure(h) ? h : decodePsfbUnknown(bytes, h);
 * strictEqual(!isFailure(p) && p.fmt, 15);
 * ```
 */
export function decodePsfbUnknown(bytes: Uint8Array, h: RtcpHeader): Decoded<PsfbUnknown> {
  const n = countFciEntries(h, `PSFB FMT ${h.count}`, 1, 0);
  if (isFailure(n)) return n;
  return {
    type: "psfb-unknown",
    ...feedbackBase(bytes, h),
    fmt: h.count,
    fci: bytes.subarray(h.offset + FEEDBACK_HEADER_LENGTH, h.contentEnd),
  };
}
