/**
 * The PES packet header, ISO/IEC 13818-1 §2.4.3.6 (syntax, Table 2-21) and §2.4.3.7 (semantics): what starts the
 * payload of a TS packet with payload_unit_start_indicator set on an elementary stream PID.
 *
 * ```text
 * packet_start_code_prefix 0x000001 (24) | stream_id (8) | PES_packet_length (16, 0 = unbounded, video only)
 * optional header, unless stream_id is one of PSM, padding, private_stream_2, ECM, EMM, directory, DSM-CC, H.222.1 E:
 *   '10' (2) PES_scrambling_control (2) PES_priority (1) data_alignment_indicator (1) copyright (1) original_or_copy (1)
 *   PTS_DTS_flags (2) ESCR_flag (1) ES_rate_flag (1) DSM_trick_mode_flag (1) additional_copy_info_flag (1)
 *   PES_CRC_flag (1) PES_extension_flag (1) | PES_header_data_length (8)
 *   PTS (40) if PTS_DTS_flags is '10' or '11'; DTS (40) if '11' ('01' is forbidden)
 *   ESCR (48) | ES_rate (24) | DSM trick mode (8) | additional_copy_info (8) | previous_PES_packet_CRC (16)
 *   PES extension: flags (8), PES_private_data (128), pack_header_field, program_packet_sequence_counter (16),
 *     P-STD_buffer (16), PES_extension_field_length (8) + stream_id_extension or TREF
 *   stuffing (0xFF) to 9 + PES_header_data_length
 * ```
 *
 * Every optional field is read when its own flag is set (the original tool only read them when the extension flag was
 * set too). Problems that leave the rest readable, such as a forbidden PTS_DTS_flags value or a cleared marker bit,
 * are listed in `issues` instead of failing the decode.
 *
 * @module
 */
// This module is browser compatible.

import { type Decoded, failure } from "../decode_result.ts";
import { be16 } from "../_bytes.ts";
import { markers33, read33 } from "./_timestamp.ts";

/** stream_id values with a meaning of their own (ISO/IEC 13818-1 Table 2-22). */
export const StreamId = {
  ProgramStreamMap: 0xbc,
  PrivateStream1: 0xbd,
  PaddingStream: 0xbe,
  PrivateStream2: 0xbf,
  Ecm: 0xf0,
  Emm: 0xf1,
  DsmCc: 0xf2,
  Iso13522: 0xf3,
  H2221TypeE: 0xf8,
  Ancillary: 0xf9,
  ExtendedStreamId: 0xfd,
  ProgramStreamDirectory: 0xff,
} as const;

/** 90 kHz: the clock of PTS and DTS. */
export const PTS_CLOCK_HZ = 90_000;

/**
 * A name for a stream_id (ISO/IEC 13818-1 Table 2-22).
 * @param id stream_id.
 * @returns E.g. "video stream 0" for 0xE0, "audio stream 1" for 0xC1.
 * @example
 * ```ts
 * import { streamIdName } from "./pes.ts";
 * import { strictEqual } from "node:assert/strict";
 * strictEqual(streamIdName(0xe0), "video stream 0");
 * ```
 */
export function streamIdName(id: number): string {
  if (id >= 0xc0 && id <= 0xdf) return `audio stream ${id & 0x1f}`;
  if (id >= 0xe0 && id <= 0xef) return `video stream ${id & 0x0f}`;
  switch (id) {
    case 0xbc:
      return "program stream map";
    case 0xbd:
      return "private stream 1";
    case 0xbe:
      return "padding stream";
    case 0xbf:
      return "private stream 2";
    case 0xf0:
      return "ECM";
    case 0xf1:
      return "EMM";
    case 0xf2:
      return "DSM-CC";
    case 0xf3:
      return "ISO/IEC 13522";
    case 0xf4:
    case 0xf5:
    case 0xf6:
    case 0xf7:
    case 0xf8:
      return `H.222.1 type ${"ABCDE"[id - 0xf4]}`;
    case 0xf9:
      return "ancillary";
    case 0xfa:
      return "ISO/IEC 14496-1 SL-packetized";
    case 0xfb:
      return "ISO/IEC 14496-1 FlexMux";
    case 0xfc:
      return "metadata";
    case 0xfd:
      return "extended stream id";
    case 0xfe:
      return "reserved data stream";
    case 0xff:
      return "program stream directory";
  }
  return "invalid stream id";
}

/**
 * Whether a PES packet with this stream_id carries the optional header (ISO/IEC 13818-1 Table 2-21).
 * @param id stream_id.
 * @returns False for PSM, padding, private_stream_2, ECM, EMM, directory, DSM-CC and H.222.1 type E.
 */
export function hasOptionalPesHeader(id: number): boolean {
  return id !== 0xbc && id !== 0xbe && id !== 0xbf && id !== 0xf0 && id !== 0xf1 && id !== 0xff && id !== 0xf2 &&
    id !== 0xf8;
}

/** DSM trick mode (ISO/IEC 13818-1 §2.4.3.7, Table 2-24). Fields a mode does not have are null. */
export interface DsmTrickMode {
  /** trick_mode_control: 0 fast forward, 1 slow motion, 2 freeze frame, 3 fast reverse, 4 slow reverse, 5–7 reserved. */
  readonly control: number;
  readonly fieldId: number | null;
  readonly intraSliceRefresh: boolean | null;
  readonly frequencyTruncation: number | null;
  readonly repCntrl: number | null;
}

/** The PES extension (ISO/IEC 13818-1 Table 2-21). */
export interface PesExtension {
  /** PES_private_data: 16 bytes (a view). */
  readonly privateData: Uint8Array | null;
  /** pack_header() bytes (a view), after pack_field_length. */
  readonly packHeader: Uint8Array | null;
  /** program_packet_sequence_counter, MPEG1_MPEG2_identifier and original_stuff_length. */
  readonly sequenceCounter:
    | { readonly counter: number; readonly mpeg1Mpeg2Identifier: boolean; readonly originalStuffLength: number }
    | null;
  /** P-STD_buffer: scale and size; `bytes` = size × 128 (scale 0, audio) or × 1024 (scale 1). */
  readonly pStdBuffer: { readonly scale: number; readonly size: number; readonly bytes: number } | null;
  /** PES_extension_field_length and what follows, if PES_extension_flag_2. */
  readonly extension2: {
    readonly length: number;
    /** stream_id_extension (7 bits) when stream_id_extension_flag is 0. */
    readonly streamIdExtension: number | null;
    /** TREF (33 bits, 90 kHz) when stream_id_extension_flag is 1 and tref_extension_flag is 0. */
    readonly tref: number | null;
  } | null;
}

/** The optional PES header. */
export interface PesOptionalHeader {
  readonly scrambling: number;
  readonly priority: boolean;
  readonly dataAlignment: boolean;
  readonly copyright: boolean;
  readonly original: boolean;
  /** PTS_DTS_flags: 0 none, 2 PTS, 3 PTS and DTS, 1 forbidden (then neither is read and `issues` says so). */
  readonly ptsDtsFlags: number;
  /** PES_header_data_length. */
  readonly headerDataLength: number;
  /** Presentation time stamp: 33 bits in 90 kHz ticks. */
  readonly pts: number | null;
  /** Decoding time stamp: 33 bits in 90 kHz ticks. */
  readonly dts: number | null;
  /** Elementary stream clock reference: base (90 kHz), extension (27 MHz), value = base × 300 + extension. */
  readonly escr: { readonly base: number; readonly extension: number; readonly value: number } | null;
  /** ES_rate in units of 50 bytes/s. */
  readonly esRate: number | null;
  readonly trickMode: DsmTrickMode | null;
  readonly additionalCopyInfo: number | null;
  readonly previousPesCrc: number | null;
  readonly extension: PesExtension | null;
  /** Stuffing bytes at the end of the header data. */
  readonly stuffingLength: number;
}

/** A decoded PES header. */
export interface PesHeader {
  readonly streamId: number;
  /** PES_packet_length: bytes after this field; 0 means unbounded (video in a TS). */
  readonly packetLength: number;
  /** The optional header, or null for stream ids without one. */
  readonly optional: PesOptionalHeader | null;
  /** Index in the input of the first PES_packet_data_byte. */
  readonly payloadOffset: number;
  /**
   * Problems that did not stop the decode: "pts-dts-flags-01" (forbidden value), "optional-header-marker" (not '10'),
   * "pts-prefix", "pts-marker", "dts-prefix", "dts-marker", "escr-marker", "es-rate-marker", "copy-info-marker",
   * "sequence-counter-marker", "p-std-marker", "extension2-marker", "tref-marker".
   */
  readonly issues: readonly string[];
}

const FIXED_HEADER = 6;
const OPTIONAL_FIXED = 3;

/**
 * Decodes the PES header at `offset` (usually the payload of a TS packet with PUSI set).
 *
 * @param bytes The buffer.
 * @param offset Index of the start code prefix.
 * @param length Bytes available from `offset` (the rest of a TS payload, or a reassembled PES packet).
 * @returns The header, or a failure for a missing start code, a cut header, or a field that runs past
 *   PES_header_data_length.
 *
 * @example The first video PES of tests/testdata/demo.pcap (frame 1, packet 7)
 * ```ts
 * import { decodePesHeader, PTS_CLOCK_HZ } from "./pes.ts";
 * import { isFailure } from "../decode_result.ts";
 * import { strictEqual } from "node:assert/strict";
 * const pes = new Uint8Array([0x00, 0x00, 0x01, 0xe0, 0x00, 0x00, 0x80, 0x80, 0x05, 0x21, 0x00, 0x07, 0xe7, 0x61]);
 * const h = decodePesHeader(pes, 0, pes.length);
 * strictEqual(!isFailure(h) && h.optional?.pts, 127920);
 * strictEqual(127920 / PTS_CLOCK_HZ, 1.4213333333333333);
 * ```
 */
export function decodePesHeader(
  bytes: Uint8Array,
  offset: number = 0,
  length: number = bytes.length - offset,
): Decoded<PesHeader> {
  if (offset < 0) return failure("pes", "truncated", offset, "negative offset");
  const end = Math.min(bytes.length, offset + Math.max(0, length));
  if (end - offset < FIXED_HEADER) {
    return failure("pes", "truncated", offset, `a PES header needs 6 bytes, ${end - offset} remain`);
  }
  if (bytes[offset] !== 0 || bytes[offset + 1] !== 0 || bytes[offset + 2] !== 1) {
    return failure("pes", "bad-value", offset, "no packet_start_code_prefix 0x000001");
  }
  const streamId = bytes[offset + 3]!;
  const packetLength = be16(bytes, offset + 4);
  if (!hasOptionalPesHeader(streamId)) {
    return { streamId, packetLength, optional: null, payloadOffset: offset + FIXED_HEADER, issues: [] };
  }
  const o = offset + FIXED_HEADER;
  if (end - o < OPTIONAL_FIXED) {
    return failure("pes", "truncated", o, `the optional PES header needs 3 bytes, ${end - o} remain`);
  }
  const issues: string[] = [];
  const b0 = bytes[o]!;
  const b1 = bytes[o + 1]!;
  const headerDataLength = bytes[o + 2]!;
  if (b0 >>> 6 !== 0b10) issues.push("optional-header-marker");
  const dataStart = o + OPTIONAL_FIXED;
  const dataEnd = dataStart + headerDataLength;
  if (dataEnd > end) {
    return failure(
      "pes",
      "truncated",
      o + 2,
      `PES_header_data_length ${headerDataLength} runs past the data: ${end - dataStart} bytes remain`,
    );
  }
  if (packetLength !== 0 && OPTIONAL_FIXED + headerDataLength > packetLength) {
    return failure(
      "pes",
      "bad-length",
      offset + 4,
      `PES_packet_length ${packetLength} is shorter than its header (${OPTIONAL_FIXED + headerDataLength} bytes)`,
    );
  }
  let p = dataStart;
  const need = (field: string, n: number) =>
    p + n > dataEnd
      ? failure("pes", "bad-length", p, `${field} needs ${n} bytes, PES header data has ${dataEnd - p} left`)
      : null;

  const ptsDtsFlags = b1 >>> 6;
  let pts: number | null = null;
  let dts: number | null = null;
  if (ptsDtsFlags === 1) issues.push("pts-dts-flags-01");
  if (ptsDtsFlags >= 2) {
    const cut = need("PTS", 5);
    if (cut) return cut;
    if (bytes[p]! >>> 4 !== ptsDtsFlags) issues.push("pts-prefix");
    if (!markers33(bytes, p)) issues.push("pts-marker");
    pts = read33(bytes, p);
    p += 5;
    if (ptsDtsFlags === 3) {
      const cut = need("DTS", 5);
      if (cut) return cut;
      if (bytes[p]! >>> 4 !== 1) issues.push("dts-prefix");
      if (!markers33(bytes, p)) issues.push("dts-marker");
      dts = read33(bytes, p);
      p += 5;
    }
  }
  let escr: PesOptionalHeader["escr"] = null;
  if (b1 & 0x20) {
    const cut = need("ESCR", 6);
    if (cut) return cut;
    const [e0, e1, e2, e3, e4, e5] = [
      bytes[p]!,
      bytes[p + 1]!,
      bytes[p + 2]!,
      bytes[p + 3]!,
      bytes[p + 4]!,
      bytes[p + 5]!,
    ];
    if (((e0 >>> 2) & e2 >>> 2 & e4 >>> 2 & e5 & 1) !== 1) issues.push("escr-marker");
    const base = ((e0 >>> 3) & 0x07) * 0x40000000 + (((e0 & 0x03) << 13) | (e1 << 5) | (e2 >>> 3)) * 0x8000 +
      (((e2 & 0x03) << 13) | (e3 << 5) | (e4 >>> 3));
    const extension = ((e4 & 0x03) << 7) | (e5 >>> 1);
    escr = { base, extension, value: base * 300 + extension };
    p += 6;
  }
  let esRate: number | null = null;
  if (b1 & 0x10) {
    const cut = need("ES_rate", 3);
    if (cut) return cut;
    if ((bytes[p]! >>> 7 & bytes[p + 2]! & 1) !== 1) issues.push("es-rate-marker");
    esRate = ((bytes[p]! & 0x7f) << 15) | (bytes[p + 1]! << 7) | (bytes[p + 2]! >>> 1);
    p += 3;
  }
  let trickMode: DsmTrickMode | null = null;
  if (b1 & 0x08) {
    const cut = need("DSM trick mode", 1);
    if (cut) return cut;
    trickMode = decodeTrickMode(bytes[p]!);
    p += 1;
  }
  let additionalCopyInfo: number | null = null;
  if (b1 & 0x04) {
    const cut = need("additional_copy_info", 1);
    if (cut) return cut;
    if (!(bytes[p]! & 0x80)) issues.push("copy-info-marker");
    additionalCopyInfo = bytes[p]! & 0x7f;
    p += 1;
  }
  let previousPesCrc: number | null = null;
  if (b1 & 0x02) {
    const cut = need("previous_PES_packet_CRC", 2);
    if (cut) return cut;
    previousPesCrc = be16(bytes, p);
    p += 2;
  }
  let extension: PesExtension | null = null;
  if (b1 & 0x01) {
    const cut = need("PES extension flags", 1);
    if (cut) return cut;
    const ext = decodeExtension(bytes, p, dataEnd, issues);
    if ("ok" in ext) return ext;
    extension = ext.extension;
    p = ext.next;
  }
  return {
    streamId,
    packetLength,
    optional: {
      scrambling: (b0 >>> 4) & 0x03,
      priority: (b0 & 0x08) !== 0,
      dataAlignment: (b0 & 0x04) !== 0,
      copyright: (b0 & 0x02) !== 0,
      original: (b0 & 0x01) !== 0,
      ptsDtsFlags,
      headerDataLength,
      pts,
      dts,
      escr,
      esRate,
      trickMode,
      additionalCopyInfo,
      previousPesCrc,
      extension,
      stuffingLength: dataEnd - p,
    },
    payloadOffset: dataEnd,
    issues,
  };
}

function decodeTrickMode(b: number): DsmTrickMode {
  const control = b >>> 5;
  const none = { control, fieldId: null, intraSliceRefresh: null, frequencyTruncation: null, repCntrl: null };
  switch (control) {
    case 0: // fast forward
    case 3: // fast reverse
      return { ...none, fieldId: (b >>> 3) & 0x03, intraSliceRefresh: (b & 0x04) !== 0, frequencyTruncation: b & 0x03 };
    case 1: // slow motion
    case 4: // slow reverse
      return { ...none, repCntrl: b & 0x1f };
    case 2: // freeze frame
      return { ...none, fieldId: (b >>> 3) & 0x03 };
    default:
      return none;
  }
}

function decodeExtension(
  bytes: Uint8Array,
  start: number,
  end: number,
  issues: string[],
): { extension: PesExtension; next: number } | ReturnType<typeof failure> {
  const flags = bytes[start]!;
  let p = start + 1;
  const need = (field: string, n: number) =>
    p + n > end
      ? failure("pes", "bad-length", p, `${field} needs ${n} bytes, PES header data has ${end - p} left`)
      : null;
  let privateData: Uint8Array | null = null;
  if (flags & 0x80) {
    const cut = need("PES_private_data", 16);
    if (cut) return cut;
    privateData = bytes.subarray(p, p + 16);
    p += 16;
  }
  let packHeader: Uint8Array | null = null;
  if (flags & 0x40) {
    const cut = need("pack_field_length", 1);
    if (cut) return cut;
    const n = bytes[p]!;
    p += 1;
    const cut2 = need("pack_header", n);
    if (cut2) return cut2;
    packHeader = bytes.subarray(p, p + n);
    p += n;
  }
  let sequenceCounter: PesExtension["sequenceCounter"] = null;
  if (flags & 0x20) {
    const cut = need("program_packet_sequence_counter", 2);
    if (cut) return cut;
    if ((bytes[p]! >>> 7 & bytes[p + 1]! >>> 7) !== 1) issues.push("sequence-counter-marker");
    sequenceCounter = {
      counter: bytes[p]! & 0x7f,
      mpeg1Mpeg2Identifier: (bytes[p + 1]! & 0x40) !== 0,
      originalStuffLength: bytes[p + 1]! & 0x3f,
    };
    p += 2;
  }
  let pStdBuffer: PesExtension["pStdBuffer"] = null;
  if (flags & 0x10) {
    const cut = need("P-STD_buffer", 2);
    if (cut) return cut;
    if (bytes[p]! >>> 6 !== 0b01) issues.push("p-std-marker");
    const scale = (bytes[p]! >>> 5) & 0x01;
    const size = ((bytes[p]! & 0x1f) << 8) | bytes[p + 1]!;
    pStdBuffer = { scale, size, bytes: size * (scale ? 1024 : 128) };
    p += 2;
  }
  let extension2: PesExtension["extension2"] = null;
  if (flags & 0x01) {
    const cut = need("PES_extension_field_length", 1);
    if (cut) return cut;
    if (!(bytes[p]! & 0x80)) issues.push("extension2-marker");
    const length = bytes[p]! & 0x7f;
    p += 1;
    const cut2 = need("PES extension 2", length);
    if (cut2) return cut2;
    let streamIdExtension: number | null = null;
    let tref: number | null = null;
    if (length >= 1) {
      const b = bytes[p]!;
      if (!(b & 0x80)) streamIdExtension = b & 0x7f;
      else if (!(b & 0x01)) {
        if (length >= 6) {
          if (!markers33(bytes, p + 1)) issues.push("tref-marker");
          tref = read33(bytes, p + 1);
        } else issues.push("tref-marker");
      }
    }
    extension2 = { length, streamIdExtension, tref };
    p += length;
  }
  return { extension: { privateData, packHeader, sequenceCounter, pStdBuffer, extension2 }, next: p };
}
