/**
 * Private helpers shared by the RTCP decoders: signed 24-bit reads, text decoding that never throws, and the failure
 * builder with the protocol name filled in.
 *
 * @module
 */
// This module is browser compatible.

import { type DecodeFailure, failure, type FailureReason } from "../decode_result.ts";

export { be16, be32 } from "../_bytes.ts";

/** Reads a signed 24-bit big-endian integer (cumulative lost, TWCC reference time). @private */
export function be24s(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset]! << 24) | (bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8)) >> 8;
}

/** Reads a signed 16-bit big-endian integer. @private */
export function be16s(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset]! << 24) | (bytes[offset + 1]! << 16)) >> 16;
}

/** A failure with `protocol: "rtcp"`. @private */
export function rtcpFailure(reason: FailureReason, offset: number, detail: string): DecodeFailure {
  return failure("rtcp", reason, offset, detail);
}

// One decoder for the whole module: `fatal: false` replaces invalid sequences with U+FFFD instead of throwing (the
// original tool panicked on them, netpix-original.md §8.3), `ignoreBOM: true` keeps a leading BOM as text.
const UTF8 = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });

/**
 * Decodes `bytes[start, end)` as UTF-8, replacing invalid sequences with U+FFFD. (An ASCII-only loop was tried for the
 * short CNAMEs; decode_bench.ts showed no measurable gain over TextDecoder, so there is one path.)
 * @private
 */
export function utf8(bytes: Uint8Array, start: number, end: number): string {
  return UTF8.decode(bytes.subarray(start, end));
}

/** Decodes `bytes[start, end)` one byte per character (ISO 8859-1), for fields the RFCs call ASCII. @private */
export function latin1(bytes: Uint8Array, start: number, end: number): string {
  let s = "";
  for (let i = start; i < end; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}
