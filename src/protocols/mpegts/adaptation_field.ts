/**
 * The adaptation field of a transport stream packet, ISO/IEC 13818-1 §2.4.3.4 (syntax, Table 2-6) and §2.4.3.5
 * (semantics).
 *
 * ```text
 * adaptation_field_length (8)                   0 is legal: the field is that one byte, used to stuff one byte
 * if length > 0:
 *   discontinuity_indicator (1) random_access_indicator (1) elementary_stream_priority_indicator (1)
 *   PCR_flag (1) OPCR_flag (1) splicing_point_flag (1) transport_private_data_flag (1) adaptation_field_extension_flag (1)
 *   PCR: program_clock_reference_base (33) reserved (6) program_clock_reference_extension (9)     if PCR_flag
 *   OPCR: the same 48 bits                                                                         if OPCR_flag
 *   splice_countdown (8, two's complement)                                                         if splicing_point_flag
 *   transport_private_data_length (8) + that many bytes                                            if transport_private_data_flag
 *   adaptation_field_extension_length (8)                                                          if adaptation_field_extension_flag
 *     ltw_flag (1) piecewise_rate_flag (1) seamless_splice_flag (1) af_descriptor_not_present_flag (1) reserved (4)
 *     ltw_valid_flag (1) ltw_offset (15)                                                           if ltw_flag
 *     reserved (2) piecewise_rate (22)                                                             if piecewise_rate_flag
 *     splice_type (4) DTS_next_AU[32..30] (3) m [29..15] (15) m [14..0] (15) m                     if seamless_splice_flag
 *     af_descriptor()s when af_descriptor_not_present_flag is 0, else reserved bytes, to the extension's end
 *   stuffing_byte (0xFF) to the field's end
 * ```
 *
 * @module
 */
// This module is browser compatible.

import { type Decoded, failure, isFailure } from "../decode_result.ts";
import { markers33, read33, readPcrBase, readPcrExtension } from "./_timestamp.ts";

/** Ticks of the 27 MHz system clock per tick of the 90 kHz PCR base (ISO/IEC 13818-1 §2.4.2.2, equation 2-1). */
export const PCR_EXTENSION_MODULUS = 300;

/** A program clock reference: PCR or OPCR (ISO/IEC 13818-1 §2.4.3.5). */
export interface ClockReference {
  /** program_clock_reference_base: 33 bits in 90 kHz ticks. */
  readonly base: number;
  /** program_clock_reference_extension: 9 bits in 27 MHz ticks, 0–299 when valid. */
  readonly extension: number;
  /** base × 300 + extension: the 27 MHz clock value (exact in a number). */
  readonly value: number;
}

/** The adaptation field extension (ISO/IEC 13818-1 §2.4.3.4, Table 2-6). */
export interface AdaptationFieldExtension {
  /** adaptation_field_extension_length: bytes after this length byte. */
  readonly length: number;
  /** Legal time window, if ltw_flag. */
  readonly ltw: { readonly valid: boolean; readonly offset: number } | null;
  /** piecewise_rate (22 bits, in units of 50 bytes/s), if piecewise_rate_flag. */
  readonly piecewiseRate: number | null;
  /** Seamless splice, if seamless_splice_flag: splice_type and DTS_next_AU (33 bits, 90 kHz). */
  readonly seamlessSplice:
    | { readonly spliceType: number; readonly dtsNextAu: number; readonly markersOk: boolean }
    | null;
  /** af_descriptor_not_present_flag: 0 means af_descriptor()s fill the rest of the extension. */
  readonly afDescriptorNotPresent: boolean;
  /** The bytes after the fields above: af_descriptor()s, or reserved bytes. A view of the input. */
  readonly remainder: Uint8Array;
}

/** A decoded adaptation field. */
export interface AdaptationField {
  /** adaptation_field_length: bytes after the length byte (0–183). */
  readonly length: number;
  readonly discontinuity: boolean;
  readonly randomAccess: boolean;
  readonly esPriority: boolean;
  readonly pcr: ClockReference | null;
  readonly opcr: ClockReference | null;
  /** splice_countdown as a signed number (−128…127), if splicing_point_flag. */
  readonly spliceCountdown: number | null;
  /** transport_private_data bytes (a view of the input), if transport_private_data_flag. */
  readonly transportPrivateData: Uint8Array | null;
  readonly extension: AdaptationFieldExtension | null;
  /** Bytes after the last field up to the end of the adaptation field (stuffing_byte, 0xFF). */
  readonly stuffingLength: number;
  /** How many of those stuffing bytes are not 0xFF (the spec requires 0xFF). */
  readonly nonFfStuffing: number;
}

/** Flag bits of the byte after adaptation_field_length (ISO/IEC 13818-1 Table 2-6). */
export const AdaptationFlag = {
  Discontinuity: 0x80,
  RandomAccess: 0x40,
  EsPriority: 0x20,
  Pcr: 0x10,
  Opcr: 0x08,
  SplicingPoint: 0x04,
  TransportPrivateData: 0x02,
  Extension: 0x01,
} as const;

const PCR_LENGTH = 6;

/**
 * Reads a 6-byte PCR/OPCR.
 * @param bytes The bytes.
 * @param offset First byte of the field (bounds checked by the caller).
 * @returns Base, extension and the 27 MHz value.
 */
export function readClockReference(bytes: Uint8Array, offset: number): ClockReference {
  const base = readPcrBase(bytes, offset);
  const extension = readPcrExtension(bytes, offset);
  return { base, extension, value: base * PCR_EXTENSION_MODULUS + extension };
}

/**
 * Decodes the adaptation field that starts at `offset` (its length byte, byte 4 of a TS packet).
 *
 * @param bytes The bytes holding the packet.
 * @param offset Index of adaptation_field_length.
 * @param available Bytes from `offset` to the end of the packet (183 in a 188-byte packet).
 * @returns The field, or a failure when a length runs past the packet or a field runs past its length.
 *
 * @example PCR of the first video packet of tests/testdata/demo.pcap (frame 1, packet 7)
 * ```ts
 * import { decodeAdaptationField } from "./adaptation_field.ts";
 * import { isFailure } from "../decode_result.ts";
 * import { strictEqual } from "node:assert/strict";
 * // adaptation_field_length 7, random access + PCR, PCR base 65050, extension 60
 * const af = decodeAdaptationField(new Uint8Array([0x07, 0x50, 0x00, 0x00, 0x7f, 0x0d, 0x7e, 0x3c]), 0, 8);
 * strictEqual(!isFailure(af) && af.pcr?.value, 65050 * 300 + 60);
 * ```
 */
export function decodeAdaptationField(
  bytes: Uint8Array,
  offset: number,
  available: number = bytes.length - offset,
): Decoded<AdaptationField> {
  if (available > bytes.length - offset) available = bytes.length - offset;
  if (available < 1) return failure("mpegts", "truncated", offset, "no byte left for adaptation_field_length");
  const length = bytes[offset]!;
  if (length > available - 1) {
    return failure(
      "mpegts",
      "bad-length",
      offset,
      `adaptation_field_length ${length} runs past the packet: ${available - 1} bytes remain`,
    );
  }
  const empty: AdaptationField = {
    length,
    discontinuity: false,
    randomAccess: false,
    esPriority: false,
    pcr: null,
    opcr: null,
    spliceCountdown: null,
    transportPrivateData: null,
    extension: null,
    stuffingLength: 0,
    nonFfStuffing: 0,
  };
  if (length === 0) return empty;

  const end = offset + 1 + length;
  const flags = bytes[offset + 1]!;
  let p = offset + 2;
  const short = (field: string, need: number) =>
    failure("mpegts", "bad-length", p, `${field} needs ${need} bytes, adaptation field has ${end - p} left`);

  let pcr: ClockReference | null = null;
  if (flags & AdaptationFlag.Pcr) {
    if (p + PCR_LENGTH > end) return short("PCR", PCR_LENGTH);
    pcr = readClockReference(bytes, p);
    p += PCR_LENGTH;
  }
  let opcr: ClockReference | null = null;
  if (flags & AdaptationFlag.Opcr) {
    if (p + PCR_LENGTH > end) return short("OPCR", PCR_LENGTH);
    opcr = readClockReference(bytes, p);
    p += PCR_LENGTH;
  }
  let spliceCountdown: number | null = null;
  if (flags & AdaptationFlag.SplicingPoint) {
    if (p + 1 > end) return short("splice_countdown", 1);
    spliceCountdown = (bytes[p]! << 24) >> 24;
    p += 1;
  }
  let transportPrivateData: Uint8Array | null = null;
  if (flags & AdaptationFlag.TransportPrivateData) {
    if (p + 1 > end) return short("transport_private_data_length", 1);
    const n = bytes[p]!;
    p += 1;
    if (p + n > end) return short("transport_private_data", n);
    transportPrivateData = bytes.subarray(p, p + n);
    p += n;
  }
  let extension: AdaptationFieldExtension | null = null;
  if (flags & AdaptationFlag.Extension) {
    if (p + 1 > end) return short("adaptation_field_extension_length", 1);
    const ext = decodeExtension(bytes, p, end);
    if (isFailure(ext)) return ext;
    extension = ext;
    p += 1 + ext.length;
  }
  let nonFfStuffing = 0;
  for (let i = p; i < end; i++) if (bytes[i] !== 0xff) nonFfStuffing++;
  return {
    ...empty,
    discontinuity: (flags & AdaptationFlag.Discontinuity) !== 0,
    randomAccess: (flags & AdaptationFlag.RandomAccess) !== 0,
    esPriority: (flags & AdaptationFlag.EsPriority) !== 0,
    pcr,
    opcr,
    spliceCountdown,
    transportPrivateData,
    extension,
    stuffingLength: end - p,
    nonFfStuffing,
  };
}

function decodeExtension(bytes: Uint8Array, at: number, afEnd: number): Decoded<AdaptationFieldExtension> {
  const length = bytes[at]!;
  const end = at + 1 + length;
  if (end > afEnd) {
    return failure(
      "mpegts",
      "bad-length",
      at,
      `adaptation_field_extension_length ${length} runs past the adaptation field: ${afEnd - at - 1} bytes remain`,
    );
  }
  const short = (field: string, need: number, p: number) =>
    failure("mpegts", "bad-length", p, `${field} needs ${need} bytes, extension has ${end - p} left`);
  if (length === 0) {
    return {
      length,
      ltw: null,
      piecewiseRate: null,
      seamlessSplice: null,
      afDescriptorNotPresent: true,
      remainder: bytes.subarray(end, end),
    };
  }
  const flags = bytes[at + 1]!;
  let p = at + 2;
  let ltw: AdaptationFieldExtension["ltw"] = null;
  if (flags & 0x80) {
    if (p + 2 > end) return short("ltw", 2, p);
    ltw = { valid: (bytes[p]! & 0x80) !== 0, offset: ((bytes[p]! & 0x7f) << 8) | bytes[p + 1]! };
    p += 2;
  }
  let piecewiseRate: number | null = null;
  if (flags & 0x40) {
    if (p + 3 > end) return short("piecewise_rate", 3, p);
    piecewiseRate = ((bytes[p]! & 0x3f) << 16) | (bytes[p + 1]! << 8) | bytes[p + 2]!;
    p += 3;
  }
  let seamlessSplice: AdaptationFieldExtension["seamlessSplice"] = null;
  if (flags & 0x20) {
    if (p + 5 > end) return short("seamless_splice", 5, p);
    seamlessSplice = { spliceType: bytes[p]! >>> 4, dtsNextAu: read33(bytes, p), markersOk: markers33(bytes, p) };
    p += 5;
  }
  return {
    length,
    ltw,
    piecewiseRate,
    seamlessSplice,
    afDescriptorNotPresent: (flags & 0x10) !== 0,
    remainder: bytes.subarray(p, end),
  };
}
