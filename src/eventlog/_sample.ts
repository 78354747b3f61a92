/**
 * A synthetic but realistic event log of a WebRTC call, built with our encoder (`_encode.ts`): an Opus audio stream
 * and a VP8 video stream with RTX each way, RTCP (SR, RR, SDES, NACK, transport-wide feedback), ICE candidate pair
 * configs and checks, DTLS, delay- and loss-based BWE, a probe cluster and its result. Events are flushed once per
 * second, grouped by type, as WebRTC's encoder does. Used by tests, the fixture script and the benchmark.
 * @module
 */
// This module is browser compatible.

import {
  bweDelayBytes,
  bweLossBytes,
  chunk,
  concat,
  extensionConfig,
  rtcpBatchBytes,
  rtp,
  rtpBatchBytes,
} from "./_encode.ts";
import type { ExtensionIds, RtcpEvent, RtpEvent } from "./events.ts";
import { seededRandom } from "../protocols/_fuzz.ts";

export const SAMPLE_SSRCS = {
  audioOut: 0x1111_0001,
  audioIn: 0x2222_0001,
  videoOut: 0x3333_0001,
  videoOutRtx: 0x3333_0002,
  videoIn: 0x4444_0001,
  videoInRtx: 0x4444_0002,
} as const;

const AUDIO_EXT: ExtensionIds = { audioLevel: 1, absoluteSendTime: 2, transportSequenceNumber: 3 };
const VIDEO_EXT: ExtensionIds = {
  absoluteSendTime: 2,
  transportSequenceNumber: 3,
  transmissionTimeOffset: 4,
  videoRotation: 5,
};

/** 2026-01-01T00:00:00Z, the call's wall-clock start. */
export const SAMPLE_UTC_START_MS = 1_767_225_600_000;
/** The log clock at the start (WebRTC logs a monotonic ms clock). */
export const SAMPLE_LOG_START_MS = 5_000;

export interface SampleLog {
  bytes: Uint8Array;
  /** Logged RTP packets per SSRC. */
  rtpPackets: Map<number, number>;
  rtcpPackets: { incoming: number; outgoing: number };
  /** Events of every kind, each batch member counted. */
  events: number;
}

function u32(b: number[], v: number): void {
  b.push((v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255);
}

/** RTCP SR (RFC 3550 §6.4.1) without report blocks, plus SDES CNAME (§6.5). */
function senderReport(ssrc: number, ntpSec: number, rtpTs: number, packets: number, octets: number): Uint8Array {
  const b: number[] = [0x80, 200, 0, 6];
  u32(b, ssrc);
  u32(b, ntpSec);
  u32(b, 0);
  u32(b, rtpTs);
  u32(b, packets);
  u32(b, octets);
  const cname = [..."netpix@sample"].map((c) => c.charCodeAt(0));
  const item = [1, cname.length, ...cname, 0];
  while ((4 + item.length) % 4) item.push(0);
  b.push(0x81, 202, 0, (4 + item.length) / 4);
  u32(b, ssrc);
  b.push(...item);
  return Uint8Array.from(b);
}

/** RTCP RR (RFC 3550 §6.4.2) with one report block. */
function receiverReport(reporter: number, source: number, lost: number, highestSeq: number, jitter: number) {
  const b: number[] = [0x81, 201, 0, 7];
  u32(b, reporter);
  u32(b, source);
  u32(b, ((lost > 0 ? 3 : 0) << 24) | (lost & 0xffffff));
  u32(b, highestSeq);
  u32(b, jitter);
  u32(b, 0);
  u32(b, 0);
  return Uint8Array.from(b);
}

/** Generic NACK (RFC 4585 §6.2.1). */
function nack(sender: number, media: number, seq: number): Uint8Array {
  const b: number[] = [0x81, 205, 0, 3];
  u32(b, sender);
  u32(b, media);
  b.push((seq >> 8) & 255, seq & 255, 0, 0);
  return Uint8Array.from(b);
}

/** Transport-wide congestion control feedback (draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1). */
function twcc(sender: number, media: number, baseSeq: number, count: number, fbCount: number): Uint8Array {
  const b: number[] = [0x8f, 205, 0, 0];
  u32(b, sender);
  u32(b, media);
  b.push((baseSeq >> 8) & 255, baseSeq & 255, (count >> 8) & 255, count & 255);
  b.push(0, 0, 1, fbCount & 255); // reference time 1 × 64 ms, feedback packet count
  b.push(0x20 | ((count >> 8) & 0x1f), count & 255); // run-length chunk: `count` × "received, small delta"
  for (let i = 0; i < count; i++) b.push(4); // 1 ms each (250 µs units)
  while (b.length % 4) b.push(0);
  const words = b.length / 4 - 1;
  b[2] = words >> 8;
  b[3] = words & 255;
  return Uint8Array.from(b);
}

/**
 * The sample's one candidate pair (id 7: local host, remote server-reflexive, IPv4, Wi-Fi, UDP) as a config event.
 * @param configType 1 added, 4 selected (IceCandidatePairConfig.IceCandidatePairConfigType).
 */
function icePairConfig(timeMs: number, configType: number) {
  return {
    timestampMs: BigInt(timeMs),
    configType,
    candidatePairId: 7,
    localCandidateType: 1,
    remoteCandidateType: 2,
    localAddressFamily: 1,
    remoteAddressFamily: 1,
    localNetworkType: 2,
    candidatePairProtocol: 1,
  };
}

/**
 * Builds the sample call.
 * @param seconds Length of the call.
 * @param seed For the small random variations (sizes, loss).
 */
export function makeSampleLog(seconds = 10, seed = 1): SampleLog {
  const rand = seededRandom(seed);
  const parts: Uint8Array[] = [];
  const rtpPackets = new Map<number, number>();
  const rtcpCount = { incoming: 0, outgoing: 0 };
  let events = 0;
  const t0 = SAMPLE_LOG_START_MS;
  const S = SAMPLE_SSRCS;
  parts.push(
    chunk({ beginLogEvents: [{ timestampMs: BigInt(t0), version: 2, utcTimeMs: BigInt(SAMPLE_UTC_START_MS) }] }),
  );
  parts.push(chunk({
    audioSendStreamConfigs: [{
      timestampMs: BigInt(t0),
      ssrc: S.audioOut,
      headerExtensions: extensionConfig(AUDIO_EXT),
    }],
    audioRecvStreamConfigs: [{
      timestampMs: BigInt(t0),
      remoteSsrc: S.audioIn,
      localSsrc: S.audioOut,
      headerExtensions: extensionConfig(AUDIO_EXT),
    }],
    videoSendStreamConfigs: [{
      timestampMs: BigInt(t0),
      ssrc: S.videoOut,
      rtxSsrc: S.videoOutRtx,
      headerExtensions: extensionConfig(VIDEO_EXT),
    }],
    videoRecvStreamConfigs: [{
      timestampMs: BigInt(t0),
      remoteSsrc: S.videoIn,
      localSsrc: S.videoOut,
      rtxSsrc: S.videoInRtx,
      headerExtensions: extensionConfig(VIDEO_EXT),
    }],
  }));
  events += 5;
  // Connection setup: ICE pair, checks, selection; DTLS; a probe.
  parts.push(chunk({
    iceCandidateConfigs: [icePairConfig(t0 + 10, 1), icePairConfig(t0 + 60, 4)],
    iceCandidateEvents: [
      { timestampMs: BigInt(t0 + 20), eventType: 1, candidatePairId: 7, transactionId: 0xabc },
      { timestampMs: BigInt(t0 + 25), eventType: 2, candidatePairId: 7, transactionId: 0xdef },
      { timestampMs: BigInt(t0 + 26), eventType: 3, candidatePairId: 7, transactionId: 0xdef },
      { timestampMs: BigInt(t0 + 40), eventType: 4, candidatePairId: 7, transactionId: 0xabc },
    ],
    dtlsTransportStateEvents: [
      { timestampMs: BigInt(t0 + 61), dtlsTransportState: 1 },
      { timestampMs: BigInt(t0 + 62), dtlsTransportState: 2 },
      { timestampMs: BigInt(t0 + 120), dtlsTransportState: 3 },
    ],
    dtlsWritableStates: [{ timestampMs: BigInt(t0 + 121), writable: true }],
    probeClusters: [{ timestampMs: BigInt(t0 + 130), id: 1, bitrateBps: 900_000, minPackets: 5, minBytes: 5000 }],
    probeSuccess: [{ timestampMs: BigInt(t0 + 180), id: 1, bitrateBps: 850_000 }],
    probeFailure: [{ timestampMs: BigInt(t0 + 190), id: 2, failure: 3 }],
  }));
  events += 13;
  const seq = { ao: 1000, ai: 30000, vo: 65500, vi: 200, vor: 10, vir: 5000 }; // video out wraps at 65535
  let tseqOut = 1, tseqIn = 1;
  const media = 200; // media starts 200 ms after the log
  for (let sec = 0; sec < seconds; sec++) {
    const inRtp: RtpEvent[] = [], outRtp: RtpEvent[] = [];
    const inRtcp: RtcpEvent[] = [], outRtcp: RtcpEvent[] = [];
    const base = t0 + media + sec * 1000;
    for (let i = 0; i < 50; i++) { // Opus 20 ms
      const t = base + i * 20;
      const ts = (sec * 50 + i) * 960;
      outRtp.push(rtp({
        incoming: false,
        timeMs: t,
        ssrc: S.audioOut,
        sequenceNumber: seq.ao++ & 0xffff,
        rtpTimestamp: ts,
        payloadType: 111,
        headerSize: 28,
        payloadSize: 60 + Math.floor(rand() * 40),
        marker: i === 0 && sec === 0,
        audioLevel: 30 + Math.floor(rand() * 20),
        voiceActivity: rand() > 0.3,
        absoluteSendTime: (t * 262) & 0xffffff,
        transportSequenceNumber: tseqOut++ & 0xffff,
      }));
      if (rand() < 0.01) {
        seq.ai++;
        continue;
      } // lost on the way in: never logged
      inRtp.push(rtp({
        incoming: true,
        timeMs: t + 3,
        ssrc: S.audioIn,
        sequenceNumber: seq.ai++ & 0xffff,
        rtpTimestamp: ts + 48000,
        payloadType: 111,
        headerSize: 28,
        payloadSize: 70 + Math.floor(rand() * 30),
        audioLevel: 40,
        voiceActivity: true,
        absoluteSendTime: ((t + 3) * 262) & 0xffffff,
        transportSequenceNumber: tseqIn++ & 0xffff,
      }));
    }
    for (let f = 0; f < 30; f++) { // VP8 30 fps, 3 packets a frame
      const t = base + Math.floor(f * 33.3);
      const ts = (sec * 30 + f) * 3000;
      for (let k = 0; k < 3; k++) {
        outRtp.push(rtp({
          incoming: false,
          timeMs: t,
          ssrc: S.videoOut,
          sequenceNumber: seq.vo++ & 0xffff,
          rtpTimestamp: ts,
          payloadType: 96,
          marker: k === 2,
          headerSize: 32,
          payloadSize: 1100 + Math.floor(rand() * 100),
          paddingSize: 0,
          transmissionTimeOffset: k - 1,
          videoRotation: k === 2 ? 0 : null,
          absoluteSendTime: (t * 262) & 0xffffff,
          transportSequenceNumber: tseqOut++ & 0xffff,
        }));
        inRtp.push(rtp({
          incoming: true,
          timeMs: t + 5,
          ssrc: S.videoIn,
          sequenceNumber: seq.vi++ & 0xffff,
          rtpTimestamp: ts + 90000,
          payloadType: 96,
          marker: k === 2,
          headerSize: 28,
          payloadSize: 1000 + Math.floor(rand() * 100),
          absoluteSendTime: ((t + 5) * 262) & 0xffffff,
          transportSequenceNumber: tseqIn++ & 0xffff,
          transmissionTimeOffset: -k,
        }));
      }
    }
    // One retransmission each way per second (RTX, RFC 4588), answering a NACK.
    outRtp.push(rtp({
      incoming: false,
      timeMs: base + 500,
      ssrc: S.videoOutRtx,
      sequenceNumber: seq.vor++,
      rtpTimestamp: sec * 90000,
      payloadType: 97,
      headerSize: 32,
      payloadSize: 1102,
      transportSequenceNumber: tseqOut++ & 0xffff,
    }));
    inRtp.push(rtp({
      incoming: true,
      timeMs: base + 510,
      ssrc: S.videoInRtx,
      sequenceNumber: seq.vir++,
      rtpTimestamp: sec * 90000,
      payloadType: 97,
      headerSize: 28,
      payloadSize: 1002,
      paddingSize: 0,
    }));
    outRtcp.push({
      kind: "rtcp",
      incoming: false,
      timeMs: base + 480,
      bytes: nack(S.videoOut, S.videoIn, seq.vi - 20),
    });
    inRtcp.push({ kind: "rtcp", incoming: true, timeMs: base + 490, bytes: nack(S.videoIn, S.videoOut, seq.vo - 20) });
    // Reports and feedback.
    outRtcp.push({
      kind: "rtcp",
      incoming: false,
      timeMs: base + 100,
      bytes: senderReport(S.audioOut, sec, sec * 48000, sec * 50, sec * 4000),
    });
    outRtcp.push({
      kind: "rtcp",
      incoming: false,
      timeMs: base + 101,
      bytes: senderReport(S.videoOut, sec, sec * 90000, sec * 90, sec * 100000),
    });
    outRtcp.push({
      kind: "rtcp",
      incoming: false,
      timeMs: base + 102,
      bytes: receiverReport(S.videoOut, S.videoIn, 0, seq.vi, 12),
    });
    inRtcp.push({
      kind: "rtcp",
      incoming: true,
      timeMs: base + 150,
      bytes: senderReport(S.audioIn, sec, sec * 48000, sec * 50, sec * 4500),
    });
    inRtcp.push({
      kind: "rtcp",
      incoming: true,
      timeMs: base + 151,
      bytes: receiverReport(S.audioIn, S.audioOut, sec, seq.ao, 20),
    });
    for (let k = 0; k < 10; k++) {
      inRtcp.push({
        kind: "rtcp",
        incoming: true,
        timeMs: base + k * 100 + 50,
        bytes: twcc(S.videoIn, S.videoOut, 1 + sec * 10 + k, 8, sec * 10 + k),
      });
    }
    inRtcp.sort((a, b) => a.timeMs - b.timeMs);
    outRtcp.sort((a, b) => a.timeMs - b.timeMs);
    inRtp.sort((a, b) => a.timeMs - b.timeMs);
    outRtp.sort((a, b) => a.timeMs - b.timeMs);
    for (const e of [...inRtp, ...outRtp]) rtpPackets.set(e.ssrc, (rtpPackets.get(e.ssrc) ?? 0) + 1);
    rtcpCount.incoming += inRtcp.length;
    rtcpCount.outgoing += outRtcp.length;
    parts.push(rtpBatchBytes(inRtp), rtpBatchBytes(outRtp), rtcpBatchBytes(inRtcp), rtcpBatchBytes(outRtcp));
    const delay = Array.from({ length: 10 }, (_, k) => ({
      timeMs: base + k * 100 + 25,
      bitrateBps: 300_000 + sec * 50_000 + k * 1000 - (k === 7 ? 40_000 : 0),
      state: k === 7 ? 3 : k === 8 ? 2 : 1,
    }));
    parts.push(
      bweDelayBytes(delay),
      bweLossBytes([{
        timeMs: base + 999,
        bitrateBps: 320_000 + sec * 40_000,
        fractionLoss: sec % 3,
        totalPackets: 150,
      }]),
    );
    events += inRtp.length + outRtp.length + inRtcp.length + outRtcp.length + delay.length + 1;
  }
  // A last, single-event RTCP batch (BYE, RFC 3550 §6.6): the original netpix dropped batches of one.
  const byeAt = t0 + media + seconds * 1000;
  const bye: number[] = [0x81, 203, 0, 1];
  u32(bye, S.audioOut);
  parts.push(rtcpBatchBytes([{ kind: "rtcp", incoming: false, timeMs: byeAt, bytes: Uint8Array.from(bye) }]));
  rtcpCount.outgoing++;
  parts.push(chunk({ endLogEvents: [{ timestampMs: BigInt(byeAt + 1) }] }));
  events += 2;
  return { bytes: concat(...parts), rtpPackets, rtcpPackets: rtcpCount, events };
}
