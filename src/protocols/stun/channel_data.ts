/**
 * TURN ChannelData messages (RFC 8656 §12.4): application data relayed over a bound channel with a 4-byte header
 * instead of a Send/Data indication's 36 or more.
 *
 * ```text
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Channel Number        |            Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                                                               |
 * /                       Application Data                        /
 * /                                                               /
 * |                                                               |
 * |                               +-------------------------------+
 * |                               |
 * +-------------------------------+
 * ```
 *
 * Channel numbers 0x4000–0x4FFF are valid (RFC 8656 §12); 0x5000–0xFFFF are reserved so that the first byte stays
 * in RFC 7983's TURN range 64–79. RFC 5766 still allowed 0x4000–0x7FFF and coturn 4.6's `turnutils_uclient` picks
 * channels there (demo.pcap uses 0x72B7 and 0x73A1): {@linkcode decodeChannelData} accepts 0x4000–0x7FFF and flags
 * 0x5000–0x7FFF as `reservedChannel`; {@linkcode looksLikeChannelData} takes them only when asked.
 *
 * Over UDP the data need not be padded to a multiple of 4 (RFC 8656 §12.5); over TCP it must be, and ChannelData
 * messages follow each other in the stream.
 *
 * @example Decode the first ChannelData of demo.pcap's TURN session
 * ```ts
 * import { decodeChannelData } from "./channel_data.ts";
 * import { isFailure } from "../decode_result.ts";
 * import { strictEqual } from "node:assert/strict";
 * const bytes = new Uint8Array(4 + 120); bytes.set([0x72, 0xb7, 0x00, 0x78]); // channel 0x72B7, 120 bytes
 * const c = decodeChannelData(bytes);
 * if (isFailure(c)) throw new Error(c.detail);
 * strictEqual(c.channel, 0x72b7);
 * strictEqual(c.reservedChannel, true);
 * strictEqual(c.dataLength, 120);
 * ```
 *
 * @module
 */
// This module is browser compatible.

import { be16 } from "../_bytes.ts";
import { type Decoded, failure } from "../decode_result.ts";

/** RFC 8656 §12.4: Channel Number and Length. */
export const CHANNEL_DATA_HEADER_LENGTH = 4;
/** RFC 8656 §12: lowest channel number. */
export const CHANNEL_MIN = 0x4000;
/** RFC 8656 §12: highest valid channel number; 0x5000 and up are reserved. */
export const CHANNEL_MAX = 0x4fff;
/** RFC 5766 §11: the old upper bound, still used by coturn 4.6 clients. */
export const CHANNEL_MAX_RFC5766 = 0x7fff;

/**
 * What the first byte of a payload says it is, by RFC 7983 §7 (the demultiplexing of STUN, ZRTP, DTLS, TURN channels
 * and RTP/RTCP on one port). A hint for the full classifier, which lives elsewhere.
 */
export type DemuxHint = "stun" | "zrtp" | "dtls" | "turn-channel" | "rtp-rtcp" | "unknown" | "empty";

/**
 * The RFC 7983 §7 range of a first byte: 0–3 STUN, 16–19 ZRTP, 20–63 DTLS, 64–79 TURN channel, 128–191 RTP/RTCP.
 * @param firstByte The payload's first byte, or `undefined` for an empty payload.
 * @returns The hint.
 * @example
 * ```ts
 * import { demuxHint } from "./channel_data.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * deepStrictEqual([0x00, 0x16, 0x80, 0xff, undefined].map(demuxHint), ["stun", "dtls", "rtp-rtcp", "unknown", "empty"]);
 * ```
 */
export function demuxHint(firstByte: number | undefined): DemuxHint {
  if (firstByte === undefined) return "empty";
  if (firstByte <= 3) return "stun";
  if (firstByte >= 16 && firstByte <= 19) return "zrtp";
  if (firstByte >= 20 && firstByte <= 63) return "dtls";
  if (firstByte >= 64 && firstByte <= 79) return "turn-channel";
  if (firstByte >= 128 && firstByte <= 191) return "rtp-rtcp";
  return "unknown";
}

/** A decoded ChannelData message. Offsets index the `bytes` passed to {@linkcode decodeChannelData}. */
export interface ChannelData {
  /** Index of the Channel Number field. */
  readonly offset: number;
  /** The channel number (0x4000–0x7FFF). */
  readonly channel: number;
  /** True for 0x5000–0x7FFF: reserved by RFC 8656 §12, valid under RFC 5766. */
  readonly reservedChannel: boolean;
  /** Index of the first application data byte. */
  readonly dataOffset: number;
  /** The Length field: bytes of application data. */
  readonly dataLength: number;
  /** Padding bytes present after the data (0–3; RFC 8656 §12.5 requires them over TCP only). */
  readonly padding: number;
  /** Bytes after data and padding within the given length: none in a UDP datagram, the next message over TCP. */
  readonly trailingBytes: number;
  /** RFC 7983 hint for the relayed data: "stun" for ICE checks relayed through TURN, "rtp-rtcp" for media… */
  readonly payloadHint: DemuxHint;
}

/**
 * Decodes the ChannelData message at `offset`. Never throws and never reads outside `[offset, offset + length)`.
 *
 * Fails on fewer than 4 bytes, a channel number outside 0x4000–0x7FFF, or a Length that runs past the bytes.
 *
 * @param bytes Buffer holding the message.
 * @param offset Index of the Channel Number field.
 * @param length Bytes available from `offset`; clamped to the buffer.
 * @returns The message, or a failure whose offset indexes `bytes`.
 * @example A relayed ICE check: channel 0x4000 carrying a STUN Binding request
 * ```ts
 * import { decodeChannelData } from "./channel_data.ts";
 * import { strictEqual } from "node:assert/strict";
 * const bytes = new Uint8Array([0x40, 0x00, 0x00, 0x14, 0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xa4, 0x42, ...new Array(12).fill(7)]);
 * const c = decodeChannelData(bytes);
 * strictEqual("payloadHint" in c && c.payloadHint, "stun");
 * ```
 */
export function decodeChannelData(
  bytes: Uint8Array,
  offset = 0,
  length: number = bytes.length - offset,
): Decoded<ChannelData> {
  if (!Number.isInteger(offset) || offset < 0 || offset > bytes.length) {
    return failure("turn", "truncated", 0, `offset ${offset} is outside the ${bytes.length} bytes`);
  }
  const have = length > 0 ? Math.min(Math.floor(length), bytes.length - offset) : 0; // NaN → 0, Infinity → all
  if (have < CHANNEL_DATA_HEADER_LENGTH) {
    return failure("turn", "truncated", offset, `ChannelData header needs 4 bytes, ${have} remain`);
  }
  const channel = be16(bytes, offset);
  if (channel < CHANNEL_MIN || channel > CHANNEL_MAX_RFC5766) {
    const hex = channel.toString(16).padStart(4, "0");
    return failure("turn", "bad-value", offset, `channel 0x${hex} is outside 0x4000–0x7fff (RFC 8656 §12)`);
  }
  const dataLength = be16(bytes, offset + 2);
  const extra = have - CHANNEL_DATA_HEADER_LENGTH - dataLength;
  if (extra < 0) {
    return failure("turn", "truncated", offset + 2, `ChannelData length says ${dataLength} bytes, ${have - 4} remain`);
  }
  const padding = Math.min(extra, (4 - (dataLength & 3)) & 3);
  const dataOffset = offset + CHANNEL_DATA_HEADER_LENGTH;
  return {
    offset,
    channel,
    reservedChannel: channel > CHANNEL_MAX,
    dataOffset,
    dataLength,
    padding,
    trailingBytes: extra - padding,
    payloadHint: demuxHint(dataLength > 0 ? bytes[dataOffset] : undefined),
  };
}

/** Options of {@linkcode looksLikeChannelData}. */
export interface LooksLikeChannelDataOptions {
  /** Also accept channels 0x5000–0x7FFF (first byte 80–127), as RFC 5766 and coturn 4.6 clients use. Default false. */
  readonly reservedChannels?: boolean;
  /**
   * The bytes come from a TCP stream, where more messages may follow. Default false (UDP): then the datagram must
   * end with the data or its padding.
   */
  readonly stream?: boolean;
}

/**
 * A cheap test for the payload classifier: the first byte is in RFC 7983's TURN channel range 64–79 and the Length
 * fits. Over UDP (the default) the datagram must also end where the data or its padding ends. Reads 4 bytes and
 * allocates nothing.
 *
 * @param bytes Buffer holding the payload.
 * @param offset Index of the payload's first byte.
 * @param length Bytes available from `offset`.
 * @param options Accept reserved channels; TCP stream rules.
 * @returns Whether the bytes look like a ChannelData message.
 * @example coturn 4.6's channel 0x72B7 needs `reservedChannels`
 * ```ts
 * import { looksLikeChannelData } from "./channel_data.ts";
 * import { strictEqual } from "node:assert/strict";
 * const bytes = new Uint8Array(8); bytes.set([0x72, 0xb7, 0x00, 0x04]);
 * strictEqual(looksLikeChannelData(bytes, 0, 8), false);
 * strictEqual(looksLikeChannelData(bytes, 0, 8, { reservedChannels: true }), true);
 * ```
 */
export function looksLikeChannelData(
  bytes: Uint8Array,
  offset = 0,
  length: number = bytes.length - offset,
  options: LooksLikeChannelDataOptions = {},
): boolean {
  if (!(Number.isInteger(offset) && offset >= 0 && length >= CHANNEL_DATA_HEADER_LENGTH)) return false;
  if (offset + CHANNEL_DATA_HEADER_LENGTH > bytes.length) return false;
  const first = bytes[offset]!;
  if (first < 64 || first > (options.reservedChannels === true ? 127 : 79)) return false;
  const dataLength = be16(bytes, offset + 2);
  const extra = Math.min(length, bytes.length - offset) - CHANNEL_DATA_HEADER_LENGTH - dataLength;
  if (extra < 0) return false;
  return options.stream === true || extra <= ((4 - (dataLength & 3)) & 3);
}
