/**
 * Prints the benchmark results in bench-out/*.json (written by the other scripts here) as one markdown table, with the
 * machine they ran on. Missing results are skipped.
 *
 *     deno run -A scripts/bench/report.ts
 * @module
 */

import { libpcapVersion } from "../../ffi/capture.ts";
import { OUT_DIR } from "./_common.ts";

// deno-lint-ignore no-explicit-any
type Json = any;

async function load(name: string): Promise<Json | null> {
  try {
    return JSON.parse(await Deno.readTextFile(`${OUT_DIR}/${name}.json`));
  } catch {
    return null;
  }
}

async function sh(cmd: string, args: string[]): Promise<string> {
  try {
    const out = await new Deno.Command(cmd, { args, stdout: "piped", stderr: "piped" }).output();
    return new TextDecoder().decode(out.stdout).trim() || new TextDecoder().decode(out.stderr).trim();
  } catch {
    return "?";
  }
}

const mpps = (pps: number) => `${(pps / 1e6).toFixed(2)} M/s`;
const int = (n: number) => Math.round(n).toLocaleString("en-US");
const pct = (n: number) => `${n.toFixed(2)} %`;

const cpu = (await Deno.readTextFile("/proc/cpuinfo")).match(/^model name\s*:\s*(.*)$/m)?.[1] ?? "?";
const kernel = (await sh("uname", ["-r"])) || "?";
const tcpdumpVersion = (await sh("tcpdump", ["--version"])).split("\n")[0];
console.log(
  `Machine: ${navigator.hardwareConcurrency} CPUs (${cpu}), Linux ${kernel}, Deno ${Deno.version.deno}, ` +
    `${libpcapVersion()} (netpix), ${tcpdumpVersion}\n`,
);
console.log("| figure | netpix | peer | ratio / target | reproduce |");
console.log("| --- | --- | --- | --- | --- |");
const row = (...cells: string[]) => console.log(`| ${cells.join(" | ")} |`);

const file = await load("file_read");
if (file) {
  const td = file.tcpdump;
  const peer = `\`tcpdump -r\`: best ${mpps(td.bestPps)}, median ${mpps(td.medianPps)}`;
  const cmd = `\`deno run -A --v8-flags=--expose-gc scripts/bench/file_read.ts ${
    file.file.replace(/.*\/bench-out\//, "bench-out/")
  } ${file.rounds}\``;
  const v = (name: string, what: string, target: string) => {
    const x = file[name];
    const ratio = `${(x.bestPps / td.bestPps).toFixed(2)} (median ${(x.medianPps / td.medianPps).toFixed(2)})${target}`;
    row(
      `File read, ${int(file.packets)} packets: ${what}`,
      `best ${mpps(x.bestPps)}, median ${mpps(x.medianPps)}`,
      peer,
      ratio,
      cmd,
    );
  };
  v("captureSource", "`CaptureSource.start()` (FFI read + framing + ring)", ", target ≥ 0.5");
  v("readFrame", "`Capture.read` + `FrameDecoder`, no ring", "");
  v("readOnly", "`Capture.read` + `RecordCursor` only", "");
}

const loss = await load("live_loss");
if (loss) {
  const n = loss.netpix;
  const k = n.kernel ?? {};
  const dropped = n.droppedMessages.reduce((s: number, m: Json) => s + m.count, 0);
  row(
    `Live loss, ${int(loss.rate)} packets/s × ${int(loss.count)} on lo (blast achieved ${int(n.blast.rate)}/s)`,
    `**${int(n.missing)} missing** at the client; kernel dropped ${int(k.droppedByKernel)} of ${
      int(k.received)
    } ring entries (lo copies each packet twice); client-side drops ${int(dropped)}; ring \`overwritten\` ${
      int(n.overwritten)
    } (not lost: the client had them); netpix CPU ${n.netpixCpuDuringBlast} %`,
    `\`tcpdump\` default: ${int(loss.tcpdump.droppedByKernel)} dropped by kernel, ${
      int(loss.tcpdump.captured)
    } captured; with netpix's buffer and snaplen (\`-B 65536 -s 262144\`): ${
      int(loss.tcpdumpNetpixSettings.droppedByKernel)
    } dropped, ${int(loss.tcpdumpNetpixSettings.captured)} captured`,
    "target 0 missing",
    `\`deno run -A scripts/bench/live_loss.ts ${loss.rate} ${loss.count} ${loss.size}\``,
  );
}

const lat = await load("latency");
if (lat) {
  for (const r of lat.runs) {
    const t = r.totalMs;
    row(
      `Latency send → WebSocket client, ${int(lat.rate)} packets/s × ${lat.seconds} s, \`-m ${r.messageIntervalMs}\``,
      `p50 ${t.p50} ms, p99 **${t.p99} ms**, max ${t.max} ms (kernel part p99 ${r.sendToCaptureMs.p99} ms; ` +
        `\`setInterval(${r.messageIntervalMs})\` ticks every ${r.effectiveTickMs} ms here)`,
      "—",
      "target p99 ≤ 20 ms",
      `\`deno run -A scripts/bench/latency.ts ${lat.rate} ${lat.seconds} ${r.messageIntervalMs}\``,
    );
  }
}

const idle = await load("idle_cpu");
if (idle) {
  const td = idle.tcpdump;
  const peer = `\`tcpdump\`: ${pct(td.cpuPercent)}, ${td.wakeupsPerSecond} wakeups/s`;
  const cmd = `\`deno run -A scripts/bench/idle_cpu.ts ${idle.seconds}\``;
  const x = (r: Json) => `${pct(r.cpuPercent)} of one core, ${r.wakeupsPerSecond} wakeups/s`;
  row(
    `Idle CPU over ${idle.seconds} s, \`-i lo\`, no matching traffic, no client`,
    x(idle.netpixNoClient),
    peer,
    "—",
    cmd,
  );
  row(
    `Idle CPU over ${idle.seconds} s, \`-i lo\`, no matching traffic, one client`,
    x(idle.netpixOneClient),
    peer,
    "—",
    cmd,
  );
}

const settings = await load("capture_settings");
if (settings) {
  for (const r of settings.results) {
    row(
      `Capture only (no ring, no server), ${r.setting.name}`,
      `${int(r.loss.missing)} missing of ${int(r.loss.sent)} at ${int(settings.rate)}/s (kernel dropped ${
        int(r.loss.kernel.droppedByKernel)
      }); send → read p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms at ${r.latencyMs.rate}/s`,
      "—",
      "diagnostic",
      `\`deno run -A scripts/bench/capture_settings.ts ${settings.rate} ${settings.count}\``,
    );
  }
}

const job = await load("capture_overhead");
if (job) {
  for (const r of job) {
    row(
      `Capture job CPU, ${int(r.rate)} packets/s × ${r.seconds} s on lo: \`netpix capture -w\` (with the analysis)`,
      `${pct(r.netpix.cpuPercent)} of one core, ${int(r.netpix.packets)} packets written`,
      `\`tcpdump -w\`: ${pct(r.tcpdump.cpuPercent)}, ${int(r.tcpdump.packets)} packets written`,
      r.ratio === null ? "tcpdump under one 10 ms tick" : `${r.ratio}×`,
      `\`bash scripts/bench-capture.sh ${job.map((x: Json) => x.rate).join(",")} ${r.seconds} ${r.size}\``,
    );
  }
}
