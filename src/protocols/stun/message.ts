/**
 * The STUN message: RFC 8489 §5 header and the attribute list after it, for STUN, TURN (RFC 8656, RFC 6062) and ICE
 * (RFC 8445) alike.
 *
 * ```text
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |0 0|     STUN Message Type     |         Message Length        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         Magic Cookie                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                                                               |
 * |                     Transaction ID (96 bits)                  |
 * |                                                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Message Type (RFC 8489 §5, Figure 3): method bits M0–M11 with the class bits C0 and C1 between them.
 *  0                 1
 *  2  3  4 5 6 7 8 9 0 1 2 3 4 5
 * +--+--+-+-+-+-+-+-+-+-+-+-+-+-+
 * |M |M |M|M|M|C|M|M|M|C|M|M|M|M|
 * |11|10|9|8|7|1|6|5|4|0|3|2|1|0|
 * +--+--+-+-+-+-+-+-+-+-+-+-+-+-+
 * ```
 *
 * A message whose Magic Cookie field is not 0x2112A442 is a classic RFC 3489 message: it still decodes, with
 * `classic: true` and a 128-bit transaction ID (RFC 3489 §11.1), but {@linkcode looksLikeStun} does not claim it.
 *
 * @example Decode a Binding request and name it
 * ```ts
 * import { decodeStun, stunTypeName } from "./message.ts";
 * import { isFailure } from "../decode_result.ts";
 * import { strictEqual } from "node:assert/strict";
 * // demo.pcap frame 119: a Binding request from turnutils_stunclient, no attributes.
 * const bytes = new Uint8Array([
 *   0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xa4, 0x42, 0xf3, 0x4a, 0x8e, 0xcc, 0x82, 0xba, 0x1f, 0x2c, 0x2d, 0x2d, 0xd3, 0xf5,
 * ]);
 * const m = decodeStun(bytes);
 * if (isFailure(m)) throw new Error(m.detail);
 * strictEqual(stunTypeName(m.type), "Binding Request");
 * strictEqual(m.transactionId, "f34a8ecc82ba1f2c2d2dd3f5");
 * ```
 *
 * @module
 */
// This module is browser compatible.

import { be16, be32 } from "../_bytes.ts";
import { type Decoded, type DecodeFailure, failure } from "../decode_result.ts";
import { decodeAttribute, type KnownStunAttributeType, type StunAttribute, StunAttributeType } from "./attributes.ts";
import { toHex } from "./_hex.ts";

/** RFC 8489 §5: bytes in the fixed header. */
export const STUN_HEADER_LENGTH = 20;
/** RFC 8489 §5: the fixed value of the Magic Cookie field. */
export const STUN_MAGIC_COOKIE = 0x2112a442;
const TYPE_OFFSET = 0;
const LENGTH_OFFSET = TYPE_OFFSET + 2;
const COOKIE_OFFSET = LENGTH_OFFSET + 2;
const TRANSACTION_ID_OFFSET = COOKIE_OFFSET + 4;

/** STUN methods (IANA "STUN Methods" registry). */
export const StunMethod = {
  Binding: 0x001, // RFC 8489 §18.2
  SharedSecret: 0x002, // RFC 3489 §11.1 (reserved since RFC 5389)
  Allocate: 0x003, // RFC 8656 §17
  Refresh: 0x004, // RFC 8656 §17
  Send: 0x006, // RFC 8656 §17 (indication only)
  Data: 0x007, // RFC 8656 §17 (indication only)
  CreatePermission: 0x008, // RFC 8656 §17
  ChannelBind: 0x009, // RFC 8656 §17
  Connect: 0x00a, // RFC 6062 §6.1
  ConnectionBind: 0x00b, // RFC 6062 §6.1
  ConnectionAttempt: 0x00c, // RFC 6062 §6.1
  GoogPing: 0x080, // WebRTC GOOG-PING (api/transport/stun.h)
} as const;

const METHOD_NAMES: ReadonlyMap<number, string> = new Map<number, string>([
  [0x001, "Binding"],
  [0x002, "SharedSecret"],
  [0x003, "Allocate"],
  [0x004, "Refresh"],
  [0x006, "Send"],
  [0x007, "Data"],
  [0x008, "CreatePermission"],
  [0x009, "ChannelBind"],
  [0x00a, "Connect"],
  [0x00b, "ConnectionBind"],
  [0x00c, "ConnectionAttempt"],
  [0x080, "GoogPing"],
]);

/** The four message classes (RFC 8489 §5): C1C0 = 00, 01, 10, 11. */
export type StunClass = "request" | "indication" | "success" | "error";
const CLASSES: readonly StunClass[] = ["request", "indication", "success", "error"];
const CLASS_NAMES: Readonly<Record<StunClass, string>> = {
  request: "Request",
  indication: "Indication",
  success: "Success Response",
  error: "Error Response",
};

/**
 * The method of a 14-bit message type: the twelve M bits put back together.
 * @param type The Message Type field (its top two bits are ignored).
 * @returns The method, e.g. 0x003 for any Allocate message.
 * @example
 * ```ts
 * import { stunMethod } from "./message.ts";
 * import { strictEqual } from "node:assert/strict";
 * strictEqual(stunMethod(0x0113), 0x003); // Allocate error response
 * ```
 */
export function stunMethod(type: number): number {
  return (type & 0x000f) | ((type & 0x00e0) >> 1) | ((type & 0x3e00) >> 2);
}

/**
 * The class of a message type, from bits C0 (0x0010) and C1 (0x0100).
 * @param type The Message Type field.
 * @returns `"request"`, `"indication"`, `"success"` or `"error"`.
 * @example
 * ```ts
 * import { stunClass } from "./message.ts";
 * import { strictEqual } from "node:assert/strict";
 * strictEqual(stunClass(0x0016), "indication"); // Send indication
 * strictEqual(stunClass(0x0113), "error");
 * ```
 */
export function stunClass(type: number): StunClass {
  return CLASSES[((type & 0x0100) >> 7) | ((type & 0x0010) >> 4)]!;
}

/**
 * The message type for a method and class (the inverse of {@linkcode stunMethod} and {@linkcode stunClass}).
 * @param method 12-bit method.
 * @param cls The class.
 * @returns The 14-bit Message Type.
 * @example
 * ```ts
 * import { StunMethod, stunMessageType } from "./message.ts";
 * import { strictEqual } from "node:assert/strict";
 * strictEqual(stunMessageType(StunMethod.ChannelBind, "success"), 0x0109);
 * ```
 */
export function stunMessageType(method: number, cls: StunClass): number {
  const c = CLASSES.indexOf(cls);
  return (method & 0x000f) | ((method & 0x0070) << 1) | ((method & 0x0f80) << 2) | ((c & 1) << 4) | ((c & 2) << 7);
}

/**
 * The name of a method: "Binding", "Allocate", … or `0x` and three hex digits.
 * @param method 12-bit method.
 * @returns The name.
 * @example
 * ```ts
 * import { stunMethodName } from "./message.ts";
 * import { strictEqual } from "node:assert/strict";
 * strictEqual(stunMethodName(0x008), "CreatePermission");
 * strictEqual(stunMethodName(0x0ff), "0x0ff");
 * ```
 */
export function stunMethodName(method: number): string {
  return METHOD_NAMES.get(method) ?? `0x${method.toString(16).padStart(3, "0")}`;
}

/**
 * The name of a class: "Request", "Indication", "Success Response", "Error Response".
 * @param cls The class.
 * @returns The name.
 * @example
 * ```ts
 * import { stunClassName } from "./message.ts";
 * import { strictEqual } from "node:assert/strict";
 * strictEqual(stunClassName("success"), "Success Response");
 * ```
 */
export function stunClassName(cls: StunClass): string {
  return CLASS_NAMES[cls];
}

/**
 * Method and class as people (and Wireshark) say them.
 * @param type The Message Type field.
 * @returns E.g. "Allocate Error Response", "Send Indication".
 * @example
 * ```ts
 * import { stunTypeName } from "./message.ts";
 * import { strictEqual } from "node:assert/strict";
 * strictEqual(stunTypeName(0x0101), "Binding Success Response");
 * ```
 */
export function stunTypeName(type: number): string {
  return `${stunMethodName(stunMethod(type))} ${stunClassName(stunClass(type))}`;
}

/** Whether a FINGERPRINT attribute was there, and whether its CRC matched. */
export type FingerprintStatus = "valid" | "invalid" | "absent";

/** A decoded STUN message. Offsets index the `bytes` passed to {@linkcode decodeStun}. */
export interface StunMessage {
  /** Index of the first header byte. */
  readonly offset: number;
  /** The 14-bit Message Type field. */
  readonly type: number;
  /** The method (12 bits), e.g. {@linkcode StunMethod.Allocate}. */
  readonly method: number;
  /** {@linkcode stunMethodName} of the method. */
  readonly methodName: string;
  /** The class. */
  readonly class: StunClass;
  /** The Message Length field: bytes after the 20-byte header. */
  readonly length: number;
  /** 20 + length: the bytes the message covers. */
  readonly size: number;
  /** True when the Magic Cookie field is not 0x2112A442: a classic RFC 3489 message. */
  readonly classic: boolean;
  /** Hex of the 96-bit transaction ID, or of the 128-bit one (cookie field included) for a classic message. */
  readonly transactionId: string;
  /** The attributes in wire order. */
  readonly attributes: readonly StunAttribute[];
  /** The FINGERPRINT check (RFC 8489 §14.7). */
  readonly fingerprint: FingerprintStatus;
  /** Bytes after the message within the given length (a UDP datagram should have none). */
  readonly trailingBytes: number;
  /** Things a careful receiver would object to that did not stop decoding (attributes after FINGERPRINT…). */
  readonly warnings: readonly string[];
}

/**
 * Decodes the STUN message at `offset`. Never throws and never reads outside `[offset, offset + length)`.
 *
 * Fails when the bytes are not a STUN message: fewer than 20 bytes, a first byte with either of the top two bits set,
 * a Message Length that is not a multiple of 4 or runs past the bytes, or an attribute that runs past the message. An
 * attribute whose value does not suit its type does not fail the message (see {@linkcode StunAttribute}).
 *
 * @param bytes Buffer holding the message, e.g. a captured frame.
 * @param offset Index of the first header byte (e.g. the UDP payload offset).
 * @param length Bytes available from `offset` (e.g. the UDP payload length); clamped to the buffer.
 * @returns The message, or a {@linkcode DecodeFailure} whose offset indexes `bytes`.
 * @example Reject a datagram that is not STUN
 * ```ts
 * import { decodeStun } from "./message.ts";
 * import { isFailure } from "../decode_result.ts";
 * import { strictEqual } from "node:assert/strict";
 * const rtp = new Uint8Array(24).fill(0); rtp[0] = 0x80;
 * const r = decodeStun(rtp);
 * strictEqual(isFailure(r) && r.reason, "bad-value");
 * ```
 */
export function decodeStun(
  bytes: Uint8Array,
  offset = 0,
  length: number = bytes.length - offset,
): Decoded<StunMessage> {
  const start = offset;
  if (!Number.isInteger(start) || start < 0 || start > bytes.length) {
    return failure("stun", "truncated", 0, `offset ${offset} is outside the ${bytes.length} bytes`);
  }
  const have = length > 0 ? Math.min(Math.floor(length), bytes.length - start) : 0; // NaN → 0, Infinity → all
  if (have < STUN_HEADER_LENGTH) {
    return failure("stun", "truncated", start, `STUN header needs 20 bytes, ${have} remain`);
  }
  const first = bytes[start]!;
  if ((first & 0xc0) !== 0) {
    return failure("stun", "bad-value", start, `first two bits are ${first >> 6}, STUN needs 0 (RFC 8489 §5)`);
  }
  const type = be16(bytes, start + TYPE_OFFSET);
  const messageLength = be16(bytes, start + LENGTH_OFFSET);
  if (messageLength % 4 !== 0) {
    return failure(
      "stun",
      "bad-length",
      start + LENGTH_OFFSET,
      `message length ${messageLength} is not a multiple of 4`,
    );
  }
  const size = STUN_HEADER_LENGTH + messageLength;
  if (size > have) {
    return failure(
      "stun",
      "truncated",
      start + LENGTH_OFFSET,
      `message length says ${messageLength} bytes, ${have - 20} remain`,
    );
  }
  const classic = be32(bytes, start + COOKIE_OFFSET) !== STUN_MAGIC_COOKIE;
  const transactionId = toHex(bytes, classic ? start + COOKIE_OFFSET : start + TRANSACTION_ID_OFFSET, start + 20);

  const attributes: StunAttribute[] = [];
  const warnings: string[] = [];
  const context = { messageStart: start, xorKeyOffset: start + COOKIE_OFFSET };
  const end = start + size;
  let fingerprint: FingerprintStatus = "absent";
  // RFC 8489 §14.5–14.7: after MESSAGE-INTEGRITY only MESSAGE-INTEGRITY-SHA256 and FINGERPRINT may follow, after
  // MESSAGE-INTEGRITY-SHA256 only FINGERPRINT, and FINGERPRINT is last. Receivers ignore what breaks this.
  let last: "" | "MESSAGE-INTEGRITY" | "MESSAGE-INTEGRITY-SHA256" | "FINGERPRINT" = "";
  for (let p = start + STUN_HEADER_LENGTH; p < end;) {
    if (p + 4 > end) return attributeFailure(p, `attribute header at byte ${p - start} is cut: ${end - p} bytes left`);
    const valueLength = be16(bytes, p + 2);
    if (p + 4 + valueLength > end) {
      const name = `attribute 0x${be16(bytes, p).toString(16).padStart(4, "0")}`;
      return attributeFailure(p + 2, `${name} says ${valueLength} bytes, ${end - p - 4} remain in the message`);
    }
    const attribute = decodeAttribute(bytes, p, context);
    const attributeType = attribute.type;
    if (
      last === "FINGERPRINT" ||
      (last === "MESSAGE-INTEGRITY-SHA256" && attributeType !== StunAttributeType.Fingerprint) ||
      (last === "MESSAGE-INTEGRITY" && attributeType !== StunAttributeType.Fingerprint &&
        attributeType !== StunAttributeType.MessageIntegritySha256)
    ) {
      warnings.push(`${attribute.name} after ${last}`);
    }
    if (attributeType === StunAttributeType.Fingerprint) {
      if (fingerprint === "absent") {
        fingerprint = attribute.kind === "fingerprint" && attribute.valid ? "valid" : "invalid";
      }
      last = "FINGERPRINT";
    } else if (attributeType === StunAttributeType.MessageIntegritySha256 && last !== "FINGERPRINT") {
      last = "MESSAGE-INTEGRITY-SHA256";
    } else if (attributeType === StunAttributeType.MessageIntegrity && last === "") {
      last = "MESSAGE-INTEGRITY";
    }
    attributes.push(attribute);
    p += 4 + ((valueLength + 3) & ~3); // RFC 8489 §14: values are padded to a multiple of 4
  }
  const trailingBytes = have - size;
  if (trailingBytes > 0) warnings.push(`${trailingBytes} bytes after the message`);
  return {
    offset: start,
    type,
    method: stunMethod(type),
    methodName: stunMethodName(stunMethod(type)),
    class: stunClass(type),
    length: messageLength,
    size,
    classic,
    transactionId,
    attributes,
    fingerprint,
    trailingBytes,
    warnings,
  };
}

function attributeFailure(offset: number, detail: string): DecodeFailure {
  return failure("stun", "bad-length", offset, detail);
}

/**
 * A cheap test for the payload classifier: the first two bits are 0, the Magic Cookie is there, and the Message
 * Length is a multiple of 4 that fits in `length`. Reads 8 bytes and allocates nothing. Classic RFC 3489 messages
 * (no cookie) are not claimed: without the cookie, too many other payloads would pass. It does not walk the
 * attributes, so {@linkcode decodeStun} can still fail (`bad-length`) on one that runs past the message.
 *
 * @param bytes Buffer holding the payload.
 * @param offset Index of the payload's first byte.
 * @param length Bytes available from `offset`.
 * @returns Whether the bytes look like a STUN message.
 * @example A Binding request passes, an RTP header does not
 * ```ts
 * import { looksLikeStun } from "./message.ts";
 * import { strictEqual } from "node:assert/strict";
 * const binding = new Uint8Array(20); binding.set([0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xa4, 0x42]);
 * strictEqual(looksLikeStun(binding, 0, 20), true);
 * binding[0] = 0x80;
 * strictEqual(looksLikeStun(binding, 0, 20), false);
 * ```
 */
export function looksLikeStun(bytes: Uint8Array, offset = 0, length: number = bytes.length - offset): boolean {
  if (!(Number.isInteger(offset) && offset >= 0 && length >= STUN_HEADER_LENGTH)) return false;
  if (offset + STUN_HEADER_LENGTH > bytes.length) return false;
  if ((bytes[offset]! & 0xc0) !== 0) return false;
  const messageLength = be16(bytes, offset + LENGTH_OFFSET);
  return (messageLength & 3) === 0 &&
    STUN_HEADER_LENGTH + messageLength <= Math.min(length, bytes.length - offset) &&
    be32(bytes, offset + COOKIE_OFFSET) === STUN_MAGIC_COOKIE;
}

/**
 * The first attribute of a type, typed by its value kind for the types with one kind.
 * @param message A decoded message.
 * @param type An attribute type, e.g. {@linkcode StunAttributeType.XorMappedAddress}.
 * @returns The attribute, or `undefined`.
 * @example
 * ```ts
 * import { decodeStun, getAttribute, StunAttributeType } from "./mod.ts";
 * import { strictEqual } from "node:assert/strict";
 * // LIFETIME 600 in a Refresh request (method 0x004).
 * const bytes = new Uint8Array([
 *   0x00, 0x04, 0x00, 0x08, 0x21, 0x12, 0xa4, 0x42, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
 *   0x00, 0x0d, 0x00, 0x04, 0x00, 0x00, 0x02, 0x58,
 * ]);
 * const m = decodeStun(bytes);
 * const lifetime = "attributes" in m ? getAttribute(m, StunAttributeType.Lifetime) : undefined;
 * strictEqual(lifetime?.kind === "number" && lifetime.value, 600);
 * ```
 */
export function getAttribute(message: StunMessage, type: KnownStunAttributeType | number): StunAttribute | undefined {
  return message.attributes.find((a) => a.type === type);
}

/**
 * The bytes a MESSAGE-INTEGRITY or MESSAGE-INTEGRITY-SHA256 HMAC covers (RFC 8489 §14.5): the message up to the
 * attribute, with the header's Message Length changed to end just after the attribute. Feed it to HMAC-SHA1 /
 * HMAC-SHA256 with the short-term password, or with MD5(username ":" realm ":" password) for long-term credentials.
 *
 * @param bytes The buffer the message was decoded from.
 * @param message The decoded message.
 * @param attribute One of its MESSAGE-INTEGRITY(-SHA256) attributes.
 * @returns A new array with those bytes.
 * @example The header length is adjusted
 * ```ts
 * import { decodeStun, integrityInput } from "./message.ts";
 * import { strictEqual } from "node:assert/strict";
 * const bytes = new Uint8Array(20 + 24 + 8);
 * bytes.set([0x00, 0x01, 0x00, 32, 0x21, 0x12, 0xa4, 0x42]);
 * bytes.set([0x00, 0x08, 0x00, 20], 20);       // MESSAGE-INTEGRITY (zeros)
 * bytes.set([0x80, 0x28, 0x00, 4], 44);        // FINGERPRINT (wrong, but present)
 * const m = decodeStun(bytes);
 * if (!("attributes" in m)) throw new Error(m.detail);
 * const input = integrityInput(bytes, m, m.attributes[0]!);
 * strictEqual(input.length, 20);
 * strictEqual(input[3], 24);                    // length now ends after MESSAGE-INTEGRITY
 * ```
 */
export function integrityInput(bytes: Uint8Array, message: StunMessage, attribute: StunAttribute): Uint8Array {
  const input = bytes.slice(message.offset, attribute.offset);
  const adjusted = attribute.offset + 4 + attribute.length - message.offset - STUN_HEADER_LENGTH;
  input[LENGTH_OFFSET] = adjusted >> 8;
  input[LENGTH_OFFSET + 1] = adjusted & 0xff;
  return input;
}
