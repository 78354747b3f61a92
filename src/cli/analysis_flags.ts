/**
 * The analysis flags `netpix analyze` and `netpix capture` share: `--sdp FILE`, `--clock-rate PT=Hz[,...]` and
 * `--decode-as PORT=KIND[,...]`, their parsing, help lines, and the options they become.
 * @module
 */

import type { AnalysisOptions } from "../analysis/session.ts";
import { analysisOptionsOf } from "../analysis/sdp_facts.ts";
import { PAYLOAD_KIND_NAMES, type PayloadKind } from "../protocols/classify.ts";
import { isFailure } from "../protocols/decode_result.ts";
import { parseSdp } from "../protocols/sdp/parse.ts";
import type { SdpSession } from "../protocols/sdp/types.ts";
import { UsageError } from "./args.ts";
import { SourceError } from "../capture/open.ts";

export interface AnalysisFlags {
  sdp: string | null;
  clockRates: Map<number, number>;
  decodeAs: [number, PayloadKind][];
}

export const ANALYSIS_FLAGS_HELP = `  --sdp FILE                  an SDP that names payload types, clock rates and ports
  --clock-rate PT=Hz[,...]    clock rate of a payload type (repeatable), e.g. 96=90000
  --decode-as PORT=KIND[,...] read a UDP port's payloads as KIND (rtp, rtcp, mpegts, stun, channel-data, …)`;

export function emptyAnalysisFlags(): AnalysisFlags {
  return { sdp: null, clockRates: new Map(), decodeAs: [] };
}

/**
 * Takes one of the shared flags into `into`. Returns false when `name` is not one of them; throws
 * {@linkcode UsageError} on a bad value.
 */
export function takeAnalysisFlag(name: string, value: () => string, into: AnalysisFlags): boolean {
  switch (name) {
    case "--sdp":
      into.sdp = value();
      return true;
    case "--clock-rate":
      for (const pair of value().split(",")) {
        const m = pair.match(/^(\d{1,3})=(\d{1,9})$/);
        const pt = Number(m?.[1]);
        const hz = Number(m?.[2]);
        if (!m || pt > 127 || hz < 1) throw new UsageError(`--clock-rate needs PT=Hz with PT 0-127, not '${pair}'`);
        into.clockRates.set(pt, hz);
      }
      return true;
    case "--decode-as":
      for (const pair of value().split(",")) {
        const [port, kindName] = pair.split("=");
        const kind = PAYLOAD_KIND_NAMES.indexOf(kindName ?? "");
        if (!/^\d{1,5}$/.test(port ?? "") || Number(port) > 65535 || kind < 0) {
          throw new UsageError(
            `--decode-as needs PORT=KIND with KIND one of ${PAYLOAD_KIND_NAMES.join(", ")}, not '${pair}'`,
          );
        }
        into.decodeAs.push([Number(port), kind as PayloadKind]);
      }
      return true;
    default:
      return false;
  }
}

/** Reads and parses an SDP file, or throws a {@linkcode SourceError} saying why not. */
export async function loadSdp(path: string): Promise<SdpSession> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    throw new SourceError(`cannot read SDP file ${path}: ${(e as Error).message}`);
  }
  const sdp = parseSdp(text);
  if (isFailure(sdp)) throw new SourceError(`invalid SDP in ${path}: ${sdp.detail}`);
  return sdp;
}

/** The analysis options the flags ask for (the SDP file is read here). */
export async function analysisOptionsFromFlags(f: AnalysisFlags): Promise<AnalysisOptions> {
  return analysisOptionsOf(f.sdp === null ? null : await loadSdp(f.sdp), f.clockRates, f.decodeAs);
}
