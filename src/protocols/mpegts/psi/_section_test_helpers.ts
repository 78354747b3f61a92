/**
 * Test helpers for the PSI table tests.
 *
 * @module
 */
// This module is browser compatible.

import { crc32Mpeg2 } from "./crc32.ts";
import { concat } from "../../_fixtures.ts";
import * as F from "../_fixtures.ts";

/**
 * A section from its bytes without CRC_32, with section_length set and CRC_32 appended.
 * @param head table_id, two length bytes (overwritten), the rest of the section up to the CRC.
 * @returns The whole section.
 */
export function section(head: number[]): Uint8Array {
  const s = new Uint8Array([...head, 0, 0, 0, 0]);
  const length = s.length - 3;
  s[1] = (s[1]! & 0xf0) | (length >>> 8);
  s[2] = length & 0xff;
  new DataView(s.buffer).setUint32(s.length - 4, crc32Mpeg2(s, 0, s.length - 4));
  return s;
}

/** The 197-byte PMT of mpeg2-multilang.pcap frame 1, joined from its two packets as the assembler would. */
export const MULTILANG_PMT_SECTION: Uint8Array = concat(
  F.MULTILANG_PMT_START.bytes.subarray(7), // after header, 2-byte adaptation field and pointer_field
  F.MULTILANG_PMT_END.bytes.subarray(4, 20),
);
