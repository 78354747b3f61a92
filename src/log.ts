/**
 * Logging to stderr, with levels, a text or JSON Lines format, and rate-limited summaries so that a flood (a slow
 * client, a full ring) yields one line per interval with a count, never one line per packet.
 *
 * Records go through LogTape (npm `@logtape/logtape`: zero dependencies, runs on Deno, does level filtering, sinks
 * and formatters; `@std/log` is on JSR, which our registries do not reach). Callers only see this module's small API.
 * @module
 */

import { configureSync, getLogger, type LogLevel as LogTapeLevel, type LogRecord } from "@logtape/logtape";
import { fstatSync } from "node:fs";
import { jsonFormatter, type LogFormat, textFormatter } from "./log_format.ts";

export { LOG_FORMATS, type LogFormat } from "./log_format.ts";

export const LogLevel = { debug: 10, info: 20, warn: 30, error: 40, off: 100 } as const;
export type LogLevelName = keyof typeof LogLevel;

/** Structured fields of one event: `key=value` in text, top-level keys in JSON. */
export type LogFields = Record<string, unknown>;

const LOGTAPE_LEVEL: Record<LogLevelName, LogTapeLevel | null> = {
  debug: "debug",
  info: "info",
  warn: "warning",
  error: "error",
  off: null,
};

function envGranted(name: string): string | undefined {
  return Deno.permissions.querySync({ name: "env", variable: name }).state === "granted"
    ? Deno.env.get(name)
    : undefined;
}

/**
 * Whether stderr is connected to the systemd journal: systemd sets `JOURNAL_STREAM` to the `device:inode` of the
 * stream it connected (systemd.exec(5)), which must match stderr, not merely be inherited.
 */
function stderrIsJournal(): boolean {
  const stream = envGranted("JOURNAL_STREAM");
  if (!stream) return false;
  try {
    const st = fstatSync(2);
    return stream === `${st.dev}:${st.ino}`;
  } catch {
    return false;
  }
}

function writeStderr(line: string): void {
  console.error(line);
}

let level: LogLevelName = "info";
let format: LogFormat = "text";
let sink: (line: string) => void = writeStderr;
const journal = stderrIsJournal();
const logger = getLogger(["netpix"]);

/** (Re)applies level, format and sink to LogTape. */
function apply(): void {
  const colour = format === "text" && sink === writeStderr && !journal && Deno.stderr.isTerminal() &&
    envGranted("NO_COLOR") === undefined;
  const formatter = format === "json" ? jsonFormatter({ journal }) : textFormatter({ colour, journal });
  const out = sink;
  configureSync({
    reset: true,
    sinks: { line: (record: LogRecord) => out(formatter(record).replace(/\r?\n$/, "")) },
    loggers: [
      { category: ["netpix"], lowestLevel: LOGTAPE_LEVEL[level], sinks: ["line"] },
      // LogTape's own warnings (e.g. a sink that threw) go to the same place, never to the console in another format.
      { category: ["logtape", "meta"], lowestLevel: "warning", sinks: ["line"] },
    ],
  });
}
apply();

/** Sets the least severe level that is printed. */
export function setLogLevel(next: LogLevelName): void {
  level = next;
  apply();
}

/** Sets the line format: `text` (the default) or `json` (one JSON object per line). */
export function setLogFormat(next: LogFormat): void {
  format = next;
  apply();
}

/** Redirects log lines (tests). Returns the previous sink. */
export function setLogSink(next: (line: string) => void): (line: string) => void {
  const prev = sink;
  sink = next;
  apply();
  return prev;
}

/** Parses a level name (from `--log-level` or `NETPIX_LOG`); undefined when it is not one. */
export function parseLogLevel(name: string): LogLevelName | undefined {
  return Object.hasOwn(LogLevel, name) ? name as LogLevelName : undefined;
}

function emit(at: LogLevelName, message: string, fields?: LogFields): void {
  const tapeLevel = LOGTAPE_LEVEL[at];
  if (tapeLevel === null || !logger.isEnabledFor(tapeLevel)) return;
  // LogTape reads `{name}` in a message as a placeholder: double the braces so our text prints as written.
  const template = message.includes("{") ? message.replace(/[{}]/g, "$&$&") : message;
  const props = fields ?? {};
  if (at === "debug") logger.debug(template, props);
  else if (at === "info") logger.info(template, props);
  else if (at === "warn") logger.warn(template, props);
  else logger.error(template, props);
}

export const log = {
  debug: (m: string, fields?: LogFields): void => emit("debug", m, fields),
  info: (m: string, fields?: LogFields): void => emit("info", m, fields),
  warn: (m: string, fields?: LogFields): void => emit("warn", m, fields),
  error: (m: string, fields?: LogFields): void => emit("error", m, fields),
};

/**
 * A warning that may fire per packet or per message: the first occurrence is logged at once, later ones are summed
 * and logged at most once per `intervalMs` as "<message> (N times in the last T s)".
 */
export class RateLimitedWarning {
  #pending = 0;
  #lastMs = -Infinity;
  constructor(readonly message: string, readonly intervalMs = 5000, readonly now: () => number = Date.now) {}

  /** Records `n` occurrences; logs when the interval allows. */
  hit(n = 1, detail = ""): void {
    this.#pending += n;
    const t = this.now();
    if (t - this.#lastMs < this.intervalMs) return;
    const span = Number.isFinite(this.#lastMs) ? ` in the last ${((t - this.#lastMs) / 1000).toFixed(0)} s` : "";
    emit("warn", `${this.message}${detail ? `: ${detail}` : ""} (${this.#pending} times${span})`);
    this.#pending = 0;
    this.#lastMs = t;
  }
}
