/**
 * Shared pieces of the benchmark scripts (scripts/bench.sh runs them): starting netpix the way a user does, a streaming
 * WebSocket client that walks every packet as it arrives, a UDP sink, tcpdump as the peer, and CPU time from /proc.
 * Everything talks to 127.0.0.1 only, and every wait has a timeout.
 * @module
 */

import dgram from "node:dgram";
import {
  BATCH_HEADER_BYTES,
  type ControlMessage,
  decodeServerMessage,
  RECORD_HEADER_BYTES,
} from "../../src/wire/messages.ts";
import { FrameDecoder, FrameStatus } from "../../src/protocols/frame.ts";
import { ROOT_PATH } from "../../tests/_netpix.ts";
export { MAIN, ROOT_PATH as ROOT, RUN_PERMISSIONS, type RunningNetpix, startNetpix } from "../../tests/_netpix.ts";

export const OUT_DIR = `${ROOT_PATH}bench-out`;
export const UDP_BLAST = `${OUT_DIR}/udp_blast`;
/** The permissions README.md gives for `netpix run`. */

/** Prints a progress line on stderr (stdout is kept for results). */
export function note(line: string): void {
  console.error(`[bench] ${line}`);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The value below which `p` (0..1) of `sorted` lies (nearest rank). */
export function percentile(sorted: Float64Array | number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[rank]!;
}

/** Picks a UDP port nobody listens on now (bound and released by the OS). */
export async function freeUdpPort(): Promise<number> {
  const s = dgram.createSocket("udp4");
  await new Promise<void>((resolve) => s.bind(0, "127.0.0.1", resolve));
  const port = s.address().port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/**
 * A bound UDP socket on `port` that never reads: it exists so the kernel answers no ICMP port-unreachable. Its queue
 * fills and the kernel drops there, after the capture tap, which does not affect what libpcap sees.
 */
export async function udpSink(port: number): Promise<{ close: () => Promise<void> }> {
  const s = dgram.createSocket("udp4");
  await new Promise<void>((resolve) => s.bind(port, "127.0.0.1", resolve));
  return { close: () => new Promise<void>((resolve) => s.close(() => resolve())) };
}

/** Fetches `/api/stats` of a running netpix. */
export async function netpixStats(url: string): Promise<ApiStats> {
  const res = await fetch(`${url}/api/stats`, { signal: AbortSignal.timeout(5000) });
  return await res.json() as ApiStats;
}

export interface ApiStats {
  clients: number;
  sources: Array<{
    captured: number;
    stored: number;
    overwritten: number;
    discharged: number;
    kernel?: { received: number; droppedByKernel: number; droppedByInterface: number };
  }>;
}

/** What the client sees of one packet: its UDP payload's first 16 bytes as udp_blast writes them. */
export interface BlastPacket {
  /** Sequence number (payload bytes 0..8, big-endian u64; exact below 2^53). */
  seq: number;
  /** Send time, ns since the Unix epoch (payload bytes 8..16), as a float (µs precision is enough here). */
  sentNs: number;
  /** Kernel capture timestamp from the record, ns since the epoch (float). */
  capturedNs: number;
}

/**
 * A real WebSocket client of netpix that walks every packet of every batch as it arrives (nothing is kept), decoding
 * frames with {@linkcode FrameDecoder} to find the UDP payload.
 */
export class StreamingClient {
  readonly controls: ControlMessage[] = [];
  packets = 0;
  messages = 0;
  undecodable = 0;
  closed = false;
  /** Called for each packet whose UDP payload holds at least 16 bytes; `arrivalMs` is the message's arrival time. */
  onPacket: (p: BlastPacket, arrivalMs: number) => void = () => {};
  readonly opened: Promise<void>;
  readonly #ws: WebSocket;
  readonly #decoder = new FrameDecoder();
  readonly #packet: BlastPacket = { seq: 0, sentNs: 0, capturedNs: 0 };

  constructor(url: string) {
    this.#ws = new WebSocket(url.replace(/^http/, "ws") + "/ws");
    this.#ws.binaryType = "arraybuffer";
    this.opened = new Promise((resolve, reject) => {
      this.#ws.onopen = () => resolve();
      this.#ws.onerror = (e) => reject(new Error(`WebSocket error: ${(e as ErrorEvent).message ?? e}`));
    });
    this.#ws.onmessage = (ev) => this.#onMessage(new Uint8Array(ev.data as ArrayBuffer));
    this.#ws.onclose = () => this.closed = true;
  }

  #onMessage(data: Uint8Array): void {
    const arrivalMs = performance.timeOrigin + performance.now();
    this.messages++;
    const m = decodeServerMessage(data);
    if (m.kind === "control") {
      this.controls.push(m.message);
      return;
    }
    if (m.kind !== "packets") return;
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    const d = this.#decoder;
    const p = this.#packet;
    let at = BATCH_HEADER_BYTES;
    for (let k = 0; k < m.count; k++) {
      const caplen = view.getUint32(at + 8, true);
      const start = at + RECORD_HEADER_BYTES;
      const frame = data.subarray(start, start + caplen);
      if (d.decode(frame, m.linkType, view.getUint32(at + 12, true)) === FrameStatus.Ok && d.payloadLength >= 16) {
        const o = start + d.payloadOffset;
        p.seq = view.getUint32(o) * 2 ** 32 + view.getUint32(o + 4);
        p.sentNs = view.getUint32(o + 8) * 2 ** 32 + view.getUint32(o + 12);
        p.capturedNs = view.getUint32(at, true) * 1e9 + view.getUint32(at + 4, true);
        this.onPacket(p, arrivalMs);
      } else {
        this.undecodable++;
      }
      at = start + ((caplen + 3) & ~3);
    }
    this.packets += m.count;
  }

  send(text: string): void {
    this.#ws.send(text);
  }

  /** Polls `cond` every 20 ms; false when `timeoutMs` passed first. */
  async until(cond: () => boolean, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!cond()) {
      if (Date.now() > deadline) return false;
      await sleep(20);
    }
    return true;
  }

  /** Opens, waits for hello, selects `source` and waits for `selected`. */
  async select(source: number): Promise<void> {
    await this.opened;
    if (!await this.until(() => this.controls.some((c) => c.type === "hello"), 10_000)) throw new Error("no hello");
    this.send(JSON.stringify({ type: "select", source }));
    if (!await this.until(() => this.controls.some((c) => c.type === "selected"), 10_000)) {
      throw new Error("no selected");
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.#ws.close();
    await this.until(() => this.closed, 5000);
  }
}

/** Runs bench-out/udp_blast and returns its JSON summary. */
export async function udpBlast(
  port: number,
  rate: number,
  count: number,
  size: number,
): Promise<{ sent: number; failed: number; seconds: number; rate: number }> {
  const out = await new Deno.Command(UDP_BLAST, {
    args: [String(port), String(rate), String(count), String(size)],
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(Math.ceil(count / rate) * 1000 + 30_000),
  }).output();
  const text = new TextDecoder().decode(out.stdout).trim();
  if (!out.success) throw new Error(`udp_blast failed: ${new TextDecoder().decode(out.stderr)}`);
  return JSON.parse(text);
}

export interface TcpdumpStats {
  captured: number;
  receivedByFilter: number;
  droppedByKernel: number;
  /** The summary lines tcpdump printed on exit. */
  lines: string[];
}

/** A running `tcpdump`: started once it says it is listening; `stop()` sends SIGINT and parses its summary. */
export async function startTcpdump(args: string[], timeoutMs = 10_000): Promise<{
  pid: number;
  stop: () => Promise<TcpdumpStats>;
}> {
  const child = new Deno.Command("tcpdump", { args, stdout: "null", stderr: "piped", stdin: "null" }).spawn();
  let err = "";
  const dec = new TextDecoder();
  const errDone = (async () => {
    for await (const chunk of child.stderr) err += dec.decode(chunk);
  })();
  const deadline = Date.now() + timeoutMs;
  while (!err.includes("listening on")) {
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      await child.status;
      throw new Error(`tcpdump did not start: ${err}`);
    }
    await sleep(20);
  }
  return {
    pid: child.pid,
    stop: async () => {
      child.kill("SIGINT");
      await child.status;
      await errDone;
      const num = (re: RegExp) => Number(err.match(re)?.[1] ?? NaN);
      return {
        captured: num(/(\d+) packets? captured/),
        receivedByFilter: num(/(\d+) packets? received by filter/),
        droppedByKernel: num(/(\d+) packets? dropped by kernel/),
        lines: err.split("\n").filter((l) => /packets? (captured|received|dropped)/.test(l)),
      };
    },
  };
}

/** Clock ticks per second of /proc/PID/stat times (`getconf CLK_TCK`; 100 on Linux x86-64). */
export const CLK_TCK = 100;

/** utime + stime of a process and all its threads, in seconds (/proc/PID/stat fields 14 and 15). */
export function cpuSeconds(pid: number): number {
  const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" "); // fields from 3 (state) on
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

/** Context switches (voluntary + involuntary) of all threads of a process: how often it woke up, roughly. */
export function contextSwitches(pid: number): number {
  let n = 0;
  for (const t of Deno.readDirSync(`/proc/${pid}/task`)) {
    let status: string;
    try {
      status = Deno.readTextFileSync(`/proc/${pid}/task/${t.name}/status`);
    } catch {
      continue; // the thread ended meanwhile
    }
    for (const m of status.matchAll(/^(?:voluntary|nonvoluntary)_ctxt_switches:\s+(\d+)$/gm)) n += Number(m[1]);
  }
  return n;
}

/** Writes one result as JSON to `bench-out/<name>.json` and prints it. */
export async function writeResult(name: string, value: unknown): Promise<void> {
  await Deno.mkdir(OUT_DIR, { recursive: true });
  const text = JSON.stringify(value, null, 2);
  await Deno.writeTextFile(`${OUT_DIR}/${name}.json`, text + "\n");
  console.log(text);
}
