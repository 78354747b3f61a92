/**
 * Helpers shared by the descriptor decoders. A decoder gets the descriptor's body (the bytes after tag and length, a
 * view) and returns its fields or a failure; it never reads past the body.
 *
 * @module
 */
// This module is browser compatible.

import { type DecodeFailure, failure } from "../../decode_result.ts";

/**
 * The failure for a body shorter than the descriptor needs.
 * @param name The descriptor's name.
 * @param need Bytes it needs.
 * @param have Bytes the body has.
 * @returns A "bad-length" failure at offset `have`.
 * @private
 */
export function tooShort(name: string, need: number, have: number): DecodeFailure {
  return failure("psi", "bad-length", have, `${name} descriptor needs ${need} bytes, its body has ${have}`);
}

/**
 * Four bytes as text when they are printable ASCII (a registration format_identifier such as "AC-3"), else null.
 * @private
 */
export function fourCc(data: Uint8Array, offset: number): string | null {
  let s = "";
  for (let i = offset; i < offset + 4; i++) {
    const c = data[i];
    if (c === undefined || c < 0x20 || c > 0x7e) return null;
    s += String.fromCharCode(c);
  }
  return s;
}
