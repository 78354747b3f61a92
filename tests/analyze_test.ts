/**
 * `netpix analyze` end to end, as a CI job runs it: real captures, impaired copies written by our own code, tshark's
 * `-z rtp,streams` as the oracle, `--fail-on` exit codes, and every bad input.
 */
import { deepStrictEqual, match, ok, strictEqual } from "node:assert/strict";
import { DEMO_PCAP, ROOT_PATH, runCli } from "./_netpix.ts";
import { readPcap } from "./_pcap_reader.ts";
import { writePcap } from "./_pcap_writer.ts";
import type { AnalysisReport } from "../src/analysis/session.ts";

const PCMU = `${ROOT_PATH}tests/testdata/rtp-analysis/pcmu.pcap`;
const DEMO_SDP = `${ROOT_PATH}tests/testdata/demo.sdp`;

async function analyzeJson(args: string[]): Promise<AnalysisReport> {
  const r = await runCli(["analyze", ...args, "--format", "json"]);
  strictEqual(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as AnalysisReport;
}

interface TsharkStream {
  ssrc: number;
  packets: number;
  lost: number;
  minDelta: number;
  maxDelta: number;
}

/** tshark's `-z rtp,streams` rows. */
async function tsharkStreams(file: string, decodeAs: string[]): Promise<TsharkStream[]> {
  const out = await new Deno.Command("tshark", {
    args: ["-r", file, "-q", ...decodeAs.flatMap((d) => ["-d", d]), "-z", "rtp,streams"],
    stdout: "piped",
    stderr: "null",
  }).output();
  return new TextDecoder().decode(out.stdout).split("\n").flatMap((line) => {
    const m = line.match(
      /\s(0x[0-9a-fA-F]{8})\s+\S+\s+(\d+)\s+(-?\d+) \([^)]*\)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)/,
    );
    return m ? [{ ssrc: parseInt(m[1]!, 16), packets: +m[2]!, lost: +m[3]!, minDelta: +m[4]!, maxDelta: +m[6]! }] : [];
  });
}

/** A copy of `src` without the records at the given 0-based indices. */
async function withoutRecords(src: string, drop: Set<number>): Promise<string> {
  const file = readPcap(await Deno.readFile(src));
  const out = await Deno.makeTempFile({ suffix: ".pcap" });
  await Deno.writeFile(out, writePcap(file, file.records.filter((_, i) => !drop.has(i))));
  return out;
}

Deno.test("netpix analyze agrees with tshark on the demo capture's RTP streams", async () => {
  const report = await analyzeJson([DEMO_PCAP, "--sdp", DEMO_SDP]);
  const want = await tsharkStreams(DEMO_PCAP, ["udp.port==5004,rtp", "udp.port==5006,rtp"]);
  strictEqual(report.rtp_streams.length, want.length);
  for (const w of want) {
    const s = report.rtp_streams.find((x) => x.ssrc === w.ssrc)!;
    ok(s, `stream ${w.ssrc.toString(16)}`);
    strictEqual(s.packets, w.packets);
    strictEqual(s.lost, w.lost);
    if (w.minDelta >= 0) {
      ok(Math.abs(s.min_delta_ms! - w.minDelta) <= 0.01, `min delta ${s.min_delta_ms} vs ${w.minDelta}`);
    }
    if (w.maxDelta > 0) {
      ok(Math.abs(s.max_delta_ms! - w.maxDelta) <= 0.01, `max delta ${s.max_delta_ms} vs ${w.maxDelta}`);
    }
  }
  const video = report.rtp_streams.find((s) => s.ssrc === 0x11223344)!;
  strictEqual(video.clock_rate, 90000, "the SDP's rtpmap gives H.264 its clock");
  ok(video.mean_jitter_ms !== null);
  deepStrictEqual(
    [report.packets.by_protocol.rtp, report.packets.by_protocol.rtcp, report.packets.by_protocol.mpegts],
    [1124, 6, 532],
  );
});

Deno.test("netpix analyze counts packets dropped from a real capture, as tshark does, and --fail-on exits 3", async () => {
  const impaired = await withoutRecords(PCMU, new Set([10, 11, 12, 50, 120]));
  try {
    const report = await analyzeJson([impaired]);
    strictEqual(report.rtp_streams.length, 1);
    const s = report.rtp_streams[0]!;
    const port = s.dst.slice(s.dst.lastIndexOf(":") + 1);
    const [want] = await tsharkStreams(impaired, [`udp.port==${port},rtp`]);
    ok(want, "tshark sees the stream");
    strictEqual(s.lost, 5);
    strictEqual(s.lost, want!.lost);
    strictEqual(s.packets, want!.packets);
    const r = await runCli(["analyze", impaired, "--fail-on", "lost>4,max_jitter_ms>1000"]);
    strictEqual(r.code, 3, r.stderr);
    match(r.stderr, /^netpix: fail: RTP 0x[0-9a-f]{8} 127\.0\.0\.1:\d+ -> 127\.0\.0\.1:\d+: lost>4 \(actual 5\)$/m);
    ok(!r.stderr.includes("max_jitter_ms"), "a condition that does not hold is not reported");
    const clean = await runCli(["analyze", PCMU, "--fail-on", "lost>0"]);
    strictEqual(clean.code, 0, clean.stderr);
  } finally {
    await Deno.remove(impaired);
  }
});

Deno.test("netpix analyze reports a capture cut short and analyses what came before", async () => {
  const bytes = await Deno.readFile(PCMU);
  const cut = await Deno.makeTempFile({ suffix: ".pcap" });
  await Deno.writeFile(cut, bytes.subarray(0, Math.floor(bytes.length / 2) + 7));
  try {
    const r = await runCli(["analyze", cut, "--format", "json"]);
    strictEqual(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as AnalysisReport;
    ok(report.rtp_streams[0]!.packets > 50);
    strictEqual(report.errors.length, 1);
    match(report.errors[0]!, /reading stopped after \d+ packets/);
    match(r.stderr, /^netpix: warning: /);
  } finally {
    await Deno.remove(cut);
  }
});

Deno.test("netpix analyze writes CSV with the JSON field names", async () => {
  const r = await runCli(["analyze", PCMU, "--format", "csv"]);
  strictEqual(r.code, 0, r.stderr);
  const [header, row] = r.stdout.trim().split("\n");
  ok(header!.startsWith("ssrc,ssrc_hex,src,dst,"), header);
  strictEqual(row!.split(",").length, header!.split(",").length);
});

Deno.test("netpix analyze exits 2 with one message for every bad input", async () => {
  const notCapture = await Deno.makeTempFile();
  await Deno.writeTextFile(notCapture, "not a capture\n");
  try {
    for (
      const [args, re] of [
        [[], /needs at least one capture file/],
        [["/nonexistent.pcap"], /capture file not found/],
        [[notCapture], /cannot read capture file .*unknown file format/],
        [[PCMU, "--format", "xml"], /--format needs table, json or csv/],
        [[PCMU, "--fail-on", "loss>1"], /unknown field 'loss'/],
        [[PCMU, "--fail-on", "lost 1"], /is not FIELD OP NUMBER/],
        [[PCMU, "--clock-rate", "96"], /--clock-rate needs PT=Hz/],
        [[PCMU, "-c", "udp port x"], /invalid capture filter/],
        [[PCMU, "--sdp", "/nonexistent.sdp"], /cannot read SDP file/],
        [[PCMU, "--bogus"], /unknown option '--bogus'/],
      ] as const
    ) {
      const r = await runCli(["analyze", ...args]);
      strictEqual(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
      match(r.stderr.trim(), new RegExp(`^netpix: error: .*${re.source}`));
      strictEqual(r.stderr.trim().split("\n").length, 1);
    }
  } finally {
    await Deno.remove(notCapture);
  }
});

Deno.test("netpix analyze reports RTCP senders and ICE pairs from real captures", async () => {
  const ice = `${ROOT_PATH}tests/testdata/stun/ice.pcap`;
  const report = await analyzeJson([DEMO_PCAP, ice, "--sdp", DEMO_SDP]);
  const video = report.rtcp.find((r) => r.ssrc === 0x11223344);
  ok(video, "the H.264 sender's RTCP");
  strictEqual(video.sr_count, 3);
  strictEqual(video.cname, "netpix-demo@127.0.0.1");
  ok(Math.abs(video.clock_rate_estimate_hz! - 90000) < 90, `${video.clock_rate_estimate_hz}`);
  ok(report.ice_pairs.length > 0);
  ok(report.ice_pairs.some((p) => p.state === "nominated" || p.state === "sending-media"), "ice.pcap nominates a pair");
  ok(report.ice_pairs.every((p) => p.successes <= p.requests));
});

Deno.test("netpix analyze counts MPEG-TS continuity errors as tshark does, and --fail-on cc_errors>0 exits 3", async () => {
  const file = readPcap(await Deno.readFile(DEMO_PCAP));
  // Corrupt the CC nibble of the first TS packet of datagram 40 of the TS flow (UDP port 1234).
  const tsRecords = file.records.filter((r) => r.data.length > 42 && ((r.data[36]! << 8) | r.data[37]!) === 1234);
  const victim = tsRecords[40]!;
  victim.data[42 + 3] = (victim.data[42 + 3]! & 0xf0) | ((victim.data[42 + 3]! + 5) & 0x0f);
  const impaired = await Deno.makeTempFile({ suffix: ".pcap" });
  await Deno.writeFile(impaired, writePcap(file, file.records));
  try {
    const tshark = await new Deno.Command("tshark", {
      args: ["-r", impaired, "-Y", "mp2t.cc.drop", "-T", "fields", "-e", "frame.number"],
      stdout: "piped",
      stderr: "null",
    }).output();
    const tsharkDrops = new TextDecoder().decode(tshark.stdout).trim().split("\n").filter((l) => l !== "").length;
    ok(tsharkDrops > 0, "tshark sees the corruption");
    const report = await analyzeJson([impaired]);
    strictEqual(report.mpegts.length, 1);
    strictEqual(report.mpegts[0]!.cc_errors, tsharkDrops);
    ok(report.mpegts[0]!.tr101290.continuity_count_error!.count > 0);
    const clean = await analyzeJson([DEMO_PCAP]);
    strictEqual(clean.mpegts[0]!.cc_errors, 0);
    const r = await runCli(["analyze", impaired, "--fail-on", "cc_errors>0"]);
    strictEqual(r.code, 3, r.stderr);
    match(r.stderr, /netpix: fail: MPEG-TS 127\.0\.0\.1:\d+ -> 127\.0\.0\.1:1234: cc_errors>0/);
  } finally {
    await Deno.remove(impaired);
  }
});

Deno.test("netpix analyze counts H.264 keyframes and joins the RTCP CNAME to the RTP stream", async () => {
  const report = await analyzeJson([DEMO_PCAP, "--sdp", DEMO_SDP]);
  const video = report.rtp_streams.find((s) => s.ssrc === 0x11223344)!;
  const out = await new Deno.Command("tshark", {
    args: [
      "-r",
      DEMO_PCAP,
      "-d",
      "udp.port==5004,rtp",
      "-d",
      "rtp.pt==96,h264",
      "-Y",
      "h264.nal_unit_type==5",
      "-T",
      "fields",
      "-e",
      "rtp.timestamp",
    ],
    stdout: "piped",
    stderr: "null",
  }).output();
  const idrPictures = new Set(new TextDecoder().decode(out.stdout).trim().split("\n")).size;
  strictEqual(video.codec, "H264");
  strictEqual(video.keyframes, idrPictures);
  strictEqual(video.cname, "netpix-demo@127.0.0.1");
});

Deno.test("netpix analyze --decode-as reads a port's payloads as the kind asked for", async () => {
  const plain = await analyzeJson([DEMO_PCAP]);
  strictEqual(plain.packets.by_protocol.mpegts, 532);
  const forced = await analyzeJson([DEMO_PCAP, "--decode-as", "1234=unknown"]);
  strictEqual(forced.packets.by_protocol.mpegts, 0);
  strictEqual(forced.packets.by_protocol.unknown, plain.packets.by_protocol.unknown! + 532);
  const r = await runCli(["analyze", DEMO_PCAP, "--decode-as", "1234=sip"]);
  strictEqual(r.code, 2);
  match(r.stderr, /--decode-as needs PORT=KIND/);
});

Deno.test("netpix analyze names MID and RID from the header extensions the SDP's extmap maps (real Chromium RTP)", async () => {
  const dir = `${ROOT_PATH}tests/testdata/rtp`;
  const report = await analyzeJson([`${dir}/chrome-vp9-two-byte.pcap`, "--sdp", `${dir}/chrome-vp9-two-byte.sdp`]);
  const vp9 = report.rtp_streams.find((s) => s.codec === "VP9")!;
  deepStrictEqual([vp9.mid, vp9.rid, vp9.fmtp], ["0", "lo", "profile-id=0"]);
  ok(vp9.keyframes! >= 1);
  const opus = report.rtp_streams.find((s) => s.codec === "opus")!;
  strictEqual(opus.mid, "1");
});
