/**
 * RTP (RFC 3550): the header with its CSRCs, padding and header extension ({@linkcode decodeRtp} and the
 * allocation-free {@linkcode RtpReader}), RFC 8285 extension elements ({@linkcode decodeHeaderExtension},
 * {@linkcode RtpExtensionReader}), the values of the extensions WebRTC senders write
 * ({@linkcode decodeWellKnownExtensions}), key-frame and frame-boundary inspection of H.264, H.265, VP8, VP9 and AV1
 * payloads ({@linkcode inspectPayload}), and the RFC 3551 static payload types ({@linkcode staticPayloadType}).
 *
 * Decoders never throw on bad bytes and never read outside the bytes they are given: a malformed packet is a
 * {@linkcode DecodeFailure} or a status, as everywhere in `protocols/`.
 *
 * @example From a UDP payload to a transport-wide sequence number and a key frame
 * ```ts
 * import { decodeRtp, decodeWellKnownExtensions, inspectPayload, TRANSPORT_WIDE_CC_URI } from "./mod.ts";
 * import { isFailure } from "../decode_result.ts";
 * import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
 * const udpPayload = new Uint8Array([
 *   0x90, 0xe0, 0x00, 0x07, 0x00, 0x00, 0x03, 0x84, 0x11, 0x22, 0x33, 0x44, // V=2 X M PT=96 seq=7 ts=900
 *   0xbe, 0xde, 0x00, 0x01, 0x31, 0x00, 0x2a, 0x00, // one-byte form: ID 3, 2 bytes = 42
 *   0x65, 0x88, 0x84, // H.264 IDR slice, first_mb_in_slice 0
 * ]);
 * const packet = decodeRtp(udpPayload);
 * ok(!isFailure(packet) && packet.extension !== null);
 * const extmap = new Map([[3, TRANSPORT_WIDE_CC_URI]]);
 * deepStrictEqual(decodeWellKnownExtensions(udpPayload, packet.extension.elements, extmap), [
 *   { kind: "transport-wide-cc", id: 3, sequence: 42 },
 * ]);
 * strictEqual(inspectPayload("H264", udpPayload, packet.payloadOffset, packet.payloadLength)?.keyframe, true);
 * ```
 * @module
 */
// This module is browser compatible.

export type { DecodeFailure } from "../decode_result.ts";
export * from "./header.ts";
export * from "./extensions.ts";
export * from "./well_known_extensions.ts";
export * from "./payload_types.ts";
export * from "./codecs/mod.ts";
