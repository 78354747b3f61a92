import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { isFailure } from "../decode_result.ts";
import { concat, hex, withByte } from "../_fixtures.ts";
import * as F from "./_fixtures.ts";
import { buildStun } from "./_fixtures.ts";
import { hasTshark, syntheticPcap, tsharkFields } from "./_captures.ts";
import {
  decodeStun,
  isComprehensionRequired,
  type StunAttribute,
  stunAttributeName,
  StunAttributeType as T,
  type StunMessage,
} from "./mod.ts";

function decoded(bytes: Uint8Array): StunMessage {
  const m = decodeStun(bytes);
  if (isFailure(m)) throw new Error(`expected a message: ${m.detail}`);
  return m;
}

/** The attribute's value fields (what follows `kind`), without the header fields. */
function valueOf(a: StunAttribute): Record<string, unknown> {
  const { type: _t, name: _n, known: _k, comprehensionRequired: _c, offset: _o, length: _l, ...value } = a;
  return value;
}

/** The `index`-th attribute of type `type` in the message. */
function attribute(bytes: Uint8Array, type: number, index = 0): StunAttribute {
  const found = decoded(bytes).attributes.filter((a) => a.type === type)[index];
  if (found === undefined) throw new Error(`no attribute 0x${type.toString(16)} #${index}`);
  return found;
}

const text = (s: string) => new TextEncoder().encode(s);

// ---------------------------------------------------------------------------------------------------------------
// Attributes of real packets.

const REAL_CASES: { name: string; bytes: Uint8Array; type: number; index?: number; want: Record<string, unknown> }[] = [
  {
    name: "un-XORs an IPv4 XOR-MAPPED-ADDRESS (demo.pcap frame 120)",
    bytes: F.DEMO_BINDING_SUCCESS.bytes,
    type: T.XorMappedAddress,
    want: { kind: "address", family: 1, address: "127.0.0.1", port: 52210, xor: true },
  },
  {
    name: "reads a plain MAPPED-ADDRESS (demo.pcap frame 120)",
    bytes: F.DEMO_BINDING_SUCCESS.bytes,
    type: T.MappedAddress,
    want: { kind: "address", family: 1, address: "127.0.0.1", port: 52210, xor: false },
  },
  {
    name: "reads RESPONSE-ORIGIN (demo.pcap frame 120)",
    bytes: F.DEMO_BINDING_SUCCESS.bytes,
    type: T.ResponseOrigin,
    want: { kind: "address", family: 1, address: "127.0.0.1", port: 3478, xor: false },
  },
  {
    name: "reads an IPv6 OTHER-ADDRESS (turn-ipv6.pcap frame 2)",
    bytes: F.TURN6_BINDING_SUCCESS.bytes,
    type: T.OtherAddress,
    want: { kind: "address", family: 2, address: "2001:db8::2", port: 3479, xor: false },
  },
  {
    name: "un-XORs an IPv6 XOR-MAPPED-ADDRESS with cookie and transaction ID (ice.pcap frame 12)",
    bytes: F.ICE_CHECK_IPV6_SUCCESS.bytes,
    type: T.XorMappedAddress,
    want: { kind: "address", family: 2, address: "2001:db8::1", port: 56379, xor: true },
  },
  {
    name: "un-XORs the RFC 5769 §2.3 IPv6 XOR-MAPPED-ADDRESS",
    bytes: F.RFC5769_RESPONSE_IPV6,
    type: T.XorMappedAddress,
    want: { kind: "address", family: 2, address: "2001:db8:1234:5678:11:2233:4455:6677", port: 32853, xor: true },
  },
  {
    name: "un-XORs the RFC 5769 §2.2 IPv4 XOR-MAPPED-ADDRESS",
    bytes: F.RFC5769_RESPONSE_IPV4,
    type: T.XorMappedAddress,
    want: { kind: "address", family: 1, address: "192.0.2.1", port: 32853, xor: true },
  },
  {
    name: "un-XORs an IPv6 XOR-RELAYED-ADDRESS (turn-ipv6.pcap frame 10)",
    bytes: F.TURN6_ALLOCATE_SUCCESS.bytes,
    type: T.XorRelayedAddress,
    want: { kind: "address", family: 2, address: "2001:db8::1", port: 49194, xor: true },
  },
  {
    name: "reads coturn's all-zero XOR-RELAYED-ADDRESS for a failed IPv4 relay (turn-ipv6.pcap frame 54)",
    bytes: F.TURN6_DUAL_ALLOCATE_SUCCESS.bytes,
    type: T.XorRelayedAddress,
    want: { kind: "address", family: 1, address: "0.0.0.0", port: 0, xor: true },
  },
  {
    name: "un-XORs XOR-PEER-ADDRESS (demo.pcap frame 276)",
    bytes: F.DEMO_CHANNEL_BIND_REQUEST.bytes,
    type: T.XorPeerAddress,
    want: { kind: "address", family: 1, address: "127.0.0.1", port: 49160, xor: true },
  },
  {
    name: "reads USERNAME (demo.pcap frame 260)",
    bytes: F.DEMO_ALLOCATE_AUTHENTICATED.bytes,
    type: T.Username,
    want: { kind: "text", text: "netpix" },
  },
  {
    name: "reads a UTF-8 USERNAME (RFC 5769 §2.4)",
    bytes: F.RFC5769_REQUEST_LONG_TERM,
    type: T.Username,
    want: { kind: "text", text: "マトリックス" },
  },
  {
    name: "reads REALM (demo.pcap frame 259)",
    bytes: F.DEMO_ALLOCATE_UNAUTHORIZED.bytes,
    type: T.Realm,
    want: { kind: "text", text: "netpix.local" },
  },
  {
    name: "reads NONCE (demo.pcap frame 259)",
    bytes: F.DEMO_ALLOCATE_UNAUTHORIZED.bytes,
    type: T.Nonce,
    want: { kind: "text", text: "a95cf92d7f094bfc" },
  },
  {
    name: "reads SOFTWARE (turn-ipv6.pcap frame 10)",
    bytes: F.TURN6_ALLOCATE_SUCCESS.bytes,
    type: T.Software,
    want: { kind: "text", text: "Coturn-4.6.1 'Gorst'" },
  },
  {
    name: "keeps SOFTWARE's own spaces but not its padding (RFC 5769 §2.1)",
    bytes: F.RFC5769_REQUEST,
    type: T.Software,
    want: { kind: "text", text: "STUN test client" },
  },
  {
    name: "reads MESSAGE-INTEGRITY as hex (demo.pcap frame 260)",
    bytes: F.DEMO_ALLOCATE_AUTHENTICATED.bytes,
    type: T.MessageIntegrity,
    want: { kind: "integrity", algorithm: "hmac-sha1", hmac: "3890df91a14108134923af4dd0539addd4d93a63" },
  },
  {
    name: "checks FINGERPRINT (demo.pcap frame 120)",
    bytes: F.DEMO_BINDING_SUCCESS.bytes,
    type: T.Fingerprint,
    want: { kind: "fingerprint", value: 0x02746415, expected: 0x02746415, valid: true },
  },
  {
    name: "finds FINGERPRINT invalid when a byte before it changed",
    bytes: withByte(F.DEMO_BINDING_SUCCESS.bytes, 30, 0x7e),
    type: T.Fingerprint,
    want: { kind: "fingerprint", value: 0x02746415, expected: 0x7e5af69a, valid: false },
  },
  {
    name: "reads ERROR-CODE 401 (demo.pcap frame 259)",
    bytes: F.DEMO_ALLOCATE_UNAUTHORIZED.bytes,
    type: T.ErrorCode,
    want: { kind: "error-code", code: 401, errorClass: 4, errorNumber: 1, reason: "Unauthorized" },
  },
  {
    name: "reads ERROR-CODE 443 (turn-ipv6.pcap frame 80)",
    bytes: F.TURN6_REFRESH_FAMILY_MISMATCH.bytes,
    type: T.ErrorCode,
    want: { kind: "error-code", code: 443, errorClass: 4, errorNumber: 43, reason: "Peer Address Family Mismatch (1)" },
  },
  {
    name: "drops the NULs coturn counts into the reason of ERROR-CODE 440 (turn-ipv6.pcap frame 84)",
    bytes: F.TURN6_ALLOCATE_FAMILY_UNSUPPORTED.bytes,
    type: T.ErrorCode,
    want: { kind: "error-code", code: 440, errorClass: 4, errorNumber: 40, reason: "Unsupported address family" },
  },
  {
    name: "masks the ERROR-CODE class to 3 bits (the original read 0xfc01 as 25201)",
    bytes: withByte(F.DEMO_ALLOCATE_UNAUTHORIZED.bytes, 26, 0xfc),
    type: T.ErrorCode,
    want: { kind: "error-code", code: 401, errorClass: 4, errorNumber: 1, reason: "Unauthorized" },
  },
  {
    name: "reads LIFETIME (demo.pcap frame 258)",
    bytes: F.DEMO_ALLOCATE_REQUEST.bytes,
    type: T.Lifetime,
    want: { kind: "number", value: 777 },
  },
  {
    name: "reads LIFETIME 0 of a deallocation (demo.pcap frame 1116)",
    bytes: F.DEMO_REFRESH_DEALLOCATE.bytes,
    type: T.Lifetime,
    want: { kind: "number", value: 0 },
  },
  {
    name: "reads CHANNEL-NUMBER 0x73A1 (demo.pcap frame 276)",
    bytes: F.DEMO_CHANNEL_BIND_REQUEST.bytes,
    type: T.ChannelNumber,
    want: { kind: "channel-number", channel: 0x73a1 },
  },
  {
    name: "reads CHANNEL-NUMBER 0x4000 (ice.pcap frame 20)",
    bytes: F.ICE_CHANNEL_BIND_REQUEST.bytes,
    type: T.ChannelNumber,
    want: { kind: "channel-number", channel: 0x4000 },
  },
  {
    name: "reads REQUESTED-TRANSPORT UDP (demo.pcap frame 258)",
    bytes: F.DEMO_ALLOCATE_REQUEST.bytes,
    type: T.RequestedTransport,
    want: { kind: "requested-transport", protocol: 17, protocolName: "UDP" },
  },
  {
    name: "reads REQUESTED-ADDRESS-FAMILY IPv4 (demo.pcap frame 258)",
    bytes: F.DEMO_ALLOCATE_REQUEST.bytes,
    type: T.RequestedAddressFamily,
    want: { kind: "address-family", family: 1 },
  },
  {
    name: "reads REQUESTED-ADDRESS-FAMILY IPv6 (turn-ipv6.pcap frame 7)",
    bytes: F.TURN6_ALLOCATE_REQUEST.bytes,
    type: T.RequestedAddressFamily,
    want: { kind: "address-family", family: 2 },
  },
  {
    name: "reads a 1-byte EVEN-PORT and skips its padding (demo.pcap frame 264)",
    bytes: F.DEMO_ALLOCATE_EVEN_PORT.bytes,
    type: T.EvenPort,
    want: { kind: "even-port", reserveNext: false },
  },
  {
    name: "reads DONT-FRAGMENT (turn-ipv6.pcap frame 7)",
    bytes: F.TURN6_ALLOCATE_REQUEST.bytes,
    type: T.DontFragment,
    want: { kind: "flag" },
  },
  {
    name: "locates DATA without copying it (demo.pcap frame 1601)",
    bytes: F.DEMO_SEND_INDICATION.bytes,
    type: T.Data,
    want: { kind: "data", dataOffset: 24, dataLength: 120 },
  },
  {
    name: "reads coturn's draft ADDITIONAL-ADDRESS-FAMILY 0x8032 (turn-ipv6.pcap frame 53)",
    bytes: F.TURN6_DUAL_ALLOCATE_REQUEST.bytes,
    type: T.CoturnAdditionalAddressFamily,
    want: { kind: "address-family", family: 2 },
  },
  {
    name: "reads coturn's draft ADDRESS-ERROR-CODE 0x8033 (turn-ipv6.pcap frame 54)",
    bytes: F.TURN6_DUAL_ALLOCATE_SUCCESS.bytes,
    type: T.CoturnAddressErrorCode,
    want: {
      kind: "address-error-code",
      family: 1,
      code: 440,
      errorClass: 4,
      errorNumber: 40,
      reason: "Address Family not Supported",
    },
  },
  {
    name: "reads an empty MOBILITY-TICKET (turn-ipv6.pcap frame 83)",
    bytes: F.TURN6_ALLOCATE_MOBILITY.bytes,
    type: T.MobilityTicket,
    want: { kind: "bytes", hex: "" },
  },
  {
    name: "reads CHANGE-REQUEST (turn-ipv6.pcap frame 3)",
    bytes: F.TURN6_BINDING_CHANGE_REQUEST.bytes,
    type: T.ChangeRequest,
    want: { kind: "change-request", changeIp: true, changePort: true },
  },
  {
    name: "reads RESPONSE-PORT (turn-ipv6.pcap frame 3)",
    bytes: F.TURN6_BINDING_CHANGE_REQUEST.bytes,
    type: T.ResponsePort,
    want: { kind: "port", port: 33465 },
  },
  {
    name: "reads 1500 bytes of PADDING by length only (turn-ipv6.pcap frame 5)",
    bytes: F.TURN6_BINDING_PADDING.bytes,
    type: T.Padding,
    want: { kind: "padding" },
  },
  {
    name: "reads PRIORITY (ice.pcap frame 5)",
    bytes: F.ICE_CHECK_CONTROLLING.bytes,
    type: T.Priority,
    want: { kind: "number", value: 1862270975 },
  },
  {
    name: "reads ICE-CONTROLLING's tie-breaker as 16 hex digits (ice.pcap frame 5)",
    bytes: F.ICE_CHECK_CONTROLLING.bytes,
    type: T.IceControlling,
    want: { kind: "tie-breaker", tieBreaker: "4fd65e54dc31d5c6" },
  },
  {
    name: "reads ICE-CONTROLLED's tie-breaker (RFC 5769 §2.1)",
    bytes: F.RFC5769_REQUEST,
    type: T.IceControlled,
    want: { kind: "tie-breaker", tieBreaker: "932ff9b151263b36" },
  },
  {
    name: "reads USE-CANDIDATE (ice.pcap frame 5)",
    bytes: F.ICE_CHECK_CONTROLLING.bytes,
    type: T.UseCandidate,
    want: { kind: "flag" },
  },
];

for (const c of REAL_CASES) {
  Deno.test(`decodeAttribute() ${c.name}`, () => deepStrictEqual(valueOf(attribute(c.bytes, c.type, c.index)), c.want));
}

Deno.test("decodeAttribute() fills the header fields from the TLV (demo.pcap frame 120)", () => {
  const [xorMapped, , responseOrigin] = decoded(F.DEMO_BINDING_SUCCESS.bytes).attributes;
  deepStrictEqual(
    { ...xorMapped!, kind: undefined },
    {
      type: 0x0020,
      name: "XOR-MAPPED-ADDRESS",
      known: true,
      comprehensionRequired: true,
      offset: 20,
      length: 8,
      kind: undefined,
      family: 1,
      address: "127.0.0.1",
      port: 52210,
      xor: true,
    },
  );
  deepStrictEqual([responseOrigin!.name, responseOrigin!.comprehensionRequired, responseOrigin!.offset], [
    "RESPONSE-ORIGIN",
    false,
    44,
  ]);
});

// ---------------------------------------------------------------------------------------------------------------
// Attributes no local tool sends: built per the RFCs, then checked against tshark's dissection below.

const ALTERNATE_SERVER = hex`0001 0d97 c0000203`; // IPv4 192.0.2.3:3479
const XOR_PEER_IPV6 = hex`0002 2c1a 0113a9fa 0102030405060708 090a0b0d`; // [2001:db8::1]:3336 XORed with cookie ‖ 01…0c
const MAPPED_IPV6 = hex`0002 0d96 20010db8 00000000 00000000 00000002`; // [2001:db8::2]:3478
const SYNTHETIC_1 = buildStun(0x0111, [ // Binding error response
  [T.ErrorCode, concat(hex`00000414`, text("Unknown Attribute"))], // class 4, number 20
  [T.UnknownAttributes, hex`7fff c0ff 0024`], // odd count: padded with 2 zero bytes
  [T.AlternateServer, ALTERNATE_SERVER],
  [T.AlternateDomain, text("turn.example.org")],
  [T.PasswordAlgorithms, hex`0002 0000 0001 0000`], // SHA-256, MD5
  [T.PasswordAlgorithm, hex`0002 0000`],
  [T.Userhash, new Uint8Array(32).fill(0xab)],
  [T.MessageIntegritySha256, new Uint8Array(32).fill(0xcd)],
]);
const SYNTHETIC_2 = buildStun(0x0017, [ // Data indication
  [T.XorPeerAddress, XOR_PEER_IPV6],
  [T.Icmp, hex`0000 0304 000005dc`], // type 3 code 4 (fragmentation needed), MTU 1500
  [T.ReservationToken, hex`0123456789abcdef`],
  [T.MappedAddress, MAPPED_IPV6],
  [T.CacheTimeout, hex`0000003c`], // 60 s
  [T.GoogNetworkInfo, hex`0003 000a`], // network 3, cost 10
  [T.Lifetime, hex`00000258`], // 600
]);
const SYNTHETIC_3 = buildStun(0x0001, [ // Binding request with the rest
  [T.AdditionalAddressFamily, hex`02000000`],
  [T.AddressErrorCode, concat(hex`02000428`, text("no IPv6"))],
  [T.ConnectionId, hex`c0ffee00`],
  [T.TransactionTransmitCounter, hex`0000 0201`],
  [T.GoogMiscInfo, hex`0001 0002 0003`],
  [T.GoogLastIceCheckReceived, hex`0102030405060708090a0b0c`],
  [T.GoogNomination, hex`00000005`],
  [T.GoogMessageIntegrity32, hex`deadbeef`],
  [0x7fff, hex`aa`], // unknown, comprehension-required
  [0xc0ff, hex`bbcc`], // unknown, comprehension-optional
]);

const BUILT_CASES: { name: string; bytes: Uint8Array; type: number; want: Record<string, unknown> }[] = [
  {
    name: "reads ERROR-CODE 420",
    bytes: SYNTHETIC_1,
    type: T.ErrorCode,
    want: { kind: "error-code", code: 420, errorClass: 4, errorNumber: 20, reason: "Unknown Attribute" },
  },
  {
    name: "reads UNKNOWN-ATTRIBUTES with an odd count",
    bytes: SYNTHETIC_1,
    type: T.UnknownAttributes,
    want: { kind: "unknown-attributes", types: [0x7fff, 0xc0ff, 0x0024] },
  },
  {
    name: "reads ALTERNATE-SERVER",
    bytes: SYNTHETIC_1,
    type: T.AlternateServer,
    want: { kind: "address", family: 1, address: "192.0.2.3", port: 3479, xor: false },
  },
  {
    name: "reads ALTERNATE-DOMAIN",
    bytes: SYNTHETIC_1,
    type: T.AlternateDomain,
    want: { kind: "text", text: "turn.example.org" },
  },
  {
    name: "reads PASSWORD-ALGORITHMS",
    bytes: SYNTHETIC_1,
    type: T.PasswordAlgorithms,
    want: {
      kind: "password-algorithms",
      algorithms: [{ algorithm: 2, name: "SHA-256", parameters: "" }, { algorithm: 1, name: "MD5", parameters: "" }],
    },
  },
  {
    name: "reads PASSWORD-ALGORITHM",
    bytes: SYNTHETIC_1,
    type: T.PasswordAlgorithm,
    want: { kind: "password-algorithms", algorithms: [{ algorithm: 2, name: "SHA-256", parameters: "" }] },
  },
  { name: "reads USERHASH", bytes: SYNTHETIC_1, type: T.Userhash, want: { kind: "bytes", hex: "ab".repeat(32) } },
  {
    name: "reads MESSAGE-INTEGRITY-SHA256",
    bytes: SYNTHETIC_1,
    type: T.MessageIntegritySha256,
    want: { kind: "integrity", algorithm: "hmac-sha256", hmac: "cd".repeat(32) },
  },
  {
    name: "un-XORs an IPv6 XOR-PEER-ADDRESS",
    bytes: SYNTHETIC_2,
    type: T.XorPeerAddress,
    want: { kind: "address", family: 2, address: "2001:db8::1", port: 3336, xor: true },
  },
  {
    name: "reads ICMP",
    bytes: SYNTHETIC_2,
    type: T.Icmp,
    want: { kind: "icmp", icmpType: 3, icmpCode: 4, errorData: 1500 },
  },
  {
    name: "reads RESERVATION-TOKEN",
    bytes: SYNTHETIC_2,
    type: T.ReservationToken,
    want: { kind: "bytes", hex: "0123456789abcdef" },
  },
  {
    name: "reads an IPv6 MAPPED-ADDRESS",
    bytes: SYNTHETIC_2,
    type: T.MappedAddress,
    want: { kind: "address", family: 2, address: "2001:db8::2", port: 3478, xor: false },
  },
  { name: "reads CACHE-TIMEOUT", bytes: SYNTHETIC_2, type: T.CacheTimeout, want: { kind: "number", value: 60 } },
  {
    name: "reads GOOG-NETWORK-INFO",
    bytes: SYNTHETIC_2,
    type: T.GoogNetworkInfo,
    want: { kind: "network-info", networkId: 3, networkCost: 10 },
  },
  {
    name: "reads ADDITIONAL-ADDRESS-FAMILY",
    bytes: SYNTHETIC_3,
    type: T.AdditionalAddressFamily,
    want: { kind: "address-family", family: 2 },
  },
  {
    name: "reads ADDRESS-ERROR-CODE",
    bytes: SYNTHETIC_3,
    type: T.AddressErrorCode,
    want: { kind: "address-error-code", family: 2, code: 440, errorClass: 4, errorNumber: 40, reason: "no IPv6" },
  },
  {
    name: "reads CONNECTION-ID",
    bytes: SYNTHETIC_3,
    type: T.ConnectionId,
    want: { kind: "number", value: 0xc0ffee00 },
  },
  {
    name: "reads TRANSACTION-TRANSMIT-COUNTER",
    bytes: SYNTHETIC_3,
    type: T.TransactionTransmitCounter,
    want: { kind: "transmit-counter", requests: 2, responses: 1 },
  },
  {
    name: "reads GOOG-MISC-INFO",
    bytes: SYNTHETIC_3,
    type: T.GoogMiscInfo,
    want: { kind: "number-list", values: [1, 2, 3] },
  },
  {
    name: "keeps GOOG-LAST-ICE-CHECK-RECEIVED as hex",
    bytes: SYNTHETIC_3,
    type: T.GoogLastIceCheckReceived,
    want: { kind: "bytes", hex: "0102030405060708090a0b0c" },
  },
  { name: "reads GOOG-NOMINATION", bytes: SYNTHETIC_3, type: T.GoogNomination, want: { kind: "number", value: 5 } },
  {
    name: "reads GOOG-MESSAGE-INTEGRITY-32",
    bytes: SYNTHETIC_3,
    type: T.GoogMessageIntegrity32,
    want: { kind: "integrity", algorithm: "hmac-sha1-32", hmac: "deadbeef" },
  },
  {
    name: "keeps an unknown attribute's bytes",
    bytes: SYNTHETIC_3,
    type: 0xc0ff,
    want: { kind: "bytes", hex: "bbcc" },
  },
];

for (const c of BUILT_CASES) {
  Deno.test(`decodeAttribute() ${c.name}`, () => deepStrictEqual(valueOf(attribute(c.bytes, c.type)), c.want));
}

Deno.test("decodeAttribute() marks unknown types and their comprehension range", () => {
  const m = decoded(SYNTHETIC_3);
  const unknown = m.attributes.filter((a) => !a.known).map((a) => [a.name, a.comprehensionRequired, a.length]);
  deepStrictEqual(unknown, [["0x7fff", true, 1], ["0xc0ff", false, 2]]);
});

Deno.test({
  name: "decodeAttribute() agrees with tshark on the attributes built per the RFCs",
  ignore: !hasTshark,
  fn: async () => {
    const path = await Deno.makeTempFile({ suffix: ".pcap" });
    try {
      await Deno.writeFile(path, syntheticPcap([SYNTHETIC_1, SYNTHETIC_2, SYNTHETIC_3]));
      const fields = [
        "stun.att.type",
        "stun.att.crc32.status",
        "stun.att.error.class",
        "stun.att.error",
        "stun.att.error.reason",
        "stun.att.unknown",
        "stun.att.ipv4",
        "stun.att.ipv6",
        "stun.att.port",
        "stun.att.pw_alg",
        "stun.att.icmp.type",
        "stun.att.icmp.code",
        "stun.att.token",
        "stun.att.cache-timeout",
        "stun.att.google.network_id",
        "stun.att.google.network_cost",
        "stun.att.lifetime",
        "stun.att.hmac",
        "stun.value",
      ] as const;
      const [r1, r2, r3] = await tsharkFields(path, "stun", fields);
      ok(r1 !== undefined && r2 !== undefined && r3 !== undefined);
      const types = (bytes: Uint8Array) =>
        decoded(bytes).attributes.map((a) => `0x${a.type.toString(16).padStart(4, "0")}`);
      // Every message: tshark sees the same attribute list and a good FINGERPRINT.
      deepStrictEqual(r1["stun.att.type"], types(SYNTHETIC_1));
      deepStrictEqual(r2["stun.att.type"], types(SYNTHETIC_2));
      // tshark lists no type for attributes it does not know, only their value.
      deepStrictEqual(r3["stun.att.type"], types(SYNTHETIC_3).filter((t) => t !== "0x7fff" && t !== "0xc0ff"));
      deepStrictEqual(r3["stun.value"]?.slice(-2), ["aa", "bbcc"]);
      deepStrictEqual([r1, r2, r3].map((r) => r["stun.att.crc32.status"]), [["1"], ["1"], ["1"]]);
      // Message 1.
      deepStrictEqual([r1["stun.att.error.class"], r1["stun.att.error"], r1["stun.att.error.reason"]], [["4"], ["20"], [
        "Unknown Attribute",
      ]]);
      deepStrictEqual(r1["stun.att.unknown"], ["0x7fff", "0xc0ff", "0x0024"]);
      deepStrictEqual([r1["stun.att.ipv4"], r1["stun.att.port"]], [["192.0.2.3"], ["3479"]]);
      deepStrictEqual(r1["stun.att.pw_alg"], ["2", "1", "2"]);
      // Message 2.
      deepStrictEqual([r2["stun.att.ipv6"], r2["stun.att.port"]], [["2001:db8::1", "2001:db8::2"], ["3336", "3478"]]);
      // tshark 4.0 reads ICMP type and code from the first two (Reserved) bytes. RFC 8656 §18.13 puts 16 reserved bits
      // first; its figure even draws 7 bits of type and 9 of code. decodeAttribute() reads bytes 2 and 3.
      deepStrictEqual([r2["stun.att.icmp.type"], r2["stun.att.icmp.code"]], [["0"], ["0"]]);
      deepStrictEqual(r2["stun.att.token"], ["0123456789abcdef"]);
      deepStrictEqual(r2["stun.att.cache-timeout"], ["60"]);
      deepStrictEqual([r2["stun.att.google.network_id"], r2["stun.att.google.network_cost"]], [["3"], ["10"]]);
      deepStrictEqual(r2["stun.att.lifetime"], ["600"]);
    } finally {
      await Deno.remove(path);
    }
  },
});

// ---------------------------------------------------------------------------------------------------------------
// Values that do not fit their type: the attribute says why, the message still decodes.

const INVALID_CASES: { name: string; attribute: [number, Uint8Array]; reason: string }[] = [
  { name: "a 3-byte LIFETIME", attribute: [T.Lifetime, hex`000003`], reason: "LIFETIME needs 4 bytes, has 3" },
  {
    name: "an address with family 7",
    attribute: [T.MappedAddress, hex`0007 0d96 c0000201`],
    reason: "MAPPED-ADDRESS has unknown address family 7",
  },
  {
    name: "an IPv4 XOR-MAPPED-ADDRESS 20 bytes long",
    attribute: [T.XorMappedAddress, concat(hex`0001 0d96`, new Uint8Array(16))],
    reason: "XOR-MAPPED-ADDRESS needs 8 bytes for IPv4, has 20",
  },
  {
    name: "a 2-byte address",
    attribute: [T.XorPeerAddress, hex`0001`],
    reason: "XOR-PEER-ADDRESS needs at least 8 bytes, has 2",
  },
  {
    name: "a USE-CANDIDATE with a value",
    attribute: [T.UseCandidate, hex`00000000`],
    reason: "USE-CANDIDATE needs 0 bytes, has 4",
  },
  {
    name: "UNKNOWN-ATTRIBUTES of odd length",
    attribute: [T.UnknownAttributes, hex`7fff 00`],
    reason: "UNKNOWN-ATTRIBUTES needs an even length, has 3",
  },
  {
    name: "a 3-byte ERROR-CODE",
    attribute: [T.ErrorCode, hex`000004`],
    reason: "ERROR-CODE needs at least 4 bytes, has 3",
  },
  {
    name: "a 19-byte MESSAGE-INTEGRITY",
    attribute: [T.MessageIntegrity, new Uint8Array(19)],
    reason: "MESSAGE-INTEGRITY needs 20 bytes, has 19",
  },
  {
    name: "a 12-byte MESSAGE-INTEGRITY-SHA256",
    attribute: [T.MessageIntegritySha256, new Uint8Array(12)],
    reason: "MESSAGE-INTEGRITY-SHA256 needs 16 to 32 bytes in steps of 4, has 12",
  },
  {
    name: "a 2-byte FINGERPRINT",
    attribute: [T.Fingerprint, hex`0000`],
    reason: "FINGERPRINT needs 4 bytes, has 2",
  },
  {
    name: "a PASSWORD-ALGORITHMS entry whose parameters run past the attribute",
    attribute: [T.PasswordAlgorithms, hex`0001 0008 0000`],
    reason: "PASSWORD-ALGORITHMS entry at byte 24 says 8 parameter bytes, 2 remain",
  },
  {
    name: "a PASSWORD-ALGORITHM with two entries",
    attribute: [T.PasswordAlgorithm, hex`0001 0000 0002 0000`],
    reason: "PASSWORD-ALGORITHM holds 2 entries, not 1",
  },
  {
    name: "a 7-byte ICE-CONTROLLING",
    attribute: [T.IceControlling, new Uint8Array(7)],
    reason: "ICE-CONTROLLING needs 8 bytes, has 7",
  },
  { name: "a 2-byte EVEN-PORT", attribute: [T.EvenPort, hex`8000`], reason: "EVEN-PORT needs 1 bytes, has 2" },
  {
    name: "a 31-byte USERHASH",
    attribute: [T.Userhash, new Uint8Array(31)],
    reason: "USERHASH needs 32 bytes, has 31",
  },
];

for (const c of INVALID_CASES) {
  Deno.test(`decodeAttribute() reports ${c.name} as invalid`, () => {
    const m = decoded(buildStun(0x0001, [c.attribute]));
    strictEqual(m.fingerprint, c.attribute[0] === T.Fingerprint ? "invalid" : "valid");
    deepStrictEqual(valueOf(m.attributes[0]!), { kind: "invalid", reason: c.reason });
  });
}

Deno.test("decodeAttribute() replaces invalid UTF-8 in text with U+FFFD", () => {
  const a = attribute(buildStun(0x0001, [[T.Software, hex`61 ff 62`]]), T.Software);
  deepStrictEqual(valueOf(a), { kind: "text", text: "a\ufffdb" });
});

// ---------------------------------------------------------------------------------------------------------------
// Names.

const NAME_CASES: [number, string][] = [
  [0x0001, "MAPPED-ADDRESS"],
  [0x0006, "USERNAME"],
  [0x0008, "MESSAGE-INTEGRITY"],
  [0x0009, "ERROR-CODE"],
  [0x000a, "UNKNOWN-ATTRIBUTES"],
  [0x000c, "CHANNEL-NUMBER"],
  [0x000d, "LIFETIME"],
  [0x0012, "XOR-PEER-ADDRESS"],
  [0x0013, "DATA"],
  [0x0014, "REALM"],
  [0x0015, "NONCE"],
  [0x0016, "XOR-RELAYED-ADDRESS"],
  [0x0017, "REQUESTED-ADDRESS-FAMILY"],
  [0x0018, "EVEN-PORT"],
  [0x0019, "REQUESTED-TRANSPORT"],
  [0x001a, "DONT-FRAGMENT"],
  [0x001c, "MESSAGE-INTEGRITY-SHA256"],
  [0x001d, "PASSWORD-ALGORITHM"],
  [0x001e, "USERHASH"],
  [0x0020, "XOR-MAPPED-ADDRESS"],
  [0x0022, "RESERVATION-TOKEN"],
  [0x0024, "PRIORITY"],
  [0x0025, "USE-CANDIDATE"],
  [0x0026, "PADDING"],
  [0x0027, "RESPONSE-PORT"],
  [0x002a, "CONNECTION-ID"],
  [0x8000, "ADDITIONAL-ADDRESS-FAMILY"],
  [0x8001, "ADDRESS-ERROR-CODE"],
  [0x8002, "PASSWORD-ALGORITHMS"],
  [0x8003, "ALTERNATE-DOMAIN"],
  [0x8004, "ICMP"],
  [0x8022, "SOFTWARE"],
  [0x8023, "ALTERNATE-SERVER"],
  [0x8027, "CACHE-TIMEOUT"],
  [0x8028, "FINGERPRINT"],
  [0x8029, "ICE-CONTROLLED"],
  [0x802a, "ICE-CONTROLLING"],
  [0x802b, "RESPONSE-ORIGIN"],
  [0x802c, "OTHER-ADDRESS"],
  [0xc057, "GOOG-NETWORK-INFO"],
  [0xc058, "GOOG-LAST-ICE-CHECK-RECEIVED"],
  [0xc059, "GOOG-MISC-INFO"],
  [0xc0ff, "0xc0ff"],
  [0x0000, "0x0000"],
];
for (const [type, name] of NAME_CASES) {
  Deno.test(`stunAttributeName() names 0x${type.toString(16).padStart(4, "0")} ${name}`, () => {
    strictEqual(stunAttributeName(type), name);
  });
}

Deno.test("stunAttributeName() has a name for every StunAttributeType constant", () => {
  for (const [key, type] of Object.entries(T)) ok(!stunAttributeName(type).startsWith("0x"), key);
});

Deno.test("isComprehensionRequired() splits the type space at 0x8000", () => {
  deepStrictEqual([0x0000, 0x7fff, 0x8000, 0xffff].map(isComprehensionRequired), [true, true, false, false]);
});
