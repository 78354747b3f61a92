/**
 * Descriptor loops (ISO/IEC 13818-1 §2.6, Table 2-45; ETSI EN 300 468 §6.1, Table 12): `descriptor_tag (8)
 * descriptor_length (8) body…`, repeated to the loop's length. The dispatcher decodes the tags it knows; every other
 * descriptor keeps its tag, its name and a view of its body.
 *
 * A descriptor whose length runs past its loop never throws (the original tool panicked): the loop stops there and
 * its `error` says why, with the descriptors before it kept.
 *
 * @module
 */
// This module is browser compatible.

import { type Decoded, type DecodeFailure, failure, isFailure } from "../../decode_result.ts";
import { type AudioStreamDescriptor, decodeAudioStreamDescriptor } from "./audio_stream.ts";
import { type AvcVideoDescriptor, decodeAvcVideoDescriptor } from "./avc_video.ts";
import {
  decodeMultiplexBufferUtilizationDescriptor,
  decodeSmoothingBufferDescriptor,
  decodeStdDescriptor,
  type MultiplexBufferUtilizationDescriptor,
  type SmoothingBufferDescriptor,
  type StdDescriptor,
} from "./buffer.ts";
import { type CaDescriptor, decodeCaDescriptor } from "./ca.ts";
import { type DataStreamAlignmentDescriptor, decodeDataStreamAlignmentDescriptor } from "./data_stream_alignment.ts";
import {
  decodeDvbAacDescriptor,
  decodeDvbAc3Descriptor,
  decodeDvbEnhancedAc3Descriptor,
  type DvbAacDescriptor,
  type DvbAc3Descriptor,
  type DvbEnhancedAc3Descriptor,
} from "./dvb_audio.ts";
import { decodeDvbServiceDescriptor, type DvbServiceDescriptor } from "./dvb_service.ts";
import { decodeDvbStreamIdentifierDescriptor, type DvbStreamIdentifierDescriptor } from "./dvb_stream_identifier.ts";
import { decodeHevcVideoDescriptor, type HevcVideoDescriptor } from "./hevc_video.ts";
import { decodeHierarchyDescriptor, type HierarchyDescriptor } from "./hierarchy.ts";
import { decodeIbpDescriptor, type IbpDescriptor } from "./ibp.ts";
import { decodeIso639LanguageDescriptor, type Iso639LanguageDescriptor } from "./iso639_language.ts";
import { decodeMaximumBitrateDescriptor, type MaximumBitrateDescriptor } from "./maximum_bitrate.ts";
import {
  decodeMpeg4AudioDescriptor,
  decodeMpeg4VideoDescriptor,
  type Mpeg4AudioDescriptor,
  type Mpeg4VideoDescriptor,
} from "./mpeg4.ts";
import {
  type CopyrightDescriptor,
  decodeCopyrightDescriptor,
  decodePrivateDataIndicatorDescriptor,
  decodeRegistrationDescriptor,
  type PrivateDataIndicatorDescriptor,
  type RegistrationDescriptor,
} from "./registration.ts";
import { decodeSystemClockDescriptor, type SystemClockDescriptor } from "./system_clock.ts";
import { decodeVideoStreamDescriptor, type VideoStreamDescriptor } from "./video_stream.ts";
import {
  decodeTargetBackgroundGridDescriptor,
  decodeVideoWindowDescriptor,
  type TargetBackgroundGridDescriptor,
  type VideoWindowDescriptor,
} from "./video_window.ts";

/** Every descriptor body this module decodes, told apart by `kind`. */
export type DescriptorBody =
  | VideoStreamDescriptor
  | AudioStreamDescriptor
  | HierarchyDescriptor
  | RegistrationDescriptor
  | DataStreamAlignmentDescriptor
  | TargetBackgroundGridDescriptor
  | VideoWindowDescriptor
  | CaDescriptor
  | Iso639LanguageDescriptor
  | SystemClockDescriptor
  | MultiplexBufferUtilizationDescriptor
  | CopyrightDescriptor
  | MaximumBitrateDescriptor
  | PrivateDataIndicatorDescriptor
  | SmoothingBufferDescriptor
  | StdDescriptor
  | IbpDescriptor
  | Mpeg4VideoDescriptor
  | Mpeg4AudioDescriptor
  | AvcVideoDescriptor
  | HevcVideoDescriptor
  | DvbServiceDescriptor
  | DvbStreamIdentifierDescriptor
  | DvbAc3Descriptor
  | DvbEnhancedAc3Descriptor
  | DvbAacDescriptor;

/** One descriptor of a loop. */
export interface Descriptor {
  readonly tag: number;
  /** descriptor_length. */
  readonly length: number;
  /** {@linkcode descriptorTagName} of the tag. */
  readonly name: string;
  /** The body (a view of the input). */
  readonly data: Uint8Array;
  /** The decoded body; null for a tag not decoded here, or when the body does not fit its syntax (see `error`). */
  readonly decoded: DescriptorBody | null;
  /** Why a body of a decoded tag could not be read (too short, not a multiple of its entry size…), or null. */
  readonly error: DecodeFailure | null;
}

/** A decoded descriptor loop. */
export interface DescriptorList {
  /** The descriptors that fit in the loop. */
  readonly descriptors: readonly Descriptor[];
  /** Why the loop stopped early (a descriptor header or body past the loop's end), or null. */
  readonly error: DecodeFailure | null;
}

/** The tags decoded by {@linkcode decodeDescriptorBody}, with their decoders. */
const DECODERS: Record<number, (data: Uint8Array) => Decoded<DescriptorBody>> = {
  0x02: decodeVideoStreamDescriptor,
  0x03: decodeAudioStreamDescriptor,
  0x04: decodeHierarchyDescriptor,
  0x05: decodeRegistrationDescriptor,
  0x06: decodeDataStreamAlignmentDescriptor,
  0x07: decodeTargetBackgroundGridDescriptor,
  0x08: decodeVideoWindowDescriptor,
  0x09: decodeCaDescriptor,
  0x0a: decodeIso639LanguageDescriptor,
  0x0b: decodeSystemClockDescriptor,
  0x0c: decodeMultiplexBufferUtilizationDescriptor,
  0x0d: decodeCopyrightDescriptor,
  0x0e: decodeMaximumBitrateDescriptor,
  0x0f: decodePrivateDataIndicatorDescriptor,
  0x10: decodeSmoothingBufferDescriptor,
  0x11: decodeStdDescriptor,
  0x12: decodeIbpDescriptor,
  0x1b: decodeMpeg4VideoDescriptor,
  0x1c: decodeMpeg4AudioDescriptor,
  0x28: decodeAvcVideoDescriptor,
  0x38: decodeHevcVideoDescriptor,
  0x48: decodeDvbServiceDescriptor,
  0x52: decodeDvbStreamIdentifierDescriptor,
  0x6a: decodeDvbAc3Descriptor,
  0x7a: decodeDvbEnhancedAc3Descriptor,
  0x7c: decodeDvbAacDescriptor,
};

/** The tags that {@linkcode decodeDescriptorBody} decodes, in ascending order. */
export const DECODED_DESCRIPTOR_TAGS: readonly number[] = Object.keys(DECODERS).map(Number).sort((a, b) => a - b);

/**
 * Decodes the body of a descriptor by its tag.
 * @param tag descriptor_tag.
 * @param data The body.
 * @returns The decoded body, a failure, or null for a tag not decoded here.
 * @example
 * ```ts
 * import { decodeDescriptorBody } from "./descriptor.ts";
 * import { strictEqual } from "node:assert/strict";
 * const d = decodeDescriptorBody(0x52, new Uint8Array([7]));
 * strictEqual(d !== null && "kind" in d && d.kind, "dvb_stream_identifier");
 * ```
 */
export function decodeDescriptorBody(tag: number, data: Uint8Array): DescriptorBody | DecodeFailure | null {
  const decode = DECODERS[tag];
  return decode === undefined ? null : decode(data);
}

/**
 * Decodes the descriptor loop of `length` bytes at `offset`.
 *
 * @param bytes The buffer.
 * @param offset First byte of the loop.
 * @param length The loop length (program_info_length, ES_info_length, descriptors_loop_length…).
 * @returns The descriptors; `error` is set when the loop's declared length runs past `bytes` or a descriptor runs
 *   past the loop.
 *
 * @example ffmpeg's AC-3 stream in DVB mode (tests/testdata/mpegts/h264-ac3-dvb.pcap PMT)
 * ```ts
 * import { decodeDescriptors } from "./descriptor.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const loop = new Uint8Array([0x05, 4, 0x41, 0x43, 0x2d, 0x33, 0x6a, 1, 0x00, 0x0a, 4, 0x65, 0x6e, 0x67, 0x00]);
 * const list = decodeDescriptors(loop, 0, loop.length);
 * deepStrictEqual(list.descriptors.map((d) => d.name), ["registration", "AC-3", "ISO 639 language"]);
 * deepStrictEqual(list.error, null);
 * ```
 */
export function decodeDescriptors(bytes: Uint8Array, offset: number, length: number): DescriptorList {
  const descriptors: Descriptor[] = [];
  let end = offset + length;
  let error: DecodeFailure | null = null;
  if (offset < 0 || length < 0) return { descriptors, error: failure("psi", "bad-length", offset, "negative loop") };
  if (end > bytes.length) {
    error = failure("psi", "truncated", offset, `descriptor loop of ${length} bytes, ${bytes.length - offset} remain`);
    end = bytes.length;
  }
  let p = offset;
  while (p < end) {
    if (p + 2 > end) {
      error ??= failure("psi", "bad-length", p - offset, "descriptor header cut by the end of the loop");
      break;
    }
    const tag = bytes[p]!;
    const len = bytes[p + 1]!;
    if (p + 2 + len > end) {
      error ??= failure(
        "psi",
        "bad-length",
        p - offset,
        `descriptor 0x${tag.toString(16).padStart(2, "0")} length ${len} runs past the loop: ${
          end - p - 2
        } bytes remain`,
      );
      break;
    }
    const data = bytes.subarray(p + 2, p + 2 + len);
    const body = decodeDescriptorBody(tag, data);
    const bad = body !== null && isFailure(body) ? body : null;
    const decoded = body !== null && !isFailure(body) ? body : null;
    descriptors.push({ tag, length: len, name: descriptorTagName(tag), data, decoded, error: bad });
    p += 2 + len;
  }
  return { descriptors, error };
}

const MPEG_TAGS: readonly string[] = [
  "reserved",
  "forbidden",
  "video stream",
  "audio stream",
  "hierarchy",
  "registration",
  "data stream alignment",
  "target background grid",
  "video window",
  "CA",
  "ISO 639 language",
  "system clock",
  "multiplex buffer utilization",
  "copyright",
  "maximum bitrate",
  "private data indicator",
  "smoothing buffer",
  "STD",
  "IBP",
  "DSM-CC carousel identifier",
  "DSM-CC association tag",
  "DSM-CC deferred association tags",
  "ISO/IEC 13818-6 reserved",
  "DSM-CC NPT reference",
  "DSM-CC NPT endpoint",
  "DSM-CC stream mode",
  "DSM-CC stream event",
  "MPEG-4 video",
  "MPEG-4 audio",
  "IOD",
  "SL",
  "FMC",
  "external ES ID",
  "MuxCode",
  "FmxBufferSize",
  "multiplex buffer",
  "content labeling",
  "metadata pointer",
  "metadata",
  "metadata STD",
  "AVC video",
  "IPMP",
  "AVC timing and HRD",
  "MPEG-2 AAC audio",
  "FlexMux timing",
  "MPEG-4 text",
  "MPEG-4 audio extension",
  "auxiliary video stream",
  "SVC extension",
  "MVC extension",
  "J2K video",
  "MVC operation point",
  "MPEG-2 stereoscopic video format",
  "stereoscopic program info",
  "stereoscopic video info",
  "transport profile",
  "HEVC video",
  "VVC video",
  "EVC video",
  "reserved",
  "reserved",
  "reserved",
  "reserved",
  "extension",
];

const DVB_TAGS: readonly string[] = [
  "network name",
  "service list",
  "stuffing",
  "satellite delivery system",
  "cable delivery system",
  "VBI data",
  "VBI teletext",
  "bouquet name",
  "service",
  "country availability",
  "linkage",
  "NVOD reference",
  "time shifted service",
  "short event",
  "extended event",
  "time shifted event",
  "component",
  "mosaic",
  "stream identifier",
  "CA identifier",
  "content",
  "parental rating",
  "teletext",
  "telephone",
  "local time offset",
  "subtitling",
  "terrestrial delivery system",
  "multilingual network name",
  "multilingual bouquet name",
  "multilingual service name",
  "multilingual component",
  "private data specifier",
  "service move",
  "short smoothing buffer",
  "frequency list",
  "partial transport stream",
  "data broadcast",
  "scrambling",
  "data broadcast id",
  "transport stream",
  "DSNG",
  "PDC",
  "AC-3",
  "ancillary data",
  "cell list",
  "cell frequency link",
  "announcement support",
  "application signalling",
  "adaptation field data",
  "service identifier",
  "service availability",
  "default authority",
  "related content",
  "TVA id",
  "content identifier",
  "time slice FEC identifier",
  "ECM repetition rate",
  "S2 satellite delivery system",
  "enhanced AC-3",
  "DTS",
  "AAC",
  "XAIT location",
  "FTA content management",
  "extension (DVB)",
];

/**
 * A name for a descriptor tag: ISO/IEC 13818-1 Table 2-45 for 0x00–0x3F, ETSI EN 300 468 Table 12 for 0x40–0x7F,
 * "user private" for 0x80–0xFE, "forbidden" for 0xFF.
 * @param tag descriptor_tag.
 * @returns The name.
 * @example
 * ```ts
 * import { descriptorTagName } from "./descriptor.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * deepStrictEqual([0x0a, 0x28, 0x48, 0x6a, 0x81].map(descriptorTagName), ["ISO 639 language", "AVC video", "service", "AC-3", "user private"]);
 * ```
 */
export function descriptorTagName(tag: number): string {
  if (tag < 0x40) return MPEG_TAGS[tag] ?? "reserved";
  if (tag < 0x80) return DVB_TAGS[tag - 0x40]!;
  return tag === 0xff ? "forbidden" : "user private";
}
