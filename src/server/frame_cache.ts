/**
 * Encodes each packet batch once per tick and shares it: clients at the same position of the same source with the
 * same batch size get the very same bytes (and the same deflated bytes). Cleared at the start of every source's turn.
 * @module
 */

import { deflateRawSync } from "node:zlib";
import { deflatedMessage } from "../wire/messages.ts";
import type { CaptureSource } from "../capture/source.ts";

/** Frames smaller than this are sent as they are: DEFLATE would save little and cost a call. */
export const COMPRESS_MIN_BYTES = 512;
/**
 * DEFLATE level: 1 is the fastest. Captured headers repeat a lot, so it already saves most of what higher levels
 * would, at a fraction of the CPU of the default (6).
 */
export const COMPRESS_LEVEL = 1;
/** A batch message is cut at this size (a single larger packet still goes alone). */
export const MESSAGE_BYTES = 64 << 10;

export interface EncodedBatch {
  message: Uint8Array<ArrayBuffer>;
  /** First id after the batch. */
  endId: number;
}

export class FrameCache {
  readonly #plain = new Map<number, EncodedBatch>();
  readonly #deflated = new Map<number, Uint8Array<ArrayBuffer>>();

  /** Forgets the previous source's batches. */
  clear(): void {
    this.#plain.clear();
    this.#deflated.clear();
  }

  /** The batch of up to `count` packets from `startId` (held in the ring), encoded once. */
  batch(source: CaptureSource, startId: number, count: number): EncodedBatch {
    const key = startId * 65536 + count; // count < 65536, ids < 2^37: exact in a double
    let b = this.#plain.get(key);
    if (!b) {
      b = source.store.encodeBatch(source.id, source.linkType, startId, count, MESSAGE_BYTES)!;
      this.#plain.set(key, b);
    }
    return b;
  }

  /** The same batch's bytes deflated (once per tick), or its plain bytes where deflating does not pay. */
  deflated(batch: EncodedBatch, startId: number, count: number): Uint8Array<ArrayBuffer> {
    const key = startId * 65536 + count;
    let d = this.#deflated.get(key);
    if (!d) {
      d = deflateOrKeep(batch.message);
      this.#deflated.set(key, d);
    }
    return d;
  }
}

/** `msg` as a {@linkcode MessageKind.Deflated} message, or `msg` itself when that would not be smaller. */
export function deflateOrKeep(msg: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer> {
  if (msg.length < COMPRESS_MIN_BYTES) return msg;
  const packed = deflatedMessage(deflateRawSync(msg, { level: COMPRESS_LEVEL }));
  return packed.length < msg.length ? packed : msg;
}
