import { deepStrictEqual } from "node:assert/strict";
import { decodePsfbUnknown, decodeRtpfbUnknown, decodeUnknownPacket } from "./raw_packet.ts";
import { headerAt, IJ_AND_UNKNOWN_PT, subset, UNKNOWN_FEEDBACK } from "./_fixtures.ts";
import { hex } from "../_fixtures.ts";

Deno.test("decodeUnknownPacket() keeps an IJ packet (PT 195) with its count and body", () => {
  deepStrictEqual(decodeUnknownPacket(IJ_AND_UNKNOWN_PT, headerAt(IJ_AND_UNKNOWN_PT)), {
    type: "unknown",
    offset: 0,
    byteLength: 8,
    padding: 0,
    packetType: 195,
    count: 1,
    body: hex`00 00 01 00`,
  });
});

Deno.test("decodeUnknownPacket() keeps PT 222 and leaves its padding out of the body", () => {
  const bytes = hex`a0 de 00 02  01 02 03 04  00 00 00 04`;
  deepStrictEqual(subset(decodeUnknownPacket(bytes, headerAt(bytes)), { packetType: 0, padding: 0, body: 0 }), {
    packetType: 222,
    padding: 4,
    body: hex`01 02 03 04`,
  });
});

Deno.test("decodeRtpfbUnknown() keeps FMT 9 with its FCI", () => {
  deepStrictEqual(decodeRtpfbUnknown(UNKNOWN_FEEDBACK, headerAt(UNKNOWN_FEEDBACK)), {
    type: "rtpfb-unknown",
    offset: 0,
    byteLength: 16,
    padding: 0,
    senderSsrc: 0xaabbccdd,
    mediaSsrc: 0x11223344,
    fmt: 9,
    fci: hex`11 22 33 44`,
  });
});

Deno.test("decodePsfbUnknown() keeps FMT 5 (TSTR) with its FCI", () => {
  deepStrictEqual(subset(decodePsfbUnknown(UNKNOWN_FEEDBACK, headerAt(UNKNOWN_FEEDBACK, 16)), { fmt: 0, fci: 0 }), {
    fmt: 5,
    fci: hex`11 22 33 44 07 00 00 05`,
  });
});

Deno.test("decodeRtpfbUnknown() and decodePsfbUnknown() fail without the two SSRCs", () => {
  const rtpfb = hex`89 cd 00 01  00 00 00 01`;
  const psfb = hex`89 ce 00 01  00 00 00 01`;
  deepStrictEqual(subset(decodeRtpfbUnknown(rtpfb, headerAt(rtpfb)), { reason: 0 }), { reason: "bad-length" });
  deepStrictEqual(subset(decodePsfbUnknown(psfb, headerAt(psfb)), { reason: 0 }), { reason: "bad-length" });
});
