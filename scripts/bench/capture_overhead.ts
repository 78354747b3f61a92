/**
 * CPU of a `netpix capture` job against plain `tcpdump -w`, in the same run: both capture the same paced UDP traffic
 * on lo (bench-out/udp_blast) with the same filter, each writing its own pcap file, while the sender runs at a fixed
 * rate. netpix also analyses every packet (the report), which tcpdump does not do. CPU is utime + stime of each process
 * and its threads (/proc/PID/stat) over the send window plus 0.5 s; a 1 s warm-up burst before it is left out (JIT).
 *
 *     deno run -A scripts/bench/capture_overhead.ts [RATES=1000,20000] [SECONDS=10] [SIZE=200]
 *
 * Needs root (capture on lo). Writes bench-out/capture_overhead.json.
 * @module
 */

import { cpuSeconds, freeUdpPort, MAIN, note, OUT_DIR, sleep, udpBlast, udpSink, writeResult } from "./_common.ts";
import { RUN_PERMISSIONS } from "../../tests/_netpix.ts";

const rates = (Deno.args[0] ?? "1000,20000").split(",").map(Number);
const seconds = Number(Deno.args[1] ?? 10);
const size = Number(Deno.args[2] ?? 200);

interface Proc {
  pid: number;
  stderr: () => string;
  stop: () => Promise<Deno.CommandStatus>;
}

async function start(cmd: string, args: string[], ready: string): Promise<Proc> {
  const child = new Deno.Command(cmd, { args, stdin: "null", stdout: "null", stderr: "piped" }).spawn();
  let err = "";
  const dec = new TextDecoder();
  const errDone = (async () => {
    for await (const c of child.stderr) err += dec.decode(c, { stream: true });
  })();
  const deadline = Date.now() + 15_000;
  while (!err.includes(ready)) {
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      await child.status;
      throw new Error(`${cmd} did not start: ${err}`);
    }
    await sleep(20);
  }
  return {
    pid: child.pid,
    stderr: () => err,
    stop: async () => {
      child.kill("SIGINT");
      const st = await child.status;
      await errDone;
      return st;
    },
  };
}

async function runAt(rate: number) {
  const port = await freeUdpPort();
  const sink = await udpSink(port);
  const filter = `udp port ${port}`;
  const netpixFile = `${OUT_DIR}/capture_netpix.pcap`;
  const netpixReport = `${OUT_DIR}/capture_netpix.json`;
  const tcpdumpFile = `${OUT_DIR}/capture_tcpdump.pcap`;
  const netpixArgs = ["capture", "-i", "lo", "-c", filter, "-w", netpixFile, "--report", netpixReport];
  const tcpdumpArgs = ["-i", "lo", "-n", "-Z", "root", "-w", tcpdumpFile, filter];
  const netpix = await start(
    Deno.execPath(),
    ["run", ...RUN_PERMISSIONS, "--allow-write", MAIN, ...netpixArgs],
    "capturing on lo",
  );
  const tcpdump = await start("tcpdump", tcpdumpArgs, "listening on lo");
  try {
    await udpBlast(port, rate, rate, size); // warm-up: 1 s, left out of the measurement
    await sleep(1000);
    note(
      `${rate} packets/s × ${seconds} s of ${size}-byte datagrams; netpix pid ${netpix.pid}, tcpdump ${tcpdump.pid}`,
    );
    const n0 = cpuSeconds(netpix.pid), d0 = cpuSeconds(tcpdump.pid), t0 = performance.now();
    const blast = await udpBlast(port, rate, rate * seconds, size);
    await sleep(500);
    const wall = (performance.now() - t0) / 1000;
    const netpixCpu = cpuSeconds(netpix.pid) - n0, tcpdumpCpu = cpuSeconds(tcpdump.pid) - d0;
    const [ns, ds] = await Promise.all([netpix.stop(), tcpdump.stop()]);
    if (ns.code !== 0) throw new Error(`netpix capture exited ${ns.code}: ${netpix.stderr()}`);
    const report = JSON.parse(await Deno.readTextFile(netpixReport));
    const captured = Number(tcpdump.stderr().match(/(\d+) packets? captured/)?.[1] ?? NaN);
    const tcpdumpDropped = Number(tcpdump.stderr().match(/(\d+) packets? dropped by kernel/)?.[1] ?? NaN);
    const pct = (cpu: number) => Math.round(cpu / wall * 10000) / 100;
    const [netpixBytes, tcpdumpBytes] = [(await Deno.stat(netpixFile)).size, (await Deno.stat(tcpdumpFile)).size];
    await Promise.all([Deno.remove(netpixFile), Deno.remove(tcpdumpFile)]); // up to hundreds of MB each
    return {
      rate,
      seconds,
      size,
      blast,
      windowSeconds: Math.round(wall * 100) / 100,
      netpix: {
        cpuSeconds: netpixCpu,
        cpuPercent: pct(netpixCpu),
        packets: report.packets.total,
        droppedByKernel: report.capture.dropped_by_kernel,
        fileBytes: netpixBytes,
        command: `deno run ${[...RUN_PERMISSIONS, "--allow-write"].join(" ")} main.ts ${
          netpixArgs.map((a) => a.includes(" ") ? `"${a}"` : a).join(" ")
        }`,
      },
      tcpdump: {
        cpuSeconds: tcpdumpCpu,
        cpuPercent: pct(tcpdumpCpu),
        packets: captured,
        droppedByKernel: tcpdumpDropped,
        exit: ds.code,
        fileBytes: tcpdumpBytes,
        command: `tcpdump ${tcpdumpArgs.map((a) => a.includes(" ") ? `"${a}"` : a).join(" ")}`,
      },
      ratio: tcpdumpCpu > 0 ? Math.round(netpixCpu / tcpdumpCpu * 100) / 100 : null,
    };
  } finally {
    await netpix.stop().catch(() => {});
    await tcpdump.stop().catch(() => {});
    await sink.close();
  }
}

const results = [];
for (const rate of rates) results.push(await runAt(rate));
for (const r of results) {
  note(
    `${r.rate}/s: netpix capture ${r.netpix.cpuPercent} % CPU (${r.netpix.packets} packets), tcpdump -w ` +
      `${r.tcpdump.cpuPercent} % (${r.tcpdump.packets}); ratio ${r.ratio}`,
  );
}
await writeResult("capture_overhead", results);
