/**
 * How a log record becomes one line: `text` for people, `json` (JSON Lines) for log shippers. Both formatters are
 * LogTape `TextFormatter`s, so {@linkcode ./log.ts} hands them to LogTape's pipeline. A line never contains a newline,
 * so one event is one line in a terminal, a file or the journal.
 * @module
 */

import {
  getAnsiColorFormatter,
  getTextFormatter,
  type LogLevel,
  type LogRecord,
  type TextFormatter,
} from "@logtape/logtape";

export type LogFormat = "text" | "json";
export const LOG_FORMATS: readonly LogFormat[] = ["text", "json"];

/** Our level names, as printed (LogTape calls warn "warning" and has trace/fatal, which we do not emit). */
const LEVEL_NAME: Record<LogLevel, string> = {
  trace: "debug",
  debug: "debug",
  info: "info",
  warning: "warn",
  error: "error",
  fatal: "error",
};

/** sd-daemon(3) priority prefixes: journald strips `<N>` and files the line at that syslog priority. */
const SYSLOG_PRIORITY: Record<LogLevel, number> = { trace: 7, debug: 7, info: 6, warning: 4, error: 3, fatal: 2 };

export interface LineFormatOptions {
  /** ANSI colour on the level (text only; only ever for a terminal). */
  colour: boolean;
  /** stderr is the systemd journal: prefix `<N>` and leave the timestamp to journald (text). */
  journal: boolean;
}

/** Renders a structured field for `key=value`: bare when it is a plain token, JSON-quoted otherwise. */
function fieldValue(v: unknown): string {
  if (typeof v !== "string") return JSON.stringify(v, bigintAsString) ?? String(v);
  return /^[^\s"=\\]+$/.test(v) ? v : JSON.stringify(v);
}

function bigintAsString(_key: string, v: unknown): unknown {
  return typeof v === "bigint" ? v.toString() : v;
}

/** Escapes line breaks so that a message with a stack trace still makes one line. */
function oneLine(s: string): string {
  return s.replace(/\r?\n/g, "\\n").replace(/\r/g, "\\r");
}

function renderedMessage(record: LogRecord): string {
  let s = "";
  for (let i = 0; i < record.message.length; i++) {
    const part = record.message[i];
    s += i % 2 === 0 ? String(part) : typeof part === "string" ? part : JSON.stringify(part, bigintAsString);
  }
  return s;
}

/**
 * The text format: `2026-11-27T06:33:25.123Z INFO  message key=value`; under journald `<6>INFO  message key=value`.
 * @param opts Colour and journal mode.
 * @returns A LogTape formatter (its lines end in "\n").
 */
export function textFormatter(opts: LineFormatOptions): TextFormatter {
  const options = {
    timestamp: (ts: number) => new Date(ts).toISOString(),
    level: (l: LogLevel) => LEVEL_NAME[l].toUpperCase().padEnd(5),
    format: ({ timestamp, level, record }: { timestamp: string | null; level: string; record: LogRecord }) => {
      const fields = Object.entries(record.properties).map(([k, v]) => ` ${k}=${fieldValue(v)}`).join("");
      const line = oneLine(`${level} ${renderedMessage(record)}${fields}`);
      return opts.journal ? `<${SYSLOG_PRIORITY[record.level]}>${line}` : `${timestamp} ${line}`;
    },
  };
  return opts.colour ? getAnsiColorFormatter({ ...options, levelStyle: "bold" }) : getTextFormatter(options);
}

/**
 * The JSON Lines format: `{"ts":"…","level":"info","msg":"…",…fields}`; under journald prefixed by `<N>`.
 * Fields named ts, level or msg are kept under `field_<name>` rather than overwriting the envelope.
 * @param opts Journal mode (colour never applies).
 * @returns A LogTape formatter (its lines end in "\n").
 */
export function jsonFormatter(opts: Pick<LineFormatOptions, "journal">): TextFormatter {
  return (record) => {
    const out: Record<string, unknown> = {
      ts: new Date(record.timestamp).toISOString(),
      level: LEVEL_NAME[record.level],
      msg: renderedMessage(record),
    };
    for (const [k, v] of Object.entries(record.properties)) out[k in out ? `field_${k}` : k] = v;
    const line = JSON.stringify(out, bigintAsString); // JSON escapes \n, so one record is one line
    return `${opts.journal ? `<${SYSLOG_PRIORITY[record.level]}>` : ""}${line}\n`;
  };
}
