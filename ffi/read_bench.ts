/**
 * Offline read rate through `Capture.read()`: `deno bench -A ffi/read_bench.ts` (after `cargo build --release`).
 * Reads NETPIX_BENCH_PCAP if set, else a generated file of 1,000,000 RTP audio packets (214-byte frames, 230 MB).
 * `tcpdump -r FILE -w /dev/null` reads the same file through the same libpcap as a reference.
 * Each row also prints its packets/s at exit (best iteration).
 * @module
 */
import { Capture, RecordCursor } from "./capture.ts";

const PACKETS = 1_000_000;

/** Writes `count` Ethernet/IPv4/UDP/RTP frames (G.711, 20 ms) as a microsecond pcap (pcap-savefile(5)). */
async function writeRtpPcap(path: string, count: number): Promise<void> {
  const frameLen = 14 + 20 + 8 + 12 + 160;
  const recLen = 16 + frameLen;
  const perChunk = 4096;
  const chunk = new Uint8Array(recLen * perChunk);
  const view = new DataView(chunk.buffer);
  using file = await Deno.open(path, { write: true, create: true, truncate: true });
  const header = new DataView(new ArrayBuffer(24));
  [0xa1b2c3d4, 0x00040002, 0, 0, 65535, 1].forEach((v, i) => header.setUint32(i * 4, v, true));
  await file.write(new Uint8Array(header.buffer));
  for (let base = 0; base < count; base += perChunk) {
    const n = Math.min(perChunk, count - base);
    for (let k = 0; k < n; k++) {
      const i = base + k, at = k * recLen, f = at + 16;
      view.setUint32(at, 1_700_000_000 + Math.floor(i / 50), true); // 50 packets/s
      view.setUint32(at + 4, (i % 50) * 20_000, true);
      view.setUint32(at + 8, frameLen, true);
      view.setUint32(at + 12, frameLen, true);
      view.setUint16(f + 12, 0x0800); // EtherType IPv4
      view.setUint32(f + 14, 0x45000000 | (frameLen - 14)); // version 4, IHL 5, total length
      view.setUint8(f + 14 + 9, 17); // UDP
      view.setUint16(f + 34 + 2, 5004); // destination port
      view.setUint16(f + 34 + 4, frameLen - 34);
      view.setUint16(f + 42, 0x8000); // RTP V=2, PT 0 (PCMU)
      view.setUint16(f + 44, i & 0xffff); // sequence number
      view.setUint32(f + 46, i * 160); // timestamp
    }
    await file.write(chunk.subarray(0, n * recLen));
  }
}

let path = Deno.env.get("NETPIX_BENCH_PCAP");
if (path === undefined) {
  const dir = await Deno.makeTempDir({ prefix: "netpix-read-bench-" });
  path = `${dir}/rtp_1m.pcap`;
  await writeRtpPcap(path, PACKETS);
  globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
}
const file = path;
let filePackets = PACKETS; // replaced by the count Capture.read() finds, for a NETPIX_BENCH_PCAP file

const best = new Map<string, { ms: number; packets: number }>();
globalThis.addEventListener("unload", () => {
  for (const [name, { ms, packets }] of best) {
    console.log(
      `${name}: ${packets} packets, best ${ms.toFixed(1)} ms = ${(packets / ms / 1e3).toFixed(2)} Mpackets/s`,
    );
  }
});

/** Opens, reads to EOF and closes; returns the packet count. */
async function readAll(bufBytes: number, walk: boolean): Promise<number> {
  const cap = Capture.openOffline(file);
  const buf = new Uint8Array(bufBytes);
  const cur = new RecordCursor();
  let packets = 0;
  for (let r = await cap.read(buf, 0); r.kind === "packets"; r = await cap.read(buf, 0)) {
    if (!walk) {
      packets += r.count;
      continue;
    }
    cur.reset(buf, r.bytes, r.count);
    while (cur.next()) packets++;
  }
  await cap.close();
  filePackets = packets;
  return packets;
}

function bench(name: string, run: () => Promise<number>, baseline = false): void {
  Deno.bench({ name, baseline, n: 10, warmup: 2 }, async () => {
    const t0 = performance.now();
    const packets = await run();
    const ms = performance.now() - t0;
    if (ms < (best.get(name)?.ms ?? Infinity)) best.set(name, { ms, packets });
  });
}

bench("Capture.read() 4 MiB batches, records counted", () => readAll(4 << 20, false), true);
bench("Capture.read() 4 MiB batches, every record walked with RecordCursor", () => readAll(4 << 20, true));
bench("Capture.read() 256 KiB batches, every record walked with RecordCursor", () => readAll(256 << 10, true));
bench("tcpdump -r FILE -w /dev/null", async () => {
  const args = ["-r", file, "-w", "/dev/null"];
  const out = await new Deno.Command("tcpdump", { args, stdout: "null", stderr: "null" }).output();
  if (!out.success) throw new Error("tcpdump failed");
  return filePackets;
});
