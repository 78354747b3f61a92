import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { BATCH_HEADER_BYTES, type PacketBatch, recordSize, writeBatchHeader } from "../../src/wire/messages.ts";
import { StreamAccount } from "./stream_account.ts";

const ALWAYS = { fromMs: 0, toMs: Infinity };

/** A real batch in the wire layout: `count` 8-byte frames with ids from `firstId`, captured at `capturedMs`. */
function batch(firstId: number, count: number, capturedMs: number): PacketBatch {
  const bytes = new Uint8Array(BATCH_HEADER_BYTES + count * recordSize(8));
  const view = new DataView(bytes.buffer);
  writeBatchHeader(view, 0, count, firstId, 1);
  for (let i = 0; i < count; i++) {
    const at = BATCH_HEADER_BYTES + i * recordSize(8);
    view.setUint32(at, Math.floor(capturedMs / 1000), true);
    view.setUint32(at + 4, (capturedMs % 1000) * 1e6, true);
    view.setUint32(at + 8, 8, true);
    view.setUint32(at + 12, 8, true);
  }
  return { kind: "packets", source: 0, count, firstId, linkType: 1, bytes };
}

function selected(acc: StreamAccount, firstId: number, nextId: number): void {
  acc.control({ type: "selected", source: 0, firstId, nextId, settings: { decodeAs: [], sdp: [] } }, 0);
}

Deno.test("StreamAccount counts consecutive batches with no gaps and measures live packets only", () => {
  const acc = new StreamAccount(ALWAYS);
  selected(acc, 100, 110);
  acc.batch(batch(100, 10, 1_000_000), 1_000_050); // the replay, 50 ms old
  acc.batch(batch(110, 5, 2_000_000), 2_000_007);
  const j = acc.toJSON();
  deepStrictEqual([j.packets, j.livePackets, j.replayed, j.gaps, j.duplicates], [15, 5, 10, 0, 0]);
  strictEqual(j.latency.count, 5);
  strictEqual(Math.round(j.latency.max), 7000);
});

Deno.test("StreamAccount explains a gap by the dropped message before it and counts an unannounced gap", () => {
  const acc = new StreamAccount(ALWAYS);
  selected(acc, 0, 0);
  acc.batch(batch(0, 10, 1000), 1001);
  acc.control({ type: "dropped", source: 0, fromId: 10, count: 5, reason: "queue-full" }, 1002);
  acc.batch(batch(15, 5, 1000), 1003);
  acc.batch(batch(23, 2, 1000), 1004); // 20..22 never announced
  const j = acc.toJSON();
  deepStrictEqual([j.gaps, j.drops, j.lateDropNotices], [3, { "queue-full": 5 }, 0]);
});

Deno.test("StreamAccount accepts a late dropped message for a gap but counts it as late", () => {
  const acc = new StreamAccount(ALWAYS);
  selected(acc, 0, 0);
  acc.batch(batch(0, 10, 1000), 1001);
  acc.batch(batch(14, 6, 1000), 1002);
  acc.control({ type: "dropped", source: 0, fromId: 10, count: 4, reason: "evicted" }, 1003);
  const j = acc.toJSON();
  deepStrictEqual([j.gaps, j.lateDropNotices, j.drops], [0, 1, { evicted: 4 }]);
});

Deno.test("StreamAccount counts ids received twice as duplicates", () => {
  const acc = new StreamAccount(ALWAYS);
  selected(acc, 0, 0);
  acc.batch(batch(0, 10, 1000), 1001);
  acc.batch(batch(5, 10, 1000), 1002);
  const j = acc.toJSON();
  deepStrictEqual([j.duplicates, j.gaps, j.packets], [5, 0, 20]);
});

Deno.test("StreamAccount counts only what arrives inside the window", () => {
  const acc = new StreamAccount({ fromMs: 2000, toMs: 3000 });
  selected(acc, 0, 0);
  acc.batch(batch(0, 10, 1000), 1500);
  acc.batch(batch(10, 10, 2400), 2500);
  acc.batch(batch(20, 10, 3400), 3500);
  const j = acc.toJSON();
  deepStrictEqual([j.packets, j.packetsTotal, j.latency.count], [10, 30, 10]);
});
