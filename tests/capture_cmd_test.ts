/**
 * `netpix capture` run the way a CI job runs it: a child process with stdin closed and no terminal, capturing live
 * RTP that ffmpeg sends on lo. What it writes is checked against tshark (packet counts, `-z rtp,streams`), against
 * tcpdump capturing the same traffic at the same time, and against `netpix analyze` on the written file.
 *
 * Needs root (capture on lo), ffmpeg, tcpdump and tshark; skipped when one is missing.
 * @module
 */
import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { MAIN, RUN_PERMISSIONS, runCli } from "./_netpix.ts";
import { hasProgram, udpSink } from "./_live_capture.ts";
import { parseTsharkRtpStreams } from "../src/analysis/_rtp_capture.ts";
import type { CaptureReport } from "../src/cli/capture.ts";

const MISSING = ["ffmpeg", "tcpdump", "tshark"].filter((p) =>
  !hasProgram(p, p === "ffmpeg" ? "-version" : "--version")
);
const ignore = MISSING.length > 0 || Deno.uid() !== 0;
if (ignore) console.warn(`capture_cmd_test: skipped (needs root and ${MISSING.join(", ") || "nothing else"})`);

/** `netpix capture` writes files, so it gets write permission on top of `netpix run`'s. */
const PERMISSIONS = [...RUN_PERMISSIONS, "--allow-write"];
const SSRC = 0x0c1a0001;
const dec = new TextDecoder();

interface Child {
  child: Deno.ChildProcess;
  stdout: () => string;
  stderr: () => string;
  done: Promise<Deno.CommandStatus>;
  kill: (signal: Deno.Signal) => void;
}

/** Starts a program with stdin closed and both outputs collected (no terminal anywhere). */
function spawn(cmd: string, args: string[]): Child {
  const child = new Deno.Command(cmd, { args, stdin: "null", stdout: "piped", stderr: "piped" }).spawn();
  let out = "";
  let err = "";
  const drained = Promise.all([
    (async () => {
      for await (const c of child.stdout) out += dec.decode(c, { stream: true });
    })(),
    (async () => {
      for await (const c of child.stderr) err += dec.decode(c, { stream: true });
    })(),
  ]);
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    done: drained.then(() => child.status),
    kill: (signal) => {
      try {
        child.kill(signal);
      } catch { /* already exited */ }
    },
  };
}

function netpixCapture(args: string[]): Child {
  return spawn(Deno.execPath(), ["run", ...PERMISSIONS, MAIN, "capture", ...args]);
}

/** Runs `netpix capture` to completion (it must stop by itself: --count, --duration or an error). */
async function runCapture(
  args: string[],
  timeoutMs = 20_000,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const c = netpixCapture(args);
  const timer = setTimeout(() => c.kill("SIGKILL"), timeoutMs);
  const status = await c.done;
  clearTimeout(timer);
  return { code: status.code, stdout: c.stdout(), stderr: c.stderr() };
}

/** ffmpeg sending G.711 µ-law (PT 0, 50 packets/s of 160 samples) with a fixed SSRC for `seconds`. */
function pcmuSender(port: number, seconds: number): Child {
  return spawn("ffmpeg", [
    ...["-hide_banner", "-nostdin", "-loglevel", "error", "-re", "-t", String(seconds)],
    ...["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=8000:samples_per_frame=160"],
    ...["-c:a", "pcm_mulaw", "-ssrc", String(SSRC), "-seq", "1000", "-f", "rtp", `rtp://127.0.0.1:${port}`],
  ]);
}

async function waitFor(c: Child, text: string, times = 1, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (c.stderr().split(text).length - 1 < times) {
    if (Date.now() > deadline) throw new Error(`did not see '${text}' within ${timeoutMs} ms: ${c.stderr()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Ends a child for good (by its own pid) when a test fails half-way. */
async function reap(children: Child[]): Promise<void> {
  for (const c of children) c.kill("SIGKILL");
  await Promise.all(children.map((c) => c.done.catch(() => {})));
}

interface LiveFixture {
  /** A fresh directory for the capture files and reports. */
  dir: string;
  /** A UDP port on 127.0.0.1 that takes the sender's packets (so no ICMP port-unreachable joins the capture). */
  port: number;
  /** Registers a child to be killed when the test ends, however it ends; returns it. */
  track: (c: Child) => Child;
}

/** Runs `test` with a temporary directory and a UDP sink, then kills its children and removes both. */
async function withLiveFixture(test: (f: LiveFixture) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "netpix-capture-" });
  const sink = await udpSink(1);
  const children: Child[] = [];
  try {
    await test({ dir, port: sink.ports[0]!, track: (c) => (children.push(c), c) });
  } finally {
    await reap(children);
    await sink.close();
    await Deno.remove(dir, { recursive: true });
  }
}

async function tsharkText(args: string[]): Promise<string> {
  const out = await new Deno.Command("tshark", { args: ["-n", ...args], stdout: "piped", stderr: "piped" }).output();
  if (!out.success) throw new Error(`tshark ${args.join(" ")} failed: ${dec.decode(out.stderr)}`);
  return dec.decode(out.stdout);
}

/** Packets tshark reads from a file (it fails on a file that is not a whole capture). */
async function tsharkCount(file: string): Promise<number> {
  const text = await tsharkText(["-r", file, "-T", "fields", "-e", "frame.number"]);
  return text.split("\n").filter((l) => l.trim() !== "").length;
}

async function readReport(path: string): Promise<CaptureReport> {
  return JSON.parse(await Deno.readTextFile(path)) as CaptureReport;
}

/** The only lines on stderr besides the start and summary lines. */
function otherLines(stderr: string): string[] {
  return stderr.split("\n").filter((l) =>
    l !== "" && !l.startsWith("netpix: capturing on ") && !l.startsWith("netpix: captured ")
  );
}

Deno.test({
  name: "capture until SIGINT writes the same packets as tcpdump, and a report that agrees with tshark and analyze",
  ignore,
  fn: () =>
    withLiveFixture(async ({ dir, port, track }) => {
      const filter = `udp port ${port}`;
      const netpix = track(
        netpixCapture(["-i", "lo", "-c", filter, "-w", `${dir}/out.pcap`, "--report", `${dir}/r.json`]),
      );
      const tcpdump = track(spawn("tcpdump", [
        ...["-i", "lo", "-n", "--immediate-mode", "-U", "-Z", "root", "-w", `${dir}/tcpdump.pcap`, filter],
      ]));
      await waitFor(netpix, "netpix: capturing on lo (link type 1, snapshot length 262144 bytes)");
      await waitFor(tcpdump, "listening on lo");
      const sender = track(pcmuSender(port, 2));
      strictEqual((await sender.done).code, 0, sender.stderr());
      await new Promise((r) => setTimeout(r, 500)); // the last packets reach both captures
      netpix.kill("SIGINT");
      tcpdump.kill("SIGINT");
      const [status] = await Promise.all([netpix.done, tcpdump.done]);

      strictEqual(status.code, 0, netpix.stderr());
      strictEqual(netpix.stdout(), "", "with --report FILE nothing goes to stdout");
      ok(!netpix.stderr().includes("\r"), "no progress without a terminal");
      deepStrictEqual(otherLines(netpix.stderr()), [], "no warnings or errors");
      const header = await Deno.readFile(`${dir}/out.pcap`);
      strictEqual(new DataView(header.buffer).getUint32(0, true), 0xa1b23c4d, "nanosecond pcap magic");

      const packets = await tsharkCount(`${dir}/out.pcap`);
      strictEqual(packets, await tsharkCount(`${dir}/tcpdump.pcap`), "netpix's file holds what tcpdump captured");
      strictEqual(packets, 100, "ffmpeg sent 2 s of 50 packets/s");
      const report = await readReport(`${dir}/r.json`);
      strictEqual(report.packets.total, packets);
      strictEqual(report.capture.stopped_by, "signal");
      deepStrictEqual(report.capture.interfaces.map((i) => [i.name, i.packets, i.files, i.dropped_by_kernel]), [
        ["lo", packets, [`${dir}/out.pcap`], 0],
      ]);

      const rows = parseTsharkRtpStreams(
        await tsharkText(["-r", `${dir}/out.pcap`, "-q", "-d", `udp.port==${port},rtp`, "-z", "rtp,streams"]),
      );
      deepStrictEqual(rows.map((r) => [r.ssrc, r.packets]), [[SSRC, packets]], "tshark: one stream, every packet");
      deepStrictEqual(
        report.rtp_streams.map((s) => [s.ssrc_hex, s.packets, s.lost, s.src, s.dst]),
        [[`0x${SSRC.toString(16).padStart(8, "0")}`, packets, 0, rows[0]!.src, rows[0]!.dst]],
      );
      const analyzed = await runCli(["analyze", `${dir}/out.pcap`, "--format", "json"]);
      strictEqual(analyzed.code, 0, analyzed.stderr);
      const fromFile = JSON.parse(analyzed.stdout) as CaptureReport;
      deepStrictEqual(report.rtp_streams, fromFile.rtp_streams, "the live analysis equals analyze on the file");
      deepStrictEqual(report.packets, fromFile.packets);
    }),
});

Deno.test({
  name: "capture --count stops after that many packets, and --fail-on exits 3 naming the stream and value",
  ignore,
  fn: () =>
    withLiveFixture(async ({ dir, port, track }) => {
      track(pcmuSender(port, 10));
      const r = await runCapture([
        ...["-i", "lo", "-c", `udp port ${port}`, "--count", "40", "-w", `${dir}/out.pcap`],
        ...["--report", `${dir}/r.json`, "--fail-on", "packets>=40,loss_pct>50", "--clock-rate", "0=16000"],
      ]);
      strictEqual(r.code, 3, r.stderr);
      const stream = `RTP 0x${SSRC.toString(16).padStart(8, "0")} 127.0.0.1:`;
      const fails = r.stderr.split("\n").filter((l) => l.startsWith("netpix: fail: "));
      strictEqual(fails.length, 1, r.stderr);
      ok(fails[0]!.startsWith(`netpix: fail: ${stream}`), fails[0]);
      ok(fails[0]!.endsWith(`-> 127.0.0.1:${port}: packets>=40 (actual 40)`), fails[0]);
      strictEqual(await tsharkCount(`${dir}/out.pcap`), 40);
      const report = await readReport(`${dir}/r.json`);
      deepStrictEqual([report.packets.total, report.capture.stopped_by], [40, "count"]);
      deepStrictEqual(report.rtp_streams.map((s) => s.packets), [40]);
      strictEqual(report.rtp_streams[0]!.clock_rate, 16000, "--clock-rate wins over PCMU's static 8000 Hz");
    }),
});

Deno.test({
  name: "capture --duration stops on time with a whole file, one per interface with several, and the table on stdout",
  ignore,
  fn: () =>
    withLiveFixture(async ({ dir, port, track }) => {
      track(pcmuSender(port, 10));
      await new Promise((r) => setTimeout(r, 300)); // traffic flows from the start of the window
      const r = await runCapture(
        ["-i", "lo", "any", "-c", `udp dst port ${port}`, "--duration", "1500ms", "-w", `${dir}/out.pcap`],
      );
      strictEqual(r.code, 0, r.stderr);
      ok(r.stdout.includes(`0x${SSRC.toString(16).padStart(8, "0")}`), `the stream table: ${r.stdout}`);
      ok(r.stderr.includes("stopped by duration"), r.stderr);
      for (const iface of ["lo", "any"]) {
        const file = `${dir}/out-${iface}.pcap`;
        const n = await tsharkCount(file);
        ok(n >= 40, `${iface}: 1.5 s of a 50 packets/s sender, got ${n}`);
        const span = await tsharkText(["-r", file, "-T", "fields", "-e", "frame.time_relative"]);
        const last = Number(span.trim().split("\n").at(-1));
        ok(last < 1.5, `${iface}: the packets span ${last} s, within the 1.5 s window`);
      }
    }),
});

Deno.test({
  name: "capture --max-file-size rotates into files whose packets add up, and SIGTERM closes the last one",
  ignore,
  fn: () =>
    withLiveFixture(async ({ dir, port, track }) => {
      const netpix = track(netpixCapture(
        ["-i", "lo", "-c", `udp port ${port}`, "-w", `${dir}/out.pcap`, "--max-file-size", "5kB", "--report", "-"],
      ));
      await waitFor(netpix, "netpix: capturing on lo");
      const sender = track(pcmuSender(port, 2));
      strictEqual((await sender.done).code, 0, sender.stderr());
      await new Promise((r) => setTimeout(r, 300));
      netpix.kill("SIGTERM");
      strictEqual((await netpix.done).code, 0, netpix.stderr());

      const report = JSON.parse(netpix.stdout()) as CaptureReport;
      strictEqual(report.capture.stopped_by, "signal");
      const files = report.capture.interfaces[0]!.files;
      ok(files.length >= 4, `about 100 packets of 226 bytes in 5 kB files: ${files.join(", ")}`);
      deepStrictEqual(files, files.map((_, i) => `${dir}/out${i === 0 ? "" : `.${i}`}.pcap`), "out.pcap, out.1.pcap…");
      deepStrictEqual(
        (await Array.fromAsync(Deno.readDir(dir))).map((e) => e.name).sort(),
        files.map((f) => f.slice(dir.length + 1)).sort(),
      );
      let sum = 0;
      for (const f of files) {
        ok((await Deno.stat(f)).size <= 5000, `${f} is within 5 kB`);
        sum += await tsharkCount(f);
      }
      strictEqual(sum, report.packets.total);
      strictEqual(report.rtp_streams[0]?.packets, sum);
    }),
});

Deno.test({
  name: "capture refuses bad input with one line on stderr: exit 2 for usage and filters, 1 for the environment",
  ignore,
  async fn() {
    const cases: [string[], number, string][] = [
      [["-i", "lo", "--duration", "30"], 2, "--duration needs a positive duration with a unit"],
      [["-i", "lo", "--duration", "soon"], 2, "--duration needs a positive duration with a unit"],
      [["-i", "lo", "--count", "0"], 2, "--count needs a whole number of packets from 1"],
      [["-i", "lo", "--max-file-size", "10MB"], 2, "--max-file-size needs a capture file"],
      [["-i", "lo", "--fail-on", "jitter>1"], 2, "--fail-on: unknown field 'jitter'"],
      [["--duration", "1s"], 2, "capture needs at least one interface"],
      [["-i", "lo", "--clock-rate", "96"], 2, "--clock-rate needs PT=Hz"],
      [["-i", "lo", "--count", "1", "--sdp", "/nonexistent.sdp"], 2, "cannot read SDP file /nonexistent.sdp"],
      [["-i", "lo", "-c", "udp port", "--count", "1"], 2, 'invalid capture filter "udp port" (on interface lo)'],
      [["-i", "nope0", "--count", "1"], 1, "unknown interface nope0"],
      [["-i", "lo", "--count", "1", "-w", "/nonexistent-dir/out.pcap"], 1, "cannot write the capture file"],
      [["-i", "lo", "--count", "1", "--report", "/nonexistent-dir/r.json"], 1, "cannot write the report"],
    ];
    for (const [args, code, text] of cases) {
      const r = await runCapture(args);
      const lines = r.stderr.trimEnd().split("\n");
      strictEqual(r.code, code, `${args.join(" ")}: ${r.stderr}`);
      strictEqual(lines.length, 1, `${args.join(" ")}: one line, got ${r.stderr}`);
      ok(lines[0]!.startsWith("netpix: error: ") && lines[0]!.includes(text), `${args.join(" ")}: ${r.stderr}`);
    }
  },
});

Deno.test({
  name: "capture exits 1 with a valid file and report when its interface goes away",
  ignore,
  async fn() {
    const dir = await Deno.makeTempDir({ prefix: "netpix-capture-" });
    const iface = `npx${Deno.pid % 100000}`;
    const ip = (...args: string[]) => new Deno.Command("ip", { args, stdout: "null", stderr: "piped" }).output();
    const added = await ip("tuntap", "add", "dev", iface, "mode", "tun");
    if (!added.success) {
      console.warn(`skipped: cannot add a tun interface: ${dec.decode(added.stderr)}`);
      return;
    }
    const children: Child[] = [];
    try {
      await ip("link", "set", iface, "up");
      const netpix = netpixCapture(["-i", iface, "-w", `${dir}/out.pcap`, "--report", `${dir}/r.json`]);
      children.push(netpix);
      await waitFor(netpix, `netpix: capturing on ${iface}`);
      await ip("tuntap", "del", "dev", iface, "mode", "tun");
      const status = await netpix.done;
      strictEqual(status.code, 1, netpix.stderr());
      const errors = otherLines(netpix.stderr());
      strictEqual(errors.length, 1, netpix.stderr());
      ok(errors[0]!.startsWith(`netpix: error: ${iface}: `), errors[0]);
      const report = await readReport(`${dir}/r.json`);
      strictEqual(report.capture.stopped_by, "error");
      strictEqual(report.errors.length >= 1, true);
      strictEqual(await tsharkCount(`${dir}/out.pcap`), 0, "an empty but whole capture file");
    } finally {
      await reap(children);
      await ip("tuntap", "del", "dev", iface, "mode", "tun"); // already gone unless the test failed early
      await Deno.remove(dir, { recursive: true });
    }
  },
});

Deno.test({
  name: "capture exits 1 with one error line when the capture file cannot be written (a full disk)",
  ignore,
  async fn() {
    const r = await runCapture(["-i", "lo", "-c", "udp port 9", "-w", "/dev/full", "--duration", "10s"]);
    strictEqual(r.code, 1, r.stderr);
    deepStrictEqual(otherLines(r.stderr), [
      "netpix: error: lo: Cannot write /dev/full: cannot write the capture file: No space left on device (os error 28)",
    ]);
    ok(r.stderr.includes("stopped by error"), r.stderr);
  },
});

Deno.test({
  name: "capture shows progress on stderr when it is a terminal (run under script(1))",
  ignore: ignore || !hasProgram("script"),
  async fn() {
    const cmd = [Deno.execPath(), "run", ...PERMISSIONS, MAIN, "capture", "-i", "lo", "-c", "'udp port 9'"];
    const out = await new Deno.Command("script", {
      args: ["-qec", [...cmd, "--duration", "2500ms"].join(" "), "/dev/null"],
      stdin: "null",
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = dec.decode(out.stdout);
    strictEqual(out.code, 0, text);
    // Each update rewrites the line ("\r" + erase to its end); the last one ends it before the table.
    const updates = text.split("\r\x1b[K").slice(1).map((u) => u.split("\r\n")[0]!);
    ok(updates.length >= 2, JSON.stringify(text));
    ok(updates.every((u) => /^netpix: 0 packets, 0 B, \d+\.\d s$/.test(u)), JSON.stringify(updates));
    ok(text.includes("stopped by duration"), text);
  },
});
