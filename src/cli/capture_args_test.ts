import { deepStrictEqual, strictEqual, throws } from "node:assert/strict";
import { MAX_SNAPLEN, parseCaptureArgs, parseDuration, parseSize } from "./capture_args.ts";
import { UsageError } from "./args.ts";

const durations: [string, number | null][] = [
  ["500ms", 500],
  ["30s", 30_000],
  ["2m", 120_000],
  ["1h", 3_600_000],
  ["1.5s", 1500],
  ["0.0001ms", null], // rounds to 0
  ["0s", null],
  ["30", null], // a unit is required
  ["-1s", null],
  ["1d", null],
  ["1 s", null],
  ["600h", null], // beyond setTimeout's 24.8 days
];
for (const [text, want] of durations) {
  Deno.test(`parseDuration() reads '${text}' as ${want}`, () => strictEqual(parseDuration(text), want));
}

const sizes: [string, number | null][] = [
  ["100000", 100_000],
  ["500kB", 500_000],
  ["500k", 500_000],
  ["10MB", 10_000_000],
  ["1G", 1e9],
  ["512KiB", 524_288],
  ["2MiB", 2_097_152],
  ["1GiB", 1_073_741_824],
  ["1.5MB", null],
  ["10mb", null], // case matters: m is not a unit
  ["MB", null],
  ["99999999999GiB", null], // not a safe integer
];
for (const [text, want] of sizes) {
  Deno.test(`parseSize() reads '${text}' as ${want}`, () => strictEqual(parseSize(text), want));
}

Deno.test("parseCaptureArgs() reads every option, long and short, with and without '='", () => {
  deepStrictEqual(
    parseCaptureArgs([
      ...["-i", "eth0", "lo", "-i", "eth0", "-c", "udp port 5004", "--duration=2m", "--count", "100"],
      ...["-w", "out.pcap", "--max-file-size", "10MB", "--report", "r.json", "--fail-on", "loss_pct>1"],
      ...["--fail-on=cc_errors>0", "--snaplen", "1500", "-P"],
    ]),
    {
      sdp: null,
      clockRates: new Map(),
      decodeAs: [],
      interfaces: ["eth0", "lo"],
      filter: "udp port 5004",
      durationMs: 120_000,
      count: 100,
      write: "out.pcap",
      report: "r.json",
      failOn: [
        { field: "loss_pct", op: ">", value: 1, text: "loss_pct>1" },
        { field: "cc_errors", op: ">", value: 0, text: "cc_errors>0" },
      ],
      snaplen: 1500,
      maxFileSize: 10_000_000,
      promisc: true,
    },
  );
});

Deno.test("parseCaptureArgs() defaults: no stop condition, no file, the table on stdout, the full snaplen", () => {
  const o = parseCaptureArgs(["-i", "lo"]);
  deepStrictEqual([o.durationMs, o.count, o.write, o.report, o.snaplen, o.maxFileSize], [
    null,
    null,
    null,
    null,
    MAX_SNAPLEN,
    0,
  ]);
});

const bad: [string[], RegExp][] = [
  [[], /at least one interface/],
  [["-i"], /needs at least one interface/],
  [["-i", "lo", "--duration", "30"], /--duration needs a positive duration with a unit/],
  [["-i", "lo", "--count", "1e3"], /--count needs a whole number/],
  [["-i", "lo", "--snaplen", "0"], /--snaplen needs a whole number from 1 to 262144/],
  [["-i", "lo", "-w", "a.pcap", "--max-file-size", "999"], /at least 1000 bytes/],
  [["-i", "lo", "--max-file-size", "1MB"], /needs a capture file/],
  [["-i", "lo", "-w", "-"], /cannot go to stdout/],
  [["-i", "lo", "-w", "x", "--report", "x"], /the same file/],
  [["-i", "lo", "--fail-on", "loss>1"], /unknown field 'loss'/],
  [["-i", "lo", "--report"], /'--report' needs a value/],
  [["-i", "lo", "--bogus"], /unknown option '--bogus' for 'capture'/],
  [["-i", "lo", "-c", "udp", "extra"], /unexpected argument 'extra'/],
];
for (const [args, message] of bad) {
  Deno.test(`parseCaptureArgs() refuses '${args.join(" ")}' with a UsageError`, () => {
    throws(() => parseCaptureArgs(args), (e) => e instanceof UsageError && message.test(e.message));
  });
}
