/**
 * Source description, RTCP PT 202 (RFC 3550 §6.5).
 *
 * @module
 */
// This module is browser compatible.

import type { Decoded } from "../decode_result.ts";
import { be32, rtcpFailure, utf8 } from "./_common.ts";
import { RTCP_HEADER_LENGTH, type RtcpHeader, type RtcpPacketBase } from "./header.ts";

/** SDES item types (RFC 3550 §6.5.1–§6.5.8). Types above 8 are kept with their number. */
export const SdesItemType = {
  /** End of an item list (RFC 3550 §6.5); never appears in a decoded item list. */
  END: 0,
  /** Canonical end-point identifier, RFC 3550 §6.5.1. */
  CNAME: 1,
  /** User name, §6.5.2. */
  NAME: 2,
  /** Electronic mail address, §6.5.3. */
  EMAIL: 3,
  /** Phone number, §6.5.4. */
  PHONE: 4,
  /** Geographic user location, §6.5.5. */
  LOC: 5,
  /** Application or tool name, §6.5.6. */
  TOOL: 6,
  /** Notice/status, §6.5.7. */
  NOTE: 7,
  /** Private extension with a prefix, §6.5.8. */
  PRIV: 8,
} as const;

/** Short names of the item types, by number; unknown types have none. */
export const SDES_ITEM_NAMES: readonly string[] = [
  "END",
  "CNAME",
  "NAME",
  "EMAIL",
  "PHONE",
  "LOC",
  "TOOL",
  "NOTE",
  "PRIV",
];

/** One SDES item. */
export interface SdesItem {
  /** The item type (see {@linkcode SdesItemType}); unknown types (9–255) are kept. */
  readonly itemType: number;
  /** The value as UTF-8; invalid sequences become U+FFFD. For PRIV, the value after the prefix. */
  readonly text: string;
  /** PRIV only: the prefix string (RFC 3550 §6.5.8), decoded like `text`; `null` for every other type. */
  readonly prefix: string | null;
}

/** One chunk: a source and its items. */
export interface SdesChunk {
  /** SSRC or CSRC the items describe. */
  readonly ssrc: number;
  /** Items in wire order. */
  readonly items: SdesItem[];
}

/** A decoded source description. */
export interface SourceDescription extends RtcpPacketBase {
  /** Tells the union members apart. */
  readonly type: "sdes";
  /** SC chunks. */
  readonly chunks: SdesChunk[];
}

/**
 * Decodes a source description.
 *
 * ```text
 *         0                   1                   2                   3
 *         0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *        +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * header |V=2|P|    SC   |  PT=SDES=202  |             length            |
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * chunk  |                          SSRC/CSRC_1                          |
 *   1    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *        |                           SDES items                          |
 *        |                              ...                              |
 *        +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * item:  |    type (1-7) |     length    | text (length octets)        ...
 * PRIV:  |    PRIV=8     |     length    | prefix length | prefix string ... value string ...
 * ```
 * Each chunk's item list ends with one or more null octets, up to the next 32-bit boundary (RFC 3550 §6.5). Padding
 * bytes after the null need not be zero here. Bytes left after SC chunks are a `bad-length` failure.
 *
 * @param bytes The datagram (not copied).
 * @param h The packet's header, from {@linkcode decodeRtcpHeader}.
 * @returns The chunks, or a failure: `truncated` when a chunk, an item or an item list's end is missing, `bad-length`
 *   for a PRIV prefix longer than its item or bytes after the last chunk.
 * @example ffmpeg's CNAME (tests/testdata/demo.pcap frame 8)
 * ```ts
 * import { decodeRtcpHeader } from "./header.ts";
 * import { decodeSourceDescription } from "./source_description.ts";
 * import { isFailure } from "../decode_result.ts";
 * import { strictEqual } from "node:assert/strict";
 * const cname = new TextEncoder().encode("netpix-demo@127.0.0.1");
 * const bytes = Uint8Array.from([0x81, 0xca, 0x00, 0x07, 0x11, 0x22, 0x33, 0x44, 0x01, 0x15, ...cname, 0x00]);
 * const h = decodeRtcpHeader(bytes, 0, bytes.length);
 * const sdes = isFailure(h) ? h : decodeSourceDescription(bytes, h);
 * strictEqual(!isFailure(sdes) && sdes.chunks[0]!.items[0]!.text, "netpix-demo@127.0.0.1");
 * ```
 */
export function decodeSourceDescription(bytes: Uint8Array, h: RtcpHeader): Decoded<SourceDescription> {
  const start = h.offset;
  const end = h.contentEnd;
  const chunks: SdesChunk[] = [];
  let pos = start + RTCP_HEADER_LENGTH;
  for (let c = 0; c < h.count; c++) {
    if (end - pos < 4) {
      return rtcpFailure(
        "truncated",
        pos,
        `SDES chunk ${c + 1} of ${h.count} needs an SSRC, ${end - pos} bytes remain`,
      );
    }
    const ssrc = be32(bytes, pos);
    pos += 4;
    const items: SdesItem[] = [];
    for (;;) {
      if (pos >= end) {
        return rtcpFailure("truncated", pos, `SDES chunk ${c + 1} ends without a null octet`);
      }
      const itemType = bytes[pos]!;
      if (itemType === SdesItemType.END) {
        // Skip the null and the padding to the next 32-bit boundary of the packet; a padding count that leaves the
        // contents unaligned may cut that padding short.
        const aligned = start + (((pos + 1 - start) + 3) & ~3);
        pos = aligned < end ? aligned : end;
        break;
      }
      if (end - pos < 2) return rtcpFailure("truncated", pos, `SDES item at byte ${pos} has no length octet`);
      const length = bytes[pos + 1]!;
      const textStart = pos + 2;
      const textEnd = textStart + length;
      if (textEnd > end) {
        return rtcpFailure("truncated", pos + 1, `SDES item of ${length} bytes, ${end - textStart} remain`);
      }
      if (itemType === SdesItemType.PRIV) {
        const prefixLength = length > 0 ? bytes[textStart]! : -1;
        if (prefixLength < 0 || textStart + 1 + prefixLength > textEnd) {
          return rtcpFailure(
            "bad-length",
            textStart,
            `SDES PRIV prefix of ${prefixLength < 0 ? "no" : prefixLength} bytes in a ${length}-byte item`,
          );
        }
        const valueStart = textStart + 1 + prefixLength;
        items.push({
          itemType,
          prefix: utf8(bytes, textStart + 1, valueStart),
          text: utf8(bytes, valueStart, textEnd),
        });
      } else {
        items.push({ itemType, text: utf8(bytes, textStart, textEnd), prefix: null });
      }
      pos = textEnd;
    }
    chunks.push({ ssrc, items });
  }
  if (pos < end) {
    return rtcpFailure("bad-length", pos, `SDES has ${end - pos} bytes after its ${h.count} chunks`);
  }
  return { type: "sdes", offset: start, byteLength: h.byteLength, padding: h.padding, chunks };
}
