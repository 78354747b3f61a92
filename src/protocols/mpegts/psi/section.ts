/**
 * The common header of PSI and private sections, ISO/IEC 13818-1 §2.4.4 (Tables 2-30, 2-31 and 2-33 for
 * private_section), and the table_id names of ISO/IEC 13818-1 Table 2-31 and ETSI EN 300 468 Table 2.
 *
 * ```text
 * table_id (8) | section_syntax_indicator (1) private_indicator/'0' (1) reserved (2) section_length (12)
 * long form (section_syntax_indicator 1):
 *   table_id_extension (16) | reserved (2) version_number (5) current_next_indicator (1) | section_number (8)
 *   | last_section_number (8) | body … | CRC_32 (32)
 * short form: body to 3 + section_length
 * ```
 *
 * @module
 */
// This module is browser compatible.

import { type Decoded, failure } from "../../decode_result.ts";
import { be16, be32 } from "../../_bytes.ts";
import { crc32Mpeg2 } from "./crc32.ts";

/** section_length limit of PAT, CAT, PMT and TSDT sections (ISO/IEC 13818-1 §2.4.4.5 and following): 1021. */
export const MAX_PSI_SECTION_LENGTH = 0x3fd;
/** section_length limit of private sections (ISO/IEC 13818-1 §2.4.4.11): 4093. */
export const MAX_PRIVATE_SECTION_LENGTH = 0xffd;
/** The largest whole section: 3 header bytes + 4093. */
export const MAX_SECTION_BYTES = 3 + MAX_PRIVATE_SECTION_LENGTH;
/** Bytes of the long-form header (through last_section_number). */
export const LONG_HEADER_LENGTH = 8;
/** Bytes of CRC_32. */
export const CRC_LENGTH = 4;

/** table_id values of ISO/IEC 13818-1 Table 2-31. */
export const TableId = {
  Pat: 0x00,
  Cat: 0x01,
  Pmt: 0x02,
  Tsdt: 0x03,
  /** DVB SDT, actual transport stream (EN 300 468 Table 2). */
  SdtActual: 0x42,
  /** DVB SDT, other transport stream. */
  SdtOther: 0x46,
  /** Stuffing: a section never starts with 0xFF; the bytes after are stuffing. */
  Forbidden: 0xff,
} as const;

/**
 * The largest section_length allowed for a table_id.
 * @param tableId table_id.
 * @returns 1021 for table_id 0x00–0x03 (PAT, CAT, PMT, TSDT), 4093 otherwise.
 */
export function maxSectionLength(tableId: number): number {
  return tableId <= TableId.Tsdt ? MAX_PSI_SECTION_LENGTH : MAX_PRIVATE_SECTION_LENGTH;
}

/** The long-form fields of a section. */
export interface LongSectionHeader {
  /** transport_stream_id (PAT), program_number (PMT), service… depending on the table. */
  readonly tableIdExtension: number;
  readonly version: number;
  readonly currentNext: boolean;
  readonly sectionNumber: number;
  readonly lastSectionNumber: number;
  /** CRC_32 as carried. */
  readonly crc: number;
  /** Whether CRC-32/MPEG-2 over the section matches CRC_32. */
  readonly crcOk: boolean;
}

/** A whole section. */
export interface PsiSection {
  readonly tableId: number;
  readonly sectionSyntaxIndicator: boolean;
  readonly privateIndicator: boolean;
  readonly sectionLength: number;
  /** Long-form fields, or null for a short-form section. */
  readonly long: LongSectionHeader | null;
  /** The section's bytes, 3 + section_length (a view of the input). */
  readonly bytes: Uint8Array;
  /** Index in `bytes` of the table-specific body (after the long header). */
  readonly bodyOffset: number;
  /** Index in `bytes` one past the body (before CRC_32 in the long form). */
  readonly bodyEnd: number;
}

/**
 * Decodes the section at `offset` (a whole section, e.g. from {@linkcode SectionAssembler}).
 *
 * @param bytes The buffer.
 * @param offset Index of table_id.
 * @param length Bytes available.
 * @returns The section, or a failure when section_length is out of bounds or runs past the bytes. A wrong CRC is not a
 *   failure: `long.crcOk` says so.
 *
 * @example The PAT of tests/testdata/demo.pcap frame 1
 * ```ts
 * import { decodeSection } from "./section.ts";
 * import { isFailure } from "../../decode_result.ts";
 * import { strictEqual } from "node:assert/strict";
 * const pat = new Uint8Array([0x00, 0xb0, 0x0d, 0x00, 0x01, 0xc1, 0x00, 0x00, 0x00, 0x01, 0xf0, 0x00, 0x2a, 0xb1, 0x04, 0xb2]);
 * const s = decodeSection(pat);
 * strictEqual(!isFailure(s) && s.long?.crcOk, true);
 * ```
 */
export function decodeSection(
  bytes: Uint8Array,
  offset: number = 0,
  length: number = bytes.length - offset,
): Decoded<PsiSection> {
  if (offset < 0) return failure("psi", "truncated", offset, "negative offset");
  const end = Math.min(bytes.length, offset + Math.max(0, length));
  if (end - offset < 3) return failure("psi", "truncated", offset, `a section needs 3 bytes, ${end - offset} remain`);
  const tableId = bytes[offset]!;
  if (tableId === TableId.Forbidden) return failure("psi", "bad-value", offset, "table_id 0xFF is stuffing");
  const b1 = bytes[offset + 1]!;
  const sectionLength = ((b1 & 0x0f) << 8) | bytes[offset + 2]!;
  const max = maxSectionLength(tableId);
  if (sectionLength > max) {
    return failure("psi", "bad-length", offset + 1, `section_length ${sectionLength} is over ${max}`);
  }
  const sectionEnd = offset + 3 + sectionLength;
  if (sectionEnd > end) {
    return failure(
      "psi",
      "truncated",
      offset + 1,
      `section_length ${sectionLength} runs past the ${end - offset} bytes`,
    );
  }
  const syntax = (b1 & 0x80) !== 0;
  const section = bytes.subarray(offset, sectionEnd);
  if (!syntax) {
    return {
      tableId,
      sectionSyntaxIndicator: false,
      privateIndicator: (b1 & 0x40) !== 0,
      sectionLength,
      long: null,
      bytes: section,
      bodyOffset: 3,
      bodyEnd: section.length,
    };
  }
  if (sectionLength < LONG_HEADER_LENGTH - 3 + CRC_LENGTH) {
    return failure(
      "psi",
      "bad-length",
      offset + 1,
      `section_length ${sectionLength} is under 9, the long form minimum`,
    );
  }
  const crc = be32(section, section.length - CRC_LENGTH);
  return {
    tableId,
    sectionSyntaxIndicator: true,
    privateIndicator: (b1 & 0x40) !== 0,
    sectionLength,
    long: {
      tableIdExtension: be16(section, 3),
      version: (section[5]! >>> 1) & 0x1f,
      currentNext: (section[5]! & 0x01) !== 0,
      sectionNumber: section[6]!,
      lastSectionNumber: section[7]!,
      crc,
      crcOk: crc32Mpeg2(section, 0, section.length - CRC_LENGTH) === crc,
    },
    bytes: section,
    bodyOffset: LONG_HEADER_LENGTH,
    bodyEnd: section.length - CRC_LENGTH,
  };
}

const DVB_TABLES: Record<number, string> = {
  0x40: "NIT actual",
  0x41: "NIT other",
  0x42: "SDT actual",
  0x46: "SDT other",
  0x4a: "BAT",
  0x4b: "UNT",
  0x4c: "INT",
  0x4e: "EIT present/following actual",
  0x4f: "EIT present/following other",
  0x70: "TDT",
  0x71: "RST",
  0x72: "ST",
  0x73: "TOT",
  0x74: "AIT",
  0x75: "container",
  0x76: "related content",
  0x77: "content identifier",
  0x78: "MPE-FEC",
  0x79: "resolution provider notification",
  0x7a: "MPE-IFEC",
  0x7b: "protection message",
  0x7c: "downloadable font info",
  0x7e: "DIT",
  0x7f: "SIT",
};

const MPEG_TABLES: readonly string[] = [
  "PAT",
  "CAT",
  "PMT",
  "TSDT",
  "ISO/IEC 14496 scene description",
  "ISO/IEC 14496 object descriptor",
  "metadata",
  "IPMP control information",
  "ISO/IEC 14496 section",
  "ISO/IEC 23001-11 green access unit",
  "ISO/IEC 23001-10 quality access unit",
  "ISO/IEC 23001-13 media orchestration access unit",
];

/**
 * A name for a table_id (ISO/IEC 13818-1 Table 2-31, ETSI EN 300 468 Table 2).
 * @param tableId table_id, 0–255.
 * @returns E.g. "PMT", "SDT actual", "EIT schedule actual", "user private".
 * @example
 * ```ts
 * import { tableIdName } from "./section.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * deepStrictEqual([0, 2, 0x42, 0x55, 0xfc].map(tableIdName), ["PAT", "PMT", "SDT actual", "EIT schedule actual", "SCTE 35 splice info"]);
 * ```
 */
export function tableIdName(tableId: number): string {
  const mpeg = MPEG_TABLES[tableId];
  if (mpeg !== undefined) return mpeg;
  if (tableId < 0x38) return "reserved";
  if (tableId < 0x40) return "ISO/IEC 13818-6 DSM-CC";
  const dvb = DVB_TABLES[tableId];
  if (dvb !== undefined) return dvb;
  if (tableId >= 0x50 && tableId <= 0x5f) return "EIT schedule actual";
  if (tableId >= 0x60 && tableId <= 0x6f) return "EIT schedule other";
  if (tableId === 0xfc) return "SCTE 35 splice info";
  if (tableId === 0xff) return "forbidden (stuffing)";
  if (tableId >= 0x80) return "user private";
  return "reserved (DVB)";
}
