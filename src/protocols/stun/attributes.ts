/**
 * STUN attributes (RFC 8489 §14), with those of TURN (RFC 8656 §18, RFC 6062 §6.2), ICE (RFC 8445 §16.1), NAT
 * behaviour discovery (RFC 5780 §7), the classic STUN of RFC 3489 §11.2, and the Google/WebRTC ones seen in browser
 * captures.
 *
 * Every attribute is a type-length-value, padded to a multiple of 4 bytes (RFC 8489 §14):
 *
 * ```text
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Type                  |            Length             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         Value (variable)                ....
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ```
 *
 * {@linkcode decodeAttribute} turns one TLV into a {@linkcode StunAttribute}: the common fields (type, name, where it
 * is, whether it is comprehension-required) plus a value whose `kind` says how it was read. A value that does not fit
 * its type (a 3-byte LIFETIME, an address family 7) becomes `kind: "invalid"` with a reason; the message around it is
 * still decoded. Types this module does not know keep their bytes as hex (`kind: "bytes"`, `known: false`).
 *
 * @example Read an attribute of a decoded message
 * ```ts
 * import { decodeStun, StunAttributeType, getAttribute } from "./mod.ts";
 * import { strictEqual } from "node:assert/strict";
 * // Binding success response with XOR-MAPPED-ADDRESS 192.0.2.1:32853 (RFC 5769 §2.2, attributes shortened).
 * const bytes = new Uint8Array([
 *   0x01, 0x01, 0x00, 0x0c, 0x21, 0x12, 0xa4, 0x42, 0xb7, 0xe7, 0xa7, 0x01, 0xbc, 0x34, 0xd6, 0x86, 0xfa, 0x87, 0xdf, 0xae,
 *   0x00, 0x20, 0x00, 0x08, 0x00, 0x01, 0xa1, 0x47, 0xe1, 0x12, 0xa6, 0x43,
 * ]);
 * const message = decodeStun(bytes);
 * const mapped = "attributes" in message ? getAttribute(message, StunAttributeType.XorMappedAddress) : undefined;
 * strictEqual(mapped?.kind === "address" && `${mapped.address}:${mapped.port}`, "192.0.2.1:32853");
 * ```
 *
 * @module
 */
// This module is browser compatible.

import { be16, be32 } from "../_bytes.ts";
import { formatAddress } from "../ip/address.ts";
import { crc32 } from "./_crc32.ts";
import { toHex } from "./_hex.ts";

/** Attribute types, with the RFC that defines each (IANA "STUN Attributes" registry). */
export const StunAttributeType = {
  // RFC 8489 §18.3.1 comprehension-required range 0x0000–0x7FFF
  MappedAddress: 0x0001, // RFC 8489 §14.1
  ResponseAddress: 0x0002, // RFC 3489 §11.2.2 (reserved since RFC 5389)
  ChangeRequest: 0x0003, // RFC 5780 §7.2 (RFC 3489 §11.2.4)
  SourceAddress: 0x0004, // RFC 3489 §11.2.5 (reserved since RFC 5389)
  ChangedAddress: 0x0005, // RFC 3489 §11.2.3 (reserved since RFC 5389)
  Username: 0x0006, // RFC 8489 §14.3
  Password: 0x0007, // RFC 3489 §11.2.7 (reserved since RFC 5389)
  MessageIntegrity: 0x0008, // RFC 8489 §14.5
  ErrorCode: 0x0009, // RFC 8489 §14.8
  UnknownAttributes: 0x000a, // RFC 8489 §14.9
  ReflectedFrom: 0x000b, // RFC 3489 §11.2.11 (reserved since RFC 5389)
  ChannelNumber: 0x000c, // RFC 8656 §18.1
  Lifetime: 0x000d, // RFC 8656 §18.2
  Bandwidth: 0x0010, // draft-ietf-behave-turn (reserved by RFC 5766)
  XorPeerAddress: 0x0012, // RFC 8656 §18.3
  Data: 0x0013, // RFC 8656 §18.4
  Realm: 0x0014, // RFC 8489 §14.9
  Nonce: 0x0015, // RFC 8489 §14.10
  XorRelayedAddress: 0x0016, // RFC 8656 §18.5
  RequestedAddressFamily: 0x0017, // RFC 8656 §18.6
  EvenPort: 0x0018, // RFC 8656 §18.7
  RequestedTransport: 0x0019, // RFC 8656 §18.8
  DontFragment: 0x001a, // RFC 8656 §18.9
  AccessToken: 0x001b, // RFC 7635 §6.2
  MessageIntegritySha256: 0x001c, // RFC 8489 §14.6
  PasswordAlgorithm: 0x001d, // RFC 8489 §14.12
  Userhash: 0x001e, // RFC 8489 §14.4
  XorMappedAddress: 0x0020, // RFC 8489 §14.2
  ReservationToken: 0x0022, // RFC 8656 §18.10
  Priority: 0x0024, // RFC 8445 §16.1
  UseCandidate: 0x0025, // RFC 8445 §16.1
  Padding: 0x0026, // RFC 5780 §7.6
  ResponsePort: 0x0027, // RFC 5780 §7.5
  ConnectionId: 0x002a, // RFC 6062 §6.2.1
  // comprehension-optional range 0x8000–0xFFFF
  AdditionalAddressFamily: 0x8000, // RFC 8656 §18.11
  AddressErrorCode: 0x8001, // RFC 8656 §18.12
  PasswordAlgorithms: 0x8002, // RFC 8489 §14.11
  AlternateDomain: 0x8003, // RFC 8489 §14.16
  Icmp: 0x8004, // RFC 8656 §18.13
  XorMappedAddressDraft: 0x8020, // draft-ietf-behave-rfc3489bis-02, still sent by some old clients
  Software: 0x8022, // RFC 8489 §14.14
  AlternateServer: 0x8023, // RFC 8489 §14.15
  TransactionTransmitCounter: 0x8025, // RFC 7982 §3
  CacheTimeout: 0x8027, // RFC 5780 §7.7
  Fingerprint: 0x8028, // RFC 8489 §14.7
  IceControlled: 0x8029, // RFC 8445 §16.1
  IceControlling: 0x802a, // RFC 8445 §16.1
  ResponseOrigin: 0x802b, // RFC 5780 §7.3
  OtherAddress: 0x802c, // RFC 5780 §7.4
  EcnCheck: 0x802d, // RFC 6679 §7.2.2
  ThirdPartyAuthorization: 0x802e, // RFC 7635 §6.1
  Origin: 0x802f, // draft-ietf-tram-stun-origin (IANA 0x802F)
  MobilityTicket: 0x8030, // RFC 8016 §3.1
  /** coturn 4.6 sends ADDITIONAL-ADDRESS-FAMILY with this pre-RFC 8656 draft code point (real capture: turn-ipv6.pcap). */
  CoturnAdditionalAddressFamily: 0x8032,
  /** coturn 4.6 sends ADDRESS-ERROR-CODE with this pre-RFC 8656 draft code point (real capture: turn-ipv6.pcap). */
  CoturnAddressErrorCode: 0x8033,
  // WebRTC (api/transport/stun.h), not registered with IANA except NOMINATION's number
  GoogNomination: 0xc001, // WebRTC renomination; IANA has 0xC001 as ENF-FLOW-DESCRIPTION
  GoogNetworkInfo: 0xc057,
  GoogLastIceCheckReceived: 0xc058,
  GoogMiscInfo: 0xc059,
  GoogObsolete1: 0xc05a,
  GoogConnectionId: 0xc05b,
  GoogDelta: 0xc05c,
  GoogDeltaAck: 0xc05d,
  GoogDeltaSyncReq: 0xc05e,
  GoogMessageIntegrity32: 0xc060,
  MetaDtlsInStun: 0xc070,
  MetaDtlsInStunAck: 0xc071,
  GoogRetransmitCount: 0xff00,
} as const;

/** One of the {@linkcode StunAttributeType} numbers. */
export type KnownStunAttributeType = (typeof StunAttributeType)[keyof typeof StunAttributeType];

const NAMES: ReadonlyMap<number, string> = new Map<number, string>([
  [0x0001, "MAPPED-ADDRESS"],
  [0x0002, "RESPONSE-ADDRESS"],
  [0x0003, "CHANGE-REQUEST"],
  [0x0004, "SOURCE-ADDRESS"],
  [0x0005, "CHANGED-ADDRESS"],
  [0x0006, "USERNAME"],
  [0x0007, "PASSWORD"],
  [0x0008, "MESSAGE-INTEGRITY"],
  [0x0009, "ERROR-CODE"],
  [0x000a, "UNKNOWN-ATTRIBUTES"],
  [0x000b, "REFLECTED-FROM"],
  [0x000c, "CHANNEL-NUMBER"],
  [0x000d, "LIFETIME"],
  [0x0010, "BANDWIDTH"],
  [0x0012, "XOR-PEER-ADDRESS"],
  [0x0013, "DATA"],
  [0x0014, "REALM"],
  [0x0015, "NONCE"],
  [0x0016, "XOR-RELAYED-ADDRESS"],
  [0x0017, "REQUESTED-ADDRESS-FAMILY"],
  [0x0018, "EVEN-PORT"],
  [0x0019, "REQUESTED-TRANSPORT"],
  [0x001a, "DONT-FRAGMENT"],
  [0x001b, "ACCESS-TOKEN"],
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
  [0x8020, "XOR-MAPPED-ADDRESS (draft)"],
  [0x8022, "SOFTWARE"],
  [0x8023, "ALTERNATE-SERVER"],
  [0x8025, "TRANSACTION-TRANSMIT-COUNTER"],
  [0x8027, "CACHE-TIMEOUT"],
  [0x8028, "FINGERPRINT"],
  [0x8029, "ICE-CONTROLLED"],
  [0x802a, "ICE-CONTROLLING"],
  [0x802b, "RESPONSE-ORIGIN"],
  [0x802c, "OTHER-ADDRESS"],
  [0x802d, "ECN-CHECK"],
  [0x802e, "THIRD-PARTY-AUTHORIZATION"],
  [0x802f, "ORIGIN"],
  [0x8030, "MOBILITY-TICKET"],
  [0x8032, "ADDITIONAL-ADDRESS-FAMILY (coturn draft)"],
  [0x8033, "ADDRESS-ERROR-CODE (coturn draft)"],
  [0xc001, "GOOG-NOMINATION"],
  [0xc057, "GOOG-NETWORK-INFO"],
  [0xc058, "GOOG-LAST-ICE-CHECK-RECEIVED"],
  [0xc059, "GOOG-MISC-INFO"],
  [0xc05a, "GOOG-OBSOLETE-1"],
  [0xc05b, "GOOG-CONNECTION-ID"],
  [0xc05c, "GOOG-DELTA"],
  [0xc05d, "GOOG-DELTA-ACK"],
  [0xc05e, "GOOG-DELTA-SYNC-REQ"],
  [0xc060, "GOOG-MESSAGE-INTEGRITY-32"],
  [0xc070, "META-DTLS-IN-STUN"],
  [0xc071, "META-DTLS-IN-STUN-ACK"],
  [0xff00, "GOOG-RETRANSMIT-COUNT"],
]);

/**
 * The registry name of an attribute type, or `0x` and four hex digits for a type this module does not know.
 * @param type Attribute type (16 bits).
 * @returns E.g. `"XOR-MAPPED-ADDRESS"`, `"0xc0ff"`.
 * @example Known and unknown types
 * ```ts
 * import { stunAttributeName } from "./attributes.ts";
 * import { strictEqual } from "node:assert/strict";
 * strictEqual(stunAttributeName(0x8028), "FINGERPRINT");
 * strictEqual(stunAttributeName(0xc0ff), "0xc0ff");
 * ```
 */
export function stunAttributeName(type: number): string {
  return NAMES.get(type) ?? `0x${type.toString(16).padStart(4, "0")}`;
}

/**
 * True for the comprehension-required range 0x0000–0x7FFF (RFC 8489 §14): an agent that does not understand such an
 * attribute must reject the message (error 420 with UNKNOWN-ATTRIBUTES).
 * @param type Attribute type.
 * @returns Whether the type is below 0x8000.
 * @example
 * ```ts
 * import { isComprehensionRequired } from "./attributes.ts";
 * import { strictEqual } from "node:assert/strict";
 * strictEqual(isComprehensionRequired(0x0024), true);  // PRIORITY
 * strictEqual(isComprehensionRequired(0x8029), false); // ICE-CONTROLLED
 * ```
 */
export function isComprehensionRequired(type: number): boolean {
  return type < 0x8000;
}

/** Fields every decoded attribute has. */
export interface StunAttributeHeader {
  /** The attribute type (16 bits). */
  readonly type: number;
  /** Its name ({@linkcode stunAttributeName}). */
  readonly name: string;
  /** Whether this module knows the type. */
  readonly known: boolean;
  /** Type < 0x8000 (RFC 8489 §14). */
  readonly comprehensionRequired: boolean;
  /** Index, in the bytes given to the decoder, of the attribute's Type field. The value starts 4 bytes later. */
  readonly offset: number;
  /** The Length field: bytes of value, padding excluded. */
  readonly length: number;
}

/** A transport address (MAPPED-ADDRESS family, RFC 8489 §14.1; XOR-… attributes, §14.2). */
export interface StunAddressValue {
  /** Tells the value shapes apart. */
  readonly kind: "address";
  /** 0x01 IPv4 or 0x02 IPv6. */
  readonly family: 1 | 2;
  /** The address as text, un-XORed (dotted quad, or RFC 5952 IPv6). */
  readonly address: string;
  /** The port, un-XORed. */
  readonly port: number;
  /** True for XOR-MAPPED/-PEER/-RELAYED-ADDRESS: the value on the wire was XORed with the cookie (and transaction ID). */
  readonly xor: boolean;
}

/** UTF-8 text (USERNAME, REALM, NONCE, SOFTWARE, ALTERNATE-DOMAIN…); invalid bytes become U+FFFD, trailing NULs go. */
export interface StunTextValue {
  /** Tells the value shapes apart. */
  readonly kind: "text";
  /** The text. */
  readonly text: string;
}

/** ERROR-CODE (RFC 8489 §14.8). */
export interface StunErrorCodeValue {
  /** Tells the value shapes apart. */
  readonly kind: "error-code";
  /** Class × 100 + number, e.g. 401. */
  readonly code: number;
  /** The 3-bit class (3–6 in valid messages); the 21 reserved bits before it are masked off. */
  readonly errorClass: number;
  /** The number (0–99 in valid messages). */
  readonly errorNumber: number;
  /** The reason phrase. */
  readonly reason: string;
}

/** ADDRESS-ERROR-CODE (RFC 8656 §18.12): an ERROR-CODE for one address family of a dual allocation. */
export interface StunAddressErrorCodeValue {
  /** Tells the value shapes apart. */
  readonly kind: "address-error-code";
  /** 0x01 IPv4, 0x02 IPv6. */
  readonly family: number;
  /** Class × 100 + number, e.g. 440. */
  readonly code: number;
  /** The 3-bit class. */
  readonly errorClass: number;
  /** The number (0–99). */
  readonly errorNumber: number;
  /** The reason phrase. */
  readonly reason: string;
}

/** UNKNOWN-ATTRIBUTES (RFC 8489 §14.13): the types the server did not understand. */
export interface StunUnknownAttributesValue {
  /** Tells the value shapes apart. */
  readonly kind: "unknown-attributes";
  /** Attribute types, in the order given. */
  readonly types: readonly number[];
}

/** MESSAGE-INTEGRITY (HMAC-SHA1, 20 bytes), MESSAGE-INTEGRITY-SHA256 (16–32 bytes), GOOG-MESSAGE-INTEGRITY-32 (4). */
export interface StunIntegrityValue {
  /** Tells the value shapes apart. */
  readonly kind: "integrity";
  /** Which HMAC: SHA-1 (RFC 8489 §14.5), SHA-256 (§14.6), or WebRTC's SHA-1 cut to 32 bits. */
  readonly algorithm: "hmac-sha1" | "hmac-sha256" | "hmac-sha1-32";
  /** The HMAC, hex. Checking it needs the key: see {@linkcode integrityInput} in message.ts. */
  readonly hmac: string;
}

/** FINGERPRINT (RFC 8489 §14.7), checked against the bytes before it. */
export interface StunFingerprintValue {
  /** Tells the value shapes apart. */
  readonly kind: "fingerprint";
  /** The value on the wire. */
  readonly value: number;
  /** CRC-32 of the message up to the attribute, XOR 0x5354554e. */
  readonly expected: number;
  /** `value === expected`. */
  readonly valid: boolean;
}

/** An unsigned number: LIFETIME (seconds), PRIORITY, CONNECTION-ID, CACHE-TIMEOUT, GOOG-NOMINATION… */
export interface StunNumberValue {
  /** Tells the value shapes apart. */
  readonly kind: "number";
  /** The value. */
  readonly value: number;
}

/** CHANNEL-NUMBER (RFC 8656 §18.1): the channel, then 16 RFFU bits. */
export interface StunChannelNumberValue {
  /** Tells the value shapes apart. */
  readonly kind: "channel-number";
  /** The channel number (0x4000–0x4FFF valid, RFC 8656 §12). */
  readonly channel: number;
}

/** ICE-CONTROLLED / ICE-CONTROLLING (RFC 8445 §16.1): a 64-bit tie-breaker. */
export interface StunTieBreakerValue {
  /** Tells the value shapes apart. */
  readonly kind: "tie-breaker";
  /** 16 hex digits. Hex rather than bigint, so that values survive JSON; `BigInt("0x" + tieBreaker)` compares them. */
  readonly tieBreaker: string;
}

/** An attribute whose presence is the whole message: USE-CANDIDATE, DONT-FRAGMENT. */
export interface StunFlagValue {
  /** Tells the value shapes apart. */
  readonly kind: "flag";
}

/** EVEN-PORT (RFC 8656 §18.7). */
export interface StunEvenPortValue {
  /** Tells the value shapes apart. */
  readonly kind: "even-port";
  /** R bit: also reserve the next port. */
  readonly reserveNext: boolean;
}

/** REQUESTED-TRANSPORT (RFC 8656 §18.8): an IP protocol number, 17 for UDP. */
export interface StunRequestedTransportValue {
  /** Tells the value shapes apart. */
  readonly kind: "requested-transport";
  /** IP protocol number (17 UDP, 6 TCP for RFC 6062). */
  readonly protocol: number;
  /** "UDP", "TCP", or the number as text. */
  readonly protocolName: string;
}

/** REQUESTED-ADDRESS-FAMILY / ADDITIONAL-ADDRESS-FAMILY (RFC 8656 §18.6, §18.11). */
export interface StunAddressFamilyValue {
  /** Tells the value shapes apart. */
  readonly kind: "address-family";
  /** 0x01 IPv4, 0x02 IPv6. */
  readonly family: number;
}

/** DATA (RFC 8656 §18.4): where the relayed application data is, without copying it. */
export interface StunDataValue {
  /** Tells the value shapes apart. */
  readonly kind: "data";
  /** Index of the first data byte in the bytes given to the decoder. */
  readonly dataOffset: number;
  /** Bytes of data. */
  readonly dataLength: number;
}

/** CHANGE-REQUEST (RFC 5780 §7.2). */
export interface StunChangeRequestValue {
  /** Tells the value shapes apart. */
  readonly kind: "change-request";
  /** A: answer from the other IP address. */
  readonly changeIp: boolean;
  /** B: answer from the other port. */
  readonly changePort: boolean;
}

/** RESPONSE-PORT (RFC 5780 §7.5). */
export interface StunPortValue {
  /** Tells the value shapes apart. */
  readonly kind: "port";
  /** The port the response should go to. */
  readonly port: number;
}

/** PASSWORD-ALGORITHM (one entry) and PASSWORD-ALGORITHMS (a list), RFC 8489 §14.11–14.12. */
export interface StunPasswordAlgorithmsValue {
  /** Tells the value shapes apart. */
  readonly kind: "password-algorithms";
  /** The entries, in order of preference. */
  readonly algorithms: readonly StunPasswordAlgorithm[];
}

/** One entry of PASSWORD-ALGORITHM(S). */
export interface StunPasswordAlgorithm {
  /** 0x0001 MD5, 0x0002 SHA-256 (RFC 8489 §18.5). */
  readonly algorithm: number;
  /** "MD5", "SHA-256", or `0x…`. */
  readonly name: string;
  /** The parameters, hex (empty for both defined algorithms). */
  readonly parameters: string;
}

/** ICMP (RFC 8656 §18.13): the ICMP error a relay received from a peer. */
export interface StunIcmpValue {
  /** Tells the value shapes apart. */
  readonly kind: "icmp";
  /** ICMP (or ICMPv6) type. */
  readonly icmpType: number;
  /** ICMP (or ICMPv6) code. */
  readonly icmpCode: number;
  /** The 32-bit Error Data (e.g. the MTU of a "fragmentation needed"). */
  readonly errorData: number;
}

/** TRANSACTION-TRANSMIT-COUNTER (RFC 7982 §3). */
export interface StunTransmitCounterValue {
  /** Tells the value shapes apart. */
  readonly kind: "transmit-counter";
  /** Which retransmission of the request this is (1 = first send). */
  readonly requests: number;
  /** Which response to that request this is. */
  readonly responses: number;
}

/** GOOG-NETWORK-INFO (WebRTC): the sender's network ID and cost. */
export interface StunNetworkInfoValue {
  /** Tells the value shapes apart. */
  readonly kind: "network-info";
  /** The network's ID (high 16 bits). */
  readonly networkId: number;
  /** The network's cost (low 16 bits). */
  readonly networkCost: number;
}

/** GOOG-MISC-INFO (WebRTC): a list of 16-bit values. */
export interface StunNumberListValue {
  /** Tells the value shapes apart. */
  readonly kind: "number-list";
  /** The values. */
  readonly values: readonly number[];
}

/** PADDING (RFC 5780 §7.6): filler whose only meaning is its length. */
export interface StunPaddingValue {
  /** Tells the value shapes apart. */
  readonly kind: "padding";
}

/** Opaque bytes: USERHASH, RESERVATION-TOKEN, MOBILITY-TICKET, ACCESS-TOKEN, and every unknown type. */
export interface StunBytesValue {
  /** Tells the value shapes apart. */
  readonly kind: "bytes";
  /** The value, hex (empty for an empty value). */
  readonly hex: string;
}

/** An attribute whose value does not fit its type; the message itself still decodes. */
export interface StunInvalidValue {
  /** Tells the value shapes apart. */
  readonly kind: "invalid";
  /** E.g. "LIFETIME needs 4 bytes, has 3". */
  readonly reason: string;
}

/** The value part of a decoded attribute, told apart by `kind`. */
export type StunAttributeValue =
  | StunAddressValue
  | StunTextValue
  | StunErrorCodeValue
  | StunAddressErrorCodeValue
  | StunUnknownAttributesValue
  | StunIntegrityValue
  | StunFingerprintValue
  | StunNumberValue
  | StunChannelNumberValue
  | StunTieBreakerValue
  | StunFlagValue
  | StunEvenPortValue
  | StunRequestedTransportValue
  | StunAddressFamilyValue
  | StunDataValue
  | StunChangeRequestValue
  | StunPortValue
  | StunPasswordAlgorithmsValue
  | StunIcmpValue
  | StunTransmitCounterValue
  | StunNetworkInfoValue
  | StunNumberListValue
  | StunPaddingValue
  | StunBytesValue
  | StunInvalidValue;

/** A decoded attribute: header fields plus one {@linkcode StunAttributeValue}. */
export type StunAttribute = StunAttributeHeader & StunAttributeValue;

/** RFC 8489 §14.7: FINGERPRINT is the CRC-32 XORed with this ("STUN" in ASCII). */
export const STUN_FINGERPRINT_XOR = 0x5354554e;

// Address attribute layout, RFC 8489 §14.1:
//  |0 0 0 0 0 0 0 0|    Family     |           Port                |
//  |                 Address (32 bits or 128 bits)                 |
const ADDRESS_FAMILY_OFFSET = 1;
const ADDRESS_PORT_OFFSET = 2;
const ADDRESS_ADDR_OFFSET = 4;
const FAMILY_IPV4 = 0x01;
const FAMILY_IPV6 = 0x02;

/** Scratch for un-XORing an address before formatting it; decoding is synchronous, so one is enough. */
const SCRATCH = new Uint8Array(16);
const UTF8 = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });

/**
 * Where the attribute sits, for the attributes whose value depends on the message around them.
 * @private
 */
export interface AttributeContext {
  /** Index of the message's first header byte (for FINGERPRINT's CRC). */
  readonly messageStart: number;
  /** Index of the 16 bytes after the message type and length: cookie ‖ transaction ID (the XOR key, §14.2). */
  readonly xorKeyOffset: number;
}

/**
 * Decodes the value of one attribute. The caller has checked that the `length` value bytes at `offset + 4` are
 * inside `bytes` (and inside the message); this function reads nothing outside them except the XOR key and, for
 * FINGERPRINT, the message bytes before the attribute.
 *
 * @param bytes The buffer holding the message.
 * @param offset Index of the attribute's Type field.
 * @param context Where the message starts.
 * @returns The attribute.
 * @example Decode a LIFETIME attribute on its own
 * ```ts
 * import { decodeAttribute } from "./attributes.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const tlv = new Uint8Array([0x00, 0x0d, 0x00, 0x04, 0x00, 0x00, 0x03, 0x09]); // LIFETIME 777 s
 * const a = decodeAttribute(tlv, 0, { messageStart: 0, xorKeyOffset: 0 });
 * deepStrictEqual({ name: a.name, kind: a.kind, value: a.kind === "number" && a.value }, {
 *   name: "LIFETIME", kind: "number", value: 777,
 * });
 * ```
 */
export function decodeAttribute(bytes: Uint8Array, offset: number, context: AttributeContext): StunAttribute {
  const type = be16(bytes, offset);
  const length = be16(bytes, offset + 2);
  const name = NAMES.get(type);
  const header: StunAttributeHeader = {
    type,
    name: name ?? stunAttributeName(type),
    known: name !== undefined,
    comprehensionRequired: type < 0x8000,
    offset,
    length,
  };
  return { ...header, ...decodeValue(bytes, type, offset + 4, length, context, header.name) };
}

function invalid(reason: string): StunInvalidValue {
  return { kind: "invalid", reason };
}

/** `null` when `length` is right for a fixed-size attribute, else the invalid value saying so. */
function needs(name: string, length: number, want: number): StunInvalidValue | null {
  return length === want ? null : invalid(`${name} needs ${want} bytes, has ${length}`);
}

function decodeValue(
  bytes: Uint8Array,
  type: number,
  v: number,
  length: number,
  context: AttributeContext,
  name: string,
): StunAttributeValue {
  const T = StunAttributeType;
  switch (type) {
    case T.MappedAddress:
    case T.ResponseAddress:
    case T.SourceAddress:
    case T.ChangedAddress:
    case T.ReflectedFrom:
    case T.AlternateServer:
    case T.ResponseOrigin:
    case T.OtherAddress:
      return address(bytes, v, length, null, name);
    case T.XorMappedAddress:
    case T.XorPeerAddress:
    case T.XorRelayedAddress:
    case T.XorMappedAddressDraft:
      return address(bytes, v, length, context.xorKeyOffset, name);

    case T.Username:
    case T.Realm:
    case T.Nonce:
    case T.Software:
    case T.AlternateDomain:
    case T.ThirdPartyAuthorization:
    case T.Origin:
    case T.Password:
      return { kind: "text", text: text(bytes, v, v + length) };

    case T.MessageIntegrity:
      return needs(name, length, 20) ?? { kind: "integrity", algorithm: "hmac-sha1", hmac: toHex(bytes, v, v + 20) };
    case T.MessageIntegritySha256: // RFC 8489 §14.6: at least 16 bytes, a multiple of 4, at most 32
      if (length < 16 || length > 32 || length % 4 !== 0) {
        return invalid(`${name} needs 16 to 32 bytes in steps of 4, has ${length}`);
      }
      return { kind: "integrity", algorithm: "hmac-sha256", hmac: toHex(bytes, v, v + length) };
    case T.GoogMessageIntegrity32:
      return needs(name, length, 4) ?? { kind: "integrity", algorithm: "hmac-sha1-32", hmac: toHex(bytes, v, v + 4) };
    case T.Fingerprint: {
      const bad = needs(name, length, 4);
      if (bad !== null) return bad;
      const value = be32(bytes, v);
      const expected = (crc32(bytes, context.messageStart, v - 4) ^ STUN_FINGERPRINT_XOR) >>> 0;
      return { kind: "fingerprint", value, expected, valid: value === expected };
    }

    case T.ErrorCode:
      // |           Reserved, should be 0         |Class|     Number    |
      // |      Reason Phrase (variable)                                ..
      if (length < 4) return invalid(`${name} needs at least 4 bytes, has ${length}`);
      return { kind: "error-code", ...errorCode(bytes, v, length) };
    case T.AddressErrorCode:
    case T.CoturnAddressErrorCode:
      // |  Family       |    Rsvd   |Class|     Number    |  (RFC 8656 §18.12)
      if (length < 4) return invalid(`${name} needs at least 4 bytes, has ${length}`);
      return { kind: "address-error-code", family: bytes[v]!, ...errorCode(bytes, v, length) };

    case T.UnknownAttributes: {
      if (length % 2 !== 0) return invalid(`${name} needs an even length, has ${length}`);
      const types: number[] = [];
      for (let i = 0; i < length; i += 2) types.push(be16(bytes, v + i));
      return { kind: "unknown-attributes", types };
    }

    case T.ChannelNumber: // |        Channel Number         |         RFFU = 0              |
      return needs(name, length, 4) ?? { kind: "channel-number", channel: be16(bytes, v) };
    case T.Lifetime:
    case T.Priority:
    case T.ConnectionId:
    case T.CacheTimeout:
    case T.GoogNomination:
    case T.Bandwidth:
    case T.GoogRetransmitCount:
      return needs(name, length, 4) ?? { kind: "number", value: be32(bytes, v) };
    case T.IceControlled:
    case T.IceControlling:
      return needs(name, length, 8) ?? { kind: "tie-breaker", tieBreaker: toHex(bytes, v, v + 8) };
    case T.UseCandidate:
    case T.DontFragment:
      return needs(name, length, 0) ?? { kind: "flag" };
    case T.EvenPort: // |R|    RFFU     |
      return needs(name, length, 1) ?? { kind: "even-port", reserveNext: (bytes[v]! & 0x80) !== 0 };
    case T.RequestedTransport: { // |    Protocol   |                    RFFU                       |
      const bad = needs(name, length, 4);
      if (bad !== null) return bad;
      const protocol = bytes[v]!;
      const protocolName = protocol === 17 ? "UDP" : protocol === 6 ? "TCP" : String(protocol);
      return { kind: "requested-transport", protocol, protocolName };
    }
    case T.RequestedAddressFamily:
    case T.AdditionalAddressFamily:
    case T.CoturnAdditionalAddressFamily: // |     Family    |            Reserved                           |
      return needs(name, length, 4) ?? { kind: "address-family", family: bytes[v]! };
    case T.Data:
      return { kind: "data", dataOffset: v, dataLength: length };
    case T.ChangeRequest: { // |0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 A B 0|
      const bad = needs(name, length, 4);
      if (bad !== null) return bad;
      const flags = bytes[v + 3]!;
      return { kind: "change-request", changeIp: (flags & 0x04) !== 0, changePort: (flags & 0x02) !== 0 };
    }
    case T.ResponsePort: // |       Response-Port           |             Padding           |
      return needs(name, length, 4) ?? { kind: "port", port: be16(bytes, v) };
    case T.PasswordAlgorithm:
    case T.PasswordAlgorithms:
      return passwordAlgorithms(bytes, v, length, type === T.PasswordAlgorithm, name);
    case T.Icmp: { // |           Reserved            |  ICMP Type    |  ICMP Code    | + Error Data (32)
      // RFC 8656 §18.13's figure draws the type 7 bits and the code 9 bits wide; ICMP types and codes are bytes, so
      // this reads one byte each (as turn-types does; Wireshark 4.0 reads the two Reserved bytes instead).
      const bad = needs(name, length, 8);
      if (bad !== null) return bad;
      return { kind: "icmp", icmpType: bytes[v + 2]!, icmpCode: bytes[v + 3]!, errorData: be32(bytes, v + 4) };
    }
    case T.TransactionTransmitCounter: // |          Reserved (0)         |      Req      |     Resp      |
      return needs(name, length, 4) ??
        { kind: "transmit-counter", requests: bytes[v + 2]!, responses: bytes[v + 3]! };
    case T.GoogNetworkInfo: // network ID in the high 16 bits, cost in the low 16
      return needs(name, length, 4) ??
        { kind: "network-info", networkId: be16(bytes, v), networkCost: be16(bytes, v + 2) };
    case T.GoogMiscInfo: {
      if (length % 2 !== 0) return invalid(`${name} needs an even length, has ${length}`);
      const values: number[] = [];
      for (let i = 0; i < length; i += 2) values.push(be16(bytes, v + i));
      return { kind: "number-list", values };
    }
    case T.Padding:
      return { kind: "padding" };
    case T.Userhash:
      return needs(name, length, 32) ?? { kind: "bytes", hex: toHex(bytes, v, v + 32) };
    case T.ReservationToken:
      return needs(name, length, 8) ?? { kind: "bytes", hex: toHex(bytes, v, v + 8) };
    default:
      return { kind: "bytes", hex: toHex(bytes, v, v + length) };
  }
}

/**
 * UTF-8 text of `bytes[start, end)`, invalid sequences replaced by U+FFFD, trailing NULs dropped: coturn 4.6 counts
 * two NULs into the reason phrase of its 440 error (turn-ipv6.pcap frame 84), as C strings padded to 4 bytes.
 */
function text(bytes: Uint8Array, start: number, end: number): string {
  while (end > start && bytes[end - 1] === 0) end--;
  return UTF8.decode(bytes.subarray(start, end));
}

function errorCode(bytes: Uint8Array, v: number, length: number) {
  // The original netpix read the whole third byte as the class; only its low 3 bits are the class (RFC 8489 §14.8).
  const errorClass = bytes[v + 2]! & 0x07;
  const errorNumber = bytes[v + 3]!;
  return {
    code: errorClass * 100 + errorNumber,
    errorClass,
    errorNumber,
    reason: text(bytes, v + 4, v + length),
  };
}

function address(
  bytes: Uint8Array,
  v: number,
  length: number,
  xorKeyOffset: number | null,
  name: string,
): StunAddressValue | StunInvalidValue {
  if (length < ADDRESS_ADDR_OFFSET) return invalid(`${name} needs at least 8 bytes, has ${length}`);
  const family = bytes[v + ADDRESS_FAMILY_OFFSET]!;
  if (family !== FAMILY_IPV4 && family !== FAMILY_IPV6) return invalid(`${name} has unknown address family ${family}`);
  const width = family === FAMILY_IPV4 ? 4 : 16;
  if (length !== ADDRESS_ADDR_OFFSET + width) {
    return invalid(`${name} needs ${ADDRESS_ADDR_OFFSET + width} bytes for IPv${family === 1 ? 4 : 6}, has ${length}`);
  }
  let port = be16(bytes, v + ADDRESS_PORT_OFFSET);
  const a = v + ADDRESS_ADDR_OFFSET;
  if (xorKeyOffset === null) {
    return { kind: "address", family, address: formatAddress(bytes, a, family === 1 ? 4 : 6), port, xor: false };
  }
  // RFC 8489 §14.2: X-Port = port ^ (cookie >> 16); X-Address = address ^ cookie (IPv4) or ^ (cookie ‖ transaction ID).
  port ^= be16(bytes, xorKeyOffset);
  for (let i = 0; i < width; i++) SCRATCH[i] = bytes[a + i]! ^ bytes[xorKeyOffset + i]!;
  return { kind: "address", family, address: formatAddress(SCRATCH, 0, family === 1 ? 4 : 6), port, xor: true };
}

function passwordAlgorithms(
  bytes: Uint8Array,
  v: number,
  length: number,
  single: boolean,
  name: string,
): StunPasswordAlgorithmsValue | StunInvalidValue {
  // |          Algorithm            |  Algorithm Parameters Length  |
  // |                    Algorithm Parameters (variable)
  const algorithms: StunPasswordAlgorithm[] = [];
  const end = v + length;
  let p = v;
  while (p < end) {
    if (p + 4 > end) return invalid(`${name} entry at byte ${p} is cut after ${end - p} bytes`);
    const algorithm = be16(bytes, p);
    const parametersLength = be16(bytes, p + 2);
    if (p + 4 + parametersLength > end) {
      return invalid(`${name} entry at byte ${p} says ${parametersLength} parameter bytes, ${end - p - 4} remain`);
    }
    algorithms.push({
      algorithm,
      name: algorithm === 1 ? "MD5" : algorithm === 2 ? "SHA-256" : `0x${algorithm.toString(16).padStart(4, "0")}`,
      parameters: toHex(bytes, p + 4, p + 4 + parametersLength),
    });
    p += 4 + ((parametersLength + 3) & ~3);
  }
  if (single && algorithms.length !== 1) return invalid(`${name} holds ${algorithms.length} entries, not 1`);
  return { kind: "password-algorithms", algorithms };
}
