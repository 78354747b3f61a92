/**
 * The DVB Service Description Table, ETSI EN 300 468 §5.2.3 (Table 5), table_id 0x42 (actual TS) or 0x46 (other TS)
 * on PID 0x0011:
 * ```text
 * long section header (table_id_extension = transport_stream_id)
 * original_network_id (16) | reserved_future_use (8)
 * loop to the CRC: service_id (16) | reserved (6) EIT_schedule_flag (1) EIT_present_following_flag (1)
 *   | running_status (3) free_CA_mode (1) descriptors_loop_length (12) | descriptors
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

/** One service of the SDT. */
export interface SdtService {
  readonly serviceId: number;
  readonly eitSchedule: boolean;
  readonly eitPresentFollowing: boolean;
  /** running_status (EN 300 468 Table 6): 0 undefined, 1 not running, 2 starts in a few seconds, 3 pausing, 4 running, 5 off-air. */
  readonly runningStatus: number;
  /** free_CA_mode: one or more streams are scrambled. */
  readonly freeCaMode: boolean;
  readonly descriptors: DescriptorList;
}

/** A decoded SDT section. */
export interface Sdt {
  /** True for table_id 0x42 (this transport stream), false for 0x46. */
  readonly actual: boolean;
  readonly transportStreamId: number;
  readonly originalNetworkId: number;
  readonly header: LongSectionHeader;
  readonly services: readonly SdtService[];
  /** Where the service loop stopped when an entry runs past the section, or null. */
  readonly error: DecodeFailure | null;
}

/**
 * Decodes an SDT section.
 * @param bytes The buffer holding a whole section.
 * @param offset Index of table_id.
 * @param length Bytes available.
 * @returns The SDT, or a failure for a section that is not a long-form SDT.
 * @example The SDT of tests/testdata/demo.pcap frame 1 (service 1, "netpix-demo" by "netpix")
 * ```ts
 * import { decodeSdt } from "./sdt.ts";
 * import { isFailure } from "../../decode_result.ts";
 * import { strictEqual } from "node:assert/strict";
 * const sdt = new Uint8Array([0x42, 0xf0, 0x27, 0x00, 0x01, 0xc1, 0x00, 0x00, 0xff, 0x01, 0xff, 0x00, 0x01, 0xfc, 0x80,
 *   0x16, 0x48, 0x14, 0x01, 0x06, 0x6e, 0x65, 0x74, 0x70, 0x69, 0x78, 0x0b, 0x6e, 0x65, 0x74, 0x70, 0x69, 0x78, 0x2d,
 *   0x64, 0x65, 0x6d, 0x6f, 0x4c, 0x68, 0x0f, 0x6b]);
 * const r = decodeSdt(sdt);
 * const service = isFailure(r) ? undefined : r.services[0]?.descriptors.descriptors[0]?.decoded;
 * strictEqual(service?.kind === "dvb_service" && service.serviceName, "netpix-demo");
 * ```
 */
export function decodeSdt(bytes: Uint8Array, offset: number = 0, length: number = bytes.length - offset): Decoded<Sdt> {
  const s = decodeSection(bytes, offset, length);
  if (isFailure(s)) return s;
  if (s.tableId !== TableId.SdtActual && s.tableId !== TableId.SdtOther) {
    return failure("psi", "bad-value", offset, `table_id 0x${s.tableId.toString(16)} is not an SDT (0x42/0x46)`);
  }
  if (s.long === null) return failure("psi", "bad-value", offset + 1, "SDT with section_syntax_indicator 0");
  const b = s.bytes;
  const end = s.bodyEnd;
  if (s.bodyOffset + 3 > end) {
    return failure(
      "psi",
      "bad-length",
      offset + 1,
      `SDT section_length ${s.sectionLength} leaves no room for original_network_id`,
    );
  }
  const services: SdtService[] = [];
  let error: DecodeFailure | null = null;
  let p = s.bodyOffset + 3;
  while (p < end) {
    if (p + 5 > end) {
      error = failure("psi", "bad-length", p, `service entry needs 5 bytes, ${end - p} remain before the CRC`);
      break;
    }
    const loopLength = be16(b, p + 3) & 0x0fff;
    let loop = loopLength;
    if (p + 5 + loopLength > end) {
      error = failure("psi", "bad-length", p + 3, `descriptors_loop_length ${loopLength} runs past the section`);
      loop = end - p - 5;
    }
    services.push({
      serviceId: be16(b, p),
      eitSchedule: (b[p + 2]! & 0x02) !== 0,
      eitPresentFollowing: (b[p + 2]! & 0x01) !== 0,
      runningStatus: b[p + 3]! >>> 5,
      freeCaMode: (b[p + 3]! & 0x10) !== 0,
      descriptors: decodeDescriptors(b, p + 5, loop),
    });
    p += 5 + loop;
    if (error !== null) break;
  }
  return {
    actual: s.tableId === TableId.SdtActual,
    transportStreamId: s.long.tableIdExtension,
    originalNetworkId: be16(b, s.bodyOffset),
    header: s.long,
    services,
    error,
  };
}
