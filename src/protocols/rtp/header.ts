/**
 * The RTP fixed header, CSRC list, header extension and padding, RFC 3550 §5.1 and §5.3.1.
 *
 * ```text
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           timestamp                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           synchronization source (SSRC) identifier            |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |            contributing source (CSRC) identifiers             |
 * |                             ....                              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   defined by profile (if X)   |     length (32-bit words)     |
 * |                   header extension data ....                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                      payload ....     | padding (if P)| count |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ```
 * With P set, the last byte counts the padding bytes, itself included (§5.1), so it is at least 1 and at most the
 * bytes after the header. SRTP (RFC 3711) appends an authentication tag after the padding; these decoders do not know
 * about it, so give them the packet without the tag when you have one.
 *
 * Two ways in (STYLE.md principle 3): {@linkcode decodeRtp} returns a plain object or a
 * {@linkcode DecodeFailure}; {@linkcode RtpReader} is reused for every packet, overwrites its fields in place and
 * allocates nothing.
 *
 * @example Decode a packet
 * ```ts
 * import { decodeRtp } from "./header.ts";
 * import { isFailure } from "../decode_result.ts";
 * import { ok, strictEqual } from "node:assert/strict";
 * // Opus, M, PT 111, seq 30001: the header and first payload bytes of tests/testdata/demo.pcap frame 18.
 * const bytes = new Uint8Array([0x80, 0xef, 0x75, 0x31, 0x40, 0xa1, 0x99, 0x8a, 0x55, 0x66, 0x77, 0x88, 0x78, 0x9e]);
 * const p = decodeRtp(bytes);
 * ok(!isFailure(p));
 * strictEqual(p.sequence, 30001);
 * strictEqual(p.payloadLength, 2);
 * ```
 * @module
 */
// This module is browser compatible.

import { be16, be32 } from "../_bytes.ts";
import { type Decoded, type DecodeFailure, failure, type FailureReason } from "../decode_result.ts";
import { decodeHeaderExtension, type RtpHeaderExtension } from "./extensions.ts";

/** Length of the fixed header. */
export const RTP_FIXED_HEADER_LENGTH = 12;
/** The only version RFC 3550 defines. */
export const RTP_VERSION = 2;
const RTP_SEQUENCE_OFFSET = 2;
const RTP_TIMESTAMP_OFFSET = RTP_SEQUENCE_OFFSET + 2;
const RTP_SSRC_OFFSET = RTP_TIMESTAMP_OFFSET + 4;
const RTP_CSRC_OFFSET = RTP_SSRC_OFFSET + 4;
const CSRC_LENGTH = 4;
/** The header extension's own header: profile (2) and length in words (2), RFC 3550 §5.3.1. */
const EXTENSION_HEADER_LENGTH = 4;

/**
 * Outcome of {@linkcode RtpReader.decode}. The numbers are stable (counters, FFI); add new ones at the end.
 */
export const RtpStatus = {
  /** The header, CSRC list, extension and padding are consistent with the bytes. */
  Ok: 0,
  /** Fewer than 12 bytes, or the CSRC list or the 4-byte extension header is cut. */
  Truncated: 1,
  /** The version field is not 2. */
  BadVersion: 2,
  /** The extension's length field runs past the end of the packet. */
  BadExtensionLength: 3,
  /** P is set but the padding count is 0 or more than the bytes after the header. */
  BadPadding: 4,
} as const;
/** One of the {@linkcode RtpStatus} values. */
export type RtpStatus = (typeof RtpStatus)[keyof typeof RtpStatus];

/**
 * Kebab-case name of each {@linkcode RtpStatus}, indexed by its number.
 *
 * @example Name a status
 * ```ts
 * import { RTP_STATUS_NAMES, RtpStatus } from "./header.ts";
 * import { strictEqual } from "node:assert/strict";
 * strictEqual(RTP_STATUS_NAMES[RtpStatus.BadPadding], "bad-padding");
 * ```
 */
export const RTP_STATUS_NAMES: readonly string[] = Object.freeze([
  "ok",
  "truncated",
  "bad-version",
  "bad-extension-length",
  "bad-padding",
]);

const STATUS_REASONS: readonly FailureReason[] = ["truncated", "truncated", "bad-version", "bad-length", "bad-length"];

/**
 * Reusable decoder of one RTP packet at a time, for the hot path: no allocation, every field overwritten by each
 * {@linkcode RtpReader.decode}. Offsets index the `bytes` passed to `decode()`. After a failure, the fields read before
 * the fault keep their values and the rest are reset (see each field), so do not use them as a packet.
 *
 * @example Count packets per SSRC without allocating
 * ```ts
 * import { RtpReader, RtpStatus } from "./header.ts";
 * import { strictEqual } from "node:assert/strict";
 * const reader = new RtpReader();
 * const packet = new Uint8Array([0x80, 0xe0, 0x03, 0xe8, 0, 0, 0, 1, 0x11, 0x22, 0x33, 0x44, 0x7c, 0x85]);
 * strictEqual(reader.decode(packet), true);
 * strictEqual(reader.ssrc, 0x11223344);
 * strictEqual(reader.marker, true);
 * strictEqual(reader.payloadType, 96);
 * strictEqual(reader.decode(packet.subarray(0, 5)), false);
 * strictEqual(reader.status, RtpStatus.Truncated);
 * ```
 */
export class RtpReader {
  /** What the last `decode()` found. */
  status: RtpStatus = RtpStatus.Ok;
  /** Where the fault was found when `status` is not Ok (an index into `bytes`), else -1. */
  problemOffset = -1;
  /** The version field (2 for RTP); read whenever at least one byte was there. */
  version = 0;
  /** The P bit. */
  padding = false;
  /** The X bit. */
  extension = false;
  /** The M bit. */
  marker = false;
  /** 7-bit payload type. */
  payloadType = 0;
  /** 16-bit sequence number. */
  sequence = 0;
  /** 32-bit timestamp (unsigned). */
  timestamp = 0;
  /** 32-bit SSRC (unsigned). */
  ssrc = 0;
  /** Number of CSRCs (the CC field). */
  csrcCount = 0;
  /** First byte of the CSRC list; read CSRC `i` with {@linkcode readCsrc}. */
  csrcOffset = 0;
  /** The extension's "defined by profile" field, or -1 without an extension. */
  extensionProfile = -1;
  /** First byte of extension data (after its 4-byte header), or 0. */
  extensionOffset = 0;
  /** Bytes of extension data (4 × its length field), or 0. */
  extensionLength = 0;
  /** Fixed header + CSRCs + extension, in bytes (also kept after a padding failure). */
  headerLength = 0;
  /** First payload byte. */
  payloadOffset = 0;
  /** Payload bytes, padding excluded. */
  payloadLength = 0;
  /** Padding bytes (the count byte included), 0 without P. */
  paddingLength = 0;

  /**
   * Decodes one packet.
   *
   * @param bytes Bytes holding the packet (a view; not copied, not kept).
   * @param offset Where the packet starts.
   * @param length Bytes of the packet; clamped to the bytes present.
   * @returns True when the packet is well formed; otherwise `status` says why not.
   */
  decode(bytes: Uint8Array, offset = 0, length: number = bytes.length - offset): boolean {
    this.problemOffset = -1;
    this.version = 0;
    this.padding = false;
    this.extension = false;
    this.marker = false;
    this.payloadType = 0;
    this.sequence = 0;
    this.timestamp = 0;
    this.ssrc = 0;
    this.csrcCount = 0;
    this.csrcOffset = 0;
    this.extensionProfile = -1;
    this.extensionOffset = 0;
    this.extensionLength = 0;
    this.headerLength = 0;
    this.payloadOffset = 0;
    this.payloadLength = 0;
    this.paddingLength = 0;

    // Written so that NaN fails too.
    if (!(offset >= 0 && offset <= bytes.length)) return this.#fail(RtpStatus.Truncated, offset);
    let end = offset + length;
    if (!(end <= bytes.length)) end = bytes.length;
    if (!(end - offset >= 1)) return this.#fail(RtpStatus.Truncated, offset);
    const b0 = bytes[offset]!;
    this.version = b0 >> 6;
    if (this.version !== RTP_VERSION) return this.#fail(RtpStatus.BadVersion, offset);
    if (end - offset < RTP_FIXED_HEADER_LENGTH) return this.#fail(RtpStatus.Truncated, end);
    const b1 = bytes[offset + 1]!;
    this.padding = (b0 & 0x20) !== 0;
    this.extension = (b0 & 0x10) !== 0;
    this.csrcCount = b0 & 0x0f;
    this.marker = (b1 & 0x80) !== 0;
    this.payloadType = b1 & 0x7f;
    this.sequence = be16(bytes, offset + RTP_SEQUENCE_OFFSET);
    this.timestamp = be32(bytes, offset + RTP_TIMESTAMP_OFFSET);
    this.ssrc = be32(bytes, offset + RTP_SSRC_OFFSET);

    let cursor = offset + RTP_CSRC_OFFSET;
    this.csrcOffset = cursor;
    cursor += this.csrcCount * CSRC_LENGTH;
    if (cursor > end) return this.#fail(RtpStatus.Truncated, end);
    if (this.extension) {
      if (cursor + EXTENSION_HEADER_LENGTH > end) return this.#fail(RtpStatus.Truncated, end);
      const profile = be16(bytes, cursor);
      const extensionLength = be16(bytes, cursor + 2) * 4;
      if (cursor + EXTENSION_HEADER_LENGTH + extensionLength > end) {
        return this.#fail(RtpStatus.BadExtensionLength, cursor + 2);
      }
      this.extensionProfile = profile;
      this.extensionOffset = cursor + EXTENSION_HEADER_LENGTH;
      this.extensionLength = extensionLength;
      cursor += EXTENSION_HEADER_LENGTH + extensionLength;
    }
    this.headerLength = cursor - offset;

    let paddingLength = 0;
    if (this.padding) {
      // The count includes itself (RFC 3550 §5.1), so 0 is invalid, and it cannot reach into the header.
      if (end === cursor) return this.#fail(RtpStatus.BadPadding, end);
      paddingLength = bytes[end - 1]!;
      if (paddingLength === 0 || paddingLength > end - cursor) return this.#fail(RtpStatus.BadPadding, end - 1);
    }
    this.paddingLength = paddingLength;
    this.payloadOffset = cursor;
    this.payloadLength = end - cursor - paddingLength;
    this.status = RtpStatus.Ok;
    return true;
  }

  #fail(status: RtpStatus, at: number): false {
    this.status = status;
    this.problemOffset = at;
    this.payloadOffset = 0;
    this.payloadLength = 0;
    this.paddingLength = 0;
    return false;
  }
}

/**
 * Reads CSRC `index` of the packet an {@linkcode RtpReader} decoded.
 * @param bytes The bytes given to `decode()`.
 * @param reader The reader, after a successful `decode()`.
 * @param index 0 to `csrcCount - 1`.
 * @returns The CSRC, or -1 when `index` is out of range.
 */
export function readCsrc(bytes: Uint8Array, reader: RtpReader, index: number): number {
  if (index < 0 || index >= reader.csrcCount) return -1;
  const at = reader.csrcOffset + index * CSRC_LENGTH;
  return at + CSRC_LENGTH <= bytes.length ? be32(bytes, at) : -1;
}

/** One decoded RTP packet. Offsets index the bytes given to {@linkcode decodeRtp}. */
export interface RtpPacket {
  /** Always 2. */
  version: number;
  /** The P bit. */
  padding: boolean;
  /** The M bit. */
  marker: boolean;
  /** 7-bit payload type. */
  payloadType: number;
  /** 16-bit sequence number. */
  sequence: number;
  /** 32-bit timestamp (unsigned). */
  timestamp: number;
  /** 32-bit SSRC (unsigned). */
  ssrc: number;
  /** Contributing sources, in order (unsigned). */
  csrcs: number[];
  /** The header extension (X bit set), or null. */
  extension: RtpHeaderExtension | null;
  /** Fixed header + CSRCs + extension, in bytes. */
  headerLength: number;
  /** First payload byte. */
  payloadOffset: number;
  /** Payload bytes, padding excluded. */
  payloadLength: number;
  /** Padding bytes including the count byte, 0 without P. */
  paddingLength: number;
}

const reader = new RtpReader();

/**
 * Decodes one RTP packet into a plain object, with its CSRCs and header extension elements.
 *
 * @param bytes Bytes holding the packet (e.g. a UDP payload).
 * @param offset Where the packet starts.
 * @param length Bytes of the packet; clamped to the bytes present.
 * @returns The packet, or a {@linkcode DecodeFailure} (`truncated`, `bad-version` or `bad-length`). A malformed
 *   extension element list does not fail the packet: it is reported in `extension.malformed`.
 * @example A cut packet
 * ```ts
 * import { decodeRtp } from "./header.ts";
 * import { isFailure } from "../decode_result.ts";
 * import { strictEqual } from "node:assert/strict";
 * const r = decodeRtp(new Uint8Array([0x80, 0x60, 0, 1]));
 * strictEqual(isFailure(r) && r.detail, "RTP header needs 12 bytes, 4 remain");
 * ```
 */
export function decodeRtp(bytes: Uint8Array, offset = 0, length: number = bytes.length - offset): Decoded<RtpPacket> {
  if (!reader.decode(bytes, offset, length)) return rtpFailure(reader, bytes, offset, length);
  const csrcs: number[] = [];
  for (let i = 0; i < reader.csrcCount; i++) csrcs.push(be32(bytes, reader.csrcOffset + i * CSRC_LENGTH));
  return {
    version: reader.version,
    padding: reader.padding,
    marker: reader.marker,
    payloadType: reader.payloadType,
    sequence: reader.sequence,
    timestamp: reader.timestamp,
    ssrc: reader.ssrc,
    csrcs,
    extension: reader.extension
      ? decodeHeaderExtension(bytes, reader.extensionProfile, reader.extensionOffset, reader.extensionLength)
      : null,
    headerLength: reader.headerLength,
    payloadOffset: reader.payloadOffset,
    payloadLength: reader.payloadLength,
    paddingLength: reader.paddingLength,
  };
}

/**
 * Turns a failed {@linkcode RtpReader.decode} into a {@linkcode DecodeFailure} with a sentence for people.
 * @param r The reader, right after `decode()` returned false.
 * @param bytes The bytes given to it.
 * @param offset The offset given to it.
 * @param length The length given to it.
 * @returns The failure.
 */
export function rtpFailure(r: RtpReader, bytes: Uint8Array, offset: number, length: number): DecodeFailure {
  let end = offset + length;
  if (!(end <= bytes.length)) end = bytes.length; // as decode() reads it, NaN included
  const have = Math.max(0, end - offset);
  const reason = STATUS_REASONS[r.status] ?? "bad-value";
  let detail: string;
  switch (r.status) {
    case RtpStatus.BadVersion:
      detail = `RTP version is ${r.version}, not 2`;
      break;
    case RtpStatus.BadExtensionLength:
      detail = `RTP header extension says ${be16(bytes, r.problemOffset) * 4} bytes, ${
        end - r.problemOffset - 2
      } remain`;
      break;
    case RtpStatus.BadPadding:
      detail = r.problemOffset === end
        ? "RTP padding bit is set but no byte follows the header"
        : `RTP padding count is ${bytes[r.problemOffset]}, ${end - offset - r.headerLength} bytes follow the header`;
      break;
    default:
      detail = have < RTP_FIXED_HEADER_LENGTH
        ? `RTP header needs ${RTP_FIXED_HEADER_LENGTH} bytes, ${have} remain`
        : `RTP header with ${r.csrcCount} CSRCs${r.extension ? " and an extension" : ""} is cut at ${have} bytes`;
  }
  return failure("rtp", reason, r.problemOffset, detail);
}
