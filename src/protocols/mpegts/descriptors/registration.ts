/**
 * Descriptors made of a 32-bit identifier and optional bytes (ISO/IEC 13818-1 §2.6):
 * - registration_descriptor, tag 0x05 (§2.6.8, Table 2-51): format_identifier (32), additional_identification_info;
 * - copyright_descriptor, tag 0x0D (§2.6.24, Table 2-63): copyright_identifier (32), additional_copyright_info;
 * - private_data_indicator_descriptor, tag 0x0F (§2.6.28, Table 2-65): private_data_indicator (32).
 *
 * @module
 */
// This module is browser compatible.

import type { Decoded } from "../../decode_result.ts";
import { be32 } from "../../_bytes.ts";
import { fourCc, tooShort } from "./_body.ts";

/** A registration_descriptor: format_identifier is a SMPTE-registered code such as "AC-3", "HEVC", "KLVA". */
export interface RegistrationDescriptor {
  readonly kind: "registration";
  readonly formatIdentifier: number;
  /** The identifier as four ASCII characters, or null when they are not printable. */
  readonly formatIdentifierText: string | null;
  /** additional_identification_info (a view). */
  readonly additionalInfo: Uint8Array;
}

/** A copyright_descriptor. */
export interface CopyrightDescriptor {
  readonly kind: "copyright";
  readonly copyrightIdentifier: number;
  readonly additionalInfo: Uint8Array;
}

/** A private_data_indicator_descriptor. */
export interface PrivateDataIndicatorDescriptor {
  readonly kind: "private_data_indicator";
  readonly privateDataIndicator: number;
}

/**
 * Decodes a registration_descriptor body.
 * @param data The body.
 * @returns The fields, or a failure for a body under 4 bytes.
 * @example ffmpeg's AC-3 registration (tests/testdata/mpegts/h264-ac3-dvb.pcap)
 * ```ts
 * import { decodeRegistrationDescriptor } from "./registration.ts";
 * import { strictEqual } from "node:assert/strict";
 * const d = decodeRegistrationDescriptor(new Uint8Array([0x41, 0x43, 0x2d, 0x33]));
 * strictEqual("kind" in d && d.formatIdentifierText, "AC-3");
 * ```
 */
export function decodeRegistrationDescriptor(data: Uint8Array): Decoded<RegistrationDescriptor> {
  if (data.length < 4) return tooShort("registration", 4, data.length);
  return {
    kind: "registration",
    formatIdentifier: be32(data, 0),
    formatIdentifierText: fourCc(data, 0),
    additionalInfo: data.subarray(4),
  };
}

/**
 * Decodes a copyright_descriptor body.
 * @param data The body.
 * @returns The fields, or a failure for a body under 4 bytes.
 * @example
 * ```ts
 * import { decodeCopyrightDescriptor } from "./registration.ts";
 * import { strictEqual } from "node:assert/strict";
 * const d = decodeCopyrightDescriptor(new Uint8Array([0, 0, 0, 7, 0xaa]));
 * strictEqual("kind" in d && d.copyrightIdentifier, 7);
 * ```
 */
export function decodeCopyrightDescriptor(data: Uint8Array): Decoded<CopyrightDescriptor> {
  if (data.length < 4) return tooShort("copyright", 4, data.length);
  return { kind: "copyright", copyrightIdentifier: be32(data, 0), additionalInfo: data.subarray(4) };
}

/**
 * Decodes a private_data_indicator_descriptor body.
 * @param data The body.
 * @returns The fields, or a failure for a body under 4 bytes.
 * @example
 * ```ts
 * import { decodePrivateDataIndicatorDescriptor } from "./registration.ts";
 * import { strictEqual } from "node:assert/strict";
 * const d = decodePrivateDataIndicatorDescriptor(new Uint8Array([0x12, 0x34, 0x56, 0x78]));
 * strictEqual("kind" in d && d.privateDataIndicator, 0x12345678);
 * ```
 */
export function decodePrivateDataIndicatorDescriptor(data: Uint8Array): Decoded<PrivateDataIndicatorDescriptor> {
  if (data.length < 4) return tooShort("private_data_indicator", 4, data.length);
  return { kind: "private_data_indicator", privateDataIndicator: be32(data, 0) };
}
