import { ok, strictEqual } from "node:assert/strict";
import { LogHistogram } from "./histogram.ts";

Deno.test("LogHistogram percentiles of 1..10000 µs are within 0.5% of the exact ranks", () => {
  const h = new LogHistogram();
  for (let us = 1; us <= 10_000; us++) h.add(us);
  for (const [p, exact] of [[0.5, 5000], [0.99, 9900]] as const) {
    const got = h.percentile(p)!;
    ok(Math.abs(got - exact) / exact <= 0.005, `p${p * 100} = ${got}, exact ${exact}`);
  }
  strictEqual(h.percentile(1), 10_000);
  strictEqual(h.summaryMs().max, 10);
  strictEqual(h.summaryMs().mean, 5.001);
});

Deno.test("LogHistogram merges and survives its JSON form", () => {
  const a = new LogHistogram(), b = new LogHistogram();
  for (let i = 0; i < 100; i++) a.add(1000);
  for (let i = 0; i < 100; i++) b.add(3000);
  const merged = LogHistogram.fromJSON(JSON.parse(JSON.stringify(a)));
  merged.merge(LogHistogram.fromJSON(JSON.parse(JSON.stringify(b))));
  strictEqual(merged.count, 200);
  ok(Math.abs(merged.percentile(0.5)! - 1000) <= 5);
  ok(Math.abs(merged.percentile(0.99)! - 3000) <= 15);
  strictEqual(merged.max, 3000);
});

Deno.test("LogHistogram counts negative values (clock skew) in its lowest bucket and reports an empty one as null", () => {
  const h = new LogHistogram();
  strictEqual(h.summaryMs().p50, null);
  h.add(-5);
  strictEqual(h.count, 1);
  strictEqual(h.percentile(0.5), -5);
});
