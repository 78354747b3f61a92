/**
 * SDP (RFC 8866) for netpix: {@linkcode parseSdp} reads an offer, an answer, an ffmpeg `-sdp_file` or a pasted
 * media-only fragment into netpix's own {@linkcode SdpSession} model; {@linkcode portsOf} lists the addresses and ports
 * it announces for RTP and RTCP, and {@linkcode clockRateFor} gives the clock rate of a payload type. Bad input gives a
 * {@linkcode DecodeFailure} naming the line, never an exception.
 *
 * @example Find the clock rate of the packets arriving on a port
 * ```ts
 * import { clockRateFor, parseSdp, portsOf } from "./mod.ts";
 * import { isFailure } from "../decode_result.ts";
 * import { ok, strictEqual } from "node:assert/strict";
 * const sdp = parseSdp([
 *   "v=0", "o=- 0 0 IN IP4 127.0.0.1", "s=netpix demo", "c=IN IP4 127.0.0.1", "t=0 0",
 *   "m=video 5004 RTP/AVP 96", "a=rtpmap:96 H264/90000",
 *   "m=audio 5006 RTP/AVP 0",
 * ].join("\r\n"));
 * ok(!isFailure(sdp));
 * strictEqual(portsOf(sdp).length, 4); // RTP and RTCP (port + 1) of each section
 * strictEqual(clockRateFor(sdp, 96, 5004), 90000);
 * strictEqual(sdp.media[1]?.payloadTypes.get(0)?.encoding, "PCMU"); // RFC 3551 static type, no rtpmap needed
 * ```
 * @module
 */
// This module is browser compatible.

export type { DecodeFailure } from "../decode_result.ts";
export * from "./types.ts";
export * from "./parse.ts";
export * from "./candidate.ts";
export * from "./ports.ts";
