/**
 * The Conditional Access Table, ISO/IEC 13818-1 §2.4.4.6–§2.4.4.7 (Table 2-32), table_id 0x01 on PID 1: a long
 * section (table_id_extension reserved) whose body is a descriptor loop, normally CA_descriptors giving the EMM PIDs.
 *
 * @module
 */
// This module is browser compatible.

import { type Decoded, failure, isFailure } from "../../decode_result.ts";
import { decodeDescriptors, type DescriptorList } from "../descriptors/descriptor.ts";
import { decodeSection, type LongSectionHeader, TableId } from "./section.ts";

/** A decoded CAT section. */
export interface Cat {
  readonly header: LongSectionHeader;
  readonly descriptors: DescriptorList;
}

/**
 * Decodes a CAT section.
 * @param bytes The buffer holding a whole section.
 * @param offset Index of table_id.
 * @param length Bytes available.
 * @returns The CAT, or a failure for a section that is not a long-form CAT.
 * @example One CA_descriptor: system 0x0B00, EMMs on PID 0x0101
 * ```ts
 * import { decodeCat } from "./cat.ts";
 * import { crc32Mpeg2 } from "./crc32.ts";
 * import { isFailure } from "../../decode_result.ts";
 * import { strictEqual } from "node:assert/strict";
 * const s = new Uint8Array([0x01, 0xb0, 0x0f, 0xff, 0xff, 0xc1, 0, 0, 0x09, 0x04, 0x0b, 0x00, 0xe1, 0x01, 0, 0, 0, 0]);
 * new DataView(s.buffer).setUint32(14, crc32Mpeg2(s, 0, 14));
 * const c = decodeCat(s);
 * const ca = isFailure(c) ? null : c.descriptors.descriptors[0]?.decoded;
 * strictEqual(ca?.kind === "ca" && ca.caPid, 0x101);
 * ```
 */
export function decodeCat(bytes: Uint8Array, offset: number = 0, length: number = bytes.length - offset): Decoded<Cat> {
  const s = decodeSection(bytes, offset, length);
  if (isFailure(s)) return s;
  if (s.tableId !== TableId.Cat) {
    return failure("psi", "bad-value", offset, `table_id 0x${s.tableId.toString(16)} is not a CAT (0x01)`);
  }
  if (s.long === null) return failure("psi", "bad-value", offset + 1, "CAT with section_syntax_indicator 0");
  return { header: s.long, descriptors: decodeDescriptors(s.bytes, s.bodyOffset, s.bodyEnd - s.bodyOffset) };
}
