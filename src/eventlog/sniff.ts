/**
 * Tells an event log from a capture file by its first bytes, so `netpix analyze` and `netpix convert` take either,
 * and `-l` can refuse a pcap or a legacy v1 log before it starts.
 * @module
 */
// This module is browser compatible.

/** What the first bytes of a file say it is. */
export type FileKind = "pcap" | "pcapng" | "event-log-v1" | "event-log" | "empty" | "unknown";

/** pcap magic numbers in file byte order (µs and ns, both byte orders), and the pcapng Section Header Block type. */
const PCAP_MAGICS = [0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1];
const PCAPNG_SHB = 0x0a0d0d0a;

/**
 * Classifies a file by its first bytes. Every top-level field of an `EventStream` is a length-delimited message, so a
 * file that starts with a protobuf tag of wire type 2 is taken for an event log (its decoder then says whether it is
 * one): field 1 (tag 0x0a) is the v1 `EventStream.stream`, any other field v2. Anything else is "unknown".
 *
 * @param head The file's first bytes (4 are enough).
 * @returns Its kind.
 *
 * @example
 * ```ts
 * import { sniffFileKind } from "./sniff.ts";
 * import { strictEqual } from "node:assert/strict";
 * strictEqual(sniffFileKind(new Uint8Array([0xd4, 0xc3, 0xb2, 0xa1])), "pcap");
 * strictEqual(sniffFileKind(new Uint8Array([0x82, 0x01, 0x0a])), "event-log"); // field 16, BeginLogEvent
 * strictEqual(sniffFileKind(new TextEncoder().encode("not a capture")), "unknown");
 * ```
 */
export function sniffFileKind(head: Uint8Array): FileKind {
  if (head.length === 0) return "empty";
  if (head.length >= 4) {
    const magic = ((head[0]! << 24) | (head[1]! << 16) | (head[2]! << 8) | head[3]!) >>> 0;
    if (PCAP_MAGICS.includes(magic)) return "pcap";
    if (magic === PCAPNG_SHB) return "pcapng";
  }
  // The first field's tag: a varint of (field number << 3) | wire type (protobuf encoding, "Message Structure").
  let tag = 0;
  for (let i = 0, shift = 0; i < Math.min(head.length, 4); i++, shift += 7) {
    tag |= (head[i]! & 0x7f) << shift;
    if ((head[i]! & 0x80) === 0) {
      if ((tag & 7) !== 2 || tag >>> 3 === 0) return "unknown";
      return tag >>> 3 === 1 ? "event-log-v1" : "event-log";
    }
  }
  return "unknown";
}

/** Reads a file's first bytes and classifies them (Deno only; errors propagate). */
export function sniffFile(path: string): FileKind {
  const f = Deno.openSync(path, { read: true });
  try {
    const head = new Uint8Array(16);
    const n = f.readSync(head) ?? 0;
    return sniffFileKind(head.subarray(0, n));
  } finally {
    f.close();
  }
}
