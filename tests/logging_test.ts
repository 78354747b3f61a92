/**
 * Logging as an operator sees it: `netpix run --log-format json` on stderr, colour only on a terminal, and the
 * journald priority prefix only when stderr really is the journal stream.
 */
import { deepStrictEqual, match, strictEqual } from "node:assert/strict";
import { DEMO_PCAP, ROOT_PATH, runCli, startNetpix } from "./_netpix.ts";

const dec = new TextDecoder();

/** A tiny program that logs through src/log.ts: one info line with a field, one warning. */
const LOGGER = `import { log } from ${JSON.stringify(new URL("../src/log.ts", import.meta.url).href)};
log.info("hello", { port: 3550 }); log.warn("careful");`;

function logLines(stderr: string): string[] {
  return stderr.split("\n").filter((l) => l !== "");
}

Deno.test("netpix run --log-format json writes only JSON lines on stderr, one per event", async () => {
  const expected =
    (await new Deno.Command("tcpdump", { args: ["-r", DEMO_PCAP, "-qn"], stdout: "piped", stderr: "null" })
      .output()).stdout;
  const packets = dec.decode(expected).split("\n").filter((l) => l !== "").length;
  const app = await startNetpix(["-f", DEMO_PCAP, "--log-format", "json", "--log-level", "debug"]);
  const deadline = Date.now() + 20_000;
  while (!app.stderr().includes("packets read") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  strictEqual(await app.stop(), 0);
  const records = logLines(app.stderr()).map((l) => JSON.parse(l) as Record<string, unknown>);
  for (const r of records) {
    match(String(r.ts), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    strictEqual(["debug", "info", "warn", "error"].includes(String(r.level)), true, JSON.stringify(r));
    strictEqual(typeof r.msg, "string");
  }
  const read = records.find((r) => String(r.msg).includes("packets read"));
  strictEqual(read?.msg, `Source ${DEMO_PCAP}: ${packets} packets read`);
  strictEqual(read?.level, "info");
  strictEqual(records.at(-1)?.msg, "Netpix stopped");
});

Deno.test("netpix run refuses an unknown --log-format and a bad NETPIX_LOG with exit 2", async () => {
  const fmt = await runCli(["run", "-f", DEMO_PCAP, "--log-format", "xml"]);
  strictEqual(fmt.code, 2);
  match(fmt.stderr, /^netpix: error: option '--log-format' needs one of text, json, not 'xml'/);
  const env = await runCli(["run", "-f", DEMO_PCAP, "-p", "0"], { env: { NETPIX_LOG: "loud" } });
  strictEqual(env.code, 2);
  match(env.stderr, /^netpix: error: NETPIX_LOG needs one of debug, info, warn, error, off, not 'loud'/);
});

Deno.test("text logs are coloured on a terminal only, and never with NO_COLOR", async () => {
  const file = await Deno.makeTempFile({ suffix: ".ts" });
  await Deno.writeTextFile(file, LOGGER);
  const deno = `${Deno.execPath()} run -A --config ${ROOT_PATH}deno.json ${file}`;
  // script(1) gives the program a pseudo-terminal as stdin/stdout/stderr, like an interactive shell.
  const onTty = async (env: Record<string, string>) =>
    dec.decode(
      (await new Deno.Command("script", { args: ["-qec", deno, "/dev/null"], env, stdout: "piped", stdin: "null" })
        .output()).stdout,
    );
  const coloured = await onTty({});
  strictEqual(coloured.includes("\x1b["), true, coloured);
  match(coloured, /INFO/);
  const noColor = await onTty({ NO_COLOR: "1" });
  match(noColor, /INFO {2}hello port=3550/);
  strictEqual(noColor.includes("\x1b["), false);
  const piped = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", "--config", `${ROOT_PATH}deno.json`, file],
    stderr: "piped",
  }).output();
  const lines = logLines(dec.decode(piped.stderr));
  deepStrictEqual(lines.map((l) => l.slice(25)), ["INFO  hello port=3550", "WARN  careful"]);
  await Deno.remove(file);
});

Deno.test("under journald (JOURNAL_STREAM names stderr) lines carry the syslog priority and no timestamp", async () => {
  const program = await Deno.makeTempFile({ suffix: ".ts" });
  await Deno.writeTextFile(program, LOGGER);
  const out = await Deno.makeTempFile();
  const st = await Deno.stat(out);
  const run = (journalStream: string) =>
    new Deno.Command("sh", {
      args: [
        "-c",
        `exec "$0" run -A --config "$1" "$2" 2>"$3"`,
        Deno.execPath(),
        `${ROOT_PATH}deno.json`,
        program,
        out,
      ],
      env: { JOURNAL_STREAM: journalStream },
    }).output();
  await run(`${st.dev}:${st.ino}`);
  deepStrictEqual(logLines(await Deno.readTextFile(out)), ["<6>INFO  hello port=3550", "<4>WARN  careful"]);
  await run(`${st.dev}:${(st.ino ?? 0) + 1}`); // inherited from a parent whose stderr went elsewhere: ignored
  deepStrictEqual(logLines(await Deno.readTextFile(out)).map((l) => l.slice(25)), [
    "INFO  hello port=3550",
    "WARN  careful",
  ]);
  await Deno.remove(program);
  await Deno.remove(out);
});

Deno.test("netpix run --help lists --log-format", async () => {
  const h = await runCli(["run", "--help"]);
  match(h.stdout, /--log-format FORMAT\s+text, or json for one JSON object per line/);
});
