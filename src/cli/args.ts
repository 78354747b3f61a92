/**
 * Command-line parsing for `netpix run` and `netpix list`, with the original tool's flags, short forms and defaults.
 * List flags take one or more values (`-f a.pcap b.pcap`) and may repeat. Errors are {@linkcode UsageError}s.
 * @module
 */

/** A mistake in the command line; the CLI prints it with a hint to `--help` and exits 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

type Kind = "list" | "string" | "int" | "flag";
interface OptionSpec {
  long: string;
  short?: string;
  kind: Kind;
  key: keyof RunOptions;
  help: string;
  value?: string;
}

export interface RunOptions {
  files: string[];
  interfaces: string[];
  logFiles: string[];
  capture: string;
  address: string;
  port: number;
  promisc: boolean;
  bufferSize: number;
  messageInterval: number;
  maximumPackageAge: number;
  maxClientQueueSize: number;
  maxClients: number;
  messageBatchSize: number;
  logLevel: string;
}

export const RUN_DEFAULTS: Readonly<RunOptions> = {
  files: [],
  interfaces: [],
  logFiles: [],
  capture: "",
  address: "127.0.0.1",
  port: 3550,
  promisc: false,
  bufferSize: 32768,
  messageInterval: 5,
  maximumPackageAge: 300,
  maxClientQueueSize: 1000,
  maxClients: 100,
  messageBatchSize: 10,
  logLevel: "info",
};

const RUN_SPECS: OptionSpec[] = [
  { long: "files", short: "f", kind: "list", key: "files", value: "FILE...", help: "pcap/pcapng files to read" },
  { long: "interfaces", short: "i", kind: "list", key: "interfaces", value: "IFACE...", help: "live interfaces" },
  {
    long: "log-files",
    short: "l",
    kind: "list",
    key: "logFiles",
    value: "FILE...",
    help: "WebRTC rtc_event_log files (decoding not yet available)",
  },
  { long: "capture", short: "c", kind: "string", key: "capture", value: "FILTER", help: "BPF filter, tcpdump syntax" },
  { long: "address", short: "a", kind: "string", key: "address", value: "IP", help: "address to serve on" },
  { long: "port", short: "p", kind: "int", key: "port", value: "PORT", help: "port to serve on (0 picks a free one)" },
  { long: "promisc", short: "P", kind: "flag", key: "promisc", help: "promiscuous mode on interfaces" },
  {
    long: "buffer-size",
    short: "b",
    kind: "int",
    key: "bufferSize",
    value: "N",
    help: "packets kept per source; the oldest are discarded beyond it",
  },
  {
    long: "message-interval",
    short: "m",
    kind: "int",
    key: "messageInterval",
    value: "MS",
    help: "send tick period in milliseconds",
  },
  {
    long: "maximum-package-age",
    short: "M",
    kind: "int",
    key: "maximumPackageAge",
    value: "S",
    help: "live sources drop packets older than this many seconds (files keep theirs)",
  },
  {
    long: "max-client-queue-size",
    short: "q",
    kind: "int",
    key: "maxClientQueueSize",
    value: "N",
    help: "messages a client may fall behind before it loses the oldest",
  },
  { long: "max-clients", short: "C", kind: "int", key: "maxClients", value: "N", help: "concurrent WebSocket clients" },
  {
    long: "message-batch-size",
    short: "B",
    kind: "int",
    key: "messageBatchSize",
    value: "N",
    help: "messages sent per client per tick",
  },
  {
    long: "log-level",
    kind: "string",
    key: "logLevel",
    value: "LEVEL",
    help: "debug, info, warn, error or off (also NETPIX_LOG)",
  },
];

const INT_LIMITS: Partial<Record<keyof RunOptions, [number, number]>> = {
  port: [0, 65535],
  bufferSize: [1, 16_777_216],
  messageInterval: [1, 60_000],
  maximumPackageAge: [0, 31_536_000],
  maxClientQueueSize: [1, 1_000_000],
  maxClients: [1, 100_000],
  messageBatchSize: [1, 100_000],
};

const LOG_LEVELS = ["debug", "info", "warn", "error", "off"];

function isIpLiteral(s: string): boolean {
  if (/^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(s)) return true;
  if (!s.includes(":") || !/^[0-9a-fA-F:.]+$/.test(s)) return false;
  try {
    new URL(`http://[${s}]/`);
    return true;
  } catch {
    return false;
  }
}

/** Parses the arguments after `run`. */
export function parseRunArgs(args: string[]): RunOptions {
  const out: RunOptions = { ...RUN_DEFAULTS, files: [], interfaces: [], logFiles: [] };
  for (let i = 0; i < args.length; i++) {
    const token = args[i]!;
    let name = token;
    let inline: string | undefined;
    const eq = token.indexOf("=");
    if (token.startsWith("--") && eq > 0) {
      name = token.slice(0, eq);
      inline = token.slice(eq + 1);
    }
    const spec = RUN_SPECS.find((s) => `--${s.long}` === name || (s.short !== undefined && `-${s.short}` === name));
    if (!spec) {
      throw new UsageError(
        token.startsWith("-") ? `unknown option '${token}'` : `unexpected argument '${token}' (a value needs its flag)`,
      );
    }
    if (spec.kind === "flag") {
      if (inline !== undefined) throw new UsageError(`option '--${spec.long}' takes no value`);
      (out[spec.key] as boolean) = true;
      continue;
    }
    const values: string[] = [];
    if (inline !== undefined) values.push(inline);
    else if (spec.kind === "list") {
      while (i + 1 < args.length && !args[i + 1]!.startsWith("-")) values.push(args[++i]!);
    } else if (i + 1 < args.length) values.push(args[++i]!);
    if (values.length === 0 || values.some((v) => v === "")) {
      throw new UsageError(`option '${name}' needs ${spec.kind === "list" ? "at least one value" : "a value"}`);
    }
    if (spec.kind === "list") (out[spec.key] as string[]).push(...values);
    else if (spec.kind === "string") (out[spec.key] as string) = values[0]!;
    else {
      const v = values[0]!;
      const n = /^\d+$/.test(v) ? Number(v) : NaN;
      const [lo, hi] = INT_LIMITS[spec.key]!;
      if (!Number.isSafeInteger(n) || n < lo || n > hi) {
        throw new UsageError(`option '--${spec.long}' needs a whole number from ${lo} to ${hi}, not '${v}'`);
      }
      (out[spec.key] as number) = n;
    }
  }
  if (!isIpLiteral(out.address)) throw new UsageError(`option '--address' needs an IP address, not '${out.address}'`);
  if (!LOG_LEVELS.includes(out.logLevel)) {
    throw new UsageError(`option '--log-level' needs one of ${LOG_LEVELS.join(", ")}, not '${out.logLevel}'`);
  }
  return out;
}

/** Parses the arguments after `list`. */
export function parseListArgs(args: string[]): { json: boolean } {
  let json = false;
  for (const a of args) {
    if (a === "--json") json = true;
    else throw new UsageError(`unknown option '${a}' for 'list'`);
  }
  return { json };
}

function optionLines(specs: OptionSpec[]): string {
  return specs.map((s) => {
    const flag = `${s.short ? `-${s.short}, ` : "    "}--${s.long}${s.value ? ` ${s.value}` : ""}`;
    const def = RUN_DEFAULTS[s.key];
    const shown = s.kind === "int" || (s.kind === "string" && def !== "") ? ` [default: ${def}]` : "";
    return `  ${flag.padEnd(34)}${s.help}${shown}`;
  }).join("\n");
}

export const MAIN_HELP = `netpix: what happens to media streams on the wire

Usage:
  netpix run [OPTIONS]     read captures and interfaces, serve the UI
  netpix list [--json]     list capture devices
  netpix analyze FILE...   analyse captures and print the streams (see 'netpix analyze --help')
  netpix --help | --version

Run 'netpix run --help' for the run options.`;

export const RUN_HELP = `Run the app. E.g. "netpix run -f rtp.pcap webex.pcap -i eth0 wlan0"

Usage: netpix run [OPTIONS]

Options:
${optionLines(RUN_SPECS)}
  -h, --help                        print this help`;

export const LIST_HELP = `List capture devices that are up and have addresses, plus 'any'.

Usage: netpix list [--json]`;
