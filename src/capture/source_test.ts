import { strictEqual } from "node:assert/strict";
import { CaptureSource, type SourceKind } from "./source.ts";

function sourceOf(kind: SourceKind): CaptureSource {
  const s = new CaptureSource(0, kind, "x", null, { maxPackets: 100, maxBytes: 1 << 16, promisc: false });
  const f = new Uint8Array(60);
  for (let i = 0; i < 10; i++) s.store.append(f, 0, f.length, 0, 0, 60, 1000 * i);
  return s;
}

Deno.test("CaptureSource.age() drops live packets older than --maximum-package-age and counts them", () => {
  const s = sourceOf("interface");
  strictEqual(s.age(9000, 3), 6, "stored at 0..5 s are older than 3 s at 9 s");
  strictEqual(s.store.discharged, 6);
  strictEqual(s.stats().discharged, 6);
  strictEqual(s.store.firstId, 7);
});

Deno.test("CaptureSource.age() ages a finished file's packets too (the original aged only on arrival)", () => {
  strictEqual(sourceOf("file").age(9000, 3), 6);
});

Deno.test("CaptureSource.age() keeps everything with an age limit of 0", () => {
  strictEqual(sourceOf("interface").age(1e12, 0), 0);
});

Deno.test("CaptureSource without a reader finishes at once and says why", async () => {
  const s = new CaptureSource(2, "event-log", "call.log", null, {
    maxPackets: 10,
    maxBytes: 1024,
    promisc: false,
  }, "not decoded yet");
  await s.start();
  strictEqual(s.stats().state, "finished");
  strictEqual(s.describe().note, "not decoded yet");
  strictEqual(s.describe().linkTypeName, "none");
});
