/**
 * DVB audio codec descriptors (ETSI EN 300 468 Annex D and Annex H):
 * ```text
 * AC-3_descriptor, tag 0x6A (D.3, Table D.1):
 *   component_type_flag (1) bsid_flag (1) mainid_flag (1) asvc_flag (1) reserved (4)
 *   [component_type (8)] [bsid (8)] [mainid (8)] [asvc (8)] additional_info_byte…
 * enhanced_AC-3_descriptor, tag 0x7A (D.5, Table D.7):
 *   component_type_flag bsid_flag mainid_flag asvc_flag mixinfoexists substream1_flag substream2_flag substream3_flag
 *   [component_type] [bsid] [mainid] [asvc] [substream1] [substream2] [substream3] additional_info_byte…
 * AAC_descriptor, tag 0x7C (H.2.1, Table H.1):
 *   profile_and_level (8) [AAC_type_flag (1) SAOC_DE_flag (1) reserved (6) [AAC_type (8)] additional_info_byte…]
 * ```
 *
 * @module
 */
// This module is browser compatible.

import type { Decoded } from "../../decode_result.ts";
import { tooShort } from "./_body.ts";

/** A decoded AC-3_descriptor (DVB). Absent optional fields are null. */
export interface DvbAc3Descriptor {
  readonly kind: "dvb_ac3";
  readonly componentType: number | null;
  readonly bsid: number | null;
  readonly mainid: number | null;
  readonly asvc: number | null;
  readonly additionalInfo: Uint8Array;
}

/** A decoded enhanced_AC-3_descriptor (DVB). */
export interface DvbEnhancedAc3Descriptor {
  readonly kind: "dvb_enhanced_ac3";
  readonly componentType: number | null;
  readonly bsid: number | null;
  readonly mainid: number | null;
  readonly asvc: number | null;
  readonly mixInfoExists: boolean;
  readonly substream1: number | null;
  readonly substream2: number | null;
  readonly substream3: number | null;
  readonly additionalInfo: Uint8Array;
}

/** A decoded AAC_descriptor (DVB). */
export interface DvbAacDescriptor {
  readonly kind: "dvb_aac";
  /** profile_and_level: MPEG-4_audio_profile_and_level (ISO/IEC 13818-1 Table 2-71). */
  readonly profileAndLevel: number;
  readonly saocDe: boolean;
  /** AAC_type (component_type values of EN 300 468 Table 26 for stream_content 0x6), if AAC_type_flag. */
  readonly aacType: number | null;
  readonly additionalInfo: Uint8Array;
}

/** Reads the optional bytes selected by the top bits of `flags`, in order; returns null past the body. @private */
function optionals(data: Uint8Array, flags: number, count: number): { values: (number | null)[]; next: number } | null {
  const values: (number | null)[] = [];
  let p = 1;
  for (let i = 0; i < count; i++) {
    if (flags & (0x80 >>> i)) {
      if (p >= data.length) return null;
      values.push(data[p++]!);
    } else values.push(null);
  }
  return { values, next: p };
}

/**
 * Decodes an AC-3_descriptor body.
 * @param data The body.
 * @returns The fields, or a failure when a flagged field is missing.
 * @example ffmpeg's (tests/testdata/mpegts/h264-ac3-dvb.pcap): no optional field
 * ```ts
 * import { decodeDvbAc3Descriptor } from "./dvb_audio.ts";
 * import { strictEqual } from "node:assert/strict";
 * const d = decodeDvbAc3Descriptor(new Uint8Array([0x00]));
 * strictEqual("kind" in d && d.componentType, null);
 * ```
 */
export function decodeDvbAc3Descriptor(data: Uint8Array): Decoded<DvbAc3Descriptor> {
  if (data.length < 1) return tooShort("AC-3", 1, 0);
  const o = optionals(data, data[0]!, 4);
  if (o === null) return tooShort("AC-3", data.length + 1, data.length);
  const [componentType, bsid, mainid, asvc] = o.values;
  return {
    kind: "dvb_ac3",
    componentType: componentType ?? null,
    bsid: bsid ?? null,
    mainid: mainid ?? null,
    asvc: asvc ?? null,
    additionalInfo: data.subarray(o.next),
  };
}

/**
 * Decodes an enhanced_AC-3_descriptor body.
 * @param data The body.
 * @returns The fields, or a failure when a flagged field is missing.
 * @example component_type 0x42 and bsid 16
 * ```ts
 * import { decodeDvbEnhancedAc3Descriptor } from "./dvb_audio.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const d = decodeDvbEnhancedAc3Descriptor(new Uint8Array([0xc0, 0x42, 0x10]));
 * deepStrictEqual("kind" in d && [d.componentType, d.bsid, d.mainid], [0x42, 16, null]);
 * ```
 */
export function decodeDvbEnhancedAc3Descriptor(data: Uint8Array): Decoded<DvbEnhancedAc3Descriptor> {
  if (data.length < 1) return tooShort("enhanced_AC-3", 1, 0);
  const flags = data[0]!;
  const o = optionals(data, flags & 0xf7, 8); // bit 3 is mixinfoexists, which carries no byte
  if (o === null) return tooShort("enhanced_AC-3", data.length + 1, data.length);
  const v = o.values;
  return {
    kind: "dvb_enhanced_ac3",
    componentType: v[0] ?? null,
    bsid: v[1] ?? null,
    mainid: v[2] ?? null,
    asvc: v[3] ?? null,
    mixInfoExists: (flags & 0x08) !== 0,
    substream1: v[5] ?? null,
    substream2: v[6] ?? null,
    substream3: v[7] ?? null,
    additionalInfo: data.subarray(o.next),
  };
}

/**
 * Decodes an AAC_descriptor body.
 * @param data The body.
 * @returns The fields, or a failure for an empty body or a missing AAC_type.
 * @example HE-AAC level 2 with AAC_type 0x51
 * ```ts
 * import { decodeDvbAacDescriptor } from "./dvb_audio.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const d = decodeDvbAacDescriptor(new Uint8Array([0x2c, 0x80, 0x51]));
 * deepStrictEqual("kind" in d && [d.profileAndLevel, d.aacType], [0x2c, 0x51]);
 * ```
 */
export function decodeDvbAacDescriptor(data: Uint8Array): Decoded<DvbAacDescriptor> {
  if (data.length < 1) return tooShort("AAC", 1, 0);
  if (data.length === 1) {
    return {
      kind: "dvb_aac",
      profileAndLevel: data[0]!,
      saocDe: false,
      aacType: null,
      additionalInfo: data.subarray(1),
    };
  }
  const flags = data[1]!;
  let p = 2;
  let aacType: number | null = null;
  if (flags & 0x80) {
    if (p >= data.length) return tooShort("AAC", 3, data.length);
    aacType = data[p++]!;
  }
  return {
    kind: "dvb_aac",
    profileAndLevel: data[0]!,
    saocDe: (flags & 0x40) !== 0,
    aacType,
    additionalInfo: data.subarray(p),
  };
}
