/**
 * ICE candidate lines, RFC 8839 §5.1.
 *
 * ```text
 * candidate-attribute = "candidate" ":" foundation SP component-id SP transport SP priority SP
 *                       connection-address SP port SP "typ" SP cand-type
 *                       [SP "raddr" SP connection-address] [SP "rport" SP port] *(SP extension-att-name SP extension-att-value)
 * a=candidate:1076908075 1 udp 2113937151 192.0.2.2 43549 typ host generation 0 network-cost 999
 * ```
 *
 * @module
 */
// This module is browser compatible.

import { type Decoded, failure } from "../decode_result.ts";
import type { IceCandidate } from "./types.ts";
import { quote, setKey, toUint } from "./_text.ts";

const MAX_COMPONENT = 256; // RFC 8839 §5.1: component-id is 1*3DIGIT, 1 to 256
const MAX_PRIORITY = 2 ** 31 - 1; // RFC 8445 §5.1.2: a positive 31-bit integer
const MAX_FOUNDATION = 32; // RFC 8839 §5.1: foundation = 1*32ice-char
const FIELDS = 8; // foundation … "typ" cand-type

interface Token {
  text: string;
  /** Character offset in the candidate text. */
  at: number;
}
type Fields = [Token, Token, Token, Token, Token, Token, Token, Token, ...Token[]];

/**
 * Parses one ICE candidate: the value of an `a=candidate:` line, or a trickled `RTCIceCandidate.candidate` string (the
 * `candidate:` and `a=candidate:` prefixes are accepted).
 *
 * `raddr`, `rport` and `tcptype` get their own fields; any other `<name> <value>` pair after the type is kept in
 * `extensions`. Fields are separated by spaces or tabs. Characters outside ice-char in the foundation are accepted: the
 * address and port are what netpix needs.
 *
 * @param text The candidate.
 * @returns The candidate, or a failure whose `offset` is the character in `text` where the bad field starts.
 * @example Read a host candidate from Chromium
 * ```ts
 * import { parseIceCandidate } from "./candidate.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const c = parseIceCandidate("candidate:1076908075 1 udp 2113937151 192.0.2.2 43549 typ host generation 0");
 * deepStrictEqual(c, {
 *   foundation: "1076908075", component: 1, transport: "udp", priority: 2113937151, address: "192.0.2.2",
 *   port: 43549, type: "host", extensions: { generation: "0" },
 * });
 * ```
 */
export function parseIceCandidate(text: string): Decoded<IceCandidate> {
  let start = 0;
  if (text.startsWith("a=")) start = 2;
  if (text.startsWith("candidate:", start)) start += "candidate:".length;
  const tokens: Token[] = [];
  const re = /[^ \t]+/g;
  re.lastIndex = start;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) tokens.push({ text: m[0], at: m.index });
  const bad = (at: number, detail: string) => failure("sdp", "bad-value", at, `ICE candidate: ${detail}`);
  if (tokens.length < FIELDS) {
    return failure("sdp", "truncated", text.length, `ICE candidate: ${tokens.length} fields, need at least ${FIELDS}`);
  }
  // tokens.length >= FIELDS, so the first eight are there.
  const [foundation, component, transport, priority, address, port, typ, type] = tokens as Token[] as Fields;
  if (foundation.text.length > MAX_FOUNDATION) {
    return bad(foundation.at, `foundation is ${foundation.text.length} characters, at most ${MAX_FOUNDATION}`);
  }
  const componentId = toUint(component.text);
  if (componentId === undefined || componentId < 1 || componentId > MAX_COMPONENT) {
    return bad(component.at, `component ${quote(component.text)} is not an integer 1–${MAX_COMPONENT}`);
  }
  const prio = toUint(priority.text);
  if (prio === undefined || prio > MAX_PRIORITY) {
    return bad(priority.at, `priority ${quote(priority.text)} is not an integer 0–${MAX_PRIORITY}`);
  }
  const portNumber = toUint(port.text);
  if (portNumber === undefined || portNumber > 65535) {
    return bad(port.at, `port ${quote(port.text)} is not an integer 0–65535`);
  }
  if (typ.text !== "typ") return bad(typ.at, `expected "typ" after the port, found ${quote(typ.text)}`);
  const out: IceCandidate = {
    foundation: foundation.text,
    component: componentId,
    transport: transport.text,
    priority: prio,
    address: address.text,
    port: portNumber,
    type: type.text,
    extensions: {},
  };
  for (let i = FIELDS; i < tokens.length; i += 2) {
    const name = tokens[i]!;
    const value = tokens[i + 1];
    if (value === undefined) return bad(name.at, `extension ${quote(name.text)} has no value`);
    if (name.text === "raddr") out.relAddr = value.text;
    else if (name.text === "rport") {
      const relPort = toUint(value.text);
      if (relPort === undefined || relPort > 65535) {
        return bad(value.at, `rport ${quote(value.text)} is not an integer 0–65535`);
      }
      out.relPort = relPort;
    } else if (name.text === "tcptype") out.tcpType = value.text;
    else setKey(out.extensions, name.text, value.text);
  }
  return out;
}
