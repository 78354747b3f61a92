/**
 * Incremental decoder of a WebRTC event log v2 byte stream (`webrtc.rtclog2.EventStream`).
 *
 * A log is a sequence of top-level protobuf fields, each one length-delimited event message (concatenated
 * EventStreams merge into one). This decoder walks those fields itself, so that it knows each event's byte offset,
 * can keep the bytes of an incomplete last event until the rest arrives, and can stop exactly at damage. Each
 * event message is then decoded by protobuf-es (`fromBinary`) with our schema (`rtc_event_log2.proto`).
 *
 * Never throws on bad bytes: damage stops decoding and is left in {@linkcode EventLogDecoder.failure}.
 * @module
 */
// This module is browser compatible.

import { fromBinary } from "@bufbuild/protobuf";
import type { DescMessage, MessageShape } from "@bufbuild/protobuf";
import * as pb from "./gen/rtc_event_log2_pb.ts";
import { bweDelayBatch, bweLossBatch, rtcpBatch, rtpBatch, streamConfigEvent } from "./batch.ts";
import type { DeltaFailure } from "./delta.ts";
import type { InfoEvent, LogEvent } from "./events.ts";

/** Largest single event message accepted; a longer length prefix is taken as damage rather than waited for. */
export const MAX_EVENT_BYTES = 16 << 20;

/** Why decoding stopped for good. */
export interface EventLogFailure {
  readonly ok: false;
  /** `damaged`: bytes that are not a v2 log; `legacy-v1`: a `webrtc.rtclog` (v1) log, which netpix does not read. */
  readonly reason: "damaged" | "legacy-v1";
  /** Byte offset in the log where the bad field starts. */
  readonly offset: number;
  readonly detail: string;
}

/** Top-level field numbers of `EventStream` (rtc_event_log2.proto). */
const Field = {
  LegacyV1Stream: 1,
  IncomingRtp: 2,
  OutgoingRtp: 3,
  IncomingRtcp: 4,
  OutgoingRtcp: 5,
  BeginLog: 16,
  EndLog: 17,
  BweLoss: 18,
  BweDelay: 19,
  ProbeCluster: 21,
  ProbeSuccess: 22,
  ProbeFailure: 23,
  Alr: 24,
  IceConfig: 25,
  IceEvent: 26,
  DtlsState: 27,
  DtlsWritable: 28,
  RouteChange: 32,
  AudioRecvConfig: 101,
  AudioSendConfig: 102,
  VideoRecvConfig: 103,
  VideoSendConfig: 104,
} as const;

const WIRE_VARINT = 0, WIRE_I64 = 1, WIRE_LEN = 2, WIRE_I32 = 5;

const ICE_CONFIG_TYPES = ["unknown", "added", "updated", "destroyed", "selected"];
const ICE_CANDIDATE_TYPES = ["unknown", "host", "srflx", "prflx", "relay"];
const ICE_PROTOCOLS = ["unknown", "udp", "tcp", "ssltcp", "tls"];
const ICE_FAMILIES = ["unknown", "ipv4", "ipv6"];
const ICE_NETWORKS = ["unknown", "ethernet", "wifi", "cellular", "vpn", "loopback"];
const ICE_EVENT_TYPES = ["unknown", "check-sent", "check-received", "check-response-sent", "check-response-received"];
const DTLS_STATES = ["unknown", "new", "connecting", "connected", "closed", "failed"];
const PROBE_FAILURES = ["unknown", "invalid-send-receive-interval", "invalid-send-receive-ratio", "timeout"];

function name(names: readonly string[], v: number): string {
  return names[v] ?? `unknown-${v}`;
}

function info(timeMs: bigint, event: string, fields: InfoEvent["fields"]): InfoEvent {
  return { kind: "info", timeMs: Number(timeMs), event, fields };
}

/** Reads a varint at `at`; returns [value, next] or null if it does not end before `end` (or exceeds 2^53). */
function varint(b: Uint8Array, at: number, end: number): [number, number] | null | "bad" {
  let v = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    if (at >= end) return null;
    const x = b[at++]!;
    v += (x & 0x7f) * scale;
    scale *= 128;
    if ((x & 0x80) === 0) return v > Number.MAX_SAFE_INTEGER ? "bad" : [v, at];
  }
  return "bad";
}

/**
 * Push bytes in as they arrive, then {@linkcode drain} the complete events.
 *
 * @example Decode a log of one EndLogEvent (field 17: tag 0x8a 0x01, 2 bytes: timestamp_ms = 5)
 * ```ts
 * import { EventLogDecoder } from "./stream.ts";
 * import { deepStrictEqual, strictEqual } from "node:assert/strict";
 * const d = new EventLogDecoder();
 * d.push(new Uint8Array([0x8a, 0x01, 0x02, 0x08]));
 * const out: unknown[] = [];
 * d.drain(out as never);
 * strictEqual(out.length, 0); // the last byte has not arrived yet
 * d.push(new Uint8Array([0x05]));
 * d.drain(out as never);
 * deepStrictEqual(out, [{ kind: "info", timeMs: 5, event: "end-log", fields: {} }]);
 * ```
 */
export class EventLogDecoder {
  /** Set once decoding has stopped at damage or at a legacy v1 log. */
  failure: EventLogFailure | null = null;
  /** Event messages decoded so far (a batch counts once). */
  messages = 0;
  /** Top-level fields of types netpix does not read, skipped. */
  skipped = 0;
  #buf = new Uint8Array(64 << 10);
  #start = 0;
  #end = 0;
  /** Log offset of `#buf[#start]`. */
  #base = 0;

  /** Log offset of the first byte not yet decoded. */
  get offset(): number {
    return this.#base + this.#start;
  }

  /** Bytes received but not yet decoded (an incomplete last event). */
  get pending(): number {
    return this.#end - this.#start;
  }

  /** Appends bytes of the log (copied). */
  push(bytes: Uint8Array): void {
    if (this.failure) return;
    const need = this.#end - this.#start + bytes.length;
    if (this.#end + bytes.length > this.#buf.length) {
      if (need > this.#buf.length / 2) {
        const grown = new Uint8Array(Math.max(need * 2, this.#buf.length));
        grown.set(this.#buf.subarray(this.#start, this.#end));
        this.#buf = grown;
      } else this.#buf.copyWithin(0, this.#start, this.#end);
      this.#base += this.#start;
      this.#end -= this.#start;
      this.#start = 0;
    }
    this.#buf.set(bytes, this.#end);
    this.#end += bytes.length;
  }

  /**
   * Decodes every complete event received so far into `out`, in log order. Stops at an incomplete last event
   * (kept for the next push) or at damage (then {@linkcode failure} is set and nothing more is decoded).
   * @returns The number of events added.
   */
  drain(out: LogEvent[]): number {
    const before = out.length;
    const b = this.#buf;
    while (!this.failure && this.#start < this.#end) {
      const at = this.#start;
      const tag = varint(b, at, this.#end);
      if (tag === null) break;
      if (tag === "bad") return this.#fail(at, "damaged", "a field tag is not a valid varint", out, before);
      const [key, afterTag] = tag;
      const field = Math.floor(key / 8);
      const wire = key & 7;
      if (field === 0) return this.#fail(at, "damaged", "field number 0", out, before);
      if (wire !== WIRE_LEN) {
        // Unknown scalar fields are legal protobuf; skip them. Groups and reserved wire types are not a v2 log.
        const size = wire === WIRE_VARINT ? varint(b, afterTag, this.#end) : null;
        if (wire === WIRE_VARINT) {
          if (size === null) break;
          if (size === "bad") return this.#fail(at, "damaged", "a varint field is malformed", out, before);
          this.#start = size[1];
        } else if (wire === WIRE_I64 || wire === WIRE_I32) {
          const n = wire === WIRE_I64 ? 8 : 4;
          if (afterTag + n > this.#end) break;
          this.#start = afterTag + n;
        } else return this.#fail(at, "damaged", `field ${field} has wire type ${wire}`, out, before);
        this.skipped++;
        continue;
      }
      const len = varint(b, afterTag, this.#end);
      if (len === null) break;
      if (len === "bad" || len[0] > MAX_EVENT_BYTES) {
        return this.#fail(at, "damaged", `field ${field} claims an impossible length`, out, before);
      }
      const [size, body] = len;
      if (body + size > this.#end) break; // incomplete: wait for the rest
      if (field === Field.LegacyV1Stream) {
        return this.#fail(
          at,
          "legacy-v1",
          "this is a legacy v1 event log (webrtc.rtclog); netpix reads the v2 format (webrtc.rtclog2) written since WebRTC M75",
          out,
          before,
        );
      }
      const problem = this.#decodeField(field, b.subarray(body, body + size), out);
      if (problem !== undefined) return this.#fail(at, "damaged", `field ${field}: ${problem}`, out, before);
      this.#start = body + size;
    }
    return out.length - before;
  }

  #fail(at: number, reason: EventLogFailure["reason"], detail: string, out: LogEvent[], before: number): number {
    this.failure = { ok: false, reason, offset: this.#base + at, detail };
    return out.length - before;
  }

  /** Decodes one event message; returns why not, or undefined. Events are added only when the whole message decodes. */
  #decodeField(field: number, body: Uint8Array, out: LogEvent[]): string | undefined {
    const mark = out.length;
    let problem: DeltaFailure | undefined;
    try {
      const m = <T extends DescMessage>(s: T): MessageShape<T> => fromBinary(s, body);
      switch (field) {
        case Field.IncomingRtp:
          problem = rtpBatch(m(pb.IncomingRtpPacketsSchema), true, out);
          break;
        case Field.OutgoingRtp:
          problem = rtpBatch(m(pb.OutgoingRtpPacketsSchema), false, out);
          break;
        case Field.IncomingRtcp:
          problem = rtcpBatch(m(pb.IncomingRtcpPacketsSchema), true, out);
          break;
        case Field.OutgoingRtcp:
          problem = rtcpBatch(m(pb.OutgoingRtcpPacketsSchema), false, out);
          break;
        case Field.BeginLog: {
          const e = m(pb.BeginLogEventSchema);
          out.push(info(e.timestampMs, "begin-log", { version: e.version, utcTimeMs: Number(e.utcTimeMs) }));
          break;
        }
        case Field.EndLog:
          out.push(info(m(pb.EndLogEventSchema).timestampMs, "end-log", {}));
          break;
        case Field.BweLoss:
          problem = bweLossBatch(m(pb.LossBasedBweUpdatesSchema), out);
          break;
        case Field.BweDelay:
          problem = bweDelayBatch(m(pb.DelayBasedBweUpdatesSchema), out);
          break;
        case Field.ProbeCluster: {
          const e = m(pb.BweProbeClusterSchema);
          out.push(info(e.timestampMs, "probe-cluster", {
            id: e.id,
            bitrateBps: e.bitrateBps,
            minPackets: e.minPackets,
            minBytes: e.minBytes,
          }));
          break;
        }
        case Field.ProbeSuccess: {
          const e = m(pb.BweProbeResultSuccessSchema);
          out.push(info(e.timestampMs, "probe-success", { id: e.id, bitrateBps: e.bitrateBps }));
          break;
        }
        case Field.ProbeFailure: {
          const e = m(pb.BweProbeResultFailureSchema);
          out.push(info(e.timestampMs, "probe-failure", { id: e.id, reason: name(PROBE_FAILURES, e.failure) }));
          break;
        }
        case Field.Alr: {
          const e = m(pb.AlrStateSchema);
          out.push(info(e.timestampMs, "alr-state", { inAlr: e.inAlr }));
          break;
        }
        case Field.IceConfig: {
          const e = m(pb.IceCandidatePairConfigSchema);
          out.push(info(e.timestampMs, "ice-pair-config", {
            type: name(ICE_CONFIG_TYPES, e.configType),
            pairId: e.candidatePairId,
            localType: name(ICE_CANDIDATE_TYPES, e.localCandidateType),
            localRelayProtocol: name(ICE_PROTOCOLS, e.localRelayProtocol),
            localNetwork: name(ICE_NETWORKS, e.localNetworkType),
            localFamily: name(ICE_FAMILIES, e.localAddressFamily),
            remoteType: name(ICE_CANDIDATE_TYPES, e.remoteCandidateType),
            remoteFamily: name(ICE_FAMILIES, e.remoteAddressFamily),
            protocol: name(ICE_PROTOCOLS, e.candidatePairProtocol),
          }));
          break;
        }
        case Field.IceEvent: {
          const e = m(pb.IceCandidatePairEventSchema);
          out.push(info(e.timestampMs, "ice-pair-event", {
            type: name(ICE_EVENT_TYPES, e.eventType),
            pairId: e.candidatePairId,
            transactionId: e.transactionId,
          }));
          break;
        }
        case Field.DtlsState: {
          const e = m(pb.DtlsTransportStateEventSchema);
          out.push(info(e.timestampMs, "dtls-state", { state: name(DTLS_STATES, e.dtlsTransportState) }));
          break;
        }
        case Field.DtlsWritable: {
          const e = m(pb.DtlsWritableStateSchema);
          out.push(info(e.timestampMs, "dtls-writable", { writable: e.writable }));
          break;
        }
        case Field.RouteChange: {
          const e = m(pb.RouteChangeSchema);
          out.push(info(e.timestampMs, "route-change", { connected: e.connected, overhead: e.overhead }));
          break;
        }
        case Field.AudioRecvConfig:
          out.push(streamConfigEvent("audio-recv-config", m(pb.AudioRecvStreamConfigSchema)));
          break;
        case Field.AudioSendConfig:
          out.push(streamConfigEvent("audio-send-config", m(pb.AudioSendStreamConfigSchema)));
          break;
        case Field.VideoRecvConfig:
          out.push(streamConfigEvent("video-recv-config", m(pb.VideoRecvStreamConfigSchema)));
          break;
        case Field.VideoSendConfig:
          out.push(streamConfigEvent("video-send-config", m(pb.VideoSendStreamConfigSchema)));
          break;
        default:
          this.skipped++;
          return undefined;
      }
    } catch (e) {
      out.length = mark;
      return `not a valid event message (${(e as Error).message})`;
    }
    if (problem) {
      out.length = mark;
      return problem.detail;
    }
    this.messages++;
    return undefined;
  }
}
