/**
 * Text forms of IP addresses: dotted quad for IPv4 (RFC 791 §3.2 notation), RFC 5952 canonical text for IPv6.
 *
 * @module
 */
// This module is browser compatible.

/**
 * Formats the 4 (IPv4) or 16 (IPv6) bytes at `offset` as an address.
 *
 * IPv6 follows RFC 5952 §4: lower-case hex without leading zeros, the longest run of two or more zero groups (the
 * first one on a tie) shortened to `::`, and a single zero group kept as `0`. IPv4-mapped addresses use the mixed
 * form of §5 (`::ffff:192.0.2.1`). Allocates a string: meant for display, not for the per-packet path.
 *
 * @param bytes The frame (or any buffer holding the address).
 * @param offset First byte of the address, e.g. {@linkcode FrameDecoder.srcAddrOffset}.
 * @param version 4 or 6.
 * @returns The address text, or `""` when the bytes are not there (negative offset, too short buffer).
 *
 * @example Shorten the longest zero run
 * ```ts
 * import { formatAddress } from "./address.ts";
 * import { strictEqual } from "node:assert/strict";
 * const a = new Uint8Array([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1]);
 * strictEqual(formatAddress(a, 0, 6), "2001:db8::1:0:0:1");
 * strictEqual(formatAddress(new Uint8Array([192, 0, 2, 1]), 0, 4), "192.0.2.1");
 * ```
 */
export function formatAddress(bytes: Uint8Array, offset: number, version: 4 | 6): string {
  const width = version === 4 ? 4 : 16;
  if (!Number.isInteger(offset) || offset < 0 || offset + width > bytes.length) return "";
  if (version === 4) return dotted(bytes, offset);
  const groups: number[] = [];
  for (let i = 0; i < 8; i++) groups.push((bytes[offset + 2 * i]! << 8) | bytes[offset + 2 * i + 1]!);
  if (
    groups[0] === 0 && groups[1] === 0 && groups[2] === 0 && groups[3] === 0 && groups[4] === 0 && groups[5] === 0xffff
  ) {
    return `::ffff:${dotted(bytes, offset + 12)}`; // RFC 5952 §5, RFC 4291 §2.5.5.2
  }
  let bestStart = -1;
  let bestLength = 1; // RFC 5952 §4.2.2: a single 16-bit 0 field is not shortened
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = (from: number, to: number) => groups.slice(from, to).map((g) => g.toString(16)).join(":");
  if (bestStart < 0) return hex(0, 8);
  return `${hex(0, bestStart)}::${hex(bestStart + bestLength, 8)}`;
}

function dotted(bytes: Uint8Array, offset: number): string {
  return `${bytes[offset]}.${bytes[offset + 1]}.${bytes[offset + 2]}.${bytes[offset + 3]}`;
}
