/**
 * What the feedback messages of RFC 4585 §6.1 share: the header with FMT, the two SSRCs, and the FMT numbers for
 * transport-layer (RTPFB, PT 205) and payload-specific (PSFB, PT 206) feedback.
 *
 * ```text
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|   FMT   |       PT      |          length               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of packet sender                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  SSRC of media source                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * :            Feedback Control Information (FCI)                 :
 * ```
 *
 * @module
 */
// This module is browser compatible.

import type { DecodeFailure } from "../decode_result.ts";
import { be32, rtcpFailure } from "./_common.ts";
import { RTCP_HEADER_LENGTH, type RtcpHeader, type RtcpPacketBase } from "./header.ts";

/** FMT values of transport-layer feedback (PT 205) decoded here. */
export const RtpfbFmt = {
  /** Generic NACK, RFC 4585 §6.2.1. */
  NACK: 1,
  /** Temporary Maximum Media Stream Bit Rate Request, RFC 5104 §4.2.1. */
  TMMBR: 3,
  /** Temporary Maximum Media Stream Bit Rate Notification, RFC 5104 §4.2.2. */
  TMMBN: 4,
  /** Rapid Resynchronisation Request (RTCP-SR-REQ), RFC 6051 §3.1. */
  RRR: 5,
  /** Transport-wide congestion control, draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1. */
  TWCC: 15,
} as const;

/** FMT values of payload-specific feedback (PT 206) decoded here. */
export const PsfbFmt = {
  /** Picture Loss Indication, RFC 4585 §6.3.1. */
  PLI: 1,
  /** Slice Loss Indication, RFC 4585 §6.3.2. */
  SLI: 2,
  /** Reference Picture Selection Indication, RFC 4585 §6.3.3. */
  RPSI: 3,
  /** Full Intra Request, RFC 5104 §4.3.1. */
  FIR: 4,
  /** Application layer feedback, RFC 4585 §6.4; decoded when it is REMB (draft-alvestrand-rmcat-remb-03 §2.2). */
  AFB: 15,
} as const;

/** Header, sender SSRC and media SSRC. */
export const FEEDBACK_HEADER_LENGTH: number = RTCP_HEADER_LENGTH + 8;

/** Fields every feedback message carries. */
export interface FeedbackBase extends RtcpPacketBase {
  /** SSRC of the packet's sender. */
  readonly senderSsrc: number;
  /** SSRC of the media source the feedback is about (0 where the message says so, e.g. REMB). */
  readonly mediaSsrc: number;
}

/** Reads the sender and media SSRCs. The caller has checked that 12 bytes are there. @private */
export function feedbackBase(bytes: Uint8Array, h: RtcpHeader): FeedbackBase {
  return {
    offset: h.offset,
    byteLength: h.byteLength,
    padding: h.padding,
    senderSsrc: be32(bytes, h.offset + RTCP_HEADER_LENGTH),
    mediaSsrc: be32(bytes, h.offset + RTCP_HEADER_LENGTH + 4),
  };
}

/**
 * Checks that a feedback message holds its two SSRCs and an FCI made of whole `entrySize`-byte entries, at least
 * `minEntries` of them (RFC 4585 §6.1: "The FCI field MUST contain at least one" entry for the messages that have
 * one). `entrySize` 0 means the message has no FCI at all.
 *
 * @returns The number of FCI entries, or a `bad-length` failure.
 * @private
 */
export function countFciEntries(
  h: RtcpHeader,
  name: string,
  entrySize: number,
  minEntries: number,
): number | DecodeFailure {
  const fci = h.contentEnd - h.offset - FEEDBACK_HEADER_LENGTH;
  if (fci < 0) {
    return rtcpFailure("bad-length", h.offset + 2, `${name} needs 12 bytes, its length gives ${fci + 12}`);
  }
  if (entrySize === 0) {
    return fci === 0 ? 0 : rtcpFailure("bad-length", h.offset + 2, `${name} has no FCI, but ${fci} bytes follow`);
  }
  if (fci % entrySize !== 0 || fci / entrySize < minEntries) {
    return rtcpFailure(
      "bad-length",
      h.offset + 2,
      `${name} FCI of ${fci} bytes is not ${
        minEntries > 0 ? "one or more" : "a whole number of"
      } ${entrySize}-byte entries`,
    );
  }
  return fci / entrySize;
}
