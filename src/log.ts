/**
 * Logging to stderr, with levels and rate-limited summaries so that a flood (a slow client, a full ring) yields one
 * line per interval with a count, never one line per packet.
 * @module
 */

export const LogLevel = { debug: 10, info: 20, warn: 30, error: 40, off: 100 } as const;
export type LogLevelName = keyof typeof LogLevel;

let threshold: number = LogLevel.info;
let sink: (line: string) => void = (line) => console.error(line);

/** Sets the least severe level that is printed. */
export function setLogLevel(level: LogLevelName): void {
  threshold = LogLevel[level];
}

/** Redirects log lines (tests). Returns the previous sink. */
export function setLogSink(next: (line: string) => void): (line: string) => void {
  const prev = sink;
  sink = next;
  return prev;
}

function emit(level: LogLevelName, message: string): void {
  if (LogLevel[level] < threshold) return;
  sink(`${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} ${message}`);
}

export const log = {
  debug: (m: string): void => emit("debug", m),
  info: (m: string): void => emit("info", m),
  warn: (m: string): void => emit("warn", m),
  error: (m: string): void => emit("error", m),
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
