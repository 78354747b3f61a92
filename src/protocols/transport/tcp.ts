/**
 * TCP header, RFC 9293 §3.1.
 *
 * ```text
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Source Port          |       Destination Port        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        Sequence Number                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Acknowledgment Number                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Data |       |C|E|U|A|P|R|S|F|                               |
 * | Offset| Rsrvd |W|C|R|C|S|S|Y|I|            Window             |
 * |       |       |R|E|G|K|H|T|N|N|                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           Checksum            |         Urgent Pointer        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Options (Data Offset > 5)                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ```
 *
 * @module
 */
// This module is browser compatible.

import { be16 } from "../_bytes.ts";
import { FrameStatus } from "../status.ts";
import type { TransportFields } from "./_fields.ts";

/** Length of a TCP header without options (Data Offset 5). */
export const TCP_MIN_HEADER_LENGTH = 20;
const TCP_DST_PORT_OFFSET = 2;
const TCP_DATA_OFFSET_OFFSET = 12;
const TCP_FLAGS_OFFSET = 13;

/** TCP control bits as they sit in {@linkcode FrameDecoder.tcpFlags} (RFC 9293 §3.1, RFC 3168 §6.1 for ECE/CWR). */
export const TcpFlag = {
  Fin: 0x001,
  Syn: 0x002,
  Rst: 0x004,
  Psh: 0x008,
  Ack: 0x010,
  Urg: 0x020,
  Ece: 0x040,
  Cwr: 0x080,
  /** AE, Accurate ECN (draft-ietf-tcpm-accurate-ecn); the former ECN-nonce NS bit of RFC 3540. */
  Ae: 0x100,
} as const;

/**
 * Decodes the TCP header at `out.payloadOffset`, inside an IP payload of `out.payloadLength` declared bytes.
 *
 * `tcpFlags` holds the 12 bits after Data Offset: reserved bits, AE, CWR, ECE, URG, ACK, PSH, RST, SYN, FIN (the
 * same value as Wireshark's `tcp.flags`). Ports and flags are set as soon as the fixed 20 bytes are captured, so a
 * header cut inside its options still names its ports while the status is `Truncated`.
 *
 * @param bytes The frame.
 * @param out In: the IP payload. Out: ports, flags and the TCP payload (declared length).
 * @returns `Ok`, `Truncated` or `BadTransportHeader`.
 */
export function decodeTcp(bytes: Uint8Array, out: TransportFields): FrameStatus {
  const offset = out.payloadOffset;
  const ipPayload = out.payloadLength;
  if (ipPayload < TCP_MIN_HEADER_LENGTH) return FrameStatus.BadTransportHeader;
  if (offset + TCP_MIN_HEADER_LENGTH > bytes.length) return FrameStatus.Truncated;
  out.transport = 6;
  out.srcPort = be16(bytes, offset);
  out.dstPort = be16(bytes, offset + TCP_DST_PORT_OFFSET);
  const b12 = bytes[offset + TCP_DATA_OFFSET_OFFSET]!;
  out.tcpFlags = ((b12 & 0x0f) << 8) | bytes[offset + TCP_FLAGS_OFFSET]!;
  const headerLength = (b12 >> 4) * 4;
  if (headerLength < TCP_MIN_HEADER_LENGTH || headerLength > ipPayload) return FrameStatus.BadTransportHeader;
  if (offset + headerLength > bytes.length) return FrameStatus.Truncated;
  out.payloadOffset = offset + headerLength;
  out.payloadLength = ipPayload - headerLength;
  return FrameStatus.Ok;
}
