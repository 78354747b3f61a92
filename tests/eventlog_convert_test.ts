/**
 * The round trip log → pcapng → tshark: `netpix convert` writes the sample call's logged RTP/RTCP, tshark reads it
 * back, and its `-z rtp,streams` packet counts agree with `netpix analyze LOG --format json` and with what the log
 * generator put in.
 */
import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { ROOT_PATH, runCli, sh } from "./_netpix.ts";
import { makeSampleLog } from "../src/eventlog/_sample.ts";
import { EventLogDecoder } from "../src/eventlog/stream.ts";
import { concat } from "../src/eventlog/_encode.ts";

const FIXTURE = `${ROOT_PATH}tests/testdata/eventlog/call.rtclog`;

/** tshark's per-SSRC packet counts from `-z rtp,streams` (RTP decoded on the synthetic port 5004). */
async function tsharkStreams(pcapng: string): Promise<Map<number, number>> {
  const out = await sh("tshark", ["-r", pcapng, "-d", "udp.port==5004,rtp", "-q", "-z", "rtp,streams"]);
  const counts = new Map<number, number>();
  for (const line of out.split("\n")) {
    const m = line.match(/\s(0x[0-9a-f]{8})\s+\S+\s+(\d+)\s/);
    if (m) counts.set(parseInt(m[1]!, 16), Number(m[2]));
  }
  return counts;
}

Deno.test("netpix convert writes a pcapng whose RTP streams tshark counts as netpix analyze does", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const out = `${dir}/call.pcapng`;
    const conv = await runCli(["convert", FIXTURE, "-w", out]);
    strictEqual(conv.code, 0, conv.stderr);
    ok(conv.stderr.includes("wrote 2816 RTP and 171 RTCP packets"), conv.stderr);
    const tshark = await tsharkStreams(out);
    const analyze = await runCli(["analyze", FIXTURE, "--format", "json"]);
    strictEqual(analyze.code, 0, analyze.stderr);
    const report = JSON.parse(analyze.stdout) as { rtp_streams: { ssrc: number; packets: number }[] };
    const ours = new Map(report.rtp_streams.map((s) => [s.ssrc, s.packets]));
    deepStrictEqual(tshark, ours);
    deepStrictEqual(ours, makeSampleLog(10, 1).rtpPackets, "and both match what the generator logged");
    // One interface per direction, comments with the logged metadata, synthetic addresses.
    const fields = await sh("tshark", [
      "-r",
      out,
      "-d",
      "udp.port==5004,rtp",
      "-Y",
      "rtp.ssrc==0x22220001",
      "-T",
      "fields",
      "-e",
      "frame.interface_name",
      "-e",
      "ip.src",
      "-e",
      "ip.dst",
      "-e",
      "frame.comment",
      "-e",
      "frame.len",
    ]);
    const [iface, src, dst, comment, len] = fields.split("\n")[0]!.split("\t");
    deepStrictEqual([iface, src, dst], ["incoming", "198.51.100.1", "192.0.2.1"]);
    ok(comment?.startsWith("incoming RTP ssrc=0x22220001 seq=30000 pt=111"), comment);
    ok(Number(len) > 28 + 28, "the frame length is the logged packet size, beyond the captured headers");
    const rtcp = await sh("tshark", [
      "-r",
      out,
      "-d",
      "udp.port==5004,rtp",
      "-Y",
      "rtcp.pt==203",
      "-T",
      "fields",
      "-e",
      "frame.interface_name",
    ]);
    strictEqual(rtcp.trim(), "outgoing", "the single-event RTCP batch (BYE) made it into the pcapng");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("netpix convert and analyze fail clearly on a missing log, a pcap given as a log, and a bad command line", async () => {
  const missing = await runCli(["convert", "/nonexistent.rtclog", "-w", "/tmp/x.pcapng"]);
  strictEqual(missing.code, 2);
  ok(missing.stderr.includes("event log not found: /nonexistent.rtclog"), missing.stderr);
  const pcap = await runCli(["convert", `${ROOT_PATH}tests/testdata/demo.pcap`, "-w", "/tmp/x.pcapng"]);
  strictEqual(pcap.code, 2);
  ok(pcap.stderr.includes("is a pcap capture, not an event log"), pcap.stderr);
  const usage = await runCli(["convert", FIXTURE]);
  strictEqual(usage.code, 2);
  ok(usage.stderr.includes("convert needs -w OUT.pcapng"), usage.stderr);
});

Deno.test("the committed sample log is what scripts/make-eventlog-fixture.ts generates", async () => {
  deepStrictEqual(await Deno.readFile(FIXTURE), makeSampleLog(10, 1).bytes);
});

Deno.test("netpix analyze and convert read a damaged log up to the damage and name its offset", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const good = await Deno.readFile(FIXTURE);
    // The first event boundary after 20,000 bytes, where garbage is inserted: everything before it decodes.
    const probe = new EventLogDecoder();
    probe.push(good.subarray(0, 20_000));
    probe.drain([]);
    const cut = probe.offset;
    const damaged = concat(good.subarray(0, cut), new Uint8Array(16).fill(0xff), good.subarray(cut));
    const path = `${dir}/damaged.rtclog`;
    await Deno.writeFile(path, damaged);
    const a = await runCli(["analyze", path, "--format", "json"]);
    strictEqual(a.code, 0, a.stderr);
    const m = a.stderr.match(/event log damaged at byte (\d+)/);
    ok(m, a.stderr);
    strictEqual(Number(m[1]), cut);
    const report = JSON.parse(a.stdout) as { rtp_streams: { packets: number }[]; errors?: string[] };
    const total = report.rtp_streams.reduce((s, x) => s + x.packets, 0);
    ok(total > 0 && total < 2816, `analysed the packets before the damage (${total})`);
    const c = await runCli(["convert", path, "-w", `${dir}/d.pcapng`]);
    strictEqual(c.code, 1);
    ok(c.stderr.includes(`damaged at byte ${m[1]}`), c.stderr);
    const counted = await tsharkStreams(`${dir}/d.pcapng`);
    strictEqual([...counted.values()].reduce((s, x) => s + x, 0), total, "convert wrote what analyze saw");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
