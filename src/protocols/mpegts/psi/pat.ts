/**
 * The Program Association Table, ISO/IEC 13818-1 §2.4.4.3–§2.4.4.4 (Table 2-30), table_id 0x00 on PID 0:
 * ```text
 * long section header (table_id_extension = transport_stream_id)
 * loop to the CRC: program_number (16) | reserved (3) PID (13)     program_number 0: network_PID (the NIT's PID)
 * CRC_32
 * ```
 *
 * @module
 */
// This module is browser compatible.

import { type Decoded, failure, isFailure } from "../../decode_result.ts";
import { be16 } from "../../_bytes.ts";
import { decodeSection, type LongSectionHeader, TableId } from "./section.ts";

/** One program of the PAT. */
export interface PatProgram {
  readonly programNumber: number;
  /** program_map_PID: where this program's PMT is. */
  readonly pmtPid: number;
}

/** A decoded PAT section. */
export interface Pat {
  readonly transportStreamId: number;
  /** Version, current_next_indicator, section numbers and the CRC check. */
  readonly header: LongSectionHeader;
  /** Programs other than program 0, in section order. */
  readonly programs: readonly PatProgram[];
  /** network_PID of program 0, or null when absent. */
  readonly networkPid: number | null;
}

/**
 * Decodes a PAT section.
 *
 * @param bytes The buffer holding a whole section (e.g. `AssembledSection.bytes`).
 * @param offset Index of table_id.
 * @param length Bytes available.
 * @returns The PAT, or a failure for a section that is not a long-form PAT or whose loop is not whole entries. A bad
 *   CRC is reported in `header.crcOk`, not as a failure.
 *
 * @example The PAT of tests/testdata/demo.pcap frame 1: program 1 on PID 0x1000
 * ```ts
 * import { decodePat } from "./pat.ts";
 * import { isFailure } from "../../decode_result.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const pat = new Uint8Array([0x00, 0xb0, 0x0d, 0x00, 0x01, 0xc1, 0x00, 0x00, 0x00, 0x01, 0xf0, 0x00, 0x2a, 0xb1, 0x04, 0xb2]);
 * const r = decodePat(pat);
 * deepStrictEqual(isFailure(r) ? r : r.programs, [{ programNumber: 1, pmtPid: 0x1000 }]);
 * ```
 */
export function decodePat(bytes: Uint8Array, offset: number = 0, length: number = bytes.length - offset): Decoded<Pat> {
  const s = decodeSection(bytes, offset, length);
  if (isFailure(s)) return s;
  if (s.tableId !== TableId.Pat) {
    return failure("psi", "bad-value", offset, `table_id 0x${s.tableId.toString(16)} is not a PAT (0x00)`);
  }
  if (s.long === null) return failure("psi", "bad-value", offset + 1, "PAT with section_syntax_indicator 0");
  const loop = s.bodyEnd - s.bodyOffset;
  if (loop % 4 !== 0) {
    return failure(
      "psi",
      "bad-length",
      offset + s.bodyOffset,
      `PAT program loop of ${loop} bytes is not whole entries`,
    );
  }
  const programs: PatProgram[] = [];
  let networkPid: number | null = null;
  for (let p = s.bodyOffset; p < s.bodyEnd; p += 4) {
    const programNumber = be16(s.bytes, p);
    const pid = be16(s.bytes, p + 2) & 0x1fff;
    if (programNumber === 0) networkPid = pid;
    else programs.push({ programNumber, pmtPid: pid });
  }
  return { transportStreamId: s.long.tableIdExtension, header: s.long, programs, networkPid };
}
