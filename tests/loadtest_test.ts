/**
 * scripts/loadtest end to end: a tiny scenario against a real netpix capturing on lo (needs root), checked through the
 * JSON report it writes. No timing assertions: figures are for BENCHMARKS.md, the test checks structure and truths.
 */
import { deepStrictEqual, match, ok, strictEqual } from "node:assert/strict";
import { ROOT_PATH } from "./_netpix.ts";

const LOADTEST = `${ROOT_PATH}scripts/loadtest`;

async function loadtest(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = await new Deno.Command("bash", {
    args: [LOADTEST, ...args],
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(120_000),
  }).output();
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

interface Row {
  name: string;
  kind: string;
  sessions: number;
  packets: number;
  livePackets: number;
  packetsPerSecond: number;
  gaps: number;
  duplicates: number;
  dropsTotal: number;
  drops: Record<string, number>;
  deflated: number;
  latencyMs: { packets: number; p50: number | null; p99: number | null; max: number | null };
  errors: string[];
}

Deno.test("loadtest runs 2 fast clients and 1 stalled client at 500 packets/s and reports them in JSON", async () => {
  const dir = await Deno.makeTempDir();
  const out = `${dir}/report.json`;
  try {
    const args = [
      "throughput",
      "--clients",
      "2",
      "--stalled",
      "1",
      "--rate",
      "500",
      "--duration",
      "3",
      "--warmup",
      "1",
    ];
    const r = await loadtest([...args, "--sample-every", "1", "--out", out]);
    strictEqual(r.code, 0, `loadtest failed:\n${r.stdout}\n${r.stderr}`);
    match(r.stdout, /^reproduce: scripts\/loadtest throughput --clients 2 .*--stalled 1 .*--rate 500 /m);
    const report = JSON.parse(await Deno.readTextFile(out));
    strictEqual(report.scenario, "throughput");
    match(report.command, /--out /);
    const rows = report.clients as Row[];
    deepStrictEqual(rows.map((c) => c.kind).sort(), ["fast", "fast", "stalled"]);
    for (const c of rows.filter((c) => c.kind === "fast")) {
      ok(c.livePackets > 0, `${c.name} received no live packets`);
      strictEqual(c.gaps, 0, `${c.name} has unexplained gaps`);
      strictEqual(c.duplicates, 0, `${c.name} has duplicates`);
      strictEqual(c.latencyMs.packets, c.livePackets, "every live packet has a latency");
      ok(typeof c.latencyMs.p50 === "number" && typeof c.latencyMs.p99 === "number");
      deepStrictEqual(c.errors, []);
    }
    const stalled = rows.find((c) => c.kind === "stalled")!;
    strictEqual(stalled.sessions, 1, "the stalled client connected once");
    strictEqual(stalled.gaps, 0, "what the stalled client drained afterwards has no unexplained gaps");
    const s = report.summary;
    for (const check of s.checks) ok(check.ok, `${check.name}: ${check.detail}`);
    strictEqual(s.byKind.fast.clients, 2);
    strictEqual(s.byKind.stalled.clients, 1);
    ok(s.fastLatencyMs.packets > 0);
    for (
      const v of [s.server.cpuPercent, s.server.peakRssMb, s.server.fds.start, s.server.fds.end, s.server.rssMb.end]
    ) {
      strictEqual(typeof v, "number", `server figures are numbers: ${JSON.stringify(s.server)}`);
    }
    ok(s.server.peakRssMb >= s.server.rssMb.end, "the peak RSS is at least the last RSS");
    ok(report.run.sender.sent > 0, "the sender sent packets");
    ok(s.captured > 0, "netpix captured the sender's packets");
    strictEqual(report.run.metrics["netpix_clients"], 3, "/metrics saw the three clients at the window's end");
    ok(report.run.server.samples.length > 0, "the server's /proc was sampled");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("loadtest rejects an unknown scenario with one line and exit code 2", async () => {
  const r = await loadtest(["nonsense"]);
  strictEqual(r.code, 2);
  match(
    r.stderr,
    /^loadtest: unknown scenario 'nonsense' \(one of throughput, isolation, memory, soak, latency-formula\)/,
  );
  strictEqual(r.stderr.trim().split("\n").length, 1);
});

Deno.test("loadtest passes --netpix-args through, and its clients decode compressed frames without gaps", async () => {
  const dir = await Deno.makeTempDir();
  const out = `${dir}/report.json`;
  try {
    const r = await loadtest([
      "isolation",
      ...["--clients", "1", "--slow", "1", "--slow-rate", "5000", "--stalled", "1", "--rate", "500"],
      ...["--duration", "2", "--warmup", "1", "--netpix-args", "--compression on", "--out", out],
    ]);
    strictEqual(r.code, 0, `loadtest failed:\n${r.stdout}\n${r.stderr}`);
    match(r.stdout, /^netpix: .* -C 150 --compression on$/m, "the preset's flags, then the given ones");
    const report = JSON.parse(await Deno.readTextFile(out));
    match(report.command, / --netpix-args '-C 150 --compression on' /);
    for (const c of report.clients as Row[]) {
      ok(c.deflated > 0, `${c.name} got compressed frames`);
      strictEqual(c.gaps, 0, `${c.name} has unexplained gaps`);
      strictEqual(c.duplicates, 0);
      deepStrictEqual(c.errors, []);
    }
    const slow = (report.clients as Row[]).find((c) => c.kind === "slow")!;
    ok(slow.livePackets > 0, "the slow client read live packets");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
