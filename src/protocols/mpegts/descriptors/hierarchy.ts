/**
 * hierarchy_descriptor, tag 0x04 (ISO/IEC 13818-1 §2.6.6–§2.6.7, Table 2-49):
 * ```text
 * no_view_scalability_flag (1) no_temporal_scalability_flag (1) no_spatial_scalability_flag (1)
 * no_quality_scalability_flag (1) hierarchy_type (4) | reserved (2) hierarchy_layer_index (6)
 * | tref_present_flag (1) reserved (1) hierarchy_embedded_layer_index (6) | reserved (2) hierarchy_channel (6)
 * ```
 *
 * @module
 */
// This module is browser compatible.

import type { Decoded } from "../../decode_result.ts";
import { tooShort } from "./_body.ts";

/** A decoded hierarchy_descriptor. */
export interface HierarchyDescriptor {
  readonly kind: "hierarchy";
  readonly noViewScalability: boolean;
  readonly noTemporalScalability: boolean;
  readonly noSpatialScalability: boolean;
  readonly noQualityScalability: boolean;
  /** hierarchy_type, named by {@linkcode hierarchyTypeName}. */
  readonly hierarchyType: number;
  readonly layerIndex: number;
  readonly trefPresent: boolean;
  readonly embeddedLayerIndex: number;
  readonly channel: number;
}

const HIERARCHY_TYPES: readonly string[] = [
  "reserved",
  "spatial scalability",
  "SNR scalability",
  "temporal scalability",
  "data partitioning",
  "extension bitstream",
  "private stream",
  "multi-view profile",
  "combined scalability or MV-HEVC sub-partition",
  "MVC video sub-bitstream",
  "auxiliary picture layer",
  "reserved",
  "reserved",
  "reserved",
  "reserved",
  "base layer, MVC base view sub-bitstream, AVC video sub-bitstream of MVC, HEVC temporal video sub-bitstream",
];

/**
 * A name for hierarchy_type (ISO/IEC 13818-1 Table 2-50).
 * @param type 0–15.
 * @returns The name.
 */
export function hierarchyTypeName(type: number): string {
  return HIERARCHY_TYPES[type & 0x0f]!;
}

/**
 * Decodes a hierarchy_descriptor body.
 * @param data The body.
 * @returns The fields, or a failure for a body under 4 bytes.
 * @example A temporal layer 1 on top of layer 0
 * ```ts
 * import { decodeHierarchyDescriptor } from "./hierarchy.ts";
 * import { strictEqual } from "node:assert/strict";
 * const d = decodeHierarchyDescriptor(new Uint8Array([0xb3, 0xc1, 0xc0, 0xc1]));
 * strictEqual("kind" in d && d.hierarchyType, 3);
 * ```
 */
export function decodeHierarchyDescriptor(data: Uint8Array): Decoded<HierarchyDescriptor> {
  if (data.length < 4) return tooShort("hierarchy", 4, data.length);
  const b0 = data[0]!;
  return {
    kind: "hierarchy",
    noViewScalability: (b0 & 0x80) !== 0,
    noTemporalScalability: (b0 & 0x40) !== 0,
    noSpatialScalability: (b0 & 0x20) !== 0,
    noQualityScalability: (b0 & 0x10) !== 0,
    hierarchyType: b0 & 0x0f,
    layerIndex: data[1]! & 0x3f,
    trefPresent: (data[2]! & 0x80) !== 0,
    embeddedLayerIndex: data[2]! & 0x3f,
    channel: data[3]! & 0x3f,
  };
}
