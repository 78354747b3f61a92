/**
 * MPEG-2 transport streams over UDP and RTP: TS packets and adaptation fields, PES headers, PSI section reassembly,
 * PAT/PMT/CAT and the DVB SDT, and the descriptors in them (ISO/IEC 13818-1, ETSI EN 300 468). Every decoder takes
 * bytes and an offset, never throws on bad bytes and returns a value or a `DecodeFailure`.
 *
 * @example Walk the packets of a datagram and reassemble its PAT
 * ```ts
 * import { type AssembledSection, decodePat, SectionAssembler, TsPacketReader, TsStatus } from "./mod.ts";
 * import { isFailure } from "../decode_result.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const datagram = new Uint8Array(188).fill(0xff); // tests/testdata/demo.pcap frame 1, packet 2 (the PAT)
 * datagram.set([0x47, 0x40, 0x00, 0x10, 0x00,
 *   0x00, 0xb0, 0x0d, 0x00, 0x01, 0xc1, 0x00, 0x00, 0x00, 0x01, 0xf0, 0x00, 0x2a, 0xb1, 0x04, 0xb2]);
 * const sections: AssembledSection[] = [];
 * const psi = new SectionAssembler((s) => sections.push(s));
 * const r = new TsPacketReader();
 * if (r.begin(datagram, 0, datagram.length)) {
 *   while (r.next()) if (r.status === TsStatus.Ok && r.pid === 0) psi.pushPacket(datagram, r.offset);
 * }
 * const pat = decodePat(sections[0]!.bytes);
 * deepStrictEqual(isFailure(pat) ? pat : pat.programs, [{ programNumber: 1, pmtPid: 0x1000 }]);
 * ```
 *
 * @module
 */
// This module is browser compatible.

export * from "./packet.ts";
export * from "./pid.ts";
export * from "./adaptation_field.ts";
export * from "./pes.ts";
export * from "./psi/crc32.ts";
export * from "./psi/section.ts";
export * from "./psi/assembler.ts";
export * from "./psi/pat.ts";
export * from "./psi/pmt.ts";
export * from "./psi/cat.ts";
export * from "./psi/sdt.ts";
export * from "./psi/stream_type.ts";
export * from "./descriptors/descriptor.ts";
export * from "./descriptors/video_stream.ts";
export * from "./descriptors/audio_stream.ts";
export * from "./descriptors/hierarchy.ts";
export * from "./descriptors/registration.ts";
export * from "./descriptors/data_stream_alignment.ts";
export * from "./descriptors/video_window.ts";
export * from "./descriptors/ca.ts";
export * from "./descriptors/iso639_language.ts";
export * from "./descriptors/system_clock.ts";
export * from "./descriptors/buffer.ts";
export * from "./descriptors/maximum_bitrate.ts";
export * from "./descriptors/ibp.ts";
export * from "./descriptors/mpeg4.ts";
export * from "./descriptors/avc_video.ts";
export * from "./descriptors/hevc_video.ts";
export * from "./descriptors/dvb_service.ts";
export * from "./descriptors/dvb_stream_identifier.ts";
export * from "./descriptors/dvb_audio.ts";
