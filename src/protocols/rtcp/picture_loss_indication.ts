/**
 * Picture Loss Indication, PSFB FMT 1 (RFC 4585 §6.3.1).
 *
 * @module
 */
// This module is browser compatible.

import { type Decoded, isFailure } from "../decode_result.ts";
import { countFciEntries, type FeedbackBase, feedbackBase } from "./feedback.ts";
import type { RtcpHeader } from "./header.ts";

/** A decoded PLI: the receiver lost an unknown part of a picture and asks for a key frame. */
export interface PictureLossIndication extends FeedbackBase {
  /** Tells the union members apart. */
  readonly type: "pli";
}

/**
 * Decodes a PLI. It has no FCI ("the length field MUST be 2", RFC 4585 §6.3.1).
 *
 * ```text
 * |V=2|P|  FMT=1  |   PT=206      |          length=2             |
 * |                  SSRC of packet sender                        |
 * |                  SSRC of media source                         |
 * ```
 *
 * @param bytes The datagram (not copied).
 * @param h The packet's header, from {@linkcode decodeRtcpHeader}.
 * @returns The PLI, or a `bad-length` failure unless the packet is exactly 12 bytes before padding.
 * @example
 * ```ts
 * import { decodeRtcpHeader } from "./header.ts";
 * import { decodePictureLossIndication } from "./picture_loss_indication.ts";
 * import { isFailure } from "../decode_result.ts";
 * import { strictEqual } from "node:assert/strict";
 * const bytes = Uint8Array.from([0x81, 0xce, 0, 2, 0, 0, 0, 1, 0x11, 0x22, 0x33, 0x44]);
 * const h = decodeRtcpHeader(bytes, 0, bytes.length);
 * const pli = isFailure(h) ? h : decodePictureLossIndication(bytes, h);
 * strictEqual(!isFailure(pli) && pli.mediaSsrc, 0x11223344);
 * ```
 */
export function decodePictureLossIndication(bytes: Uint8Array, h: RtcpHeader): Decoded<PictureLossIndication> {
  const n = countFciEntries(h, "PLI", 0, 0);
  if (isFailure(n)) return n;
  return { type: "pli", ...feedbackBase(bytes, h) };
}
