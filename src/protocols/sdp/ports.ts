/**
 * What an SDP tells the classifier and the statistics: the transport addresses it announces for RTP and RTCP, and the
 * clock rate of a payload type.
 *
 * @module
 */
// This module is browser compatible.

import type { SdpMedia, SdpSession } from "./types.ts";

/** One (address, port) pair an SDP announces for RTP or RTCP. */
export interface SdpTransportAddress {
  /** As written in the SDP: an IP literal or an FQDN (an mDNS `<uuid>.local` candidate never matches a packet). */
  address: string;
  port: number;
  /** `rtp+rtcp` with `a=rtcp-mux` (RFC 5761). */
  carries: "rtp" | "rtcp" | "rtp+rtcp";
  /**
   * Where it comes from: the `m=`/`c=` lines, `a=rtcp` (RFC 3605), the RTP port + 1 (RFC 3550 §11, when neither
   * rtcp-mux nor `a=rtcp` says otherwise), or an `a=candidate` (component 1 = RTP, 2 = RTCP).
   */
  from: "m-line" | "a=rtcp" | "port+1" | "candidate";
  /** Index in {@linkcode SdpSession.media} of the first section that announced it. */
  mediaIndex: number;
  mid?: string;
}

const UNSPECIFIED = new Set(["0.0.0.0", "::", "0:0:0:0:0:0:0:0"]); // JSEP's "no address yet" (RFC 8829 §5.2.1)
const MAX_PORT = 65535;

/**
 * The (address, port) pairs the SDP announces for RTP and RTCP, first section first, each pair once (a pair announced
 * for RTP by one line and for RTCP by another comes back as `rtp+rtcp`).
 *
 * Only RTP sections (`RTP/AVP`, `UDP/TLS/RTP/SAVPF`, …) count. A port of 0 (a rejected or bundle-only section) and
 * the unspecified addresses `0.0.0.0` and `::` (JSEP writes `c=IN IP4 0.0.0.0` with port 9 before it has candidates)
 * announce nothing. With `m=<media> <port>/<n>`, RTP uses `port`, `port+2`, … (RFC 8866 §5.14). Candidates of type
 * `tcptype active` are skipped: their port is a placeholder (RFC 6544 §4.5).
 *
 * @param session A parsed SDP.
 * @returns The announced pairs.
 * @example The RTP and RTCP ports of an ffmpeg sender
 * ```ts
 * import { parseSdp } from "./parse.ts";
 * import { portsOf } from "./ports.ts";
 * import { isFailure } from "../decode_result.ts";
 * import { deepStrictEqual, ok } from "node:assert/strict";
 * const sdp = parseSdp("v=0\nc=IN IP4 127.0.0.1\nm=audio 5006 RTP/AVP 0\n");
 * ok(!isFailure(sdp));
 * deepStrictEqual(portsOf(sdp).map((p) => `${p.address}:${p.port} ${p.carries}`), [
 *   "127.0.0.1:5006 rtp",
 *   "127.0.0.1:5007 rtcp",
 * ]);
 * ```
 */
export function portsOf(session: SdpSession): SdpTransportAddress[] {
  const out: SdpTransportAddress[] = [];
  const seen = new Map<string, SdpTransportAddress>();
  session.media.forEach((m, mediaIndex) => {
    const add = (
      address: string,
      port: number,
      carries: SdpTransportAddress["carries"],
      from: SdpTransportAddress["from"],
    ) => {
      if (port === 0 || port > MAX_PORT || UNSPECIFIED.has(address)) return;
      const key = `${address} ${port}`;
      const before = seen.get(key);
      if (before) {
        if (before.carries !== carries) before.carries = "rtp+rtcp";
        return;
      }
      const p: SdpTransportAddress = { address, port, carries, from, mediaIndex };
      if (m.mid !== undefined) p.mid = m.mid;
      seen.set(key, p);
      out.push(p);
    };
    if (!isRtpSection(m) || m.port === 0) return;
    const address = m.connection?.address;
    if (address !== undefined) {
      for (let k = 0; k < (m.portCount ?? 1); k++) {
        const port = m.port + 2 * k;
        if (m.rtcpMux) add(address, port, "rtp+rtcp", "m-line");
        else {
          add(address, port, "rtp", "m-line");
          if (k === 0 && m.rtcp) add(m.rtcp.address ?? address, m.rtcp.port, "rtcp", "a=rtcp");
          else add(address, port + 1, "rtcp", "port+1");
        }
      }
    }
    for (const c of m.candidates) {
      if (c.tcpType === "active") continue;
      if (c.component === 1) add(c.address, c.port, m.rtcpMux ? "rtp+rtcp" : "rtp", "candidate");
      else if (c.component === 2) add(c.address, c.port, "rtcp", "candidate");
    }
  });
  return out;
}

/**
 * The clock rate the SDP gives payload type `pt`, or undefined when it does not say or is ambiguous.
 *
 * The sections that list `pt` are narrowed down: with `mediaPort`, to those that announce that port for RTP (as their
 * `m=` port or a component-1 candidate's), or else to those BUNDLEd with a section that does (RFC 9143: one port
 * carries them all). If
 * no section matches the port, all sections that list `pt` remain. When the remaining sections disagree (PT 96 is
 * Opus at 48000 in one and VP8 at 90000 in another), the answer is undefined rather than a guess. A PT the SDP does
 * not list gives undefined too; the caller may then use RFC 3551's static table.
 *
 * @param session A parsed SDP.
 * @param pt The RTP payload type.
 * @param mediaPort The UDP port of the RTP packet (either end), to pick the section.
 * @returns The clock rate in Hz, or undefined.
 * @example PT 111 of the demo capture's SDP
 * ```ts
 * import { parseSdp } from "./parse.ts";
 * import { clockRateFor } from "./ports.ts";
 * import { isFailure } from "../decode_result.ts";
 * import { ok, strictEqual } from "node:assert/strict";
 * const sdp = parseSdp("v=0\nc=IN IP4 127.0.0.1\nm=video 5004 RTP/AVP 96\na=rtpmap:96 H264/90000\n" +
 *   "m=audio 5006 RTP/AVP 96\na=rtpmap:96 opus/48000/2\n");
 * ok(!isFailure(sdp));
 * strictEqual(clockRateFor(sdp, 96, 5006), 48000);
 * strictEqual(clockRateFor(sdp, 96), undefined); // ambiguous without the port
 * ```
 */
export function clockRateFor(session: SdpSession, pt: number, mediaPort?: number): number | undefined {
  const listing = session.media.map((_, i) => i).filter((i) => session.media[i]!.payloadTypes.has(pt));
  let chosen = listing;
  if (mediaPort !== undefined) {
    const announces = (i: number) => rtpPorts(session.media[i]!).has(mediaPort);
    let matched = listing.filter(announces);
    if (matched.length === 0) {
      const mids = bundledWith(session, session.media.map((_, i) => i).filter(announces));
      matched = listing.filter((i) => {
        const mid = session.media[i]!.mid;
        return mid !== undefined && mids.has(mid);
      });
    }
    if (matched.length > 0) chosen = matched;
  }
  const rates = new Set(chosen.map((i) => session.media[i]!.payloadTypes.get(pt)!.clockRate));
  return rates.size === 1 ? rates.values().next().value : undefined;
}

/** The ports a section announces for RTP: its `m=` port(s) and its component-1 candidates. */
function rtpPorts(m: SdpMedia): Set<number> {
  const ports = new Set<number>();
  if (m.port !== 0 && !UNSPECIFIED.has(m.connection?.address ?? "")) {
    for (let k = 0; k < (m.portCount ?? 1); k++) ports.add(m.port + 2 * k);
  }
  for (const c of m.candidates) if (c.component === 1 && c.tcpType !== "active") ports.add(c.port);
  return ports;
}

/** The mids of every BUNDLE group that holds one of the sections `indexes`. */
function bundledWith(session: SdpSession, indexes: number[]): Set<string> {
  const mids = new Set<string>();
  for (const i of indexes) {
    const mid = session.media[i]?.mid;
    if (mid === undefined) continue; // without a mid a section cannot be in a group
    for (const group of session.bundleGroups) if (group.includes(mid)) group.forEach((g) => mids.add(g));
  }
  return mids;
}

function isRtpSection(m: SdpMedia): boolean {
  return m.protocol.toUpperCase().split("/").includes("RTP");
}
