/**
 * STUN, TURN and ICE messages copied byte for byte (UDP payload only) from real captures, for table tests:
 * `tests/testdata/demo.pcap` (coturn 4.6.1 and its turnutils clients on 127.0.0.1, see tests/testdata/README.md) and
 * the two files of `tests/testdata/stun/` (aioice ICE agents and coturn over IPv6, see the README there). Each
 * constant names its file and frame; `message_test.ts` checks that it still equals that frame. Print a frame with
 * `tshark -r tests/testdata/<file> -Y frame.number==<n> -T fields -e udp.payload` (or `-x` for the whole frame).
 *
 * The RFC 5769 test vectors at the end are the published sample messages, not captures.
 *
 * @module
 */
// This module is browser compatible.

import { concat, hex } from "../_fixtures.ts";
import { crc32 } from "./_crc32.ts";

/**
 * Builds a STUN message for constructed rows (attributes no local tool sends): header, attributes padded with zeros,
 * and, unless `fingerprint` is false, a FINGERPRINT computed over the rest (RFC 8489 §14.7).
 * @param type Message type, e.g. 0x0101.
 * @param attributes Type and value of each attribute, in order.
 * @param fingerprint Whether to append FINGERPRINT.
 * @returns The message.
 */
export function buildStun(
  type: number,
  attributes: readonly (readonly [number, Uint8Array])[],
  fingerprint = true,
): Uint8Array {
  const body = attributes.map(([t, value]) => {
    const tlv = new Uint8Array(4 + ((value.length + 3) & ~3));
    tlv.set([t >> 8, t & 0xff, value.length >> 8, value.length & 0xff]);
    tlv.set(value, 4);
    return tlv;
  });
  const length = body.reduce((n, b) => n + b.length, 0) + (fingerprint ? 8 : 0);
  const header = hex`2112a442 0102030405060708090a0b0c`; // magic cookie, transaction ID 0102…0c
  const message = concat(new Uint8Array([type >> 8, type & 0xff, length >> 8, length & 0xff]), header, ...body);
  if (!fingerprint) return message;
  const crc = (crc32(message, 0, message.length) ^ 0x5354554e) >>> 0;
  return concat(
    message,
    new Uint8Array([0x80, 0x28, 0, 4, crc >>> 24, (crc >> 16) & 0xff, (crc >> 8) & 0xff, crc & 0xff]),
  );
}

/** A STUN/TURN message from a committed capture. */
export interface StunFixture {
  /** Capture file under tests/testdata/. */
  readonly file: string;
  /** tshark's frame.number. */
  readonly frame: number;
  /** The frame's UDP payload. */
  readonly bytes: Uint8Array;
}

/** demo.pcap frame 119: `127.0.0.1:52210 → 127.0.0.1:3478 Binding Request`. turnutils_stunclient; no attributes. */
export const DEMO_BINDING_REQUEST: StunFixture = {
  file: "demo.pcap",
  frame: 119,
  bytes: hex`
  00010000 2112a442  # Binding Request (0x0001), length 0, magic cookie
  f34a8ecc 82ba1f2c 2d2dd3f5  # transaction ID
`,
};

/** demo.pcap frame 120: `127.0.0.1:3478 → 127.0.0.1:52210 Binding Success Response XOR-MAPPED-ADDRESS: 127.0.0.1:52210 MAPPED-ADDRESS: 127.0.0.1:52210 RESPONSE-ORIGIN: 127.0.0.1:3478`. coturn's answer to frame 119. */
export const DEMO_BINDING_SUCCESS: StunFixture = {
  file: "demo.pcap",
  frame: 120,
  bytes: hex`
  0101002c 2112a442  # Binding Success Response (0x0101), length 44, magic cookie
  f34a8ecc 82ba1f2c 2d2dd3f5  # transaction ID
  00200008 0001eae0 5e12a443  # XOR-MAPPED-ADDRESS: 127.0.0.1:52210
  00010008 0001cbf2 7f000001  # MAPPED-ADDRESS: 127.0.0.1:52210
  802b0008 00010d96 7f000001  # RESPONSE-ORIGIN: 127.0.0.1:3478
  80280004 02746415  # FINGERPRINT 0x02746415
`,
};

/** demo.pcap frame 258: `127.0.0.1:49790 → 127.0.0.1:3478 Allocate Request UDP lifetime: 777`. turnutils_uclient's first, unauthenticated Allocate. */
export const DEMO_ALLOCATE_REQUEST: StunFixture = {
  file: "demo.pcap",
  frame: 258,
  bytes: hex`
  00030020 2112a442  # Allocate Request (0x0003), length 32, magic cookie
  07f902c2 7f6d53ef 107278a4  # transaction ID
  00190004 11000000  # REQUESTED-TRANSPORT 17
  000d0004 00000309  # LIFETIME 777
  00170004 01000000  # REQUESTED-ADDRESS-FAMILY 1
  80280004 9119cc5b  # FINGERPRINT 0x9119cc5b
`,
};

/** demo.pcap frame 259: `127.0.0.1:3478 → 127.0.0.1:49790 Allocate Error Response error-code: 401 (Unauthenticated) Unauthorized with nonce realm: netpix.local`. The 401 challenge to frame 258. */
export const DEMO_ALLOCATE_UNAUTHORIZED: StunFixture = {
  file: "demo.pcap",
  frame: 259,
  bytes: hex`
  01130040 2112a442  # Allocate Error Response (0x0113), length 64, magic cookie
  07f902c2 7f6d53ef 107278a4  # transaction ID
  00090010 00000401 556e6175 74686f72 697a6564  # ERROR-CODE 401 (Unauthenticated): Unauthorized
  00150010 61393563 66393264 37663039 34626663  # NONCE: a95cf92d7f094bfc
  0014000c 6e657470 69782e6c 6f63616c  # REALM: netpix.local
  80280004 01517593  # FINGERPRINT 0x01517593
`,
};

/** demo.pcap frame 260: `127.0.0.1:49790 → 127.0.0.1:3478 Allocate Request UDP lifetime: 777 user: netpix with nonce realm: netpix.local`. The retry with long-term credentials netpix/netpix. */
export const DEMO_ALLOCATE_AUTHENTICATED: StunFixture = {
  file: "demo.pcap",
  frame: 260,
  bytes: hex`
  00030068 2112a442  # Allocate Request (0x0003), length 104, magic cookie
  a8b43b71 40feaa6e 0e9352ff  # transaction ID
  00190004 11000000  # REQUESTED-TRANSPORT 17
  000d0004 00000309  # LIFETIME 777
  00170004 01000000  # REQUESTED-ADDRESS-FAMILY 1
  00060006 6e657470 69780000  # USERNAME: netpix
  00150010 61393563 66393264 37663039 34626663  # NONCE: a95cf92d7f094bfc
  0014000c 6e657470 69782e6c 6f63616c  # REALM: netpix.local
  00080014 3890df91 a1410813 4923af4d d0539add d4d93a63  # MESSAGE-INTEGRITY (HMAC-SHA1)
  80280004 62e2d026  # FINGERPRINT 0x62e2d026
`,
};

/** demo.pcap frame 261: `127.0.0.1:3478 → 127.0.0.1:49790 Allocate Success Response XOR-RELAYED-ADDRESS: 127.0.0.1:49175 XOR-MAPPED-ADDRESS: 127.0.0.1:49790 lifetime: 777`. coturn's answer to frame 260. */
export const DEMO_ALLOCATE_SUCCESS: StunFixture = {
  file: "demo.pcap",
  frame: 261,
  bytes: hex`
  01030040 2112a442  # Allocate Success Response (0x0103), length 64, magic cookie
  a8b43b71 40feaa6e 0e9352ff  # transaction ID
  00160008 0001e105 5e12a443  # XOR-RELAYED-ADDRESS: 127.0.0.1:49175
  00200008 0001e36c 5e12a443  # XOR-MAPPED-ADDRESS: 127.0.0.1:49790
  000d0004 00000309  # LIFETIME 777
  00080014 e304fcb3 ecc9d974 04a2b465 51a7be6c 1e36ef4c  # MESSAGE-INTEGRITY (HMAC-SHA1)
  80280004 eb29e475  # FINGERPRINT 0xeb29e475
`,
};

/** demo.pcap frame 264: `127.0.0.1:48258 → 127.0.0.1:3478 Allocate Request UDP lifetime: 777`. An Allocate with EVEN-PORT (value 1 byte, 3 bytes padding). */
export const DEMO_ALLOCATE_EVEN_PORT: StunFixture = {
  file: "demo.pcap",
  frame: 264,
  bytes: hex`
  00030028 2112a442  # Allocate Request (0x0003), length 40, magic cookie
  d6259d73 331f07e2 93b39792  # transaction ID
  00190004 11000000  # REQUESTED-TRANSPORT 17
  000d0004 00000309  # LIFETIME 777
  00180001 00000000  # EVEN-PORT R=0
  00170004 01000000  # REQUESTED-ADDRESS-FAMILY 1
  80280004 9e5a691d  # FINGERPRINT 0x9e5a691d
`,
};

/** demo.pcap frame 276: `127.0.0.1:48258 → 127.0.0.1:3478 Channel-Bind Request ChannelNumber=0x73a1 XOR-PEER-ADDRESS: 127.0.0.1:49160 user: netpix with nonce realm: netpix.local`. Channel 0x73A1, outside RFC 8656's 0x4000–0x4FFF. */
export const DEMO_CHANNEL_BIND_REQUEST: StunFixture = {
  file: "demo.pcap",
  frame: 276,
  bytes: hex`
  00090064 2112a442  # ChannelBind Request (0x0009), length 100, magic cookie
  912f4bf8 b1a6d433 b56a67b0  # transaction ID
  000c0004 73a10000  # CHANNEL-NUMBER: 0x73a1
  00120008 0001e11a 5e12a443  # XOR-PEER-ADDRESS: 127.0.0.1:49160
  00060006 6e657470 69780000  # USERNAME: netpix
  00150010 34383034 64346530 36336663 33343839  # NONCE: 4804d4e063fc3489
  0014000c 6e657470 69782e6c 6f63616c  # REALM: netpix.local
  00080014 7bd4b022 2cf91dec 75a24b2d df7f9ce9 f91f8d0e  # MESSAGE-INTEGRITY (HMAC-SHA1)
  80280004 6ca4b852  # FINGERPRINT 0x6ca4b852
`,
};

/** demo.pcap frame 277: `127.0.0.1:3478 → 127.0.0.1:48258 Channel-Bind Success Response`. */
export const DEMO_CHANNEL_BIND_SUCCESS: StunFixture = {
  file: "demo.pcap",
  frame: 277,
  bytes: hex`
  01090020 2112a442  # ChannelBind Success Response (0x0109), length 32, magic cookie
  912f4bf8 b1a6d433 b56a67b0  # transaction ID
  00080014 f046603f 17a83920 d330a349 c3b0a9cc 9f7327b3  # MESSAGE-INTEGRITY (HMAC-SHA1)
  80280004 b2a07838  # FINGERPRINT 0xb2a07838
`,
};

/** demo.pcap frame 316: `127.0.0.1:48258 → 127.0.0.1:3478 CreatePermission Request XOR-PEER-ADDRESS: 127.0.0.1:49160 user: netpix with nonce realm: netpix.local`. */
export const DEMO_CREATE_PERMISSION_REQUEST: StunFixture = {
  file: "demo.pcap",
  frame: 316,
  bytes: hex`
  0008005c 2112a442  # CreatePermission Request (0x0008), length 92, magic cookie
  c3f50ca7 cceef801 160c06f9  # transaction ID
  00120008 0001e11a 5e12a443  # XOR-PEER-ADDRESS: 127.0.0.1:49160
  00060006 6e657470 69780000  # USERNAME: netpix
  00150010 34383034 64346530 36336663 33343839  # NONCE: 4804d4e063fc3489
  0014000c 6e657470 69782e6c 6f63616c  # REALM: netpix.local
  00080014 a83363a9 499e39f9 db61623b d104b07a cf6726dc  # MESSAGE-INTEGRITY (HMAC-SHA1)
  80280004 7909ac24  # FINGERPRINT 0x7909ac24
`,
};

/** demo.pcap frame 1116: `127.0.0.1:36920 → 127.0.0.1:3478 Refresh Request lifetime: 0 user: netpix with nonce realm: netpix.local`. LIFETIME 0: the client releases its allocation. */
export const DEMO_REFRESH_DEALLOCATE: StunFixture = {
  file: "demo.pcap",
  frame: 1116,
  bytes: hex`
  00040058 2112a442  # Refresh Request (0x0004), length 88, magic cookie
  6e75e4e4 ae8ed7e0 a16d5557  # transaction ID
  000d0004 00000000  # LIFETIME 0
  00060006 6e657470 69780000  # USERNAME: netpix
  00150010 65353232 32643431 38363530 64623162  # NONCE: e5222d418650db1b
  0014000c 6e657470 69782e6c 6f63616c  # REALM: netpix.local
  00080014 cb9ff604 9ddd333b 3e5dd0ed b68defbf 8a32babd  # MESSAGE-INTEGRITY (HMAC-SHA1)
  80280004 3bd72dda  # FINGERPRINT 0x3bd72dda
`,
};

/** demo.pcap frame 1601: `127.0.0.1:38031 → 127.0.0.1:3478 Send Indication XOR-PEER-ADDRESS: 127.0.0.1:49192`. 120 bytes of uclient payload for the peer. */
export const DEMO_SEND_INDICATION: StunFixture = {
  file: "demo.pcap",
  frame: 1601,
  bytes: hex`
  00160090 2112a442  # Send Indication (0x0016), length 144, magic cookie
  9999bb54 8044a5fa 78881f50  # transaction ID
  00130078 00000000 07070707 210a0000 00000000 07070707 07070707 07070707  # DATA, 120 bytes
  07070707 07070707 07070707 07070707 07070707 07070707 07070707 07070707
  07070707 07070707 07070707 07070707 07070707 07070707 07070707 07070707
  07070707 07070707 07070707 07070707 07070707 07070707 07070707
  00120008 0001e13a 5e12a443  # XOR-PEER-ADDRESS: 127.0.0.1:49192
  80280004 67f81e99  # FINGERPRINT 0x67f81e99
`,
};

/** demo.pcap frame 1603: `127.0.0.1:3478 → 127.0.0.1:40504 Data Indication XOR-PEER-ADDRESS: 127.0.0.1:49198`. The same payload delivered by the relay. */
export const DEMO_DATA_INDICATION: StunFixture = {
  file: "demo.pcap",
  frame: 1603,
  bytes: hex`
  00170090 2112a442  # Data Indication (0x0017), length 144, magic cookie
  ea6245ae 2ac526cf 814403e8  # transaction ID
  00130078 00000000 07070707 210a0000 00000000 07070707 07070707 07070707  # DATA, 120 bytes
  07070707 07070707 07070707 07070707 07070707 07070707 07070707 07070707
  07070707 07070707 07070707 07070707 07070707 07070707 07070707 07070707
  07070707 07070707 07070707 07070707 07070707 07070707 07070707
  00120008 0001e13c 5e12a443  # XOR-PEER-ADDRESS: 127.0.0.1:49198
  80280004 52c18d27  # FINGERPRINT 0x52c18d27
`,
};

/** demo.pcap frame 757: `127.0.0.1:36920 → 127.0.0.1:3478 ChannelData TURN Message`. Channel 0x72B7 (first byte 114, outside RFC 7983's 64–79). */
export const DEMO_CHANNEL_DATA: StunFixture = {
  file: "demo.pcap",
  frame: 757,
  bytes: hex`
  72b70078  # ChannelData: channel 0x72b7, length 120
  00000000 07070707 1d0e0000 00000000 07070707 07070707 07070707 07070707  # application data
  07070707 07070707 07070707 07070707 07070707 07070707 07070707 07070707
  07070707 07070707 07070707 07070707 07070707 07070707 07070707 07070707
  07070707 07070707 07070707 07070707 07070707 07070707
`,
};

/** stun/ice.pcap frame 4: `198.51.100.10:3478 → 198.51.100.1:44485 Binding Success Response XOR-MAPPED-ADDRESS: 198.51.100.1:44485 MAPPED-ADDRESS: 198.51.100.1:44485 RESPONSE-ORIGIN: 198.51.100.10:3478`. coturn's answer to aioice's server-reflexive gathering request. */
export const ICE_STUN_BINDING_SUCCESS: StunFixture = {
  file: "stun/ice.pcap",
  frame: 4,
  bytes: hex`
  01010044 2112a442  # Binding Success Response (0x0101), length 68, magic cookie
  7bcb9265 42633949 05529cd7  # transaction ID
  00200008 00018cd7 e721c043  # XOR-MAPPED-ADDRESS: 198.51.100.1:44485
  00010008 0001adc5 c6336401  # MAPPED-ADDRESS: 198.51.100.1:44485
  802b0008 00010d96 c633640a  # RESPONSE-ORIGIN: 198.51.100.10:3478
  80220014 436f7475 726e2d34 2e362e31 2027476f 72737427  # SOFTWARE "Coturn-4.6.1 'Gorst'"
  80280004 58495d94  # FINGERPRINT 0x58495d94
`,
};

/** stun/ice.pcap frame 5: `198.51.100.1:44485 → 198.51.100.1:49280 Binding Request user: 9ho0:3yjO`. aioice's controlling agent nominates the pair (USE-CANDIDATE). */
export const ICE_CHECK_CONTROLLING: StunFixture = {
  file: "stun/ice.pcap",
  frame: 5,
  bytes: hex`
  00010048 2112a442  # Binding Request (0x0001), length 72, magic cookie
  59240c65 7f690001 2939c233  # transaction ID
  00060009 39686f30 3a33796a 4f000000  # USERNAME: 9ho0:3yjO
  00240004 6effffff  # PRIORITY 1862270975
  802a0008 4fd65e54 dc31d5c6  # ICE-CONTROLLING, tie-breaker 4fd65e54dc31d5c6
  00250000  # USE-CANDIDATE
  00080014 35db6f02 2fbf493d 48bac18e 53efda25 083f1edc  # MESSAGE-INTEGRITY (HMAC-SHA1)
  80280004 c77faa32  # FINGERPRINT 0xc77faa32
`,
};

/** stun/ice.pcap frame 6: `198.51.100.1:49280 → 198.51.100.1:44485 Binding Request user: 3yjO:9ho0`. The controlled agent's check on the same pair. */
export const ICE_CHECK_CONTROLLED: StunFixture = {
  file: "stun/ice.pcap",
  frame: 6,
  bytes: hex`
  00010044 2112a442  # Binding Request (0x0001), length 68, magic cookie
  161a048a 76ce1fd0 d960eb5e  # transaction ID
  00060009 33796a4f 3a39686f 30000000  # USERNAME: 3yjO:9ho0
  00240004 6effffff  # PRIORITY 1862270975
  80290008 0833cca5 bf79a4d1  # ICE-CONTROLLED, tie-breaker 0833cca5bf79a4d1
  00080014 e890dad7 003406a5 93e26062 fb54dd6b f025f49b  # MESSAGE-INTEGRITY (HMAC-SHA1)
  80280004 db6b3623  # FINGERPRINT 0xdb6b3623
`,
};

/** stun/ice.pcap frame 7: `198.51.100.1:49280 → 198.51.100.1:44485 Binding Success Response XOR-MAPPED-ADDRESS: 198.51.100.1:44485`. The answer to frame 5. */
export const ICE_CHECK_SUCCESS: StunFixture = {
  file: "stun/ice.pcap",
  frame: 7,
  bytes: hex`
  0101002c 2112a442  # Binding Success Response (0x0101), length 44, magic cookie
  59240c65 7f690001 2939c233  # transaction ID
  00200008 00018cd7 e721c043  # XOR-MAPPED-ADDRESS: 198.51.100.1:44485
  00080014 a437efa0 80ae619c 9be0e9fb 03e907d2 90544da9  # MESSAGE-INTEGRITY (HMAC-SHA1)
  80280004 de58123c  # FINGERPRINT 0xde58123c
`,
};

/** stun/ice.pcap frame 10: `2001:db8::1:56379 → 2001:db8::1:43464 Binding Request user: LiIM:tJWU`. */
export const ICE_CHECK_IPV6_CONTROLLING: StunFixture = {
  file: "stun/ice.pcap",
  frame: 10,
  bytes: hex`
  00010048 2112a442  # Binding Request (0x0001), length 72, magic cookie
  ed56a6aa 25586721 60a7124b  # transaction ID
  00060009 4c69494d 3a744a57 55000000  # USERNAME: LiIM:tJWU
  00240004 6effffff  # PRIORITY 1862270975
  802a0008 024293a8 ac88c9b9  # ICE-CONTROLLING, tie-breaker 024293a8ac88c9b9
  00250000  # USE-CANDIDATE
  00080014 67f96541 f05770f9 c562350f 8e7b379f 48c9213a  # MESSAGE-INTEGRITY (HMAC-SHA1)
  80280004 c40cfbf4  # FINGERPRINT 0xc40cfbf4
`,
};

/** stun/ice.pcap frame 12: `2001:db8::1:43464 → 2001:db8::1:56379 Binding Success Response XOR-MAPPED-ADDRESS: 2001:db8::1:56379`. IPv6 XOR-MAPPED-ADDRESS (XORed with cookie and transaction ID). */
export const ICE_CHECK_IPV6_SUCCESS: StunFixture = {
  file: "stun/ice.pcap",
  frame: 12,
  bytes: hex`
  01010038 2112a442  # Binding Success Response (0x0101), length 56, magic cookie
  ed56a6aa 25586721 60a7124b  # transaction ID
  00200014 0002fd29 0113a9fa ed56a6aa 25586721 60a7124a  # XOR-MAPPED-ADDRESS: 2001:db8::1:56379
  00080014 b2dbc15c c96c1523 127bc6e6 071a2a24 ba350445  # MESSAGE-INTEGRITY (HMAC-SHA1)
  80280004 d0a9833e  # FINGERPRINT 0xd0a9833e
`,
};

/** stun/ice.pcap frame 15: `198.51.100.10:43660 → 198.51.100.10:3478 Allocate Request lifetime: 600 UDP`. aioice's Allocate: LIFETIME before REQUESTED-TRANSPORT, no FINGERPRINT. */
export const ICE_ALLOCATE_REQUEST: StunFixture = {
  file: "stun/ice.pcap",
  frame: 15,
  bytes: hex`
  00030010 2112a442  # Allocate Request (0x0003), length 16, magic cookie
  50198d52 6be4f296 391c4a28  # transaction ID
  000d0004 00000258  # LIFETIME 600
  00190004 11000000  # REQUESTED-TRANSPORT 17
`,
};

/** stun/ice.pcap frame 20: `198.51.100.10:43660 → 198.51.100.10:3478 Channel-Bind Request ChannelNumber=0x4000 XOR-PEER-ADDRESS: 198.51.100.1:37484 user: netpix with nonce realm: netpix.local`. Channel 0x4000, the first valid number. */
export const ICE_CHANNEL_BIND_REQUEST: StunFixture = {
  file: "stun/ice.pcap",
  frame: 20,
  bytes: hex`
  00090064 2112a442  # ChannelBind Request (0x0009), length 100, magic cookie
  72d5e43f fac6140b bb631d13  # transaction ID
  000c0004 40000000  # CHANNEL-NUMBER: 0x4000
  00120008 0001b37e e721c043  # XOR-PEER-ADDRESS: 198.51.100.1:37484
  00060006 6e657470 69780000  # USERNAME: netpix
  00150010 65356532 35393536 63616432 61303533  # NONCE: e5e25956cad2a053
  0014000c 6e657470 69782e6c 6f63616c  # REALM: netpix.local
  00080014 7a71eee1 4648d1d4 a410ad67 1ec8f7ad e2e1dd3c  # MESSAGE-INTEGRITY (HMAC-SHA1)
  80280004 401f2a6d  # FINGERPRINT 0x401f2a6d
`,
};

/** stun/ice.pcap frame 22: `198.51.100.10:43660 → 198.51.100.10:3478 ChannelData TURN Message`. A connectivity check relayed through TURN: STUN inside ChannelData. */
export const ICE_CHANNEL_DATA_CHECK: StunFixture = {
  file: "stun/ice.pcap",
  frame: 22,
  bytes: hex`
  4000005c  # ChannelData: channel 0x4000, length 92
  00010048 2112a442 28f17cda 4680f50e 411ca5ff 00060009 47634950 3a795a39  # application data
  48000000 00240004 6effffff 802a0008 b1dc7056 878a144d 00250000 00080014
  ca3c7c34 99ee27b3 3d86bd86 91467849 933a18dd 80280004 f1bfe322
`,
};

/** stun/ice.pcap frame 31: `198.51.100.10:43660 → 198.51.100.10:3478 ChannelData TURN Message`. 18 bytes of application data and no padding (allowed over UDP). */
export const ICE_CHANNEL_DATA_UNPADDED: StunFixture = {
  file: "stun/ice.pcap",
  frame: 31,
  bytes: hex`
  40000012  # ChannelData: channel 0x4000, length 18
  6e657470 69782069 63652066 69787475 7265  # application data
`,
};

/** stun/turn-ipv6.pcap frame 2: `2001:db8::1:3478 → 2001:db8::1:33464 Binding Success Response XOR-MAPPED-ADDRESS: 2001:db8::1:33464 MAPPED-ADDRESS: 2001:db8::1:33464 RESPONSE-ORIGIN: 2001:db8::1:3478 OTHER-ADDRESS: 2001:db8::2:3479`. RFC 5780 answer with OTHER-ADDRESS and SOFTWARE, all IPv6. */
export const TURN6_BINDING_SUCCESS: StunFixture = {
  file: "stun/turn-ipv6.pcap",
  frame: 2,
  bytes: hex`
  01010080 2112a442  # Binding Success Response (0x0101), length 128, magic cookie
  8900e1de f077ea33 f1842ba4  # transaction ID
  00200014 0002a3aa 0113a9fa 8900e1de f077ea33 f1842ba5  # XOR-MAPPED-ADDRESS: 2001:db8::1:33464
  00010014 000282b8 20010db8 00000000 00000000 00000001  # MAPPED-ADDRESS: 2001:db8::1:33464
  802b0014 00020d96 20010db8 00000000 00000000 00000001  # RESPONSE-ORIGIN: 2001:db8::1:3478
  802c0014 00020d97 20010db8 00000000 00000000 00000002  # OTHER-ADDRESS: 2001:db8::2:3479
  80220014 436f7475 726e2d34 2e362e31 2027476f 72737427  # SOFTWARE "Coturn-4.6.1 'Gorst'"
  80280004 7008802d  # FINGERPRINT 0x7008802d
`,
};

/** stun/turn-ipv6.pcap frame 3: `2001:db8::1:33464 → 2001:db8::1:3478 Binding Request`. turnutils_stunclient -f: RESPONSE-PORT and CHANGE-REQUEST. */
export const TURN6_BINDING_CHANGE_REQUEST: StunFixture = {
  file: "stun/turn-ipv6.pcap",
  frame: 3,
  bytes: hex`
  00010010 2112a442  # Binding Request (0x0001), length 16, magic cookie
  a4227b47 d6646d8e 3f77af4e  # transaction ID
  00270004 82b90000  # RESPONSE-PORT 33465
  00030004 00000006  # CHANGE-REQUEST flags 0x06
`,
};

/** stun/turn-ipv6.pcap frame 7: `2001:db8::1:35474 → 2001:db8::1:3478 Allocate Request UDP lifetime: 777`. uclient -x -g: IPv6 relay, EVEN-PORT, DONT-FRAGMENT. */
export const TURN6_ALLOCATE_REQUEST: StunFixture = {
  file: "stun/turn-ipv6.pcap",
  frame: 7,
  bytes: hex`
  00030024 2112a442  # Allocate Request (0x0003), length 36, magic cookie
  c4239d3a 23daa2b2 0b35b6d9  # transaction ID
  00190004 11000000  # REQUESTED-TRANSPORT 17
  000d0004 00000309  # LIFETIME 777
  00170004 02000000  # REQUESTED-ADDRESS-FAMILY 2
  001a0000  # DONT-FRAGMENT
  80280004 ea45eabd  # FINGERPRINT 0xea45eabd
`,
};

/** stun/turn-ipv6.pcap frame 10: `2001:db8::1:3478 → 2001:db8::1:35474 Allocate Success Response XOR-RELAYED-ADDRESS: 2001:db8::1:49194 XOR-MAPPED-ADDRESS: 2001:db8::1:35474 lifetime: 777`. IPv6 XOR-RELAYED-ADDRESS and XOR-MAPPED-ADDRESS. */
export const TURN6_ALLOCATE_SUCCESS: StunFixture = {
  file: "stun/turn-ipv6.pcap",
  frame: 10,
  bytes: hex`
  01030070 2112a442  # Allocate Success Response (0x0103), length 112, magic cookie
  b1df6d49 6860c6d3 facd0213  # transaction ID
  00160014 0002e138 0113a9fa b1df6d49 6860c6d3 facd0212  # XOR-RELAYED-ADDRESS: 2001:db8::1:49194
  00200014 0002ab80 0113a9fa b1df6d49 6860c6d3 facd0212  # XOR-MAPPED-ADDRESS: 2001:db8::1:35474
  000d0004 00000309  # LIFETIME 777
  80220014 436f7475 726e2d34 2e362e31 2027476f 72737427  # SOFTWARE "Coturn-4.6.1 'Gorst'"
  00080014 30e3c553 4c75e158 ff58f82e 268af2fe b1c483f1  # MESSAGE-INTEGRITY (HMAC-SHA1)
  80280004 f2af766e  # FINGERPRINT 0xf2af766e
`,
};

/** stun/turn-ipv6.pcap frame 41: `2001:db8::1:60097 → 2001:db8::1:3478 ChannelData TURN Message`. uclient -D: 41 bytes of data padded to 44. */
export const TURN6_CHANNEL_DATA_PADDED: StunFixture = {
  file: "stun/turn-ipv6.pcap",
  frame: 41,
  bytes: hex`
  4cb30029  # ChannelData: channel 0x4cb3, length 41
  00000000 07070707 80090000 00000000 07070707 07070707 07070707 07070707  # application data
  07070707 07070707 07000000
`,
};

/** stun/turn-ipv6.pcap frame 53: `2001:db8::1:32955 → 2001:db8::1:3478 Allocate Request UDP lifetime: 777 user: netpix with nonce realm: netpix.local`. uclient -Z: ADDITIONAL-ADDRESS-FAMILY with coturn's draft type 0x8032. */
export const TURN6_DUAL_ALLOCATE_REQUEST: StunFixture = {
  file: "stun/turn-ipv6.pcap",
  frame: 53,
  bytes: hex`
  00030070 2112a442  # Allocate Request (0x0003), length 112, magic cookie
  f7cc5cc8 e29bb867 74efd01e  # transaction ID
  00190004 11000000  # REQUESTED-TRANSPORT 17
  000d0004 00000309  # LIFETIME 777
  00180001 00000000  # EVEN-PORT R=0
  80320004 02000000  # ADDITIONAL-ADDRESS-FAMILY (coturn's draft type 0x8032): family 2
  00060006 6e657470 69780000  # USERNAME: netpix
  00150010 65376438 33633035 66383930 31643132  # NONCE: e7d83c05f8901d12
  0014000c 6e657470 69782e6c 6f63616c  # REALM: netpix.local
  00080014 28f7e741 3136b090 d83329a2 5f587ac3 3992beb7  # MESSAGE-INTEGRITY (HMAC-SHA1)
  80280004 ff11c045  # FINGERPRINT 0xff11c045
`,
};

/** stun/turn-ipv6.pcap frame 54: `2001:db8::1:3478 → 2001:db8::1:32955 Allocate Success Response XOR-RELAYED-ADDRESS: 0.0.0.0:0 XOR-RELAYED-ADDRESS: 2001:db8::1:49166 XOR-MAPPED-ADDRESS: 2001:db8::1:32955 lifetime: 777`. IPv4 failed: a zero XOR-RELAYED-ADDRESS and ADDRESS-ERROR-CODE 440 (coturn's draft type 0x8033). */
export const TURN6_DUAL_ALLOCATE_SUCCESS: StunFixture = {
  file: "stun/turn-ipv6.pcap",
  frame: 54,
  bytes: hex`
  010300a0 2112a442  # Allocate Success Response (0x0103), length 160, magic cookie
  f7cc5cc8 e29bb867 74efd01e  # transaction ID
  00160008 00012112 2112a442  # XOR-RELAYED-ADDRESS: 0.0.0.0:0
  00160014 0002e11c 0113a9fa f7cc5cc8 e29bb867 74efd01f  # XOR-RELAYED-ADDRESS: 2001:db8::1:49166
  00200014 0002a1a9 0113a9fa f7cc5cc8 e29bb867 74efd01f  # XOR-MAPPED-ADDRESS: 2001:db8::1:32955
  000d0004 00000309  # LIFETIME 777
  80330020 01000428 41646472 65737320 46616d69 6c79206e 6f742053 7570706f  # ADDRESS-ERROR-CODE (coturn's draft type 0x8033): family 1, 440 "Address Family not Supported"
  72746564
  80220014 436f7475 726e2d34 2e362e31 2027476f 72737427  # SOFTWARE "Coturn-4.6.1 'Gorst'"
  00080014 84912da9 84846fd3 d84226a1 66a002ba ca3f9ab6  # MESSAGE-INTEGRITY (HMAC-SHA1)
  80280004 54cfcff1  # FINGERPRINT 0x54cfcff1
`,
};

/** stun/turn-ipv6.pcap frame 80: `2001:db8::1:3478 → 2001:db8::1:49328 Refresh Error Response error-code: 443 (Peer Address Family Mismatch) Peer Address Family Mismatch (1)`. Error 443 (Peer Address Family Mismatch). */
export const TURN6_REFRESH_FAMILY_MISMATCH: StunFixture = {
  file: "stun/turn-ipv6.pcap",
  frame: 80,
  bytes: hex`
  01140060 2112a442  # Refresh Error Response (0x0114), length 96, magic cookie
  93b1f4c4 d5728ec1 02e3ab7d  # transaction ID
  00090024 0000042b 50656572 20416464 72657373 2046616d 696c7920 4d69736d  # ERROR-CODE 443 (Peer Address Family Mismatch): Peer Address Family Mismatch (1)
  61746368 20283129
  80220014 436f7475 726e2d34 2e362e31 2027476f 72737427  # SOFTWARE "Coturn-4.6.1 'Gorst'"
  00080014 78c8dd71 d2038059 63747317 20de2c72 58e55d9b  # MESSAGE-INTEGRITY (HMAC-SHA1)
  80280004 c6561592  # FINGERPRINT 0xc6561592
`,
};

/** stun/turn-ipv6.pcap frame 83: `2001:db8::1:56490 → 2001:db8::1:3478 Allocate Request UDP lifetime: 777 user: netpix with nonce realm: netpix.local`. uclient -M: MOBILITY-TICKET (empty) in an authenticated Allocate. */
export const TURN6_ALLOCATE_MOBILITY: StunFixture = {
  file: "stun/turn-ipv6.pcap",
  frame: 83,
  bytes: hex`
  00030064 2112a442  # Allocate Request (0x0003), length 100, magic cookie
  a7d56af2 f4850a37 f99c6ebb  # transaction ID
  00190004 11000000  # REQUESTED-TRANSPORT 17
  000d0004 00000309  # LIFETIME 777
  80300000  # MOBILITY-TICKET, 0 bytes
  00060006 6e657470 69780000  # USERNAME: netpix
  00150010 64633735 37383939 66383665 30343436  # NONCE: dc757899f86e0446
  0014000c 6e657470 69782e6c 6f63616c  # REALM: netpix.local
  00080014 db46c935 7a7ac208 eb1eb7c7 6c1e17be 6c62e928  # MESSAGE-INTEGRITY (HMAC-SHA1)
  80280004 fcb72f69  # FINGERPRINT 0xfcb72f69
`,
};

/** stun/turn-ipv6.pcap frame 84: `2001:db8::1:3478 → 2001:db8::1:56490 Allocate Error Response error-code: 440 (Address Family not Supported) Unsupported address family`. Error 440 (Address Family not Supported). */
export const TURN6_ALLOCATE_FAMILY_UNSUPPORTED: StunFixture = {
  file: "stun/turn-ipv6.pcap",
  frame: 84,
  bytes: hex`
  0113005c 2112a442  # Allocate Error Response (0x0113), length 92, magic cookie
  a7d56af2 f4850a37 f99c6ebb  # transaction ID
  00090020 00000428 556e7375 70706f72 74656420 61646472 65737320 66616d69  # ERROR-CODE 440 (Address Family not Supported): Unsupported address family
  6c790000
  80220014 436f7475 726e2d34 2e362e31 2027476f 72737427  # SOFTWARE "Coturn-4.6.1 'Gorst'"
  00080014 7c0a45ef bcf991e7 3ddaaa19 e382c29f fac255ca  # MESSAGE-INTEGRITY (HMAC-SHA1)
  80280004 5138daaa  # FINGERPRINT 0x5138daaa
`,
};

/** stun/turn-ipv6.pcap frame 5: `2001:db8::1:33465 → 2001:db8::1:3478 Binding Request`. turnutils_stunclient -f: 1500 zero bytes of PADDING (RFC 5780 §7.6) to test fragmentation. */
export const TURN6_BINDING_PADDING: StunFixture = {
  file: "stun/turn-ipv6.pcap",
  frame: 5,
  bytes: concat(
    hex`
    000105e8 2112a442  # Binding Request (0x0001), length 1512, magic cookie
    160568c3 69bde396 71c9743f  # transaction ID
    00030004 00000006  # CHANGE-REQUEST flags 0x06 (change IP, change port)
    002605dc  # PADDING, 1500 bytes (all zero)
    `,
    new Uint8Array(1500),
  ),
};

// ---------------------------------------------------------------------------------------------------------------
// RFC 5769 "Test Vectors for Session Traversal Utilities for NAT (STUN)". Short-term password of §2.1–2.3:
// "VOkJxbRl1RmTxUk/WvJxBt". §2.4 uses long-term credentials: username "マトリックス" (U+30DE U+30C8 U+30EA U+30C3
// U+30AF U+30B9), password "TheMatrIX" after SASLprep, realm "example.org".

/** The RFC 5769 §2.1 short-term password. */
export const RFC5769_PASSWORD = "VOkJxbRl1RmTxUk/WvJxBt";

/** RFC 5769 §2.1 Sample Request: an ICE connectivity check. */
export const RFC5769_REQUEST: Uint8Array = hex`
  00010058 2112a442  # Binding Request, length 88, magic cookie
  b7e7a701 bc34d686 fa87dfae  # transaction ID
  80220010 5354554e 20746573 7420636c 69656e74  # SOFTWARE "STUN test client"
  00240004 6e0001ff  # PRIORITY 0x6e0001ff
  80290008 932ff9b1 51263b36  # ICE-CONTROLLED, tie-breaker 932ff9b151263b36
  00060009 6576746a 3a683676 59202020  # USERNAME "evtj:h6vY" and 3 bytes of padding (spaces)
  00080014 9aeaa70c bfd8cb56 781ef2b5 b2d3f249 c1b571a2  # MESSAGE-INTEGRITY
  80280004 e57a3bcf  # FINGERPRINT
`;

/** RFC 5769 §2.2 Sample IPv4 Response: XOR-MAPPED-ADDRESS 192.0.2.1:32853. */
export const RFC5769_RESPONSE_IPV4: Uint8Array = hex`
  0101003c 2112a442  # Binding Success Response, length 60, magic cookie
  b7e7a701 bc34d686 fa87dfae  # transaction ID
  8022000b 74657374 20766563 746f7220  # SOFTWARE "test vector" and 1 byte of padding (space)
  00200008 0001a147 e112a643  # XOR-MAPPED-ADDRESS 192.0.2.1:32853
  00080014 2b91f599 fd9e90c3 8c7489f9 2af9ba53 f06be7d7  # MESSAGE-INTEGRITY
  80280004 c07d4c96  # FINGERPRINT
`;

/** RFC 5769 §2.3 Sample IPv6 Response: XOR-MAPPED-ADDRESS [2001:db8:1234:5678:11:2233:4455:6677]:32853. */
export const RFC5769_RESPONSE_IPV6: Uint8Array = hex`
  01010048 2112a442  # Binding Success Response, length 72, magic cookie
  b7e7a701 bc34d686 fa87dfae  # transaction ID
  8022000b 74657374 20766563 746f7220  # SOFTWARE "test vector" and 1 byte of padding (space)
  00200014 0002a147 0113a9fa a5d3f179 bc25f4b5 bed2b9d9  # XOR-MAPPED-ADDRESS (IPv6)
  00080014 a382954e 4be67bf1 1784c97c 8292c275 bfe3ed41  # MESSAGE-INTEGRITY
  80280004 c8fb0b4c  # FINGERPRINT
`;

/** RFC 5769 §2.4 Sample Request with Long-Term Authentication (no FINGERPRINT). */
export const RFC5769_REQUEST_LONG_TERM: Uint8Array = hex`
  00010060 2112a442  # Binding Request, length 96, magic cookie
  78ad3433 c6ad72c0 29da412e  # transaction ID
  00060012 e3839ee3 8388e383 aae38383 e382afe3 82b90000  # USERNAME "マトリックス" (18 bytes) and 2 bytes of padding
  0015001c 662f2f34 39396b39 35346436 4f4c3334 6f4c3946 53547679 36347341  # NONCE "f//499k954d6OL34oL9FSTvy64sA"
  0014000b 6578616d 706c652e 6f726700  # REALM "example.org" and 1 byte of padding
  00080014 f6702465 6dd64a3e 02b8e071 2e85c9a2 8ca89666  # MESSAGE-INTEGRITY
`;
