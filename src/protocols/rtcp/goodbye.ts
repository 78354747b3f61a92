/**
 * Goodbye, RTCP PT 203 (RFC 3550 §6.6).
 *
 * @module
 */
// This module is browser compatible.

import type { Decoded } from "../decode_result.ts";
import { be32, rtcpFailure, utf8 } from "./_common.ts";
import { RTCP_HEADER_LENGTH, type RtcpHeader, type RtcpPacketBase } from "./header.ts";

/** A decoded goodbye. */
export interface Goodbye extends RtcpPacketBase {
  /** Tells the union members apart. */
  readonly type: "bye";
  /** The SC sources leaving. */
  readonly ssrcs: number[];
  /** "Reason for leaving" as UTF-8 (invalid sequences become U+FFFD), or `null` when the packet has none. */
  readonly reason: string | null;
}

/**
 * Decodes a goodbye.
 *
 * ```text
 *        0                   1                   2                   3
 *        0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *       |V=2|P|    SC   |   PT=BYE=203  |             length            |
 *       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *       |                           SSRC/CSRC                           |
 *       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *       :                              ...                              :
 *       +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * (opt) |     length    |               reason for leaving            ...
 *       +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ```
 * The reason is padded with nulls to a 32-bit boundary; more than 3 bytes after it are a `bad-length` failure.
 *
 * @param bytes The datagram (not copied).
 * @param h The packet's header, from {@linkcode decodeRtcpHeader}.
 * @returns The goodbye, or a failure: `bad-length` when SC sources do not fit or bytes follow the reason's padding,
 *   `truncated` when the reason is longer than the packet.
 * @example A BYE with a reason
 * ```ts
 * import { decodeRtcpHeader } from "./header.ts";
 * import { decodeGoodbye } from "./goodbye.ts";
 * import { isFailure } from "../decode_result.ts";
 * import { strictEqual } from "node:assert/strict";
 * const bytes = Uint8Array.from([0x81, 0xcb, 0x00, 0x02, 0x11, 0x22, 0x33, 0x44, 0x02, 0x4f, 0x4b, 0x00]);
 * const h = decodeRtcpHeader(bytes, 0, bytes.length);
 * const bye = isFailure(h) ? h : decodeGoodbye(bytes, h);
 * strictEqual(!isFailure(bye) && bye.reason, "OK");
 * ```
 */
export function decodeGoodbye(bytes: Uint8Array, h: RtcpHeader): Decoded<Goodbye> {
  const o = h.offset;
  const end = h.contentEnd;
  const listEnd = o + RTCP_HEADER_LENGTH + h.count * 4;
  if (listEnd > end) {
    return rtcpFailure(
      "bad-length",
      o + 2,
      `BYE with ${h.count} sources needs ${listEnd - o} bytes, its length gives ${end - o}`,
    );
  }
  const ssrcs: number[] = [];
  for (let p = o + RTCP_HEADER_LENGTH; p < listEnd; p += 4) ssrcs.push(be32(bytes, p));
  let reason: string | null = null;
  if (listEnd < end) {
    const length = bytes[listEnd]!;
    const textEnd = listEnd + 1 + length;
    if (textEnd > end) {
      return rtcpFailure("truncated", listEnd, `BYE reason of ${length} bytes, ${end - listEnd - 1} remain`);
    }
    if (end - textEnd > 3) {
      return rtcpFailure("bad-length", textEnd, `BYE has ${end - textEnd} bytes after its reason`);
    }
    reason = utf8(bytes, listEnd + 1, textEnd);
  }
  return { type: "bye", offset: o, byteLength: h.byteLength, padding: h.padding, ssrcs, reason };
}
