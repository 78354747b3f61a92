/**
 * The SDP parser (RFC 8866), with the attributes WebRTC and RTP senders use: `a=rtpmap`/`a=fmtp` (RFC 8866 §6),
 * `a=rtcp-fb` (RFC 4585), `a=extmap` (RFC 8285), `a=ssrc`/`a=ssrc-group` (RFC 5576), `a=group:BUNDLE` (RFC 5888,
 * RFC 9143), `a=msid` (RFC 8830), `a=candidate` and the ICE attributes (RFC 8839), `a=fingerprint` (RFC 8122),
 * `a=setup` (RFC 4145), `a=rtcp` (RFC 3605) and `a=rtcp-mux` (RFC 5761). `a=rid`, `a=simulcast` and anything else
 * are kept as attributes.
 *
 * @module
 */
// This module is browser compatible.

// Our own parser, not npm sdp-transform (3.0.0, MIT, no dependencies, last release 2025; clux/sdp-transform). It is
// the well-kept library for the job and was tried first, on these fixtures, and it does not fit netpix's needs:
// - It never reports bad input. Lines that do not match its regexes are dropped without a word (`m=audio abc RTP/AVP 0`
//   gives a media object with no type, port or protocol; `hello world` disappears), and it keeps no line numbers, so
//   we could not say "line 7: m= port "abc" is not…" without tokenizing and checking every line again ourselves.
// - Its candidate regex knows the extensions `generation`, `network-id` and `network-cost` in that fixed order only
//   and stops at anything else: `… typ host generation 0 ufrag n22l network-id 1` loses `ufrag` and `network-id`,
//   where RFC 8839 §5.1 allows any extension pairs in any order.
// - It turns numeric-looking fields into numbers (`toIntIfInt`): foundation "1" becomes 1, `apt=96` becomes 96, and
//   `a=rtpmap:96 opus` (no clock rate) is accepted with no rate.
// - It is CommonJS without types (@types/sdp-transform is separate) and returns its own loose shape, which we would
//   map to our model anyway.
// SDP is line-based `<type>=<value>` text and each attribute we model has a grammar of a few tokens; checking those
// ourselves is less code than checking the library's output, and gives line-accurate failures and warnings.

import { type Decoded, type DecodeFailure, failure, isFailure } from "../decode_result.ts";
import type {
  SdpAttribute,
  SdpExtmap,
  SdpFingerprint,
  SdpLine,
  SdpMedia,
  SdpPayloadType,
  SdpSession,
  SdpSsrc,
} from "./types.ts";
import { parseIceCandidate } from "./candidate.ts";
import {
  fmtpPairs,
  type MediaLine,
  parseBandwidth,
  parseConnection,
  parseExtmap,
  parseFingerprint,
  parseFmtp,
  parseGroup,
  parseMediaLine,
  parseMsid,
  parseOrigin,
  parseRtcp,
  parseRtcpFb,
  parseRtpmap,
  parseSsrc,
  parseSsrcGroup,
  parseTiming,
  type Rtpmap,
  toPt,
} from "./_lines.ts";
import { staticPayloadType } from "../rtp/payload_types.ts";
import { quote, setKey } from "./_text.ts";

const LINE_BREAK = /\r\n|\r|\n/; // RFC 8866 §5 says CRLF; LF (files, pastes) and lone CR are accepted too
const SESSION_ONLY = new Set(["v", "o", "s", "u", "e", "p", "t", "r", "z"]); // RFC 8866 §5: not in a media section
const KNOWN_TYPES = new Set([...SESSION_ONLY, "i", "c", "b", "k", "a", "m"]);
const DIRECTIONS = new Set(["sendrecv", "sendonly", "recvonly", "inactive"]);
type Direction = NonNullable<SdpMedia["direction"]>;

/** The attributes that may appear at both levels; a media section inherits the session's (RFC 8866 §5, RFC 8285 §8). */
interface Level {
  iceUfrag?: string;
  icePwd?: string;
  fingerprint?: SdpFingerprint;
  direction?: Direction;
  setup?: string;
  extmap: Map<number, SdpExtmap>;
}

/** The session being built, its session-level {@linkcode Level}, and where warnings go. */
interface SessionState {
  session: SdpSession;
  level: Level;
  warn: (line: number, detail: string) => void;
}

/** A media section being read: the lines that are only resolved when the section ends. */
interface MediaDraft {
  media: SdpMedia;
  rtpmaps: Map<number, Rtpmap & { line: number }>;
  fmtps: { format: string; params: string; line: number }[];
  feedback: { pt: number | "*"; feedback: string; line: number }[];
}

/**
 * Parses an SDP. Both CRLF and LF line ends are accepted, blank lines and surrounding spaces are ignored, and a text
 * that starts at an `m=` line is read as a media-only fragment (what the original netpix accepted).
 *
 * The parse stops with a failure only when the structure is unusable: a line that is not `<type>=<value>`, a missing
 * or wrong `v=`, a second `v=`, or a malformed `m=` or `c=` line (their ports and addresses are what netpix matches
 * traffic with). Anything else that is wrong (a malformed attribute, a listed PT with no clock rate, a duplicate
 * `a=rtpmap`, an `a=fmtp` without `a=rtpmap`) becomes a {@linkcode SdpWarning} and the parse goes on.
 *
 * @param text The SDP text.
 * @returns The session, or a failure whose `offset` is the 1-based line number (0 for an empty text) and whose
 * `detail` names the line and the reason.
 * @example Read the clock rate of a payload type
 * ```ts
 * import { parseSdp } from "./parse.ts";
 * import { isFailure } from "../decode_result.ts";
 * import { ok, strictEqual } from "node:assert/strict";
 * const sdp = parseSdp("v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 5006 RTP/AVP 111\r\n" +
 *   "c=IN IP4 127.0.0.1\r\na=rtpmap:111 opus/48000/2\r\n");
 * ok(!isFailure(sdp));
 * strictEqual(sdp.media[0]?.payloadTypes.get(111)?.clockRate, 48000);
 * ```
 * @example A bad port is a failure that names the line
 * ```ts
 * import { parseSdp } from "./parse.ts";
 * import { isFailure } from "../decode_result.ts";
 * import { ok, strictEqual } from "node:assert/strict";
 * const r = parseSdp("v=0\nm=audio 99999 RTP/AVP 0\n");
 * ok(isFailure(r));
 * strictEqual(r.offset, 2);
 * strictEqual(r.detail, 'line 2: m= port "99999" is not an integer 0–65535');
 * ```
 */
export function parseSdp(text: string): Decoded<SdpSession> {
  const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(LINE_BREAK);
  const session: SdpSession = {
    version: 0,
    fragment: false,
    bandwidth: [],
    attributes: [],
    media: [],
    groups: [],
    bundleGroups: [],
    iceLite: false,
    otherLines: [],
    warnings: [],
  };
  const state: SessionState = {
    session,
    level: { extmap: new Map() },
    warn: (line, detail) => session.warnings.push({ line, detail: line > 0 ? `line ${line}: ${detail}` : detail }),
  };
  let draft: MediaDraft | undefined;
  let first = true;
  for (let i = 0; i < lines.length; i++) {
    const n = i + 1;
    const raw = lines[i]!.trim();
    if (raw === "") continue;
    const type = raw[0]!;
    if (raw[1] !== "=" || !/[a-zA-Z]/.test(type)) {
      return failure("sdp", "bad-value", n, `line ${n} is not <type>=<value>: ${quote(raw)}`);
    }
    const value = raw.slice(2);
    if (first) {
      first = false;
      if (type === "v") {
        if (value.trim() !== "0") {
          const v = quote(value.trim());
          return failure("sdp", "bad-version", n, `line ${n}: version ${v} is not 0, the only one (RFC 8866 §5.1)`);
        }
        continue;
      }
      if (type !== "m") {
        return failure("sdp", "bad-value", n, `line ${n}: an SDP starts with v=0 (RFC 8866 §5), found ${type}=`);
      }
      session.fragment = true;
    } else if (type === "v") {
      return failure("sdp", "bad-value", n, `line ${n}: a second v= line; give one SDP at a time`);
    }
    if (type === "m") {
      if (draft) finishMedia(draft, state);
      const m = parseMediaLine(value, n);
      if (isFailure(m)) return m;
      draft = newDraft(m, n);
      session.media.push(draft.media);
      if (m.formats.length === 0) state.warn(n, "m= lists no formats");
      continue;
    }
    const problem = draft ? mediaLine(draft, state, type, value, n) : sessionLine(state, type, value, n);
    if (problem) return problem;
  }
  if (first) return failure("sdp", "truncated", 0, "the SDP is empty");
  if (draft) finishMedia(draft, state);
  const { iceUfrag, icePwd, fingerprint } = state.level;
  if (iceUfrag !== undefined) session.iceUfrag = iceUfrag;
  if (icePwd !== undefined) session.icePwd = icePwd;
  if (fingerprint !== undefined) session.fingerprint = fingerprint;
  if (!session.fragment) {
    if (!session.origin) state.warn(0, "no o= line (RFC 8866 §5.2 requires one)");
    if (session.name === undefined) state.warn(0, "no s= line (RFC 8866 §5.3 requires one)");
    if (!session.timing) state.warn(0, "no t= line (RFC 8866 §5.9 requires one)");
  }
  return session;
}

function newDraft(m: MediaLine, line: number): MediaDraft {
  const media: SdpMedia = {
    type: m.type,
    port: m.port,
    protocol: m.protocol,
    formats: m.formats,
    bandwidth: [],
    rtcpMux: false,
    payloadTypes: new Map(),
    extmap: new Map(),
    ssrcs: new Map(),
    ssrcGroups: [],
    msid: [],
    candidates: [],
    endOfCandidates: false,
    attributes: [],
    otherLines: [],
    line,
  };
  if (m.portCount !== undefined) media.portCount = m.portCount;
  return { media, rtpmaps: new Map(), fmtps: [], feedback: [] };
}

function other(type: string, value: string, line: number): SdpLine {
  return { type, value, line };
}

function unknownType(state: SessionState, type: string, n: number): void {
  if (!KNOWN_TYPES.has(type)) {
    state.warn(n, `unknown line type ${type}= kept (RFC 8866 §5 would have the whole SDP ignored)`);
  }
}

/** One line of the session part. Returns a failure only for a bad c= line. */
function sessionLine(state: SessionState, type: string, value: string, n: number): DecodeFailure | undefined {
  const s = state.session;
  switch (type) {
    case "o": {
      const o = parseOrigin(value, n);
      if (isFailure(o)) state.warn(n, o.detail.replace(/^line \d+: /, ""));
      else if (s.origin) state.warn(n, "a second o= line, ignored");
      else s.origin = o;
      return;
    }
    case "s":
      if (s.name !== undefined) state.warn(n, "a second s= line, ignored");
      else s.name = value;
      return;
    case "i":
      if (s.information === undefined) s.information = value;
      else state.warn(n, "a second i= line, ignored");
      return;
    case "c": {
      const c = parseConnection(value, n);
      if (isFailure(c)) return c;
      if (s.connection) state.warn(n, "a second session-level c= line, ignored");
      else s.connection = c;
      return;
    }
    case "b": {
      const b = parseBandwidth(value, n);
      if (isFailure(b)) state.warn(n, b.detail.replace(/^line \d+: /, ""));
      else s.bandwidth.push(b);
      return;
    }
    case "t": {
      if (s.timing) {
        s.otherLines.push(other(type, value, n));
        return;
      }
      const t = parseTiming(value, n);
      if (isFailure(t)) {
        state.warn(n, t.detail.replace(/^line \d+: /, ""));
        s.otherLines.push(other(type, value, n));
      } else s.timing = t;
      return;
    }
    case "a":
      sessionAttribute(state, attributeOf(value, n));
      return;
    default:
      unknownType(state, type, n);
      s.otherLines.push(other(type, value, n));
  }
}

/** One line inside a media section. Returns a failure only for a bad c= line. */
function mediaLine(
  draft: MediaDraft,
  state: SessionState,
  type: string,
  value: string,
  n: number,
): DecodeFailure | undefined {
  const m = draft.media;
  switch (type) {
    case "i":
      if (m.information === undefined) m.information = value;
      else state.warn(n, "a second i= line in this media section, ignored");
      return;
    case "c": {
      const c = parseConnection(value, n);
      if (isFailure(c)) return c;
      // RFC 8866 §5.7 allows several c= lines in a section for layered multicast; the first is the one we use.
      if (m.connection) state.warn(n, "a second c= line in this media section, ignored");
      else m.connection = c;
      return;
    }
    case "b": {
      const b = parseBandwidth(value, n);
      if (isFailure(b)) state.warn(n, b.detail.replace(/^line \d+: /, ""));
      else m.bandwidth.push(b);
      return;
    }
    case "a":
      mediaAttribute(draft, state, attributeOf(value, n));
      return;
    default:
      if (SESSION_ONLY.has(type)) state.warn(n, `${type}= belongs to the session part, not to a media section; kept`);
      else unknownType(state, type, n);
      m.otherLines.push(other(type, value, n));
  }
}

function attributeOf(value: string, line: number): SdpAttribute {
  const colon = value.indexOf(":");
  return colon < 0
    ? { name: value.trim(), line }
    : { name: value.slice(0, colon).trim(), value: value.slice(colon + 1), line };
}

/** Runs an attribute parser; a failure becomes a warning and gives undefined. */
function attempt<T>(state: SessionState, r: Decoded<T>): T | undefined {
  if (!isFailure(r)) return r;
  state.warn(r.offset, r.detail.replace(/^line \d+: /, ""));
  return undefined;
}

/** The attributes both levels share, read into `level`. Returns true when `a` was one of them. */
function levelAttribute(state: SessionState, a: SdpAttribute, level: Level, where: string): boolean {
  const name = a.name.toLowerCase();
  const value = a.value ?? "";
  const n = a.line;
  if (DIRECTIONS.has(name)) {
    if (level.direction === undefined) level.direction = name as Direction;
    else state.warn(n, `a second direction attribute ${where}, ignored`);
    return true;
  }
  switch (name) {
    case "ice-ufrag":
      if (level.iceUfrag === undefined) level.iceUfrag = value.trim();
      else state.warn(n, `a second a=ice-ufrag ${where}, ignored`);
      return true;
    case "ice-pwd":
      if (level.icePwd === undefined) level.icePwd = value.trim();
      else state.warn(n, `a second a=ice-pwd ${where}, ignored`);
      return true;
    case "fingerprint": {
      const f = attempt(state, parseFingerprint(value, n));
      if (f && level.fingerprint === undefined) level.fingerprint = f; // RFC 8122 §5 allows several; the first is kept
      return true;
    }
    case "setup":
      if (level.setup === undefined) level.setup = value.trim();
      else state.warn(n, `a second a=setup ${where}, ignored`);
      return true;
    case "extmap": {
      const e = attempt(state, parseExtmap(value, n));
      if (!e) return true;
      if (level.extmap.has(e.id)) state.warn(n, `a second a=extmap:${e.id} ${where}, ignored`);
      else level.extmap.set(e.id, e.map);
      return true;
    }
  }
  return false;
}

function sessionAttribute(state: SessionState, a: SdpAttribute): void {
  const s = state.session;
  s.attributes.push(a);
  if (levelAttribute(state, a, state.level, "at session level")) return;
  const name = a.name.toLowerCase();
  if (name === "ice-lite") s.iceLite = true;
  else if (name === "group") {
    const g = attempt(state, parseGroup(a.value ?? "", a.line));
    if (g) {
      s.groups.push(g);
      if (g.semantics.toUpperCase() === "BUNDLE") s.bundleGroups.push(g.mids);
    }
  }
}

function mediaAttribute(draft: MediaDraft, state: SessionState, a: SdpAttribute): void {
  const m = draft.media;
  m.attributes.push(a);
  const value = a.value ?? "";
  const n = a.line;
  if (levelAttribute(state, a, m, "in this media section")) return;
  switch (a.name.toLowerCase()) {
    case "rtpmap": {
      const r = attempt(state, parseRtpmap(value, n));
      if (!r) return;
      const before = draft.rtpmaps.get(r.pt);
      if (before) state.warn(n, `a second a=rtpmap for PT ${r.pt}, ignored (line ${before.line} kept)`);
      else draft.rtpmaps.set(r.pt, { ...r, line: n });
      return;
    }
    case "fmtp": {
      const f = attempt(state, parseFmtp(value, n));
      if (f) draft.fmtps.push({ ...f, line: n });
      return;
    }
    case "rtcp-fb": {
      const f = attempt(state, parseRtcpFb(value, n));
      if (f) draft.feedback.push({ ...f, line: n });
      return;
    }
    case "ssrc": {
      const s = attempt(state, parseSsrc(value, n));
      if (!s) return;
      let entry = m.ssrcs.get(s.ssrc);
      if (!entry) m.ssrcs.set(s.ssrc, entry = { attributes: {} } satisfies SdpSsrc);
      if (s.name === undefined) return;
      setKey(entry.attributes, s.name, s.value);
      if (s.name === "cname") entry.cname ??= s.value;
      else if (s.name === "msid") entry.msid ??= s.value;
      return;
    }
    case "ssrc-group": {
      const g = attempt(state, parseSsrcGroup(value, n));
      if (g) m.ssrcGroups.push(g);
      return;
    }
    case "candidate": {
      const c = parseIceCandidate(value);
      if (isFailure(c)) state.warn(n, c.detail);
      else m.candidates.push(c);
      return;
    }
    case "end-of-candidates":
      m.endOfCandidates = true;
      return;
    case "mid":
      if (m.mid === undefined) m.mid = value.trim();
      else state.warn(n, "a second a=mid in this media section, ignored");
      return;
    case "rtcp-mux":
      m.rtcpMux = true;
      return;
    case "rtcp": {
      const r = attempt(state, parseRtcp(value, n));
      if (r && m.rtcp === undefined) m.rtcp = r;
      else if (r) state.warn(n, "a second a=rtcp in this media section, ignored");
      return;
    }
    case "msid": {
      const id = attempt(state, parseMsid(value, n));
      if (id) m.msid.push(id);
      return;
    }
  }
}

/** Resolves the section's payload types and fills in what it inherits from the session. */
function finishMedia(draft: MediaDraft, state: SessionState): void {
  const m = draft.media;
  const s = state.level;
  if (!m.connection && state.session.connection) m.connection = state.session.connection;
  if (m.direction === undefined && s.direction !== undefined) m.direction = s.direction;
  if (m.setup === undefined && s.setup !== undefined) m.setup = s.setup;
  if (m.iceUfrag === undefined && s.iceUfrag !== undefined) m.iceUfrag = s.iceUfrag;
  if (m.icePwd === undefined && s.icePwd !== undefined) m.icePwd = s.icePwd;
  if (m.fingerprint === undefined && s.fingerprint !== undefined) m.fingerprint = s.fingerprint;
  for (const [id, e] of s.extmap) if (!m.extmap.has(id)) m.extmap.set(id, e);
  if (isRtp(m.protocol)) resolvePayloadTypes(draft, state);
}

/** RTP profiles: RTP/AVP, RTP/SAVP, RTP/AVPF, RTP/SAVPF, UDP/TLS/RTP/SAVPF, TCP/RTP/AVP, … */
function isRtp(protocol: string): boolean {
  return protocol.toUpperCase().split("/").includes("RTP");
}

function resolvePayloadTypes(draft: MediaDraft, state: SessionState): void {
  const m = draft.media;
  const pts = m.payloadTypes;
  const entry = (pt: number, encoding: string, clockRate: number, channels: number | undefined, isStatic: boolean) => {
    const p: SdpPayloadType = { pt, encoding, clockRate, fmtp: {}, rtcpFb: [], static: isStatic };
    if (channels !== undefined) p.channels = channels;
    pts.set(pt, p);
  };
  for (const f of m.formats) {
    const pt = toPt(f);
    if (pt === undefined) {
      state.warn(m.line, `m= format ${quote(f)} is not an RTP payload type 0–127`);
      continue;
    }
    if (pts.has(pt)) {
      state.warn(m.line, `m= lists PT ${pt} twice`);
      continue;
    }
    const r = draft.rtpmaps.get(pt);
    const known = staticPayloadType(pt);
    if (r) entry(pt, r.encoding, r.clockRate, r.channels, false);
    else if (known) entry(pt, known.name, known.clockRate, known.channels || undefined, true); // 0: the table says none
    else {
      state.warn(m.line, `PT ${pt} has no a=rtpmap and no static assignment (RFC 3551 §6): its clock rate is unknown`);
    }
  }
  for (const r of draft.rtpmaps.values()) {
    if (pts.has(r.pt)) continue;
    state.warn(r.line, `a=rtpmap for PT ${r.pt}, which m= does not list; kept`);
    entry(r.pt, r.encoding, r.clockRate, r.channels, false);
  }
  for (const f of draft.fmtps) {
    const pt = toPt(f.format);
    const p = pt === undefined ? undefined : pts.get(pt);
    if (!p) {
      const why = pt === undefined
        ? `format ${quote(f.format)} is not an RTP payload type`
        : m.formats.includes(f.format)
        ? `PT ${pt} has no a=rtpmap, so its encoding and clock rate are unknown`
        : `PT ${pt} is neither in m= nor in an a=rtpmap`;
      state.warn(f.line, `a=fmtp ignored: ${why}`);
    } else if (p.fmtpLine !== undefined) {
      state.warn(f.line, `a second a=fmtp for PT ${p.pt}, ignored`);
    } else {
      p.fmtpLine = f.params;
      for (const [k, v] of fmtpPairs(f.params)) setKey(p.fmtp, k, v);
    }
  }
  for (const f of draft.feedback) {
    if (f.pt === "*") {
      for (const p of pts.values()) p.rtcpFb.push(f.feedback);
      continue;
    }
    const p = pts.get(f.pt);
    if (p) p.rtcpFb.push(f.feedback);
    else state.warn(f.line, `a=rtcp-fb for PT ${f.pt}, which has no encoding here; ignored`);
  }
}
