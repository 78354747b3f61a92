/**
 * Application-defined packet, RTCP PT 204 (RFC 3550 §6.7).
 *
 * @module
 */
// This module is browser compatible.

import type { Decoded } from "../decode_result.ts";
import { be32, latin1, rtcpFailure } from "./_common.ts";
import { RTCP_HEADER_LENGTH, type RtcpHeader, type RtcpPacketBase } from "./header.ts";

/** A decoded APP packet. */
export interface ApplicationDefined extends RtcpPacketBase {
  /** Tells the union members apart. */
  readonly type: "app";
  /** The 5-bit subtype from the header's count field. */
  readonly subtype: number;
  /** SSRC/CSRC of the sender. */
  readonly ssrc: number;
  /** The four-character name, one character per byte (the RFC asks for ASCII; other bytes map to U+0080–U+00FF). */
  readonly name: string;
  /** Application-dependent data, kept raw (a view into the datagram). */
  readonly data: Uint8Array;
}

const APP_SSRC_OFFSET = RTCP_HEADER_LENGTH;
const APP_NAME_OFFSET = APP_SSRC_OFFSET + 4;
const APP_DATA_OFFSET = APP_NAME_OFFSET + 4;

/**
 * Decodes an APP packet.
 *
 * ```text
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P| subtype |   PT=APP=204  |             length            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           SSRC/CSRC                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                          name (ASCII)                         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                   application-dependent data                ...
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ```
 *
 * @param bytes The datagram (not copied; `data` is a view into it).
 * @param h The packet's header, from {@linkcode decodeRtcpHeader}.
 * @returns The packet, or a `bad-length` failure when SSRC and name do not fit.
 * @example An APP packet named "NPIX"
 * ```ts
 * import { decodeRtcpHeader } from "./header.ts";
 * import { decodeApplicationDefined } from "./application_defined.ts";
 * import { isFailure } from "../decode_result.ts";
 * import { strictEqual } from "node:assert/strict";
 * const bytes = Uint8Array.from([0x83, 0xcc, 0x00, 0x02, 0, 0, 0, 1, 0x4e, 0x50, 0x49, 0x58]);
 * const h = decodeRtcpHeader(bytes, 0, bytes.length);
 * const app = isFailure(h) ? h : decodeApplicationDefined(bytes, h);
 * strictEqual(!isFailure(app) && `${app.name}/${app.subtype}`, "NPIX/3");
 * ```
 */
export function decodeApplicationDefined(bytes: Uint8Array, h: RtcpHeader): Decoded<ApplicationDefined> {
  const o = h.offset;
  if (o + APP_DATA_OFFSET > h.contentEnd) {
    return rtcpFailure("bad-length", o + 2, `APP needs 12 bytes, its length gives ${h.contentEnd - o}`);
  }
  return {
    type: "app",
    offset: o,
    byteLength: h.byteLength,
    padding: h.padding,
    subtype: h.count,
    ssrc: be32(bytes, o + APP_SSRC_OFFSET),
    name: latin1(bytes, o + APP_NAME_OFFSET, o + APP_DATA_OFFSET),
    data: bytes.subarray(o + APP_DATA_OFFSET, h.contentEnd),
  };
}
