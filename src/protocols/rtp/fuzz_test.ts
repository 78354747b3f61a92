/**
 * Mutation fuzzing seeded with every real RTP packet of the committed captures: bit flips, byte writes, cuts, and
 * length fields (CC, extension length, padding count, element lengths, aggregation sizes) pointed out of bounds. Every
 * decoder of this folder must return a value or a failure, never throw, and never read outside the bytes: one packet
 * in eight goes through a proxy that throws on any out-of-bounds index.
 */
import { ok } from "node:assert/strict";
import { isFailure } from "../decode_result.ts";
import { decodeRtp, RTP_STATUS_NAMES, RtpReader, RtpStatus } from "./header.ts";
import { decodeHeaderExtension, ExtensionStatus, RtpExtensionReader } from "./extensions.ts";
import {
  decodeWellKnownExtensions,
  readAbsSendTime,
  readAudioLevel,
  readTransportWideSequence,
} from "./well_known_extensions.ts";
import { inspectAv1 } from "./codecs/av1.ts";
import { inspectH264 } from "./codecs/h264.ts";
import { inspectH265 } from "./codecs/h265.ts";
import { inspectVp8 } from "./codecs/vp8.ts";
import { inspectVp9 } from "./codecs/vp9.ts";
import type { CodecPayloadInfo } from "./codecs/_info.ts";
import { guarded, seeded } from "../_fuzz.ts";
import { RTP_CAPTURES, rtpDatagrams, sdpMaps } from "./_testdata.ts";

const INSPECTORS = [inspectH264, inspectH265, inspectVp8, inspectVp9, inspectAv1];
const TOTAL = 260_000;

Deno.test(`RTP decoders never throw or read out of bounds on ${TOTAL} mutated real packets`, async () => {
  const seeds: Uint8Array[] = [];
  const extmap = new Map<number, string>();
  for (const capture of RTP_CAPTURES) {
    for (const d of await rtpDatagrams(capture.file)) seeds.push(d.bytes.slice());
    for (const [id, uri] of (await sdpMaps(capture.sdp)).extmap) if (!extmap.has(id)) extmap.set(id, uri);
  }
  ok(seeds.length > 1900);

  const rand = seeded(0x52_54_50);
  const int = (n: number) => Math.floor(rand() * n);
  const reader = new RtpReader();
  const ext = new RtpExtensionReader();
  const statuses = new Uint32Array(RTP_STATUS_NAMES.length);
  const extStatuses = new Uint32Array(Object.keys(ExtensionStatus).length);
  const inspected = { null: 0, value: 0 };
  let wellKnownFailures = 0;
  let sink = 0;

  for (let i = 0; i < TOTAL; i++) {
    const base = seeds[int(seeds.length)]!;
    const bytes = mutate(base, i, int, rand);
    const context = () => `packet ${i}: ${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
    const offset = i % 16 === 0 ? int(4) : 0;
    const view = i % 8 === 0 ? guarded(bytes, Math.min(offset, bytes.length)) : bytes;
    try {
      const okay = reader.decode(view, offset);
      statuses[reader.status] = statuses[reader.status]! + 1;
      const r = decodeRtp(view, offset);
      if (okay === isFailure(r)) throw new Error("RtpReader and decodeRtp() disagree");
      if (okay) {
        const end = reader.payloadOffset + reader.payloadLength + reader.paddingLength;
        if (end !== bytes.length || reader.payloadLength < 0 || reader.headerLength < 12) throw new Error("lengths");
        if (reader.extensionProfile >= 0) {
          const block = decodeHeaderExtension(
            view,
            reader.extensionProfile,
            reader.extensionOffset,
            reader.extensionLength,
          );
          const blockEnd = reader.extensionOffset + reader.extensionLength;
          if (ext.reset(view, reader.extensionProfile, reader.extensionOffset, reader.extensionLength)) {
            while (ext.next()) {
              if (ext.offset < reader.extensionOffset || ext.offset + ext.length > blockEnd) throw new Error("element");
              sink += readAbsSendTime(view, ext.offset, ext.length) +
                readTransportWideSequence(view, ext.offset, ext.length) +
                readAudioLevel(view, ext.offset, ext.length);
            }
          }
          extStatuses[ext.status] = extStatuses[ext.status]! + 1;
          for (const v of decodeWellKnownExtensions(view, block.elements, extmap)) {
            if (isFailure(v)) wellKnownFailures++;
          }
        }
        const payload = i % 8 === 0
          ? guarded(bytes, reader.payloadOffset, reader.payloadOffset + reader.payloadLength)
          : bytes;
        for (const inspect of INSPECTORS) count(inspect(payload, reader.payloadOffset, reader.payloadLength));
      }
      // The inspectors also take arbitrary bytes: the datagram from a random offset (maybe -1 or past the end) and
      // length (maybe negative or past the end); they may read only [from, from + length) within the bytes.
      const from = int(bytes.length + 2) - 1;
      const length = int(bytes.length + 4) - 2;
      const fenced = i % 8 === 0 ? guarded(bytes, Math.max(0, from), Math.min(bytes.length, from + length)) : bytes;
      for (const inspect of INSPECTORS) count(inspect(fenced, from, length));
    } catch (e) {
      throw new Error(`${(e as Error).message}: ${context()}`);
    }
  }
  ok(sink !== 0.5);
  // Every outcome should be reachable from these inputs; one never seen hints at a dead branch.
  for (const [status, name] of RTP_STATUS_NAMES.entries()) ok(statuses[status]! > 0, `no packet ended as ${name}`);
  for (const [name, status] of Object.entries(ExtensionStatus)) ok(extStatuses[status]! > 0, `no block ended ${name}`);
  ok(statuses[RtpStatus.Ok]! > TOTAL / 4, `only ${statuses[RtpStatus.Ok]} packets decoded`);
  ok(wellKnownFailures > 0 && inspected.null > 0 && inspected.value > TOTAL);

  function count(info: CodecPayloadInfo | null): void {
    if (info === null) inspected.null++;
    else if (typeof info.keyframe === "boolean" && typeof info.frameStart === "boolean" && info.detail.length > 0) {
      inspected.value++;
    } else throw new Error("malformed inspection result");
  }
});

/** One mutation of a real packet, chosen by `i`. */
function mutate(base: Uint8Array, i: number, int: (n: number) => number, rand: () => number): Uint8Array {
  const bytes = base.slice();
  const at = (limit: number) => int(Math.min(bytes.length, limit));
  switch (i % 10) {
    case 0: // flip 1–8 bits in the first 64 bytes (header, extension, payload descriptor)
      for (let k = 1 + int(8); k > 0; k--) {
        const j = at(64);
        bytes[j] = bytes[j]! ^ (1 << int(8));
      }
      return bytes;
    case 1: // cut anywhere
      return bytes.slice(0, int(bytes.length + 1));
    case 2: // CC nibble and P/X bits at random
      bytes[0] = 0x80 | (int(4) << 4) | int(16);
      return bytes;
    case 3: { // extension length pointing anywhere
      const cc = bytes[0]! & 0x0f;
      const j = 12 + 4 * cc + 2;
      bytes[0] = bytes[0]! | 0x10;
      if (j + 1 < bytes.length) {
        bytes[j] = int(4) === 0 ? 0xff : 0;
        bytes[j + 1] = int(256);
      }
      return bytes;
    }
    case 4: // padding count at random, P set
      bytes[0] = bytes[0]! | 0x20;
      bytes[bytes.length - 1] = int(256);
      return bytes;
    case 5: { // an element length or id inside the extension block
      const j = 16 + 4 * (bytes[0]! & 0x0f) + int(24);
      if (j < bytes.length) bytes[j] = [0x0f, 0xff, 0xf0, 0x1f, 0x00, int(256)][int(6)]!;
      return bytes;
    }
    case 6: { // sizes and headers at the start of the payload (STAP/AP sizes, FU headers, VP8/VP9/AV1 descriptors)
      const r = decodeRtp(bytes);
      const start = isFailure(r) ? 12 : r.payloadOffset;
      for (let k = 1 + int(4); k > 0; k--) {
        const j = start + int(12);
        if (j < bytes.length) bytes[j] = [0x00, 0xff, 0x80, 0x7f, 0x18, 0x1c, 0x60, 0x62, int(256)][int(9)]!;
      }
      return bytes;
    }
    case 7: // random bytes after a valid first byte
      return Uint8Array.from({ length: int(80) }, (_, k) => (k === 0 ? 0x80 | int(64) : int(256)));
    case 8: // a real header with a random tail
      return Uint8Array.from(
        { length: Math.min(bytes.length, 12 + int(60)) },
        (_, k) => (k < 40 ? bytes[k]! : int(256)),
      );
    default: { // several byte writes, then a cut
      for (let k = 1 + int(6); k > 0; k--) bytes[at(bytes.length)] = Math.floor(rand() * 256);
      return bytes.slice(0, bytes.length - int(Math.min(bytes.length, 16)));
    }
  }
}
