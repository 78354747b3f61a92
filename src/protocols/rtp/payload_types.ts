/**
 * Static RTP payload types of the RTP/AVP profile, RFC 3551 §6 Tables 4 and 5, and the RTP/RTCP payload type clash of
 * RFC 5761 §4.
 *
 * Payload types 96–127 are dynamic: their meaning comes from SDP `a=rtpmap`. 72–76 are reserved so that an RTP packet
 * with the marker bit set cannot look like RTCP (SR 200 … APP 204 once the M bit is added); RFC 5761 §4 widens this
 * to 64–95 when RTP and RTCP share a port.
 *
 * @example Look up a payload type
 * ```ts
 * import { staticPayloadType } from "./payload_types.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * deepStrictEqual(staticPayloadType(9), { payloadType: 9, name: "G722", media: "audio", clockRate: 8000, channels: 1 });
 * deepStrictEqual(staticPayloadType(96), null);
 * ```
 * @module
 */
// This module is browser compatible.

/** One row of RFC 3551 Table 4 (audio) or Table 5 (video). */
export interface StaticPayloadType {
  /** 0–34. */
  payloadType: number;
  /** Encoding name as SDP writes it. */
  name: string;
  /** "audio", "video", or "audio/video" for MP2T (33). */
  media: "audio" | "video" | "audio/video";
  /** RTP clock rate in Hz. */
  clockRate: number;
  /** Audio channels; 0 where the table says nothing (video, and MPA, whose channel count is in its frames). */
  channels: number;
}

function pt(
  payloadType: number,
  name: string,
  media: StaticPayloadType["media"],
  clockRate: number,
  channels: number,
): StaticPayloadType {
  return Object.freeze({ payloadType, name, media, clockRate, channels });
}

/** RFC 3551 §6, Tables 4 and 5. PT 1, 2 and 19 are reserved; 20–24, 27 and 29–30 unassigned. */
const TABLE: ReadonlyMap<number, StaticPayloadType> = new Map([
  pt(0, "PCMU", "audio", 8000, 1),
  pt(3, "GSM", "audio", 8000, 1),
  pt(4, "G723", "audio", 8000, 1),
  pt(5, "DVI4", "audio", 8000, 1),
  pt(6, "DVI4", "audio", 16000, 1),
  pt(7, "LPC", "audio", 8000, 1),
  pt(8, "PCMA", "audio", 8000, 1),
  // G.722 samples at 16 kHz, but its RTP clock runs at 8000 Hz: an error in RFC 1890 kept for compatibility (RFC 3551
  // §4.5.2).
  pt(9, "G722", "audio", 8000, 1),
  pt(10, "L16", "audio", 44100, 2),
  pt(11, "L16", "audio", 44100, 1),
  pt(12, "QCELP", "audio", 8000, 1),
  pt(13, "CN", "audio", 8000, 1),
  pt(14, "MPA", "audio", 90000, 0),
  pt(15, "G728", "audio", 8000, 1),
  pt(16, "DVI4", "audio", 11025, 1),
  pt(17, "DVI4", "audio", 22050, 1),
  pt(18, "G729", "audio", 8000, 1),
  pt(25, "CelB", "video", 90000, 0),
  pt(26, "JPEG", "video", 90000, 0),
  pt(28, "nv", "video", 90000, 0),
  pt(31, "H261", "video", 90000, 0),
  pt(32, "MPV", "video", 90000, 0),
  pt(33, "MP2T", "audio/video", 90000, 0),
  pt(34, "H263", "video", 90000, 0),
].map((row) => [row.payloadType, row]));

/**
 * The static payload type `payloadType`, from RFC 3551.
 * @param payloadType 0–127.
 * @returns The table row, or null for reserved, unassigned and dynamic payload types.
 */
export function staticPayloadType(payloadType: number): StaticPayloadType | null {
  return TABLE.get(payloadType) ?? null;
}

/** What RFC 3551 §6 and RFC 5761 §4 say about a payload type number. */
export type PayloadTypeClass = "static" | "reserved" | "unassigned" | "dynamic";

/**
 * Classifies a payload type number.
 * @param payloadType 0–127.
 * @returns "static" (in the table), "reserved" (1, 2, 19, and 72–76 for RTCP), "dynamic" (96–127), or "unassigned".
 * @example
 * ```ts
 * import { payloadTypeClass } from "./payload_types.ts";
 * import { strictEqual } from "node:assert/strict";
 * strictEqual(payloadTypeClass(0), "static");
 * strictEqual(payloadTypeClass(72), "reserved");
 * strictEqual(payloadTypeClass(111), "dynamic");
 * ```
 */
export function payloadTypeClass(payloadType: number): PayloadTypeClass {
  if (TABLE.has(payloadType)) return "static";
  if (payloadType === 1 || payloadType === 2 || payloadType === 19 || (payloadType >= 72 && payloadType <= 76)) {
    return "reserved";
  }
  return payloadType >= 96 && payloadType <= 127 ? "dynamic" : "unassigned";
}

/**
 * True for payload types 64–95, which RFC 5761 §4 says not to use when RTP and RTCP share a port: with the marker bit
 * set, the packet's second byte would be 192–223, the range of RTCP packet types (SR 200, RR 201, SDES 202, …), and a
 * demultiplexer that looks at that byte would take it for RTCP.
 *
 * @param payloadType 0–127.
 * @returns Whether the payload type clashes with RTCP.
 * @example
 * ```ts
 * import { isRtcpPayloadTypeRange } from "./payload_types.ts";
 * import { strictEqual } from "node:assert/strict";
 * strictEqual(isRtcpPayloadTypeRange(72), true); // 0x80 | 72 = 200, an RTCP sender report
 * strictEqual(isRtcpPayloadTypeRange(96), false);
 * ```
 */
export function isRtcpPayloadTypeRange(payloadType: number): boolean {
  return payloadType >= 64 && payloadType <= 95;
}
