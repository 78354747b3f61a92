/**
 * Test helper: records real senders on the loopback interface. A node:dgram sink binds every destination port (so the
 * kernel sends no ICMP port-unreachable and the senders never see a refused send), tcpdump captures a BPF filter into a
 * pcap, the senders run to completion, and tcpdump is stopped after a short wait so that it flushes. Every process is
 * started and stopped by its own pid.
 *
 * @module
 */

import dgram from "node:dgram";

/** Whether a program can be run (`NAME -version` or `--version` exits at all). */
export function hasProgram(name: string, versionFlag = "--version"): boolean {
  try {
    new Deno.Command(name, { args: [versionFlag], stdout: "null", stderr: "null" }).outputSync();
    return true;
  } catch {
    return false;
  }
}

function bind(port: number): Promise<dgram.Socket> {
  return new Promise((resolve, reject) => {
    const s = dgram.createSocket("udp4");
    s.once("error", (e) => {
      s.close();
      reject(e);
    });
    s.on("message", () => {});
    s.bind(port, "127.0.0.1", () => resolve(s));
  });
}

/** UDP sockets bound on 127.0.0.1, reading and discarding whatever arrives. */
export interface UdpSink {
  /** The base ports asked for (each also has `port + 1` bound, for RTCP). */
  ports: number[];
  close: () => Promise<void>;
}

/**
 * Binds `count` random even ports in 20000–60000, each with its odd neighbour (the RTCP port of an RTP sender), and
 * retries with other ports when one is taken.
 */
export async function udpSink(count: number): Promise<UdpSink> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const ports = Array.from({ length: count }, () => 20000 + 2 * Math.floor(Math.random() * 20000));
    if (new Set(ports).size !== count) continue;
    const sockets: dgram.Socket[] = [];
    try {
      for (const p of ports) sockets.push(await bind(p), await bind(p + 1));
    } catch {
      await Promise.all(sockets.map((s) => new Promise<void>((r) => s.close(() => r()))));
      continue;
    }
    return {
      ports,
      close: () => Promise.all(sockets.map((s) => new Promise<void>((r) => s.close(() => r())))).then(() => {}),
    };
  }
  throw new Error("no free UDP ports in 20000-60000 after 20 attempts");
}

/** A running child process with its stderr collected. */
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
  const done = drained.then(() => child.status);
  return { child, stderr: () => err, done };
}

function stop(r: Running, signal: Deno.Signal = "SIGTERM"): void {
  try {
    r.child.kill(signal);
  } catch { /* already exited */ }
}

/**
 * Captures on lo while the senders run, and returns when tcpdump has written its file.
 * @param pcap Output file (tcpdump runs with `-Z root`, so any directory root can write works).
 * @param filter BPF filter.
 * @param senders Argument lists for ffmpeg, run at the same time.
 * @param timeoutMs Limit for the senders.
 */
export async function captureSenders(
  pcap: string,
  filter: string,
  senders: string[][],
  timeoutMs = 20_000,
): Promise<void> {
  const running: Running[] = [];
  try {
    const tcpdump = spawn("tcpdump", [
      "-i",
      "lo",
      "-B",
      "16384",
      "--immediate-mode",
      "-U",
      "-n",
      "-Z",
      "root",
      "-w",
      pcap,
      filter,
    ]);
    running.push(tcpdump);
    const listenDeadline = Date.now() + 5000;
    while (!tcpdump.stderr().includes("listening on lo")) {
      if (Date.now() > listenDeadline) throw new Error(`tcpdump did not start: ${tcpdump.stderr()}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    await new Promise((r) => setTimeout(r, 200));
    const ffmpegs = senders.map((args) => spawn("ffmpeg", ["-hide_banner", "-nostdin", "-loglevel", "error", ...args]));
    running.push(...ffmpegs);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<"timeout">((r) => timer = setTimeout(() => r("timeout"), timeoutMs));
    const finished = await Promise.race([Promise.all(ffmpegs.map((f) => f.done)), timeout]);
    clearTimeout(timer);
    if (finished === "timeout") throw new Error(`ffmpeg senders did not finish within ${timeoutMs} ms`);
    finished.forEach((s, i) => {
      if (!s.success) throw new Error(`ffmpeg sender ${i} failed (${s.code}): ${ffmpegs[i]!.stderr()}`);
    });
    await new Promise((r) => setTimeout(r, 500)); // let the last packets reach the capture
    stop(tcpdump, "SIGINT");
    const status = await tcpdump.done;
    if (!status.success && status.signal !== "SIGINT") throw new Error(`tcpdump failed: ${tcpdump.stderr()}`);
    const dropped = tcpdump.stderr().match(/(\d+) packets dropped by kernel/);
    if (dropped && dropped[1] !== "0") throw new Error(`tcpdump: ${dropped[0]}`);
  } finally {
    // newest first; each by its own pid
    for (const r of running.reverse()) stop(r, "SIGKILL");
    await Promise.all(running.map((r) => r.done.catch(() => {})));
  }
}
