import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { EventLogDecoder } from "./stream.ts";
import type { LogEvent, RtcpEvent, RtpEvent } from "./events.ts";
import { makeSampleLog, SAMPLE_SSRCS } from "./_sample.ts";
import { bweDelayBytes, chunk, concat, rtcpBatchBytes, rtp, rtpBatchBytes } from "./_encode.ts";

function decodeAll(bytes: Uint8Array): { events: LogEvent[]; d: EventLogDecoder } {
  const d = new EventLogDecoder();
  d.push(bytes);
  const events: LogEvent[] = [];
  d.drain(events);
  return { events, d };
}

Deno.test("EventLogDecoder decodes every event of the sample call: RTP per SSRC, RTCP, configs, ICE, DTLS, BWE, probes", () => {
  const log = makeSampleLog(4);
  const { events, d } = decodeAll(log.bytes);
  strictEqual(d.failure, null);
  strictEqual(d.pending, 0);
  strictEqual(events.length, log.events);
  const perSsrc = new Map<number, number>();
  for (const e of events) if (e.kind === "rtp") perSsrc.set(e.ssrc, (perSsrc.get(e.ssrc) ?? 0) + 1);
  deepStrictEqual(perSsrc, log.rtpPackets);
  const rtcp = events.filter((e): e is RtcpEvent => e.kind === "rtcp");
  strictEqual(rtcp.filter((e) => e.incoming).length, log.rtcpPackets.incoming);
  strictEqual(rtcp.filter((e) => !e.incoming).length, log.rtcpPackets.outgoing);
  const names = new Set(events.flatMap((e) => e.kind === "info" ? [e.event] : []));
  for (
    const n of [
      "begin-log",
      "end-log",
      "audio-send-config",
      "audio-recv-config",
      "video-send-config",
      "video-recv-config",
      "ice-pair-config",
      "ice-pair-event",
      "dtls-state",
      "dtls-writable",
      "probe-cluster",
      "probe-success",
      "probe-failure",
      "bwe-delay",
      "bwe-loss",
    ]
  ) ok(names.has(n), `has ${n}`);
  const vrecv = events.find((e) => e.kind === "info" && e.event === "video-recv-config");
  deepStrictEqual(vrecv?.kind === "info" && vrecv.fields, {
    remoteSsrc: SAMPLE_SSRCS.videoIn,
    localSsrc: SAMPLE_SSRCS.videoOut,
    rtxSsrc: SAMPLE_SSRCS.videoInRtx,
    extmap: {
      "2": "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
      "3": "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01",
      "4": "urn:ietf:params:rtp-hdrext:toffset",
      "5": "urn:3gpp:video-orientation",
    },
  });
  const bye = rtcp.at(-1)!;
  strictEqual(bye.bytes[1], 203, "the single-event RTCP batch (a BYE) is decoded, not dropped");
});

Deno.test("EventLogDecoder returns every field of an RTP batch, including absent and negative extension values", () => {
  const sent: RtpEvent[] = [
    rtp({
      timeMs: 100,
      ssrc: 5,
      sequenceNumber: 65535,
      rtpTimestamp: 0xfffffff0,
      marker: true,
      payloadType: 96,
      headerSize: 28,
      payloadSize: 900,
      paddingSize: 3,
      transmissionTimeOffset: -2,
      videoRotation: 1,
      transportSequenceNumber: null,
      absoluteSendTime: 0xffffff,
      audioLevel: null,
      voiceActivity: null,
    }),
    rtp({
      timeMs: 99,
      ssrc: 5,
      sequenceNumber: 0,
      rtpTimestamp: 10,
      payloadType: 97,
      headerSize: 24,
      payloadSize: 1,
      transmissionTimeOffset: 5,
      transportSequenceNumber: 9,
      absoluteSendTime: 3,
    }),
    rtp({
      timeMs: 140,
      ssrc: 6,
      sequenceNumber: 2,
      rtpTimestamp: 5,
      audioLevel: 127,
      voiceActivity: false,
      transmissionTimeOffset: -8_388_608,
    }),
  ];
  const { events } = decodeAll(rtpBatchBytes(sent));
  deepStrictEqual(events, sent);
  // both signednesses of the delta encoding
  deepStrictEqual(decodeAll(rtpBatchBytes(sent, { force: "signed" })).events, sent);
  deepStrictEqual(decodeAll(rtpBatchBytes(sent, { force: "unsigned" })).events, sent);
  // a batch of one carries no delta fields
  deepStrictEqual(decodeAll(rtpBatchBytes([sent[1]!])).events, [sent[1]]);
});

Deno.test("EventLogDecoder keeps the bytes of a partial write until the rest arrives, at every split point", () => {
  const log = concat(
    rtpBatchBytes([rtp({ timeMs: 1, ssrc: 1, sequenceNumber: 1 }), rtp({ timeMs: 2, ssrc: 1, sequenceNumber: 2 })]),
    rtcpBatchBytes([{ kind: "rtcp", incoming: true, timeMs: 3, bytes: new Uint8Array([0x80, 201, 0, 1, 0, 0, 0, 1]) }]),
    bweDelayBytes([{ timeMs: 4, bitrateBps: 1e5, state: 1 }, { timeMs: 5, bitrateBps: 9e4, state: 3 }]),
  );
  const whole = decodeAll(log).events;
  strictEqual(whole.length, 5);
  for (let cut = 0; cut <= log.length; cut++) {
    const d = new EventLogDecoder();
    const out: LogEvent[] = [];
    d.push(log.subarray(0, cut));
    d.drain(out);
    ok(d.offset + d.pending === cut);
    d.push(log.subarray(cut));
    d.drain(out);
    deepStrictEqual(out, whole, `split at ${cut}`);
    strictEqual(d.failure, null);
  }
});

Deno.test("EventLogDecoder stops at damage with its offset, keeping the events before it", () => {
  const good = rtpBatchBytes([rtp({ timeMs: 1, ssrc: 1, sequenceNumber: 1 })]);
  const damaged = concat(good, new Uint8Array([0x17, 0xff, 0xff]), good);
  const { events, d } = decodeAll(damaged);
  strictEqual(events.length, 1);
  strictEqual(d.failure?.reason, "damaged");
  strictEqual(d.failure?.offset, good.length);
  // an event whose delta string is corrupt: the whole message is damage, not half a batch
  const bad = chunk({
    incomingRtpPackets: [{ timestampMs: 1n, ssrc: 1, numberOfDeltas: 1, sequenceNumberDeltas: new Uint8Array([0xc0]) }],
  }); // sequence_number_deltas' header says encoding type 3
  const r = decodeAll(concat(good, bad));
  strictEqual(r.events.length, 1);
  ok(r.d.failure?.detail.includes("type 3"), r.d.failure?.detail);
});

Deno.test("EventLogDecoder recognises a legacy v1 log and says so", () => {
  // webrtc.rtclog.EventStream: field 1 (repeated Event), an Event with timestamp_us = 1
  const { d } = decodeAll(new Uint8Array([0x0a, 0x02, 0x08, 0x01]));
  strictEqual(d.failure?.reason, "legacy-v1");
  ok(d.failure?.detail.includes("v1"));
});

Deno.test("EventLogDecoder never throws on random bytes or on a sample log with bytes flipped", () => {
  let s = 99;
  const rand = () => (s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const sample = makeSampleLog(1).bytes;
  for (let i = 0; i < 300; i++) {
    const b = sample.slice();
    for (let k = 0; k < 4; k++) b[Math.floor(rand() * b.length)] = Math.floor(rand() * 256);
    const { d } = decodeAll(b);
    ok(d.failure === null || d.failure.offset < b.length);
    decodeAll(Uint8Array.from({ length: Math.floor(rand() * 200) }, () => Math.floor(rand() * 256)));
  }
  decodeAll(chunk({}));
});

Deno.test("EventLogDecoder decodes ALR and route changes, and loss-based BWE batches with every field", () => {
  const bytes = concat(
    chunk({
      alrStates: [{ timestampMs: 7n, inAlr: true }],
      routeChanges: [{ timestampMs: 8n, connected: true, overhead: 48 }],
    }),
    chunk({
      lossBasedBweUpdates: [{
        timestampMs: 10n,
        bitrateBps: 500_000,
        fractionLoss: 12,
        totalPackets: 100,
        numberOfDeltas: 1,
        timestampMsDeltas: new Uint8Array([0x03, 0x80]), // type 0, 4-bit deltas: +8 → 18 ms
      }],
    }),
  );
  const { events, d } = decodeAll(bytes);
  strictEqual(d.failure, null);
  deepStrictEqual(events, [
    { kind: "info", timeMs: 7, event: "alr-state", fields: { inAlr: true } },
    { kind: "info", timeMs: 8, event: "route-change", fields: { connected: true, overhead: 48 } },
    {
      kind: "info",
      timeMs: 10,
      event: "bwe-loss",
      fields: { bitrateBps: 500_000, fractionLoss: 12, totalPackets: 100 },
    },
    {
      kind: "info",
      timeMs: 18,
      event: "bwe-loss",
      fields: { bitrateBps: 500_000, fractionLoss: 12, totalPackets: 100 },
    },
  ]);
});
