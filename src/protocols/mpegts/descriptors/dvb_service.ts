/**
 * service_descriptor, tag 0x48 (ETSI EN 300 468 §6.2.33, Table 86), carried in the SDT:
 * `service_type (8) | service_provider_name_length (8) | chars… | service_name_length (8) | chars…`.
 *
 * @module
 */
// This module is browser compatible.

import type { Decoded } from "../../decode_result.ts";
import { tooShort } from "./_body.ts";
import { decodeDvbText } from "./_dvb_text.ts";

/** A decoded service_descriptor. */
export interface DvbServiceDescriptor {
  readonly kind: "dvb_service";
  /** service_type, named by {@linkcode dvbServiceTypeName}. */
  readonly serviceType: number;
  readonly providerName: string;
  readonly serviceName: string;
}

const SERVICE_TYPES: Record<number, string> = {
  0x01: "digital television",
  0x02: "digital radio sound",
  0x03: "Teletext",
  0x04: "NVOD reference",
  0x05: "NVOD time-shifted",
  0x06: "mosaic",
  0x07: "FM radio",
  0x08: "DVB SRM",
  0x0a: "advanced codec digital radio sound",
  0x0b: "H.264/AVC mosaic",
  0x0c: "data broadcast",
  0x0d: "reserved for Common Interface usage",
  0x0e: "RCS Map",
  0x0f: "RCS FLS",
  0x10: "DVB MHP",
  0x11: "MPEG-2 HD digital television",
  0x16: "H.264/AVC SD digital television",
  0x17: "H.264/AVC SD NVOD time-shifted",
  0x18: "H.264/AVC SD NVOD reference",
  0x19: "H.264/AVC HD digital television",
  0x1a: "H.264/AVC HD NVOD time-shifted",
  0x1b: "H.264/AVC HD NVOD reference",
  0x1c: "H.264/AVC frame compatible plano-stereoscopic HD digital television",
  0x1d: "H.264/AVC frame compatible plano-stereoscopic HD NVOD time-shifted",
  0x1e: "H.264/AVC frame compatible plano-stereoscopic HD NVOD reference",
  0x1f: "HEVC digital television",
  0x20: "HEVC UHD digital television (HDR and/or HFR)",
};

/**
 * A name for service_type (ETSI EN 300 468 Table 87).
 * @param type 0–255.
 * @returns The name, "user defined" for 0x80–0xFE, else "reserved".
 */
export function dvbServiceTypeName(type: number): string {
  return SERVICE_TYPES[type] ?? (type >= 0x80 && type <= 0xfe ? "user defined" : "reserved");
}

/**
 * Decodes a service_descriptor body.
 * @param data The body.
 * @returns The type and names, or a failure when a name length runs past the body.
 * @example The SDT service of tests/testdata/demo.pcap (frame 1, packet 1)
 * ```ts
 * import { decodeDvbServiceDescriptor } from "./dvb_service.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const body = new Uint8Array([0x01, 0x06, ...new TextEncoder().encode("netpix"), 0x0b, ...new TextEncoder().encode("netpix-demo")]);
 * const d = decodeDvbServiceDescriptor(body);
 * deepStrictEqual("kind" in d && [d.serviceType, d.providerName, d.serviceName], [1, "netpix", "netpix-demo"]);
 * ```
 */
export function decodeDvbServiceDescriptor(data: Uint8Array): Decoded<DvbServiceDescriptor> {
  if (data.length < 2) return tooShort("service", 2, data.length);
  const providerLength = data[1]!;
  const nameAt = 2 + providerLength;
  if (nameAt + 1 > data.length) return tooShort("service", nameAt + 1, data.length);
  const nameLength = data[nameAt]!;
  if (nameAt + 1 + nameLength > data.length) return tooShort("service", nameAt + 1 + nameLength, data.length);
  return {
    kind: "dvb_service",
    serviceType: data[0]!,
    providerName: decodeDvbText(data.subarray(2, nameAt)),
    serviceName: decodeDvbText(data.subarray(nameAt + 1, nameAt + 1 + nameLength)),
  };
}
