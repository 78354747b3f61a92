/**
 * ISO_639_language_descriptor, tag 0x0A (ISO/IEC 13818-1 §2.6.18–§2.6.19, Table 2-59): a loop of
 * `ISO_639_language_code (24, ISO 8859-1 text) audio_type (8)`.
 *
 * @module
 */
// This module is browser compatible.

import { type Decoded, failure } from "../../decode_result.ts";

/** One language of the loop. */
export interface Iso639Language {
  /** Three lower-case letters, e.g. "eng" (ISO 639-2). */
  readonly code: string;
  /** audio_type, named by {@linkcode audioTypeName}. */
  readonly audioType: number;
}

/** A decoded ISO_639_language_descriptor. */
export interface Iso639LanguageDescriptor {
  readonly kind: "iso639_language";
  readonly languages: readonly Iso639Language[];
}

/**
 * A name for audio_type (ISO/IEC 13818-1 Table 2-60).
 * @param type 0–255.
 * @returns The name.
 */
export function audioTypeName(type: number): string {
  switch (type) {
    case 0:
      return "undefined";
    case 1:
      return "clean effects";
    case 2:
      return "hearing impaired";
    case 3:
      return "visual impaired commentary";
  }
  return type < 0x80 ? "user private" : "reserved";
}

/**
 * Decodes an ISO_639_language_descriptor body.
 * @param data The body: a multiple of 4 bytes.
 * @returns The languages, or a failure when the body is not a multiple of 4.
 * @example ffmpeg's "eng" (tests/testdata/mpegts/h264-ac3-dvb.pcap)
 * ```ts
 * import { decodeIso639LanguageDescriptor } from "./iso639_language.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const d = decodeIso639LanguageDescriptor(new Uint8Array([0x65, 0x6e, 0x67, 0x00]));
 * deepStrictEqual("kind" in d && d.languages, [{ code: "eng", audioType: 0 }]);
 * ```
 */
export function decodeIso639LanguageDescriptor(data: Uint8Array): Decoded<Iso639LanguageDescriptor> {
  if (data.length % 4 !== 0) {
    return failure(
      "psi",
      "bad-length",
      data.length,
      `ISO_639_language body of ${data.length} bytes is not a multiple of 4`,
    );
  }
  const languages: Iso639Language[] = [];
  for (let i = 0; i + 4 <= data.length; i += 4) {
    languages.push({
      code: String.fromCharCode(data[i]!, data[i + 1]!, data[i + 2]!),
      audioType: data[i + 3]!,
    });
  }
  return { kind: "iso639_language", languages };
}
