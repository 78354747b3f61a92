/**
 * Turns a source's shared settings (decode-as rules and pasted SDPs, from the server's `selected`/`settings` messages)
 * into the options of the shared analysis and classifier, the way `netpix analyze --sdp/--decode-as` does.
 *
 * An SDP set for the whole source gives every stream its payload types; one set for a stream (by SSRC) applies to that
 * stream only, and wins over the source's. Extension mappings and announced ports apply source-wide either way.
 * @module
 */

import type { AnalysisOptions, PayloadTypeFacts } from "../../analysis/session.ts";
import { PAYLOAD_KIND_NAMES, type PayloadKind } from "../../protocols/classify.ts";
import { isFailure } from "../../protocols/decode_result.ts";
import { parseSdp } from "../../protocols/sdp/parse.ts";
import { portsOf } from "../../protocols/sdp/ports.ts";
import type { SourceSettings } from "../../wire/messages.ts";

export interface UiAnalysisOptions extends AnalysisOptions {
  /** Payload type → "H264/90000", from the SDPs' rtpmaps, to describe payload types. */
  payloadNames: Map<number, string>;
  /** SDPs that did not parse (the server checks them too; this only says why locally). */
  sdpErrors: string[];
}

export function analysisOptions(settings: SourceSettings): UiAnalysisOptions {
  const clockRates = new Map<number, number>();
  const codecs = new Map<number, string>();
  const extmap = new Map<number, string>();
  const fmtp = new Map<number, string>();
  const payloadNames = new Map<number, string>();
  const sdpPorts: NonNullable<AnalysisOptions["sdpPorts"]>[number][] = [];
  const sdpErrors: string[] = [];
  const perSsrc = new Map<number, PayloadTypeFacts>();
  for (const rule of settings.sdp) {
    const sdp = parseSdp(rule.sdp);
    if (isFailure(sdp)) {
      sdpErrors.push(sdp.detail);
      continue;
    }
    let own = { clockRates, codecs, fmtp };
    if (rule.ssrc !== null) {
      own = { clockRates: new Map(), codecs: new Map(), fmtp: new Map() };
      perSsrc.set(rule.ssrc, own);
    }
    for (const m of sdp.media) {
      for (const [pt, t] of m.payloadTypes) {
        if (t.clockRate > 0) own.clockRates.set(pt, t.clockRate);
        own.codecs.set(pt, t.encoding);
        if (!payloadNames.has(pt) || rule.ssrc === null) payloadNames.set(pt, `${t.encoding}/${t.clockRate}`);
        const params = Object.entries(t.fmtp).map(([k, v]) => v === "" ? k : `${k}=${v}`).join(";");
        if (params !== "") own.fmtp.set(pt, params);
      }
      for (const [id, x] of m.extmap) extmap.set(id, x.uri);
    }
    sdpPorts.push(...portsOf(sdp));
  }
  const decodeAs: [number, PayloadKind][] = [];
  for (const r of settings.decodeAs) {
    const kind = PAYLOAD_KIND_NAMES.indexOf(r.as);
    if (kind >= 0) decodeAs.push([r.port, kind as PayloadKind]);
  }
  return { clockRates, codecs, extmap, fmtp, perSsrc, decodeAs, sdpPorts, payloadNames, sdpErrors };
}
