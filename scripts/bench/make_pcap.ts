/**
 * Writes the file-read benchmark input: the packets of tests/testdata/demo.pcap (RTP, RTCP, MPEG-TS, STUN/TURN from
 * real senders, see tests/testdata/README.md) cycled until COUNT packets, with timestamps that keep increasing. Frame
 * bytes are copied unchanged; only the record timestamps differ. Classic microsecond pcap, like the demo.
 *
 *     deno run -A scripts/bench/make_pcap.ts [OUT=bench-out/demo_1m.pcap] [COUNT=1000000]
 *
 * Skips the work when OUT already holds exactly COUNT packets of this construction (same size).
 * @module
 */

import { note, OUT_DIR, ROOT } from "./_common.ts";

const DEMO = `${ROOT}tests/testdata/demo.pcap`;
const out = Deno.args[0] ?? `${OUT_DIR}/demo_1m.pcap`;
const count = Number(Deno.args[1] ?? 1_000_000);
if (!Number.isInteger(count) || count <= 0) throw new RangeError(`Cannot make a pcap of ${Deno.args[1]} packets`);

const FILE_HEADER = 24;
const RECORD_HEADER = 16;
const MAGIC_MICRO_LE = 0xa1b2c3d4;

const src = await Deno.readFile(DEMO);
const sv = new DataView(src.buffer);
if (sv.getUint32(0, true) !== MAGIC_MICRO_LE) throw new Error(`${DEMO} is not a little-endian microsecond pcap`);

/** Offsets of each record in the demo file, and its timestamp in µs relative to the first packet. */
const starts: number[] = [];
const relUs: number[] = [];
let firstUs = -1;
for (let at = FILE_HEADER; at + RECORD_HEADER <= src.length;) {
  const us = sv.getUint32(at, true) * 1e6 + sv.getUint32(at + 4, true);
  if (firstUs < 0) firstUs = us;
  starts.push(at);
  relUs.push(us - firstUs);
  at += RECORD_HEADER + sv.getUint32(at + 8, true);
}
const n = starts.length;
const cycleUs = relUs[n - 1]! + 20_000; // next cycle starts 20 ms after the last packet
const recordBytes = (i: number) => RECORD_HEADER + sv.getUint32(starts[i]! + 8, true);
let cycleBytes = 0;
for (let i = 0; i < n; i++) cycleBytes += recordBytes(i);
const fullCycles = Math.floor(count / n);
let expectedSize = FILE_HEADER + fullCycles * cycleBytes;
for (let i = 0; i < count - fullCycles * n; i++) expectedSize += recordBytes(i);

const existing = await Deno.stat(out).catch(() => null);
if (existing?.size === expectedSize) {
  note(`${out} exists (${count} packets, ${(expectedSize / 1e6).toFixed(0)} MB), kept`);
  Deno.exit(0);
}

await Deno.mkdir(out.slice(0, out.lastIndexOf("/")) || ".", { recursive: true });
using file = await Deno.open(out, { write: true, create: true, truncate: true });
const CHUNK = 8 << 20;
const chunk = new Uint8Array(CHUNK + 300_000);
const cv = new DataView(chunk.buffer);
chunk.set(src.subarray(0, FILE_HEADER), 0);
let fill = FILE_HEADER;
const baseUs = firstUs;
for (let k = 0; k < count; k++) {
  const i = k % n;
  const cycle = (k - i) / n;
  const at = starts[i]!;
  const len = recordBytes(i);
  chunk.set(src.subarray(at, at + len), fill);
  const us = baseUs + cycle * cycleUs + relUs[i]!;
  cv.setUint32(fill, Math.floor(us / 1e6), true);
  cv.setUint32(fill + 4, us % 1e6, true);
  fill += len;
  if (fill >= CHUNK) {
    await writeAll(file, chunk.subarray(0, fill));
    fill = 0;
  }
}
await writeAll(file, chunk.subarray(0, fill));
note(`wrote ${out}: ${count} packets (${n}-packet demo cycled ${(count / n).toFixed(1)} times), ${expectedSize} bytes`);

async function writeAll(f: Deno.FsFile, bytes: Uint8Array): Promise<void> {
  for (let off = 0; off < bytes.length;) off += await f.write(bytes.subarray(off));
}
