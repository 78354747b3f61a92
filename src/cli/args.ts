/**
 * Command-line parsing for `netpix run` and `netpix list`, with the original tool's flags, short forms and defaults.
 * List flags take one or more values (`-f a.pcap b.pcap`) and may repeat. Errors are {@linkcode UsageError}s.
 * @module
 */

import { LOG_FORMATS, type LogFormat } from "../log_format.ts";

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
  /** Allowed values of a string option. */
  choices?: string[];
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
  logFormat: LogFormat;
  adaptiveBatching: "on" | "off";
  compression: "on" | "off" | "auto";
  config: string;
  token: string;
  allowOrigin: string[];
  tlsCert: string;
  tlsKey: string;
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
  logFormat: "text",
  adaptiveBatching: "on",
  compression: "auto",
  config: "",
  token: "",
  allowOrigin: [],
  tlsCert: "",
  tlsKey: "",
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
    help: "WebRTC rtc_event_log v2 files, followed while they grow",
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
    help: "sources drop packets older than this many seconds, files too (0 keeps them)",
  },
  {
    long: "max-client-queue-size",
    short: "q",
    kind: "int",
    key: "maxClientQueueSize",
    value: "N",
    help: "live packets queued per client; beyond it new ones are dropped and reported",
  },
  { long: "max-clients", short: "C", kind: "int", key: "maxClients", value: "N", help: "concurrent WebSocket clients" },
  {
    long: "message-batch-size",
    short: "B",
    kind: "int",
    key: "messageBatchSize",
    value: "N",
    help: "live packets per client per tick, in one WebSocket frame",
  },
  {
    long: "adaptive-batching",
    kind: "string",
    key: "adaptiveBatching",
    value: "on|off",
    choices: ["on", "off"],
    help: "a client's batch grows with its queue (up to 2048 packets per tick)",
  },
  {
    long: "compression",
    kind: "string",
    key: "compression",
    value: "on|off|auto",
    choices: ["on", "off", "auto"],
    help: "deflate frames; auto = for clients not on loopback",
  },
  {
    long: "config",
    kind: "string",
    key: "config",
    value: "FILE",
    help: "JSON or TOML file of run options (long names); SIGHUP re-reads its tunables",
  },
  {
    long: "token",
    kind: "string",
    key: "token",
    value: "TOKEN",
    help: "required on every request (also NETPIX_TOKEN); generated when serving beyond loopback",
  },
  {
    long: "allow-origin",
    kind: "list",
    key: "allowOrigin",
    value: "ORIGIN...",
    help: "other web origins allowed to open the WebSocket, e.g. https://ops.example.com",
  },
  { long: "tls-cert", kind: "string", key: "tlsCert", value: "FILE", help: "PEM certificate: serve HTTPS and wss://" },
  { long: "tls-key", kind: "string", key: "tlsKey", value: "FILE", help: "PEM private key for --tls-cert" },
  {
    long: "log-level",
    kind: "string",
    key: "logLevel",
    value: "LEVEL",
    help: "debug, info, warn, error or off (also NETPIX_LOG)",
  },
  {
    long: "log-format",
    kind: "string",
    key: "logFormat",
    value: "FORMAT",
    help: "text, or json for one JSON object per line",
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

/** A run-option value from the command line or a config file, checked and stored into `out`. */
function setOption(out: RunOptions, spec: OptionSpec, values: string[], where: string): void {
  if (spec.kind === "flag") {
    const v = values[0];
    if (v !== undefined && v !== "true" && v !== "false") {
      throw new UsageError(`${where} takes true or false, not '${v}'`);
    }
    (out[spec.key] as boolean) = v !== "false";
    return;
  }
  if (values.length === 0 || values.some((v) => v === "")) {
    throw new UsageError(`${where} needs ${spec.kind === "list" ? "at least one value" : "a value"}`);
  }
  if (spec.kind === "list") (out[spec.key] as string[]).push(...values);
  else if (spec.kind === "string") {
    const v = values[0]!;
    if (spec.choices && !spec.choices.includes(v)) {
      throw new UsageError(`${where} needs one of ${spec.choices.join(", ")}, not '${v}'`);
    }
    (out[spec.key] as string) = v;
  } else {
    const v = values[0]!;
    const n = /^\d+$/.test(v) ? Number(v) : NaN;
    const [lo, hi] = INT_LIMITS[spec.key]!;
    if (!Number.isSafeInteger(n) || n < lo || n > hi) {
      throw new UsageError(`${where} needs a whole number from ${lo} to ${hi}, not '${v}'`);
    }
    (out[spec.key] as number) = n;
  }
}

function checkRunOptions(out: RunOptions): void {
  if ((out.tlsCert === "") !== (out.tlsKey === "")) {
    throw new UsageError("options '--tls-cert' and '--tls-key' go together");
  }
  for (const o of out.allowOrigin) {
    let ok = false;
    try {
      const u = new URL(o);
      ok = (u.protocol === "http:" || u.protocol === "https:") && u.origin === o.replace(/\/$/, "");
    } catch { /* not a URL */ }
    if (!ok) throw new UsageError(`option '--allow-origin' needs an origin like https://host:port, not '${o}'`);
  }
  if (!isIpLiteral(out.address)) throw new UsageError(`option '--address' needs an IP address, not '${out.address}'`);
  if (!LOG_LEVELS.includes(out.logLevel)) {
    throw new UsageError(`option '--log-level' needs one of ${LOG_LEVELS.join(", ")}, not '${out.logLevel}'`);
  }
  if (!LOG_FORMATS.includes(out.logFormat)) {
    throw new UsageError(`option '--log-format' needs one of ${LOG_FORMATS.join(", ")}, not '${out.logFormat}'`);
  }
}

/** A fresh copy of the defaults (lists are not shared). */
export function runDefaults(): RunOptions {
  return { ...RUN_DEFAULTS, files: [], interfaces: [], logFiles: [], allowOrigin: [] };
}

/** Parses the arguments after `run`; also says which options the command line set. */
export function parseRunArgsDetailed(args: string[]): { options: RunOptions; explicit: Set<keyof RunOptions> } {
  const out = runDefaults();
  const explicit = new Set<keyof RunOptions>();
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
    explicit.add(spec.key);
    if (spec.kind === "flag") {
      if (inline !== undefined) throw new UsageError(`option '--${spec.long}' takes no value`);
      setOption(out, spec, [], `option '--${spec.long}'`);
      continue;
    }
    const values: string[] = [];
    if (inline !== undefined) values.push(inline);
    else if (spec.kind === "list") {
      while (i + 1 < args.length && !args[i + 1]!.startsWith("-")) values.push(args[++i]!);
    } else if (i + 1 < args.length) values.push(args[++i]!);
    setOption(out, spec, values, `option '--${spec.long}'`);
  }
  checkRunOptions(out);
  return { options: out, explicit };
}

/** Parses the arguments after `run`. */
export function parseRunArgs(args: string[]): RunOptions {
  return parseRunArgsDetailed(args).options;
}

/**
 * Applies a config file's settings (already parsed from JSON or TOML: keys are the long option names, e.g.
 * `"message-interval": 10`, `interfaces = ["eth0"]`) to `base`, except the options in `skip` (set on the command
 * line, which wins). Returns a new object; throws {@linkcode UsageError} naming the file and key on a bad entry.
 */
export function applyConfig(
  base: RunOptions,
  config: Record<string, unknown>,
  file: string,
  skip: ReadonlySet<keyof RunOptions> = new Set(),
): RunOptions {
  const out: RunOptions = {
    ...base,
    files: [...base.files],
    interfaces: [...base.interfaces],
    logFiles: [...base.logFiles],
  };
  for (const [key, value] of Object.entries(config)) {
    const spec = RUN_SPECS.find((s) => s.long === key);
    const where = `${file}: '${key}'`;
    if (!spec || spec.key === "config") throw new UsageError(`${where} is not a run option (see 'netpix run --help')`);
    if (skip.has(spec.key)) continue;
    let values: string[];
    if (spec.kind === "list") {
      const list = Array.isArray(value) ? value : [value];
      if (!list.every((v) => typeof v === "string")) throw new UsageError(`${where} needs a list of strings`);
      values = list as string[];
      (out[spec.key] as string[]) = [];
    } else if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
      values = [String(value)];
    } else throw new UsageError(`${where} needs a ${spec.kind === "int" ? "number" : "string"}`);
    setOption(out, spec, values, where);
  }
  checkRunOptions(out);
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
  netpix analyze FILE...   analyse captures and event logs, print the streams (see 'netpix analyze --help')
  netpix convert LOG -w OUT.pcapng   write an event log's RTP/RTCP as pcapng (see 'netpix convert --help')
  netpix capture -i IFACE  capture to pcap and analyse, for CI (see 'netpix capture --help')
  netpix --help | --version

Run 'netpix run --help' for the run options.`;

export const RUN_HELP = `Run the app. E.g. "netpix run -f rtp.pcap webex.pcap -i eth0 wlan0"

Usage: netpix run [OPTIONS]

Options:
${optionLines(RUN_SPECS)}
  -h, --help                        print this help`;

export const LIST_HELP = `List capture devices that are up and have addresses, plus 'any'.

Usage: netpix list [--json]`;
