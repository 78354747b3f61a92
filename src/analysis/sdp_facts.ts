/**
 * What an SDP tells the analysis: clock rates, codec names and `a=fmtp` parameters by payload type (RFC 8866 §6.6,
 * `a=rtpmap`/`a=fmtp`), extension ids (`a=extmap`, RFC 8285 §5) and the announced ports. One place for `netpix
 * analyze --sdp`, `netpix capture --sdp` and the UI's "Set SDP".
 * @module
 */
// This module is browser compatible.

import type { SdpSession } from "../protocols/sdp/types.ts";
import { portsOf } from "../protocols/sdp/ports.ts";
import type { AnalysisOptions, PayloadTypeFacts } from "./session.ts";

/** Everything an SDP gives the analysis, in maps the caller may merge or keep per stream. */
export interface SdpFacts {
  clockRates: Map<number, number>;
  codecs: Map<number, string>;
  fmtp: Map<number, string>;
  /** "H264/90000" by payload type, to describe payload types. */
  names: Map<number, string>;
  extmap: Map<number, string>;
  ports: NonNullable<AnalysisOptions["sdpPorts"]>;
}

/**
 * Collects the facts of `sdp`. Later media sections win for a payload type two of them define.
 * @example
 * ```ts
 * import { sdpFacts } from "./sdp_facts.ts";
 * import { parseSdp } from "../protocols/sdp/parse.ts";
 * import { strictEqual } from "node:assert/strict";
 * const sdp = parseSdp("v=0\r\no=- 0 0 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=video 5004 RTP/AVP 96\r\na=rtpmap:96 VP8/90000\r\n");
 * if ("ok" in sdp) throw new Error(sdp.detail);
 * strictEqual(sdpFacts(sdp).clockRates.get(96), 90000);
 * strictEqual(sdpFacts(sdp).names.get(96), "VP8/90000");
 * ```
 */
export function sdpFacts(sdp: SdpSession): SdpFacts {
  const f: SdpFacts = {
    clockRates: new Map(),
    codecs: new Map(),
    fmtp: new Map(),
    names: new Map(),
    extmap: new Map(),
    ports: portsOf(sdp),
  };
  for (const m of sdp.media) {
    for (const [pt, t] of m.payloadTypes) {
      if (t.clockRate > 0) f.clockRates.set(pt, t.clockRate);
      f.codecs.set(pt, t.encoding);
      f.names.set(pt, `${t.encoding}/${t.clockRate}`);
      const params = Object.entries(t.fmtp).map(([k, v]) => v === "" ? k : `${k}=${v}`).join(";");
      if (params !== "") f.fmtp.set(pt, params);
    }
    for (const [id, x] of m.extmap) f.extmap.set(id, x.uri);
  }
  return f;
}

/** The payload-type part of the facts, as {@linkcode AnalysisOptions.perSsrc} takes it. */
export function payloadTypeFacts(f: SdpFacts): PayloadTypeFacts {
  return { clockRates: f.clockRates, codecs: f.codecs, fmtp: f.fmtp };
}

/**
 * Analysis options from an optional SDP, clock rates given by hand (which win over the SDP's) and decode-as rules:
 * what `netpix analyze` and `netpix capture` build from `--sdp`, `--clock-rate` and `--decode-as`.
 */
export function analysisOptionsOf(
  sdp: SdpSession | null,
  clockRates: ReadonlyMap<number, number>,
  decodeAs: AnalysisOptions["decodeAs"],
): AnalysisOptions {
  const f = sdp ? sdpFacts(sdp) : null;
  const rates = new Map(f?.clockRates ?? []);
  for (const [pt, hz] of clockRates) rates.set(pt, hz);
  const options: AnalysisOptions = {
    clockRates: rates,
    codecs: f?.codecs ?? new Map(),
    extmap: f?.extmap ?? new Map(),
    fmtp: f?.fmtp ?? new Map(),
    decodeAs: decodeAs ?? [],
  };
  if (f) options.sdpPorts = f.ports;
  return options;
}
