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
import { payloadTypeFacts, sdpFacts } from "../../analysis/sdp_facts.ts";
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
    const f = sdpFacts(sdp);
    if (rule.ssrc === null) {
      for (const [pt, hz] of f.clockRates) clockRates.set(pt, hz);
      for (const [pt, c] of f.codecs) codecs.set(pt, c);
      for (const [pt, p] of f.fmtp) fmtp.set(pt, p);
    } else perSsrc.set(rule.ssrc, payloadTypeFacts(f));
    for (const [pt, name] of f.names) if (!payloadNames.has(pt) || rule.ssrc === null) payloadNames.set(pt, name);
    for (const [id, uri] of f.extmap) extmap.set(id, uri);
    sdpPorts.push(...f.ports);
  }
  const decodeAs: [number, PayloadKind][] = [];
  for (const r of settings.decodeAs) {
    const kind = PAYLOAD_KIND_NAMES.indexOf(r.as);
    if (kind >= 0) decodeAs.push([r.port, kind as PayloadKind]);
  }
  return { clockRates, codecs, extmap, fmtp, perSsrc, decodeAs, sdpPorts, payloadNames, sdpErrors };
}
