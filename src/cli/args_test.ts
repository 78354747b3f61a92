import { deepStrictEqual, strictEqual, throws } from "node:assert/strict";
import { applyConfig, parseListArgs, parseRunArgs, parseRunArgsDetailed, RUN_DEFAULTS, UsageError } from "./args.ts";

Deno.test("parseRunArgs() applies the original tool's defaults", () => {
  const o = parseRunArgs([]);
  deepStrictEqual(o, { ...RUN_DEFAULTS, files: [], interfaces: [], logFiles: [] });
  strictEqual(o.port, 3550);
  strictEqual(o.bufferSize, 32768);
  strictEqual(o.messageInterval, 5);
  strictEqual(o.maximumPackageAge, 300);
  strictEqual(o.maxClientQueueSize, 1000);
  strictEqual(o.maxClients, 100);
  strictEqual(o.messageBatchSize, 10);
  strictEqual(o.address, "127.0.0.1");
});

Deno.test("parseRunArgs() takes several values per list flag, repeated flags, and --name=value", () => {
  const o = parseRunArgs(["-f", "a.pcap", "b.pcap", "-i", "lo", "--files=c.pcap", "-c", "udp port 5004", "-P"]);
  deepStrictEqual(o.files, ["a.pcap", "b.pcap", "c.pcap"]);
  deepStrictEqual(o.interfaces, ["lo"]);
  strictEqual(o.capture, "udp port 5004");
  strictEqual(o.promisc, true);
});

Deno.test("parseRunArgs() reads every short form", () => {
  const o = parseRunArgs(
    ["-l", "e.log", "-a", "::1", "-p", "8080", "-b", "10", "-m", "2", "-M", "60", "-q", "5", "-C", "3", "-B", "4"],
  );
  deepStrictEqual(
    [o.logFiles, o.address, o.port, o.bufferSize, o.messageInterval, o.maximumPackageAge, o.maxClientQueueSize],
    [["e.log"], "::1", 8080, 10, 2, 60, 5],
  );
  deepStrictEqual([o.maxClients, o.messageBatchSize], [3, 4]);
});

Deno.test("parseRunArgs() rejects bad values with a UsageError naming the option", () => {
  for (
    const [args, re] of [
      [["-p", "-1"], /--port/],
      [["-p", "1e3"], /--port/],
      [["-m", "0"], /--message-interval/],
      [["-a", "localhost"], /--address/],
      [["-a", "1.2.3.256"], /--address/],
      [["--promisc=yes"], /takes no value/],
      [["stray"], /unexpected argument 'stray'/],
      [["--log-level", "loud"], /--log-level/],
    ] as const
  ) {
    throws(() => parseRunArgs([...args]), (e: unknown) => e instanceof UsageError && re.test(e.message));
  }
});

Deno.test("parseListArgs() accepts --json only", () => {
  deepStrictEqual(parseListArgs(["--json"]), { json: true });
  throws(() => parseListArgs(["-x"]), UsageError);
});

Deno.test("parseRunArgsDetailed() says which options the command line set", () => {
  const { options, explicit } = parseRunArgsDetailed(["-m", "7", "--compression", "off", "--adaptive-batching=off"]);
  strictEqual(options.messageInterval, 7);
  strictEqual(options.compression, "off");
  strictEqual(options.adaptiveBatching, "off");
  deepStrictEqual([...explicit].sort(), ["adaptiveBatching", "compression", "messageInterval"]);
  throws(() => parseRunArgs(["--compression", "maybe"]), /--compression' needs one of on, off, auto/);
});

Deno.test("applyConfig() fills what the command line left unset, and names the file and key on a bad entry", () => {
  const { options, explicit } = parseRunArgsDetailed(["-m", "7"]);
  const o = applyConfig(
    options,
    { "message-interval": 20, "message-batch-size": 30, interfaces: ["lo", "eth 0"], promisc: true },
    "netpix.toml",
    explicit,
  );
  strictEqual(o.messageInterval, 7, "the command line wins");
  strictEqual(o.messageBatchSize, 30);
  deepStrictEqual(o.interfaces, ["lo", "eth 0"]);
  strictEqual(o.promisc, true);
  throws(() => applyConfig(options, { "max-clients": 0 }, "c.json"), /c\.json: 'max-clients' needs a whole number/);
  throws(() => applyConfig(options, { "no-such": 1 }, "c.json"), /c\.json: 'no-such' is not a run option/);
  throws(() => applyConfig(options, { files: [1] }, "c.json"), /needs a list of strings/);
});
