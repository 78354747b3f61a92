/**
 * The blob encoding of WebRTC event logs v2 (WebRTC `logging/rtc_event_log/encoder/blob_encoding.cc`), used for the
 * RTCP packets after a batch's first: N LEB128 varint lengths, then the N blobs back to back. The string must hold
 * exactly that, nothing more.
 * @module
 */
// This module is browser compatible.

import type { DeltaFailure } from "./delta.ts";

/**
 * Splits `input` into `count` blobs (views into `input`, not copies).
 *
 * @param input The `*_blobs` bytes.
 * @param count The batch's `number_of_deltas`.
 * @returns The blobs, or why not.
 *
 * @example Two blobs of 1 and 2 bytes
 * ```ts
 * import { decodeBlobs } from "./blob.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * deepStrictEqual(decodeBlobs(new Uint8Array([1, 2, 9, 8, 7]), 2), [new Uint8Array([9]), new Uint8Array([8, 7])]);
 * ```
 */
export function decodeBlobs(input: Uint8Array, count: number): Uint8Array[] | DeltaFailure {
  if (count <= 0) return [];
  const lengths = new Array<number>(count);
  let at = 0;
  for (let i = 0; i < count; i++) {
    let v = 0;
    let scale = 1;
    let done = false;
    for (let k = 0; k < 10 && at < input.length; k++) {
      const b = input[at++]!;
      v += (b & 0x7f) * scale;
      scale *= 128;
      if ((b & 0x80) === 0) {
        done = true;
        break;
      }
    }
    if (!done) return { ok: false, detail: `blob length ${i + 1} of ${count} truncated` };
    lengths[i] = v;
  }
  const out = new Array<Uint8Array>(count);
  for (let i = 0; i < count; i++) {
    const n = lengths[i]!;
    if (n > input.length - at) {
      return { ok: false, detail: `blob ${i + 1} of ${count} needs ${n} bytes, ${input.length - at} remain` };
    }
    out[i] = input.subarray(at, at + n);
    at += n;
  }
  if (at !== input.length) return { ok: false, detail: `${input.length - at} bytes after the last blob` };
  return out;
}
