/**
 * File read rate, netpix's real ingest path against tcpdump on the same file, in one process and one run:
 *
 *  - `CaptureSource.start()` (src/capture/source.ts): double-buffered `Capture.read` over the FFI, every frame decoded
 *    by `FrameDecoder` and copied into the `PacketStore` ring, exactly as `netpix run -f FILE` ingests a file;
 *  - the same loop without the store (read + frame), and without framing either (read + `RecordCursor` walk), to see
 *    where the time goes;
 *  - `tcpdump -r FILE -w /dev/null`, the peer (same libpcap).
 *
 * Rounds are interleaved (each round runs every variant once, in a rotating order) so that machine noise hits them
 * alike; the first round is a warm-up for the page cache and the JIT and is not counted.
 *
 *     deno run -A --v8-flags=--expose-gc scripts/bench/file_read.ts [FILE=bench-out/demo_1m.pcap] [ROUNDS=5]
 *
 * Prints (and writes to bench-out/file_read.json) packets/s per variant: best and median of the rounds.
 * @module
 */

import { Capture } from "../../ffi/capture.ts";
import { RecordCursor } from "../../ffi/records.ts";
import { CaptureSource } from "../../src/capture/source.ts";
import { readBatches } from "../../src/capture/batches.ts";
import { FrameDecoder, FrameStatusCounters } from "../../src/protocols/frame.ts";
import { median, note, OUT_DIR, writeResult } from "./_common.ts";
import { RUN_DEFAULTS } from "../../src/cli/args.ts";
import { STORE_BYTES_PER_PACKET } from "../../src/cli/run.ts";

const file = Deno.args[0] ?? `${OUT_DIR}/demo_1m.pcap`;
const rounds = Number(Deno.args[1] ?? 5);

/** The same as `netpix run -f FILE` with its defaults (files keep their packets regardless of age). */
const SOURCE_OPTIONS = {
  maxPackets: RUN_DEFAULTS.bufferSize,
  maxBytes: RUN_DEFAULTS.bufferSize * STORE_BYTES_PER_PACKET,
  maximumPacketAgeS: 0,
  promisc: false,
};

/** netpix's ingest path: what `netpix run -f FILE` does per file source. */
async function captureSource(): Promise<number> {
  const source = new CaptureSource(0, "file", file, Capture.openOffline(file), SOURCE_OPTIONS);
  await source.start();
  await source.stop();
  if (source.state !== "finished") throw new Error(`CaptureSource ended ${source.state}: ${source.error}`);
  return source.captured;
}

/** CaptureSource's loop (double-buffered reads, `readBatches`) with `frame` per record and no store. */
async function readLoop(frame: boolean): Promise<number> {
  const cap = Capture.openOffline(file);
  const cursor = new RecordCursor();
  const decoder = new FrameDecoder();
  const counters = new FrameStatusCounters();
  const linkType = cap.linkType;
  let packets = 0;
  await readBatches(cap, 0, (buf, bytes, count) => {
    cursor.reset(buf, bytes, count);
    if (frame) {
      while (cursor.next()) {
        counters.add(
          decoder.decode(buf.subarray(cursor.dataOffset, cursor.dataOffset + cursor.caplen), linkType, cursor.origlen),
        );
      }
    } else {
      while (cursor.next()) { /* walk only */ }
    }
    packets += count;
  });
  await cap.close();
  return packets;
}

/**
 * Frees the previous run's garbage (above all its byte ring) before the next is timed, when run with
 * `--v8-flags=--expose-gc`; otherwise V8 releases it during a later run and that run pays for it.
 */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

let tcpdumpPackets = 0;
async function tcpdump(): Promise<number> {
  const out = await new Deno.Command("tcpdump", {
    args: ["-r", file, "-w", "/dev/null"],
    stdout: "null",
    stderr: "null",
    signal: AbortSignal.timeout(120_000),
  }).output();
  if (!out.success) throw new Error("tcpdump -r failed");
  return tcpdumpPackets;
}

const variants: Array<{ name: string; command: string; run: () => Promise<number> }> = [
  { name: "tcpdump", command: `tcpdump -r ${file} -w /dev/null`, run: tcpdump },
  {
    name: "captureSource",
    command: "CaptureSource.start() (FFI read + FrameDecoder + PacketStore)",
    run: captureSource,
  },
  { name: "readFrame", command: "Capture.read + FrameDecoder (no store)", run: () => readLoop(true) },
  { name: "readOnly", command: "Capture.read + RecordCursor walk (no framing, no store)", run: () => readLoop(false) },
];

const times = new Map<string, number[]>(variants.map((v) => [v.name, []]));
let packets = 0;
for (let round = 0; round <= rounds; round++) {
  const order = variants.map((_, i) => variants[(i + round) % variants.length]!);
  for (const v of order) {
    collectGarbage();
    const t0 = performance.now();
    const n = await v.run();
    const ms = performance.now() - t0;
    if (v.name === "readOnly") {
      packets = n;
      tcpdumpPackets = n; // tcpdump -w prints no count; the file's count is what it read
    } else if (v.name !== "tcpdump" && packets && n !== packets) {
      throw new Error(`${v.name} read ${n} packets, expected ${packets}`);
    }
    if (round > 0) times.get(v.name)!.push(ms);
    note(`round ${round}${round === 0 ? " (warm-up)" : ""}: ${v.name} ${ms.toFixed(0)} ms`);
  }
}

const result: Record<string, unknown> = { file, packets, rounds };
for (const v of variants) {
  const ms = times.get(v.name)!;
  const best = Math.min(...ms);
  result[v.name] = {
    command: v.command,
    ms,
    bestPps: Math.round(packets / best * 1000),
    medianPps: Math.round(packets / median(ms) * 1000),
  };
}
const rate = (name: string, k: "bestPps" | "medianPps") => (result[name] as Record<string, number>)[k]!;
result.ratioBest = rate("captureSource", "bestPps") / rate("tcpdump", "bestPps");
result.ratioMedian = rate("captureSource", "medianPps") / rate("tcpdump", "medianPps");
await writeResult("file_read", result);
