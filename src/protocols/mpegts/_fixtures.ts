/**
 * TS packets copied byte for byte from real captures, for table tests: `tests/testdata/demo.pcap` (ffmpeg, H.264 +
 * AAC over UDP, see tests/testdata/README.md) and the captures of `tests/testdata/mpegts/` (made by
 * scripts/make-mpegts-fixtures.sh, see the README there). `fixtures_test.ts` checks that every constant still equals
 * its packet in the committed file.
 *
 * Each constant names the file, tshark's frame number and the packet's place in the datagram
 * (`tshark -r FILE -Y frame.number==N -x` shows the same bytes after the 42-byte Ethernet/IPv4/UDP header). PSI
 * packets end in 0xFF stuffing, written here as the {@linkcode ts} padding instead of a hundred `ff`s.
 *
 * @module
 */
// This module is browser compatible.

import { hex } from "../_fixtures.ts";

export { hex };

/** A TS packet from a committed capture. */
export interface TsFixture {
  /** Path under tests/testdata/. */
  readonly file: string;
  /** tshark's frame.number. */
  readonly frame: number;
  /** Index of the packet in its datagram (0 = the first 188 bytes of the UDP or RTP payload). */
  readonly index: number;
  /** The 188 bytes. */
  readonly bytes: Uint8Array;
}

/** The captures these fixtures and the tshark comparison read: path under tests/testdata/, UDP port, RTP or not. */
export const MPEGTS_CAPTURES: readonly { readonly file: string; readonly port: number; readonly rtp: boolean }[] = [
  { file: "demo.pcap", port: 1234, rtp: false },
  { file: "mpegts/mpeg2-multilang.pcap", port: 1240, rtp: false },
  { file: "mpegts/h264-ac3-dvb.pcap", port: 1242, rtp: false },
  { file: "mpegts/hevc-atsc.pcap", port: 1244, rtp: false },
  { file: "mpegts/rtp-mpegts.pcap", port: 5010, rtp: true },
];

/**
 * A fixture from its first bytes, padded to 188 with 0xFF stuffing.
 * @param file Path under tests/testdata/.
 * @param frame tshark's frame number.
 * @param index Packet index in the datagram.
 * @param head The packet's bytes up to where its stuffing starts (or all 188).
 * @returns The fixture.
 */
export function ts(file: string, frame: number, index: number, head: Uint8Array): TsFixture {
  const bytes = new Uint8Array(188).fill(0xff);
  bytes.set(head.subarray(0, 188));
  return { file, frame, index, bytes };
}

/** The section bytes of a PSI packet: from `offset` (after the pointer field) for `length` bytes. */
export function sectionOf(f: TsFixture, offset: number, length: number): Uint8Array {
  return f.bytes.slice(offset, offset + length);
}

/**
 * tests/testdata/mpegts/rtp-mpegts.pcap frame 1: the 12-byte RTP header before seven TS packets (V=2, PT=33 MP2T,
 * sequence 0x0b55, timestamp 0xf70ab0f3, SSRC 0x30618513).
 */
export const RTP_MPEGTS_HEADER: Uint8Array = hex`80 21 0b 55  f7 0a b0 f3  30 61 85 13`;

/** demo.pcap frame 1, TS packet 1 of the datagram: SDT on PID 0x0011: service 1, provider "netpix", name "netpix-demo". The last 141 bytes are 0xFF stuffing. */
export const DEMO_SDT: TsFixture = ts(
  "demo.pcap",
  1,
  0,
  hex`
  47 40 11 10 00 42 f0 27 00 01 c1 00 00 ff 01 ff 00 01 fc 80 16 48 14 01 06 6e 65 74 70 69 78 0b
  6e 65 74 70 69 78 2d 64 65 6d 6f 4c 68 0f 6b`,
);

/** demo.pcap frame 1, TS packet 2 of the datagram: PAT on PID 0: transport_stream_id 1, program 1 → PMT PID 0x1000. The last 167 bytes are 0xFF stuffing. */
export const DEMO_PAT: TsFixture = ts(
  "demo.pcap",
  1,
  1,
  hex`
  47 40 00 10 00 00 b0 0d 00 01 c1 00 00 00 01 f0 00 2a b1 04 b2`,
);

/** demo.pcap frame 1, TS packet 3 of the datagram: PMT on PID 0x1000: PCR PID 0x100, H.264 (0x1b) on 0x100, AAC ADTS (0x0f) on 0x101. The last 157 bytes are 0xFF stuffing. */
export const DEMO_PMT: TsFixture = ts(
  "demo.pcap",
  1,
  2,
  hex`
  47 50 00 10 00 02 b0 17 00 01 c1 00 00 e1 00 f0 00 1b e1 00 f0 00 0f e1 01 f0 00 2f 44 b9 9b`,
);

/** demo.pcap frame 1, TS packet 4 of the datagram: PID 0x100, AFC '10' (adaptation field only), CC 15, 183-byte field with a PCR (base 64035, extension 0). The last 176 bytes are 0xFF stuffing. */
export const DEMO_PCR_ONLY: TsFixture = ts(
  "demo.pcap",
  1,
  3,
  hex`
  47 01 00 2f b7 10 00 00 7d 11 fe 00`,
);

/** demo.pcap frame 1, TS packet 5 of the datagram: null packet, PID 0x1FFF. The last 184 bytes are 0xFF stuffing. */
export const DEMO_NULL: TsFixture = ts(
  "demo.pcap",
  1,
  4,
  hex`
  47 1f ff 10`,
);

/** demo.pcap frame 1, TS packet 7 of the datagram: PID 0x100, PUSI, CC 0, random access + PCR (base 65050, extension 60), PES video stream 0 with PTS 127920. */
export const DEMO_VIDEO_PES_START: TsFixture = ts(
  "demo.pcap",
  1,
  6,
  hex`
  47 41 00 30 07 50 00 00 7f 0d 7e 3c 00 00 01 e0 00 00 80 80 05 21 00 07 e7 61 00 00 00 01 09 f0
  00 00 00 01 67 42 c0 0d da 05 07 ec 04 40 00 00 03 00 40 00 00 0c a3 c5 0a a8 00 00 00 01 68 ce
  3c 80 00 00 01 06 05 ff ff ab dc 45 e9 bd e6 d9 48 b7 96 2c d8 20 d9 23 ee ef 78 32 36 34 20 2d
  20 63 6f 72 65 20 31 36 34 20 72 33 30 39 35 20 62 61 65 65 34 30 30 20 2d 20 48 2e 32 36 34 2f
  4d 50 45 47 2d 34 20 41 56 43 20 63 6f 64 65 63 20 2d 20 43 6f 70 79 6c 65 66 74 20 32 30 30 33
  2d 32 30 32 32 20 2d 20 68 74 74 70 3a 2f 2f 77 77 77 2e 76 69 64 65 6f 6c 61 6e 2e`,
);

/** demo.pcap frame 52, TS packet 1 of the datagram: PID 0x101, PUSI, CC 0, adaptation field of length 1 (random access), PES audio stream 0, length 2267, PTS 126000. */
export const DEMO_AUDIO_PES_START: TsFixture = ts(
  "demo.pcap",
  52,
  0,
  hex`
  47 41 01 30 01 40 00 00 01 c0 08 db 80 80 05 21 00 07 d8 61 ff f1 4c 40 13 df fc de 02 00 4c 61
  76 63 35 39 2e 33 37 2e 31 30 30 00 02 5c a8 5a e9 2c 6d 71 bb df 73 2f db a4 b1 72 64 91 1e 72
  2e 49 04 0a 6a 9d a6 a9 d8 34 16 9e c2 64 6a 46 15 1e 74 45 48 3c 1c 1b de 8f 8f f6 be a6 de 3b
  2a d9 b6 b5 dc 95 c6 bd 71 9e 9d 8e b2 d6 a7 6b 52 31 d1 ad 9f 5b 29 6c a5 52 95 4d 55 35 54 a5
  52 95 4a 55 29 34 a5 52 95 46 55 61 34 93 49 34 93 49 34 93 49 34 93 49 34 93 49 34 93 49 34 93
  49 34 93 49 34 93 48 d2 34 8d 24 d2 4c f3 3c ce ce dc ff f1 4c 40 19 1f fc 01 3a 98`,
);

/** demo.pcap frame 368, TS packet 6 of the datagram: PID 0x100, AFC '11', adaptation_field_length 0 (one stuffing byte), CC 7. */
export const DEMO_AF_LENGTH_0: TsFixture = ts(
  "demo.pcap",
  368,
  5,
  hex`
  47 01 00 37 00 a7 ae 11 5a e1 9c b0 43 93 86 a0 3f 5e 58 1f 28 41 a7 03 29 b1 07 fa a6 86 d5 88
  97 43 86 d7 ff c3 34 df 99 89 9b 3f f8 f8 15 89 14 bb 1a c6 4b 27 18 8d 0d 50 9b 76 b1 fe b8 80
  b7 2d 33 82 02 60 c6 0d 13 87 c1 ff 53 09 dd 67 4f ca ea e1 f8 68 fe 20 18 43 08 02 28 a8 3a b7
  39 ec 0b 58 7e 14 56 9a d0 18 dd 72 51 7a 53 ee 97 c1 97 d9 b0 de 7e 1f 45 2e a5 c1 e0 12 bf ab
  df c7 92 02 03 9f c4 ac 5f 3d 7f 0f ad dd 23 fc ff e1 99 16 c7 19 6e 3d fe f5 1f 7d 7f fe 24 f7
  1f 08 6f ab bc ff f3 d7 d8 d5 79 ef 97 fc 87 f3 f1 50 42 08 62 4f c9 82 1f 04 31 f0`,
);

/** mpegts/mpeg2-multilang.pcap frame 1, TS packet 2 of the datagram: PAT with an adaptation field of length 1 (discontinuity_indicator, -mpegts_flags +initial_discontinuity). The last 165 bytes are 0xFF stuffing. */
export const MULTILANG_PAT: TsFixture = ts(
  "mpegts/mpeg2-multilang.pcap",
  1,
  1,
  hex`
  47 40 00 30 01 80 00 00 b0 0d 00 01 c1 00 00 00 01 f0 00 2a b1 04 b2`,
);

/** mpegts/mpeg2-multilang.pcap frame 1, TS packet 3 of the datagram: first part of a 197-byte PMT: MPEG-2 video and 16 MPEG-1 audio streams with ISO 639 descriptors. */
export const MULTILANG_PMT_START: TsFixture = ts(
  "mpegts/mpeg2-multilang.pcap",
  1,
  2,
  hex`
  47 50 00 30 01 80 00 02 b0 c2 00 01 c1 00 00 e1 00 f0 00 02 e1 00 f0 00 03 e1 01 f0 06 0a 04 65
  6e 67 00 03 e1 02 f0 06 0a 04 64 65 75 00 03 e1 03 f0 06 0a 04 66 72 61 00 03 e1 04 f0 06 0a 04
  73 70 61 00 03 e1 05 f0 06 0a 04 69 74 61 00 03 e1 06 f0 06 0a 04 6e 6c 64 00 03 e1 07 f0 06 0a
  04 70 6f 72 00 03 e1 08 f0 06 0a 04 73 77 65 00 03 e1 09 f0 06 0a 04 6e 6f 72 00 03 e1 0a f0 06
  0a 04 64 61 6e 00 03 e1 0b f0 06 0a 04 66 69 6e 00 03 e1 0c f0 06 0a 04 70 6f 6c 00 03 e1 0d f0
  06 0a 04 63 65 73 00 03 e1 0e f0 06 0a 04 68 75 6e 00 03 e1 0f f0 06 0a 04 65 6c 6c`,
);

/** mpegts/mpeg2-multilang.pcap frame 1, TS packet 4 of the datagram: the PMT's last 16 bytes (PUSI 0, CC 1): the end of the 15th stream, the 16th ("tur") and CRC_32. The last 168 bytes are 0xFF stuffing. */
export const MULTILANG_PMT_END: TsFixture = ts(
  "mpegts/mpeg2-multilang.pcap",
  1,
  3,
  hex`
  47 10 00 11 00 03 e1 10 f0 06 0a 04 74 75 72 00 02 bb 9d cb`,
);

/** mpegts/mpeg2-multilang.pcap frame 1, TS packet 5 of the datagram: PID 0x100, discontinuity + random access + PCR, PES video stream 0 with PTS 129600 and DTS 126000. */
export const MULTILANG_VIDEO_PES_START: TsFixture = ts(
  "mpegts/mpeg2-multilang.pcap",
  1,
  4,
  hex`
  47 41 00 30 07 d0 00 00 7b 0c 7e 00 00 00 01 e0 00 00 80 c0 0a 31 00 07 f4 81 11 00 07 d8 61 00
  00 01 b3 0a 00 78 23 ff ff e0 28 00 00 01 b5 14 8a 00 01 00 00 00 00 01 b8 00 08 00 40 00 00 01
  00 00 0f ff f8 00 00 01 b5 8f ff f3 41 80 00 00 01 01 1b f9 c1 48 00 7c 03 a0 0d 09 80 54 04 ea
  25 96 06 33 00 dd 25 96 5a 4b e8 41 45 06 06 3a 4b 4f 02 45 23 f6 df d6 60 2a 00 98 02 c0 0b 7a
  8a 01 b8 05 4c 08 5f f0 06 40 2d 1a 30 06 c0 16 30 05 a0 65 c0 48 4a 1a cb 66 ba 20 19 a0 b0 c0
  41 01 80 13 92 c0 2a 26 13 00 0c c3 0b 01 8f 46 2d 00 3a 2c 07 65 70 c2 11 65 a3 a8`,
);

/** mpegts/h264-ac3-dvb.pcap frame 1, TS packet 2 of the datagram: PAT version 3 (-tables_version 3): program 7 → PMT PID 0x0200. The last 167 bytes are 0xFF stuffing. */
export const DVB_PAT: TsFixture = ts(
  "mpegts/h264-ac3-dvb.pcap",
  1,
  1,
  hex`
  47 40 00 10 00 00 b0 0d 00 01 c7 00 00 00 07 e2 00 39 f3 87 6d`,
);

/** mpegts/h264-ac3-dvb.pcap frame 1, TS packet 3 of the datagram: PMT on PID 0x200, version 3: H.264, AC-3 and E-AC-3 as stream type 0x06 with registration, AC-3/enhanced AC-3 and ISO 639 descriptors. The last 122 bytes are 0xFF stuffing. */
export const DVB_PMT: TsFixture = ts(
  "mpegts/h264-ac3-dvb.pcap",
  1,
  2,
  hex`
  47 42 00 10 00 02 b0 3a 00 07 c7 00 00 e1 00 f0 00 1b e1 00 f0 00 06 e1 01 f0 0f 05 04 41 43 2d
  33 6a 01 00 0a 04 65 6e 67 00 06 e1 02 f0 0f 05 04 45 41 43 33 7a 01 00 0a 04 64 65 75 00 1a d8
  c5 c8`,
);

/** mpegts/hevc-atsc.pcap frame 1, TS packet 3 of the datagram: PMT: HEVC (0x24, registration "HEVC"), AC-3 (0x81), E-AC-3 (0x87), AAC LATM (0x11). The last 123 bytes are 0xFF stuffing. */
export const ATSC_PMT: TsFixture = ts(
  "mpegts/hevc-atsc.pcap",
  1,
  2,
  hex`
  47 50 00 10 00 02 b0 39 00 01 c1 00 00 e0 31 f0 00 24 e0 31 f0 06 05 04 48 45 56 43 81 e0 32 f0
  0c 05 04 41 43 2d 33 0a 04 65 6e 67 00 87 e0 33 f0 06 05 04 45 41 43 33 11 e0 34 f0 00 80 4f f0
  4f`,
);
