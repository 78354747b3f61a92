/**
 * RTP header extensions: the generic block of RFC 3550 §5.3.1 and the one-byte and two-byte element forms of
 * RFC 8285 §4.
 *
 * The generic block follows the CSRC list when the X bit is set:
 * ```text
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      defined by profile       |           length              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        header extension                       |
 * |                             ....                              |
 * ```
 * `length` counts 32-bit words after this 4-byte header. RFC 8285 gives two profile values a meaning:
 *
 * One-byte form (§4.2), profile 0xBEDE; IDs 1–14, 1–16 data bytes (L + 1); ID 15 stops parsing:
 * ```text
 *  0                   1                   2                   3
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |       0xBE    |    0xDE       |           length=3            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  ID   | L=0   |     data      |  ID   |  L=1  |   data...
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *       ...data   |    0 (pad)    |    0 (pad)    |  ID   | L=3   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                          data                                 |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ```
 * Two-byte form (§4.3), profile 0x100 followed by 4 "appbits"; IDs 1–255, 0–255 data bytes:
 * ```text
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |       0x10    |    0x00       |           length=3            |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      ID       |     L=0       |     ID        |     L=1       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |       data    |    0 (pad)    |       ID      |      L=4      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                          data                                 |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * ```
 * In both forms a zero byte where an element header would start is padding (ID 0 is reserved for it). Like libwebrtc
 * and pion, a byte with ID 0 is skipped alone whatever its length bits say. Any other profile value is kept raw.
 *
 * @example Walk the elements of a one-byte extension block
 * ```ts
 * import { decodeHeaderExtension } from "./extensions.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * // An audio-level element (ID 1, 1 byte) and a transport-wide sequence (ID 3, 2 bytes), then one byte of padding.
 * const data = new Uint8Array([0x10, 0x9a, 0x31, 0x01, 0x2c, 0x00]);
 * const ext = decodeHeaderExtension(data, 0xbede, 0, data.length);
 * deepStrictEqual(ext, {
 *   profile: 0xbede, form: "one-byte", appBits: 0, offset: 0, length: 6,
 *   elements: [{ id: 1, offset: 1, length: 1 }, { id: 3, offset: 3, length: 2 }], malformed: null,
 * });
 * ```
 * @module
 */
// This module is browser compatible.

import { type DecodeFailure, failure } from "../decode_result.ts";

/** "Defined by profile" value of the one-byte form, RFC 8285 §4.2. */
export const ONE_BYTE_PROFILE = 0xbede;
/** "Defined by profile" value of the two-byte form without appbits, RFC 8285 §4.3 (0x1000–0x100F). */
export const TWO_BYTE_PROFILE = 0x1000;
const TWO_BYTE_PROFILE_MASK = 0xfff0;
/** One-byte form: ID 15 is reserved; meeting it ends the extension (RFC 8285 §4.2). */
const ONE_BYTE_STOP_ID = 15;

/** How the bytes of an extension block are laid out. */
export type ExtensionForm = "one-byte" | "two-byte" | "raw";

/** Which form a "defined by profile" value announces. */
export function extensionForm(profile: number): ExtensionForm {
  if (profile === ONE_BYTE_PROFILE) return "one-byte";
  if ((profile & TWO_BYTE_PROFILE_MASK) === TWO_BYTE_PROFILE) return "two-byte";
  return "raw";
}

/** One RFC 8285 element. Offsets index the bytes the packet was decoded from. */
export interface RtpExtensionElement {
  /** Local identifier, mapped to a URI by SDP `a=extmap` (one-byte 1–14, two-byte 1–255). */
  id: number;
  /** First data byte. */
  offset: number;
  /** Number of data bytes (one-byte form 1–16, two-byte form 0–255). */
  length: number;
}

/** The header extension of one RTP packet. */
export interface RtpHeaderExtension {
  /** The 16-bit "defined by profile" field. */
  profile: number;
  /** One-byte, two-byte (RFC 8285), or any other profile kept raw (RFC 3550 §5.3.1). */
  form: ExtensionForm;
  /** Two-byte form: the low 4 bits of the profile ("appbits", RFC 8285 §4.3); 0 otherwise. */
  appBits: number;
  /** First byte after the 4-byte extension header. */
  offset: number;
  /** Bytes of extension data: 4 × the length field. */
  length: number;
  /** The elements, in order, padding skipped. Always empty for the raw form. */
  elements: RtpExtensionElement[];
  /** Why the element walk stopped early (the elements before the fault are kept), or null. */
  malformed: DecodeFailure | null;
}

/**
 * Outcome of {@linkcode RtpExtensionReader.next}: why it stopped. Stable numbers; add new ones at the end.
 */
export const ExtensionStatus = {
  /** Every element was read (or ID 15 ended a one-byte block, as RFC 8285 §4.2 says). */
  Ok: 0,
  /** An element header sits on the last byte of a two-byte block: its length byte is missing. */
  Truncated: 1,
  /** An element's length runs past the end of the extension block. */
  BadLength: 2,
  /** The profile is neither one-byte nor two-byte: there are no elements to walk. */
  NotElements: 3,
} as const;
/** One of the {@linkcode ExtensionStatus} values. */
export type ExtensionStatus = (typeof ExtensionStatus)[keyof typeof ExtensionStatus];

/**
 * Allocation-free walk over the elements of one extension block. Call {@linkcode RtpExtensionReader.reset} with the
 * block (for example from {@linkcode RtpReader}'s `extensionProfile`/`extensionOffset`/`extensionLength`), then
 * {@linkcode RtpExtensionReader.next} until it returns false; `status` then says whether the walk ended cleanly.
 * The reader keeps a reference to `bytes` between `reset()` and the last `next()`.
 *
 * @example Find the transport-wide sequence number (ID 3)
 * ```ts
 * import { RtpExtensionReader } from "./extensions.ts";
 * import { strictEqual } from "node:assert/strict";
 * const block = new Uint8Array([0x10, 0x9a, 0x31, 0x01, 0x2c, 0x00]);
 * const ext = new RtpExtensionReader();
 * ext.reset(block, 0xbede, 0, block.length);
 * let seq = -1;
 * while (ext.next()) if (ext.id === 3) seq = (block[ext.offset]! << 8) | block[ext.offset + 1]!;
 * strictEqual(seq, 300);
 * ```
 */
export class RtpExtensionReader {
  /** ID of the current element. */
  id = 0;
  /** First data byte of the current element. */
  offset = 0;
  /** Data bytes of the current element. */
  length = 0;
  /** Why the walk ended; meaningful once `next()` returned false. */
  status: ExtensionStatus = ExtensionStatus.Ok;
  /** Where the problem was found when `status` is not Ok. */
  problemOffset = -1;

  #bytes: Uint8Array = new Uint8Array(0);
  #form = 0; // 1 one-byte, 2 two-byte, 0 none
  #cursor = 0;
  #end = 0;

  /**
   * Starts a walk.
   * @param bytes The packet.
   * @param profile The "defined by profile" field.
   * @param offset First byte of extension data (after the 4-byte extension header).
   * @param length Bytes of extension data; clamped to the bytes present.
   * @returns False when the profile has no elements (status `NotElements`).
   */
  reset(bytes: Uint8Array, profile: number, offset: number, length: number): boolean {
    this.#bytes = bytes;
    this.#cursor = offset < 0 ? 0 : offset;
    const end = offset + length;
    this.#end = end > bytes.length ? bytes.length : end;
    this.id = 0;
    this.offset = 0;
    this.length = 0;
    this.problemOffset = -1;
    if (profile === ONE_BYTE_PROFILE) this.#form = 1;
    else if ((profile & TWO_BYTE_PROFILE_MASK) === TWO_BYTE_PROFILE) this.#form = 2;
    else {
      this.#form = 0;
      this.status = ExtensionStatus.NotElements;
      return false;
    }
    this.status = ExtensionStatus.Ok;
    return true;
  }

  /**
   * Moves to the next element.
   * @returns True with `id`/`offset`/`length` set, or false at the end of the block or at a malformed element.
   */
  next(): boolean {
    const bytes = this.#bytes;
    const end = this.#end;
    let i = this.#cursor;
    if (this.#form === 1) {
      while (i < end) {
        const b = bytes[i]!;
        const id = b >> 4;
        if (id === 0) { // padding (a well-formed padding byte is 0x00; the length bits are ignored)
          i++;
          continue;
        }
        if (id === ONE_BYTE_STOP_ID) break;
        const length = (b & 0x0f) + 1;
        if (i + 1 + length > end) return this.#fail(ExtensionStatus.BadLength, i);
        this.id = id;
        this.offset = i + 1;
        this.length = length;
        this.#cursor = i + 1 + length;
        return true;
      }
    } else if (this.#form === 2) {
      while (i < end) {
        const id = bytes[i]!;
        if (id === 0) { // padding
          i++;
          continue;
        }
        if (i + 1 >= end) return this.#fail(ExtensionStatus.Truncated, i);
        const length = bytes[i + 1]!;
        if (i + 2 + length > end) return this.#fail(ExtensionStatus.BadLength, i);
        this.id = id;
        this.offset = i + 2;
        this.length = length;
        this.#cursor = i + 2 + length;
        return true;
      }
    }
    this.#cursor = end;
    this.#form = 0;
    return false;
  }

  #fail(status: ExtensionStatus, at: number): boolean {
    this.status = status;
    this.problemOffset = at;
    this.#cursor = this.#end;
    this.#form = 0;
    return false;
  }
}

const scratch = new RtpExtensionReader();

/**
 * Decodes an extension block into a plain object, with its elements.
 *
 * @param bytes The packet (or any bytes holding the block).
 * @param profile The "defined by profile" field.
 * @param offset First byte of extension data, after the 4-byte extension header.
 * @param length Bytes of extension data (4 × the length field).
 * @returns The block; a malformed element list is reported in `malformed`, with the elements before it kept.
 */
export function decodeHeaderExtension(
  bytes: Uint8Array,
  profile: number,
  offset: number,
  length: number,
): RtpHeaderExtension {
  const form = extensionForm(profile);
  const elements: RtpExtensionElement[] = [];
  let malformed: DecodeFailure | null = null;
  if (form !== "raw") {
    scratch.reset(bytes, profile, offset, length);
    while (scratch.next()) elements.push({ id: scratch.id, offset: scratch.offset, length: scratch.length });
    if (scratch.status !== ExtensionStatus.Ok) malformed = elementFailure(scratch, offset + length);
    scratch.reset(EMPTY, 0, 0, 0); // drop the reference to `bytes`
  }
  return {
    profile,
    form,
    appBits: form === "two-byte" ? profile & 0x0f : 0,
    offset,
    length,
    elements,
    malformed,
  };
}

const EMPTY = new Uint8Array(0);

/**
 * Decodes the elements of an RFC 8285 block, or says why they cannot be read.
 *
 * @param bytes The packet.
 * @param profile The "defined by profile" field: 0xBEDE or 0x1000–0x100F.
 * @param offset First byte of extension data.
 * @param length Bytes of extension data.
 * @returns The elements (padding skipped, stopping at ID 15 in the one-byte form), or a failure for another profile
 *   (`bad-value`), an element running past the block (`bad-length`) or a two-byte element header cut in half
 *   (`truncated`).
 * @example A two-byte element that claims more bytes than the block holds
 * ```ts
 * import { decodeExtensionElements } from "./extensions.ts";
 * import { isFailure } from "../decode_result.ts";
 * import { strictEqual } from "node:assert/strict";
 * const r = decodeExtensionElements(new Uint8Array([0x10, 0x09, 0x61, 0x62, 0x63, 0x00, 0x00, 0x00]), 0x1000, 0, 8);
 * strictEqual(isFailure(r) && r.reason, "bad-length");
 * ```
 */
export function decodeExtensionElements(
  bytes: Uint8Array,
  profile: number,
  offset: number,
  length: number,
): RtpExtensionElement[] | DecodeFailure {
  const ext = decodeHeaderExtension(bytes, profile, offset, length);
  if (ext.form === "raw") {
    return failure("rtp", "bad-value", offset - 4, `extension profile 0x${hex16(profile)} has no RFC 8285 elements`);
  }
  return ext.malformed ?? ext.elements;
}

function elementFailure(r: RtpExtensionReader, end: number): DecodeFailure {
  const at = r.problemOffset;
  if (r.status === ExtensionStatus.Truncated) {
    return failure("rtp", "truncated", at, `two-byte extension element at byte ${at} has no length byte`);
  }
  return failure("rtp", "bad-length", at, `extension element at byte ${at} runs past the block's end at ${end}`);
}

function hex16(n: number): string {
  return n.toString(16).padStart(4, "0");
}
