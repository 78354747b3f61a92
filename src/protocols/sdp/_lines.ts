/**
 * Parsers for the values of the SDP line types that have a fixed grammar (RFC 8866 §5) and of the attributes netpix
 * models. Each takes the text after `x=` (or after `a=<name>:`) and the line number, and returns a value or a failure
 * whose offset is that line number. parse.ts decides whether a failure stops the parse or becomes a warning.
 *
 * @module
 */
// This module is browser compatible.

import { type Decoded, failure } from "../decode_result.ts";
import type {
  SdpBandwidth,
  SdpConnection,
  SdpExtmap,
  SdpFingerprint,
  SdpGroup,
  SdpMsid,
  SdpOrigin,
  SdpSsrcGroup,
  SdpTiming,
} from "./types.ts";
import { quote, toUint, words } from "./_text.ts";

const MAX_PORT = 65535;
const MAX_PT = 127; // RFC 3550 §5.1: PT is 7 bits
const MAX_SSRC = 0xffff_ffff;
const MAX_TTL = 255; // RFC 8866 §5.7
const DIRECTIONS = new Set(["sendrecv", "sendonly", "recvonly", "inactive"]);

function bad(line: number, detail: string) {
  return failure("sdp", "bad-value", line, `line ${line}: ${detail}`);
}

/** The `m=` line without its formats check. @private */
export interface MediaLine {
  type: string;
  port: number;
  portCount?: number;
  protocol: string;
  formats: string[];
}

/**
 * `m=<media> <port>[/<number of ports>] <proto> <fmt> …` (RFC 8866 §5.14).
 * @private
 */
export function parseMediaLine(value: string, line: number): Decoded<MediaLine> {
  const w = words(value);
  if (w.length < 3) return bad(line, `m= needs <media> <port> <proto> <fmt>…, found ${quote(value)}`);
  const [type, portText, protocol] = w as [string, string, string];
  const slash = portText.indexOf("/");
  const port = toUint(slash < 0 ? portText : portText.slice(0, slash));
  if (port === undefined || port > MAX_PORT) return bad(line, `m= port ${quote(portText)} is not an integer 0–65535`);
  const out: MediaLine = { type, port, protocol, formats: w.slice(3) };
  if (slash >= 0) {
    const count = toUint(portText.slice(slash + 1));
    if (count === undefined || count < 1 || port + count - 1 > MAX_PORT) {
      return bad(line, `m= port count in ${quote(portText)} is not an integer of at least 1 that fits after the port`);
    }
    out.portCount = count;
  }
  return out;
}

/**
 * `c=<nettype> <addrtype> <connection-address>` (RFC 8866 §5.7); IP4 multicast carries `/ttl[/count]`, IP6 `/count`.
 * @private
 */
export function parseConnection(value: string, line: number): Decoded<SdpConnection> {
  const w = words(value);
  if (w.length !== 3) return bad(line, `c= needs <nettype> <addrtype> <address>, found ${quote(value)}`);
  const [netType, addrType, spec] = w as [string, string, string];
  const [address = "", ...suffixes] = spec.split("/");
  if (address === "") return bad(line, `c= address ${quote(spec)} is empty`);
  const out: SdpConnection = { netType, addrType, address };
  const nums = suffixes.map(toUint);
  if (nums.some((n) => n === undefined) || nums.length > 2) {
    return bad(line, `c= address ${quote(spec)} has a suffix that is not /<ttl>[/<count>] or /<count>`);
  }
  if (addrType.toUpperCase() === "IP6" || nums.length === 0) {
    if (nums.length === 2) return bad(line, `c= IP6 address ${quote(spec)} takes /<count> only, not a TTL`);
    if (nums[0] !== undefined) out.addressCount = nums[0];
  } else {
    const [ttl, count] = nums as [number, number | undefined];
    if (ttl > MAX_TTL) return bad(line, `c= TTL ${ttl} is above ${MAX_TTL}`);
    out.ttl = ttl;
    if (count !== undefined) out.addressCount = count;
  }
  if (out.addressCount === 0) return bad(line, `c= address count in ${quote(spec)} is 0`);
  return out;
}

/**
 * `o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>` (RFC 8866 §5.2).
 * @private
 */
export function parseOrigin(value: string, line: number): Decoded<SdpOrigin> {
  const w = words(value);
  if (w.length !== 6) return bad(line, `o= needs 6 fields, found ${w.length}`);
  const [username, sessionId, sessionVersion, netType, addrType, address] = w as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  return { username, sessionId, sessionVersion, netType, addrType, address };
}

/**
 * `t=<start-time> <stop-time>` (RFC 8866 §5.9).
 * @private
 */
export function parseTiming(value: string, line: number): Decoded<SdpTiming> {
  const w = words(value);
  const start = toUint(w[0] ?? "");
  const stop = toUint(w[1] ?? "");
  if (w.length !== 2 || start === undefined || stop === undefined) {
    return bad(line, `t= needs two decimal NTP times, found ${quote(value)}`);
  }
  return { start, stop };
}

/**
 * `b=<bwtype>:<bandwidth>` (RFC 8866 §5.8).
 * @private
 */
export function parseBandwidth(value: string, line: number): Decoded<SdpBandwidth> {
  const colon = value.indexOf(":");
  const amount = colon < 0 ? undefined : toUint(value.slice(colon + 1).trim());
  if (colon <= 0 || amount === undefined) return bad(line, `b= needs <bwtype>:<integer>, found ${quote(value)}`);
  return { type: value.slice(0, colon).trim(), value: amount };
}

/** `a=rtpmap` without the fmtp and feedback that parse.ts adds. @private */
export interface Rtpmap {
  pt: number;
  encoding: string;
  clockRate: number;
  channels?: number;
}

/**
 * `a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>]` (RFC 8866 §6.6).
 * @private
 */
export function parseRtpmap(value: string, line: number): Decoded<Rtpmap> {
  const w = words(value);
  const pt = toPt(w[0]);
  if (pt === undefined) return bad(line, `a=rtpmap payload type ${quote(w[0] ?? "")} is not an integer 0–127`);
  const parts = w.length === 2 ? w[1]!.split("/") : [];
  const [encoding = "", rate = "", params] = parts;
  const clockRate = toUint(rate);
  if (encoding === "" || clockRate === undefined || clockRate === 0 || parts.length > 3) {
    return bad(line, `a=rtpmap:${pt} needs <encoding>/<clock rate>[/<channels>], found ${quote(value)}`);
  }
  const out: Rtpmap = { pt, encoding, clockRate };
  if (params !== undefined) {
    const channels = toUint(params);
    if (channels === undefined || channels === 0) {
      return bad(line, `a=rtpmap:${pt} channel count ${quote(params)} is not an integer of at least 1`);
    }
    out.channels = channels;
  }
  return out;
}

/**
 * A payload type number 0–127, or undefined.
 * @private
 */
export function toPt(s: string | undefined): number | undefined {
  const n = toUint(s ?? "");
  return n !== undefined && n <= MAX_PT ? n : undefined;
}

/**
 * `a=fmtp:<format> <format specific parameters>` (RFC 8866 §6.15): the format and the parameter text.
 * @private
 */
export function parseFmtp(value: string, line: number): Decoded<{ format: string; params: string }> {
  const v = value.trim();
  const space = v.search(/[ \t]/);
  const format = space < 0 ? v : v.slice(0, space);
  if (format === "") return bad(line, "a=fmtp has no format");
  return { format, params: space < 0 ? "" : v.slice(space + 1).trim() };
}

/**
 * Splits fmtp parameters `a=1;b=2; c` into pairs; a parameter without `=` gets "".
 * @private
 */
export function fmtpPairs(params: string): [string, string][] {
  const out: [string, string][] = [];
  for (const part of params.split(";")) {
    const p = part.trim();
    if (p === "") continue;
    const eq = p.indexOf("=");
    out.push(eq < 0 ? [p, ""] : [p.slice(0, eq).trim(), p.slice(eq + 1).trim()]);
  }
  return out;
}

/**
 * `a=rtcp-fb:<payload type | *> <type> [<params>]` (RFC 4585 §4.2).
 * @private
 */
export function parseRtcpFb(value: string, line: number): Decoded<{ pt: number | "*"; feedback: string }> {
  const [fmt = "", ...rest] = words(value);
  const pt = fmt === "*" ? "*" : toPt(fmt);
  if (pt === undefined) return bad(line, `a=rtcp-fb payload type ${quote(fmt)} is neither * nor an integer 0–127`);
  if (rest.length === 0) return bad(line, `a=rtcp-fb:${fmt} has no feedback type`);
  return { pt, feedback: rest.join(" ") };
}

/**
 * `a=extmap:<value>["/"<direction>] <URI> <extensionattributes>` (RFC 8285 §8).
 * @private
 */
export function parseExtmap(value: string, line: number): Decoded<{ id: number; map: SdpExtmap }> {
  const [idPart = "", uri, ...attrs] = words(value);
  const slash = idPart.indexOf("/");
  const id = toUint(slash < 0 ? idPart : idPart.slice(0, slash));
  // RFC 8285 §5: 1–14 one-byte, 1–255 two-byte; §7: 4096–4351 may appear in an offer to be remapped in the answer.
  if (id === undefined || id === 0 || (id > 255 && (id < 4096 || id > 4351))) {
    return bad(line, `a=extmap id ${quote(idPart)} is not 1–255 or 4096–4351`);
  }
  if (uri === undefined) return bad(line, `a=extmap:${id} has no URI`);
  const map: SdpExtmap = { uri };
  if (slash >= 0) {
    const direction = idPart.slice(slash + 1);
    if (!DIRECTIONS.has(direction)) return bad(line, `a=extmap:${id} direction ${quote(direction)} is not a direction`);
    map.direction = direction;
  }
  if (attrs.length > 0) map.attributes = attrs.join(" ");
  return { id, map };
}

/**
 * `a=ssrc:<ssrc-id> <attribute>[:<value>]` (RFC 5576 §4.1).
 * @private
 */
export function parseSsrc(value: string, line: number): Decoded<{ ssrc: number; name?: string; value: string }> {
  const v = value.trim();
  const space = v.search(/[ \t]/);
  const id = space < 0 ? v : v.slice(0, space);
  const ssrc = toSsrc(id);
  if (ssrc === undefined) return bad(line, `a=ssrc id ${quote(id)} is not an integer 0–4294967295`);
  if (space < 0) return { ssrc, value: "" };
  const attr = v.slice(space + 1).trim();
  const colon = attr.indexOf(":");
  return colon < 0
    ? { ssrc, name: attr, value: "" }
    : { ssrc, name: attr.slice(0, colon), value: attr.slice(colon + 1) };
}

function toSsrc(s: string): number | undefined {
  const n = toUint(s);
  return n !== undefined && n <= MAX_SSRC ? n : undefined;
}

/**
 * `a=ssrc-group:<semantics> <ssrc-id> …` (RFC 5576 §4.2).
 * @private
 */
export function parseSsrcGroup(value: string, line: number): Decoded<SdpSsrcGroup> {
  const [semantics, ...ids] = words(value);
  if (semantics === undefined) return bad(line, "a=ssrc-group has no semantics");
  const ssrcs: number[] = [];
  for (const id of ids) {
    const ssrc = toSsrc(id);
    if (ssrc === undefined) return bad(line, `a=ssrc-group:${semantics} SSRC ${quote(id)} is not an integer`);
    ssrcs.push(ssrc);
  }
  return { semantics, ssrcs };
}

/**
 * `a=group:<semantics> <identification-tag> …` (RFC 5888 §5).
 * @private
 */
export function parseGroup(value: string, line: number): Decoded<SdpGroup> {
  const [semantics, ...mids] = words(value);
  if (semantics === undefined) return bad(line, "a=group has no semantics");
  return { semantics, mids };
}

/**
 * `a=fingerprint:<hash-func> <fingerprint>` (RFC 8122 §5).
 * @private
 */
export function parseFingerprint(value: string, line: number): Decoded<SdpFingerprint> {
  const w = words(value);
  if (w.length !== 2) return bad(line, `a=fingerprint needs <hash-func> <fingerprint>, found ${quote(value)}`);
  return { hash: w[0]!, value: w[1]! };
}

/**
 * `a=rtcp:<port> [<nettype> <addrtype> <connection-address>]` (RFC 3605 §2.1).
 * @private
 */
export function parseRtcp(value: string, line: number): Decoded<{ port: number; address?: string }> {
  const w = words(value);
  const port = toUint(w[0] ?? "");
  if (port === undefined || port > MAX_PORT) return bad(line, `a=rtcp port ${quote(w[0] ?? "")} is not 0–65535`);
  if (w.length === 1) return { port };
  if (w.length !== 4) return bad(line, `a=rtcp needs <port> [IN <addrtype> <address>], found ${quote(value)}`);
  return { port, address: w[3]! };
}

/**
 * `a=msid:<stream id> [<track id>]` (RFC 8830 §2).
 * @private
 */
export function parseMsid(value: string, line: number): Decoded<SdpMsid> {
  const [stream, track] = words(value);
  if (stream === undefined) return bad(line, "a=msid has no stream id");
  return track === undefined ? { stream } : { stream, track };
}
