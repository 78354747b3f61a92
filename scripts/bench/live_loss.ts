/**
 * Live loss at a paced rate on `lo`, netpix run as a user runs it, against tcpdump on the same traffic in the same run.
 *
 *  1. `netpix run -i lo -c "udp port P" -p 0` (a child process), a UDP sink on P (so no ICMP), one WebSocket client that
 *     selects source 0 and walks every packet of every batch: udp_blast's sequence numbers (UDP payload bytes 0..8)
 *     give the missing ones; `dropped` control messages, the client's own counters and `GET /api/stats` (kernel drops,
 *     captured, overwritten) say where any loss happened.
 *  2. `tcpdump -i lo -w /dev/null udp port P` on a second blast of the same shape, and its "dropped by kernel" line.
 *  3. The same tcpdump with netpix's buffer and snaplen (`-B 65536 -s 262144`, src/capture/open.ts; tcpdump has no
 *     option for the block timeout), so a difference can be put on the capture settings or on netpix's reading.
 *
 *     deno run -A scripts/bench/live_loss.ts [RATE=100000] [COUNT=1000000] [SIZE=200]
 *
 * Needs root (capture on lo) and bench-out/udp_blast. Writes bench-out/live_loss.json.
 * @module
 */

import {
  cpuSeconds,
  freeUdpPort,
  netpixStats,
  note,
  sleep,
  startNetpix,
  startTcpdump,
  StreamingClient,
  type TcpdumpStats,
  udpBlast,
  udpSink,
  writeResult,
} from "./_common.ts";

const rate = Number(Deno.args[0] ?? 100_000);
const count = Number(Deno.args[1] ?? 1_000_000);
const size = Number(Deno.args[2] ?? 200);

/** Runs netpix with one client through one blast and accounts for every packet. */
async function netpixRun(): Promise<Record<string, unknown>> {
  const port = await freeUdpPort();
  const sink = await udpSink(port);
  // -q: the default live queue (1,000 packets) is 10 ms at 100k packets/s, shorter than a capture batch can be, so
  // the client would see queue-full drops (reported); this run measures the capture path, so it allows 200 ms.
  const args = ["-i", "lo", "-c", `udp port ${port}`, "-q", String(Math.max(1000, Math.round(rate / 5)))];
  const netpix = await startNetpix(args);
  const client = new StreamingClient(netpix.url);
  const seen = new Uint8Array(count);
  let unique = 0, duplicates = 0, outOfRange = 0, reordered = 0, lastSeq = -1, lastArrivalMs = 0;
  client.onPacket = (p, arrivalMs) => {
    lastArrivalMs = arrivalMs;
    if (p.seq >= count) outOfRange++;
    else if (seen[p.seq]) duplicates++;
    else {
      seen[p.seq] = 1;
      unique++;
    }
    if (p.seq < lastSeq) reordered++;
    lastSeq = p.seq;
  };
  try {
    await client.select(0);
    const cpu0 = cpuSeconds(netpix.pid), t0 = performance.now();
    note(`netpix on ${netpix.url}, pid ${netpix.pid}; blasting ${count} x ${size} B at ${rate}/s to udp ${port}`);
    const blast = await udpBlast(port, rate, count, size);
    const blastEndMs = performance.timeOrigin + performance.now();
    const blastCpu = (cpuSeconds(netpix.pid) - cpu0) / ((performance.now() - t0) / 1000);
    // Wait until the client has everything, or nothing new arrives for 2 s (at most 60 s).
    let last = -1, stableSince = performance.now();
    const deadline = performance.now() + 60_000;
    while (client.packets < blast.sent && performance.now() < deadline && performance.now() - stableSince < 2000) {
      if (client.packets !== last) [last, stableSince] = [client.packets, performance.now()];
      await sleep(50);
    }
    await sleep(1100); // one housekeeping period, so the client also has a final stats message
    const stats = await netpixStats(netpix.url);
    const src = stats.sources[0]!;
    const dropped = client.controls.filter((c) => c.type === "dropped");
    const lastClientStats = client.controls.findLast((c) => c.type === "stats");
    const gaps: Array<[number, number]> = [];
    for (let s = 0; s < count && gaps.length < 10; s++) {
      if (seen[s]) continue;
      let e = s;
      while (e + 1 < count && !seen[e + 1]) e++;
      gaps.push([s, e]);
      s = e;
    }
    return {
      command: `deno run ${"--allow-ffi --allow-read --allow-net --allow-env --allow-sys"} main.ts run ${
        args.map((a) => a.includes(" ") ? `"${a}"` : a).join(" ")
      } -p 0`,
      blast,
      sent: blast.sent,
      clientPackets: client.packets,
      clientUnique: unique,
      missing: blast.sent - unique,
      duplicates,
      outOfRange,
      reordered,
      undecodable: client.undecodable,
      firstGaps: gaps,
      lastPacketAfterBlastMs: Math.round(lastArrivalMs - blastEndMs),
      netpixCpuDuringBlast: Math.round(blastCpu * 1000) / 10, // % of one core
      kernel: src.kernel ?? null,
      captured: src.captured,
      overwritten: src.overwritten,
      droppedMessages: dropped,
      clientStats: lastClientStats?.type === "stats" ? lastClientStats.client : null,
      netpixLog: netpix.stderr().split("\n").filter((l) => /WARN|ERROR/.test(l)).slice(0, 10),
    };
  } finally {
    await client.close();
    const code = await netpix.stop();
    if (code !== 0) note(`netpix exited ${code}: ${netpix.stderr()}`);
    await sink.close();
  }
}

/** tcpdump capturing one blast of the same shape. */
async function tcpdumpRun(extra: string[]): Promise<Record<string, unknown>> {
  const port = await freeUdpPort();
  const sink = await udpSink(port);
  const args = ["-i", "lo", ...extra, "-w", "/dev/null", "udp", "port", String(port)];
  const td = await startTcpdump(args);
  let stats: TcpdumpStats;
  let blast;
  try {
    blast = await udpBlast(port, rate, count, size);
    await sleep(1500); // tcpdump's TPACKET_V3 blocks time out after 1 s: let the last one be handed over
  } finally {
    stats = await td.stop();
    await sink.close();
  }
  return { command: `tcpdump ${args.join(" ").replace(/port \d+$/, "port P")}`, blast, ...stats };
}

const netpix = await netpixRun();
note(`netpix: ${JSON.stringify({ missing: netpix.missing, kernel: netpix.kernel })}`);
const tcpdump = await tcpdumpRun([]);
note(`tcpdump: ${tcpdump.lines}`);
const tcpdumpNetpixSettings = await tcpdumpRun(["-B", "65536", "-s", "262144"]);
note(`tcpdump with netpix's settings: ${tcpdumpNetpixSettings.lines}`);
await writeResult("live_loss", { rate, count, size, netpix, tcpdump, tcpdumpNetpixSettings });
