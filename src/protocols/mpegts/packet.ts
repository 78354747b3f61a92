/**
 * MPEG-2 transport stream packets (ISO/IEC 13818-1 §2.4.3.2, Table 2-2) as they travel over UDP or RTP: one datagram
 * holds 1–7 packets of 188 bytes (7 × 188 = 1316 fits a 1500-byte MTU; SMPTE 2022-2 and RFC 2250 §2 for RTP payload
 * type 33).
 *
 * ```text
 * sync_byte 0x47 (8) | TEI (1) PUSI (1) transport_priority (1) PID (13) | scrambling (2) AFC (2) continuity_counter (4)
 * adaptation_field() if AFC is 2 or 3 | payload bytes if AFC is 1 or 3 (to byte 188)
 * ```
 *
 * Two ways in: {@linkcode decodeTsDatagram} returns plain objects (tests, the UI), and {@linkcode TsPacketReader}
 * walks the packets of a datagram and overwrites its fields for each one, allocating nothing (the capture pipeline).
 *
 * @module
 */
// This module is browser compatible.

import { type Decoded, type DecodeFailure, failure, isFailure } from "../decode_result.ts";
import { type AdaptationField, AdaptationFlag, decodeAdaptationField } from "./adaptation_field.ts";
import { readPcrBase, readPcrExtension } from "./_timestamp.ts";

/** Bytes in a transport stream packet (ISO/IEC 13818-1 §2.4.3.2). */
export const TS_PACKET_SIZE = 188;
/** sync_byte (ISO/IEC 13818-1 §2.4.3.3). */
export const TS_SYNC_BYTE = 0x47;
/** Bytes of the fixed packet header. */
export const TS_HEADER_LENGTH = 4;
/** The most packets a datagram carries: 7 × 188 = 1316 bytes, the usual UDP/RTP payload (SMPTE 2022-2). */
export const TS_MAX_PACKETS_PER_DATAGRAM = 7;
/** 7 × 188. */
export const TS_MAX_DATAGRAM_LENGTH = TS_MAX_PACKETS_PER_DATAGRAM * TS_PACKET_SIZE;

/** adaptation_field_control values (ISO/IEC 13818-1 Table 2-5). */
export const AdaptationFieldControl = {
  /** '00': reserved; a decoder discards the packet. */
  Reserved: 0,
  /** '01': payload only. */
  PayloadOnly: 1,
  /** '10': adaptation field only, no payload (the continuity counter does not advance). */
  AdaptationOnly: 2,
  /** '11': adaptation field followed by payload. */
  AdaptationAndPayload: 3,
} as const;

/**
 * Outcome of one {@linkcode TsPacketReader} step. The numbers are stable (they go into counters); add new ones at the
 * end.
 */
export const TsStatus = {
  /** The header and the adaptation field (if any) are consistent. */
  Ok: 0,
  /** The datagram is empty, not a multiple of 188 bytes, longer than 1316 bytes, or past the end of the buffer. */
  BadDatagramLength: 1,
  /** This 188-byte slot does not start with 0x47; no field was read. */
  BadSync: 2,
  /** adaptation_field_length runs past the packet, or a field runs past the adaptation field; no payload. */
  BadAdaptationField: 3,
  /** adaptation_field_control is '00' (reserved): header fields are set, there is no adaptation field or payload. */
  ReservedAdaptationFieldControl: 4,
} as const;
/** One of the {@linkcode TsStatus} values. */
export type TsStatus = (typeof TsStatus)[keyof typeof TsStatus];

/** Kebab-case name of each {@linkcode TsStatus}, indexed by its number. */
export const TS_STATUS_NAMES: readonly string[] = Object.freeze([
  "ok",
  "bad-datagram-length",
  "bad-sync",
  "bad-adaptation-field",
  "reserved-adaptation-field-control",
]);

/**
 * True when `length` bytes at `offset` look like 1–7 whole TS packets: a non-zero multiple of 188, at most 1316, with
 * 0x47 at every 188-byte boundary. This is the classifier's test; it reads one byte per packet.
 *
 * @param bytes The buffer.
 * @param offset Start of the UDP (or RTP) payload.
 * @param length Payload length.
 * @returns Whether the bytes can be TS packets.
 *
 * @example A datagram of two null packets, and the same cut by one byte
 * ```ts
 * import { looksLikeMpegTs } from "./packet.ts";
 * import { strictEqual } from "node:assert/strict";
 * const two = new Uint8Array(376).fill(0xff);
 * two.set([0x47, 0x1f, 0xff, 0x10], 0);
 * two.set([0x47, 0x1f, 0xff, 0x11], 188);
 * strictEqual(looksLikeMpegTs(two, 0, 376), true);
 * strictEqual(looksLikeMpegTs(two, 0, 375), false);
 * ```
 */
export function looksLikeMpegTs(
  bytes: Uint8Array,
  offset: number = 0,
  length: number = bytes.length - offset,
): boolean {
  if (offset < 0 || length <= 0 || length > TS_MAX_DATAGRAM_LENGTH || offset + length > bytes.length) return false;
  if (length % TS_PACKET_SIZE !== 0) return false;
  for (let p = offset; p < offset + length; p += TS_PACKET_SIZE) if (bytes[p] !== TS_SYNC_BYTE) return false;
  return true;
}

/** The fixed 4-byte header of a TS packet (ISO/IEC 13818-1 §2.4.3.2). */
export interface TsHeader {
  /** transport_error_indicator: a demodulator saw an uncorrectable error in this packet. */
  readonly tei: boolean;
  /** payload_unit_start_indicator: a PES packet or (after a pointer_field) a PSI section starts here. */
  readonly pusi: boolean;
  /** transport_priority. */
  readonly priority: boolean;
  /** 13-bit packet identifier, 0–0x1FFF (see `pidName()`). */
  readonly pid: number;
  /** transport_scrambling_control: 0 not scrambled; 1 reserved; 2/3 user-defined (DVB: even/odd key). */
  readonly scrambling: number;
  /** adaptation_field_control, see {@linkcode AdaptationFieldControl}. */
  readonly afc: number;
  /** continuity_counter, 0–15; advances only in packets with payload. */
  readonly cc: number;
}

/** One decoded packet. Views (`payload`, private data) point into the input bytes. */
export interface TsPacket extends TsHeader {
  /** Index of the sync byte in the bytes given to the decoder. */
  readonly offset: number;
  /** The adaptation field, a failure saying why it is unreadable, or null when AFC has none. */
  readonly adaptationField: AdaptationField | DecodeFailure | null;
  /** Index of the first payload byte in the input; equals the packet end when there is no payload. */
  readonly payloadOffset: number;
  /** The payload (a view); empty for AFC '00'/'10' or an unreadable adaptation field. */
  readonly payload: Uint8Array;
}

/** The packets of one datagram, each decoded or a failure (a bad sync byte spoils one slot, not the datagram). */
export interface TsDatagram {
  readonly packets: readonly Decoded<TsPacket>[];
}

/**
 * Decodes the 188-byte TS packet at `offset`.
 *
 * @param bytes The buffer.
 * @param offset Index of the sync byte.
 * @returns The packet, or a failure for fewer than 188 bytes or a sync byte other than 0x47. An unreadable adaptation
 *   field does not fail the packet: `adaptationField` holds the failure and the payload is empty.
 *
 * @example The PAT packet of tests/testdata/demo.pcap frame 1
 * ```ts
 * import { decodeTsPacket } from "./packet.ts";
 * import { isFailure } from "../decode_result.ts";
 * import { strictEqual } from "node:assert/strict";
 * const bytes = new Uint8Array(188).fill(0xff);
 * bytes.set([0x47, 0x40, 0x00, 0x10, 0x00, 0x00, 0xb0, 0x0d]);
 * const p = decodeTsPacket(bytes, 0);
 * strictEqual(!isFailure(p) && p.pusi && p.pid === 0 && p.payload.length, 184);
 * ```
 */
export function decodeTsPacket(bytes: Uint8Array, offset: number = 0): Decoded<TsPacket> {
  if (offset < 0 || bytes.length - offset < TS_PACKET_SIZE) {
    return failure("mpegts", "truncated", offset, `a TS packet needs 188 bytes, ${bytes.length - offset} remain`);
  }
  const b0 = bytes[offset]!;
  if (b0 !== TS_SYNC_BYTE) {
    return failure("mpegts", "bad-value", offset, `sync byte is 0x${b0.toString(16).padStart(2, "0")}, not 0x47`);
  }
  const b1 = bytes[offset + 1]!;
  const b3 = bytes[offset + 3]!;
  const afc = (b3 >>> 4) & 0x03;
  const end = offset + TS_PACKET_SIZE;
  let adaptationField: AdaptationField | DecodeFailure | null = null;
  let payloadOffset = end;
  if (afc === AdaptationFieldControl.PayloadOnly) {
    payloadOffset = offset + TS_HEADER_LENGTH;
  } else if (afc === AdaptationFieldControl.AdaptationAndPayload || afc === AdaptationFieldControl.AdaptationOnly) {
    const af = decodeAdaptationField(bytes, offset + TS_HEADER_LENGTH, TS_PACKET_SIZE - TS_HEADER_LENGTH);
    adaptationField = af;
    if (afc === AdaptationFieldControl.AdaptationAndPayload && !isFailure(af)) {
      payloadOffset = offset + TS_HEADER_LENGTH + 1 + af.length;
    }
  }
  return {
    tei: (b1 & 0x80) !== 0,
    pusi: (b1 & 0x40) !== 0,
    priority: (b1 & 0x20) !== 0,
    pid: ((b1 & 0x1f) << 8) | bytes[offset + 2]!,
    scrambling: b3 >>> 6,
    afc,
    cc: b3 & 0x0f,
    offset,
    adaptationField,
    payloadOffset,
    payload: bytes.subarray(payloadOffset, end),
  };
}

/**
 * Decodes every packet of a UDP or RTP payload holding MPEG-TS.
 *
 * @param bytes The buffer (a whole frame is fine).
 * @param offset Start of the TS packets: the UDP payload, or the RTP payload for payload type 33.
 * @param length Bytes of TS packets: a non-zero multiple of 188, at most 1316.
 * @returns The packets, or a failure when the length is not whole packets.
 *
 * @example Count packets per PID
 * ```ts
 * import { decodeTsDatagram } from "./packet.ts";
 * import { isFailure } from "../decode_result.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const d = new Uint8Array(376).fill(0xff);
 * d.set([0x47, 0x1f, 0xff, 0x10], 0);
 * d.set([0x47, 0x01, 0x00, 0x3b, 0x07], 188);
 * const r = decodeTsDatagram(d);
 * deepStrictEqual(isFailure(r) ? [] : r.packets.map((p) => isFailure(p) ? -1 : p.pid), [0x1fff, 0x100]);
 * ```
 */
export function decodeTsDatagram(
  bytes: Uint8Array,
  offset: number = 0,
  length: number = bytes.length - offset,
): Decoded<TsDatagram> {
  const bad = datagramLengthProblem(bytes, offset, length);
  if (bad !== null) return failure("mpegts", bad.startsWith("only") ? "truncated" : "bad-length", offset, bad);
  const packets: Decoded<TsPacket>[] = [];
  for (let p = offset; p < offset + length; p += TS_PACKET_SIZE) packets.push(decodeTsPacket(bytes, p));
  return { packets };
}

function datagramLengthProblem(bytes: Uint8Array, offset: number, length: number): string | null {
  if (offset < 0 || offset + length > bytes.length) {
    return `only ${Math.max(0, bytes.length - offset)} bytes remain for ${length} bytes of TS packets`;
  }
  if (length <= 0) return "no TS packet: the datagram is empty";
  if (length % TS_PACKET_SIZE !== 0) return `${length} bytes is not a multiple of 188`;
  if (length > TS_MAX_DATAGRAM_LENGTH) return `${length} bytes is more than 7 TS packets (1316 bytes)`;
  return null;
}

const EMPTY = new Uint8Array(0);

/**
 * Walks the TS packets of one datagram after another without allocating: {@linkcode begin} takes a datagram,
 * each {@linkcode next} decodes one packet into the fields. Fields are stale after `next()` returns false, and the
 * fields a status does not cover are reset (-1, false or 0).
 *
 * Only the fields the per-packet analysis needs are read here (header, adaptation field flags, PCR). For the rest of
 * the adaptation field, call `decodeAdaptationField(bytes, reader.offset + 4)` on the packets that have one.
 *
 * @example Collect the PCRs of a datagram
 * ```ts
 * import { TsPacketReader, TsStatus } from "./packet.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * // demo.pcap frame 1, packet 7: PID 0x100, adaptation field with PCR base 65050, extension 60
 * const d = new Uint8Array(188).fill(0xff);
 * d.set([0x47, 0x41, 0x00, 0x30, 0x07, 0x50, 0x00, 0x00, 0x7f, 0x0d, 0x7e, 0x3c]);
 * const r = new TsPacketReader();
 * const pcrs: number[] = [];
 * if (r.begin(d, 0, d.length)) while (r.next()) if (r.status === TsStatus.Ok && r.hasPcr) pcrs.push(r.pcr);
 * deepStrictEqual(pcrs, [19515060]);
 * ```
 */
export class TsPacketReader implements TsHeader {
  /** Status of the last `begin()` or `next()`. */
  status: TsStatus = TsStatus.Ok;
  /** Packets in the current datagram (0 after a bad `begin()`). */
  packetCount = 0;
  /** Index of the current packet in the datagram, -1 before the first `next()`. */
  index = -1;
  /** Index of the current packet's sync byte in the buffer. */
  offset = 0;
  tei = false;
  pusi = false;
  priority = false;
  /** PID, or -1 for a bad sync byte. */
  pid = -1;
  scrambling = 0;
  afc = 0;
  /** continuity_counter, or -1 for a bad sync byte. */
  cc = -1;
  /** adaptation_field_length, or -1 when the packet has no adaptation field. */
  afLength = -1;
  discontinuity = false;
  randomAccess = false;
  esPriority = false;
  /** The adaptation field carries a PCR (`pcrBase`, `pcrExtension`, `pcr` are set). */
  hasPcr = false;
  /** program_clock_reference_base (90 kHz), or -1. */
  pcrBase = -1;
  /** program_clock_reference_extension (27 MHz), or -1. */
  pcrExtension = -1;
  /** pcrBase × 300 + pcrExtension: the 27 MHz clock value, or -1. */
  pcr = -1;
  /** Index of the first payload byte in the buffer. */
  payloadOffset = 0;
  /** Payload bytes (0 when the packet has none). */
  payloadLength = 0;

  #bytes: Uint8Array = EMPTY;
  #start = 0;

  /**
   * Starts on a new datagram.
   * @param bytes The buffer.
   * @param offset Start of the TS packets (UDP payload, or RTP payload).
   * @param length Bytes of TS packets.
   * @returns False (status `BadDatagramLength`, no packets) unless `length` is 1–7 whole packets inside `bytes`.
   */
  begin(bytes: Uint8Array, offset: number, length: number): boolean {
    this.index = -1;
    if (datagramLengthProblem(bytes, offset, length) !== null) {
      this.#bytes = EMPTY;
      this.packetCount = 0;
      this.#reset(offset);
      this.status = TsStatus.BadDatagramLength;
      return false;
    }
    this.#bytes = bytes;
    this.#start = offset;
    this.packetCount = length / TS_PACKET_SIZE;
    this.status = TsStatus.Ok;
    return true;
  }

  /**
   * Decodes the next packet of the datagram.
   * @returns False when every packet has been read; otherwise true, with `status` saying whether the packet is good.
   */
  next(): boolean {
    if (this.index + 1 >= this.packetCount) return false;
    this.index++;
    this.decodeAt(this.#bytes, this.#start + this.index * TS_PACKET_SIZE);
    return true;
  }

  /**
   * Decodes one packet at `offset` (outside any datagram walk).
   * @param bytes The buffer; `offset + 188` must not exceed its length, or the status is `BadDatagramLength`.
   * @param offset Index of the sync byte.
   * @returns The status, also left in `status`.
   */
  decodeAt(bytes: Uint8Array, offset: number): TsStatus {
    this.#reset(offset);
    if (offset < 0 || offset + TS_PACKET_SIZE > bytes.length) return this.status = TsStatus.BadDatagramLength;
    if (bytes[offset] !== TS_SYNC_BYTE) return this.status = TsStatus.BadSync;
    const b1 = bytes[offset + 1]!;
    const b3 = bytes[offset + 3]!;
    this.tei = (b1 & 0x80) !== 0;
    this.pusi = (b1 & 0x40) !== 0;
    this.priority = (b1 & 0x20) !== 0;
    this.pid = ((b1 & 0x1f) << 8) | bytes[offset + 2]!;
    this.scrambling = b3 >>> 6;
    const afc = (b3 >>> 4) & 0x03;
    this.afc = afc;
    this.cc = b3 & 0x0f;
    const end = offset + TS_PACKET_SIZE;
    if (afc === AdaptationFieldControl.PayloadOnly) {
      this.payloadOffset = offset + TS_HEADER_LENGTH;
      this.payloadLength = TS_PACKET_SIZE - TS_HEADER_LENGTH;
      return this.status = TsStatus.Ok;
    }
    if (afc === AdaptationFieldControl.Reserved) return this.status = TsStatus.ReservedAdaptationFieldControl;

    const at = offset + TS_HEADER_LENGTH;
    const length = bytes[at]!;
    if (length > TS_PACKET_SIZE - TS_HEADER_LENGTH - 1) return this.status = TsStatus.BadAdaptationField;
    this.afLength = length;
    if (length > 0) {
      const flags = bytes[at + 1]!;
      this.discontinuity = (flags & AdaptationFlag.Discontinuity) !== 0;
      this.randomAccess = (flags & AdaptationFlag.RandomAccess) !== 0;
      this.esPriority = (flags & AdaptationFlag.EsPriority) !== 0;
      if (flags & AdaptationFlag.Pcr) {
        if (length < 7) return this.status = TsStatus.BadAdaptationField;
        this.hasPcr = true;
        this.pcrBase = readPcrBase(bytes, at + 2);
        this.pcrExtension = readPcrExtension(bytes, at + 2);
        this.pcr = this.pcrBase * 300 + this.pcrExtension;
      }
    }
    if (afc === AdaptationFieldControl.AdaptationAndPayload) {
      this.payloadOffset = at + 1 + length;
      this.payloadLength = end - this.payloadOffset;
    }
    return this.status = TsStatus.Ok;
  }

  #reset(offset: number): void {
    this.offset = offset;
    this.tei = false;
    this.pusi = false;
    this.priority = false;
    this.pid = -1;
    this.scrambling = 0;
    this.afc = 0;
    this.cc = -1;
    this.afLength = -1;
    this.discontinuity = false;
    this.randomAccess = false;
    this.esPriority = false;
    this.hasPcr = false;
    this.pcrBase = -1;
    this.pcrExtension = -1;
    this.pcr = -1;
    this.payloadOffset = offset + TS_PACKET_SIZE;
    this.payloadLength = 0;
  }
}
