import { deepStrictEqual, match, strictEqual, throws } from "node:assert/strict";
import { log, parseLogLevel, RateLimitedWarning, setLogFormat, setLogLevel, setLogSink } from "./log.ts";
import { applyLogOptions } from "./cli/log_options.ts";

/** Captures the lines logged while `fn` runs, then restores the defaults (text, info, stderr). */
function capture(fn: () => void): string[] {
  const lines: string[] = [];
  const prev = setLogSink((l) => lines.push(l));
  try {
    fn();
  } finally {
    setLogSink(prev);
    setLogFormat("text");
    setLogLevel("info");
  }
  return lines;
}

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

Deno.test("text lines read 'TIMESTAMP LEVEL message key=value'", () => {
  const lines = capture(() => {
    log.info("Source demo.pcap: 1234 packets read", { source: "demo.pcap", packets: 1234, note: "a b" });
    log.warn("Client queue full");
    log.error("failed");
  });
  strictEqual(lines.length, 3);
  const [first, second, third] = lines as [string, string, string];
  const [ts, rest] = [first.slice(0, 24), first.slice(25)];
  match(ts, ISO);
  strictEqual(rest, 'INFO  Source demo.pcap: 1234 packets read source=demo.pcap packets=1234 note="a b"');
  strictEqual(second.slice(25), "WARN  Client queue full");
  strictEqual(third.slice(25), "ERROR failed");
});

Deno.test("a message with line breaks stays one line, and braces print as written", () => {
  const lines = capture(() => log.error("boom\n    at f (x.ts:1:1)\r\nfilter {a} {{b}} }"));
  strictEqual(lines.length, 1);
  strictEqual(lines[0]!.slice(25), "ERROR boom\\n    at f (x.ts:1:1)\\nfilter {a} {{b}} }");
});

Deno.test("JSON lines hold ts, level, msg and the structured fields", () => {
  const lines = capture(() => {
    setLogFormat("json");
    log.info("Netpix running", { url: "http://127.0.0.1:3550/", port: 3550 });
    log.warn("multi\nline {x}", { big: 2n ** 70n, ts: "field named ts" });
  });
  strictEqual(lines.length, 2);
  const [a, b] = lines.map((l) => JSON.parse(l)) as [Record<string, unknown>, Record<string, unknown>];
  match(String(a.ts), ISO);
  deepStrictEqual({ ...a, ts: 0 }, {
    ts: 0,
    level: "info",
    msg: "Netpix running",
    url: "http://127.0.0.1:3550/",
    port: 3550,
  });
  deepStrictEqual(Object.keys(a), ["ts", "level", "msg", "url", "port"]);
  strictEqual(b.level, "warn");
  strictEqual(b.msg, "multi\nline {x}");
  strictEqual(b.big, "1180591620717411303424"); // bigint as a decimal string
  strictEqual(b.field_ts, "field named ts"); // the envelope's ts is not overwritten
  strictEqual(lines[1]!.includes("\n"), false);
});

Deno.test("levels below the threshold are dropped, and off drops everything", () => {
  const lines = capture(() => {
    log.debug("hidden at info");
    setLogLevel("debug");
    log.debug("shown at debug");
    setLogLevel("error");
    log.warn("hidden at error");
    log.error("shown at error");
    setLogLevel("off");
    log.error("hidden when off");
  });
  deepStrictEqual(lines.map((l) => l.slice(25)), ["DEBUG shown at debug", "ERROR shown at error"]);
});

Deno.test("RateLimitedWarning logs the first hit, then one summary per interval", () => {
  let now = 0;
  const w = new RateLimitedWarning("Client queue full, dropping message", 5000, () => now);
  const lines = capture(() => {
    w.hit();
    now = 1000;
    w.hit(3);
    now = 6000;
    w.hit(1, "client 7");
  });
  deepStrictEqual(lines.map((l) => l.slice(25)), [
    "WARN  Client queue full, dropping message (1 times)",
    "WARN  Client queue full, dropping message: client 7 (4 times in the last 6 s)",
  ]);
});

Deno.test("parseLogLevel() accepts the five level names only", () => {
  deepStrictEqual(["debug", "info", "warn", "error", "off"].map(parseLogLevel), [
    "debug",
    "info",
    "warn",
    "error",
    "off",
  ]);
  strictEqual(parseLogLevel("warning"), undefined);
  strictEqual(parseLogLevel("toString"), undefined);
});

Deno.test("applyLogOptions() lets NETPIX_LOG override --log-level and rejects a bad NETPIX_LOG", () => {
  const lines = capture(() => {
    applyLogOptions({ logLevel: "error", logFormat: "json" }, (n) => n === "NETPIX_LOG" ? "debug" : undefined);
    log.debug("from env");
  });
  strictEqual(JSON.parse(lines[0]!).msg, "from env");
  throws(
    () => applyLogOptions({ logLevel: "info", logFormat: "text" }, () => "loud"),
    /NETPIX_LOG needs one of debug, info, warn, error, off, not 'loud'/,
  );
});
