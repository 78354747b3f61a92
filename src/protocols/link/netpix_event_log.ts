/**
 * netpix event-log records (link type 147, LINKTYPE_USER0; layout in src/eventlog/frame.ts): byte 0 is the record
 * type. Types 0 (incoming packet) and 1 (outgoing packet) carry an IPv4 header at byte 1; type 2 carries a JSON
 * event, which is not IP.
 *
 * @module
 */
// This module is browser compatible.

import { type LinkFields, LinkNext } from "./_next.ts";

/**
 * Sets up an event-log record: IPv4 at byte 1 for packet records, not IP otherwise.
 *
 * @param bytes One record.
 * @param out Receives `ipOffset` (1); `etherType` stays 0.
 * @returns Which network layer follows.
 */
export function decodeNetpixEventLog(bytes: Uint8Array, out: LinkFields): LinkNext {
  out.ipOffset = 1;
  if (bytes.length < 1) return LinkNext.Truncated;
  const type = bytes[0]!;
  return type === 0 || type === 1 ? LinkNext.Ipv4 : LinkNext.NotIp;
}
