import { strictEqual } from "node:assert/strict";
import { CaptureSource, type SourceKind } from "./source.ts";

function sourceOf(kind: SourceKind, maximumPacketAgeS: number): CaptureSource {
  const s = new CaptureSource(0, kind, "x", null, {
    maxPackets: 100,
    maxBytes: 1 << 16,
    maximumPacketAgeS,
    promisc: false,
  });
  const f = new Uint8Array(60);
  for (let i = 0; i < 10; i++) s.store.append(f, 0, f.length, 0, 0, 60, 1000 * i);
  return s;
}

Deno.test("CaptureSource.age() drops live packets older than --maximum-package-age and counts them", () => {
  const s = sourceOf("interface", 3);
  strictEqual(s.age(9000), 6, "stored at 0..5 s are older than 3 s at 9 s");
  strictEqual(s.store.discharged, 6);
  strictEqual(s.stats().discharged, 6);
  strictEqual(s.store.firstId, 7);
});

Deno.test("CaptureSource.age() keeps a file's packets whatever their age", () => {
  strictEqual(sourceOf("file", 3).age(1e12), 0);
});

Deno.test("CaptureSource.age() keeps everything with an age limit of 0", () => {
  strictEqual(sourceOf("interface", 0).age(1e12), 0);
});

Deno.test("CaptureSource without a capture handle (an event log for now) finishes at once and says why", async () => {
  const s = new CaptureSource(2, "event-log", "call.log", null, {
    maxPackets: 10,
    maxBytes: 1024,
    maximumPacketAgeS: 0,
    promisc: false,
  }, "not decoded yet");
  await s.start();
  strictEqual(s.stats().state, "finished");
  strictEqual(s.describe().note, "not decoded yet");
  strictEqual(s.describe().linkTypeName, "none");
});
