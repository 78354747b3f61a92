/**
 * Analysis rate and memory of `netpix analyze` against `tshark -q -o rtp.heuristic_rtp:TRUE -z rtp,streams`, in one
 * run, on a generated RTP capture: the 200 real G.711 packets of tests/testdata/rtp-analysis/pcmu.pcap (ffmpeg on lo)
 * replayed as 10 interleaved streams (own SSRC and source port each), with sequence numbers, RTP timestamps and
 * capture times continued so that every stream is clean and wraps its sequence number.
 *
 *     deno run -A scripts/bench/analyze_rate.ts [PACKETS=1000000]
 *
 * Writes bench-out/rtp_<N>.pcap and bench-out/rtp_<4N>.pcap (kept for reruns) and bench-out/analyze_rate.json.
 * Peak RSS comes from /usr/bin/time; netpix's must not grow with the file (1M against 4M packets within 10 %).
 * @module
 */

import { readPcap } from "../../tests/_pcap_reader.ts";
import { FrameDecoder } from "../../src/protocols/frame.ts";
import { MAIN, note, OUT_DIR, ROOT, RUN_PERMISSIONS, writeResult } from "./_common.ts";

const packets = Number(Deno.args[0] ?? 1_000_000);
const STREAMS = 10;
const template = readPcap(await Deno.readFile(`${ROOT}tests/testdata/rtp-analysis/pcmu.pcap`));

/** Writes `count` packets; returns the path. Skips the work when the file is already there with the right size. */
async function makeCapture(count: number): Promise<string> {
  const path = `${OUT_DIR}/rtp_${count}.pcap`;
  const d = new FrameDecoder();
  const frames = template.records.map((r) => {
    d.decode(r.data, template.linkType, r.originalLength);
    return { data: r.data, udp: d.payloadOffset - 8, rtp: d.payloadOffset };
  });
  const size = 24 +
    Array.from({ length: count }, (_, i) => 16 + frames[Math.floor(i / STREAMS) % frames.length]!.data.length)
      .reduce((a, b) => a + b, 0);
  if ((await Deno.stat(path).catch(() => null))?.size === size) return path;
  await Deno.mkdir(OUT_DIR, { recursive: true });
  using file = await Deno.open(path, { write: true, create: true, truncate: true });
  const chunk = new Uint8Array(8 << 20);
  const view = new DataView(chunk.buffer);
  [0xa1b2c3d4, 0x00040002, 0, 0, 65535, template.linkType].forEach((v, i) => view.setUint32(i * 4, v, true));
  let fill = 24;
  for (let i = 0; i < count; i++) {
    const stream = i % STREAMS;
    const n = Math.floor(i / STREAMS); // packet number within its stream
    const f = frames[n % frames.length]!;
    if (fill + 16 + f.data.length > chunk.length) {
      await file.write(chunk.subarray(0, fill));
      fill = 0;
    }
    const us = n * 20_000 + stream * 1000; // 20 ms apart within a stream, streams 1 ms apart
    view.setUint32(fill, 1_800_000_000 + Math.floor(us / 1e6), true);
    view.setUint32(fill + 4, us % 1e6, true);
    view.setUint32(fill + 8, f.data.length, true);
    view.setUint32(fill + 12, f.data.length, true);
    const at = fill + 16;
    chunk.set(f.data, at);
    view.setUint16(at + f.udp, 40000 + stream); // source port
    view.setUint16(at + f.udp + 6, 0); // UDP checksum: none
    view.setUint16(at + f.rtp + 2, n & 0xffff); // sequence
    view.setUint32(at + f.rtp + 4, (n * 160) >>> 0); // timestamp, 20 ms at 8 kHz
    view.setUint32(at + f.rtp + 8, 0x10000000 + stream); // SSRC
    fill = at + f.data.length;
  }
  await file.write(chunk.subarray(0, fill));
  return path;
}

/** Runs a command under /usr/bin/time; returns wall seconds and peak RSS in MiB. */
async function timed(cmd: string[]): Promise<{ seconds: number; rssMiB: number }> {
  const out = await new Deno.Command("/usr/bin/time", {
    args: ["-f", "%e %M", ...cmd],
    stdout: "null",
    stderr: "piped",
  }).output();
  const err = new TextDecoder().decode(out.stderr).trim().split("\n");
  const [seconds, kb] = err[err.length - 1]!.split(" ").map(Number);
  if (!out.success && out.code !== 0) throw new Error(`${cmd.join(" ")} failed: ${err.join("\n")}`);
  return { seconds: seconds!, rssMiB: kb! / 1024 };
}

const small = await makeCapture(packets);
const large = await makeCapture(packets * 4);
const netpixCmd = (f: string) => [Deno.execPath(), "run", ...RUN_PERMISSIONS, MAIN, "analyze", f, "--format", "json"];
const tsharkCmd = (f: string) => ["tshark", "-r", f, "-q", "-o", "rtp.heuristic_rtp:TRUE", "-z", "rtp,streams"];

note(`netpix analyze ${small}`);
const netpix = await timed(netpixCmd(small));
note(`tshark -z rtp,streams ${small}`);
const tshark = await timed(tsharkCmd(small));
note(`netpix analyze ${large}`);
const netpixLarge = await timed(netpixCmd(large));

const result = {
  packets,
  streams: STREAMS,
  netpix: { command: `netpix analyze ${small} --format json`, ...netpix, pps: packets / netpix.seconds },
  tshark: { command: tsharkCmd(small).join(" "), ...tshark, pps: packets / tshark.seconds },
  ratio: tshark.seconds / netpix.seconds,
  netpixLarge: { packets: packets * 4, ...netpixLarge, pps: (packets * 4) / netpixLarge.seconds },
  rssGrowth: netpixLarge.rssMiB / netpix.rssMiB - 1,
};
await writeResult("analyze_rate", result);
