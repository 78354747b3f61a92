import { deepStrictEqual, ok } from "node:assert/strict";
import { breaches, parseFailOn } from "./fail_on.ts";
import type { AnalysisReport, RtpStreamReport } from "./session.ts";

const stream = (over: Partial<RtpStreamReport>): RtpStreamReport => ({
  ssrc: 1,
  ssrc_hex: "0x00000001",
  src: "10.0.0.1:5000",
  dst: "10.0.0.2:6000",
  transport: "udp",
  payload_types: [0],
  codec: "PCMU",
  clock_rate: 8000,
  cname: null,
  mid: null,
  rid: null,
  fmtp: null,
  packets: 100,
  expected: 100,
  lost: 0,
  loss_pct: 0,
  duplicates: 0,
  out_of_order: 0,
  min_delta_ms: 19,
  mean_delta_ms: 20,
  max_delta_ms: 21,
  mean_jitter_ms: 0.5,
  max_jitter_ms: 1,
  max_skew_ms: 0,
  clock_drift_ppm: 0,
  duration_s: 2,
  bitrate_kbps: 80,
  payload_bitrate_kbps: 64,
  packet_rate: 50,
  markers: 1,
  keyframes: null,
  problems: false,
  ...over,
});

const report = (streams: RtpStreamReport[]): AnalysisReport => ({
  version: 1,
  packets: { total: 0, undecodable: {}, by_transport: { udp: 0, tcp: 0, other: 0 }, by_protocol: {} },
  rtp_streams: streams,
  rtcp: [],
  mpegts: [],
  ice_pairs: [],
  dropped: { rtp_streams_packets: 0, rtcp_ssrcs: 0, ice_pairs: 0, mpegts_datagrams: 0 },
  errors: [],
});

Deno.test("parseFailOn() reads comma-separated FIELD OP NUMBER conditions", () => {
  deepStrictEqual(parseFailOn("loss_pct>1, max_jitter_ms >= 30.5,lost!=0"), [
    { field: "loss_pct", op: ">", value: 1, text: "loss_pct>1" },
    { field: "max_jitter_ms", op: ">=", value: 30.5, text: "max_jitter_ms >= 30.5" },
    { field: "lost", op: "!=", value: 0, text: "lost!=0" },
  ]);
});

Deno.test("parseFailOn() names an unknown field or a malformed condition", () => {
  const unknown = parseFailOn("jitter>1");
  ok("error" in unknown && unknown.error.includes("unknown field 'jitter'"));
  const malformed = parseFailOn("loss_pct > one");
  ok("error" in malformed && malformed.error.includes("FIELD OP NUMBER"));
});

Deno.test("breaches() names each stream and condition that holds, and never treats null as 0", () => {
  const conditions = parseFailOn("loss_pct>1,max_jitter_ms<5");
  if ("error" in conditions) throw new Error(conditions.error);
  const found = breaches(
    report([stream({ loss_pct: 2.5, max_jitter_ms: null }), stream({ ssrc_hex: "0x00000002", max_jitter_ms: 9 })]),
    conditions,
  );
  deepStrictEqual(found, [{
    stream: "RTP 0x00000001 10.0.0.1:5000 -> 10.0.0.2:6000",
    condition: "loss_pct>1",
    actual: 2.5,
  }]);
});
