/**
 * What the harness reads of a process from /proc (proc(5)): CPU time, memory and open descriptors.
 * @module
 */

let clkTck: number | null = null;

/** Clock ticks per second of /proc/PID/stat times (`getconf CLK_TCK`, 100 on Linux when getconf is missing). */
function ticksPerSecond(): number {
  if (clkTck === null) {
    try {
      const out = new Deno.Command("getconf", { args: ["CLK_TCK"], stdout: "piped", stderr: "null" }).outputSync();
      clkTck = Number(new TextDecoder().decode(out.stdout).trim()) || 100;
    } catch {
      clkTck = 100;
    }
  }
  return clkTck;
}

/** utime + stime of all threads of `pid` in seconds (/proc/PID/stat fields 14 and 15); null when it is gone. */
export function cpuSeconds(pid: number): number | null {
  try {
    const stat = Deno.readTextFileSync(`/proc/${pid}/stat`);
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" "); // from field 3 (state) on
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond();
  } catch {
    return null;
  }
}

export interface MemoryKb {
  /** Resident set now (VmRSS). */
  rssKb: number;
  /** Peak resident set over the process's life (VmHWM). */
  peakKb: number;
}

/** VmRSS and VmHWM from /proc/PID/status; null when the process is gone. */
export function memory(pid: number): MemoryKb | null {
  try {
    const status = Deno.readTextFileSync(`/proc/${pid}/status`);
    const kb = (name: string) => Number(status.match(new RegExp(`^${name}:\\s+(\\d+) kB$`, "m"))?.[1] ?? NaN);
    return { rssKb: kb("VmRSS"), peakKb: kb("VmHWM") };
  } catch {
    return null;
  }
}

/** Open file descriptors of `pid` (entries of /proc/PID/fd); null when it is gone. */
export function openFds(pid: number): number | null {
  try {
    let n = 0;
    for (const _ of Deno.readDirSync(`/proc/${pid}/fd`)) n++;
    return n;
  } catch {
    return null;
  }
}

/** CPU use between two readings, as % of one core. */
export function cpuPercent(cpu0: number | null, cpu1: number | null, wallSeconds: number): number | null {
  if (cpu0 === null || cpu1 === null || wallSeconds <= 0) return null;
  return Math.round((cpu1 - cpu0) / wallSeconds * 1000) / 10;
}

/** The host's 1-minute load average (/proc/loadavg): other work on a shared machine shows here. */
export function loadAverage(): number | null {
  try {
    return Number(Deno.readTextFileSync("/proc/loadavg").split(" ")[0]);
  } catch {
    return null;
  }
}
