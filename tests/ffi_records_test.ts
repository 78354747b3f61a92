import { deepStrictEqual, match } from "node:assert/strict";
import { RECORD_HEADER_BYTES, RecordCursor } from "../ffi/records.ts";

/** Builds a batch the way capture-rs/src/record.rs writes it. */
function batch(...packets: { sec: number; nsec: number; orig?: number; data: number[] }[]): Uint8Array {
  const size = packets.reduce((n, p) => n + RECORD_HEADER_BYTES + Math.ceil(p.data.length / 4) * 4, 0);
  const buf = new Uint8Array(size);
  const view = new DataView(buf.buffer);
  let at = 0;
  for (const p of packets) {
    view.setUint32(at, p.sec, true);
    view.setUint32(at + 4, p.nsec, true);
    view.setUint32(at + 8, p.data.length, true);
    view.setUint32(at + 12, p.orig ?? p.data.length, true);
    buf.set(p.data, at + RECORD_HEADER_BYTES);
    at += RECORD_HEADER_BYTES + Math.ceil(p.data.length / 4) * 4;
  }
  return buf;
}

/** Walks a batch and returns each record as a plain object, plus the cursor's error. */
function walk(cur: RecordCursor, buf: Uint8Array, bytes: number, count: number) {
  const out = [];
  cur.reset(buf, bytes, count);
  while (cur.next()) {
    const data = [...buf.subarray(cur.dataOffset, cur.dataOffset + cur.caplen)];
    out.push({ sec: cur.tsSec, nsec: cur.tsNsec, orig: cur.origlen, data });
  }
  return { records: out, error: cur.error };
}

const THREE = batch(
  { sec: 1_700_000_000, nsec: 999_999_999, orig: 1514, data: [1, 2, 3, 4, 5] }, // 5 bytes + 3 padding
  { sec: 2, nsec: 0, data: [] },
  { sec: 3, nsec: 1, data: [9, 9, 9, 9] },
);

Deno.test("RecordCursor walks records with padding and empty packets", () => {
  deepStrictEqual(walk(new RecordCursor(), THREE, THREE.length, 3), {
    records: [
      { sec: 1_700_000_000, nsec: 999_999_999, orig: 1514, data: [1, 2, 3, 4, 5] },
      { sec: 2, nsec: 0, orig: 0, data: [] },
      { sec: 3, nsec: 1, orig: 4, data: [9, 9, 9, 9] },
    ],
    error: null,
  });
});

Deno.test("RecordCursor stops after count records and is reusable across batches", () => {
  const cur = new RecordCursor();
  deepStrictEqual(walk(cur, THREE, THREE.length, 1).records.length, 1);
  deepStrictEqual(walk(cur, THREE, 0, 0), { records: [], error: null });
  const other = batch({ sec: 7, nsec: 8, data: [42] });
  deepStrictEqual(walk(cur, other, other.length, 1).records, [{ sec: 7, nsec: 8, orig: 1, data: [42] }]);
});

Deno.test("RecordCursor works on a buffer that is a view at an odd offset", () => {
  const backing = new Uint8Array(THREE.length + 3);
  backing.set(THREE, 3);
  const view = backing.subarray(3);
  deepStrictEqual(walk(new RecordCursor(), view, view.length, 3).records.length, 3);
});

const corrupt = [
  {
    name: "a header past the batch end",
    buf: THREE,
    bytes: 24 + 8,
    count: 2,
    records: 1,
    error: /header at byte 24 runs past the batch end \(32\)/,
  },
  { name: "a caplen past the batch end", buf: THREE, bytes: 20, count: 1, records: 0, error: /caplen 5, past/ },
  {
    name: "a huge caplen",
    buf: (() => {
      const b = batch({ sec: 0, nsec: 0, data: [0] });
      new DataView(b.buffer).setUint32(8, 0xffff_ffff, true);
      return b;
    })(),
    bytes: 20,
    count: 1,
    records: 0,
    error: /caplen 4294967295/,
  },
  { name: "more bytes than the buffer holds", buf: THREE, bytes: 4096, count: 3, records: 0, error: /claims 4096/ },
  {
    name: "more records than bytes",
    buf: THREE,
    bytes: THREE.length,
    count: 9,
    records: 3,
    error: /byte 60 runs past/,
  },
];

for (const c of corrupt) {
  Deno.test(`RecordCursor stops and reports ${c.name}`, () => {
    const cur = new RecordCursor();
    const got = walk(cur, c.buf, c.bytes, c.count);
    deepStrictEqual(got.records.length, c.records);
    match(got.error ?? "", c.error);
    deepStrictEqual(cur.next(), false, "stays stopped");
  });
}
