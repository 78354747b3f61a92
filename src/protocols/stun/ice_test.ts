import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { isFailure } from "../decode_result.ts";
import { concat, hex } from "../_fixtures.ts";
import * as F from "./_fixtures.ts";
import { buildStun } from "./_fixtures.ts";
import { udpDatagrams } from "./_captures.ts";
import {
  decodeChannelData,
  decodeStun,
  type IceBinding,
  type IcePriority,
  icePriority,
  iceView,
  splitIceUsername,
  StunAttributeType as T,
  type StunMessage,
} from "./mod.ts";

function decoded(bytes: Uint8Array): StunMessage {
  const m = decodeStun(bytes);
  if (isFailure(m)) throw new Error(`expected a message: ${m.detail}`);
  return m;
}

const PRFLX_COMPONENT_1: IcePriority = {
  value: 1862270975,
  typePreference: 110,
  localPreference: 65535,
  componentId: 1,
  candidateType: "prflx",
};

const VIEW_CASES: { name: string; bytes: Uint8Array; want: IceBinding }[] = [
  {
    name: "reads a controlling agent's nominating check (ice.pcap frame 5)",
    bytes: F.ICE_CHECK_CONTROLLING.bytes,
    want: {
      class: "request",
      connectivityCheck: true,
      useCandidate: true,
      role: "controlling",
      tieBreaker: "4fd65e54dc31d5c6",
      priority: PRFLX_COMPONENT_1,
      username: { remote: "9ho0", local: "3yjO" },
    },
  },
  {
    name: "reads the controlled agent's check on the same pair (ice.pcap frame 6)",
    bytes: F.ICE_CHECK_CONTROLLED.bytes,
    want: {
      class: "request",
      connectivityCheck: true,
      useCandidate: false,
      role: "controlled",
      tieBreaker: "0833cca5bf79a4d1",
      priority: PRFLX_COMPONENT_1,
      username: { remote: "3yjO", local: "9ho0" },
    },
  },
  {
    name: "reads the success response's mapped address (ice.pcap frame 7)",
    bytes: F.ICE_CHECK_SUCCESS.bytes,
    want: {
      class: "success",
      connectivityCheck: false,
      useCandidate: false,
      mappedAddress: { address: "198.51.100.1", port: 44485, family: 1 },
    },
  },
  {
    name: "reads an IPv6 check (ice.pcap frame 10)",
    bytes: F.ICE_CHECK_IPV6_CONTROLLING.bytes,
    want: {
      class: "request",
      connectivityCheck: true,
      useCandidate: true,
      role: "controlling",
      tieBreaker: "024293a8ac88c9b9",
      priority: PRFLX_COMPONENT_1,
      username: { remote: "LiIM", local: "tJWU" },
    },
  },
  {
    name: "reads an IPv6 mapped address (ice.pcap frame 12)",
    bytes: F.ICE_CHECK_IPV6_SUCCESS.bytes,
    want: {
      class: "success",
      connectivityCheck: false,
      useCandidate: false,
      mappedAddress: { address: "2001:db8::1", port: 56379, family: 2 },
    },
  },
  {
    name: "reads the RFC 5769 §2.1 sample request (ICE-CONTROLLED, PRIORITY 0x6e0001ff)",
    bytes: F.RFC5769_REQUEST,
    want: {
      class: "request",
      connectivityCheck: true,
      useCandidate: false,
      role: "controlled",
      tieBreaker: "932ff9b151263b36",
      priority: { value: 0x6e0001ff, typePreference: 110, localPreference: 1, componentId: 1, candidateType: "prflx" },
      username: { remote: "evtj", local: "h6vY" },
    },
  },
  {
    name: "sees no check in a plain STUN Binding request (demo.pcap frame 119)",
    bytes: F.DEMO_BINDING_REQUEST.bytes,
    want: { class: "request", connectivityCheck: false, useCandidate: false },
  },
  {
    name: "reads a server's answer to gathering (ice.pcap frame 4)",
    bytes: F.ICE_STUN_BINDING_SUCCESS.bytes,
    want: {
      class: "success",
      connectivityCheck: false,
      useCandidate: false,
      mappedAddress: { address: "198.51.100.1", port: 44485, family: 1 },
    },
  },
  {
    name: "reads a Role Conflict error response",
    bytes: buildStun(0x0111, [[T.ErrorCode, concat(hex`00000457`, new TextEncoder().encode("Role Conflict"))]]),
    want: { class: "error", connectivityCheck: false, useCandidate: false, errorCode: 487 },
  },
  {
    name: "reads WebRTC's GOOG-NOMINATION and GOOG-NETWORK-INFO",
    bytes: buildStun(0x0001, [
      [T.Username, new TextEncoder().encode("abcd:efgh")],
      [T.Priority, hex`7effffff`],
      [T.IceControlling, hex`0000000000000001`],
      [T.GoogNomination, hex`00000002`],
      [T.GoogNetworkInfo, hex`0001 0032`],
    ]),
    want: {
      class: "request",
      connectivityCheck: true,
      useCandidate: false,
      role: "controlling",
      tieBreaker: "0000000000000001",
      priority: {
        value: 0x7effffff,
        typePreference: 126,
        localPreference: 65535,
        componentId: 1,
        candidateType: "host",
      },
      nomination: 2,
      username: { remote: "abcd", local: "efgh" },
      networkInfo: { networkId: 1, networkCost: 50 },
    },
  },
  {
    name: "takes the first role attribute when a check carries both",
    bytes: buildStun(0x0001, [[T.IceControlled, hex`0000000000000002`], [T.IceControlling, hex`0000000000000003`]]),
    want: {
      class: "request",
      connectivityCheck: true,
      useCandidate: false,
      role: "controlled",
      tieBreaker: "0000000000000002",
    },
  },
  {
    name: "ignores a PRIORITY of the wrong length",
    bytes: buildStun(0x0001, [[T.Priority, hex`7effff`]]),
    want: { class: "request", connectivityCheck: false, useCandidate: false },
  },
];

for (const c of VIEW_CASES) {
  Deno.test(`iceView() ${c.name}`, () => deepStrictEqual(iceView(decoded(c.bytes)), c.want));
}

Deno.test("iceView() is undefined for methods other than Binding (demo.pcap frame 258)", () => {
  strictEqual(iceView(decoded(F.DEMO_ALLOCATE_REQUEST.bytes)), undefined);
});

Deno.test("iceView() finds every check of ice.pcap, relayed ones included, each with a role and a priority", async () => {
  const counts = { direct: 0, relayed: 0, nominations: 0 };
  for (const d of await udpDatagrams("stun/ice.pcap")) {
    const channel = decodeChannelData(d.payload);
    const relayed = !isFailure(channel);
    const m = relayed ? decodeStun(d.payload, channel.dataOffset, channel.dataLength) : decodeStun(d.payload);
    if (isFailure(m)) continue;
    const ice = iceView(m);
    if (ice?.connectivityCheck !== true) continue;
    ok(ice.role !== undefined && ice.priority !== undefined && ice.username !== undefined, `frame ${d.frame}`);
    counts[relayed ? "relayed" : "direct"]++;
    if (ice.useCandidate) counts.nominations++;
  }
  // tshark -Y "stun.att.priority": 8 direct checks, 3 of them with USE-CANDIDATE (tshark -Y "stun.att.type == 0x0025").
  // tshark does not look inside ChannelData, where 2 more checks travel: frame 22 from the controlling agent (with
  // USE-CANDIDATE) and frame 28 from the controlled one.
  deepStrictEqual(counts, { direct: 8, relayed: 2, nominations: 3 + 1 });
});

// ---------------------------------------------------------------------------------------------------------------
// icePriority(): RFC 8445 §5.1.2.1.

const PRIORITY_CASES: [string, number, IcePriority][] = [
  [
    "aioice's host candidate",
    2130706431,
    { value: 2130706431, typePreference: 126, localPreference: 65535, componentId: 1, candidateType: "host" },
  ],
  [
    "aioice's server-reflexive candidate",
    1694498815,
    { value: 1694498815, typePreference: 100, localPreference: 65535, componentId: 1, candidateType: "srflx" },
  ],
  [
    "aioice's relayed candidate",
    16777215,
    { value: 16777215, typePreference: 0, localPreference: 65535, componentId: 1, candidateType: "relay" },
  ],
  [
    "an RTCP host candidate (component 2)",
    2130706430,
    { value: 2130706430, typePreference: 126, localPreference: 65535, componentId: 2, candidateType: "host" },
  ],
  ["a type preference no RFC recommends", 0x5a000100, {
    value: 0x5a000100,
    typePreference: 90,
    localPreference: 1,
    componentId: 256,
  }],
  ["the largest value", 0xffffffff, { value: 0xffffffff, typePreference: 255, localPreference: 65535, componentId: 1 }],
];
for (const [name, value, want] of PRIORITY_CASES) {
  Deno.test(`icePriority() takes apart ${name}`, () => deepStrictEqual(icePriority(value), want));
}

const USERNAME_CASES: [string, ReturnType<typeof splitIceUsername>][] = [
  ["evtj:h6vY", { remote: "evtj", local: "h6vY" }],
  ["a:b:c", { remote: "a", local: "b:c" }],
  [":", { remote: "", local: "" }],
  ["netpix", undefined],
  ["", undefined],
];
for (const [username, want] of USERNAME_CASES) {
  Deno.test(`splitIceUsername() splits "${username}"`, () => deepStrictEqual(splitIceUsername(username), want));
}
