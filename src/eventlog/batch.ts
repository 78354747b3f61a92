/**
 * Turns the decoded protobuf messages of a v2 event log into {@linkcode LogEvent}s: each batched message yields its
 * base event plus `number_of_deltas` more (a batch of one has no delta fields and is one event, never dropped).
 * @module
 */
// This module is browser compatible.

import { isFieldSet } from "@bufbuild/protobuf";
import type { DescField } from "@bufbuild/protobuf";
import {
  type AudioRecvStreamConfig,
  type AudioSendStreamConfig,
  type DelayBasedBweUpdates,
  type IncomingRtcpPackets,
  type IncomingRtpPackets,
  IncomingRtpPacketsSchema,
  type LossBasedBweUpdates,
  type OutgoingRtcpPackets,
  type OutgoingRtpPackets,
  OutgoingRtpPacketsSchema,
  type RtpHeaderExtensionConfig,
  RtpHeaderExtensionConfigSchema,
  type VideoRecvStreamConfig,
  type VideoSendStreamConfig,
} from "./gen/rtc_event_log2_pb.ts";
import { decodeDeltas, type DeltaFailure, type DeltaValues, isDeltaFailure, toUnsigned } from "./delta.ts";
import { decodeBlobs } from "./blob.ts";
import { EXTENSION_URIS, type ExtensionIds, type InfoEvent, type LogEvent, type RtpEvent } from "./events.ts";

/** Most events one batch may claim; a larger `number_of_deltas` is treated as damage, not allocated. */
export const MAX_BATCH_EVENTS = 1 << 20;

function column(
  name: string,
  deltas: Uint8Array,
  base: number | bigint | undefined,
  n: number,
  signedWidth: 0 | 32 | 64 = 0,
): DeltaValues | DeltaFailure {
  const v = decodeDeltas(deltas, base, n, signedWidth);
  return isDeltaFailure(v) ? { ok: false, detail: `${name}_deltas: ${v.detail}` } : v;
}

function countOf(n: number): number | DeltaFailure {
  return n > MAX_BATCH_EVENTS ? { ok: false, detail: `number_of_deltas ${n} exceeds ${MAX_BATCH_EVENTS}` } : n;
}

function opt(msg: IncomingRtpPackets | OutgoingRtpPackets, field: DescField, v: number): number | undefined {
  return isFieldSet(msg as IncomingRtpPackets, field) ? v : undefined;
}

/** Field descriptors of each direction's message (presence is looked up by the message's own schema). */
const IN_FIELDS = IncomingRtpPacketsSchema.field;
const OUT_FIELDS = OutgoingRtpPacketsSchema.field;

/**
 * Decodes an RTP packet batch.
 * @param msg The batch.
 * @param incoming Which direction it was logged in.
 * @param out Receives the events in batch order.
 * @returns A failure when a delta string is corrupt (no event of the batch is added then).
 */
export function rtpBatch(
  msg: IncomingRtpPackets | OutgoingRtpPackets,
  incoming: boolean,
  out: LogEvent[],
): DeltaFailure | undefined {
  const n = countOf(msg.numberOfDeltas);
  if (typeof n !== "number") return n;
  const F = msg.$typeName === "webrtc.rtclog2.IncomingRtpPackets" ? IN_FIELDS : OUT_FIELDS;
  const ts = column("timestamp_ms", msg.timestampMsDeltas, toUnsigned(msg.timestampMs, 64), n, 64);
  const marker = column("marker", msg.markerDeltas, msg.marker ? 1 : 0, n);
  const pt = column("payload_type", msg.payloadTypeDeltas, msg.payloadType, n);
  const seq = column("sequence_number", msg.sequenceNumberDeltas, msg.sequenceNumber, n);
  const rtpTs = column("rtp_timestamp", msg.rtpTimestampDeltas, msg.rtpTimestamp, n);
  const ssrc = column("ssrc", msg.ssrcDeltas, msg.ssrc, n);
  const payload = column("payload_size", msg.payloadSizeDeltas, msg.payloadSize, n);
  const header = column("header_size", msg.headerSizeDeltas, msg.headerSize, n);
  const padding = column("padding_size", msg.paddingSizeDeltas, msg.paddingSize, n);
  const tseqBase = opt(msg, F.transportSequenceNumber!, msg.transportSequenceNumber);
  const tseq = column("transport_sequence_number", msg.transportSequenceNumberDeltas, tseqBase, n);
  const ttoBase = isFieldSet(msg as IncomingRtpPackets, F.transmissionTimeOffset!)
    ? toUnsigned(msg.transmissionTimeOffset, 32)
    : undefined;
  const tto = column("transmission_time_offset", msg.transmissionTimeOffsetDeltas, ttoBase, n, 32);
  const absBase = opt(msg, F.absoluteSendTime!, msg.absoluteSendTime);
  const abs = column("absolute_send_time", msg.absoluteSendTimeDeltas, absBase, n);
  const rotBase = opt(msg, F.videoRotation!, msg.videoRotation);
  const rot = column("video_rotation", msg.videoRotationDeltas, rotBase, n);
  const levelBase = opt(msg, F.audioLevel!, msg.audioLevel);
  const level = column("audio_level", msg.audioLevelDeltas, levelBase, n);
  const vadBase = isFieldSet(msg as IncomingRtpPackets, F.voiceActivity!) ? (msg.voiceActivity ? 1 : 0) : undefined;
  const vad = column("voice_activity", msg.voiceActivityDeltas, vadBase, n);
  for (const c of [ts, marker, pt, seq, rtpTs, ssrc, payload, header, padding, tseq, tto, abs, rot, level, vad]) {
    if (isDeltaFailure(c)) return c;
  }
  const cols = {
    ts,
    marker,
    pt,
    seq,
    rtpTs,
    ssrc,
    payload,
    header,
    padding,
    tseq,
    tto,
    abs,
    rot,
    level,
    vad,
  } as Record<
    string,
    DeltaValues
  >;
  out.push({
    kind: "rtp",
    incoming,
    timeMs: Number(msg.timestampMs),
    ssrc: msg.ssrc,
    sequenceNumber: msg.sequenceNumber,
    rtpTimestamp: msg.rtpTimestamp,
    payloadType: msg.payloadType,
    marker: msg.marker,
    headerSize: msg.headerSize,
    payloadSize: msg.payloadSize,
    paddingSize: msg.paddingSize,
    transportSequenceNumber: tseqBase ?? null,
    transmissionTimeOffset: ttoBase === undefined ? null : msg.transmissionTimeOffset,
    absoluteSendTime: absBase ?? null,
    videoRotation: rotBase ?? null,
    audioLevel: levelBase ?? null,
    voiceActivity: vadBase === undefined ? null : vadBase === 1,
  });
  for (let i = 0; i < n; i++) {
    const e: RtpEvent = {
      kind: "rtp",
      incoming,
      timeMs: cols.ts![i] ?? 0,
      ssrc: cols.ssrc![i] ?? 0,
      sequenceNumber: cols.seq![i] ?? 0,
      rtpTimestamp: cols.rtpTs![i] ?? 0,
      payloadType: cols.pt![i] ?? 0,
      marker: cols.marker![i] === 1,
      headerSize: cols.header![i] ?? 0,
      payloadSize: cols.payload![i] ?? 0,
      paddingSize: cols.padding![i] ?? 0,
      transportSequenceNumber: cols.tseq![i] ?? null,
      transmissionTimeOffset: cols.tto![i] ?? null,
      absoluteSendTime: cols.abs![i] ?? null,
      videoRotation: cols.rot![i] ?? null,
      audioLevel: cols.level![i] ?? null,
      voiceActivity: cols.vad![i] === undefined ? null : cols.vad![i] === 1,
    };
    out.push(e);
  }
  return undefined;
}

/** Decodes an RTCP packet batch: the base packet, then one per blob. */
export function rtcpBatch(
  msg: IncomingRtcpPackets | OutgoingRtcpPackets,
  incoming: boolean,
  out: LogEvent[],
): DeltaFailure | undefined {
  const n = countOf(msg.numberOfDeltas);
  if (typeof n !== "number") return n;
  const ts = column("timestamp_ms", msg.timestampMsDeltas, toUnsigned(msg.timestampMs, 64), n, 64);
  if (isDeltaFailure(ts)) return ts;
  const blobs = n > 0 ? decodeBlobs(msg.rawPacketBlobs, n) : [];
  if (isDeltaFailure(blobs)) return { ok: false, detail: `raw_packet_blobs: ${blobs.detail}` };
  out.push({ kind: "rtcp", incoming, timeMs: Number(msg.timestampMs), bytes: msg.rawPacket });
  for (let i = 0; i < n; i++) out.push({ kind: "rtcp", incoming, timeMs: ts[i] ?? 0, bytes: blobs[i]! });
  return undefined;
}

const DETECTOR_STATES = ["unknown", "normal", "underusing", "overusing"];

function enumName(names: readonly string[], v: number): string {
  return names[v] ?? `unknown-${v}`;
}

/** Decodes a delay-based BWE batch into `bwe-delay` events. */
export function bweDelayBatch(msg: DelayBasedBweUpdates, out: LogEvent[]): DeltaFailure | undefined {
  const n = countOf(msg.numberOfDeltas);
  if (typeof n !== "number") return n;
  const ts = column("timestamp_ms", msg.timestampMsDeltas, toUnsigned(msg.timestampMs, 64), n, 64);
  const rate = column("bitrate_bps", msg.bitrateBpsDeltas, msg.bitrateBps, n);
  const state = column("detector_state", msg.detectorStateDeltas, msg.detectorState, n);
  for (const c of [ts, rate, state]) if (isDeltaFailure(c)) return c;
  const t = ts as DeltaValues, r = rate as DeltaValues, s = state as DeltaValues;
  const one = (timeMs: number, bps: number | undefined, st: number | undefined): InfoEvent => ({
    kind: "info",
    timeMs,
    event: "bwe-delay",
    fields: { bitrateBps: bps ?? null, detectorState: st === undefined ? null : enumName(DETECTOR_STATES, st) },
  });
  out.push(one(Number(msg.timestampMs), msg.bitrateBps, msg.detectorState));
  for (let i = 0; i < n; i++) out.push(one(t[i] ?? 0, r[i], s[i]));
  return undefined;
}

/** Decodes a loss-based BWE batch into `bwe-loss` events. */
export function bweLossBatch(msg: LossBasedBweUpdates, out: LogEvent[]): DeltaFailure | undefined {
  const n = countOf(msg.numberOfDeltas);
  if (typeof n !== "number") return n;
  const ts = column("timestamp_ms", msg.timestampMsDeltas, toUnsigned(msg.timestampMs, 64), n, 64);
  const rate = column("bitrate_bps", msg.bitrateBpsDeltas, msg.bitrateBps, n);
  const loss = column("fraction_loss", msg.fractionLossDeltas, msg.fractionLoss, n);
  const total = column("total_packets", msg.totalPacketsDeltas, msg.totalPackets, n);
  for (const c of [ts, rate, loss, total]) if (isDeltaFailure(c)) return c;
  const t = ts as DeltaValues, r = rate as DeltaValues, l = loss as DeltaValues, p = total as DeltaValues;
  const one = (timeMs: number, bps?: number, fl?: number, tp?: number): InfoEvent => ({
    kind: "info",
    timeMs,
    event: "bwe-loss",
    fields: { bitrateBps: bps ?? null, fractionLoss: fl ?? null, totalPackets: tp ?? null },
  });
  out.push(one(Number(msg.timestampMs), msg.bitrateBps, msg.fractionLoss, msg.totalPackets));
  for (let i = 0; i < n; i++) out.push(one(t[i] ?? 0, r[i], l[i], p[i]));
  return undefined;
}

/** The configured extension ids of a stream config, by name. */
export function extensionIds(cfg: RtpHeaderExtensionConfig | undefined): ExtensionIds {
  const ids: ExtensionIds = {};
  if (!cfg) return ids;
  const f = RtpHeaderExtensionConfigSchema.field;
  if (isFieldSet(cfg, f.transmissionTimeOffsetId!)) ids.transmissionTimeOffset = cfg.transmissionTimeOffsetId;
  if (isFieldSet(cfg, f.absoluteSendTimeId!)) ids.absoluteSendTime = cfg.absoluteSendTimeId;
  if (isFieldSet(cfg, f.transportSequenceNumberId!)) ids.transportSequenceNumber = cfg.transportSequenceNumberId;
  if (isFieldSet(cfg, f.videoRotationId!)) ids.videoRotation = cfg.videoRotationId;
  if (isFieldSet(cfg, f.audioLevelId!)) ids.audioLevel = cfg.audioLevelId;
  if (isFieldSet(cfg, f.dependencyDescriptorId!)) ids.dependencyDescriptor = cfg.dependencyDescriptorId;
  return ids;
}

/** `{ "id": "uri" }`, an SDP-like extmap for the event's JSON. */
function extmapOf(ids: ExtensionIds): Record<string, string> {
  const m: Record<string, string> = {};
  for (const [k, id] of Object.entries(ids)) m[String(id)] = EXTENSION_URIS[k as keyof typeof EXTENSION_URIS];
  return m;
}

type StreamConfig = AudioRecvStreamConfig | AudioSendStreamConfig | VideoRecvStreamConfig | VideoSendStreamConfig;

/**
 * A stream config as an info event: `audio-recv-config`, `audio-send-config`, `video-recv-config` or
 * `video-send-config`, with the SSRC roles (`ssrc`/`remoteSsrc` media, `localSsrc` the local RTCP sender, `rtxSsrc`)
 * and an `extmap` of `{ id: uri }`. The v2 format logs no codecs.
 */
export function streamConfigEvent(
  name: "audio-recv-config" | "audio-send-config" | "video-recv-config" | "video-send-config",
  cfg: StreamConfig,
): InfoEvent {
  const fields: InfoEvent["fields"] = {};
  if ("remoteSsrc" in cfg) fields.remoteSsrc = cfg.remoteSsrc;
  if ("localSsrc" in cfg) fields.localSsrc = cfg.localSsrc;
  if ("ssrc" in cfg) fields.ssrc = cfg.ssrc;
  if ("rtxSsrc" in cfg && cfg.rtxSsrc !== 0) fields.rtxSsrc = cfg.rtxSsrc;
  fields.extmap = extmapOf(extensionIds(cfg.headerExtensions));
  return { kind: "info", timeMs: Number(cfg.timestampMs), event: name, fields };
}
