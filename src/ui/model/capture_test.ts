import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { AnalysisSession } from "../../analysis/session.ts";
import { BATCH_HEADER_BYTES, type PacketBatch, recordSize, writeBatchHeader } from "../../wire/messages.ts";
import { readPcap } from "../../../tests/_pcap_reader.ts";
import { CaptureModel } from "./capture.ts";

const demo = readPcap(await Deno.readFile(new URL("../../../tests/testdata/demo.pcap", import.meta.url)));
const scale = demo.nanosecond ? 1 : 1000;

/** The demo capture as the server sends it: batches of up to 256 records with consecutive ids. */
function batches(): PacketBatch[] {
  const out: PacketBatch[] = [];
  for (let first = 0; first < demo.records.length; first += 256) {
    const recs = demo.records.slice(first, first + 256);
    const bytes = new Uint8Array(BATCH_HEADER_BYTES + recs.reduce((n, r) => n + recordSize(r.capturedLength), 0));
    const v = new DataView(bytes.buffer);
    writeBatchHeader(v, 0, recs.length, first + 1, demo.linkType);
    let at = BATCH_HEADER_BYTES;
    for (const r of recs) {
      v.setUint32(at, r.timestampSeconds, true);
      v.setUint32(at + 4, r.timestampFraction * scale, true);
      v.setUint32(at + 8, r.capturedLength, true);
      v.setUint32(at + 12, r.originalLength, true);
      bytes.set(r.data, at + 16);
      at += recordSize(r.capturedLength);
    }
    out.push({ kind: "packets", source: 0, count: recs.length, firstId: first + 1, linkType: demo.linkType, bytes });
  }
  return out;
}

function directReport() {
  const s = new AnalysisSession();
  for (const r of demo.records) {
    s.observe(r.data, demo.linkType, r.timestampSeconds, r.timestampFraction * scale, r.originalLength);
  }
  return s.report();
}

Deno.test("the page's store gives every table its rows and the analysis exactly what the analysis gives alone", () => {
  const m = new CaptureModel();
  for (const b of batches()) m.ingest(b);
  strictEqual(m.packets.length, demo.records.length);
  const want = directReport();
  deepStrictEqual(m.report(), want);
  strictEqual(m.rtp.length, want.packets.by_protocol.rtp);
  strictEqual(m.ts.length, want.packets.by_protocol.mpegts);
  strictEqual(m.stun.length, want.packets.by_protocol.stun);
  strictEqual(new Set(m.rtcp.toArray().map((r) => r.p.id)).size, want.packets.by_protocol.rtcp);
});

Deno.test("beyond its cap the store evicts the oldest packets and their rows, and the statistics still cover them", () => {
  const m = new CaptureModel(500);
  for (const b of batches()) m.ingest(b);
  strictEqual(m.packets.length, 500);
  strictEqual(m.evicted, demo.records.length - 500);
  strictEqual(m.packets.at(0)?.id, demo.records.length - 499);
  strictEqual(m.rtp.toArray().every((r) => r.p.id >= demo.records.length - 499), true);
  deepStrictEqual(m.report(), directReport());
  // New settings rebuild from the retained packets only, and say so.
  m.applySettings({ decodeAs: [{ port: 1234, as: "unknown" }], sdp: [] });
  strictEqual(m.partialAnalysis, true);
  strictEqual(m.report().packets.total, 500);
  strictEqual(m.ts.length, 0);
});
