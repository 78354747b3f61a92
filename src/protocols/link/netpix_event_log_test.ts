import { strictEqual } from "node:assert/strict";
import { formatAddress, FrameDecoder, FrameStatus } from "../frame.ts";
import { eventRecord, writeRtcpRecord, writeRtpRecord } from "../../eventlog/frame.ts";
import { rtp } from "../../eventlog/_encode.ts";

Deno.test("FrameDecoder reads an incoming event-log RTP record as IPv4/UDP from Remote to Local, cut like a snaplen", () => {
  const buf = new Uint8Array(256);
  const e = rtp({ timeMs: 1, ssrc: 0x1234, sequenceNumber: 7, headerSize: 12, payloadSize: 160, paddingSize: 0 });
  const w = writeRtpRecord(buf, 0, e, {});
  const frame = buf.subarray(0, w.caplen);
  const d = new FrameDecoder();
  strictEqual(d.decode(frame, 147, w.origlen), FrameStatus.Ok);
  strictEqual(formatAddress(frame, d.srcAddrOffset, 4), "198.51.100.1");
  strictEqual(formatAddress(frame, d.dstAddrOffset, 4), "192.0.2.1");
  strictEqual(d.srcPort, 5004);
  strictEqual(d.dstPort, 5004);
  strictEqual(d.payloadOffset, 29);
  strictEqual(d.payloadLength, 12, "the payload was not logged: only the 12-byte header is present");
  strictEqual(d.truncated, true);
  strictEqual(w.origlen, 1 + 20 + 8 + 12 + 160);
});

Deno.test("FrameDecoder reads an outgoing RTCP record from Local to Remote", () => {
  const buf = new Uint8Array(256);
  const rr = new Uint8Array([0x80, 201, 0, 1, 0, 0, 0, 9]);
  const w = writeRtcpRecord(buf, 0, false, rr);
  const frame = buf.subarray(0, w.caplen);
  const d = new FrameDecoder();
  strictEqual(d.decode(frame, 147, w.origlen), FrameStatus.Ok);
  strictEqual(formatAddress(frame, d.srcAddrOffset, 4), "192.0.2.1");
  strictEqual(d.payloadLength, 8);
  strictEqual(d.truncated, false);
});

Deno.test("FrameDecoder reports an event-log JSON record as not IP, and an empty one as truncated", () => {
  const d = new FrameDecoder();
  strictEqual(d.decode(eventRecord("end-log", {}), 147), FrameStatus.NotIp);
  strictEqual(d.decode(new Uint8Array(0), 147), FrameStatus.Truncated);
});
