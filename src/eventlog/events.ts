/**
 * What netpix takes out of a WebRTC event log: logged RTP headers, RTCP packets, and the other events (stream
 * configs, ICE, DTLS, BWE, probes, log start and end) as a name plus flat fields.
 * @module
 */
// This module is browser compatible.

/** One logged RTP packet header (the payload is never logged). */
export interface RtpEvent {
  kind: "rtp";
  incoming: boolean;
  /** The log's clock, ms. */
  timeMs: number;
  ssrc: number;
  sequenceNumber: number;
  rtpTimestamp: number;
  payloadType: number;
  marker: boolean;
  /** Sizes as logged: header (with CSRCs and extensions), media payload, padding. */
  headerSize: number;
  payloadSize: number;
  paddingSize: number;
  /** Header extension values as logged; null where the packet had none. */
  transportSequenceNumber: number | null;
  /** RFC 5450 transmission time offset, signed 24-bit. */
  transmissionTimeOffset: number | null;
  /** abs-send-time, 6.18 fixed point seconds (24 bits). */
  absoluteSendTime: number | null;
  /** The CVO byte of 3GPP TS 26.114 §7.4.5 (rotation in its two low bits). */
  videoRotation: number | null;
  /** RFC 6464 level, 0–127 (−dBov). */
  audioLevel: number | null;
  voiceActivity: boolean | null;
}

/** One logged RTCP packet (as sent or received, usually compound). */
export interface RtcpEvent {
  kind: "rtcp";
  incoming: boolean;
  timeMs: number;
  bytes: Uint8Array;
}

/** A field value of an {@linkcode InfoEvent}. */
export type InfoValue = number | string | boolean | null | Record<string, number | string>;

/**
 * Any other event: a kebab-case name and its fields. In event records (type 2) as `{"event": …, "fields": {…}}`:
 *
 * | event | fields |
 * | ----- | ------ |
 * | `begin-log` / `end-log` | `version`, `utcTimeMs` / none |
 * | `audio-send-config`, `video-send-config` | `ssrc`, `rtxSsrc` (video, if any), `extmap` `{ "id": uri }` |
 * | `audio-recv-config`, `video-recv-config` | `remoteSsrc` (media), `localSsrc` (our RTCP sender), `rtxSsrc`, `extmap` |
 * | `ice-pair-config` | `type` (added, updated, destroyed, selected), `pairId`, `localType`, `localRelayProtocol`, `localNetwork`, `localFamily`, `remoteType`, `remoteFamily`, `protocol` |
 * | `ice-pair-event` | `type` (check-sent, check-received, check-response-sent, check-response-received), `pairId`, `transactionId` |
 * | `dtls-state` / `dtls-writable` | `state` (new, connecting, connected, closed, failed) / `writable` |
 * | `bwe-delay` | `bitrateBps`, `detectorState` (normal, underusing, overusing) |
 * | `bwe-loss` | `bitrateBps`, `fractionLoss` (/256), `totalPackets` |
 * | `probe-cluster` / `probe-success` / `probe-failure` | `id`, `bitrateBps`, `minPackets`, `minBytes` / `id`, `bitrateBps` / `id`, `reason` |
 * | `alr-state` / `route-change` | `inAlr` / `connected`, `overhead` |
 * | `log-damaged`, `log-unsupported` | `offset` (byte in the log), `detail` |
 * | `log-truncated`, `log-rotated` | `offset` (bytes read before), `discardedBytes`, `size` (truncated) |
 * | `log-incomplete` | `offset`, `bytes` (of the unfinished last event) |
 *
 * A field the log left out is null.
 */
export interface InfoEvent {
  kind: "info";
  timeMs: number;
  event: string;
  fields: Record<string, InfoValue>;
}

export type LogEvent = RtpEvent | RtcpEvent | InfoEvent;

/** RTP header extension URIs (RFC 8285 `extmap`) of the extensions the v2 format logs, by config field. */
export const EXTENSION_URIS = {
  transmissionTimeOffset: "urn:ietf:params:rtp-hdrext:toffset",
  absoluteSendTime: "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time",
  transportSequenceNumber: "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01",
  videoRotation: "urn:3gpp:video-orientation",
  audioLevel: "urn:ietf:params:rtp-hdrext:ssrc-audio-level",
  dependencyDescriptor: "https://aomediacodec.github.io/av1-rtp-spec/#dependency-descriptor-rtp-header-extension",
} as const;

/** Header extension ids of one stream, by config field; absent when not configured. */
export type ExtensionIds = Partial<Record<keyof typeof EXTENSION_URIS, number>>;
