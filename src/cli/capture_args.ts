/**
 * Command-line parsing for `netpix capture`, and the value syntaxes it adds: durations (`500ms`, `30s`, `2m`, `1h`)
 * and file sizes (`100000`, `500kB`, `10MB`, `1GiB`). Errors are {@linkcode UsageError}s (exit 2).
 * @module
 */

import { UsageError } from "./args.ts";
import { OptionCursor } from "./option_cursor.ts";
import type { Condition } from "../analysis/fail_on.ts";
import { failOnFlag } from "./fail_on_flag.ts";
import { ANALYSIS_FLAGS_HELP, type AnalysisFlags, emptyAnalysisFlags, takeAnalysisFlag } from "./analysis_flags.ts";

export interface CaptureOptions extends AnalysisFlags {
  interfaces: string[];
  /** BPF filter (tcpdump syntax); "" for none. */
  filter: string;
  /** Stop after this long; null to run until `count` or a signal. */
  durationMs: number | null;
  /** Stop after this many packets, over all interfaces; null for no limit. */
  count: number | null;
  /** Capture file (`-w`); null writes none. */
  write: string | null;
  /** Report file (`--report`), `-` for stdout; null prints the stream table on stdout instead. */
  report: string | null;
  failOn: Condition[];
  snaplen: number;
  /** Rotate the capture file before it passes this many bytes; 0 for never. */
  maxFileSize: number;
  promisc: boolean;
}

/** libpcap's largest snapshot length (MAXIMUM_SNAPLEN), also the default. */
export const MAX_SNAPLEN = 262144;
/** Smallest `--max-file-size`: the 24-byte file header and at least a few small packets. */
export const MIN_FILE_SIZE = 1000;

const DURATION_UNITS_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const SIZE_UNITS: Record<string, number> = {
  "": 1,
  B: 1,
  k: 1e3,
  kB: 1e3,
  KB: 1e3,
  M: 1e6,
  MB: 1e6,
  G: 1e9,
  GB: 1e9,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: 1024 ** 3,
};

/**
 * Parses a duration: a positive number with a unit, `ms`, `s`, `m` or `h`.
 * @param text e.g. "30s", "2m", "1.5h", "500ms".
 * @returns Milliseconds (rounded), or null when `text` is not a duration.
 * @example
 * ```ts
 * import { parseDuration } from "./capture_args.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * deepStrictEqual([parseDuration("2m"), parseDuration("500ms"), parseDuration("30")], [120_000, 500, null]);
 * ```
 */
export function parseDuration(text: string): number | null {
  const m = text.match(/^(\d+(?:\.\d+)?)(ms|s|m|h)$/);
  if (!m) return null;
  const ms = Math.round(Number(m[1]) * DURATION_UNITS_MS[m[2]!]!);
  return ms > 0 && ms <= 0x7fff_ffff ? ms : null; // setTimeout's limit: about 24.8 days
}

/**
 * Parses a file size: a whole number of bytes, or with `kB`/`MB`/`GB` (powers of 1000, also `k`, `M`, `G`) or
 * `KiB`/`MiB`/`GiB` (powers of 1024).
 * @param text e.g. "10MB", "512KiB", "100000".
 * @returns Bytes, or null when `text` is not a size.
 * @example
 * ```ts
 * import { parseSize } from "./capture_args.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * deepStrictEqual([parseSize("10MB"), parseSize("1KiB"), parseSize("1.5MB")], [10_000_000, 1024, null]);
 * ```
 */
export function parseSize(text: string): number | null {
  const m = text.match(/^(\d+)([A-Za-z]*)$/);
  const unit = m ? SIZE_UNITS[m[2]!] : undefined;
  if (!m || unit === undefined) return null;
  const bytes = Number(m[1]) * unit;
  return Number.isSafeInteger(bytes) ? bytes : null;
}

export const CAPTURE_HELP = `Capture live traffic to a file and analyse it, for scripts and CI.

Usage: netpix capture -i IFACE... [-c BPF] [--duration D | --count N] [-w OUT.pcap] [OPTIONS]

Runs until --duration has passed, --count packets were captured, or SIGINT/SIGTERM, whichever comes first; then
closes the capture file, writes the report and exits.

Options:
  -i, --interfaces IFACE...  live interfaces to capture on (see 'netpix list')
  -c, --capture FILTER       BPF filter (tcpdump syntax)
  --duration D               stop after D: 500ms, 30s, 2m, 1h
  --count N                  stop after N packets (over all interfaces)
  -w, --write FILE           write the packets to a pcap file (nanosecond timestamps); with several interfaces,
                             one file each: out.pcap -> out-<iface>.pcap
  --max-file-size SIZE       start a new file before one passes SIZE (100000, 500kB, 10MB, 1GiB):
                             out.pcap, out.1.pcap, out.2.pcap, ...
  --report FILE              write the analysis as JSON ('netpix analyze --format json' schema plus 'capture');
                             '-' for stdout. Without it the stream table goes to stdout
  --fail-on EXPR             exit 3 when a stream breaches, e.g. loss_pct>1,max_jitter_ms>30
${ANALYSIS_FLAGS_HELP}
  --snaplen N                bytes kept per packet, 1-${MAX_SNAPLEN} [default: ${MAX_SNAPLEN}]
  -P, --promisc              promiscuous mode
  -h, --help                 print this help

Progress goes to stderr when stderr is a terminal. Exit codes: 0 done, 1 runtime failure (an interface went down,
a write failed), 2 bad usage (options, filter), 3 a --fail-on condition held (each breach named on stderr).`;

/** Parses the arguments after `capture`. */
export function parseCaptureArgs(args: string[]): CaptureOptions {
  const o: CaptureOptions = {
    ...emptyAnalysisFlags(),
    interfaces: [],
    filter: "",
    durationMs: null,
    count: null,
    write: null,
    report: null,
    failOn: [],
    snaplen: MAX_SNAPLEN,
    maxFileSize: 0,
    promisc: false,
  };
  const opt = new OptionCursor(args);
  while (opt.next()) {
    if (takeAnalysisFlag(opt.name, opt.value, o)) continue;
    switch (opt.name) {
      case "-i":
      case "--interfaces": {
        const named = opt.hasInlineValue ? [opt.value()] : opt.takeOperands();
        if (named.length === 0) throw new UsageError(`option '${opt.name}' needs at least one interface`);
        o.interfaces.push(...named);
        break;
      }
      case "-c":
      case "--capture":
        o.filter = opt.value();
        break;
      case "--duration": {
        const v = opt.value();
        o.durationMs = parseDuration(v);
        if (o.durationMs === null) {
          throw new UsageError(`--duration needs a positive duration with a unit (500ms, 30s, 2m, 1h), not '${v}'`);
        }
        break;
      }
      case "--count": {
        const v = opt.value();
        o.count = /^\d+$/.test(v) ? Number(v) : NaN;
        if (!Number.isSafeInteger(o.count) || o.count < 1) {
          throw new UsageError(`--count needs a whole number of packets from 1, not '${v}'`);
        }
        break;
      }
      case "-w":
      case "--write":
        o.write = opt.value();
        break;
      case "--report":
        o.report = opt.value();
        break;
      case "--fail-on":
        o.failOn.push(...failOnFlag(opt.value()));
        break;
      case "--snaplen": {
        const v = opt.value();
        o.snaplen = /^\d+$/.test(v) ? Number(v) : NaN;
        if (!(o.snaplen >= 1 && o.snaplen <= MAX_SNAPLEN)) {
          throw new UsageError(`--snaplen needs a whole number from 1 to ${MAX_SNAPLEN}, not '${v}'`);
        }
        break;
      }
      case "--max-file-size": {
        const v = opt.value();
        const bytes = parseSize(v);
        if (bytes === null || bytes < MIN_FILE_SIZE) {
          throw new UsageError(
            `--max-file-size needs a size of at least ${MIN_FILE_SIZE} bytes (100000, 500kB, 10MB, 1GiB), not '${v}'`,
          );
        }
        o.maxFileSize = bytes;
        break;
      }
      case "-P":
      case "--promisc":
        o.promisc = true;
        break;
      default:
        throw new UsageError(
          opt.token.startsWith("-")
            ? `unknown option '${opt.token}' for 'capture'`
            : `unexpected argument '${opt.token}' (a value needs its flag)`,
        );
    }
  }
  o.interfaces = [...new Set(o.interfaces)];
  if (o.interfaces.length === 0) throw new UsageError("capture needs at least one interface (-i IFACE)");
  if (o.maxFileSize > 0 && o.write === null) throw new UsageError("--max-file-size needs a capture file (-w FILE)");
  if (o.write === "-") throw new UsageError("-w needs a file name; the capture cannot go to stdout");
  if (o.report !== null && o.report === o.write) throw new UsageError("--report and -w name the same file");
  return o;
}
