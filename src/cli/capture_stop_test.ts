import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { StopControl } from "./capture_stop.ts";

const T = 1_790_000_000_000; // a Unix time in ms

Deno.test("StopControl.isPast() compares kernel timestamps with the cutoff to the nanosecond", () => {
  const s = new StopControl(1000, () => T);
  strictEqual(s.isPast(T / 1000 + 100, 0), false, "no cutoff yet");
  s.cutAt("duration", T + 1500.25);
  const sec = T / 1000 + 1;
  deepStrictEqual(
    [s.isPast(sec, 500_249_999), s.isPast(sec, 500_250_000), s.isPast(sec + 1, 0), s.isPast(sec - 1, 999_999_999)],
    [false, true, true, false],
  );
  s.dispose();
});

Deno.test("StopControl.cutAt() keeps the earlier cutoff and its reason", () => {
  const s = new StopControl(1000, () => T);
  s.cutAt("duration", T + 30_000);
  s.cutAt("signal", T + 2_000);
  s.cutAt("duration", T + 10_000); // later: ignored
  deepStrictEqual([s.isPast(T / 1000 + 2, 0), s.stoppedBy, s.reason], [true, "signal", null]);
  s.dispose();
});

Deno.test("StopControl ends idle loops once the grace after the cutoff has passed", async () => {
  const s = new StopControl(30);
  s.cutAt("signal", s.now());
  strictEqual(s.reason, null, "loops may still deliver what was captured before the cutoff");
  await new Promise((r) => setTimeout(r, 80));
  strictEqual(s.reason, "signal");
});

Deno.test("StopControl.stopNow() wins over a cutoff and keeps its first reason", () => {
  const s = new StopControl(1000, () => T);
  s.cutAt("duration", T + 1000);
  s.stopNow("count");
  s.stopNow("error");
  deepStrictEqual([s.reason, s.stoppedBy], ["count", "count"]);
  s.dispose();
});
