/**
 * Rapid Resynchronisation Request (RTCP-SR-REQ), RTPFB FMT 5 (RFC 6051 §3.1).
 *
 * @module
 */
// This module is browser compatible.

import { type Decoded, isFailure } from "../decode_result.ts";
import { countFciEntries, type FeedbackBase, feedbackBase } from "./feedback.ts";
import type { RtcpHeader } from "./header.ts";

/** A decoded RRR: the receiver asks the media source for an SR soon. */
export interface RapidResyncRequest extends FeedbackBase {
  /** Tells the union members apart. */
  readonly type: "rrr";
}

/**
 * Decodes an RRR. It has no FCI: the media SSRC says which sender should send an SR.
 *
 * ```text
 * |V=2|P|  FMT=5  |   PT=205      |          length=2             |
 * |                  SSRC of packet sender                        |
 * |                  SSRC of media source                         |
 * ```
 *
 * @param bytes The datagram (not copied).
 * @param h The packet's header, from {@linkcode decodeRtcpHeader}.
 * @returns The request, or a `bad-length` failure unless the packet is exactly 12 bytes before padding.
 * @example
 * ```ts
 * import { decodeRtcpHeader } from "./header.ts";
 * import { decodeRapidResyncRequest } from "./rapid_resync_request.ts";
 * import { isFailure } from "../decode_result.ts";
 * import { strictEqual } from "node:assert/strict";
 * const bytes = Uint8Array.from([0x85, 0xcd, 0, 2, 0, 0, 0, 1, 0x11, 0x22, 0x33, 0x44]);
 * const h = decodeRtcpHeader(bytes, 0, bytes.length);
 * const r = isFailure(h) ? h : decodeRapidResyncRequest(bytes, h);
 * strictEqual(!isFailure(r) && r.mediaSsrc, 0x11223344);
 * ```
 */
export function decodeRapidResyncRequest(bytes: Uint8Array, h: RtcpHeader): Decoded<RapidResyncRequest> {
  const n = countFciEntries(h, "RRR", 0, 0);
  if (isFailure(n)) return n;
  return { type: "rrr", ...feedbackBase(bytes, h) };
}
