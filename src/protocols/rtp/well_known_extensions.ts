/**
 * Names and values of the header extensions WebRTC senders write, given the `a=extmap` mapping of the session
 * (`Map<id, uri>`). Elements whose ID is not in the map, or whose URI is not one of these, stay raw.
 *
 * | URI | name | data |
 * | --- | --- | --- |
 * | `http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time` | abs-send-time | 24-bit send time, 6.18 fixed-point seconds |
 * | `http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01` | transport-wide-cc | 16-bit transport-wide sequence number |
 * | `urn:ietf:params:rtp-hdrext:ssrc-audio-level` | audio-level | RFC 6464 §3: V flag, level in -dBov (0–127) |
 * | `urn:ietf:params:rtp-hdrext:sdes:mid` | mid | RFC 9143 §15 (BUNDLE): the media section's identification tag |
 * | `urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id` | rid | RFC 8852 §3.1: RtpStreamId |
 * | `urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id` | repaired-rid | RFC 8852 §3.2: RepairedRtpStreamId |
 * | `http://www.webrtc.org/experiments/rtp-hdrext/playout-delay` | playout-delay | 12-bit min and max, in 10 ms |
 * | `urn:3gpp:video-orientation` | video-orientation | 3GPP TS 26.114 §7.4.5: C, F, R1 R0 |
 * | `urn:ietf:params:rtp-hdrext:toffset` | toffset | RFC 5450 §2: 24-bit signed transmission offset |
 *
 * The `decode…` functions return an object per element (the easy path); the `read…` functions return a number, or
 * -1 when the element is malformed, and allocate nothing (the hot path).
 *
 * @example Name the elements of a packet
 * ```ts
 * import { decodeRtp } from "./header.ts";
 * import { decodeWellKnownExtensions, TRANSPORT_WIDE_CC_URI } from "./well_known_extensions.ts";
 * import { isFailure } from "../decode_result.ts";
 * import { deepStrictEqual, ok } from "node:assert/strict";
 * const packet = new Uint8Array([
 *   0x90, 0x6f, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, // V=2 X=1 PT=111
 *   0xbe, 0xde, 0x00, 0x01, // one-byte form, 1 word
 *   0x41, 0x01, 0x2c, 0x00, // ID 4, 2 bytes: 300; padding
 * ]);
 * const p = decodeRtp(packet);
 * ok(!isFailure(p) && p.extension !== null);
 * const values = decodeWellKnownExtensions(packet, p.extension.elements, new Map([[4, TRANSPORT_WIDE_CC_URI]]));
 * deepStrictEqual(values, [{ kind: "transport-wide-cc", id: 4, sequence: 300 }]);
 * ```
 * @module
 */
// This module is browser compatible.

import { type Decoded, failure } from "../decode_result.ts";
import type { RtpExtensionElement } from "./extensions.ts";

/** abs-send-time (WebRTC): 3 bytes, the send time in 6.18 fixed-point seconds (mod 64 s). */
export const ABS_SEND_TIME_URI = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";
/** Transport-wide sequence number, draft-holmer-rmcat-transport-wide-cc-extensions-01 §2: 2 bytes. */
export const TRANSPORT_WIDE_CC_URI = "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01";
/** Client-to-mixer audio level, RFC 6464. */
export const AUDIO_LEVEL_URI = "urn:ietf:params:rtp-hdrext:ssrc-audio-level";
/** Media identification (BUNDLE), RFC 9143 §15 (was RFC 8843). */
export const MID_URI = "urn:ietf:params:rtp-hdrext:sdes:mid";
/** RtpStreamId, RFC 8852 §3.1. */
export const RID_URI = "urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id";
/** RepairedRtpStreamId, RFC 8852 §3.2. */
export const REPAIRED_RID_URI = "urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id";
/** Playout delay limits (WebRTC): 3 bytes. */
export const PLAYOUT_DELAY_URI = "http://www.webrtc.org/experiments/rtp-hdrext/playout-delay";
/** Coordination of video orientation, 3GPP TS 26.114 §7.4.5 (2-bit rotation granularity). */
export const VIDEO_ORIENTATION_URI = "urn:3gpp:video-orientation";
/** Transmission time offset, RFC 5450. */
export const TOFFSET_URI = "urn:ietf:params:rtp-hdrext:toffset";

/** Short name of each URI this module decodes. */
export const WELL_KNOWN_EXTENSIONS: ReadonlyMap<string, WellKnownExtensionName> = new Map([
  [ABS_SEND_TIME_URI, "abs-send-time"],
  [TRANSPORT_WIDE_CC_URI, "transport-wide-cc"],
  [AUDIO_LEVEL_URI, "audio-level"],
  [MID_URI, "mid"],
  [RID_URI, "rid"],
  [REPAIRED_RID_URI, "repaired-rid"],
  [PLAYOUT_DELAY_URI, "playout-delay"],
  [VIDEO_ORIENTATION_URI, "video-orientation"],
  [TOFFSET_URI, "toffset"],
]);

/** The `kind` of each decoded extension. */
export type WellKnownExtensionName =
  | "abs-send-time"
  | "transport-wide-cc"
  | "audio-level"
  | "mid"
  | "rid"
  | "repaired-rid"
  | "playout-delay"
  | "video-orientation"
  | "toffset";

/** abs-send-time. */
export interface AbsSendTime {
  kind: "abs-send-time";
  id: number;
  /** The 24-bit field. */
  raw: number;
  /** `raw / 2^18`: seconds, 0 to just under 64. */
  seconds: number;
}
/** Transport-wide sequence number. */
export interface TransportWideCc {
  kind: "transport-wide-cc";
  id: number;
  /** 16-bit sequence number, counted over every packet of the transport. */
  sequence: number;
}
/** Client-to-mixer audio level (RFC 6464 §3). */
export interface AudioLevel {
  kind: "audio-level";
  id: number;
  /** The V flag: the sender's voice activity detector says the packet holds speech (when it signals `vad=on`). */
  voice: boolean;
  /** 0–127: the level is minus this many dBov (127 = silence, or quieter). */
  level: number;
}
/** An SDES item carried as an extension: MID, RID or repaired RID. */
export interface SdesExtension {
  kind: "mid" | "rid" | "repaired-rid";
  id: number;
  /** The identifier, read as UTF-8. */
  value: string;
}
/** Playout delay limits. */
export interface PlayoutDelay {
  kind: "playout-delay";
  id: number;
  /** Minimum delay, in ms (12 bits × 10 ms). */
  minMs: number;
  /** Maximum delay, in ms (12 bits × 10 ms). */
  maxMs: number;
}
/** Coordination of video orientation (3GPP TS 26.114 §7.4.5). */
export interface VideoOrientation {
  kind: "video-orientation";
  id: number;
  /** C: 0 front-facing camera, 1 back-facing (or unknown). */
  camera: "front" | "back";
  /** F: the picture is flipped horizontally. */
  flip: boolean;
  /** R1 R0 × 90: rotation in degrees, counter-clockwise (TS 26.114 Table 7.2). */
  rotation: 0 | 90 | 180 | 270;
}
/** Transmission time offset (RFC 5450 §2). */
export interface TransmissionOffset {
  kind: "toffset";
  id: number;
  /** Signed offset of the send time from the RTP timestamp, in RTP timestamp units. */
  offset: number;
}
/** An element this module does not decode: its ID is not in the extmap, or its URI is not one of the above. */
export interface RawExtension {
  kind: "raw";
  id: number;
  /** The URI from the extmap, or null when the ID is not mapped. */
  uri: string | null;
  /** First data byte. */
  offset: number;
  /** Data bytes. */
  length: number;
}

/** Any decoded element. */
export type WellKnownExtension =
  | AbsSendTime
  | TransportWideCc
  | AudioLevel
  | SdesExtension
  | PlayoutDelay
  | VideoOrientation
  | TransmissionOffset
  | RawExtension;

/**
 * Decodes one element by the URI its ID maps to.
 *
 * @param bytes The packet.
 * @param element The element (from {@linkcode decodeRtp} or {@linkcode RtpExtensionReader}).
 * @param extmap ID → URI, as SDP `a=extmap` lines give them.
 * @returns The value; a `raw` entry for IDs and URIs not known here; a `bad-length` failure when the element is too
 *   short for its URI.
 * @example A playout-delay element of 3 bytes: min 100 ms, max 1 s
 * ```ts
 * import { decodeWellKnownExtension, PLAYOUT_DELAY_URI } from "./well_known_extensions.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const bytes = new Uint8Array([0x00, 0xa0, 0x64]); // MIN = 10, MAX = 100 (units of 10 ms)
 * const v = decodeWellKnownExtension(bytes, { id: 5, offset: 0, length: 3 }, new Map([[5, PLAYOUT_DELAY_URI]]));
 * deepStrictEqual(v, { kind: "playout-delay", id: 5, minMs: 100, maxMs: 1000 });
 * ```
 */
export function decodeWellKnownExtension(
  bytes: Uint8Array,
  element: RtpExtensionElement,
  extmap: ReadonlyMap<number, string>,
): Decoded<WellKnownExtension> {
  const { id, offset, length } = element;
  const uri = extmap.get(id) ?? null;
  const name = uri === null ? undefined : WELL_KNOWN_EXTENSIONS.get(uri);
  if (name === undefined || !(offset >= 0 && offset + length <= bytes.length)) {
    return { kind: "raw", id, uri, offset, length };
  }
  switch (name) {
    case "abs-send-time": {
      const raw = readAbsSendTime(bytes, offset, length);
      return raw < 0 ? tooShort(name, element, 3) : { kind: name, id, raw, seconds: raw / ABS_SEND_TIME_ONE_SECOND };
    }
    case "transport-wide-cc": {
      const sequence = readTransportWideSequence(bytes, offset, length);
      return sequence < 0 ? tooShort(name, element, 2) : { kind: name, id, sequence };
    }
    case "audio-level": {
      const b = readAudioLevel(bytes, offset, length);
      return b < 0 ? tooShort(name, element, 1) : { kind: name, id, voice: (b & 0x80) !== 0, level: b & 0x7f };
    }
    case "mid":
    case "rid":
    case "repaired-rid":
      if (length < 1) return tooShort(name, element, 1);
      return { kind: name, id, value: decodeText(bytes, offset, length) };
    case "playout-delay": {
      if (length < 3) return tooShort(name, element, 3);
      const v = be24(bytes, offset);
      return { kind: name, id, minMs: (v >> 12) * PLAYOUT_DELAY_UNIT_MS, maxMs: (v & 0xfff) * PLAYOUT_DELAY_UNIT_MS };
    }
    case "video-orientation": {
      if (length < 1) return tooShort(name, element, 1);
      const b = bytes[offset]!;
      return {
        kind: name,
        id,
        camera: (b & 0x08) !== 0 ? "back" : "front",
        flip: (b & 0x04) !== 0,
        rotation: ROTATIONS[b & 0x03]!,
      };
    }
    case "toffset": {
      if (length < 3) return tooShort(name, element, 3);
      const v = be24(bytes, offset);
      return { kind: name, id, offset: v & 0x800000 ? v - 0x1000000 : v };
    }
  }
}

/**
 * Decodes every element of a packet with {@linkcode decodeWellKnownExtension}.
 * @param bytes The packet.
 * @param elements Its elements, in order.
 * @param extmap ID → URI.
 * @returns One entry per element, failures included.
 */
export function decodeWellKnownExtensions(
  bytes: Uint8Array,
  elements: readonly RtpExtensionElement[],
  extmap: ReadonlyMap<number, string>,
): Decoded<WellKnownExtension>[] {
  return elements.map((e) => decodeWellKnownExtension(bytes, e, extmap));
}

/** 2^18: one second in abs-send-time's 6.18 fixed point. */
export const ABS_SEND_TIME_ONE_SECOND = 1 << 18;
const PLAYOUT_DELAY_UNIT_MS = 10;
const ROTATIONS = [0, 90, 180, 270] as const;

/**
 * Reads abs-send-time without allocating.
 * @param bytes The packet.
 * @param offset First data byte of the element.
 * @param length Data bytes of the element.
 * @returns The 24-bit value (seconds × 2^18), or -1 when fewer than 3 bytes are there.
 * @example 1.5 s
 * ```ts
 * import { ABS_SEND_TIME_ONE_SECOND, readAbsSendTime } from "./well_known_extensions.ts";
 * import { strictEqual } from "node:assert/strict";
 * strictEqual(readAbsSendTime(new Uint8Array([0x06, 0x00, 0x00]), 0, 3) / ABS_SEND_TIME_ONE_SECOND, 1.5);
 * ```
 */
export function readAbsSendTime(bytes: Uint8Array, offset: number, length: number): number {
  return length >= 3 && offset >= 0 && offset + 3 <= bytes.length ? be24(bytes, offset) : -1;
}

/**
 * Reads a transport-wide sequence number without allocating.
 * @param bytes The packet.
 * @param offset First data byte of the element.
 * @param length Data bytes of the element.
 * @returns The 16-bit sequence number, or -1 when fewer than 2 bytes are there.
 */
export function readTransportWideSequence(bytes: Uint8Array, offset: number, length: number): number {
  return length >= 2 && offset >= 0 && offset + 2 <= bytes.length ? (bytes[offset]! << 8) | bytes[offset + 1]! : -1;
}

/**
 * Reads the RFC 6464 audio-level byte without allocating.
 * @param bytes The packet.
 * @param offset First data byte of the element.
 * @param length Data bytes of the element.
 * @returns The byte (V in bit 7, level in bits 0–6), or -1 when the element is empty.
 */
export function readAudioLevel(bytes: Uint8Array, offset: number, length: number): number {
  return length >= 1 && offset >= 0 && offset < bytes.length ? bytes[offset]! : -1;
}

function be24(bytes: Uint8Array, offset: number): number {
  return (bytes[offset]! << 16) | (bytes[offset + 1]! << 8) | bytes[offset + 2]!;
}

const utf8 = new TextDecoder();

function decodeText(bytes: Uint8Array, offset: number, length: number): string {
  // Short ASCII is the rule for MID/RID (RFC 8851 §10: alphanumerics, '-' and '_'); avoid TextDecoder for it.
  let ascii = true;
  for (let i = offset; i < offset + length; i++) if (bytes[i]! >= 0x80) ascii = false;
  return ascii ? String.fromCharCode(...bytes.subarray(offset, offset + length)) : utf8.decode(
    bytes.subarray(offset, offset + length),
  );
}

function tooShort(name: WellKnownExtensionName, e: RtpExtensionElement, need: number) {
  return failure("rtp", "bad-length", e.offset, `${name} extension (ID ${e.id}) has ${e.length} bytes, needs ${need}`);
}
