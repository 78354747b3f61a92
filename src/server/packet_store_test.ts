import { deepStrictEqual, ok, strictEqual, throws } from "node:assert/strict";
import { PacketStore } from "./packet_store.ts";
import { BATCH_HEADER_BYTES, decodeServerMessage, RECORD_HEADER_BYTES } from "../wire/messages.ts";

function frame(id: number, len: number): Uint8Array {
  return Uint8Array.from({ length: len }, (_, i) => (id * 31 + i) & 0xff);
}

function fill(store: PacketStore, count: number, len: (i: number) => number, t = 0): void {
  for (let i = 0; i < count; i++) {
    const id = store.nextId;
    const f = frame(id, len(id));
    store.append(f, 0, f.length, 1000 + id, id * 1000, f.length + 4, t);
  }
}

/** Reads every record of a batch back as [id, bytes, tsSec, origlen]. */
function unpack(message: Uint8Array): Array<[number, Uint8Array, number, number]> {
  const m = decodeServerMessage(message);
  if (m.kind !== "packets") throw new Error(`not a batch: ${m.kind}`);
  const view = new DataView(message.buffer, message.byteOffset, message.byteLength);
  const out: Array<[number, Uint8Array, number, number]> = [];
  let p = BATCH_HEADER_BYTES;
  for (let k = 0; k < m.count; k++) {
    const caplen = view.getUint32(p + 8, true);
    out.push([
      m.firstId + k,
      message.slice(p + RECORD_HEADER_BYTES, p + RECORD_HEADER_BYTES + caplen),
      view.getUint32(p, true),
      view.getUint32(p + 12, true),
    ]);
    p += RECORD_HEADER_BYTES + ((caplen + 3) & ~3);
  }
  strictEqual(p, message.length, "records fill the batch exactly");
  return out;
}

Deno.test("PacketStore keeps every packet, in order, while under its bounds", () => {
  const store = new PacketStore({ maxPackets: 100, maxBytes: 1 << 16 });
  fill(store, 50, (id) => 20 + id);
  strictEqual(store.size, 50);
  const batch = store.encodeBatch(3, 1, 1, 1000, 1 << 20)!;
  strictEqual(batch.endId, 51);
  const rows = unpack(batch.message);
  strictEqual(rows.length, 50);
  for (const [id, bytes, tsSec, origlen] of rows) {
    deepStrictEqual(bytes, frame(id, 20 + id));
    strictEqual(tsSec, 1000 + id);
    strictEqual(origlen, bytes.length + 4);
  }
});

Deno.test("PacketStore evicts the oldest packet beyond its packet count and counts it", () => {
  const store = new PacketStore({ maxPackets: 10, maxBytes: 1 << 16 });
  fill(store, 25, () => 60);
  strictEqual(store.size, 10);
  strictEqual(store.firstId, 16);
  strictEqual(store.overwritten, 15);
  deepStrictEqual(store.frameOf(16), frame(16, 60));
  strictEqual(store.encodeBatch(0, 1, 15, 10, 1 << 20), null, "an evicted id is not served");
});

Deno.test("PacketStore wraps its byte ring without corrupting held frames", () => {
  const store = new PacketStore({ maxPackets: 1000, maxBytes: 1000 });
  fill(store, 400, (id) => 1 + ((id * 37) % 97));
  let bytes = 0;
  for (let id = store.firstId; id < store.nextId; id++) {
    deepStrictEqual(store.frameOf(id), frame(id, 1 + ((id * 37) % 97)), `frame ${id}`);
    bytes += (store.caplenOf(id) + 3) & ~3;
  }
  strictEqual(store.bytesHeld, bytes);
  strictEqual(store.overwritten, store.firstId - 1);
  strictEqual(store.size + store.overwritten, 400);
});

Deno.test("PacketStore truncates a frame larger than its whole byte ring", () => {
  const store = new PacketStore({ maxPackets: 4, maxBytes: 64 });
  const f = frame(1, 100);
  store.append(f, 0, f.length, 0, 0, 100, 0);
  strictEqual(store.caplenOf(1), 64);
});

Deno.test("PacketStore.dischargeOlderThan() drops by storage time and counts it", () => {
  const store = new PacketStore({ maxPackets: 100, maxBytes: 1 << 16 });
  fill(store, 5, () => 10, 1000);
  fill(store, 5, () => 10, 2000);
  strictEqual(store.dischargeOlderThan(1500), 5);
  strictEqual(store.discharged, 5);
  strictEqual(store.firstId, 6);
  strictEqual(store.overwritten, 0);
});

Deno.test("PacketStore.encodeBatch() honours the packet and byte limits but always sends one packet", () => {
  const store = new PacketStore({ maxPackets: 100, maxBytes: 1 << 16 });
  fill(store, 20, () => 100);
  strictEqual(store.encodeBatch(0, 1, 1, 7, 1 << 20)!.endId, 8);
  strictEqual(store.encodeBatch(0, 1, 1, 100, BATCH_HEADER_BYTES + 3 * 116)!.endId, 4);
  strictEqual(store.encodeBatch(0, 1, 5, 100, 10)!.endId, 6);
});

Deno.test("PacketStore rejects limits that are not positive", () => {
  throws(() => new PacketStore({ maxPackets: 0, maxBytes: 100 }), RangeError);
});

Deno.test("PacketStore keeps small packets within about twice the bytes held, not the whole byte ring", () => {
  const store = new PacketStore({ maxPackets: 1000, maxBytes: 1 << 20 });
  const frame = new Uint8Array(100);
  for (let i = 0; i < 100_000; i++) {
    frame[0] = i & 0xff;
    store.append(frame, 0, 100, i, 0, 100, 0);
  }
  strictEqual(store.size, 1000);
  strictEqual(store.bytesHeld, 100_000);
  ok(store.extentBytes <= 2 * store.bytesHeld + 100, `extent ${store.extentBytes}`);
  // Every held packet is still intact after all the early wraps.
  for (let id = store.firstId; id < store.nextId; id++) strictEqual(store.frameOf(id)[0], (id - 1) & 0xff);
});

Deno.test("PacketStore wraps early without corrupting packets of mixed sizes", () => {
  const store = new PacketStore({ maxPackets: 64, maxBytes: 1 << 16 });
  const sizes = [60, 1400, 200, 900, 33, 1500, 4, 700];
  for (let i = 0; i < 20_000; i++) {
    const n = sizes[i % sizes.length]!;
    const f = new Uint8Array(n).fill(i & 0xff);
    store.append(f, 0, n, i, 0, n, 0);
    for (let id = store.firstId; id < store.nextId; id += 7) {
      const got = store.frameOf(id);
      strictEqual(got.length, sizes[(id - 1) % sizes.length]!);
      ok(got.every((b) => b === ((id - 1) & 0xff)), `packet ${id} intact after append ${i}`);
    }
  }
  ok(store.extentBytes <= store.maxBytes);
});
