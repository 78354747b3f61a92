/**
 * Fields the transport decoders read and write. Internal to the framing decoders.
 *
 * @module
 */
// This module is browser compatible.

/** What {@linkcode decodeUdp} and {@linkcode decodeTcp} use; {@linkcode FrameDecoder} has all of them. @private */
export interface TransportFields {
  /** Read: set by the IP layer for a first fragment (the transport length may then pass the fragment's end). */
  readonly fragmented: boolean;
  /** Read: IPv6 allows a UDP length of 0 (jumbograms, RFC 2675 §4). */
  readonly ipVersion: 0 | 4 | 6;
  transport: 0 | 6 | 17;
  srcPort: number;
  dstPort: number;
  tcpFlags: number;
  /** In: start of the IP payload. Out: start of the transport payload. */
  payloadOffset: number;
  /** In: IP payload length as declared. Out: transport payload length as declared (the caller clamps). */
  payloadLength: number;
}
