/**
 * stream_type values of the PMT: ISO/IEC 13818-1 Table 2-34 (0x00–0x36 assigned, 0x37–0x7E reserved, 0x7F IPMP),
 * plus the user-private values in common use (ATSC A/52 and A/53, SCTE 35). 0x2F is "quality access units carried in
 * sections" (ISO/IEC 23001-10), not user private (the original tool's mistake).
 *
 * @module
 */
// This module is browser compatible.

/** What a stream type carries. */
export type StreamKind = "video" | "audio" | "data" | "other";

interface Entry {
  readonly name: string;
  readonly kind: StreamKind;
}

const V = "video", A = "audio", D = "data", O = "other";

const ISO: readonly [string, StreamKind][] = [
  ["ITU-T | ISO/IEC reserved", O],
  ["ISO/IEC 11172-2 (MPEG-1) video", V],
  ["ITU-T H.262 | ISO/IEC 13818-2 (MPEG-2) video", V],
  ["ISO/IEC 11172-3 (MPEG-1) audio", A],
  ["ISO/IEC 13818-3 (MPEG-2) audio", A],
  ["ISO/IEC 13818-1 private sections", D],
  ["ISO/IEC 13818-1 PES packets containing private data", D],
  ["ISO/IEC 13522 MHEG", D],
  ["ISO/IEC 13818-1 Annex A DSM-CC", D],
  ["ITU-T H.222.1", O],
  ["ISO/IEC 13818-6 type A", D],
  ["ISO/IEC 13818-6 type B", D],
  ["ISO/IEC 13818-6 type C", D],
  ["ISO/IEC 13818-6 type D", D],
  ["ISO/IEC 13818-1 auxiliary", D],
  ["ISO/IEC 13818-7 AAC audio with ADTS transport syntax", A],
  ["ISO/IEC 14496-2 (MPEG-4) visual", V],
  ["ISO/IEC 14496-3 (MPEG-4) audio with LATM transport syntax", A],
  ["ISO/IEC 14496-1 SL-packetized or FlexMux stream in PES packets", D],
  ["ISO/IEC 14496-1 SL-packetized or FlexMux stream in ISO/IEC 14496 sections", D],
  ["ISO/IEC 13818-6 synchronized download protocol", D],
  ["metadata in PES packets", D],
  ["metadata in metadata sections", D],
  ["metadata in ISO/IEC 13818-6 data carousel", D],
  ["metadata in ISO/IEC 13818-6 object carousel", D],
  ["metadata in ISO/IEC 13818-6 synchronized download protocol", D],
  ["ISO/IEC 13818-11 IPMP stream", D],
  ["ITU-T H.264 | ISO/IEC 14496-10 (AVC) video", V],
  ["ISO/IEC 14496-3 (MPEG-4) audio without additional transport syntax", A],
  ["ISO/IEC 14496-17 text", D],
  ["ISO/IEC 23002-3 auxiliary video", V],
  ["SVC video sub-bitstream of an AVC video stream (H.264 Annex G)", V],
  ["MVC video sub-bitstream of an AVC video stream (H.264 Annex H)", V],
  ["ITU-T T.800 | ISO/IEC 15444-1 (JPEG 2000) video", V],
  ["additional view H.262 | ISO/IEC 13818-2 video for stereoscopic 3D", V],
  ["additional view H.264 | ISO/IEC 14496-10 video for stereoscopic 3D", V],
  ["ITU-T H.265 | ISO/IEC 23008-2 (HEVC) video", V],
  ["HEVC temporal video subset (H.265 Annex A)", V],
  ["MVCD video sub-bitstream of an AVC video stream (H.264 Annex I)", V],
  ["timeline and external media information stream (Annex U)", D],
  ["HEVC enhancement sub-partition with TemporalId 0 (H.265 Annex G)", V],
  ["HEVC temporal enhancement sub-partition (H.265 Annex G)", V],
  ["HEVC enhancement sub-partition with TemporalId 0 (H.265 Annex H)", V],
  ["HEVC temporal enhancement sub-partition (H.265 Annex H)", V],
  ["green access units in MPEG-2 sections", D],
  ["ISO/IEC 23008-3 (MPEG-H 3D) audio with MHAS transport syntax, main stream", A],
  ["ISO/IEC 23008-3 (MPEG-H 3D) audio with MHAS transport syntax, auxiliary stream", A],
  ["quality access units in sections", D],
  ["media orchestration access units in sections", D],
  ["HEVC motion-constrained tile set substream", V],
  ["ISO/IEC 21122-2 (JPEG XS) video", V],
  ["ITU-T H.266 | ISO/IEC 23090-3 (VVC) video", V],
  ["VVC temporal video subset", V],
  ["ISO/IEC 23094-1 (EVC) video", V],
  ["ISO/IEC 23094-2 (LCEVC) video", V],
];

/** User-private stream types in common use (ATSC A/52 and A/53 Annex, SCTE 35, SCTE 27). */
const PRIVATE: Record<number, Entry> = {
  0x80: { name: "user private (ATSC: DigiCipher II video; Blu-ray: LPCM audio)", kind: O },
  0x81: { name: "ATSC A/52 AC-3 audio", kind: A },
  0x82: { name: "user private (SCTE 27 subtitles; Blu-ray: DTS audio)", kind: O },
  0x83: { name: "user private (Blu-ray: Dolby TrueHD audio)", kind: O },
  0x84: { name: "user private (Blu-ray: E-AC-3 audio)", kind: O },
  0x86: { name: "SCTE 35 splice information", kind: D },
  0x87: { name: "ATSC A/52 E-AC-3 audio", kind: A },
  0xea: { name: "user private (SMPTE VC-1 video)", kind: O },
};

/**
 * A name for a stream_type.
 * @param type stream_type, 0–255.
 * @returns The ISO/IEC 13818-1 Table 2-34 name, a common user-private meaning, "ITU-T | ISO/IEC reserved" for
 *   0x37–0x7E, "IPMP stream" for 0x7F, or "user private".
 * @example
 * ```ts
 * import { streamTypeName } from "./stream_type.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * deepStrictEqual([0x1b, 0x0f, 0x2f].map(streamTypeName), [
 *   "ITU-T H.264 | ISO/IEC 14496-10 (AVC) video",
 *   "ISO/IEC 13818-7 AAC audio with ADTS transport syntax",
 *   "quality access units in sections",
 * ]);
 * ```
 */
export function streamTypeName(type: number): string {
  return entry(type).name;
}

/**
 * What a stream_type carries: video, audio, data (sections, private data, metadata), or other.
 * @param type stream_type.
 * @returns The kind; user-private types other than 0x81, 0x86 and 0x87 are "other".
 * @example
 * ```ts
 * import { streamKind } from "./stream_type.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * deepStrictEqual([0x02, 0x81, 0x86, 0x06].map(streamKind), ["video", "audio", "data", "data"]);
 * ```
 */
export function streamKind(type: number): StreamKind {
  return entry(type).kind;
}

function entry(type: number): Entry {
  const iso = ISO[type];
  if (iso !== undefined) return { name: iso[0], kind: iso[1] };
  if (type === 0x7f) return { name: "IPMP stream", kind: D };
  if (type >= 0 && type < 0x7f) return { name: "ITU-T | ISO/IEC reserved", kind: O };
  return PRIVATE[type] ?? { name: "user private", kind: O };
}
