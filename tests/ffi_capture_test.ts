// Needs capture-rs built (`cargo build --release --manifest-path capture-rs/Cargo.toml`), root (live capture
// on `lo`), tcpdump and capinfos/editcap (tshark). Run: deno test -A tests/ffi_capture_test.ts
import { deepStrictEqual, match, ok, rejects, throws } from "node:assert/strict";
import dgram from "node:dgram";
import process from "node:process";
import { Capture, CaptureError, libpcapVersion, listDevices, RecordCursor } from "../ffi/capture.ts";

const N = 300;
const ETH_IP_UDP = 14 + 20 + 8; // our packets on `lo` (LINKTYPE_ETHERNET), IPv4 without options
const PCAP_ERROR_NO_SUCH_DEVICE = -5;

/** UDP payload `i`: a big-endian sequence number then `(i * 37) % 1000` filler bytes. */
function payload(i: number): Uint8Array {
  const p = new Uint8Array(4 + (i * 37) % 1000).fill(i & 0xff);
  new DataView(p.buffer).setUint32(0, i);
  return p;
}

/** A bound UDP socket whose port no other test run uses, so captures filtered on it see only our traffic. */
async function udpSink(): Promise<{ port: number; close: () => Promise<void> }> {
  const sock = dgram.createSocket("udp4");
  sock.on("message", () => {});
  await new Promise<void>((resolve) => sock.bind(0, "127.0.0.1", resolve));
  return { port: sock.address().port, close: () => new Promise((resolve) => sock.close(() => resolve())) };
}

async function sendUdp(port: number, count: number): Promise<void> {
  const sock = dgram.createSocket("udp4");
  for (let i = 0; i < count; i++) {
    await new Promise<void>((resolve, reject) =>
      sock.send(payload(i), port, "127.0.0.1", (err) => err ? reject(err) : resolve())
    );
  }
  await new Promise<void>((resolve) => sock.close(() => resolve()));
}

async function run(cmd: string, args: string[]): Promise<string> {
  const out = await new Deno.Command(cmd, { args, stdout: "piped", stderr: "piped" }).output();
  if (!out.success) throw new Error(`${cmd} ${args.join(" ")} failed: ${new TextDecoder().decode(out.stderr)}`);
  return new TextDecoder().decode(out.stdout);
}

/** Records `count` packets sent to `port` on `lo` with `tcpdump -w`. */
async function tcpdumpCapture(path: string, port: number, count: number): Promise<void> {
  const args = ["-i", "lo", "-U", "-c", String(count), "-w", path, `udp and dst port ${port}`];
  const child = new Deno.Command("tcpdump", { args, stdout: "null", stderr: "piped" }).spawn();
  const kill = setTimeout(() => child.kill(), 20_000);
  const reader = child.stderr.pipeThrough(new TextDecoderStream()).getReader();
  let stderr = "";
  while (!stderr.includes("listening on")) {
    const { value, done } = await reader.read();
    if (done) break;
    stderr += value;
  }
  await sendUdp(port, count);
  for (let r = await reader.read(); !r.done; r = await reader.read()) stderr += r.value;
  const status = await child.status;
  clearTimeout(kill);
  ok(status.success, `tcpdump failed: ${stderr}`);
}

/** Packet count and captured bytes as capinfos (Wireshark) counts them. */
async function capinfos(path: string): Promise<{ count: number; bytes: number }> {
  const [, count = "", bytes = ""] = (await run("capinfos", ["-T", "-r", "-M", "-c", "-d", path])).trim().split("\t");
  return { count: Number(count), bytes: Number(bytes) };
}

interface Seen {
  seqs: number[];
  caplenSum: number;
  stamps: bigint[]; // nanoseconds since the epoch (past 2^53, hence bigint)
  truncated: number;
  batches: number;
}

function collect(seen: Seen, buf: Uint8Array, bytes: number, count: number, cur = new RecordCursor()): void {
  cur.reset(buf, bytes, count);
  while (cur.next()) {
    seen.seqs.push(new DataView(buf.buffer, buf.byteOffset).getUint32(cur.dataOffset + ETH_IP_UDP));
    seen.caplenSum += cur.caplen;
    seen.stamps.push(BigInt(cur.tsSec) * 1_000_000_000n + BigInt(cur.tsNsec));
    if (cur.caplen < cur.origlen) seen.truncated++;
  }
  deepStrictEqual(cur.error, null);
  seen.batches++;
}

const empty = (): Seen => ({ seqs: [], caplenSum: 0, stamps: [], truncated: 0, batches: 0 });

/** Reads a file to the end with `bufSize`-byte batches. */
async function readFile(path: string, bufSize: number): Promise<Seen> {
  const cap = Capture.openOffline(path);
  const buf = new Uint8Array(bufSize);
  const seen = empty();
  for (let r = await cap.read(buf, 0); r.kind === "packets"; r = await cap.read(buf, 0)) {
    collect(seen, buf, r.bytes, r.count);
  }
  deepStrictEqual(await cap.read(buf, 0), { kind: "eof" }, "eof stays eof");
  await cap.close();
  return seen;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const tmp = await Deno.makeTempDir({ prefix: "netpix-ffi-test-" });
const sink = await udpSink();
const PCAP = `${tmp}/lo.pcap`;
await tcpdumpCapture(PCAP, sink.port, N);
const PCAPNG = `${tmp}/lo.pcapng`;
await run("editcap", ["-F", "pcapng", PCAP, PCAPNG]);
const EXPECTED = await capinfos(PCAP);
const LARGEST_RECORD = 16 + Math.ceil((ETH_IP_UDP + 4 + 999) / 4) * 4;

globalThis.addEventListener("unload", () => {
  Deno.removeSync(tmp, { recursive: true });
});

Deno.test("tcpdump recorded every packet the test sent", () => {
  deepStrictEqual(EXPECTED.count, N);
});

for (const bufSize of [LARGEST_RECORD, 1500, 64 << 10, 4 << 20]) {
  Deno.test(`Capture.read() delivers every packet of a tcpdump file in order with ${bufSize}-byte batches`, async () => {
    const seen = await readFile(PCAP, bufSize);
    deepStrictEqual(seen.seqs, range(N));
    deepStrictEqual({ count: seen.seqs.length, bytes: seen.caplenSum }, EXPECTED);
    ok(seen.stamps.every((t, i) => i === 0 || t >= (seen.stamps[i - 1] ?? 0n)), "timestamps never go back");
    if (bufSize === LARGEST_RECORD) ok(seen.batches > N / 2, "tiny batches hold one or two packets");
  });
}

Deno.test("Capture.read() keeps a packet too big for the buffer and delivers it to a bigger one", async () => {
  const cap = Capture.openOffline(PCAP);
  const small = new Uint8Array(200), big = new Uint8Array(LARGEST_RECORD);
  const seen = empty();
  let tooSmall = 0;
  for (;;) {
    try {
      const r = await cap.read(small, 0);
      if (r.kind === "eof") break;
      collect(seen, small, r.bytes, r.count);
    } catch (e) {
      ok(e instanceof RangeError, String(e));
      match(e.message, /the next record needs \d+ bytes, the buffer has 200/);
      tooSmall++;
      const r = await cap.read(big, 0);
      ok(r.kind === "packets" && r.count >= 1);
      collect(seen, big, r.bytes, r.count);
    }
  }
  await cap.close();
  ok(tooSmall > 0);
  deepStrictEqual(seen.seqs, range(N));
});

Deno.test("Capture.openOffline() reads pcapng with the same packets and timestamps as pcap", async () => {
  const [pcap, pcapng] = [await readFile(PCAP, 64 << 10), await readFile(PCAPNG, 64 << 10)];
  deepStrictEqual(pcapng.seqs, range(N));
  deepStrictEqual(pcapng.stamps, pcap.stamps);
  deepStrictEqual(pcapng.caplenSum, EXPECTED.bytes);
  ok(pcap.stamps.every((t) => t % 1000n === 0n), "tcpdump writes microseconds, read as nanoseconds");
});

Deno.test("Capture.openOffline() reports a file's link type and snaplen", async () => {
  const cap = Capture.openOffline(PCAP);
  deepStrictEqual([cap.linkType, cap.snaplen > 0, cap.live, cap.stats()], [1, true, false, null]);
  await cap.close();
  await cap.close(); // idempotent
});

Deno.test("Capture.openOffline() throws libpcap's text for a missing file", () => {
  throws(() => Capture.openOffline(`${tmp}/missing.pcap`), (e: unknown) => {
    ok(e instanceof CaptureError);
    match(e.message, /^Cannot open capture file .*missing\.pcap: .*No such file or directory$/);
    return true;
  });
});

Deno.test("Capture.openOffline() throws libpcap's text for a file that is no capture", () => {
  const path = `${tmp}/notes.txt`;
  Deno.writeTextFileSync(path, "this is not a capture file, just some words\n");
  throws(() => Capture.openOffline(path), { name: "CaptureError", message: /unknown file format/ });
});

Deno.test("Capture.setFilter() throws libpcap's message for an invalid filter", async () => {
  const cap = Capture.openOffline(PCAP);
  throws(() => cap.setFilter("udp and port"), (e: unknown) => {
    ok(e instanceof CaptureError);
    match(e.message, /^Cannot set filter "udp and port": .*syntax error/);
    deepStrictEqual(e.code, -1);
    return true;
  });
  await cap.close();
});

Deno.test("Capture.setFilter() applies a BPF filter to a file", async () => {
  const cap = Capture.openOffline(PCAP);
  cap.setFilter("udp[8:4] < 50"); // the first 4 payload bytes are the sequence number
  const buf = new Uint8Array(4 << 10);
  const seen = empty();
  for (let r = await cap.read(buf, 0); r.kind === "packets"; r = await cap.read(buf, 0)) {
    collect(seen, buf, r.bytes, r.count);
  }
  await cap.close();
  deepStrictEqual(seen.seqs, range(50));
});

Deno.test("Capture.read() rejects a second read in flight and reads after close", async () => {
  const cap = Capture.openOffline(PCAP);
  const buf = new Uint8Array(4 << 10);
  const first = cap.read(buf, 0);
  await rejects(cap.read(new Uint8Array(4 << 10), 0), /another Capture.read\(\) is still in flight/);
  const closing = cap.close(); // waits for `first`
  ok((await first).kind === "packets");
  await closing;
  deepStrictEqual(cap.close(), closing, "close() returns the same promise");
  await rejects(cap.read(buf, 0), /Cannot read from a closed capture/);
  throws(() => cap.setFilter("udp"), /closed capture/);
});

for (const opts of [{ immediate: false, snaplen: 65535 }, { immediate: true, snaplen: 256 }]) {
  Deno.test(`Capture.openLive() on lo receives every filtered packet in order (immediate ${opts.immediate})`, async () => {
    const other = await udpSink(); // traffic the filter must drop
    const cap = Capture.openLive("lo", { ...opts, promisc: false, bufferSize: 8 << 20 });
    cap.setFilter(`udp and dst port ${sink.port}`);
    deepStrictEqual([cap.live, cap.linkType, cap.snaplen], [true, 1, opts.snaplen]);
    const buf = new Uint8Array(1 << 20);
    const seen = empty();
    const deadline = Date.now() + 10_000;
    const reading = (async () => {
      while (seen.seqs.length < N && Date.now() < deadline) {
        const r = await cap.read(buf, 50);
        if (r.kind === "packets" && r.count > 0) collect(seen, buf, r.bytes, r.count);
      }
    })();
    await Promise.all([sendUdp(sink.port, N), sendUdp(other.port, 20)]);
    await reading;
    const stats = cap.stats();
    await cap.close();
    await other.close();
    deepStrictEqual(seen.seqs, range(N));
    ok(stats !== null && stats.received >= N && stats.droppedByKernel === 0, JSON.stringify(stats));
    if (opts.snaplen === 256) ok(seen.truncated > 0, "packets longer than the snaplen come cut, with their origlen");
    const nowSec = Date.now() / 1000;
    ok(seen.stamps.every((t) => Math.abs(Number(t) / 1e9 - nowSec) < 60), "timestamps are wall-clock nanoseconds");
  });
}

Deno.test("Capture.read() on an idle live capture resolves 0 after about waitMs without burning CPU", async () => {
  const idle = await udpSink();
  const cap = Capture.openLive("lo", { snaplen: 65535, promisc: false, immediate: false, bufferSize: 0 });
  cap.setFilter(`udp and dst port ${idle.port}`);
  const buf = new Uint8Array(1 << 20);
  const cpu0 = process.cpuUsage(), t0 = performance.now();
  const r = await cap.read(buf, 300);
  const elapsed = performance.now() - t0, cpu = process.cpuUsage(cpu0);
  await cap.close();
  await idle.close();
  deepStrictEqual(r, { kind: "packets", count: 0, bytes: 0 });
  ok(elapsed >= 280 && elapsed < 1000, `waited ${elapsed} ms`);
  ok(cpu.user + cpu.system < 60_000, `used ${(cpu.user + cpu.system) / 1000} ms of CPU while waiting`);
});

Deno.test("Capture.close() waits for an in-flight live read", async () => {
  const cap = Capture.openLive("lo", { snaplen: 128, promisc: false, immediate: true, bufferSize: 0 });
  cap.setFilter("udp and dst port 9"); // discard: nothing arrives
  const t0 = performance.now();
  const read = cap.read(new Uint8Array(4096), 200);
  await cap.close();
  ok(performance.now() - t0 >= 150, "close() returned only after the read");
  deepStrictEqual(await read, { kind: "packets", count: 0, bytes: 0 });
});

Deno.test("Capture.openLive() reports an unknown interface with PCAP_ERROR_NO_SUCH_DEVICE", () => {
  throws(() => Capture.openLive("np-nosuch0", { snaplen: 0, promisc: false, immediate: false, bufferSize: 0 }), (e) => {
    ok(e instanceof CaptureError);
    deepStrictEqual(e.code, PCAP_ERROR_NO_SUCH_DEVICE);
    match(e.message, /^Cannot open live capture on np-nosuch0: ./);
    return true;
  });
});

Deno.test("listDevices() includes lo with 127.0.0.1 and the any pseudo-device", () => {
  const devices = listDevices();
  const lo = devices.find((d) => d.name === "lo");
  ok(lo, JSON.stringify(devices));
  deepStrictEqual(lo.flags.loopback && lo.flags.up, true);
  deepStrictEqual(lo.addresses.find((a) => a.addr === "127.0.0.1"), { addr: "127.0.0.1", netmask: "255.0.0.0" });
  ok(devices.some((d) => d.name === "any"));
});

Deno.test("libpcapVersion() names libpcap", () => {
  match(libpcapVersion(), /^libpcap version \d+\.\d+/);
});

Deno.test("ffi/capture.ts explains how to build a missing library", async () => {
  const code = `import { libpcapVersion } from ${JSON.stringify(new URL("../ffi/capture.ts", import.meta.url).href)};
    try { libpcapVersion(); } catch (e) { console.log(e.message); }`;
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["eval", code],
    env: { NETPIX_CAPTURE_LIB: `${tmp}/nope.so` },
    stdout: "piped",
    stderr: "piped",
  }).output();
  match(new TextDecoder().decode(out.stdout), /Cannot load the capture library .*nope\.so: .*cargo build --release/);
});

Deno.test("cleanup: close the UDP sink", async () => {
  await sink.close();
});
