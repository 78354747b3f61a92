/**
 * The shape every session-layer decoder (RTP, RTCP, STUN/TURN, MPEG-TS, SDP) returns: a value, or a typed failure
 * that says why and where. Decoders never throw on bad bytes; malformed packets are normal in a capture.
 *
 * @example Tell a failure from a value
 * ```ts
 * import { type Decoded, failure, isFailure } from "./decode_result.ts";
 * import { strictEqual } from "node:assert/strict";
 * function firstByte(b: Uint8Array): Decoded<{ value: number }> {
 *   return b.length < 1 ? failure("rtp", "truncated", 0, "need 1 byte") : { value: b[0]! };
 * }
 * const r = firstByte(new Uint8Array(0));
 * strictEqual(isFailure(r) && r.reason, "truncated");
 * ```
 * @module
 */
// This module is browser compatible.

/** Which decoder failed. */
export type DecodedProtocol = "rtp" | "rtcp" | "stun" | "turn" | "mpegts" | "psi" | "pes" | "sdp";

/** Why a decoder gave up. */
export type FailureReason =
  /** Fewer bytes than the structure needs. */
  | "truncated"
  /** A version field the decoder does not speak. */
  | "bad-version"
  /** A length field that disagrees with the bytes (too short, past the end, not a multiple…). */
  | "bad-length"
  /** A field holds a value the spec forbids (reserved bits, marker bits, magic cookie…). */
  | "bad-value"
  /** A checksum or CRC does not match. */
  | "bad-crc";

/** Why and where a decoder gave up; build one with {@linkcode failure}. */
export interface DecodeFailure {
  /** Always false: what tells a failure from a decoded value. */
  readonly ok: false;
  /** The decoder that failed. */
  readonly protocol: DecodedProtocol;
  /** The kind of problem. */
  readonly reason: FailureReason;
  /** Byte offset, within the bytes given to the decoder, where the problem was found. */
  readonly offset: number;
  /** One human sentence, e.g. "RTCP length says 28 bytes, 20 remain". */
  readonly detail: string;
}

/** A decoded value, or why not. Values carry no `ok` field of their own; test with {@linkcode isFailure}. */
export type Decoded<T> = T | DecodeFailure;

/** Builds a {@linkcode DecodeFailure}. */
export function failure(
  protocol: DecodedProtocol,
  reason: FailureReason,
  offset: number,
  detail: string,
): DecodeFailure {
  return { ok: false, protocol, reason, offset, detail };
}

/** True when `r` is a failure rather than a value. */
export function isFailure<T>(r: Decoded<T>): r is DecodeFailure {
  return typeof r === "object" && r !== null && (r as { ok?: unknown }).ok === false;
}
