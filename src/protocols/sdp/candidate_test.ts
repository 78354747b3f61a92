import { deepStrictEqual } from "node:assert/strict";
import { parseIceCandidate } from "./candidate.ts";
import type { Decoded } from "../decode_result.ts";
import type { IceCandidate } from "./types.ts";

const host = (extra: Partial<IceCandidate> = {}): IceCandidate => ({
  foundation: "219781351",
  component: 1,
  transport: "udp",
  priority: 2113937151,
  address: "192.0.2.2",
  port: 52706,
  type: "host",
  extensions: { generation: "0", "network-cost": "999" },
  ...extra,
});
// tests/testdata/sdp/chromium-offer.sdp line 11, without `a=candidate:`
const CHROMIUM_HOST = "219781351 1 udp 2113937151 192.0.2.2 52706 typ host generation 0 network-cost 999";

const cases: { name: string; text: string; want: Decoded<IceCandidate> }[] = [
  { name: "reads Chromium's host candidate", text: CHROMIUM_HOST, want: host() },
  { name: "accepts the a=candidate: prefix", text: `a=candidate:${CHROMIUM_HOST}`, want: host() },
  { name: "accepts the candidate: prefix of a trickled candidate", text: `candidate:${CHROMIUM_HOST}`, want: host() },
  {
    name: "reads a server-reflexive candidate with raddr and rport (RFC 8839 §5.1 example)",
    text: "2 1 UDP 1694498815 192.0.2.3 45664 typ srflx raddr 10.0.1.1 rport 8998",
    want: {
      foundation: "2",
      component: 1,
      transport: "UDP",
      priority: 1694498815,
      address: "192.0.2.3",
      port: 45664,
      type: "srflx",
      relAddr: "10.0.1.1",
      relPort: 8998,
      extensions: {},
    },
  },
  {
    name: "reads a passive TCP candidate (RFC 6544 tcptype)",
    text: "3 1 tcp 1518280447 192.0.2.2 9 typ host tcptype passive generation 0",
    want: {
      foundation: "3",
      component: 1,
      transport: "tcp",
      priority: 1518280447,
      address: "192.0.2.2",
      port: 9,
      type: "host",
      tcpType: "passive",
      extensions: { generation: "0" },
    },
  },
  {
    name: "keeps every extension in any order (ufrag between generation and network-id)",
    text: "1 2 udp 2113937151 192.0.2.2 52707 typ host generation 0 ufrag j2+2 network-id 1 network-cost 10",
    want: host({
      component: 2,
      port: 52707,
      extensions: { generation: "0", ufrag: "j2+2", "network-id": "1", "network-cost": "10" },
      foundation: "1",
    }),
  },
  {
    name: "reads an mDNS host name and tab separators",
    text: "3495447683\t1 udp 2113937151 455494a6-c1aa-456c-b40a-ced228c6e8fc.local 54296 typ host",
    want: host({
      foundation: "3495447683",
      address: "455494a6-c1aa-456c-b40a-ced228c6e8fc.local",
      port: 54296,
      extensions: {},
    }),
  },
  {
    name: "reads a relay candidate with an unknown type token kept as written",
    text: "4 1 udp 16777215 192.0.2.4 3478 typ relay raddr 0.0.0.0 rport 0",
    want: {
      foundation: "4",
      component: 1,
      transport: "udp",
      priority: 16777215,
      address: "192.0.2.4",
      port: 3478,
      type: "relay",
      relAddr: "0.0.0.0",
      relPort: 0,
      extensions: {},
    },
  },
  {
    name: "fails on fewer than 8 fields",
    text: "1 1 udp 1 192.0.2.1 5004 typ",
    want: {
      ok: false,
      protocol: "sdp",
      reason: "truncated",
      offset: 28,
      detail: "ICE candidate: 7 fields, need at least 8",
    },
  },
  {
    name: "fails on component 0",
    text: "1 0 udp 1 192.0.2.1 5004 typ host",
    want: {
      ok: false,
      protocol: "sdp",
      reason: "bad-value",
      offset: 2,
      detail: 'ICE candidate: component "0" is not an integer 1–256',
    },
  },
  {
    name: "fails on component 257",
    text: "1 257 udp 1 192.0.2.1 5004 typ host",
    want: {
      ok: false,
      protocol: "sdp",
      reason: "bad-value",
      offset: 2,
      detail: 'ICE candidate: component "257" is not an integer 1–256',
    },
  },
  {
    name: "fails on a priority above 2^31 - 1",
    text: "1 1 udp 2147483648 192.0.2.1 5004 typ host",
    want: {
      ok: false,
      protocol: "sdp",
      reason: "bad-value",
      offset: 8,
      detail: 'ICE candidate: priority "2147483648" is not an integer 0–2147483647',
    },
  },
  {
    name: "fails on a port above 65535, at the port's offset after the prefix",
    text: "candidate:1 1 udp 1 192.0.2.1 70000 typ host",
    want: {
      ok: false,
      protocol: "sdp",
      reason: "bad-value",
      offset: 30,
      detail: 'ICE candidate: port "70000" is not an integer 0–65535',
    },
  },
  {
    name: "fails when typ is missing",
    text: "1 1 udp 1 192.0.2.1 5004 host x",
    want: {
      ok: false,
      protocol: "sdp",
      reason: "bad-value",
      offset: 25,
      detail: 'ICE candidate: expected "typ" after the port, found "host"',
    },
  },
  {
    name: "fails on an extension without value",
    text: "1 1 udp 1 192.0.2.1 5004 typ host generation",
    want: {
      ok: false,
      protocol: "sdp",
      reason: "bad-value",
      offset: 34,
      detail: 'ICE candidate: extension "generation" has no value',
    },
  },
  {
    name: "fails on a bad rport",
    text: "1 1 udp 1 192.0.2.1 5004 typ srflx raddr 10.0.0.1 rport x",
    want: {
      ok: false,
      protocol: "sdp",
      reason: "bad-value",
      offset: 56,
      detail: 'ICE candidate: rport "x" is not an integer 0–65535',
    },
  },
  {
    name: "fails on a foundation longer than 32 characters",
    text: `${"f".repeat(33)} 1 udp 1 192.0.2.1 5004 typ host`,
    want: {
      ok: false,
      protocol: "sdp",
      reason: "bad-value",
      offset: 0,
      detail: "ICE candidate: foundation is 33 characters, at most 32",
    },
  },
];

for (const c of cases) {
  Deno.test(`parseIceCandidate() ${c.name}`, () => deepStrictEqual(parseIceCandidate(c.text), c.want));
}
