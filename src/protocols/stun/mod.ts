/**
 * STUN, TURN and ICE on the wire: RFC 8489 messages and attributes (with RFC 3489's classic form), TURN (RFC 8656,
 * RFC 6062) methods, attributes and ChannelData, RFC 5780's NAT-behaviour attributes, and the ICE view of a Binding
 * (RFC 8445). Pure TypeScript over `Uint8Array`; no decoder throws on bad bytes.
 *
 * - `message.ts`: {@linkcode decodeStun}, {@linkcode looksLikeStun}, method/class names, {@linkcode integrityInput}.
 * - `attributes.ts`: every attribute type, {@linkcode decodeAttribute}.
 * - `channel_data.ts`: {@linkcode decodeChannelData}, {@linkcode looksLikeChannelData}, {@linkcode demuxHint}.
 * - `ice.ts`: {@linkcode iceView}, {@linkcode icePriority}, {@linkcode splitIceUsername}.
 *
 * @example Tell STUN from ChannelData in a TURN server's traffic
 * ```ts
 * import { decodeChannelData, decodeStun, looksLikeChannelData, looksLikeStun, stunTypeName } from "./mod.ts";
 * import { isFailure } from "../decode_result.ts";
 * import { strictEqual } from "node:assert/strict";
 * function describe(payload: Uint8Array): string {
 *   if (looksLikeStun(payload)) {
 *     const m = decodeStun(payload);
 *     return isFailure(m) ? `bad STUN: ${m.detail}` : stunTypeName(m.type);
 *   }
 *   if (looksLikeChannelData(payload, 0, payload.length, { reservedChannels: true })) {
 *     const c = decodeChannelData(payload);
 *     return isFailure(c) ? `bad ChannelData: ${c.detail}` : `ChannelData 0x${c.channel.toString(16)}, ${c.dataLength} bytes`;
 *   }
 *   return "other";
 * }
 * strictEqual(describe(new Uint8Array([0, 1, 0, 0, 0x21, 0x12, 0xa4, 0x42, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])), "Binding Request");
 * strictEqual(describe(new Uint8Array([0x40, 0x00, 0x00, 0x02, 0xca, 0xfe])), "ChannelData 0x4000, 2 bytes");
 * ```
 *
 * @module
 */
// This module is browser compatible.

export type { Decoded, DecodedProtocol, DecodeFailure, FailureReason } from "../decode_result.ts";
export * from "./message.ts";
export * from "./attributes.ts";
export * from "./channel_data.ts";
export * from "./ice.ts";
