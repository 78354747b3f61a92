/**
 * Helpers for the SDP tests: fixture loading lives in each test file (it needs Deno); this module only shapes values.
 *
 * @module
 */
// This module is browser compatible.

import { isFailure } from "../decode_result.ts";
import { parseSdp } from "./parse.ts";
import type { SdpMedia, SdpSession } from "./types.ts";

/**
 * Parses `text` and throws with the failure's detail when it does not parse (tests only).
 * @private
 */
export function parsed(text: string): SdpSession {
  const r = parseSdp(text);
  if (isFailure(r)) throw new Error(`expected an SDP, got a failure: ${r.detail}`);
  return r;
}

/**
 * A payload type as one comparable line: `96 H264/90000 static fmtp{…} fb[…]`.
 * @private
 */
export function ptSummary(m: SdpMedia | undefined): string[] {
  if (!m) return [];
  return [...m.payloadTypes.values()].map((p) => {
    const ch = p.channels === undefined ? "" : `/${p.channels}`;
    const fmtp = Object.keys(p.fmtp).length ? ` fmtp${JSON.stringify(p.fmtp)}` : "";
    const fb = p.rtcpFb.length ? ` fb[${p.rtcpFb.join(",")}]` : "";
    return `${p.pt} ${p.encoding}/${p.clockRate}${ch}${p.static ? " static" : ""}${fmtp}${fb}`;
  });
}

/**
 * The warnings as plain strings.
 * @private
 */
export function warningsOf(s: SdpSession): string[] {
  return s.warnings.map((w) => w.detail);
}
