/**
 * The netpix event-log frame: how an event-log source hands its events to the rest of netpix, as records of link
 * type 147 (LINKTYPE_USER0, which the pcap registry leaves to private use).
 *
 * ```text
 * byte 0      record type: 0 packet Incoming, 1 packet Outgoing, 2 non-packet event
 * type 0/1    IPv4 header (20) + UDP header (8) + the logged RTP header, rebuilt from the logged fields with its
 *             header extensions, or the logged RTCP bytes. The RTP payload is not logged: the record holds only
 *             the headers, while the IPv4 total length, the UDP length and the record's original length give the
 *             full logged size (header + payload + padding), as in a capture cut by its snaplen.
 * type 2      UTF-8 JSON: {"event":"bwe-delay","fields":{"bitrateBps":300000,"detectorState":"normal"}}
 * ```
 * Addresses are synthetic: the logging endpoint is Local {@linkcode LOCAL_ADDRESS} (192.0.2.1, TEST-NET-1) and its
 * peer Remote {@linkcode REMOTE_ADDRESS} (198.51.100.1, TEST-NET-2), both on UDP port {@linkcode EVENT_LOG_PORT}.
 * Incoming packets go Remote → Local, outgoing Local → Remote.
 *
 * Header extension ids come from the stream config logged for the SSRC; for an SSRC without one, the ids of
 * {@linkcode DEFAULT_EXTENSION_IDS}. Where the logged header size is larger than the rebuilt header (extensions the
 * v2 format does not log, such as MID), the extension block is filled with padding bytes (RFC 8285 §4.2) up to the
 * logged size, so header and payload lengths match the log.
 * @module
 */
// This module is browser compatible.

import type { ExtensionIds, InfoValue, RtpEvent } from "./events.ts";

/** LINKTYPE_USER0: the link type of every event-log record. */
export const LINKTYPE_NETPIX_EVENT_LOG = 147;
/** The logging endpoint (RFC 5737 TEST-NET-1). */
export const LOCAL_ADDRESS = "192.0.2.1";
/** Its peer (RFC 5737 TEST-NET-2). */
export const REMOTE_ADDRESS = "198.51.100.1";
/** UDP port on both sides (RFC 3551's default RTP port). */
export const EVENT_LOG_PORT = 5004;

/** Byte 0 of a record. */
export const RecordType = { Incoming: 0, Outgoing: 1, Event: 2 } as const;

/** Extension ids used for an SSRC that no logged stream config names. */
export const DEFAULT_EXTENSION_IDS: Readonly<Required<Omit<ExtensionIds, "dependencyDescriptor">>> = {
  audioLevel: 1,
  absoluteSendTime: 2,
  transportSequenceNumber: 3,
  transmissionTimeOffset: 4,
  videoRotation: 5,
};

const LOCAL = [192, 0, 2, 1];
const REMOTE = [198, 51, 100, 1];
const IP_UDP_BYTES = 28;
/** Bytes a record type byte + IPv4 + UDP take before the UDP payload. */
export const PACKET_PREFIX_BYTES = 1 + IP_UDP_BYTES;
const MAX_UDP_PAYLOAD = 65535 - IP_UDP_BYTES;

/** Writes the record type, IPv4 and UDP headers for a UDP payload of `size` bytes; returns the payload offset. */
function writeIpUdp(out: Uint8Array, at: number, incoming: boolean, size: number): number {
  const total = IP_UDP_BYTES + Math.min(size, MAX_UDP_PAYLOAD);
  out[at] = incoming ? RecordType.Incoming : RecordType.Outgoing;
  const ip = at + 1;
  const src = incoming ? REMOTE : LOCAL;
  const dst = incoming ? LOCAL : REMOTE;
  out[ip] = 0x45; // IPv4, IHL 5 (RFC 791 §3.1)
  out[ip + 1] = 0;
  out[ip + 2] = total >> 8;
  out[ip + 3] = total & 0xff;
  out[ip + 4] = 0;
  out[ip + 5] = 0;
  out[ip + 6] = 0x40; // DF
  out[ip + 7] = 0;
  out[ip + 8] = 64; // TTL
  out[ip + 9] = 17; // UDP
  out[ip + 10] = 0;
  out[ip + 11] = 0;
  for (let i = 0; i < 4; i++) {
    out[ip + 12 + i] = src[i]!;
    out[ip + 16 + i] = dst[i]!;
  }
  let sum = 0;
  for (let i = 0; i < 20; i += 2) sum += (out[ip + i]! << 8) | out[ip + i + 1]!;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  const check = ~sum & 0xffff;
  out[ip + 10] = check >> 8;
  out[ip + 11] = check & 0xff;
  const udp = ip + 20;
  const udpLen = total - 20;
  out[udp] = EVENT_LOG_PORT >> 8;
  out[udp + 1] = EVENT_LOG_PORT & 0xff;
  out[udp + 2] = EVENT_LOG_PORT >> 8;
  out[udp + 3] = EVENT_LOG_PORT & 0xff;
  out[udp + 4] = udpLen >> 8;
  out[udp + 5] = udpLen & 0xff;
  out[udp + 6] = 0; // no checksum (RFC 768: zero means none)
  out[udp + 7] = 0;
  return udp + 8;
}

/** Sizes of a written record. */
export interface WrittenRecord {
  /** Bytes written (the record's caplen). */
  caplen: number;
  /** The record's original length. */
  origlen: number;
}

/** Most bytes an RTP record can take: prefix, fixed header, and a header of at most the logged size or 1 KiB. */
export const MAX_RTP_RECORD_BYTES = PACKET_PREFIX_BYTES + 12 + 4 + 1024;

/**
 * Writes an RTP record at `at` (the caller guarantees {@linkcode MAX_RTP_RECORD_BYTES} of room).
 * @param ids The stream's extension ids.
 */
export function writeRtpRecord(out: Uint8Array, at: number, e: RtpEvent, ids: ExtensionIds): WrittenRecord {
  const full = e.headerSize + e.payloadSize + e.paddingSize;
  // The UDP payload size goes into the IP/UDP headers; written first with the logged size, fixed below if needed.
  const rtp = writeIpUdp(out, at, e.incoming, full);
  out[rtp + 1] = (e.marker ? 0x80 : 0) | (e.payloadType & 0x7f);
  out[rtp + 2] = (e.sequenceNumber >> 8) & 0xff;
  out[rtp + 3] = e.sequenceNumber & 0xff;
  setU32(out, rtp + 4, e.rtpTimestamp);
  setU32(out, rtp + 8, e.ssrc);
  // RFC 8285 header extensions: one-byte form when every id is 1–14, else the two-byte form.
  const elements: [number, number, number][] = []; // id, length, value
  const add = (id: number | undefined, len: number, v: number | null) => {
    if (id !== undefined && v !== null && id >= 1 && id <= 255) elements.push([id, len, v]);
  };
  add(ids.audioLevel, 1, e.audioLevel === null ? null : ((e.voiceActivity ? 0x80 : 0) | (e.audioLevel & 0x7f)));
  add(ids.absoluteSendTime, 3, e.absoluteSendTime === null ? null : e.absoluteSendTime & 0xffffff);
  add(ids.transportSequenceNumber, 2, e.transportSequenceNumber === null ? null : e.transportSequenceNumber & 0xffff);
  add(ids.transmissionTimeOffset, 3, e.transmissionTimeOffset === null ? null : e.transmissionTimeOffset & 0xffffff);
  add(ids.videoRotation, 1, e.videoRotation === null ? null : e.videoRotation & 0xff);
  const twoByte = elements.some(([id]) => id > 14);
  let p = rtp + 12;
  let hasExt = elements.length > 0;
  const loggedExtra = e.headerSize - 12;
  if (!hasExt && loggedExtra >= 4 && loggedExtra % 4 === 0 && loggedExtra <= 1024) hasExt = true;
  if (hasExt) {
    const extStart = p;
    p += 4;
    for (const [id, len, v] of elements) {
      if (twoByte) {
        out[p++] = id;
        out[p++] = len;
      } else out[p++] = (id << 4) | (len - 1);
      for (let k = len - 1; k >= 0; k--) out[p++] = Math.floor(v / 2 ** (8 * k)) & 0xff;
    }
    let end = p + ((4 - ((p - extStart) & 3)) & 3);
    const wanted = rtp + e.headerSize;
    if (wanted > end && (wanted - end) % 4 === 0 && wanted - rtp <= 12 + 4 + 1024) end = wanted;
    out.fill(0, p, end);
    p = end;
    const words = (p - extStart - 4) / 4;
    out[extStart] = twoByte ? 0x10 : 0xbe;
    out[extStart + 1] = twoByte ? 0x00 : 0xde;
    out[extStart + 2] = words >> 8;
    out[extStart + 3] = words & 0xff;
  }
  out[rtp] = 0x80 | (e.paddingSize > 0 ? 0x20 : 0) | (hasExt ? 0x10 : 0);
  const built = p - rtp;
  const size = built > e.headerSize ? built + e.payloadSize + e.paddingSize : full;
  if (size !== full) writeIpUdp(out, at, e.incoming, size);
  return { caplen: p - at, origlen: PACKET_PREFIX_BYTES + size };
}

function setU32(out: Uint8Array, at: number, v: number): void {
  out[at] = (v >>> 24) & 0xff;
  out[at + 1] = (v >>> 16) & 0xff;
  out[at + 2] = (v >>> 8) & 0xff;
  out[at + 3] = v & 0xff;
}

/** Bytes an RTCP record of `n` logged bytes takes. */
export function rtcpRecordBytes(n: number): number {
  return PACKET_PREFIX_BYTES + Math.min(n, MAX_UDP_PAYLOAD);
}

/** Writes an RTCP record (room for {@linkcode rtcpRecordBytes} is the caller's). */
export function writeRtcpRecord(out: Uint8Array, at: number, incoming: boolean, bytes: Uint8Array): WrittenRecord {
  const n = Math.min(bytes.length, MAX_UDP_PAYLOAD);
  const p = writeIpUdp(out, at, incoming, n);
  out.set(bytes.subarray(0, n), p);
  return { caplen: p + n - at, origlen: p + n - at };
}

const encoder = new TextEncoder();

/** The bytes of an event record: type 2, then the event's JSON. */
export function eventRecord(event: string, fields: Record<string, InfoValue>): Uint8Array {
  const json = encoder.encode(JSON.stringify({ event, fields }));
  const out = new Uint8Array(1 + json.length);
  out[0] = RecordType.Event;
  out.set(json, 1);
  return out;
}

/** What one event-log frame holds, for the UI. */
export type EventLogFrame =
  | { kind: "packet"; direction: "incoming" | "outgoing"; /** Where the IPv4 header starts. */ ipOffset: 1 }
  | { kind: "event"; event: string; fields: Record<string, InfoValue> }
  | { kind: "invalid"; detail: string };

const decoder = new TextDecoder("utf-8", { fatal: true });

/**
 * Tells what a link-type-147 frame holds: a packet and its direction (decode the rest with the frame decoder),
 * or a non-packet event with its fields. Never throws.
 *
 * @param frame One record's bytes.
 * @returns The packet direction, the event, or why the frame is not one.
 *
 * @example Read an event record
 * ```ts
 * import { decodeEventLogFrame, eventRecord } from "./frame.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * const f = eventRecord("dtls-writable", { writable: true });
 * deepStrictEqual(decodeEventLogFrame(f), { kind: "event", event: "dtls-writable", fields: { writable: true } });
 * deepStrictEqual(decodeEventLogFrame(new Uint8Array([1])), { kind: "packet", direction: "outgoing", ipOffset: 1 });
 * ```
 */
export function decodeEventLogFrame(frame: Uint8Array): EventLogFrame {
  if (frame.length === 0) return { kind: "invalid", detail: "empty frame" };
  const type = frame[0]!;
  if (type === RecordType.Incoming) return { kind: "packet", direction: "incoming", ipOffset: 1 };
  if (type === RecordType.Outgoing) return { kind: "packet", direction: "outgoing", ipOffset: 1 };
  if (type !== RecordType.Event) return { kind: "invalid", detail: `unknown record type ${type}` };
  let v: unknown;
  try {
    v = JSON.parse(decoder.decode(frame.subarray(1)));
  } catch (e) {
    return { kind: "invalid", detail: `event is not UTF-8 JSON: ${(e as Error).message}` };
  }
  const o = v as { event?: unknown; fields?: unknown };
  if (typeof o !== "object" || o === null || typeof o.event !== "string" || typeof o.fields !== "object" || !o.fields) {
    return { kind: "invalid", detail: "event JSON lacks event or fields" };
  }
  return { kind: "event", event: o.event, fields: o.fields as Record<string, InfoValue> };
}
