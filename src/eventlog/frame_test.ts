import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { PACKET_PREFIX_BYTES, writeRtpRecord } from "./frame.ts";
import { rtp } from "./_encode.ts";
import { EXTENSION_URIS, type ExtensionIds, type RtpEvent } from "./events.ts";
import { decodeRtp } from "../protocols/rtp/header.ts";
import { decodeWellKnownExtensions } from "../protocols/rtp/well_known_extensions.ts";
import { isFailure } from "../protocols/decode_result.ts";

/** Rebuilds `e` and decodes it back with netpix's own RTP decoders (RFC 3550, RFC 8285 and the extension RFCs). */
function rebuild(e: RtpEvent, ids: ExtensionIds) {
  const out = new Uint8Array(2048);
  const w = writeRtpRecord(out, 0, e, ids);
  const frame = out.subarray(0, w.caplen);
  const udp = frame.subarray(PACKET_PREFIX_BYTES);
  // Decode as if the payload were there: the header must say what the log said.
  const whole = new Uint8Array(w.origlen - PACKET_PREFIX_BYTES);
  whole.set(udp);
  if (e.paddingSize > 0) whole[whole.length - 1] = e.paddingSize;
  const p = decodeRtp(whole);
  if (isFailure(p)) throw new Error(p.detail);
  const extmap = new Map(Object.entries(ids).map(([k, id]) => [id, EXTENSION_URIS[k as keyof typeof EXTENSION_URIS]]));
  const ext = p.extension ? decodeWellKnownExtensions(whole, p.extension.elements, extmap) : [];
  return { w, p, ext, udp };
}

const ALL: ExtensionIds = {
  audioLevel: 1,
  absoluteSendTime: 2,
  transportSequenceNumber: 3,
  transmissionTimeOffset: 4,
  videoRotation: 5,
};

Deno.test("writeRtpRecord() rebuilds the logged header and extension values, which netpix's RTP decoder reads back", () => {
  const e = rtp({
    timeMs: 1,
    ssrc: 0xdeadbeef,
    sequenceNumber: 65535,
    rtpTimestamp: 0x80000001,
    payloadType: 100,
    marker: true,
    headerSize: 36,
    payloadSize: 1000,
    paddingSize: 0,
    audioLevel: 42,
    voiceActivity: true,
    absoluteSendTime: 0x123456,
    transportSequenceNumber: 777,
    transmissionTimeOffset: -90,
    videoRotation: 1,
  });
  const { w, p, ext } = rebuild(e, ALL);
  strictEqual(w.origlen, PACKET_PREFIX_BYTES + 36 + 1000, "the logged size, header + payload + padding");
  deepStrictEqual([p.ssrc, p.sequence, p.timestamp, p.payloadType, p.marker], [
    0xdeadbeef,
    65535,
    0x80000001,
    100,
    true,
  ]);
  strictEqual(p.headerLength, 36, "padded with extension padding up to the logged header size");
  strictEqual(p.payloadLength, 1000);
  const byKind = Object.fromEntries(ext.map((x) => [isFailure(x) ? "failure" : x.kind, x]));
  ok(!("failure" in byKind), JSON.stringify(ext));
  deepStrictEqual(byKind["audio-level"], { kind: "audio-level", id: 1, voice: true, level: 42 });
  strictEqual((byKind["abs-send-time"] as { raw: number }).raw, 0x123456);
  strictEqual((byKind["transport-wide-cc"] as { sequence: number }).sequence, 777);
  strictEqual((byKind["toffset"] as { offset: number }).offset, -90);
  strictEqual((byKind["video-orientation"] as { rotation: number }).rotation, 90);
});

Deno.test("writeRtpRecord() uses the two-byte form for ids above 14 and sets P for logged padding", () => {
  const e = rtp({
    timeMs: 1,
    ssrc: 1,
    sequenceNumber: 2,
    headerSize: 20,
    payloadSize: 50,
    paddingSize: 7,
    transportSequenceNumber: 5,
  });
  const { p, udp, w } = rebuild(e, { transportSequenceNumber: 200 });
  strictEqual(p.extension?.form, "two-byte");
  deepStrictEqual(p.extension?.elements.map((x) => x.id), [200]);
  strictEqual(p.padding, true);
  strictEqual(p.payloadLength, 50);
  strictEqual(udp.length, 20, "only the header is present");
  strictEqual(w.origlen - PACKET_PREFIX_BYTES, 77);
});

Deno.test("writeRtpRecord() without extension values keeps a logged 12-byte header bare", () => {
  const { p, w } = rebuild(rtp({ timeMs: 1, ssrc: 1, sequenceNumber: 2, headerSize: 12, payloadSize: 10 }), ALL);
  strictEqual(p.extension, null);
  strictEqual(w.caplen, PACKET_PREFIX_BYTES + 12);
});
