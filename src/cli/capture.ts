/**
 * `netpix capture -i IFACE... [-c BPF] [--duration D | --count N] [-w OUT.pcap] [--report FILE] [--fail-on EXPR]`:
 * a capture job for scripts and CI. It captures live traffic, writes it to pcap files through libpcap's dump
 * functions (rotating on `--max-file-size`), feeds every packet to the same analysis as `netpix analyze`, and at the
 * end writes the report in that command's JSON schema plus a `capture` object (kernel drops, files written).
 *
 * Non-interactive: it reads nothing from stdin, prints progress only when stderr is a terminal, and stops cleanly on
 * SIGINT or SIGTERM (the files are flushed and closed and the report is written). Exit codes: 0 done, 1 runtime
 * failure, 2 bad usage (thrown as {@linkcode UsageError} for the CLI), 3 a `--fail-on` condition held.
 * @module
 */

import { CaptureError, RecordCursor } from "../../ffi/capture.ts";
import type { Capture, CaptureStats } from "../../ffi/capture.ts";
import { type AnalysisReport, AnalysisSession } from "../analysis/session.ts";
import { breaches } from "../analysis/fail_on.ts";
import { formatTable } from "../analysis/report_format.ts";
import { readBatches } from "../capture/batches.ts";
import { RotatingDump } from "../capture/dump_files.ts";
import { applyFilter, openInterface, SourceError } from "../capture/open.ts";
import { UsageError } from "./args.ts";
import type { CaptureOptions } from "./capture_args.ts";
import { StopControl, type StopReason, unixNowMs } from "./capture_stop.ts";
import { analysisOptionsFromFlags } from "./analysis_flags.ts";

export type { StopReason };

/**
 * Kernel blocks are handed over at least this often (TPACKET_V3 retire timeout). A job needs no low latency, and at
 * 1,000 packets/s a wakeup every 2 ms (the server's `LIVE_BLOCK_TIMEOUT_MS`) cost 6.5 % of a core, against 0.5 % with
 * 100 ms (scripts/bench/capture_overhead.ts).
 */
const BLOCK_TIMEOUT_MS = 100;
/** Longest a read waits for traffic, so a stop request is seen within about this long. */
const READ_WAIT_MS = 250;
/**
 * How long an idle interface keeps reading after the cutoff: a read in flight and a kernel block not yet retired still
 * hold packets captured before it.
 */
const STOP_GRACE_MS = READ_WAIT_MS + BLOCK_TIMEOUT_MS + 50;
/** Capture files are flushed this often, so a job killed without warning leaves a readable file. */
const FLUSH_INTERVAL_MS = 1000;
const PROGRESS_INTERVAL_MS = 1000;

/** The report's `capture` object (documented in src/analysis/REPORT.md). */
export interface CaptureJobReport {
  filter: string;
  started_at: string;
  duration_s: number;
  stopped_by: StopReason;
  /** Sums over the interfaces of `pcap_stats`' counters. */
  dropped_by_kernel: number;
  dropped_by_interface: number;
  interfaces: {
    name: string;
    link_type: number;
    snaplen: number;
    /** Packets captured and analysed (and written, unless `errors` says a write failed). */
    packets: number;
    /** Their captured bytes (at most snaplen each). */
    bytes: number;
    /** `pcap_stats`: packets the filter passed, including any still buffered when the job stopped. */
    received: number | null;
    dropped_by_kernel: number | null;
    dropped_by_interface: number | null;
    files: string[];
  }[];
}

export type CaptureReport = AnalysisReport & { capture: CaptureJobReport };

interface Job {
  name: string;
  cap: Capture;
  dump: RotatingDump | null;
  packets: number;
  bytes: number;
  stats: CaptureStats | null;
  /** This interface read a packet past the stop cutoff: its loop is done. */
  pastCut: boolean;
  /** Its loop failed (reported once; closing its file then says nothing new). */
  failed: boolean;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Opens the interfaces and their files; on a failure closes what was opened and throws for the CLI. */
function openJobs(o: CaptureOptions): Job[] {
  const jobs: Job[] = [];
  try {
    for (const name of o.interfaces) {
      const cap = openInterface(name, o.promisc, o.snaplen, BLOCK_TIMEOUT_MS);
      jobs.push({ name, cap, dump: null, packets: 0, bytes: 0, stats: null, pastCut: false, failed: false });
      try {
        applyFilter(cap, o.filter, o.filter, `interface ${name}`);
      } catch (e) {
        throw e instanceof SourceError ? new UsageError(e.message) : e; // a filter that does not compile is usage
      }
    }
    if (o.write !== null) {
      const several = jobs.length > 1;
      for (const j of jobs) {
        try {
          j.dump = new RotatingDump(j.cap, o.write, several ? j.name : null, o.maxFileSize);
        } catch (e) {
          throw new SourceError(`cannot write the capture file: ${e instanceof CaptureError ? e.detail : message(e)}`);
        }
      }
    }
  } catch (e) {
    for (const j of jobs) {
      try {
        j.dump?.close();
      } catch { /* the open failure is what the user needs to hear about */ }
      void j.cap.close();
    }
    throw e;
  }
  return jobs;
}

/** Creates (truncates) the report file up front, so a job that cannot write it fails before capturing. */
function checkReportWritable(path: string | null): void {
  if (path === null || path === "-") return;
  try {
    Deno.openSync(path, { write: true, create: true, truncate: true }).close();
  } catch (e) {
    throw new SourceError(`cannot write the report ${path}: ${message(e)}`);
  }
}

/** Writes the report where `--report` says (a file, or `-` for stdout), or the stream table to stdout without it. */
async function writeReport(report: CaptureReport, path: string | null): Promise<void> {
  if (path === null) console.log(formatTable(report));
  else if (path === "-") console.log(JSON.stringify(report, null, 2));
  else await Deno.writeTextFile(path, JSON.stringify(report, null, 2) + "\n");
}

/** The end-of-job lines on stderr: a summary, then a warning per interface that lost packets. */
function printSummary(report: CaptureReport, interfaces: string[]): void {
  const c = report.capture;
  const packets = c.interfaces.reduce((s, i) => s + i.packets, 0);
  const bytes = c.interfaces.reduce((s, i) => s + i.bytes, 0);
  const files = c.interfaces.flatMap((i) => i.files);
  console.error(
    `netpix: captured ${packets} packets (${humanBytes(bytes)}) on ${interfaces.join(", ")} in ${c.duration_s} s, ` +
      `stopped by ${c.stopped_by}${files.length > 0 ? `; wrote ${files.join(", ")}` : ""}`,
  );
  for (const i of c.interfaces) {
    if ((i.dropped_by_kernel ?? 0) > 0 || (i.dropped_by_interface ?? 0) > 0) {
      console.error(
        `netpix: warning: ${i.name}: ${i.dropped_by_kernel} packets dropped by the kernel and ` +
          `${i.dropped_by_interface} by the interface; the capture and the report miss them`,
      );
    }
  }
}

function humanBytes(n: number): string {
  if (n < 1e3) return `${n} B`;
  if (n < 1e6) return `${(n / 1e3).toFixed(1)} kB`;
  if (n < 1e9) return `${(n / 1e6).toFixed(1)} MB`;
  return `${(n / 1e9).toFixed(2)} GB`;
}

/** Runs the job; returns the exit code. Bad usage and failures to start are thrown for the CLI to report. */
export async function runCapture(o: CaptureOptions): Promise<number> {
  checkReportWritable(o.report);
  // A bad --sdp is bad input, like a bad option (exit 2), and fails before any interface opens.
  const analysis = await analysisOptionsFromFlags(o).catch((e) => {
    throw e instanceof SourceError ? new UsageError(e.message) : e;
  });
  const startedAt = new Date(); // before the interfaces open, so every packet is captured after it
  const startMs = unixNowMs();
  const t0 = performance.now();
  const jobs = openJobs(o);
  for (const j of jobs) {
    console.error(
      `netpix: capturing on ${j.name} (link type ${j.cap.linkType}, snapshot length ${j.cap.snaplen} bytes)`,
    );
  }
  const session = new AnalysisSession(analysis);
  const errors: string[] = [];
  const cursor = new RecordCursor();
  let total = 0;
  const stop = new StopControl(STOP_GRACE_MS);
  if (o.durationMs !== null) stop.cutAt("duration", startMs + o.durationMs);
  let signals = 0;
  const onSignal = (): void => {
    if (signals++ === 0) stop.cutAt("signal", unixNowMs());
    else stop.stopNow("signal"); // a second signal: do not wait for the grace period
  };
  Deno.addSignalListener("SIGINT", onSignal);
  Deno.addSignalListener("SIGTERM", onSignal);
  const timers: ReturnType<typeof setTimeout>[] = [];
  const fail = (what: string, e: unknown): void => {
    errors.push(`${what}: ${message(e)}`);
    stop.stopNow("error");
  };
  timers.push(setInterval(() => {
    for (const j of jobs) {
      try {
        if (!j.failed) j.dump?.flush();
      } catch (e) {
        j.failed = true;
        fail(j.name, e);
      }
    }
  }, FLUSH_INTERVAL_MS));
  const progress = Deno.stderr.isTerminal();
  const enc = new TextEncoder();
  const showProgress = (end: string): void => {
    const bytes = jobs.reduce((s, j) => s + j.bytes, 0);
    const secs = ((performance.now() - t0) / 1000).toFixed(1);
    Deno.stderr.writeSync(enc.encode(`\r\x1b[Knetpix: ${total} packets, ${humanBytes(bytes)}, ${secs} s${end}`));
  };
  if (progress) timers.push(setInterval(() => showProgress(""), PROGRESS_INTERVAL_MS));

  await Promise.all(jobs.map(async (j) => {
    const linkType = j.cap.linkType;
    try {
      await readBatches(j.cap, READ_WAIT_MS, (buf, bytes, count) => {
        const most = o.count === null ? count : Math.min(count, o.count - total);
        let n = 0;
        cursor.reset(buf, bytes, most);
        while (cursor.next()) {
          if (stop.isPast(cursor.tsSec, cursor.tsNsec)) {
            j.pastCut = true;
            break;
          }
          const frame = buf.subarray(cursor.dataOffset, cursor.dataOffset + cursor.caplen);
          session.observe(frame, linkType, cursor.tsSec, cursor.tsNsec, cursor.origlen);
          j.bytes += cursor.caplen;
          n++;
        }
        if (cursor.error !== null) throw new Error(cursor.error);
        j.packets += n;
        total += n;
        if (n > 0) j.dump?.write(buf, bytes, n);
        if (o.count !== null && total >= o.count) stop.stopNow("count");
      }, () => stop.reason !== null || j.pastCut);
    } catch (e) {
      j.failed = true;
      fail(j.name, e);
    }
  }));

  for (const t of timers) clearTimeout(t);
  stop.dispose();
  Deno.removeSignalListener("SIGINT", onSignal);
  Deno.removeSignalListener("SIGTERM", onSignal);
  if (progress) showProgress("\n");
  const elapsedS = (performance.now() - t0) / 1000;
  for (const j of jobs) {
    try {
      j.stats = j.cap.stats();
    } catch (e) {
      errors.push(`${j.name}: ${message(e)}`); // after an interface went down; the job has failed already
    }
    await j.cap.close();
    try {
      j.dump?.close();
    } catch (e) {
      if (!j.failed) fail(j.name, e);
    }
  }

  for (const e of errors) session.error(e);
  const report: CaptureReport = {
    ...session.report(),
    capture: jobReport(o, jobs, startedAt, elapsedS, stop.stoppedBy),
  };
  try {
    await writeReport(report, o.report);
  } catch (e) {
    errors.push(`cannot write the report ${o.report}: ${message(e)}`);
  }
  printSummary(report, o.interfaces);
  if (errors.length > 0) {
    for (const e of errors) console.error(`netpix: error: ${e}`);
    return 1;
  }
  const failed = breaches(report, o.failOn);
  for (const b of failed) console.error(`netpix: fail: ${b.stream}: ${b.condition} (actual ${b.actual})`);
  return failed.length > 0 ? 3 : 0;
}

function jobReport(
  o: CaptureOptions,
  jobs: Job[],
  startedAt: Date,
  elapsedS: number,
  stopReason: StopReason | null,
): CaptureJobReport {
  const interfaces = jobs.map((j) => ({
    name: j.name,
    link_type: j.cap.linkType,
    snaplen: j.cap.snaplen,
    packets: j.packets,
    bytes: j.bytes,
    received: j.stats?.received ?? null,
    dropped_by_kernel: j.stats?.droppedByKernel ?? null,
    dropped_by_interface: j.stats?.droppedByInterface ?? null,
    files: j.dump?.files ?? [],
  }));
  return {
    filter: o.filter,
    started_at: startedAt.toISOString(),
    duration_s: Math.round(elapsedS * 1000) / 1000,
    stopped_by: stopReason ?? "error",
    dropped_by_kernel: interfaces.reduce((s, i) => s + (i.dropped_by_kernel ?? 0), 0),
    dropped_by_interface: interfaces.reduce((s, i) => s + (i.dropped_by_interface ?? 0), 0),
    interfaces,
  };
}
