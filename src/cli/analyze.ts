/**
 * `netpix analyze FILE... [-c BPF] [--sdp FILE] [--clock-rate PT=Hz] [--format table|json|csv] [--fail-on EXPR]`:
 * reads capture files as fast as it can, then prints the analysis. Exit codes: 0 done, 2 bad input (a message on
 * stderr), 3 a `--fail-on` condition held (each breach named on stderr).
 * @module
 */

import { Capture, RecordCursor } from "../../ffi/capture.ts";
import type { PacketReader } from "../capture/reader.ts";
import { sniffFile } from "../eventlog/sniff.ts";
import { AnalysisSession } from "../analysis/session.ts";
import {
  ANALYSIS_FLAGS_HELP,
  type AnalysisFlags,
  analysisOptionsFromFlags,
  emptyAnalysisFlags,
  takeAnalysisFlag,
} from "./analysis_flags.ts";
import { breaches, type Condition } from "../analysis/fail_on.ts";
import { failOnFlag } from "./fail_on_flag.ts";
import { formatCsv, formatTable } from "../analysis/report_format.ts";
import { UsageError } from "./args.ts";
import { OptionCursor } from "./option_cursor.ts";
import { applyFilter, openCaptureFile, openEventLogFile } from "../capture/open.ts";
import { readBatches } from "../capture/batches.ts";

export interface AnalyzeOptions extends AnalysisFlags {
  files: string[];
  capture: string;
  format: "table" | "json" | "csv";
  failOn: Condition[];
}

export const ANALYZE_HELP = `Analyse capture files and print what happened to their media streams.

Usage: netpix analyze FILE... [OPTIONS]

FILE is a pcap/pcapng capture or a WebRTC event log (v2), told apart by content.

Options:
  -c, --capture FILTER        BPF filter (tcpdump syntax) applied while reading
${ANALYSIS_FLAGS_HELP}
  --format table|json|csv     output format [default: table]
  --fail-on EXPR              exit 3 when a stream breaches, e.g. loss_pct>1,max_jitter_ms>30
  -h, --help                  print this help

Exit codes: 0 analysed, 2 bad input, 3 a --fail-on condition held.`;

/** Parses the arguments after `analyze`. */
export function parseAnalyzeArgs(args: string[]): AnalyzeOptions {
  const o: AnalyzeOptions = { ...emptyAnalysisFlags(), files: [], capture: "", format: "table", failOn: [] };
  const opt = new OptionCursor(args);
  while (opt.next()) {
    if (takeAnalysisFlag(opt.name, opt.value, o)) continue;
    switch (opt.name) {
      case "-c":
      case "--capture":
        o.capture = opt.value();
        break;
      case "--format": {
        const f = opt.value();
        if (f !== "table" && f !== "json" && f !== "csv") {
          throw new UsageError(`--format needs table, json or csv, not '${f}'`);
        }
        o.format = f;
        break;
      }
      case "--fail-on":
        o.failOn.push(...failOnFlag(opt.value()));
        break;
      default:
        if (opt.token.startsWith("-")) throw new UsageError(`unknown option '${opt.token}' for 'analyze'`);
        o.files.push(opt.token);
    }
  }
  if (o.files.length === 0) throw new UsageError("analyze needs at least one capture file");
  return o;
}

/** True when `path` holds a WebRTC event log rather than a pcap/pcapng (decided by content; see eventlog/sniff.ts). */
function isEventLog(path: string): boolean {
  try {
    return sniffFile(path).startsWith("event-log");
  } catch {
    return false; // missing or unreadable: openCaptureFile says why
  }
}

/** Reads one file into the session; a read error after the start is reported in the analysis, not thrown. */
async function readFile(session: AnalysisSession, path: string, filter: string): Promise<void> {
  const log = isEventLog(path);
  const cap: PacketReader = log ? openEventLogFile(path, false) : openCaptureFile(path);
  try {
    if (cap instanceof Capture) applyFilter(cap, filter, filter, `file ${path}`);
    else if (filter.trim() !== "") console.error(`netpix: warning: ${path}: -c applies to captures, not to event logs`);
    const cursor = new RecordCursor();
    const linkType = cap.linkType;
    let packets = 0;
    try {
      await readBatches(cap, 0, (buf, bytes, count) => {
        cursor.reset(buf, bytes, count);
        while (cursor.next()) {
          const frame = buf.subarray(cursor.dataOffset, cursor.dataOffset + cursor.caplen);
          session.observe(frame, linkType, cursor.tsSec, cursor.tsNsec, cursor.origlen);
        }
        packets += count;
      });
    } catch (e) {
      const msg = `${path}: reading stopped after ${packets} packets: ${(e as Error).message}`;
      session.error(msg);
      console.error(`netpix: warning: ${msg}`);
    }
  } finally {
    await cap.close();
  }
}

/** Runs `netpix analyze`; returns the exit code (errors of bad input are thrown for the CLI to report). */
export async function runAnalyze(o: AnalyzeOptions): Promise<number> {
  const options = await analysisOptionsFromFlags(o);
  const session = new AnalysisSession(options);
  for (const f of o.files) await readFile(session, f, o.capture);
  const report = session.report();
  console.log(
    o.format === "json"
      ? JSON.stringify(report, null, 2)
      : o.format === "csv"
      ? formatCsv(report)
      : formatTable(report),
  );
  const failed = breaches(report, o.failOn);
  for (const b of failed) console.error(`netpix: fail: ${b.stream}: ${b.condition} (actual ${b.actual})`);
  return failed.length > 0 ? 3 : 0;
}
