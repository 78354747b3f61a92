/**
 * Every way `netpix` refuses to start: one line on stderr naming the problem, and a non-zero exit.
 */
import { match, ok, strictEqual } from "node:assert/strict";
import { DEMO_PCAP, MAIN, RUN_PERMISSIONS, runCli } from "./_netpix.ts";

async function expectFailure(args: string[], code: number, pattern: RegExp): Promise<void> {
  const r = await runCli(args);
  strictEqual(r.code, code, `exit code for ${args.join(" ")}; stderr: ${r.stderr}`);
  const lines = r.stderr.trim().split("\n");
  strictEqual(lines.length, 1, `one line on stderr, got: ${r.stderr}`);
  match(lines[0]!, /^netpix: error: /);
  match(lines[0]!, pattern);
  strictEqual(r.stdout, "", "nothing on stdout");
}

Deno.test("netpix run refuses to start without sources", async () => {
  await expectFailure(["run"], 1, /no sources/);
});

Deno.test("netpix run names a missing capture file", async () => {
  await expectFailure(["run", "-f", "/nonexistent/x.pcap"], 1, /capture file not found: \/nonexistent\/x\.pcap/);
});

Deno.test("netpix run refuses a directory given as a capture file", async () => {
  await expectFailure(["run", "-f", "/tmp"], 1, /is a directory/);
});

Deno.test("netpix run refuses a file that is not a capture, quoting libpcap", async () => {
  const path = await Deno.makeTempFile({ suffix: ".pcap" });
  await Deno.writeTextFile(path, "this is not a capture file at all\n");
  try {
    await expectFailure(["run", "-f", path], 1, /cannot read capture file .*: .*(unknown file format|truncated)/i);
  } finally {
    await Deno.remove(path);
  }
});

Deno.test("netpix run names an unknown interface", async () => {
  await expectFailure(["run", "-i", "nosuchif0"], 1, /unknown interface nosuchif0/);
});

Deno.test("netpix run quotes libpcap's message for an invalid BPF filter", async () => {
  await expectFailure(
    ["run", "-f", DEMO_PCAP, "-c", "udp port banana"],
    1,
    /invalid capture filter "udp port banana".*:/,
  );
  await expectFailure(["run", "-i", "lo", "-c", "tcp and ("], 1, /invalid capture filter "tcp and \(".*syntax error/);
});

Deno.test("netpix run refuses promiscuous mode with files only", async () => {
  await expectFailure(["run", "-f", DEMO_PCAP, "-P"], 1, /promiscuous mode \(-P\) applies to interfaces/);
});

Deno.test("netpix run reports a port already in use", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  try {
    const port = (listener.addr as Deno.NetAddr).port;
    await expectFailure(["run", "-f", DEMO_PCAP, "-p", String(port)], 1, new RegExp(`port ${port} is already in use`));
  } finally {
    listener.close();
  }
});

Deno.test("netpix run names a missing event-log file", async () => {
  await expectFailure(["run", "-l", "/nonexistent/event.log"], 1, /event log not found/);
});

Deno.test("netpix run rejects bad option values and unknown options with exit 2", async () => {
  await expectFailure(["run", "-f", DEMO_PCAP, "-p", "70000"], 2, /--port' needs a whole number from 0 to 65535/);
  await expectFailure(["run", "-f", DEMO_PCAP, "-b", "0"], 2, /--buffer-size/);
  await expectFailure(["run", "-f", DEMO_PCAP, "-a", "not-an-ip"], 2, /--address' needs an IP address/);
  await expectFailure(["run", "--frobnicate"], 2, /unknown option '--frobnicate'/);
  await expectFailure(["run", "-f"], 2, /'--files' needs at least one value/);
  await expectFailure(["launch"], 2, /unknown command 'launch'/);
});

Deno.test("netpix run without capture or read permission says so", async () => {
  // Root may capture and read anywhere, so run netpix without the capabilities that allow it.
  const unreadable = await Deno.makeTempFile({ suffix: ".pcap" });
  await Deno.copyFile(DEMO_PCAP, unreadable);
  await Deno.chmod(unreadable, 0o000);
  const withoutCaps = async (args: string[]) => {
    const out = await new Deno.Command("setpriv", {
      args: [
        "--bounding-set=-net_raw,-net_admin,-dac_override,-dac_read_search",
        Deno.execPath(),
        "run",
        ...RUN_PERMISSIONS,
        MAIN,
        ...args,
      ],
      stdout: "piped",
      stderr: "piped",
    }).output();
    return { code: out.code, stderr: new TextDecoder().decode(out.stderr) };
  };
  try {
    const live = await withoutCaps(["run", "-i", "lo"]);
    strictEqual(live.code, 1, live.stderr);
    match(live.stderr, /^netpix: error: no permission to capture on lo: run as root or grant CAP_NET_RAW/);
    const file = await withoutCaps(["run", "-f", unreadable]);
    strictEqual(file.code, 1, file.stderr);
    match(file.stderr, /^netpix: error: capture file is not readable: .*: permission denied\n$/);
  } finally {
    await Deno.remove(unreadable);
  }
});

Deno.test("netpix --version and --help exit 0", async () => {
  const v = await runCli(["--version"]);
  strictEqual(v.code, 0);
  match(v.stdout, /^netpix \d+\.\d+\.\d+/);
  const h = await runCli(["run", "--help"]);
  strictEqual(h.code, 0);
  for (
    const flag of [
      "-f, --files",
      "-i, --interfaces",
      "-l, --log-files",
      "-c, --capture",
      "-a, --address",
      "-p, --port",
      "-P, --promisc",
      "-b, --buffer-size",
      "-m, --message-interval",
      "-M, --maximum-package-age",
      "-q, --max-client-queue-size",
      "-C, --max-clients",
      "-B, --message-batch-size",
    ]
  ) {
    ok(h.stdout.includes(flag), `help lists ${flag}`);
  }
});
