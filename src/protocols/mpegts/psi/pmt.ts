/**
 * The Program Map Table, ISO/IEC 13818-1 §2.4.4.8–§2.4.4.9 (Table 2-33), table_id 0x02 on the PID the PAT names:
 * ```text
 * long section header (table_id_extension = program_number)
 * reserved (3) PCR_PID (13) | reserved (4) program_info_length (12) | program descriptors
 * loop to the CRC: stream_type (8) | reserved (3) elementary_PID (13) | reserved (4) ES_info_length (12) | descriptors
 * CRC_32
 * ```
 *
 * @module
 */
// This module is browser compatible.

import { type Decoded, type DecodeFailure, failure, isFailure } from "../../decode_result.ts";
import { be16 } from "../../_bytes.ts";
import { decodeDescriptors, type DescriptorList } from "../descriptors/descriptor.ts";
import { decodeSection, type LongSectionHeader, TableId } from "./section.ts";
import { type StreamKind, streamKind, streamTypeName } from "./stream_type.ts";

/** One elementary stream of a program. */
export interface PmtStream {
  readonly streamType: number;
  /** {@linkcode streamTypeName} of the type. */
  readonly streamTypeName: string;
  readonly kind: StreamKind;
  readonly pid: number;
  /** The ES_info descriptors. */
  readonly descriptors: DescriptorList;
}

/** A decoded PMT section. */
export interface Pmt {
  readonly programNumber: number;
  readonly header: LongSectionHeader;
  /** PCR_PID; 0x1FFF when the program has no PCR. */
  readonly pcrPid: number;
  /** The program_info descriptors. */
  readonly programDescriptors: DescriptorList;
  readonly streams: readonly PmtStream[];
  /**
   * Set when program_info_length or an ES entry runs past the section's end: the streams before it are kept, and this
   * says where it stopped. A descriptor that overruns its own ES_info loop is reported in that loop's `error`.
   */
  readonly error: DecodeFailure | null;
}

/**
 * Decodes a PMT section.
 *
 * @param bytes The buffer holding a whole section.
 * @param offset Index of table_id.
 * @param length Bytes available.
 * @returns The PMT, or a failure for a section that is not a long-form PMT. A bad CRC is reported in
 *   `header.crcOk`; a cut ES loop in `error`.
 *
 * @example The PMT of tests/testdata/demo.pcap frame 1: H.264 on 0x100 (the PCR PID), AAC ADTS on 0x101
 * ```ts
 * import { decodePmt } from "./pmt.ts";
 * import { isFailure } from "../../decode_result.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const pmt = new Uint8Array([0x02, 0xb0, 0x17, 0x00, 0x01, 0xc1, 0x00, 0x00, 0xe1, 0x00, 0xf0, 0x00,
 *   0x1b, 0xe1, 0x00, 0xf0, 0x00, 0x0f, 0xe1, 0x01, 0xf0, 0x00, 0x2f, 0x44, 0xb9, 0x9b]);
 * const r = decodePmt(pmt);
 * deepStrictEqual(isFailure(r) ? r : [r.pcrPid, r.streams.map((s) => [s.streamType, s.pid])], [0x100, [[0x1b, 0x100], [0x0f, 0x101]]]);
 * ```
 */
export function decodePmt(bytes: Uint8Array, offset: number = 0, length: number = bytes.length - offset): Decoded<Pmt> {
  const s = decodeSection(bytes, offset, length);
  if (isFailure(s)) return s;
  if (s.tableId !== TableId.Pmt) {
    return failure("psi", "bad-value", offset, `table_id 0x${s.tableId.toString(16)} is not a PMT (0x02)`);
  }
  if (s.long === null) return failure("psi", "bad-value", offset + 1, "PMT with section_syntax_indicator 0");
  const b = s.bytes;
  const end = s.bodyEnd;
  if (s.bodyOffset + 4 > end) {
    return failure("psi", "bad-length", offset + 1, `PMT section_length ${s.sectionLength} leaves no room for PCR_PID`);
  }
  const pcrPid = be16(b, s.bodyOffset) & 0x1fff;
  const programInfoLength = be16(b, s.bodyOffset + 2) & 0x0fff;
  let p = s.bodyOffset + 4;
  let error: DecodeFailure | null = null;
  let programLength = programInfoLength;
  if (p + programInfoLength > end) {
    error = failure("psi", "bad-length", p - 2, `program_info_length ${programInfoLength} runs past the section`);
    programLength = end - p;
  }
  const programDescriptors = decodeDescriptors(b, p, programLength);
  p += programLength;
  const streams: PmtStream[] = [];
  while (error === null && p < end) {
    if (p + 5 > end) {
      error = failure("psi", "bad-length", p, `ES entry header needs 5 bytes, ${end - p} remain before the CRC`);
      break;
    }
    const streamType = b[p]!;
    const pid = be16(b, p + 1) & 0x1fff;
    const esInfoLength = be16(b, p + 3) & 0x0fff;
    let loop = esInfoLength;
    if (p + 5 + esInfoLength > end) {
      error = failure("psi", "bad-length", p + 3, `ES_info_length ${esInfoLength} of PID ${pid} runs past the section`);
      loop = end - p - 5;
    }
    streams.push({
      streamType,
      streamTypeName: streamTypeName(streamType),
      kind: streamKind(streamType),
      pid,
      descriptors: decodeDescriptors(b, p + 5, loop),
    });
    p += 5 + loop;
  }
  return { programNumber: s.long.tableIdExtension, header: s.long, pcrPid, programDescriptors, streams, error };
}
