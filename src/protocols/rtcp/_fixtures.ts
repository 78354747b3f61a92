/**
 * RTCP bytes for the tests, the fuzzer and the benchmark.
 *
 * `DEMO_COMPOUNDS` are copied from tests/testdata/demo.pcap (ffmpeg 5.1, see tests/testdata/README.md): every RTCP
 * datagram of the capture, UDP payload only, from
 * `tshark -r tests/testdata/demo.pcap -d udp.port==5005,rtcp -d udp.port==5007,rtcp -Y rtcp -T fields -e udp.payload`.
 * packet_test.ts checks that each still equals its frame in the committed file.
 *
 * No local sender produces the other types, so `HAND_BUILT` holds packets built from the RFC figures, one comment per
 * field. tshark_test.ts writes them into a pcap and compares Wireshark's dissection with ours field by field.
 *
 * @module
 */
// This module is browser compatible.

import { hex } from "../_fixtures.ts";
import { isFailure } from "../decode_result.ts";
import { decodeRtcpHeader, type RtcpHeader } from "./header.ts";
import type { XrBlockHeader } from "./xr_block.ts";

/** An RTCP datagram from a capture. */
export interface CapturedRtcp {
  /** tshark's frame.number in tests/testdata/demo.pcap. */
  readonly frame: number;
  /** UDP destination port (5005 video RTCP, 5007 audio RTCP). */
  readonly port: number;
  /** The UDP payload. */
  readonly bytes: Uint8Array;
}

/** The CNAME ffmpeg sends (SDES item 1, 21 bytes). */
export const DEMO_CNAME = "netpix-demo@127.0.0.1";

/** demo.pcap frame 8, 0.023 s: the video sender's first SR (counts still 0) + SDES. */
export const DEMO_FRAME_8: CapturedRtcp = {
  frame: 8,
  port: 5005,
  bytes: hex`
  80 c8 00 06  # V=2 P=0 RC=0, PT=200 SR, length 6 (28 bytes)
  11 22 33 44  # SSRC of sender
  ee b3 85 d9  # NTP seconds 4004742617
  9d 70 a3 d7  # NTP fraction 2641404887
  1a 3e b6 e7  # RTP timestamp 440317671
  00 00 00 00  # sender's packet count 0
  00 00 00 00  # sender's octet count 0
  81 ca 00 07  # V=2 P=0 SC=1, PT=202 SDES, length 7 (32 bytes)
  11 22 33 44  # chunk 1: SSRC
  01 15        # item CNAME, 21 bytes
  6e 65 74 70 69 78 2d 64 65 6d 6f 40 31 32 37 2e 30 2e 30 2e 31  # "netpix-demo@127.0.0.1"
  00           # END (the list already ends on a 32-bit boundary)
`,
};

/** demo.pcap frame 16, 0.030 s: the audio sender's first SR + SDES. */
export const DEMO_FRAME_16: CapturedRtcp = {
  frame: 16,
  port: 5007,
  bytes: hex`
  80 c8 00 06  # SR, length 6
  55 66 77 88  # SSRC of sender
  ee b3 85 d9  # NTP seconds 4004742617
  9f 3b 64 5a  # NTP fraction 2671469658
  40 a1 95 fa  # RTP timestamp 1084331514
  00 00 00 00  # packet count 0
  00 00 00 00  # octet count 0
  81 ca 00 07  # SDES, SC=1, length 7
  55 66 77 88  # chunk 1: SSRC
  01 15 6e 65 74 70 69 78 2d 64 65 6d 6f 40 31 32 37 2e 30 2e 30 2e 31  # CNAME "netpix-demo@127.0.0.1"
  00           # END
`,
};

/** demo.pcap frame 762, 5.066 s: video SR after 222 packets. */
export const DEMO_FRAME_762: CapturedRtcp = {
  frame: 762,
  port: 5005,
  bytes: hex`
  80 c8 00 06  11 22 33 44  # SR, length 6, SSRC
  ee b3 85 de  a8 72 b0 20  # NTP 4004742622.657999999
  1a 45 a3 d5               # RTP timestamp 440771541
  00 00 00 de  00 02 25 3d  # 222 packets, 140605 octets
  81 ca 00 07  11 22 33 44  01 15 6e 65 74 70 69 78 2d 64 65 6d 6f 40 31 32 37 2e 30 2e 30 2e 31 00  # SDES CNAME
`,
};

/** demo.pcap frame 764, 5.067 s: audio SR after 252 packets. */
export const DEMO_FRAME_764: CapturedRtcp = {
  frame: 764,
  port: 5007,
  bytes: hex`
  80 c8 00 06  55 66 77 88  # SR, length 6, SSRC
  ee b3 85 de  a8 72 b0 20  # NTP 4004742622.657999999
  40 a5 46 3a               # RTP timestamp 1084573242
  00 00 00 fc  00 00 68 8f  # 252 packets, 26767 octets
  81 ca 00 07  55 66 77 88  01 15 6e 65 74 70 69 78 2d 64 65 6d 6f 40 31 32 37 2e 30 2e 30 2e 31 00  # SDES CNAME
`,
};

/** demo.pcap frame 1619, 10.067 s: audio SR after 502 packets. */
export const DEMO_FRAME_1619: CapturedRtcp = {
  frame: 1619,
  port: 5007,
  bytes: hex`
  80 c8 00 06  55 66 77 88  # SR, length 6, SSRC
  ee b3 85 e3  a8 b4 39 58  # NTP 4004742627.659
  40 a8 ef ea               # RTP timestamp 1084813290
  00 00 01 f6  00 00 da f2  # 502 packets, 56050 octets
  81 ca 00 07  55 66 77 88  01 15 6e 65 74 70 69 78 2d 64 65 6d 6f 40 31 32 37 2e 30 2e 30 2e 31 00  # SDES CNAME
`,
};

/** demo.pcap frame 1627, 10.119 s: video SR after 523 packets. */
export const DEMO_FRAME_1627: CapturedRtcp = {
  frame: 1627,
  port: 5005,
  bytes: hex`
  80 c8 00 06  11 22 33 44  # SR, length 6, SSRC
  ee b3 85 e3  b6 04 18 93  # NTP 4004742627.711
  1a 4c 94 47               # RTP timestamp 441226311
  00 00 02 0b  00 04 a0 cc  # 523 packets, 303308 octets
  81 ca 00 07  11 22 33 44  01 15 6e 65 74 70 69 78 2d 64 65 6d 6f 40 31 32 37 2e 30 2e 30 2e 31 00  # SDES CNAME
`,
};

/** Every RTCP datagram of demo.pcap, in capture order. */
export const DEMO_COMPOUNDS: readonly CapturedRtcp[] = [
  DEMO_FRAME_8,
  DEMO_FRAME_16,
  DEMO_FRAME_762,
  DEMO_FRAME_764,
  DEMO_FRAME_1619,
  DEMO_FRAME_1627,
];

/** A receiver's compound: RR with two blocks, SDES with every item type in two chunks, BYE with a reason. */
export const RR_SDES_BYE: Uint8Array = hex`
  82 c9 00 0d  # V=2 P=0 RC=2, PT=201 RR, length 13 (56 bytes)
  aa bb cc dd  # SSRC of packet sender
  11 22 33 44  # block 1: SSRC_1
  14 ff ff fd  #   fraction lost 20 (20/256 = 7.8 %), cumulative lost -3 (duplicates outnumber losses)
  00 01 03 e8  #   extended highest seq: 1 cycle, seq 1000
  00 00 01 2c  #   jitter 300
  85 d9 9d 70  #   LSR: middle 32 bits of demo.pcap frame 8's NTP timestamp ee b3 85 d9 . 9d 70 a3 d7
  00 01 80 00  #   DLSR 0x18000 / 65536 = 1.5 s
  55 66 77 88  # block 2: SSRC_2
  ff 7f ff ff  #   fraction lost 255, cumulative lost 8388607 (the largest positive 24-bit value)
  00 00 75 30  #   extended highest seq: 0 cycles, seq 30000
  00 00 00 00  #   jitter 0
  00 00 00 00  #   LSR 0: no SR received yet
  00 00 00 00  #   DLSR 0
  82 ca 00 1c  # V=2 P=0 SC=2, PT=202 SDES, length 28 (116 bytes)
  aa bb cc dd  # chunk 1: SSRC
  01 0e 72 78 40 65 78 61 6d 70 6c 65 2e 6e 65 74  # CNAME (1), 14 bytes "rx@example.net"
  02 09 52 c3 a9 63 65 69 76 65 72                 # NAME (2), 9 bytes "Réceiver" (é is c3 a9 in UTF-8)
  03 0e 72 78 40 65 78 61 6d 70 6c 65 2e 6e 65 74  # EMAIL (3), 14 bytes "rx@example.net"
  04 0b 2b 31 20 35 35 35 20 30 31 30 30           # PHONE (4), 11 bytes "+1 555 0100"
  05 05 4c 61 62 20 33                             # LOC (5), 5 bytes "Lab 3"
  06 0d 6e 65 74 70 69 78 2d 74 65 73 74 2f 31     # TOOL (6), 13 bytes "netpix-test/1"
  07 06 6f 6e 20 61 69 72                          # NOTE (7), 6 bytes "on air"
  08 06 04 78 2d 6e 70 31                          # PRIV (8), 6 bytes: prefix length 4 "x-np", value "1"
  00 00                                            # END, then 1 null to the 32-bit boundary
  01 02 03 04  # chunk 2: CSRC
  01 04 70 65 65 72  # CNAME, 4 bytes "peer"
  00 00        # END + 1 null
  81 cb 00 03  # V=2 P=0 SC=1, PT=203 BYE, length 3 (16 bytes)
  aa bb cc dd  # SSRC
  07 6c 65 61 76 69 6e 67     # reason: 7 bytes "leaving" (ends on the 32-bit boundary: no padding)
`;

/** An SR with one report block and a profile-specific extension (RFC 3550 §6.4.1). */
export const SR_WITH_BLOCK_AND_EXTENSION: Uint8Array = hex`
  81 c8 00 0e  # V=2 P=0 RC=1, PT=200 SR, length 14 (60 bytes)
  11 22 33 44  # SSRC of sender
  ee b3 85 d9  9d 70 a3 d7  # NTP timestamp (demo.pcap frame 8's)
  1a 3e b6 e7  # RTP timestamp 440317671
  00 00 00 64  # packet count 100
  00 00 fa 00  # octet count 64000
  55 66 77 88  # block 1: SSRC_1
  00 00 00 00  #   fraction lost 0, cumulative lost 0
  00 00 75 31  #   extended highest seq 30001
  00 00 00 10  #   jitter 16
  00 00 00 00  #   LSR 0
  00 00 00 00  #   DLSR 0
  00 01 00 08  # profile-specific extension, 8 bytes (kept raw)
  de ad be ef
`;

/** Generic NACK (RFC 4585 §6.2.1) with a wrapping entry. */
export const GENERIC_NACK: Uint8Array = hex`
  81 cd 00 04  # V=2 P=0 FMT=1, PT=205 RTPFB, length 4 (20 bytes)
  aa bb cc dd  # SSRC of packet sender
  11 22 33 44  # SSRC of media source
  03 e8 80 01  # PID 1000, BLP 0x8001: lost 1000, 1001 (bit 0), 1016 (bit 15)
  ff fe 00 03  # PID 65534, BLP 0x0003: lost 65534, 65535, 0 (wraps)
`;

/** TMMBR (RFC 5104 §4.2.1): one request. */
export const TMMBR: Uint8Array = hex`
  83 cd 00 04  # V=2 P=0 FMT=3, PT=205 RTPFB, length 4 (20 bytes)
  aa bb cc dd  # SSRC of packet sender
  00 00 00 00  # SSRC of media source: unused (0), RFC 5104 §4.2.1.2
  11 22 33 44  # FCI: SSRC of the media sender
  20 07 d0 28  # MxTBR exp 8 (6 bits), mantissa 1000 (17 bits), overhead 40 (9 bits): 1000 × 2⁸ = 256000 bit/s
`;

/** TMMBN (RFC 5104 §4.2.2): a bounding set of two. */
export const TMMBN: Uint8Array = hex`
  84 cd 00 06  # V=2 P=0 FMT=4, PT=205 RTPFB, length 6 (28 bytes)
  11 22 33 44  # SSRC of packet sender
  00 00 00 00  # SSRC of media source: unused
  aa bb cc dd  # entry 1: SSRC
  20 07 d0 28  #   exp 8, mantissa 1000, overhead 40: 256000 bit/s
  01 02 03 04  # entry 2: SSRC
  0c 0f 42 1c  #   exp 3, mantissa 1953 (0b00011110100001), overhead 28: 15624 bit/s
`;

/** Rapid Resynchronisation Request (RFC 6051 §3.1): no FCI. */
export const RAPID_RESYNC_REQUEST: Uint8Array = hex`
  85 cd 00 02  # V=2 P=0 FMT=5, PT=205 RTPFB, length 2 (12 bytes)
  aa bb cc dd  # SSRC of packet sender
  11 22 33 44  # SSRC of media source: the sender asked for an SR
`;

/**
 * Transport-wide CC feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1) with the three chunk kinds,
 * small, large and negative deltas, a negative reference time and a base sequence number that wraps.
 */
export const TRANSPORT_CC: Uint8Array = hex`
  8f cd 00 08  # V=2 P=0 FMT=15, PT=205 RTPFB, length 8 (36 bytes)
  aa bb cc dd  # SSRC of packet sender
  11 22 33 44  # SSRC of media source
  ff fd 00 14  # base sequence number 65533, packet status count 20 (65533 … 65535, 0 … 16)
  ff ff fe 07  # reference time -2 (× 64 ms = -128 ms), feedback packet count 7
  20 03        # run length chunk: T=0, S=01 (small delta), run length 3: packets 0–2
  ac 01        # status vector: T=1, S=0 (14 × 1 bit) 10110000000001: packets 3–16
  e4 00        # status vector: T=1, S=1 (7 × 2 bits) 10 01 00 00 00 00 00: packets 17–19 (the rest is unused)
  04 00 ff     # recv deltas, packets 0–2 (1 byte each): 1 ms, 0 ms, 63.75 ms
  01 02 03 10  # packets 3, 5, 6, 16: 0.25, 0.5, 0.75, 4 ms
  ff 38        # packet 17, large (2 bytes, signed): -200 × 250 µs = -50 ms
  08           # packet 18: 2 ms
`;

/** Picture Loss Indication (RFC 4585 §6.3.1). */
export const PLI: Uint8Array = hex`
  81 ce 00 02  # V=2 P=0 FMT=1, PT=206 PSFB, length 2 (12 bytes)
  aa bb cc dd  # SSRC of packet sender
  11 22 33 44  # SSRC of media source
`;

/** Slice Loss Indication (RFC 4585 §6.3.2) with two entries. */
export const SLI: Uint8Array = hex`
  82 ce 00 04  # V=2 P=0 FMT=2, PT=206 PSFB, length 4 (20 bytes)
  aa bb cc dd  # SSRC of packet sender
  11 22 33 44  # SSRC of media source
  00 08 00 83  # first 1 (13 bits), number 2 (13 bits), picture ID 3 (6 bits)
  ff ff ff ff  # first 8191, number 8191, picture ID 63
`;

/** Reference Picture Selection Indication (RFC 4585 §6.3.3): 40 bits for payload type 96, 8 padding bits. */
export const RPSI: Uint8Array = hex`
  83 ce 00 04  # V=2 P=0 FMT=3, PT=206 PSFB, length 4 (20 bytes)
  aa bb cc dd  # SSRC of packet sender
  11 22 33 44  # SSRC of media source
  08 60        # PB 8 padding bits, 0 + payload type 96
  01 02 03 04 05 00  # native RPSI bit string: 40 bits, then 8 bits of padding
`;

/** Full Intra Request (RFC 5104 §4.3.1) for two senders. */
export const FIR: Uint8Array = hex`
  84 ce 00 06  # V=2 P=0 FMT=4, PT=206 PSFB, length 6 (28 bytes)
  aa bb cc dd  # SSRC of packet sender
  00 00 00 00  # SSRC of media source: unused (RFC 5104 §4.3.1.2)
  11 22 33 44  # entry 1: SSRC
  05 00 00 00  #   seq nr 5, reserved
  55 66 77 88  # entry 2: SSRC
  ff 00 00 00  #   seq nr 255, reserved
`;

/** REMB (draft-alvestrand-rmcat-remb-03 §2.2): 1 Mbit/s for two sources. */
export const REMB: Uint8Array = hex`
  8f ce 00 06  # V=2 P=0 FMT=15, PT=206 PSFB, length 6 (28 bytes)
  aa bb cc dd  # SSRC of packet sender
  00 00 00 00  # SSRC of media source: always 0
  52 45 4d 42  # unique identifier "REMB"
  02 0b d0 90  # Num SSRC 2, BR exp 2 (6 bits), BR mantissa 250000 (18 bits): 250000 × 2² = 1000000 bit/s
  11 22 33 44  # SSRC feedback 1
  55 66 77 88  # SSRC feedback 2
`;

/** Feedback with FMTs not decoded here: kept raw. */
export const UNKNOWN_FEEDBACK: Uint8Array = hex`
  89 cd 00 03  # V=2 P=0 FMT=9, PT=205 RTPFB (Media Pause/Resume, RFC 7728): kept raw, length 3
  aa bb cc dd  # SSRC of packet sender
  11 22 33 44  # SSRC of media source
  11 22 33 44  # FCI: 4 bytes
  85 ce 00 04  # V=2 P=0 FMT=5, PT=206 PSFB (TSTR, RFC 5104 §4.3.2): kept raw, length 4
  aa bb cc dd  # SSRC of packet sender
  00 00 00 00  # SSRC of media source
  11 22 33 44  # FCI: 8 bytes
  07 00 00 05
`;

/** An XR (RFC 3611) with one block of each of the seven types and one unknown block. */
export const XR_ALL_BLOCKS: Uint8Array = hex`
  80 cf 00 2f  # V=2 P=0, PT=207 XR, length 47 (192 bytes)
  aa bb cc dd  # SSRC of packet sender
  01 00 00 03  # Loss RLE (BT=1), T=0, block length 3
  11 22 33 44  #   SSRC of source
  03 e8 04 06  #   begin_seq 1000, end_seq 1030: 30 packets
  40 14        #   run length chunk: C=0, R=1 (received), 20
  db e0        #   bit vector chunk: C=1, 101101111100000 (the last 5 bits are past end_seq): 8 received, 2 lost
  02 01 00 04  # Duplicate RLE (BT=2), T=1 (every 2nd sequence number), block length 4
  11 22 33 44  #   SSRC of source
  07 d0 07 e4  #   begin_seq 2000, end_seq 2020: 10 sequence numbers (2000, 2002, …, 2018)
  00 01        #   run length: R=0 (duplicated), 1
  40 08        #   run length: R=1 (not duplicated), 8
  c0 00        #   bit vector 100000000000000: 1 not duplicated (the rest is past end_seq)
  00 00        #   terminating null chunk
  03 00 00 05  # Packet Receipt Times (BT=3), T=0, block length 5
  11 22 33 44  #   SSRC of source
  01 f4 01 f7  #   begin_seq 500, end_seq 503
  00 01 00 00  #   receipt time of 500: 65536
  00 01 01 40  #   receipt time of 501: 65856
  00 01 02 80  #   receipt time of 502: 66176
  04 00 00 02  # Receiver Reference Time (BT=4), block length 2
  ee b3 85 d9  #   NTP seconds 4004742617
  9d 70 a3 d7  #   NTP fraction 2641404887
  05 00 00 06  # DLRR (BT=5), block length 6: two sub-blocks
  11 22 33 44  #   SSRC_1
  85 d9 9d 70  #   last RR
  00 00 80 00  #   DLRR 0.5 s
  55 66 77 88  #   SSRC_2
  00 00 00 00  #   last RR 0: no RRT received
  00 00 00 00  #   DLRR 0
  06 e8 00 09  # Statistics Summary (BT=6), L=1 D=1 J=1 ToH=1 (IPv4 TTL), block length 9
  11 22 33 44  #   SSRC of source
  03 e8 04 06  #   begin_seq 1000, end_seq 1030
  00 00 00 02  #   lost_packets 2
  00 00 00 01  #   dup_packets 1
  00 00 00 0a  #   min_jitter 10
  00 00 00 5a  #   max_jitter 90
  00 00 00 28  #   mean_jitter 40
  00 00 00 0c  #   dev_jitter 12
  3c 40 3f 01  #   TTL min 60, max 64, mean 63, dev 1
  07 00 00 08  # VoIP Metrics (BT=7), block length 8
  11 22 33 44  #   SSRC of source
  0c 03 32 02  #   loss rate 12/256, discard rate 3/256, burst density 50/256, gap density 2/256
  00 78 13 88  #   burst duration 120 ms, gap duration 5000 ms
  00 96 00 28  #   round trip delay 150 ms, end system delay 40 ms
  ec c4 7f 10  #   signal level -20 dBm, noise level -60 dBm, RERL 127 (unavailable), Gmin 16
  55 7f 29 27  #   R factor 85, ext. R factor 127 (unavailable), MOS-LQ 4.1, MOS-CQ 3.9
  f2 00 00 3c  #   RX config PLC=3 (standard) JBA=3 (adaptive) JB rate 2, reserved, JB nominal 60 ms
  00 78 00 c8  #   JB maximum 120 ms, JB abs max 200 ms
  2a 05 00 01  # unknown block type 42, type-specific 5, block length 1: kept raw
  ca fe f0 0d
`;

/** APP (RFC 3550 §6.7), then an RR whose P bit adds 8 octets of padding (RFC 3550 §6.4.1), in one compound. */
export const APP_AND_PADDED_RR: Uint8Array = hex`
  83 cc 00 04  # V=2 P=0 subtype 3, PT=204 APP, length 4 (20 bytes)
  aa bb cc dd  # SSRC
  4e 50 49 58  # name "NPIX"
  00 01 02 03  # application-dependent data, 8 bytes
  04 05 06 07
  a0 c9 00 03  # V=2 P=1 RC=0, PT=201 RR, length 3 (16 bytes, 8 of them padding)
  aa bb cc dd  # SSRC of packet sender
  00 00 00 00  # padding: 8 octets, the last holds the count
  00 00 00 08
`;

/** Packet types kept raw: an IJ packet (PT 195, RFC 5450 §4) and a PT this package does not know (222). */
export const IJ_AND_UNKNOWN_PT: Uint8Array = hex`
  81 c3 00 01  # V=2 P=0 RC=1, PT=195 IJ (extended jitter report): kept raw, length 1 (8 bytes)
  00 00 01 00  # inter-arrival jitter 256
  80 de 00 02  # V=2 P=0, PT=222: kept raw, length 2 (12 bytes)
  01 02 03 04  # body, 8 bytes
  05 06 07 08
`;

/** SDES and BYE whose text is not valid UTF-8: decoded with U+FFFD, never a failure (netpix-original.md §8.3). */
export const INVALID_UTF8: Uint8Array = hex`
  81 ca 00 04  # V=2 P=0 SC=1, PT=202 SDES, length 4 (20 bytes)
  aa bb cc dd  # chunk 1: SSRC
  01 07 61 ff 62 c3 28 63 80  # CNAME, 7 bytes: a, ff (never valid), b, c3 28 (bad continuation), c, 80 (lone continuation)
  00 00 00     # END + 2 nulls
  81 cb 00 02  # V=2 P=0 SC=1, PT=203 BYE, length 2 (12 bytes)
  aa bb cc dd  # SSRC
  02 e2 82 00  # reason, 2 bytes: e2 82 (a 3-byte sequence cut short), then 1 null
`;

/** Every hand-built datagram, by name, for the tshark comparison and the fuzzer. */
export const HAND_BUILT: Readonly<Record<string, Uint8Array>> = {
  RR_SDES_BYE,
  SR_WITH_BLOCK_AND_EXTENSION,
  GENERIC_NACK,
  TMMBR,
  TMMBN,
  RAPID_RESYNC_REQUEST,
  TRANSPORT_CC,
  PLI,
  SLI,
  RPSI,
  FIR,
  REMB,
  UNKNOWN_FEEDBACK,
  XR_ALL_BLOCKS,
  APP_AND_PADDED_RR,
  IJ_AND_UNKNOWN_PT,
  INVALID_UTF8,
};

/**
 * The header at `offset`, for tests that call one packet decoder directly; throws when the header itself is bad.
 * @param bytes The datagram.
 * @param offset Index of the packet.
 * @returns The header.
 */
export function headerAt(bytes: Uint8Array, offset = 0): RtcpHeader {
  const h = decodeRtcpHeader(bytes, offset, bytes.length);
  if (isFailure(h)) throw new Error(`bad fixture header at ${offset}: ${h.detail}`);
  return h;
}

/**
 * The properties of `value` named in `like`, for comparing a decoded packet (or failure) with the fields a test cares
 * about: `deepStrictEqual(subset(got, want), want)`.
 * @param value A decoded value or failure.
 * @param like The expected fields.
 * @returns `value`'s properties with `like`'s keys.
 */
export function subset(value: unknown, like: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(like)) out[key] = (value as Record<string, unknown>)[key];
  return out;
}

/**
 * The XR block header at `offset`, for tests that call one block decoder directly.
 * @param bytes The datagram.
 * @param offset Index of the block.
 * @returns Its header.
 */
export function xrBlockAt(bytes: Uint8Array, offset: number): XrBlockHeader {
  return {
    offset,
    blockType: bytes[offset]!,
    typeSpecific: bytes[offset + 1]!,
    end: offset + 4 + 4 * ((bytes[offset + 2]! << 8) | bytes[offset + 3]!),
  };
}

/** Where each block of {@linkcode XR_ALL_BLOCKS} starts. */
export const XR_BLOCK_OFFSETS = {
  lossRle: 8,
  duplicateRle: 24,
  packetReceiptTimes: 44,
  receiverReferenceTime: 68,
  dlrr: 80,
  statisticsSummary: 108,
  voipMetrics: 148,
  unknown: 184,
} as const;
