/**
 * VoIP Metrics report block, XR BT 7 (RFC 3611 §4.7).
 *
 * @module
 */
// This module is browser compatible.

import type { Decoded } from "../decode_result.ts";
import { be16, be32 } from "./_common.ts";
import { checkBlockSize, XR_BLOCK_HEADER_LENGTH, type XrBlockBase, type XrBlockHeader } from "./xr_block.ts";

/**
 * A decoded VoIP Metrics block, every field of RFC 3611 §4.7 as sent (no scaling). Where the RFC reserves 127 (or
 * 0x7f for the signed levels) as "unavailable", that value is kept as is.
 */
export interface XrVoipMetricsBlock extends XrBlockBase {
  /** Tells the union members apart. */
  readonly type: "voip-metrics";
  /** The RTP source reported on. */
  readonly ssrc: number;
  /** §4.7.1: fraction lost, 8-bit fixed point (÷256). */
  readonly lossRate: number;
  /** §4.7.1: fraction discarded (late or early), 8-bit fixed point. */
  readonly discardRate: number;
  /** §4.7.2: fraction lost or discarded within bursts, 8-bit fixed point. */
  readonly burstDensity: number;
  /** §4.7.2: fraction lost or discarded within gaps, 8-bit fixed point. */
  readonly gapDensity: number;
  /** §4.7.2: mean burst duration in ms. */
  readonly burstDuration: number;
  /** §4.7.2: mean gap duration in ms. */
  readonly gapDuration: number;
  /** §4.7.3: most recent round-trip delay in ms. */
  readonly roundTripDelay: number;
  /** §4.7.3: end system delay in ms. */
  readonly endSystemDelay: number;
  /** §4.7.4: signal level in dBm, signed; 127 = unavailable. */
  readonly signalLevel: number;
  /** §4.7.4: noise level in dBm, signed; 127 = unavailable. */
  readonly noiseLevel: number;
  /** §4.7.4: residual echo return loss in dB; 127 = unavailable. */
  readonly rerl: number;
  /** §4.7.6: gap threshold (Gmin). */
  readonly gmin: number;
  /** §4.7.5: R factor (0–100); 127 = unavailable. */
  readonly rFactor: number;
  /** §4.7.5: external R factor; 127 = unavailable. */
  readonly extRFactor: number;
  /** §4.7.5: MOS-LQ × 10 (10–50); 127 = unavailable. */
  readonly mosLq: number;
  /** §4.7.5: MOS-CQ × 10; 127 = unavailable. */
  readonly mosCq: number;
  /** §4.7.6 RX config PLC (2 bits): 0 unspecified, 1 disabled, 2 enhanced, 3 standard. */
  readonly plc: number;
  /** §4.7.6 RX config JBA (2 bits): 0 unknown, 1 reserved, 2 non-adaptive, 3 adaptive. */
  readonly jitterBufferAdaptive: number;
  /** §4.7.6 RX config JB rate (4 bits). */
  readonly jitterBufferRate: number;
  /** §4.7.7: nominal jitter buffer delay in ms. */
  readonly jitterBufferNominal: number;
  /** §4.7.7: maximum jitter buffer delay in ms. */
  readonly jitterBufferMaximum: number;
  /** §4.7.7: absolute maximum jitter buffer delay in ms. */
  readonly jitterBufferAbsoluteMaximum: number;
}

/** Reads a signed byte. @private */
function int8(value: number): number {
  return (value << 24) >> 24;
}

/**
 * Decodes a VoIP Metrics block.
 *
 * ```text
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     BT=7      |   reserved    |       block length = 8        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        SSRC of source                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   loss rate   | discard rate  | burst density |  gap density  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |       burst duration          |         gap duration          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     round trip delay          |       end system delay        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | signal level  |  noise level  |     RERL      |     Gmin      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   R factor    | ext. R factor |    MOS-LQ     |    MOS-CQ     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   RX config   |   reserved    |          JB nominal           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          JB maximum           |          JB abs max           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * RX config: |PLC|JBA|JB rate|
 * ```
 *
 * @param bytes The datagram (not copied).
 * @param b The block's header.
 * @returns The block, or a `bad-length` failure unless the block length is 8.
 * @example MOS-LQ 4.1
 * ```ts
 * import { decodeXrVoipMetricsBlock } from "./xr_voip_metrics.ts";
 * import { isFailure } from "../decode_result.ts";
 * import { strictEqual } from "node:assert/strict";
 * const block = new Uint8Array(36);
 * block.set([7, 0, 0, 8]);
 * block[26] = 41;
 * const r = decodeXrVoipMetricsBlock(block, { offset: 0, blockType: 7, typeSpecific: 0, end: 36 });
 * strictEqual(!isFailure(r) && r.mosLq / 10, 4.1);
 * ```
 */
export function decodeXrVoipMetricsBlock(bytes: Uint8Array, b: XrBlockHeader): Decoded<XrVoipMetricsBlock> {
  const bad = checkBlockSize(b, "VoIP Metrics", 32);
  if (bad !== null) return bad;
  const o = b.offset + XR_BLOCK_HEADER_LENGTH;
  const rxConfig = bytes[o + 24]!;
  return {
    type: "voip-metrics",
    offset: b.offset,
    byteLength: b.end - b.offset,
    ssrc: be32(bytes, o),
    lossRate: bytes[o + 4]!,
    discardRate: bytes[o + 5]!,
    burstDensity: bytes[o + 6]!,
    gapDensity: bytes[o + 7]!,
    burstDuration: be16(bytes, o + 8),
    gapDuration: be16(bytes, o + 10),
    roundTripDelay: be16(bytes, o + 12),
    endSystemDelay: be16(bytes, o + 14),
    signalLevel: int8(bytes[o + 16]!),
    noiseLevel: int8(bytes[o + 17]!),
    rerl: bytes[o + 18]!,
    gmin: bytes[o + 19]!,
    rFactor: bytes[o + 20]!,
    extRFactor: bytes[o + 21]!,
    mosLq: bytes[o + 22]!,
    mosCq: bytes[o + 23]!,
    plc: rxConfig >>> 6,
    jitterBufferAdaptive: (rxConfig >>> 4) & 0x3,
    jitterBufferRate: rxConfig & 0x0f,
    jitterBufferNominal: be16(bytes, o + 26),
    jitterBufferMaximum: be16(bytes, o + 28),
    jitterBufferAbsoluteMaximum: be16(bytes, o + 30),
  };
}
