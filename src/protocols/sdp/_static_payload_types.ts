/**
 * RTP payload types with a static assignment, RFC 3551 §6 (tables 4 and 5). An SDP may list them in `m=` without an
 * `a=rtpmap` line; this table gives their encoding name and clock rate then.
 *
 * TODO(lead): src/protocols/rtp/payload_types.ts holds the same table for RTP; merge the two into one module.
 *
 * @module
 */
// This module is browser compatible.

/** One row of RFC 3551 §6. `channels` is given for audio only (MPA has none). */
export interface StaticPayloadType {
  readonly encoding: string;
  readonly clockRate: number;
  readonly channels?: number;
}

const audio = (encoding: string, clockRate: number, channels = 1): StaticPayloadType => ({
  encoding,
  clockRate,
  channels,
});
const video = (encoding: string): StaticPayloadType => ({ encoding, clockRate: 90_000 });

/** RFC 3551 §6, table 4 (audio) and table 5 (video). PTs 1, 2 and 19 are reserved; 20–24, 27, 29 and 30 unassigned. */
export const STATIC_PAYLOAD_TYPES: ReadonlyMap<number, StaticPayloadType> = new Map([
  [0, audio("PCMU", 8000)],
  [3, audio("GSM", 8000)],
  [4, audio("G723", 8000)],
  [5, audio("DVI4", 8000)],
  [6, audio("DVI4", 16_000)],
  [7, audio("LPC", 8000)],
  [8, audio("PCMA", 8000)],
  [9, audio("G722", 8000)], // 16 kHz sampling, but the RTP clock is 8000 (RFC 3551 §4.5.2)
  [10, audio("L16", 44_100, 2)],
  [11, audio("L16", 44_100, 1)],
  [12, audio("QCELP", 8000)],
  [13, audio("CN", 8000)],
  [14, { encoding: "MPA", clockRate: 90_000 }], // RFC 3551 §4.5.13: channels vary, the table leaves them blank
  [15, audio("G728", 8000)],
  [16, audio("DVI4", 11_025)],
  [17, audio("DVI4", 22_050)],
  [18, audio("G729", 8000)],
  [25, video("CelB")],
  [26, video("JPEG")],
  [28, video("nv")],
  [31, video("H261")],
  [32, video("MPV")],
  [33, video("MP2T")],
  [34, video("H263")],
]);
