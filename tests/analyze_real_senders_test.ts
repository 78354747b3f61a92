/**
 * `netpix analyze` on captures made in the test itself: ffmpeg sends G.711 µ-law, Opus and H.264 over RTP and H.264 in
 * MPEG-TS over UDP on lo for 3 s while tcpdump records them. The capture and impaired copies of it (written with our
 * own code: loss, duplicates, swapped neighbours, delay jitter, a corrupted MPEG-TS continuity counter) are each
 * analysed by netpix and by tshark, and the figures must agree.
 *
 * Like with like:
 * - tshark's Lost is `expected − packets` with `expected` ending at the last packet in capture order, so it is
 *   `lost − duplicates − (highest − last)` in netpix's terms (RTP_METRICS.md, D1 and D4). The test also checks netpix
 *   against what the impairment actually did (sequence numbers missing, copies added).
 * - Without SIP signalling tshark knows no clock rate for a dynamic payload type and prints −1 jitter, so jitter is
 *   compared for G.711 (PT 0) only. ffmpeg sets the marker bit on every Opus packet, which leaves tshark no delta to
 *   measure (−1): netpix must then report null.
 * - `cc_errors` counts TS packets flagged `mp2t.cc.drop`, so tshark's occurrences of the field are counted, not frames.
 *
 * Needs root (tcpdump on lo), ffmpeg with libopus and libx264, tcpdump and tshark; skipped when a program is missing.
 * @module
 */
import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { runCli } from "./_netpix.ts";
import { captureSenders, hasProgram, udpSink } from "./_live_capture.ts";
import { readPcap } from "./_pcap_reader.ts";
import { type PcapWriteRecord, writePcap } from "./_pcap_writer.ts";
import type { AnalysisReport } from "../src/analysis/session.ts";
import {
  chain,
  delayJitter,
  dropRandom,
  duplicateRandom,
  type Impairment,
  swapNeighbours,
  unimpaired,
} from "../src/analysis/_impair.ts";
import {
  loadRtpCapture,
  parseTsharkRtpStreams,
  type RtpPacket,
  seededRandom,
  seqOf,
  type TsharkStreamRow,
} from "../src/analysis/_rtp_capture.ts";

const MISSING = ["ffmpeg", "tcpdump", "tshark"].filter((p) =>
  !hasProgram(p, p === "ffmpeg" ? "-version" : "--version")
);

const SSRC = { pcmu: 0x0a110001, opus: 0x0a110002, h264: 0x0a110003 };
const DELTA_TOLERANCE_MS = 0.01;
const JITTER_TOLERANCE = 0.01;
/** tshark prints 3 decimals, so a jitter below 0.05 ms can differ by its rounding (0.0005 ms) and no more. */
const PRINT_ROUNDING_MS = 0.0005 + 1e-9;

interface Row {
  name: string;
  /** Applied to the G.711 stream only; the other streams stay as captured. */
  impair: Impairment;
  /** Corrupt the CC nibble of the first TS packet of this datagram of the MPEG-TS flow. */
  corruptTsDatagram?: number;
}

const ROWS: Row[] = [
  { name: "as captured", impair: unimpaired },
  { name: "5 % of G.711 dropped", impair: dropRandom(0.05) },
  { name: "G.711 duplicates and swapped neighbours", impair: chain(duplicateRandom(0.05), swapNeighbours(4)) },
  { name: "G.711 delay jitter 0-25 ms (reorders)", impair: delayJitter(25, 10) },
  {
    name: "all together and one MPEG-TS CC nibble corrupted",
    impair: chain(dropRandom(0.05), duplicateRandom(0.05), swapNeighbours(4), delayJitter(10, 10)),
    corruptTsDatagram: 10,
  },
];

async function output(cmd: string, args: string[]): Promise<string> {
  const out = await new Deno.Command(cmd, { args, stdout: "piped", stderr: "piped" }).output();
  if (!out.success) throw new Error(`${cmd} failed: ${new TextDecoder().decode(out.stderr)}`);
  return new TextDecoder().decode(out.stdout);
}

/** Occurrences of `mp2t.cc.drop` (one per flagged TS packet; a frame may hold several). */
async function tsharkCcDrops(file: string, tsPort: number): Promise<number> {
  const text = await output("tshark", [
    "-n",
    "-r",
    file,
    "-d",
    `udp.port==${tsPort},mp2t`,
    "-Y",
    "mp2t.cc.drop",
    "-T",
    "fields",
    "-E",
    "occurrence=a",
    "-e",
    "mp2t.cc.drop",
  ]);
  return text.split("\n").filter((l) => l.trim() !== "").reduce((n, l) => n + l.split(",").length, 0);
}

function within(figure: string, ours: number | null, theirs: number, tolerance: number): void {
  ok(ours !== null && Math.abs(ours - theirs) <= tolerance, `${figure}: ${ours} vs tshark ${theirs} (±${tolerance})`);
}

const udpDstPort = (r: PcapWriteRecord) => (r.data[36]! << 8) | r.data[37]!; // Ethernet (lo), IPv4, UDP
const arrival = (r: PcapWriteRecord) => r.timestampSeconds * 1e9 + r.timestampFraction;

Deno.test({
  name: "netpix analyze agrees with tshark on real ffmpeg senders captured now, as captured and impaired",
  ignore: MISSING.length > 0,
  async fn() {
    const started = performance.now();
    const dir = await Deno.makeTempDir({ prefix: "netpix-real-senders-" });
    const sink = await udpSink(4);
    try {
      const [pPcmu, pOpus, pH264, pTs] = sink.ports as [number, number, number, number];
      const pcap = `${dir}/capture.pcap`;
      const sdp = `${dir}/capture.sdp`;
      const rtp = (ssrc: number) => ["-ssrc", String(ssrc), "-seq", "1000"]; // no sequence wrap within 3 s
      await captureSenders(
        pcap,
        `udp and (dst port ${pPcmu} or dst port ${pOpus} or dst port ${pH264} or dst port ${pTs})`,
        [
          [
            ...["-re", "-t", "3", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=8000:samples_per_frame=160"],
            ...["-c:a", "pcm_mulaw", ...rtp(SSRC.pcmu), "-f", "rtp", `rtp://127.0.0.1:${pPcmu}`],
          ],
          [
            ...["-re", "-t", "3", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000"],
            ...["-re", "-t", "3", "-f", "lavfi", "-i", "testsrc=size=160x120:rate=10"],
            ...["-map", "0:a", "-c:a", "libopus", "-b:a", "32k", "-ac", "1", "-ar", "48000", "-frame_duration", "20"],
            ...[...rtp(SSRC.opus), "-payload_type", "111", "-f", "rtp", `rtp://127.0.0.1:${pOpus}`],
            ...[
              "-map",
              "1:v",
              "-c:v",
              "libx264",
              "-preset",
              "ultrafast",
              "-tune",
              "zerolatency",
              "-pix_fmt",
              "yuv420p",
            ],
            ...[...rtp(SSRC.h264), "-payload_type", "96", "-f", "rtp", `rtp://127.0.0.1:${pH264}?pkt_size=1200`],
            ...["-sdp_file", sdp],
          ],
          [
            ...["-re", "-t", "3", "-f", "lavfi", "-i", "testsrc=size=160x120:rate=10"],
            ...["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"],
            ...["-f", "mpegts", `udp://127.0.0.1:${pTs}?pkt_size=1316`],
          ],
        ],
      );
      const captured = performance.now() - started;
      const sdpText = await Deno.readTextFile(sdp);
      ok(sdpText.includes("a=rtpmap:111 opus/48000") && sdpText.includes("a=rtpmap:96 H264/90000"), sdpText);

      const file = readPcap(await Deno.readFile(pcap));
      strictEqual(file.linkType, 1, "lo captures as Ethernet");
      const g711 = await loadRtpCapture(new URL(`file://${pcap}`), [pPcmu]);
      const others = file.records.filter((r) => udpDstPort(r) !== pPcmu);
      strictEqual(g711.packets.length + others.length, file.records.length, "every G.711 record parses as RTP");
      ok(g711.packets.length >= 140, `G.711 packets captured: ${g711.packets.length}`);

      const results = await Promise.all(ROWS.map(async (row, i) => {
        const ctx = { random: seededRandom(0x5eed + i), nanosecond: file.nanosecond };
        const pcmu: RtpPacket[] = row.impair(g711.packets, ctx);
        const rest = others.map((r) => ({ ...r, data: r.data.slice() }));
        let corrupted = false;
        if (row.corruptTsDatagram !== undefined) {
          const victim = rest.filter((r) => udpDstPort(r) === pTs)[row.corruptTsDatagram]!;
          strictEqual(victim.data[42], 0x47, "sync byte of the victim TS packet");
          victim.data[45] = (victim.data[45]! & 0xf0) | ((victim.data[45]! + 5) & 0x0f);
          corrupted = true;
        }
        const records = [...rest, ...pcmu.map((p) => p.rec)].sort((a, b) => arrival(a) - arrival(b));
        const path = `${dir}/row${i}.pcap`;
        await Deno.writeFile(path, writePcap(file, records));
        const [cli, tsharkText, ccDrops] = await Promise.all([
          runCli(["analyze", path, "--sdp", sdp, "--format", "json"]),
          output("tshark", [
            "-n",
            "-r",
            path,
            "-q",
            ...[pPcmu, pOpus, pH264].flatMap((p) => ["-d", `udp.port==${p},rtp`]),
            ...["-d", `udp.port==${pTs},mp2t`, "-z", "rtp,streams"],
          ]),
          tsharkCcDrops(path, pTs),
        ]);
        strictEqual(cli.code, 0, cli.stderr);
        return { row, pcmu, corrupted, report: JSON.parse(cli.stdout) as AnalysisReport, tshark: tsharkText, ccDrops };
      }));

      const summary: string[] = [];
      for (const { row, pcmu, corrupted, report, tshark, ccDrops } of results) {
        const name = row.name;
        const theirs: TsharkStreamRow[] = parseTsharkRtpStreams(tshark);
        strictEqual(report.rtp_streams.length, 3, `${name}: netpix streams`);
        strictEqual(theirs.length, 3, `${name}: tshark streams`);
        deepStrictEqual(
          report.rtp_streams.map((s) => [s.ssrc, s.clock_rate]).sort((a, b) => a[0]! - b[0]!),
          [[SSRC.pcmu, 8000], [SSRC.opus, 48000], [SSRC.h264, 90000]],
          `${name}: streams and clock rates (SDP for Opus and H.264)`,
        );
        // what the impairment did to G.711, counted from the packets written
        const seqs = pcmu.map(seqOf);
        const unique = new Set(seqs).size;
        const highest = Math.max(...seqs);
        const short = highest - seqs[seqs.length - 1]!; // tshark's expected ends at the last packet in capture order
        for (const t of theirs) {
          const s = report.rtp_streams.find((x) => x.ssrc === t.ssrc);
          ok(s, `${name}: netpix has stream 0x${t.ssrc.toString(16)}`);
          const label = `${name}: 0x${t.ssrc.toString(16)}`;
          strictEqual(s.packets, t.packets, `${label}: packets`);
          if (t.ssrc === SSRC.pcmu) {
            strictEqual(s.packets, pcmu.length, `${label}: packets written`);
            strictEqual(s.lost, highest - Math.min(...seqs) + 1 - unique, `${label}: sequence numbers missing`);
            strictEqual(s.duplicates, pcmu.length - unique, `${label}: copies added`);
            strictEqual(s.lost - s.duplicates - short, t.lost, `${label}: tshark Lost = lost − duplicates − ${short}`);
          } else {
            deepStrictEqual([s.lost, s.duplicates, t.lost], [0, 0, 0], `${label}: nothing lost`);
          }
          if (t.minDeltaMs === -1) {
            deepStrictEqual([s.min_delta_ms, s.max_delta_ms], [null, null], `${label}: tshark measured no delta`);
          } else {
            within(`${label}: min delta`, s.min_delta_ms, t.minDeltaMs, DELTA_TOLERANCE_MS);
            within(`${label}: max delta`, s.max_delta_ms, t.maxDeltaMs, DELTA_TOLERANCE_MS);
          }
          if (t.ssrc === SSRC.pcmu) {
            ok(t.meanJitterMs > 0 && t.maxJitterMs > 0, `${label}: tshark measured jitter`);
            const jitterTolerance = (b: number) => Math.max(JITTER_TOLERANCE * b, PRINT_ROUNDING_MS);
            within(`${label}: mean jitter`, s.mean_jitter_ms, t.meanJitterMs, jitterTolerance(t.meanJitterMs));
            within(`${label}: max jitter`, s.max_jitter_ms, t.maxJitterMs, jitterTolerance(t.maxJitterMs));
            summary.push(
              `${name}: G.711 ${s.packets} pkts, lost ${s.lost}, dup ${s.duplicates}, ooo ${s.out_of_order}, ` +
                `highest−last ${short}, tshark Lost ${t.lost}; ` +
                `delta ${s.min_delta_ms}/${s.max_delta_ms} vs ${t.minDeltaMs}/${t.maxDeltaMs}; ` +
                `jitter ${s.mean_jitter_ms}/${s.max_jitter_ms} vs ${t.meanJitterMs}/${t.maxJitterMs}`,
            );
          }
        }
        strictEqual(report.mpegts.length, 1, `${name}: one MPEG-TS flow`);
        const ts = report.mpegts[0]!;
        ok(ts.ts_packets > 100, `${name}: TS packets ${ts.ts_packets}`);
        strictEqual(ts.cc_errors, ccDrops, `${name}: cc_errors vs tshark's mp2t.cc.drop occurrences`);
        if (corrupted) ok(ccDrops > 0, `${name}: tshark sees the corrupted CC`);
        else strictEqual(ccDrops, 0, `${name}: no CC error as captured`);
        summary.push(`${name}: MPEG-TS ${ts.ts_packets} TS pkts, cc_errors ${ts.cc_errors}, tshark ${ccDrops}`);
      }
      if (Deno.env.get("NETPIX_REAL_SENDERS_REPORT")) {
        console.log(`capture ${Math.round(captured)} ms, total ${Math.round(performance.now() - started)} ms`);
        console.log(summary.join("\n"));
      }
    } finally {
      await sink.close();
      await Deno.remove(dir, { recursive: true });
    }
  },
});
