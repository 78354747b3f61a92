import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { FRAME_STATUS_NAMES, FrameStatus, FrameStatusCounters } from "./status.ts";

Deno.test("FRAME_STATUS_NAMES has one kebab-case name per status, in status order", () => {
  deepStrictEqual(Object.values(FrameStatus), [0, 1, 2, 3, 4, 5, 6, 7]);
  deepStrictEqual(FRAME_STATUS_NAMES, [
    "ok",
    "truncated",
    "unsupported-link-type",
    "not-ip",
    "bad-ip-version",
    "bad-ip-header",
    "bad-transport-header",
    "non-first-fragment",
  ]);
});

Deno.test("FrameStatusCounters.toJSON() lists every reason with its count, zeros included", () => {
  const c = new FrameStatusCounters();
  c.add(FrameStatus.Ok);
  c.add(FrameStatus.Ok);
  c.add(FrameStatus.NonFirstFragment);
  deepStrictEqual(c.toJSON(), {
    "ok": 2,
    "truncated": 0,
    "unsupported-link-type": 0,
    "not-ip": 0,
    "bad-ip-version": 0,
    "bad-ip-header": 0,
    "bad-transport-header": 0,
    "non-first-fragment": 1,
  });
  strictEqual(JSON.stringify(c), JSON.stringify(c.toJSON()));
});

Deno.test("FrameStatusCounters.add() ignores numbers that are not statuses", () => {
  const c = new FrameStatusCounters();
  c.add(99 as FrameStatus);
  c.add(-1 as FrameStatus);
  strictEqual(c.total, 0);
});

Deno.test("FrameStatusCounters.reset() sets every count back to zero", () => {
  const c = new FrameStatusCounters();
  c.add(FrameStatus.NotIp);
  strictEqual(c.total, 1);
  c.reset();
  strictEqual(c.total, 0);
  strictEqual(c.counts[FrameStatus.NotIp], 0);
});
