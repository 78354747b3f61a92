/**
 * Idle CPU: netpix capturing on `lo` with a filter no traffic matches, first with no WebSocket client, then with one
 * client that has selected the source; then tcpdump with the same filter. CPU% is (utime + stime) of the process and
 * all its threads over the window (/proc/PID/stat), divided by the window's wall time; 100% is one core. Context
 * switches of all threads (/proc/PID/task/N/status) show how often each wakes.
 *
 *     deno run -A scripts/bench/idle_cpu.ts [SECONDS=20]
 *
 * Needs root (capture on lo). Writes bench-out/idle_cpu.json.
 * @module
 */

import {
  contextSwitches,
  cpuSeconds,
  freeUdpPort,
  note,
  sleep,
  startNetpix,
  startTcpdump,
  StreamingClient,
  writeResult,
} from "./_common.ts";

const seconds = Number(Deno.args[0] ?? 20);
/** Startup (JIT, first reads) is left out of every window. */
const SETTLE_MS = 2000;

async function measure(pid: number): Promise<{ cpuPercent: number; wakeupsPerSecond: number; seconds: number }> {
  const c0 = cpuSeconds(pid), s0 = contextSwitches(pid), t0 = performance.now();
  await sleep(seconds * 1000);
  const wall = (performance.now() - t0) / 1000;
  const cpu = cpuSeconds(pid) - c0;
  return {
    cpuPercent: Math.round(cpu / wall * 10000) / 100,
    wakeupsPerSecond: Math.round((contextSwitches(pid) - s0) / wall),
    seconds: Math.round(wall * 10) / 10,
  };
}

const port = await freeUdpPort(); // nobody sends to it
const args = ["-i", "lo", "-c", `udp port ${port}`];
const command = `deno run --allow-ffi --allow-read --allow-net --allow-env --allow-sys main.ts run ${
  args.map((a) => a.includes(" ") ? `"${a}"` : a).join(" ")
} -p 0`;
const netpix = await startNetpix(args);
let noClient, oneClient;
try {
  await sleep(SETTLE_MS);
  note(`netpix pid ${netpix.pid}, no client, ${seconds} s`);
  noClient = await measure(netpix.pid);
  const client = new StreamingClient(netpix.url);
  try {
    await client.select(0);
    await sleep(SETTLE_MS);
    note(`netpix pid ${netpix.pid}, one client, ${seconds} s`);
    oneClient = await measure(netpix.pid);
    oneClient = { ...oneClient, messagesReceived: client.messages, packetsReceived: client.packets };
  } finally {
    await client.close();
  }
} finally {
  await netpix.stop();
}

const tdArgs = ["-i", "lo", "-w", "/dev/null", "udp", "port", String(port)];
const td = await startTcpdump(tdArgs);
let tcpdump;
try {
  await sleep(SETTLE_MS);
  note(`tcpdump pid ${td.pid}, ${seconds} s`);
  tcpdump = await measure(td.pid);
} finally {
  await td.stop();
}

await writeResult("idle_cpu", {
  seconds,
  netpixNoClient: { command, ...noClient },
  netpixOneClient: {
    command: `${command}, plus one WebSocket client that sent {"type":"select","source":0}`,
    ...oneClient,
  },
  tcpdump: { command: `tcpdump ${tdArgs.join(" ")}`, ...tcpdump },
});
