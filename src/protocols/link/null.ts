/**
 * BSD loopback encapsulations: a 4-byte address family before the IP packet.
 *
 * - LINKTYPE_NULL (0): the family is in the byte order of the host that captured, which a reader of the frame does
 *   not know. Families are small numbers, so a value above 0xffff read as little-endian means big-endian (Wireshark's
 *   `packet-null.c` makes the same test).
 * - LINKTYPE_LOOP (108): OpenBSD, always big-endian.
 *
 * AF_INET is 2 everywhere. AF_INET6 differs per OS: 24 (NetBSD, OpenBSD, BSD/OS), 28 (FreeBSD, DragonFly),
 * 30 (macOS, iOS). Linux never writes these link types.
 *
 * @module
 */
// This module is browser compatible.

import { be32, le32 } from "../_bytes.ts";
import { type LinkFields, LinkNext } from "./_next.ts";

/** Length of the address-family header. */
export const NULL_HEADER_LENGTH = 4;
/** AF_INET on every BSD. */
export const BSD_AF_INET = 2;
/** AF_INET6 on NetBSD, OpenBSD and BSD/OS. */
export const BSD_AF_INET6_NETBSD = 24;
/** AF_INET6 on FreeBSD and DragonFly BSD. */
export const BSD_AF_INET6_FREEBSD = 28;
/** AF_INET6 on macOS and iOS (Darwin). */
export const BSD_AF_INET6_DARWIN = 30;

/**
 * Decodes a LINKTYPE_NULL header (host byte order, guessed from the value).
 *
 * @param bytes One captured frame.
 * @param out Receives `ipOffset`; `etherType` stays 0 (there is none).
 * @returns Which network layer follows, or why none does.
 */
export function decodeNull(bytes: Uint8Array, out: LinkFields): LinkNext {
  if (bytes.length < NULL_HEADER_LENGTH) return LinkNext.Truncated;
  let family = le32(bytes, 0);
  if (family > 0xffff) family = be32(bytes, 0);
  return fromFamily(family, out);
}

/**
 * Decodes a LINKTYPE_LOOP header (big-endian).
 *
 * @param bytes One captured frame.
 * @param out Receives `ipOffset`; `etherType` stays 0 (there is none).
 * @returns Which network layer follows, or why none does.
 */
export function decodeLoop(bytes: Uint8Array, out: LinkFields): LinkNext {
  if (bytes.length < NULL_HEADER_LENGTH) return LinkNext.Truncated;
  return fromFamily(be32(bytes, 0), out);
}

function fromFamily(family: number, out: LinkFields): LinkNext {
  out.ipOffset = NULL_HEADER_LENGTH;
  if (family === BSD_AF_INET) return LinkNext.Ipv4;
  if (family === BSD_AF_INET6_NETBSD || family === BSD_AF_INET6_FREEBSD || family === BSD_AF_INET6_DARWIN) {
    return LinkNext.Ipv6;
  }
  return LinkNext.NotIp;
}
