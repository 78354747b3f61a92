/**
 * Which protocol a UDP payload carries: STUN, TURN ChannelData, MPEG-TS, RTCP, RTP, DTLS or ZRTP.
 *
 * One {@linkcode UdpClassifier} per capture walks a short table, first match wins (STYLE.md principle 11):
 *
 * | # | guard                                                                              | kind            |
 * | - | ---------------------------------------------------------------------------------- | --------------- |
 * | 1 | the user's "decode as" for the destination, then the source port                   | that kind       |
 * | 2 | a port an SDP announced: RTCP port + compound RTCP                                 | Rtcp            |
 * |   | … RTP port + valid RTP header (not compound RTCP)                                  | Rtp             |
 * |   | … rtcp-mux port: second byte 192–223 + compound RTCP (RFC 5761 §4), else valid RTP | Rtcp / Rtp      |
 * | 3 | first byte 0–3 and {@linkcode looksLikeStun} (RFC 7983 §7)                          | Stun            |
 * |   | first byte 16–19 and the ZRTP magic cookie (RFC 6189 §5)                           | Zrtp            |
 * |   | first byte 20–63: content type 20–25, version byte 0xFE or 0x03, record fits       | Dtls            |
 * | 4 | first byte 0x47 and a sync byte every 188 bytes ({@linkcode looksLikeMpegTs})      | MpegTs          |
 * | 3 | first byte 64–79 and {@linkcode looksLikeChannelData}                              | ChannelData     |
 * | 5 | first byte 128–191, second byte 192–223 and {@linkcode looksLikeRtcpCompound}      | Rtcp            |
 * | 6 | … on port P + 1 where P carried RTP: version 2, PT 192–223, first packet fits      | Rtcp            |
 * | 5 | … a valid RTP header ({@linkcode RtpReader}: version 2, CSRC/extension/padding fit)  | Rtp             |
 * | 6 | first byte 80–127 on a TURN flow: ChannelData with channel 0x5000–0x7FFF           | ChannelData     |
 * |   | anything else                                                                      | Unknown         |
 *
 * Row 4 sits before the ChannelData row because 0x47 (71) is also in the TURN channel range 64–79: the 188-byte
 * alignment decides. The learned RTCP row sits before the RTP row because an RTCP packet with a trailer (SRTCP's index
 * and tag, or trailing junk) still passes as a valid RTP header with PT 72–79 and the marker set.
 *
 * "TURN flow" (row 6): a datagram to or from port 3478, or to or from a port where {@linkcode looksLikeStun} matched
 * earlier. coturn 4.6 clients pick channels in 0x4000–0x7FFF (RFC 5766 §11), so their ChannelData can start with bytes
 * 80–127, outside RFC 7983's 64–79. Learned ports live in bounded sets; when a set is full, new ports are counted in
 * {@linkcode UdpClassifier.droppedTurnPorts} / {@linkcode UdpClassifier.droppedRtpPorts} and not remembered.
 *
 * Compared with the original netpix (which tried STUN → MPEG-TS → RTCP → RTP on every payload and never looked at
 * ports): it knows TURN ChannelData, DTLS and ZRTP, accepts SDES-, APP- and XR-first compound RTCP, and honours the
 * SDP and the user's "decode as".
 *
 * @example Classify three payloads of tests/testdata/demo.pcap
 * ```ts
 * import { PAYLOAD_KIND_NAMES, UdpClassifier } from "./classify.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const c = new UdpClassifier();
 * const rtp = new Uint8Array([0x80, 0xef, 0x75, 0x31, 0x40, 0xa1, 0x99, 0x8a, 0x55, 0x66, 0x77, 0x88, 0x78, 0x9e]);
 * const rr = new Uint8Array([0x80, 0xc9, 0x00, 0x01, 0x55, 0x66, 0x77, 0x88]);
 * const stun = new Uint8Array(20); stun.set([0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xa4, 0x42]);
 * const kinds = [c.classify(rtp, 0, 14, 35217, 5006), c.classify(rr, 0, 8, 35218, 5007), c.classify(stun, 0, 20, 40000, 3478)];
 * deepStrictEqual(kinds.map((k) => PAYLOAD_KIND_NAMES[k]), ["rtp", "rtcp", "stun"]);
 * ```
 * @module
 */
// This module is browser compatible.

import { be16, be32 } from "./_bytes.ts";
import { looksLikeStun } from "./stun/message.ts";
import { looksLikeChannelData } from "./stun/channel_data.ts";
import { looksLikeMpegTs, TS_SYNC_BYTE } from "./mpegts/packet.ts";
import { looksLikeRtcpCompound } from "./rtcp/packet.ts";
import { RtpReader } from "./rtp/header.ts";

/** What a UDP payload carries. The numbers are stable (they index {@linkcode UdpClassifier.counts}). */
export const PayloadKind = {
  Unknown: 0,
  /** STUN or TURN message, RFC 8489 / RFC 8656. */
  Stun: 1,
  /** TURN ChannelData, RFC 8656 §12.4. */
  ChannelData: 2,
  /** MPEG-TS packets straight over UDP, ISO/IEC 13818-1. */
  MpegTs: 3,
  /** Compound RTCP, RFC 3550 §6. */
  Rtcp: 4,
  /** RTP, RFC 3550 §5. */
  Rtp: 5,
  /** DTLS record, RFC 6347 §4.1. */
  Dtls: 6,
  /** ZRTP, RFC 6189 §5. */
  Zrtp: 7,
} as const;
/** One of the {@linkcode PayloadKind} values. */
export type PayloadKind = (typeof PayloadKind)[keyof typeof PayloadKind];

/**
 * Lower-case name of each {@linkcode PayloadKind}, indexed by its number.
 * @example
 * ```ts
 * import { PAYLOAD_KIND_NAMES, PayloadKind } from "./classify.ts";
 * import { strictEqual } from "node:assert/strict";
 * strictEqual(PAYLOAD_KIND_NAMES[PayloadKind.ChannelData], "channel-data");
 * ```
 */
export const PAYLOAD_KIND_NAMES: readonly string[] = Object.freeze([
  "unknown",
  "stun",
  "channel-data",
  "mpegts",
  "rtcp",
  "rtp",
  "dtls",
  "zrtp",
]);

const KIND_COUNT = PAYLOAD_KIND_NAMES.length;
const MAX_PORT = 65535;
/** The STUN/TURN port, RFC 8489 §18.9 / RFC 8656 §18. */
export const TURN_PORT = 3478;
/** Default bound of each learned-port set. */
export const DEFAULT_LEARNED_PORT_LIMIT = 4096;

/** RFC 5761 §4: RTCP packet types 192–223 keep RTCP apart from RTP payload types. */
const RTCP_PT_MIN = 192;
const RTCP_PT_MAX = 223;
/** RFC 3550 §6.4.1: the 4-byte RTCP common header. */
const RTCP_HEADER_LENGTH = 4;

/** RFC 6189 §5: "ZRTP" at bytes 4–7, after the 0x10 0x00 sequence-number prefix; 12-byte header + 4-byte CRC. */
const ZRTP_MAGIC_COOKIE = 0x5a525450;
const ZRTP_COOKIE_OFFSET = 4;
const ZRTP_MIN_LENGTH = 16;

/**
 * DTLS record header, RFC 6347 §4.1: type(1) version(2) epoch(2) sequence_number(6) length(2).
 * Content types 20 change_cipher_spec … 25 tls12_cid (RFC 9146).
 */
const DTLS_RECORD_HEADER_LENGTH = 13;
const DTLS_LENGTH_OFFSET = 11;
const DTLS_CONTENT_TYPE_MIN = 20;
const DTLS_CONTENT_TYPE_MAX = 25;

/** SDP roles of a port, as bits of {@linkcode UdpClassifier}'s role table. */
const ROLE_RTP = 1;
const ROLE_RTCP = 2;

const CHANNEL_DATA_RESERVED = Object.freeze({ reservedChannels: true });

/** A port as an SDP announces it: the shape {@linkcode portsOf} returns (other fields are ignored). */
export interface AnnouncedPort {
  readonly port: number;
  readonly carries: "rtp" | "rtcp" | "rtp+rtcp";
}

/** Options of {@linkcode UdpClassifier}. */
export interface UdpClassifierOptions {
  /** Most ports each learned set remembers (TURN ports, RTP ports). Default {@linkcode DEFAULT_LEARNED_PORT_LIMIT}. */
  readonly learnedPortLimit?: number;
}

/**
 * Classifies UDP payloads one at a time. Keep one per capture: it learns TURN and RTP ports from what it has seen, so
 * payloads must come in capture order. Allocates nothing per payload (the learned sets grow up to their limit).
 *
 * @example Force MPEG-TS on a port, as Wireshark's Decode As
 * ```ts
 * import { PayloadKind, UdpClassifier } from "./classify.ts";
 * import { strictEqual } from "node:assert/strict";
 * const c = new UdpClassifier();
 * const junk = new Uint8Array([1, 2, 3, 4]);
 * strictEqual(c.classify(junk, 0, 4, 40000, 1234), PayloadKind.Unknown);
 * c.decodeAs(1234, PayloadKind.MpegTs);
 * strictEqual(c.classify(junk, 0, 4, 40000, 1234), PayloadKind.MpegTs);
 * strictEqual(c.counts[PayloadKind.MpegTs], 1);
 * ```
 */
export class UdpClassifier {
  /** Payloads classified so far, per {@linkcode PayloadKind}. */
  readonly counts: Uint32Array = new Uint32Array(KIND_COUNT);
  /** Ports not remembered as TURN ports because the set was full. */
  droppedTurnPorts = 0;
  /** Ports not remembered as RTP ports because the set was full. */
  droppedRtpPorts = 0;

  readonly #limit: number;
  /** Per port: forced kind + 1, or 0. */
  readonly #decodeAs = new Uint8Array(MAX_PORT + 1);
  /** Per port: {@linkcode ROLE_RTP} | {@linkcode ROLE_RTCP} from SDPs. */
  readonly #sdpRole = new Uint8Array(MAX_PORT + 1);
  /** Ports where STUN was seen. */
  readonly #turnPorts = new Set<number>();
  /** Ports where RTP was seen. */
  readonly #rtpPorts = new Set<number>();
  readonly #rtp = new RtpReader();

  /** @param options Learned-set bound. */
  constructor(options: UdpClassifierOptions = {}) {
    const limit = options.learnedPortLimit ?? DEFAULT_LEARNED_PORT_LIMIT;
    if (!(Number.isInteger(limit) && limit >= 0)) {
      throw new RangeError(`Cannot create the classifier: learnedPortLimit ${limit} is not a non-negative integer`);
    }
    this.#limit = limit;
  }

  /**
   * "Decode as": every payload to or from `port` is `kind`, whatever its bytes, as Wireshark's Decode As.
   * `PayloadKind.Unknown` forces Unknown; {@linkcode UdpClassifier.clearDecodeAs} removes the rule.
   * @param port UDP port, 0–65535, matched on either side.
   * @param kind The kind to report.
   * @throws {RangeError} On a port or kind out of range.
   */
  decodeAs(port: number, kind: PayloadKind): void {
    checkPort(port, "set decode-as");
    if (!(Number.isInteger(kind) && kind >= 0 && kind < KIND_COUNT)) {
      throw new RangeError(`Cannot set decode-as for port ${port}: unknown payload kind ${kind}`);
    }
    this.#decodeAs[port] = kind + 1;
  }

  /**
   * Removes the "decode as" rule of `port`.
   * @param port UDP port, 0–65535.
   * @throws {RangeError} On a port out of range.
   */
  clearDecodeAs(port: number): void {
    checkPort(port, "clear decode-as");
    this.#decodeAs[port] = 0;
  }

  /**
   * Ports an SDP announced (from {@linkcode portsOf}): `rtp`, `rtcp`, or `rtp+rtcp` (rtcp-mux, RFC 5761). A port
   * announced once for RTP and once for RTCP becomes muxed. Ports outside 1–65535 are ignored.
   * @param ports The announced ports.
   */
  learnFromSdp(ports: readonly AnnouncedPort[]): void {
    for (const p of ports) {
      if (!(Number.isInteger(p.port) && p.port > 0 && p.port <= MAX_PORT)) continue;
      this.#sdpRole[p.port]! |= p.carries === "rtp"
        ? ROLE_RTP
        : p.carries === "rtcp"
        ? ROLE_RTCP
        : ROLE_RTP | ROLE_RTCP;
    }
  }

  /** Ports remembered as TURN ports (STUN seen), at most the limit. */
  get turnPortCount(): number {
    return this.#turnPorts.size;
  }

  /** Ports remembered as RTP ports, at most the limit. */
  get rtpPortCount(): number {
    return this.#rtpPorts.size;
  }

  /**
   * Classifies one UDP payload and counts it in {@linkcode UdpClassifier.counts}. Never throws, never reads outside
   * `[offset, offset + length)`, allocates nothing.
   * @param bytes Buffer holding the payload.
   * @param offset Index of the payload's first byte.
   * @param length Payload bytes; clamped to the buffer.
   * @param srcPort UDP source port.
   * @param dstPort UDP destination port.
   * @returns The kind.
   */
  classify(bytes: Uint8Array, offset: number, length: number, srcPort: number, dstPort: number): PayloadKind {
    const kind = this.#classify(bytes, offset, length, srcPort, dstPort);
    this.counts[kind]!++;
    return kind;
  }

  #classify(bytes: Uint8Array, offset: number, length: number, srcPort: number, dstPort: number): PayloadKind {
    srcPort &= MAX_PORT;
    dstPort &= MAX_PORT;
    // (1) Decode as.
    const forced = this.#decodeAs[dstPort]! || this.#decodeAs[srcPort]!;
    if (forced !== 0) return (forced - 1) as PayloadKind;

    if (!(Number.isInteger(offset) && offset >= 0 && offset <= bytes.length && length > 0)) return PayloadKind.Unknown;
    if (offset + length > bytes.length) length = bytes.length - offset;
    if (length <= 0) return PayloadKind.Unknown;
    const b0 = bytes[offset]!;
    const b1 = length > 1 ? bytes[offset + 1]! : -1;

    // (2) SDP-announced ports.
    const role = this.#sdpRole[dstPort]! | this.#sdpRole[srcPort]!;
    if (role !== 0) {
      const sdpKind = this.#bySdpRole(role, bytes, offset, length, b1);
      if (sdpKind !== PayloadKind.Unknown) return this.#learn(sdpKind, srcPort, dstPort);
    }

    // (3) RFC 7983 §7 first-byte ranges, with (4) MPEG-TS ahead of ChannelData.
    if (b0 <= 3) {
      return looksLikeStun(bytes, offset, length)
        ? this.#learn(PayloadKind.Stun, srcPort, dstPort)
        : PayloadKind.Unknown;
    }
    if (b0 >= 16 && b0 <= 19) return looksLikeZrtp(bytes, offset, length) ? PayloadKind.Zrtp : PayloadKind.Unknown;
    if (b0 >= 20 && b0 <= 63) return looksLikeDtls(bytes, offset, length) ? PayloadKind.Dtls : PayloadKind.Unknown;
    if (b0 === TS_SYNC_BYTE && looksLikeMpegTs(bytes, offset, length)) return PayloadKind.MpegTs;
    if (b0 >= 64 && b0 <= 79) {
      return looksLikeChannelData(bytes, offset, length) ? PayloadKind.ChannelData : PayloadKind.Unknown;
    }
    // (5) RTP/RTCP, with (6) the learned RTCP-on-P+1 rule.
    if (b0 >= 128 && b0 <= 191) {
      if (b1 >= RTCP_PT_MIN && b1 <= RTCP_PT_MAX && looksLikeRtcpCompound(bytes, offset, length)) {
        return PayloadKind.Rtcp;
      }
      if (this.#nextToRtp(srcPort, dstPort) && looksLikeRtcpHead(bytes, offset, length)) return PayloadKind.Rtcp;
      if (this.#rtp.decode(bytes, offset, length)) return this.#learn(PayloadKind.Rtp, srcPort, dstPort);
      return PayloadKind.Unknown;
    }
    // (6) Reserved ChannelData channels on a TURN flow.
    if (b0 >= 80 && b0 <= 127 && this.#isTurnFlow(srcPort, dstPort)) {
      return looksLikeChannelData(bytes, offset, length, CHANNEL_DATA_RESERVED)
        ? PayloadKind.ChannelData
        : PayloadKind.Unknown;
    }
    return PayloadKind.Unknown;
  }

  #bySdpRole(role: number, bytes: Uint8Array, offset: number, length: number, b1: number): PayloadKind {
    const rtcpType = b1 >= RTCP_PT_MIN && b1 <= RTCP_PT_MAX;
    if (role === ROLE_RTCP) {
      // An RTCP-only port: RTCP-shaped is enough, trailers (SRTCP) included.
      return looksLikeRtcpHead(bytes, offset, length) ? PayloadKind.Rtcp : PayloadKind.Unknown;
    }
    if (role === ROLE_RTP) {
      if (rtcpType && looksLikeRtcpCompound(bytes, offset, length)) return PayloadKind.Unknown; // let row 5 decide
      return this.#rtp.decode(bytes, offset, length) ? PayloadKind.Rtp : PayloadKind.Unknown;
    }
    // rtcp-mux, RFC 5761 §4: the second byte picks RTCP (192–223) or RTP.
    if (rtcpType) return looksLikeRtcpHead(bytes, offset, length) ? PayloadKind.Rtcp : PayloadKind.Unknown;
    return this.#rtp.decode(bytes, offset, length) ? PayloadKind.Rtp : PayloadKind.Unknown;
  }

  #learn(kind: PayloadKind, srcPort: number, dstPort: number): PayloadKind {
    if (kind === PayloadKind.Stun) {
      this.#remember(this.#turnPorts, srcPort, true);
      this.#remember(this.#turnPorts, dstPort, true);
    } else if (kind === PayloadKind.Rtp) {
      this.#remember(this.#rtpPorts, srcPort, false);
      this.#remember(this.#rtpPorts, dstPort, false);
    }
    return kind;
  }

  #remember(set: Set<number>, port: number, turn: boolean): void {
    if (set.has(port)) return;
    if (set.size < this.#limit) set.add(port);
    else if (turn) this.droppedTurnPorts++;
    else this.droppedRtpPorts++;
  }

  #nextToRtp(srcPort: number, dstPort: number): boolean {
    return (dstPort > 0 && this.#rtpPorts.has(dstPort - 1)) || (srcPort > 0 && this.#rtpPorts.has(srcPort - 1));
  }

  #isTurnFlow(srcPort: number, dstPort: number): boolean {
    return srcPort === TURN_PORT || dstPort === TURN_PORT || this.#turnPorts.has(srcPort) ||
      this.#turnPorts.has(dstPort);
  }
}

function checkPort(port: number, action: string): void {
  if (!(Number.isInteger(port) && port >= 0 && port <= MAX_PORT)) {
    throw new RangeError(`Cannot ${action}: port ${port} is outside 0–65535`);
  }
}

/**
 * RTCP-shaped (RFC 3550 §6.4.1): version 2, first packet type 192–223, and the first packet's length fits in the
 * datagram. Trailing bytes (SRTCP's E/index and tag, RFC 3711 §3.4) are allowed. For ports known to carry RTCP.
 */
function looksLikeRtcpHead(bytes: Uint8Array, offset: number, length: number): boolean {
  if (length < RTCP_HEADER_LENGTH) return false;
  const b1 = bytes[offset + 1]!;
  if (bytes[offset]! >> 6 !== 2 || b1 < RTCP_PT_MIN || b1 > RTCP_PT_MAX) return false;
  return (be16(bytes, offset + 2) + 1) * 4 <= length;
}

/** RFC 6189 §5: 0b0001 then 12 zero bits… in practice 0x10 0x00, a sequence number, then the cookie "ZRTP". */
function looksLikeZrtp(bytes: Uint8Array, offset: number, length: number): boolean {
  return length >= ZRTP_MIN_LENGTH && be32(bytes, offset + ZRTP_COOKIE_OFFSET) === ZRTP_MAGIC_COOKIE;
}

/**
 * A DTLS record header (RFC 6347 §4.1): content type 20–25, a version starting 0xFE (DTLS 1.0 0xFEFF, 1.2 0xFEFD)
 * or 0x03 (TLS-style versions some stacks put in a first ClientHello), and a length that fits. DTLS 1.3's unified
 * header (first byte 0b001xxxxx, RFC 9147 §4) is not recognised.
 */
function looksLikeDtls(bytes: Uint8Array, offset: number, length: number): boolean {
  if (length < DTLS_RECORD_HEADER_LENGTH) return false;
  const type = bytes[offset]!;
  const major = bytes[offset + 1]!;
  if (type < DTLS_CONTENT_TYPE_MIN || type > DTLS_CONTENT_TYPE_MAX || (major !== 0xfe && major !== 0x03)) return false;
  return DTLS_RECORD_HEADER_LENGTH + be16(bytes, offset + DTLS_LENGTH_OFFSET) <= length;
}
