/**
 * netpix's own encoder of WebRTC event logs v2, for tests, fixtures and benchmarks: builds logs the way WebRTC's
 * `RtcEventLogEncoderNewFormat` lays them out (batches with a base event and delta-encoded rest), so the decoder is
 * checked against an independent implementation of the format rather than against itself. It works in bigints
 * throughout, unlike the decoder.
 * @module
 */
// This module is browser compatible.

import { create, toBinary } from "@bufbuild/protobuf";
import type { MessageInitShape } from "@bufbuild/protobuf";
import * as pb from "./gen/rtc_event_log2_pb.ts";
import type { ExtensionIds, RtcpEvent, RtpEvent } from "./events.ts";

/** MSB-first bit writer. */
class BitWriter {
  bits: number[] = [];
  write(v: bigint, width: number): void {
    for (let i = width - 1; i >= 0; i--) this.bits.push(Number((v >> BigInt(i)) & 1n));
  }
  bytes(): Uint8Array {
    const out = new Uint8Array(Math.ceil(this.bits.length / 8));
    this.bits.forEach((b, i) => out[i >> 3]! |= b << (7 - (i & 7)));
    return out;
  }
}

function varintBytes(v: bigint): bigint[] {
  const out: bigint[] = [];
  do {
    let b = v & 0x7fn;
    v >>= 7n;
    if (v > 0n) b |= 0x80n;
    out.push(b);
  } while (v > 0n);
  return out;
}

function bitWidth(v: bigint): number {
  let w = 0;
  do {
    w++;
    v >>= 1n;
  } while (v > 0n);
  return w;
}

/** Options that force a delta representation, to cover both in tests. */
export interface DeltaEncodeOptions {
  force?: "signed" | "unsigned";
}

/**
 * Delta-encodes `values` against `base` (all in the unsigned domain), choosing widths and signedness as WebRTC's
 * encoder does: empty when every value equals the base; 64-bit values when the sequence never decreases; signed
 * deltas when they are narrower; an existence bitmap when a value or the base is absent.
 */
export function encodeDeltas(
  base: bigint | undefined,
  values: (bigint | undefined)[],
  opts: DeltaEncodeOptions = {},
): Uint8Array {
  if (values.every((v) => v === base)) return new Uint8Array(0);
  let nonDecreasing = true;
  let maxValue = base ?? 0n;
  let present = 0;
  let prev = base ?? 0n;
  for (const v of values) {
    if (v === undefined) continue;
    present++;
    if (v < prev) nonDecreasing = false;
    if (v > maxValue) maxValue = v;
    prev = v;
  }
  const valueWidth = nonDecreasing ? 64 : bitWidth(maxValue);
  const mask = (1n << BigInt(valueWidth)) - 1n;
  let maxUnsigned = 0n, maxPos = 0n, maxNeg = 0n;
  let p: bigint | undefined = base;
  for (const v of values) {
    if (v === undefined) continue;
    if (p === undefined) {
      p = v;
      continue;
    }
    const fwd = (v - p) & mask;
    const back = (p - v) & mask;
    if (fwd > maxUnsigned) maxUnsigned = fwd;
    if (fwd < back) {
      if (fwd > maxPos) maxPos = fwd;
    } else if (back > maxNeg) maxNeg = back;
    p = v;
  }
  const unsignedWidth = bitWidth(maxUnsigned);
  const widthOrZero = (v: bigint) => v === 0n ? 0 : bitWidth(v);
  const signedWidth = 1 + Math.max(widthOrZero(maxPos), maxNeg > 0n ? widthOrZero(maxNeg - 1n) : 0);
  let signed = signedWidth < unsignedWidth;
  if (opts.force) signed = opts.force === "signed";
  const deltaWidth = Math.min(signed ? signedWidth : unsignedWidth, valueWidth);
  const optional = base === undefined || present < values.length;
  const w = new BitWriter();
  const full = signed || optional || valueWidth !== 64;
  w.write(full ? 1n : 0n, 2);
  w.write(BigInt(deltaWidth - 1), 6);
  if (full) {
    w.write(signed ? 1n : 0n, 1);
    w.write(optional ? 1n : 0n, 1);
    w.write(BigInt(valueWidth - 1), 6);
  }
  if (optional) { for (const v of values) w.write(v === undefined ? 0n : 1n, 1); }
  const deltaMask = (1n << BigInt(deltaWidth)) - 1n;
  p = base;
  for (const v of values) {
    if (v === undefined) continue;
    if (p === undefined) {
      for (const b of varintBytes(v)) w.write(b, 8);
    } else {
      const fwd = (v - p) & mask;
      const back = (p - v) & mask;
      const d = !signed || fwd <= back ? fwd : (deltaMask - back + 1n) & deltaMask;
      w.write(d, deltaWidth);
    }
    p = v;
  }
  return w.bytes();
}

/** Blob encoding: the varint lengths, then the blobs. */
export function encodeBlobs(blobs: Uint8Array[]): Uint8Array {
  const lengths = blobs.flatMap((b) => varintBytes(BigInt(b.length)).map(Number));
  const out = new Uint8Array(lengths.length + blobs.reduce((s, b) => s + b.length, 0));
  out.set(lengths);
  let at = lengths.length;
  for (const b of blobs) {
    out.set(b, at);
    at += b.length;
  }
  return out;
}

const u64 = (v: number): bigint => BigInt.asUintN(64, BigInt(v));
const u32s = (v: number): bigint => BigInt.asUintN(32, BigInt(v));
const big = (v: number | null | boolean): bigint | undefined =>
  v === null ? undefined : typeof v === "boolean" ? (v ? 1n : 0n) : BigInt(v);

function deltasOf<T>(events: T[], get: (e: T) => bigint | undefined, opts: DeltaEncodeOptions): Uint8Array {
  return events.length < 2 ? new Uint8Array(0) : encodeDeltas(get(events[0]!), events.slice(1).map(get), opts);
}

type StreamInit = MessageInitShape<typeof pb.EventStreamSchema>;

/** One top-level chunk of a log: an EventStream holding just what `init` says. */
export function chunk(init: StreamInit): Uint8Array {
  return toBinary(pb.EventStreamSchema, create(pb.EventStreamSchema, init));
}

/** An RTP batch of 1 or more events of one direction, as one top-level field. */
export function rtpBatchBytes(events: RtpEvent[], opts: DeltaEncodeOptions = {}): Uint8Array {
  const b = events[0]!;
  const init: MessageInitShape<typeof pb.IncomingRtpPacketsSchema> = {
    timestampMs: BigInt(b.timeMs),
    marker: b.marker,
    payloadType: b.payloadType,
    sequenceNumber: b.sequenceNumber,
    rtpTimestamp: b.rtpTimestamp,
    ssrc: b.ssrc,
    payloadSize: b.payloadSize,
    headerSize: b.headerSize,
    paddingSize: b.paddingSize,
  };
  if (b.transportSequenceNumber !== null) init.transportSequenceNumber = b.transportSequenceNumber;
  if (b.transmissionTimeOffset !== null) init.transmissionTimeOffset = b.transmissionTimeOffset;
  if (b.absoluteSendTime !== null) init.absoluteSendTime = b.absoluteSendTime;
  if (b.videoRotation !== null) init.videoRotation = b.videoRotation;
  if (b.audioLevel !== null) init.audioLevel = b.audioLevel;
  if (b.voiceActivity !== null) init.voiceActivity = b.voiceActivity;
  if (events.length > 1) {
    init.numberOfDeltas = events.length - 1;
    init.timestampMsDeltas = deltasOf(events, (e) => u64(e.timeMs), opts);
    init.markerDeltas = deltasOf(events, (e) => big(e.marker), opts);
    init.payloadTypeDeltas = deltasOf(events, (e) => big(e.payloadType), opts);
    init.sequenceNumberDeltas = deltasOf(events, (e) => big(e.sequenceNumber), opts);
    init.rtpTimestampDeltas = deltasOf(events, (e) => big(e.rtpTimestamp), opts);
    init.ssrcDeltas = deltasOf(events, (e) => big(e.ssrc), opts);
    init.payloadSizeDeltas = deltasOf(events, (e) => big(e.payloadSize), opts);
    init.headerSizeDeltas = deltasOf(events, (e) => big(e.headerSize), opts);
    init.paddingSizeDeltas = deltasOf(events, (e) => big(e.paddingSize), opts);
    init.transportSequenceNumberDeltas = deltasOf(events, (e) => big(e.transportSequenceNumber), opts);
    init.transmissionTimeOffsetDeltas = deltasOf(
      events,
      (e) => e.transmissionTimeOffset === null ? undefined : u32s(e.transmissionTimeOffset),
      opts,
    );
    init.absoluteSendTimeDeltas = deltasOf(events, (e) => big(e.absoluteSendTime), opts);
    init.videoRotationDeltas = deltasOf(events, (e) => big(e.videoRotation), opts);
    init.audioLevelDeltas = deltasOf(events, (e) => big(e.audioLevel), opts);
    init.voiceActivityDeltas = deltasOf(events, (e) => big(e.voiceActivity), opts);
  }
  return b.incoming ? chunk({ incomingRtpPackets: [init] }) : chunk({ outgoingRtpPackets: [init] });
}

/** An RTCP batch of 1 or more packets of one direction. */
export function rtcpBatchBytes(events: RtcpEvent[], opts: DeltaEncodeOptions = {}): Uint8Array {
  const b = events[0]!;
  const init: MessageInitShape<typeof pb.IncomingRtcpPacketsSchema> = {
    timestampMs: BigInt(b.timeMs),
    rawPacket: b.bytes,
  };
  if (events.length > 1) {
    init.numberOfDeltas = events.length - 1;
    init.timestampMsDeltas = deltasOf(events, (e) => u64(e.timeMs), opts);
    init.rawPacketBlobs = encodeBlobs(events.slice(1).map((e) => e.bytes));
  }
  return b.incoming ? chunk({ incomingRtcpPackets: [init] }) : chunk({ outgoingRtcpPackets: [init] });
}

/** A delay-based BWE batch. */
export function bweDelayBytes(events: { timeMs: number; bitrateBps: number; state: number }[]): Uint8Array {
  const b = events[0]!;
  const init: MessageInitShape<typeof pb.DelayBasedBweUpdatesSchema> = {
    timestampMs: BigInt(b.timeMs),
    bitrateBps: b.bitrateBps,
    detectorState: b.state,
  };
  if (events.length > 1) {
    init.numberOfDeltas = events.length - 1;
    init.timestampMsDeltas = deltasOf(events, (e) => u64(e.timeMs), {});
    init.bitrateBpsDeltas = deltasOf(events, (e) => BigInt(e.bitrateBps), {});
    init.detectorStateDeltas = deltasOf(events, (e) => BigInt(e.state), {});
  }
  return chunk({ delayBasedBweUpdates: [init] });
}

/** A loss-based BWE batch. */
export function bweLossBytes(
  events: { timeMs: number; bitrateBps: number; fractionLoss: number; totalPackets: number }[],
): Uint8Array {
  const b = events[0]!;
  const init: MessageInitShape<typeof pb.LossBasedBweUpdatesSchema> = {
    timestampMs: BigInt(b.timeMs),
    bitrateBps: b.bitrateBps,
    fractionLoss: b.fractionLoss,
    totalPackets: b.totalPackets,
  };
  if (events.length > 1) {
    init.numberOfDeltas = events.length - 1;
    init.timestampMsDeltas = deltasOf(events, (e) => u64(e.timeMs), {});
    init.bitrateBpsDeltas = deltasOf(events, (e) => BigInt(e.bitrateBps), {});
    init.fractionLossDeltas = deltasOf(events, (e) => BigInt(e.fractionLoss), {});
    init.totalPacketsDeltas = deltasOf(events, (e) => BigInt(e.totalPackets), {});
  }
  return chunk({ lossBasedBweUpdates: [init] });
}

/** The extension id config of a stream. */
export function extensionConfig(ids: ExtensionIds): MessageInitShape<typeof pb.RtpHeaderExtensionConfigSchema> {
  const c: MessageInitShape<typeof pb.RtpHeaderExtensionConfigSchema> = {};
  if (ids.transmissionTimeOffset !== undefined) c.transmissionTimeOffsetId = ids.transmissionTimeOffset;
  if (ids.absoluteSendTime !== undefined) c.absoluteSendTimeId = ids.absoluteSendTime;
  if (ids.transportSequenceNumber !== undefined) c.transportSequenceNumberId = ids.transportSequenceNumber;
  if (ids.videoRotation !== undefined) c.videoRotationId = ids.videoRotation;
  if (ids.audioLevel !== undefined) c.audioLevelId = ids.audioLevel;
  if (ids.dependencyDescriptor !== undefined) c.dependencyDescriptorId = ids.dependencyDescriptor;
  return c;
}

/** Concatenates byte strings (the decoders' fixture helper, here for the log tests' convenience). */
export { concat } from "../protocols/_fixtures.ts";

/** An RtpEvent with defaults for what a test does not care about. */
export function rtp(e: Partial<RtpEvent> & { timeMs: number; ssrc: number; sequenceNumber: number }): RtpEvent {
  return {
    kind: "rtp",
    incoming: true,
    rtpTimestamp: 0,
    payloadType: 111,
    marker: false,
    headerSize: 12,
    payloadSize: 100,
    paddingSize: 0,
    transportSequenceNumber: null,
    transmissionTimeOffset: null,
    absoluteSendTime: null,
    videoRotation: null,
    audioLevel: null,
    voiceActivity: null,
    ...e,
  };
}
