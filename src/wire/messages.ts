/**
 * The netpix WebSocket wire format, shared by the server (encoder) and the browser (decoder).
 * Pure TypeScript over DataView/Uint8Array: no Deno APIs, so the UI bundle uses this very file.
 *
 * Server → client messages are binary. Byte 0 is the message kind:
 *  - {@linkcode MessageKind.Control}: UTF-8 JSON body, one {@linkcode ControlMessage}. Rare: hello, stats, errors, drop notices.
 *  - {@linkcode MessageKind.Packets}: a batch of raw captured frames with consecutive ids, decoded in the browser.
 *  - {@linkcode MessageKind.Deflated}: byte 0 then one whole message of the other kinds, compressed with raw DEFLATE
 *    (RFC 1951); {@linkcode inflateMessage} undoes it with the web-standard DecompressionStream.
 *
 * Packet batch layout (little-endian), {@linkcode BATCH_HEADER_BYTES} bytes of header:
 * ```text
 *  0       1       2               4                               8
 * | kind  | rsvd  |   source id   |          packet count         |
 * |                 first packet id (f64, ids are consecutive)    |
 * |          link type            |           reserved            |
 * ```
 * then `count` records, each 4-byte aligned, in the same layout as the capture library's batch records
 * (`ffi/records.ts`): u32 ts_sec, u32 ts_nsec, u32 caplen, u32 origlen, caplen bytes, zero padding.
 *
 * Client → server messages are text frames holding one JSON {@linkcode ClientRequest}.
 * @module
 */

import { RECORD_HEADER_BYTES } from "../../ffi/records.ts";

export const WIRE_VERSION = 1;

export const MessageKind = { Control: 1, Packets: 2, Deflated: 3 } as const;
export type MessageKind = (typeof MessageKind)[keyof typeof MessageKind];

export const BATCH_HEADER_BYTES = 24;
/** Records in a batch have the capture library's layout, so one constant serves both. */
export { RECORD_HEADER_BYTES };

/** What a client can pick: a file, a live interface or an event log. */
export interface SourceDescription {
  id: number;
  kind: "file" | "interface" | "event-log";
  name: string;
  linkType: number;
  linkTypeName: string;
  promisc: boolean;
  /** Human-readable note, e.g. why a source holds no packets. */
  note?: string;
}

/** Per-source counters; every limit that drops something has its counter here. */
export interface SourceStats {
  id: number;
  state: "running" | "finished" | "failed";
  /** Frames read from libpcap. */
  captured: number;
  /** Packets held in the ring buffer now. */
  stored: number;
  firstId: number;
  nextId: number;
  /** Evicted because the ring was full (count or bytes), see `--buffer-size`. */
  overwritten: number;
  /** Evicted because older than `--maximum-package-age`. */
  discharged: number;
  /** Frames that did not decode as link/IP/UDP/TCP, by reason (they are still stored and shown). */
  frameIssues: Record<string, number>;
  /** libpcap's own counters for live sources. */
  kernel?: { received: number; droppedByKernel: number; droppedByInterface: number };
  error?: string;
}

/** Payload kinds a decode-as rule can force (the names of `PAYLOAD_KIND_NAMES` in src/protocols/classify.ts). */
export const DECODE_AS_KINDS = ["unknown", "stun", "channel-data", "mpegts", "rtcp", "rtp", "dtls", "zrtp"] as const;
export type DecodeAsKind = (typeof DECODE_AS_KINDS)[number];

/** "Decode as": every UDP payload to or from `port` (either side) is `as`, as Wireshark's Decode As. */
export interface DecodeAsRule {
  port: number;
  as: DecodeAsKind;
}

/** An SDP a user supplied: for one RTP stream (`ssrc`), or for the whole source (`ssrc: null`). */
export interface SdpRule {
  ssrc: number | null;
  sdp: string;
}

/** Per-source analysis settings, kept by the server and shared by every client of the source. */
export interface SourceSettings {
  decodeAs: DecodeAsRule[];
  sdp: SdpRule[];
}

/** Why a client did not get some packets. */
export type DropReason = "evicted" | "queue-full";

export type ControlMessage =
  | {
    type: "hello";
    version: number;
    server: string;
    sources: SourceDescription[];
    limits: ServerLimits;
    /** Whether the server may send this client {@linkcode MessageKind.Deflated} frames. */
    compression: boolean;
  }
  /** Answer to select/fetch-all: the replay covers `[firstId, nextId)`, live packets follow from `nextId`. */
  | { type: "selected"; source: number; firstId: number; nextId: number; settings: SourceSettings }
  /** Sent after the last replayed packet (id `nextId - 1`) went out. */
  | { type: "replay-done"; source: number; nextId: number }
  /** A source's settings changed (decode-as or SDP); sent to every client of that source. */
  | { type: "settings"; source: number; settings: SourceSettings }
  /** Counters of the client's source and of the client itself; every 5 s and when they change. */
  | { type: "stats"; sources: SourceStats[]; client: ClientStats }
  /** Packets `[fromId, fromId + count)` of `source` will never reach this client. Sent in order, where the gap is. */
  | { type: "dropped"; source: number; fromId: number; count: number; reason: DropReason }
  /** The server's tunables changed (SIGHUP reload). */
  | { type: "limits"; limits: ServerLimits }
  | { type: "error"; code: ErrorCode; message: string };

export type ErrorCode =
  | "bad-request"
  | "unknown-source"
  | "no-source-selected"
  | "invalid-sdp"
  | "too-many-clients"
  | "message-too-large"
  | "too-many-requests"
  | "shutting-down"
  | "internal";

/** The server's tunables, as the client sees them (`hello`, and `limits` after a reload). */
export interface ServerLimits {
  maxClients: number;
  /** Live packets a client may have queued (references into the shared ring); also bounds its control messages. */
  maxClientQueueSize: number;
  /** Live packets per client per tick, in one frame; more (in several frames) when adaptive batching is on. */
  messageBatchSize: number;
  messageIntervalMs: number;
  /** Whether a client's batch grows with its queue, up to {@linkcode MAX_ADAPTIVE_BATCH}. */
  adaptiveBatching: boolean;
  bufferSize: number;
  /** Packets older than this many seconds are discarded from every source; 0 keeps them. */
  maximumPacketAgeS: number;
}

/** Most live packets per client per tick when adaptive batching grows the batch (sent in frames of ≤ 64 KiB). */
export const MAX_ADAPTIVE_BATCH = 2048;

export interface ClientStats {
  /** Packets this client never received (evicted before delivery, or skipped to stay within its queue bound). */
  droppedPackets: number;
  /** Of those, the ones its full queue refused. */
  droppedQueueFull: number;
  /** Live packets queued for this client now. */
  queued: number;
  /** Control messages dropped because this client's queue was full. */
  droppedMessages: number;
  /** Requests from this client that were rejected as malformed. */
  badRequests: number;
}

export type ClientRequest =
  | { type: "select"; source: number }
  | { type: "fetch-all" }
  /** Sets (or with `as: "auto"` removes) the decode-as rule of a port on the client's source. */
  | { type: "decode-as"; port: number; as: DecodeAsKind | "auto" }
  /** Sets the SDP of a stream (or of the source with `ssrc: null`); an empty `sdp` removes it. */
  | { type: "set-sdp"; ssrc: number | null; sdp: string };

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder();

/** Encodes one control message. */
export function encodeControl(msg: ControlMessage): Uint8Array<ArrayBuffer> {
  const body = textEncoder.encode(JSON.stringify(msg));
  const out = new Uint8Array(1 + body.length);
  out[0] = MessageKind.Control;
  out.set(body, 1);
  return out;
}

/** A decoded packet batch: `view` covers the whole message; records start at {@linkcode BATCH_HEADER_BYTES}. */
export interface PacketBatch {
  kind: "packets";
  source: number;
  count: number;
  firstId: number;
  linkType: number;
  bytes: Uint8Array;
}

export type DecodedMessage =
  | { kind: "control"; message: ControlMessage }
  | PacketBatch
  /** Compressed: pass `bytes` to {@linkcode inflateMessage}, then decode the result. */
  | { kind: "deflated"; bytes: Uint8Array }
  | { kind: "invalid"; reason: string };

/** Decodes a server message; never throws. */
export function decodeServerMessage(data: Uint8Array): DecodedMessage {
  if (data.length < 1) return { kind: "invalid", reason: "empty message" };
  if (data[0] === MessageKind.Control) {
    try {
      const message = JSON.parse(textDecoder.decode(data.subarray(1))) as ControlMessage;
      if (typeof message !== "object" || message === null || typeof message.type !== "string") {
        return { kind: "invalid", reason: "control message without a type" };
      }
      return { kind: "control", message };
    } catch (e) {
      return { kind: "invalid", reason: `control message is not JSON: ${(e as Error).message}` };
    }
  }
  if (data[0] === MessageKind.Packets) {
    if (data.length < BATCH_HEADER_BYTES) return { kind: "invalid", reason: "packet batch header truncated" };
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    return {
      kind: "packets",
      source: view.getUint16(2, true),
      count: view.getUint32(4, true),
      firstId: view.getFloat64(8, true),
      linkType: view.getUint32(16, true),
      bytes: data,
    };
  }
  if (data[0] === MessageKind.Deflated) return { kind: "deflated", bytes: data };
  return { kind: "invalid", reason: `unknown message kind ${data[0]}` };
}

/**
 * Wraps an encoded message as {@linkcode MessageKind.Deflated}, given its raw-DEFLATE bytes (the server compresses
 * with node:zlib's deflateRawSync; this module stays free of runtime-specific APIs).
 */
export function deflatedMessage(compressed: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(1 + compressed.length);
  out[0] = MessageKind.Deflated;
  out.set(compressed, 1);
  return out;
}

/**
 * Inflates a {@linkcode MessageKind.Deflated} message into the message it wraps, with the web-standard
 * DecompressionStream("deflate-raw"). Rejects on corrupt data. Callers must keep message order themselves (await
 * each before decoding the next).
 */
export async function inflateMessage(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data.subarray(1) as Uint8Array<ArrayBuffer>]).stream()
    .pipeThrough(new DecompressionStream("deflate-raw"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * Inflates a {@linkcode MessageKind.Deflated} message and decodes the message it wraps; never rejects: corrupt data,
 * and a deflated message inside another, decode as invalid. Callers keep message order (await each in turn).
 */
export async function decodeInflated(data: Uint8Array): Promise<Exclude<DecodedMessage, { kind: "deflated" }>> {
  let m: DecodedMessage;
  try {
    m = decodeServerMessage(await inflateMessage(data));
  } catch (e) {
    return { kind: "invalid", reason: `cannot inflate: ${(e as Error).message}` };
  }
  return m.kind === "deflated" ? { kind: "invalid", reason: "a deflated message inside a deflated message" } : m;
}

/** Writes a batch header into `out` (which must hold at least {@linkcode BATCH_HEADER_BYTES}). */
export function writeBatchHeader(
  out: DataView,
  source: number,
  count: number,
  firstId: number,
  linkType: number,
): void {
  out.setUint8(0, MessageKind.Packets);
  out.setUint8(1, 0);
  out.setUint16(2, source, true);
  out.setUint32(4, count, true);
  out.setFloat64(8, firstId, true);
  out.setUint32(16, linkType, true);
  out.setUint32(20, 0, true);
}

/** Bytes a record of `caplen` captured bytes takes in a batch, header and padding included. */
export function recordSize(caplen: number): number {
  return RECORD_HEADER_BYTES + ((caplen + 3) & ~3);
}

/** Parses one client request; returns a reason string when it is malformed. */
export function parseClientRequest(text: string): ClientRequest | { invalid: string } {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return { invalid: "request is not valid JSON" };
  }
  if (typeof v !== "object" || v === null) return { invalid: "request must be a JSON object" };
  const r = v as Record<string, unknown>;
  switch (r.type) {
    case "select":
      if (typeof r.source !== "number" || !Number.isInteger(r.source) || r.source < 0) {
        return { invalid: "select needs a non-negative integer 'source'" };
      }
      return { type: "select", source: r.source };
    case "fetch-all":
      return { type: "fetch-all" };
    case "decode-as": {
      if (typeof r.port !== "number" || !Number.isInteger(r.port) || r.port < 1 || r.port > 65535) {
        return { invalid: "decode-as needs an integer 'port' from 1 to 65535" };
      }
      const as = r.as;
      if (as !== "auto" && !(DECODE_AS_KINDS as readonly unknown[]).includes(as)) {
        return { invalid: `decode-as needs 'as' to be "auto" or one of ${DECODE_AS_KINDS.join(", ")}` };
      }
      return { type: "decode-as", port: r.port, as: as as DecodeAsKind | "auto" };
    }
    case "set-sdp": {
      const ssrc = r.ssrc ?? null;
      if (ssrc !== null && (typeof ssrc !== "number" || !Number.isInteger(ssrc) || ssrc < 0 || ssrc > 0xffffffff)) {
        return { invalid: "set-sdp needs 'ssrc' to be null or an integer from 0 to 4294967295" };
      }
      if (typeof r.sdp !== "string") return { invalid: "set-sdp needs the SDP text in 'sdp'" };
      return { type: "set-sdp", ssrc, sdp: r.sdp };
    }
    default:
      return { invalid: `unknown request type ${JSON.stringify(r.type)}` };
  }
}
