/**
 * Test helper: a real WebSocket client of netpix that collects what the server sends.
 * @module
 */

import {
  BATCH_HEADER_BYTES,
  type ControlMessage,
  decodeInflated,
  decodeServerMessage,
  type PacketBatch,
} from "../src/wire/messages.ts";
import { RecordCursor } from "../ffi/records.ts";

/** One packet of a batch message. */
export interface BatchRecord {
  id: number;
  tsSec: number;
  tsNsec: number;
  origlen: number;
  frame: Uint8Array;
}

/** The packets of a batch, walked with the production record cursor; throws when the batch holds fewer than it says. */
export function* batchRecords(b: PacketBatch): Generator<BatchRecord> {
  const records = b.bytes.subarray(BATCH_HEADER_BYTES);
  const c = new RecordCursor();
  c.reset(records, records.length, b.count);
  let k = 0;
  while (c.next()) {
    const frame = records.subarray(c.dataOffset, c.dataOffset + c.caplen);
    yield { id: b.firstId + k++, tsSec: c.tsSec, tsNsec: c.tsNsec, origlen: c.origlen, frame };
  }
  if (k !== b.count) throw new Error(`batch ${b.firstId} holds ${k} of ${b.count} records: ${c.error}`);
}

/** The server's first message: its version, sources and limits. */
export type HelloMessage = Extract<ControlMessage, { type: "hello" }>;

export class NetpixClient {
  readonly controls: ControlMessage[] = [];
  readonly batches: PacketBatch[] = [];
  readonly invalid: string[] = [];
  packetCount = 0;
  #ws: WebSocket;
  #chain: Promise<void> = Promise.resolve();
  /** Messages that arrived compressed. */
  deflatedCount = 0;
  #waiters: Array<() => void> = [];
  closed: { code: number; reason: string } | null = null;
  readonly opened: Promise<void>;

  constructor(url: string) {
    this.#ws = new WebSocket(url.replace(/^http/, "ws") + "/ws");
    this.#ws.binaryType = "arraybuffer";
    this.opened = new Promise((resolve, reject) => {
      this.#ws.onopen = () => resolve();
      this.#ws.onerror = (e) => reject(new Error(`WebSocket error: ${(e as ErrorEvent).message ?? e}`));
    });
    this.#ws.onmessage = (ev) => {
      const data = new Uint8Array(ev.data as ArrayBuffer);
      // Deflated frames inflate asynchronously; the chain keeps messages in arrival order.
      this.#chain = this.#chain.then(async () => {
        const raw = decodeServerMessage(data);
        if (raw.kind === "deflated") this.deflatedCount++;
        const m = raw.kind === "deflated" ? await decodeInflated(raw.bytes) : raw;
        if (m.kind === "control") this.controls.push(m.message);
        else if (m.kind === "packets") {
          this.batches.push(m);
          this.packetCount += m.count;
        } else this.invalid.push(m.reason);
        this.#wake();
      });
    };
    this.#ws.onclose = (ev) => {
      this.#chain = this.#chain.then(() => {
        this.closed = { code: ev.code, reason: ev.reason };
        this.#wake();
      });
    };
  }

  #wake(): void {
    const w = this.#waiters;
    this.#waiters = [];
    for (const f of w) f();
  }

  send(text: string): void {
    this.#ws.send(text);
  }

  sendBinary(bytes: Uint8Array<ArrayBuffer>): void {
    this.#ws.send(bytes);
  }

  /** Waits for the connection and the server's hello (its first message); returns the hello. */
  async hello(): Promise<HelloMessage> {
    await this.opened;
    const isHello = (m: ControlMessage): m is HelloMessage => m.type === "hello";
    await this.until(() => this.controls.some(isHello), "hello");
    return this.controls.find(isHello)!;
  }

  /** Waits until `cond` holds, re-checking on every message; throws after `timeoutMs`. */
  async until(cond: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!cond()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 250));
        this.#waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.#ws.close();
    return this.until(() => this.closed !== null, "close", 5000);
  }
}
