/**
 * `netpix analyze` on a STUN/TURN capture made in the test itself: coturn's turnserver listens on 127.0.0.1 at a random
 * free port (not 3478) with a random free relay range, tcpdump records those ports on lo, and turnutils_stunclient
 * (plain Binding) and turnutils_uclient (Allocate with 401 challenge, CreatePermission, ChannelBind, ChannelData, then a
 * `-s` run with Send/Data indications, Refresh) talk to it. netpix gets no `--decode-as`: it learns the TURN port from
 * the STUN it sees there first (src/protocols/classify.ts, "TURN flow"), which is what this test relies on. tshark,
 * told `-d udp.port==PORT,stun`, is the oracle:
 * - `by_protocol.stun` = frames with `stun` but no `stun.channel`; `by_protocol["channel-data"]` = frames with
 *   `stun.channel` (the relay-to-relay datagrams are raw uclient payload, neither);
 * - one ICE pair per Binding client to the TURN server, succeeded, with the RTT of tshark's `stun.time` within 1 µs.
 *
 * Needs root (tcpdump on lo), coturn (turnserver, turnutils_stunclient, turnutils_uclient), tcpdump and tshark;
 * skipped when one is missing.
 * @module
 */
import dgram from "node:dgram";
import { ok, strictEqual } from "node:assert/strict";
import { runCli } from "./_netpix.ts";
import { hasProgram } from "./_live_capture.ts";
import type { AnalysisReport } from "../src/analysis/session.ts";

const MISSING = ["turnserver", "turnutils_stunclient", "turnutils_uclient", "tcpdump", "tshark"].filter((p) =>
  !hasProgram(p, p === "tcpdump" || p === "tshark" ? "--version" : "-h")
);

const RELAY_PORTS = 40;
const RTT_TOLERANCE_MS = 0.001;

function bindUdp(port: number): Promise<dgram.Socket> {
  return new Promise((resolve, reject) => {
    const s = dgram.createSocket("udp4");
    s.once("error", (e) => {
      s.close();
      reject(e);
    });
    s.bind(port, "127.0.0.1", () => resolve(s));
  });
}

/** A random TURN port and relay range in 20000–60000, all free on 127.0.0.1 when checked (bound, then released). */
async function freePorts(): Promise<{ turn: number; relayMin: number; relayMax: number }> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const turn = 20000 + Math.floor(Math.random() * 20000);
    const relayMin = 40001 + Math.floor(Math.random() * (20000 - RELAY_PORTS));
    const relayMax = relayMin + RELAY_PORTS - 1;
    const sockets: dgram.Socket[] = [];
    let free = true;
    for (const p of [turn, ...Array.from({ length: RELAY_PORTS }, (_, i) => relayMin + i)]) {
      try {
        sockets.push(await bindUdp(p));
      } catch {
        free = false;
        break;
      }
    }
    await Promise.all(sockets.map((s) => new Promise<void>((r) => s.close(() => r()))));
    if (free) return { turn, relayMin, relayMax };
  }
  throw new Error("no free UDP ports after 20 attempts");
}

/** Whether something is bound to 127.0.0.1:port over UDP (/proc/net/udp). */
async function udpBound(port: number): Promise<boolean> {
  const want = `0100007F:${port.toString(16).toUpperCase().padStart(4, "0")}`;
  const table = await Deno.readTextFile("/proc/net/udp");
  return table.split("\n").some((l) => l.trim().split(/\s+/)[1] === want);
}

interface Running {
  child: Deno.ChildProcess;
  stderr: () => string;
  done: Promise<Deno.CommandStatus>;
}

function spawn(cmd: string, args: string[]): Running {
  const child = new Deno.Command(cmd, { args, stdin: "null", stdout: "null", stderr: "piped" }).spawn();
  let err = "";
  const dec = new TextDecoder();
  const drained = (async () => {
    for await (const chunk of child.stderr) err += dec.decode(chunk, { stream: true });
  })();
  return { child, stderr: () => err, done: drained.then(() => child.status) };
}

function stop(r: Running, signal: Deno.Signal): void {
  try {
    r.child.kill(signal);
  } catch { /* already exited */ }
}

async function waitFor(what: string, cond: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Runs a client to completion (killed after `timeoutMs`) and fails on a non-zero exit. */
async function client(cmd: string, args: string[], timeoutMs = 15_000): Promise<void> {
  const out = await new Deno.Command(cmd, {
    args,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(timeoutMs),
  }).output();
  const dec = new TextDecoder();
  if (!out.success) {
    throw new Error(
      `${cmd} ${args.join(" ")} failed (${out.code}): ${dec.decode(out.stdout)}${dec.decode(out.stderr)}`,
    );
  }
}

async function tsharkFields(pcap: string, turnPort: number, filter: string, fields: string[]): Promise<string[][]> {
  const out = await new Deno.Command("tshark", {
    args: ["-n", "-r", pcap, "-d", `udp.port==${turnPort},stun`, "-Y", filter, "-T", "fields"].concat(
      fields.flatMap((f) => ["-e", f]),
    ),
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) throw new Error(`tshark failed: ${new TextDecoder().decode(out.stderr)}`);
  return new TextDecoder().decode(out.stdout).split("\n").filter((l) => l !== "").map((l) => l.split("\t"));
}

Deno.test({
  name: "netpix analyze agrees with tshark on coturn STUN/TURN traffic captured now on a non-default port",
  ignore: MISSING.length > 0,
  async fn() {
    const started = performance.now();
    const dir = await Deno.makeTempDir({ prefix: "netpix-turn-" });
    const pcap = `${dir}/turn.pcap`;
    const running: Running[] = [];
    try {
      const { turn, relayMin, relayMax } = await freePorts();
      const tcpdump = spawn("tcpdump", [
        ...["-i", "lo", "-B", "16384", "--immediate-mode", "-U", "-n", "-Z", "root", "-w", pcap],
        `udp and (port ${turn} or portrange ${relayMin}-${relayMax})`,
      ]);
      running.push(tcpdump);
      await waitFor(`tcpdump (${tcpdump.stderr()})`, () => tcpdump.stderr().includes("listening on lo"));

      const turnserver = spawn("turnserver", [
        ...["-n", "--listening-ip=127.0.0.1", "--relay-ip=127.0.0.1", `--listening-port=${turn}`],
        ...[`--min-port=${relayMin}`, `--max-port=${relayMax}`, "--lt-cred-mech", "--user=netpix:netpix"],
        ...["--realm=netpix.local", "--fingerprint", "--allow-loopback-peers", "--no-tls", "--no-dtls", "--no-tcp"],
        ...["--no-cli", "--no-software-attribute", `--userdb=${dir}/turndb`, `--pidfile=${dir}/turnserver.pid`],
        ...["--log-file=stdout", "--simple-log"],
      ]);
      running.push(turnserver);
      await waitFor(`turnserver on 127.0.0.1:${turn}`, () => udpBound(turn));
      await new Promise((r) => setTimeout(r, 100));

      const uclient = ["-p", String(turn), "-u", "netpix", "-w", "netpix", "-y", "-c", "-X", "-n", "5", "-l", "120"];
      await client("turnutils_stunclient", ["-p", String(turn), "127.0.0.1"]);
      await client("turnutils_uclient", [...uclient, "-z", "100", "-m", "1", "127.0.0.1"]);
      await client("turnutils_uclient", [...uclient, "-s", "-z", "100", "-m", "1", "127.0.0.1"]);
      await client("turnutils_stunclient", ["-p", String(turn), "127.0.0.1"]);

      await new Promise((r) => setTimeout(r, 300)); // let the last packets reach the capture
      stop(turnserver, "SIGTERM");
      stop(tcpdump, "SIGINT");
      const status = await tcpdump.done;
      if (!status.success && status.signal !== "SIGINT") throw new Error(`tcpdump failed: ${tcpdump.stderr()}`);
      const dropped = tcpdump.stderr().match(/(\d+) packets dropped by kernel/);
      ok(!dropped || dropped[1] === "0", `tcpdump: ${dropped?.[0]}`);
      const captured = performance.now() - started;

      // netpix without --decode-as: the port is learned from the STUN seen on it
      const [cli, stunFrames, channelFrames, bindings] = await Promise.all([
        runCli(["analyze", pcap, "--format", "json"]),
        tsharkFields(pcap, turn, "stun && !stun.channel", ["frame.number"]),
        tsharkFields(pcap, turn, "stun.channel", ["frame.number"]),
        tsharkFields(pcap, turn, "stun.type == 0x0101 && stun.time", ["udp.dstport", "udp.srcport", "stun.time"]),
      ]);
      strictEqual(cli.code, 0, cli.stderr);
      const report = JSON.parse(cli.stdout) as AnalysisReport;
      strictEqual(report.errors.length, 0, report.errors.join("; "));

      ok(stunFrames.length >= 40, `tshark STUN frames: ${stunFrames.length}`);
      ok(channelFrames.length >= 10, `tshark ChannelData frames: ${channelFrames.length}`);
      strictEqual(report.packets.by_protocol.stun, stunFrames.length, "stun: netpix vs tshark");
      strictEqual(report.packets.by_protocol["channel-data"], channelFrames.length, "channel-data: netpix vs tshark");

      // Binding success responses, server → client: one pair per client port (each stunclient run has its own)
      strictEqual(bindings.length, 2, `tshark Binding transactions: ${JSON.stringify(bindings)}`);
      const server = `127.0.0.1:${turn}`;
      const rtts = new Map<string, number[]>();
      for (const [clientPort, serverPort, time] of bindings) {
        strictEqual(Number(serverPort), turn);
        const local = `127.0.0.1:${clientPort}`;
        rtts.set(local, [...(rtts.get(local) ?? []), Number(time) * 1000]);
      }
      const toServer = report.ice_pairs.filter((p) => p.remote === server);
      strictEqual(toServer.length, rtts.size, `ICE pairs to ${server}: ${JSON.stringify(report.ice_pairs)}`);
      for (const [local, ms] of rtts) {
        const pair = toServer.find((p) => p.local === local);
        ok(pair, `ICE pair ${local} → ${server}: ${JSON.stringify(report.ice_pairs)}`);
        strictEqual(pair.state, "succeeded");
        ok(pair.successes >= 1, `successes ${pair.successes}`);
        strictEqual(pair.successes, ms.length, `${local}: successes vs tshark`);
        const min = Math.min(...ms), max = Math.max(...ms);
        const near = (ours: number | null, theirs: number) =>
          ours !== null && Math.abs(ours - theirs) <= RTT_TOLERANCE_MS;
        ok(near(pair.min_rtt_ms, min), `${local}: min RTT ${pair.min_rtt_ms} ms vs tshark ${min} ms`);
        ok(near(pair.max_rtt_ms, max), `${local}: max RTT ${pair.max_rtt_ms} ms vs tshark ${max} ms`);
      }
      const total = performance.now() - started;
      console.log(
        `port ${turn}, relays ${relayMin}-${relayMax}: stun ${stunFrames.length}, channel-data ${channelFrames.length}, ` +
          `RTTs ${[...rtts.values()].flat().map((x) => x.toFixed(3)).join("/")} ms; ` +
          `captured in ${(captured / 1000).toFixed(1)} s, total ${(total / 1000).toFixed(1)} s`,
      );
      ok(total < 30_000, `took ${total} ms`);
    } finally {
      // newest first; each by its own pid
      for (const r of running.reverse()) stop(r, "SIGKILL");
      await Promise.all(running.map((r) => r.done.catch(() => {})));
      await Deno.remove(dir, { recursive: true });
    }
  },
});
