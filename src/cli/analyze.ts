/**
 * `netpix analyze FILE... [-c BPF] [--sdp FILE] [--clock-rate PT=Hz] [--format table|json|csv] [--fail-on EXPR]`:
 * reads capture files as fast as it can, then prints the analysis. Exit codes: 0 done, 2 bad input (a message on
 * stderr), 3 a `--fail-on` condition held (each breach named on stderr).
 * @module
 */

import { Capture, RecordCursor } from "../../ffi/capture.ts";
import type { PacketReader } from "../capture/reader.ts";
import { sniffFile } from "../eventlog/sniff.ts";
import { type AnalysisOptions, AnalysisSession } from "../analysis/session.ts";
import { PAYLOAD_KIND_NAMES, type PayloadKind } from "../protocols/classify.ts";
import { breaches, type Condition, parseFailOn } from "../analysis/fail_on.ts";
import { formatCsv, formatTable } from "../analysis/report_format.ts";
import { parseSdp } from "../protocols/sdp/parse.ts";
import type { SdpSession } from "../protocols/sdp/types.ts";
import { portsOf } from "../protocols/sdp/ports.ts";
import { isFailure } from "../protocols/decode_result.ts";
import { UsageError } from "./args.ts";
import { applyFilter, openCaptureFile, openEventLogFile, SourceError } from "../capture/open.ts";
import { readBatches } from "../capture/batches.ts";

export interface AnalyzeOptions {
  files: string[];
  capture: string;
  sdp: string | null;
  clockRates: Map<number, number>;
  format: "table" | "json" | "csv";
  failOn: Condition[];
  decodeAs: [number, PayloadKind][];
}

export const ANALYZE_HELP = `Analyse capture files and print what happened to their media streams.

Usage: netpix analyze FILE... [OPTIONS]

FILE is a pcap/pcapng capture or a WebRTC event log (v2), told apart by content.

Options:
  -c, --capture FILTER        BPF filter (tcpdump syntax) applied while reading
  --sdp FILE                  an SDP that names payload types, clock rates and ports
  --clock-rate PT=Hz[,...]    clock rate of a payload type (repeatable), e.g. 96=90000
  --decode-as PORT=KIND[,...] read a UDP port's payloads as KIND (rtp, rtcp, mpegts, stun, channel-data, …)
  --format table|json|csv     output format [default: table]
  --fail-on EXPR              exit 3 when a stream breaches, e.g. loss_pct>1,max_jitter_ms>30
  -h, --help                  print this help

Exit codes: 0 analysed, 2 bad input, 3 a --fail-on condition held.`;

/** Parses the arguments after `analyze`. */
export function parseAnalyzeArgs(args: string[]): AnalyzeOptions {
  const o: AnalyzeOptions = {
    files: [],
    capture: "",
    sdp: null,
    clockRates: new Map(),
    format: "table",
    failOn: [],
    decodeAs: [],
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const eq = a.startsWith("--") ? a.indexOf("=") : -1;
    const name = eq > 0 ? a.slice(0, eq) : a;
    const value = (): string => {
      const v = eq > 0 ? a.slice(eq + 1) : args[++i];
      if (v === undefined || v === "") throw new UsageError(`option '${name}' needs a value`);
      return v;
    };
    switch (name) {
      case "-c":
      case "--capture":
        o.capture = value();
        break;
      case "--sdp":
        o.sdp = value();
        break;
      case "--clock-rate":
        for (const pair of value().split(",")) {
          const m = pair.match(/^(\d{1,3})=(\d{1,9})$/);
          const pt = Number(m?.[1]);
          const hz = Number(m?.[2]);
          if (!m || pt > 127 || hz < 1) throw new UsageError(`--clock-rate needs PT=Hz with PT 0-127, not '${pair}'`);
          o.clockRates.set(pt, hz);
        }
        break;
      case "--decode-as":
        for (const pair of value().split(",")) {
          const [port, name] = pair.split("=");
          const kind = PAYLOAD_KIND_NAMES.indexOf(name ?? "");
          if (!/^\d{1,5}$/.test(port ?? "") || Number(port) > 65535 || kind < 0) {
            throw new UsageError(
              `--decode-as needs PORT=KIND with KIND one of ${PAYLOAD_KIND_NAMES.join(", ")}, not '${pair}'`,
            );
          }
          o.decodeAs.push([Number(port), kind as PayloadKind]);
        }
        break;
      case "--format": {
        const f = value();
        if (f !== "table" && f !== "json" && f !== "csv") {
          throw new UsageError(`--format needs table, json or csv, not '${f}'`);
        }
        o.format = f;
        break;
      }
      case "--fail-on": {
        const c = parseFailOn(value());
        if ("error" in c) throw new UsageError(`--fail-on: ${c.error}`);
        o.failOn.push(...c);
        break;
      }
      default:
        if (a.startsWith("-")) throw new UsageError(`unknown option '${a}' for 'analyze'`);
        o.files.push(a);
    }
  }
  if (o.files.length === 0) throw new UsageError("analyze needs at least one capture file");
  return o;
}

async function loadSdp(path: string): Promise<SdpSession> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (e) {
    throw new SourceError(`cannot read SDP file ${path}: ${(e as Error).message}`);
  }
  const sdp = parseSdp(text);
  if (isFailure(sdp)) throw new SourceError(`invalid SDP in ${path}: ${sdp.detail}`);
  return sdp;
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
  const clockRates = new Map<number, number>();
  const codecs = new Map<number, string>();
  const extmap = new Map<number, string>();
  const fmtp = new Map<number, string>();
  const options: AnalysisOptions = { clockRates, codecs, extmap, fmtp, decodeAs: o.decodeAs };
  if (o.sdp !== null) {
    const sdp = await loadSdp(o.sdp);
    for (const m of sdp.media) {
      for (const [pt, t] of m.payloadTypes) {
        if (t.clockRate > 0) clockRates.set(pt, t.clockRate);
        codecs.set(pt, t.encoding);
        const params = Object.entries(t.fmtp).map(([k, v]) => v === "" ? k : `${k}=${v}`).join(";");
        if (params !== "") fmtp.set(pt, params);
      }
      for (const [id, x] of m.extmap) extmap.set(id, x.uri);
    }
    options.sdpPorts = portsOf(sdp);
  }
  for (const [pt, hz] of o.clockRates) clockRates.set(pt, hz); // the command line wins over the SDP
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
