/**
 * RTP packets copied byte for byte from real captures, for table tests: `tests/testdata/demo.pcap` (ffmpeg H.264 and
 * Opus) and the files in `tests/testdata/rtp/` (Chromium, ffmpeg, GStreamer; see the README there for how each was
 * made). Each constant is the UDP payload of one frame; to see it, run
 * `tshark -r tests/testdata/FILE -Y frame.number==N -x`. Long packets keep only their first bytes (the header and the
 * start of the payload); `udpLength` gives the whole length. `header_test.ts` checks every constant against
 * its frame in the committed file.
 *
 * The few packets no real sender here could produce (a playout-delay element, a generic RFC 3550 §5.3.1 extension)
 * are at the end, under "Hand-built", each with the RFC figure it follows.
 *
 * @module
 */
// This module is browser compatible.

import { concat, hex } from "../_fixtures.ts";

export { concat, hex, withByte } from "../_fixtures.ts";

/** A UDP payload (or its first bytes) from a committed capture. */
export interface RtpFixture {
  /** Capture file under tests/testdata/. */
  readonly file: string;
  /** tshark's frame.number. */
  readonly frame: number;
  /** Length of the whole UDP payload; `bytes` may hold only its first bytes. */
  readonly udpLength: number;
  /** The UDP payload, or its first bytes. */
  readonly bytes: Uint8Array;
}

/** demo.pcap frame 18: Opus from ffmpeg, 20 ms (`127.0.0.1:35217 → 5006`). */
export const DEMO_OPUS: RtpFixture = {
  file: "demo.pcap",
  frame: 18,
  udpLength: 94,
  bytes: hex`
  80ef7531 40a1998a 55667788  # V=2 CC=0 M PT=111 seq=30001 ts=1084332426 ssrc=0x55667788
  789e1ea1 e7fc954d 4eaa18d2 f3ddc0d8 9e3976c3 4f95fb08 5d2bf3db 59f3d289  # Opus: TOC 0x78 (CELT fullband 20 ms, one frame)
  b441ade1 794e7d73 f48651d5 08235d39 37bacd88 77e49c55 a1aff1fc 182609b6
  8bec5aab a32a5f4a 10c35be1 eb19aba1 eabd
`,
};

/** demo.pcap frame 297: H.264 from ffmpeg/libx264: STAP-A with the SPS and PPS sent before an IDR picture. */
export const DEMO_H264_STAP_A_SPS_PPS: RtpFixture = {
  file: "demo.pcap",
  frame: 297,
  udpLength: 43,
  bytes: hex`
  80600429 1a4175ad 11223344  # V=2 CC=0 PT=96 seq=1065 ts=440497581 ssrc=0x11223344
  18001667 42c00cda 0507ec04 40000003 00400000 0a23c50a a8000468 ce3c80  # STAP-A (24); size 22, SPS (0x67); size 4, PPS (0x68)
`,
};

/** demo.pcap frame 11 (first 40 of 1200 bytes): H.264: FU-A start of the first IDR slice (first_mb_in_slice 0). */
export const DEMO_H264_FU_A_IDR_START: RtpFixture = {
  file: "demo.pcap",
  frame: 11,
  udpLength: 1200,
  bytes: hex`
  806003ea 1a3eb68d 11223344  # V=2 CC=0 PT=96 seq=1002 ts=440317581 ssrc=0x11223344
  7c858884 6898a000 224b2711 83800081 e8000810 710000d0 1e200008  # FU indicator 0x7c (NRI 3, FU-A); FU header 0x85 (S, type 5 IDR); slice 0x88: first_mb_in_slice 0
`,
};

/** demo.pcap frame 12 (first 40 of 902 bytes): H.264: FU-A end of the first IDR slice; the picture goes on with a second slice (`first_mb_in_slice` 160) in frame 13. */
export const DEMO_H264_FU_A_IDR_END: RtpFixture = {
  file: "demo.pcap",
  frame: 12,
  udpLength: 902,
  bytes: hex`
  806003eb 1a3eb68d 11223344  # V=2 CC=0 PT=96 seq=1003 ts=440317581 ssrc=0x11223344
  7c452219 73200886 5cc005e0 138752f3 4a38f05e fb830782 a0d58416  # FU indicator 0x7c; FU header 0x45 (E, type 5 IDR)
`,
};

/** demo.pcap frame 20: H.264: STAP-A with the two slices of a non-IDR picture, M set. */
export const DEMO_H264_STAP_A_SLICES: RtpFixture = {
  file: "demo.pcap",
  frame: 20,
  udpLength: 191,
  bytes: hex`
  80e003ef 1a3ec821 11223344  # V=2 CC=0 M PT=96 seq=1007 ts=440322081 ssrc=0x11223344
  18000641 9a20c805 0c00a841 01426883 207b0c78 8853aac0 019a4699 1a312ab2  # STAP-A (24); size 6, slice 0x41 0x9a (type 1, first_mb 0); size 168, slice 0x41 0x01
  a82aaaaa aaabfc29 0eabaaaa aaaaaaff 863f049b dd18ac31 e18fd6fc 31fa8fb8
  63c31e10 86703c18 883a0010 efdf0043 168d1f3d ffc31e10 86b03c18 883a15a7
  0efde005 0f068731 44aaf7f0 c7863f04 fd57556e 10b80037 6cde66cc 3eefc30f
  ebd8b7f7 0c7f5f14 f8a7e18e 29f8639d f88e289e 23244714 4f051597 ea19baaf
  866eabb8 20f0cfeb 149dcf8f ff0cc45d f77c35
`,
};

/** demo.pcap frame 104: H.264: a single non-IDR slice NAL unit that starts a picture (first_mb_in_slice 0). */
export const DEMO_H264_SINGLE_SLICE: RtpFixture = {
  file: "demo.pcap",
  frame: 104,
  udpLength: 57,
  bytes: hex`
  806003fe 1a3fbe39 11223344  # V=2 CC=0 PT=96 seq=1022 ts=440385081 ssrc=0x11223344
  419be012 a2f36380 5dfcf49f 04be3fc3 7f13c904 7f1d8465 bdb9f03a ef9619f9  # NAL header 0x41 (NRI 2, type 1); 0x9b: first_mb_in_slice 0
  ea4538d0 7ac785f7 40641501 23
`,
};

/** rtp/chrome-av1.pcap frame 7: Opus from Chromium with abs-send-time (2), transport-wide-cc (4), MID (9) and audio level (14) in the one-byte form. */
export const CHROME_OPUS_ONE_BYTE: RtpFixture = {
  file: "rtp/chrome-av1.pcap",
  frame: 7,
  udpLength: 125,
  bytes: hex`
  90ef7aa1 afb9318b 9acde651  # V=2 X CC=0 M PT=111 seq=31393 ts=2948149643 ssrc=0x9acde651
  bede0003  # extension: profile 0xbede (one-byte), 3 words
  22bce432  # ID 2 abs-send-time, 3 bytes
  410003  # ID 4 transport-wide-cc, 2 bytes
  9031  # ID 9 MID, 1 byte
  e083  # ID 14 audio level, 1 byte
  00  # padding
  78852a44 ab6c5a4e 6aa6ab69 197b55d4 cb720735 30cc93e4 9b6ecbe7 dc327310  # Opus
  5450bdde 84b9f2cb e3e4e659 0f1bc80b 2e65146b 8bd3e4c3 deec36c3 aec678df
  45bb158c b54dc8b3 fb8e151b ad60dfb9 a6ace777 37ab7328 2d5bc0cb 93b6725c
  c1
`,
};

/** rtp/chrome-av1.pcap frame 6 (first 96 of 264 bytes): AV1 key frame from Chromium, one packet: N=1, a sequence header and a frame; the extensions include video orientation (3) and color space (8). */
export const CHROME_AV1_KEY_FRAME: RtpFixture = {
  file: "rtp/chrome-av1.pcap",
  frame: 6,
  udpLength: 264,
  bytes: hex`
  90ad55ae c9b3de8c 4b49e913  # V=2 X CC=0 M PT=45 seq=21934 ts=3384008332 ssrc=0x4b49e913
  bede0008  # extension: profile 0xbede (one-byte), 8 words
  22bce0e4  # ID 2 abs-send-time, 3 bytes
  410002  # ID 4 transport-wide-cc, 2 bytes
  9030  # ID 9 MID, 1 byte
  83010d01 20  # ID 8 color-space, 4 bytes
  3000  # ID 3 video-orientation, 1 byte
  7c010008 000b000c 000f0000 0000  # ID 7 video-timing, 13 bytes
  0000  # padding
  280b0800 0000043c ffbc01a0 0830104b 801e79e7 850b1b00 b5f45e9a 49e6bc78  # AV1 aggregation header 0x28 (N, W=2); size 11, OBU 0x08 (SEQUENCE_HEADER) …; OBU 0x30 (FRAME)
  4b2e4f4e a2307d50 b87e2f4f 9393ef99
`,
};

/** rtp/chrome-av1.pcap frame 158 (first 48 of 615 bytes): AV1 from Chromium: a frame OBU that goes on in the next packet (Y=1). */
export const CHROME_AV1_FIRST_FRAGMENT: RtpFixture = {
  file: "rtp/chrome-av1.pcap",
  frame: 158,
  udpLength: 615,
  bytes: hex`
  902d55c4 c9b5c62a 4b49e913  # V=2 X CC=0 PT=45 seq=21956 ts=3384133162 ssrc=0x4b49e913
  bede0002  # extension: profile 0xbede (one-byte), 2 words
  22c263c3  # ID 2 abs-send-time, 3 bytes
  410076  # ID 4 transport-wide-cc, 2 bytes
  00  # padding
  50303002 0e7df841 0a001451 45100004 008c37b0 246a50e6  # AV1 aggregation header 0x50 (Y, W=1); OBU 0x30 (FRAME)
`,
};

/** rtp/chrome-av1.pcap frame 159 (first 48 of 613 bytes): AV1 from Chromium: the rest of that OBU (Z=1), M set. */
export const CHROME_AV1_LAST_FRAGMENT: RtpFixture = {
  file: "rtp/chrome-av1.pcap",
  frame: 159,
  udpLength: 613,
  bytes: hex`
  90ad55c5 c9b5c62a 4b49e913  # V=2 X CC=0 M PT=45 seq=21957 ts=3384133162 ssrc=0x4b49e913
  bede0002  # extension: profile 0xbede (one-byte), 2 words
  22c263e3  # ID 2 abs-send-time, 3 bytes
  410077  # ID 4 transport-wide-cc, 2 bytes
  00  # padding
  906a91de 5ab153ae 92ecc210 023e2ba8 dd85f456 b0a92436  # AV1 aggregation header 0x90 (Z, W=1); the FRAME OBU continued
`,
};

/** rtp/chrome-vp9-two-byte.pcap frame 7: Opus from Chromium in the two-byte form (0x1000), because the answer moved the MID to ID 16. */
export const CHROME_OPUS_TWO_BYTE: RtpFixture = {
  file: "rtp/chrome-vp9-two-byte.pcap",
  frame: 7,
  udpLength: 149,
  bytes: hex`
  90ef47c1 30f59e34 c37e2793  # V=2 X CC=0 M PT=111 seq=18369 ts=821403188 ssrc=0xc37e2793
  10000004  # extension: profile 0x1000 (two-byte), 4 words
  0203d039 f8  # ID 2 abs-send-time, 3 bytes
  04020003  # ID 4 transport-wide-cc, 2 bytes
  100131  # ID 16 MID, 1 byte
  0c0183  # ID 12 audio level, 1 byte
  00  # padding
  7883caad 5649828c 001bd01d 8e8e66d9 67d1480b 0b179167 997aa6c4 f4902792  # Opus
  db1b5e1b 1b3d4e4c e37d84ed 73f680a7 0485ddb3 eff1176e 56c56536 bb1a4274
  90786900 4207ae81 60b6119a 950176f9 dc0ffb67 cc881029 c9b7d4bd 426ee713
  4dc8222c d8b8f73e 97fd0a39 61945767 a919e915 b5
`,
};

/** rtp/chrome-vp9-two-byte.pcap frame 6 (first 140 of 289 bytes): VP9 key frame from Chromium, one packet, with RID (10) "lo", dependency descriptor (13) and video layers allocation (14). */
export const CHROME_VP9_KEY_FRAME: RtpFixture = {
  file: "rtp/chrome-vp9-two-byte.pcap",
  frame: 6,
  udpLength: 289,
  bytes: hex`
  90e2759e 08867dbb 9f8af71f  # V=2 X CC=0 M PT=98 seq=30110 ts=143031739 ssrc=0x9f8af71f
  10000013  # extension: profile 0x1000 (two-byte), 19 words
  0203d035 bf  # ID 2 abs-send-time, 3 bytes
  04020002  # ID 4 transport-wide-cc, 2 bytes
  100130  # ID 16 MID, 1 byte
  0a026c6f  # ID 10 RID, 2 bytes
  0804010d 0120  # ID 8 color-space, 4 bytes
  030100  # ID 3 video-orientation, 1 byte
  070d0100 11001900 19001c00 000000  # ID 7 video-timing, 13 bytes
  0d14c000 01800214 eaa86041 4d141020 8427009f 0077  # ID 13 dependency descriptor, 20 bytes
  0e0a0180 2b385000 9f00773c  # ID 14 video layers allocation, 10 bytes
  0000  # padding
  bf9dad10 1000a000 78834983 420009f0 077078e0 90706430 0002c047 f7faa3bc  # VP9 0xbf (I L F B E V, P clear); picture ID 7597; L 0x10; SS 0x10: 160x120; header 0x83: key frame
  0e83af68 00006b43 ffe6e0ef 1aa18cf3
`,
};

/** rtp/chrome-vp9-two-byte.pcap frame 282 (first 72 of 624 bytes): VP9 inter frame from Chromium split in two: B set, E clear. */
export const CHROME_VP9_FRAME_START: RtpFixture = {
  file: "rtp/chrome-vp9-two-byte.pcap",
  frame: 282,
  udpLength: 624,
  bytes: hex`
  906275d0 088a6c41 9f8af71f  # V=2 X CC=0 PT=98 seq=30160 ts=143289409 ssrc=0x9f8af71f
  10000006  # extension: profile 0x1000 (two-byte), 6 words
  0203db99 75  # ID 2 abs-send-time, 3 bytes
  040200d4  # ID 4 transport-wide-cc, 2 bytes
  100130  # ID 16 MID, 1 byte
  0a026c6f  # ID 10 RID, 2 bytes
  0d038200 33  # ID 13 dependency descriptor, 3 bytes
  000000  # padding
  f99ddf30 04870202 00013e00 eec48704 83831fc0 00067000 007609ff ffff6413  # VP9 0xf9 (I P L F B, E clear); picture ID 7647; L 0x30; P_DIFF 2; header 0x87: inter
`,
};

/** rtp/chrome-vp9-two-byte.pcap frame 283 (first 72 of 625 bytes): VP9 from Chromium: the end of that frame (E set), M set. */
export const CHROME_VP9_FRAME_END: RtpFixture = {
  file: "rtp/chrome-vp9-two-byte.pcap",
  frame: 283,
  udpLength: 625,
  bytes: hex`
  90e275d1 088a6c41 9f8af71f  # V=2 X CC=0 M PT=98 seq=30161 ts=143289409 ssrc=0x9f8af71f
  10000009  # extension: profile 0x1000 (two-byte), 9 words
  0203db99 8b  # ID 2 abs-send-time, 3 bytes
  040200d5  # ID 4 transport-wide-cc, 2 bytes
  100130  # ID 16 MID, 1 byte
  0a026c6f  # ID 10 RID, 2 bytes
  070d0100 0b000c00 0c000c00 000000  # ID 7 video-timing, 13 bytes
  0d034200 33  # ID 13 dependency descriptor, 3 bytes
  f59ddf30 04d7ffff 48c0c808 3aefffd3 a1fff5e4  # VP9 0xf5 (I P L F E, B clear); picture ID 7647; L 0x30; P_DIFF 2; more of the frame
`,
};

/** rtp/chrome-vp8.pcap frame 5 (first 64 of 404 bytes): VP8 key frame from Chromium with toffset (1), the extension Chromium sends when abs-send-time is not negotiated. */
export const CHROME_VP8_KEY_FRAME: RtpFixture = {
  file: "rtp/chrome-vp8.pcap",
  frame: 5,
  udpLength: 404,
  bytes: hex`
  90e0367d eb1203d2 99aa57a5  # V=2 X CC=0 M PT=96 seq=13949 ts=3943826386 ssrc=0x99aa57a5
  bede0007  # extension: profile 0xbede (one-byte), 7 words
  1200021c  # ID 1 toffset, 3 bytes
  9030  # ID 9 MID, 1 byte
  83010d01 20  # ID 8 color-space, 4 bytes
  3000  # ID 3 video-orientation, 1 byte
  7c010004 00060006 00060000 0000  # ID 7 video-timing, 13 bytes
  00  # padding
  9080907b f015009d 012a4001 f000392f 00151c22  # VP8 0x90 (X, S, PID 0); 0x80 (I); picture ID 0x907b (M, 4219); frame tag 0xf0: key frame
`,
};

/** rtp/gst-csrc.pcap frame 2 (first 48 of 269 bytes): Opus re-sent by a GStreamer translator (`rtpopusdepay source-info=true ! rtpopuspay source-info=true`), which lists the original sender as CSRC. */
export const GST_OPUS_WITH_CSRC: RtpFixture = {
  file: "rtp/gst-csrc.pcap",
  frame: 2,
  udpLength: 269,
  bytes: hex`
  81ef56db 39666377 0e0f1011  # V=2 CC=1 M PT=111 seq=22235 ts=963011447 ssrc=0x0e0f1011
  0a0b0c0d  # CSRC 0x0a0b0c0d
  f8b50e7d 91cc0582 757248c1 edf330e4 fc324455 9a0eb223 41bf71c0 d7629492  # Opus
`,
};

/** rtp/ffmpeg-h265.pcap frame 2: H.265 from ffmpeg/libx265: an aggregation packet with VPS, SPS and PPS. */
export const FFMPEG_H265_AP: RtpFixture = {
  file: "rtp/ffmpeg-h265.pcap",
  frame: 2,
  udpLength: 96,
  bytes: hex`
  80600064 482e09d4 12345678  # V=2 CC=0 PT=96 seq=100 ts=1210976724 ssrc=0x12345678
  60010017 40010c01 ffff0408 00000300 9e080000 0300001e 95940900 2d420101  # payload header 0x6001 (AP, 48); size 23, VPS 0x4001; size 45, SPS 0x4201; size 8, PPS 0x4401
  04080000 03009e08 00000300 001e9002 84040f89 cb2b2a52 61780b70 20200040
  00000300 40000003 02820008 4401c073 18301890
`,
};

/** rtp/ffmpeg-h265.pcap frame 12 (first 40 of 300 bytes): H.265: FU start of an IDR_N_LP slice. */
export const FFMPEG_H265_FU_IDR_START: RtpFixture = {
  file: "rtp/ffmpeg-h265.pcap",
  frame: 12,
  udpLength: 300,
  bytes: hex`
  8060006e 482e09d4 12345678  # V=2 CC=0 PT=96 seq=110 ts=1210976724 ssrc=0x12345678
  620194ac 448318e1 70e01297 e53ffc1e cffd91a7 fa447bd2 7ffffffd  # payload header 0x6201 (FU, 49); FU header 0x94 (S, IDR_N_LP 20); 0xac: first_slice_segment_in_pic_flag
`,
};

/** rtp/ffmpeg-h265.pcap frame 3 (first 40 of 300 bytes): H.265: FU start of x265's prefix SEI (type 39), which tshark 4.0 reports as type 7. */
export const FFMPEG_H265_FU_SEI_START: RtpFixture = {
  file: "rtp/ffmpeg-h265.pcap",
  frame: 3,
  udpLength: 300,
  bytes: hex`
  80600065 482e09d4 12345678  # V=2 CC=0 PT=96 seq=101 ts=1210976724 ssrc=0x12345678
  6201a705 ffffffff ffffffff f22ca2de 09b51747 dbbb55a4 fe7fc2fc  # payload header 0x6201 (FU, 49); FU header 0xa7 (S, prefix SEI 39)
`,
};

/** rtp/ffmpeg-vp8.pcap frame 2 (first 40 of 300 bytes): VP8 key frame start from ffmpeg/libvpx: X, S, 15-bit picture ID 0. */
export const FFMPEG_VP8_KEY_FRAME: RtpFixture = {
  file: "rtp/ffmpeg-vp8.pcap",
  frame: 2,
  udpLength: 300,
  bytes: hex`
  80600064 8369cc9a 12345678  # V=2 CC=0 PT=96 seq=100 ts=2204748954 ssrc=0x12345678
  90808000 7039009d 012aa000 780001c7 08858588 99848802 0218a024  # VP8 0x90 (X, S, PID 0); 0x80 (I); picture ID 0x8000 (M, 0); frame tag 0x70: key frame
`,
};

/** rtp/ffmpeg-vp8.pcap frame 14 (first 40 of 300 bytes): VP8 inter frame start from ffmpeg/libvpx, picture ID 1. */
export const FFMPEG_VP8_INTER_FRAME: RtpFixture = {
  file: "rtp/ffmpeg-vp8.pcap",
  frame: 14,
  udpLength: 300,
  bytes: hex`
  80600070 8369efc2 12345678  # V=2 CC=0 PT=96 seq=112 ts=2204757954 ssrc=0x12345678
  90808001 b1080007 104c001b edfede30 bf78d036 bfe3b4d7 f8e6ff98  # VP8 0x90 (X, S, PID 0); 0x80 (I); picture ID 0x8001 (M, 1); frame tag 0xb1: inter frame
`,
};

/** rtp/ffmpeg-vp9.pcap frame 2 (first 40 of 300 bytes): VP9 key frame start from ffmpeg/libvpx-vp9: the descriptor is the single byte 0x08 (B). */
export const FFMPEG_VP9_KEY_FRAME: RtpFixture = {
  file: "rtp/ffmpeg-vp9.pcap",
  frame: 2,
  udpLength: 300,
  bytes: hex`
  80600064 78c0c7d2 12345678  # V=2 CC=0 PT=96 seq=100 ts=2025899986 ssrc=0x12345678
  08a24983 42e009f0 07760638 241c1842 000cc05f 7fdfc4ff fafe2fc9  # VP9 descriptor 0x08 (B only); uncompressed header 0xa2: profile 1, key frame
`,
};

/** rtp/ffmpeg-vp9.pcap frame 20 (first 40 of 300 bytes): VP9 inter frame start from ffmpeg: B but, as on every ffmpeg packet, no P bit; the VP9 header says inter frame. */
export const FFMPEG_VP9_INTER_FRAME: RtpFixture = {
  file: "rtp/ffmpeg-vp9.pcap",
  frame: 20,
  udpLength: 300,
  bytes: hex`
  80600076 78c0eafa 12345678  # V=2 CC=0 PT=96 seq=118 ts=2025908986 ssrc=0x12345678
  08a60040 929c2849 40002073 bf775813 9bdfb67c fed9ffd2 50dea3a7  # VP9 descriptor 0x08 (B only); uncompressed header 0xa6: inter frame
`,
};

/** rtp/chrome-av1.pcap frame 5: a padding-only RTX packet from Chromium's bandwidth probe: no payload, 255 bytes of padding. */
export const CHROME_RTX_PADDING_ONE_BYTE: RtpFixture = {
  file: "rtp/chrome-av1.pcap",
  frame: 5,
  udpLength: 283,
  bytes: concat(
    hex`
  b02e6cff 00000000 9676b402  # V=2 P X CC=0 PT=46 seq=27903 ts=0 ssrc=0x9676b402
  bede0003  # extension: profile 0xbede (one-byte), 3 words
  9030  # ID 9 MID, 1 byte
  410001  # ID 4 transport-wide-cc, 2 bytes
  22bcde9d  # ID 2 abs-send-time, 3 bytes
  000000  # padding
`,
    new Uint8Array(254), // padding
    hex`ff # padding count 255`,
  ),
};

/** rtp/chrome-vp9-two-byte.pcap frame 5: a padding-only RTX packet in the two-byte form, with the repaired RID "lo". */
export const CHROME_RTX_PADDING_TWO_BYTE: RtpFixture = {
  file: "rtp/chrome-vp9-two-byte.pcap",
  frame: 5,
  udpLength: 287,
  bytes: concat(
    hex`
  b0632cce 00000000 6dae25b8  # V=2 P X CC=0 PT=99 seq=11470 ts=0 ssrc=0x6dae25b8
  10000004  # extension: profile 0x1000 (two-byte), 4 words
  100130  # ID 16 MID, 1 byte
  0b026c6f  # ID 11 repaired RID, 2 bytes: "lo"
  04020001  # ID 4 transport-wide-cc, 2 bytes
  0203d033 58  # ID 2 abs-send-time, 3 bytes
`,
    new Uint8Array(254), // padding
    hex`ff # padding count 255`,
  ),
};

/** Every real fixture above, for checks that run over all of them. */
export const ALL_RTP_FIXTURES: Readonly<Record<string, RtpFixture>> = {
  DEMO_OPUS,
  DEMO_H264_STAP_A_SPS_PPS,
  DEMO_H264_FU_A_IDR_START,
  DEMO_H264_FU_A_IDR_END,
  DEMO_H264_STAP_A_SLICES,
  DEMO_H264_SINGLE_SLICE,
  CHROME_OPUS_ONE_BYTE,
  CHROME_AV1_KEY_FRAME,
  CHROME_AV1_FIRST_FRAGMENT,
  CHROME_AV1_LAST_FRAGMENT,
  CHROME_OPUS_TWO_BYTE,
  CHROME_VP9_KEY_FRAME,
  CHROME_VP9_FRAME_START,
  CHROME_VP9_FRAME_END,
  CHROME_VP8_KEY_FRAME,
  GST_OPUS_WITH_CSRC,
  FFMPEG_H265_AP,
  FFMPEG_H265_FU_IDR_START,
  FFMPEG_H265_FU_SEI_START,
  FFMPEG_VP8_KEY_FRAME,
  FFMPEG_VP8_INTER_FRAME,
  FFMPEG_VP9_KEY_FRAME,
  FFMPEG_VP9_INTER_FRAME,
  CHROME_RTX_PADDING_ONE_BYTE,
  CHROME_RTX_PADDING_TWO_BYTE,
};

// ---------------------------------------------------------------------------------------------------------------
// Hand-built: no sender available here writes these.

/**
 * Hand-built (Chromium sends playout-delay only when an application asks for a delay limit, which a page cannot do):
 * the header of {@linkcode CHROME_VP8_KEY_FRAME} with one one-byte element, ID 5, laid out as the WebRTC
 * playout-delay document draws it: `|  ID  | len=2 |       MIN delay       |       MAX delay       |`.
 */
export const HAND_PLAYOUT_DELAY: Uint8Array = hex`
  90e0367d eb1203d2 99aa57a5  # V=2 X M PT=96 seq=13949 ts=3943826386 ssrc=0x99aa57a5
  bede0001  # one-byte form, 1 word
  52 00a064  # ID 5, 3 bytes: MIN 0x00a = 10 (100 ms), MAX 0x064 = 100 (1000 ms)
  9d012a  # payload
`;

/**
 * Hand-built (no sender here writes a non-RFC 8285 profile): an extension as RFC 3550 §5.3.1 draws it, "defined by
 * profile" 0xabac and 2 words of data, ahead of the Opus payload of {@linkcode DEMO_OPUS}.
 */
export const HAND_GENERIC_EXTENSION: Uint8Array = hex`
  90ef7531 40a1998a 55667788  # V=2 X M PT=111 seq=30001 ts=1084332426 ssrc=0x55667788
  abac0002  # defined by profile 0xabac, length 2 words
  01020304 05060708  # extension data
  789e1ea1  # payload
`;
