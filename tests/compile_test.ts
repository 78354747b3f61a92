/**
 * The release build (`deno task compile`, scripts/compile.ts) and the code the executable runs: the build info, the
 * embedded files, and the capture library's extraction, from a directory with no source tree.
 *
 * Building the executable itself needs denort 2.9.6, which this machine cannot download. The last test builds and
 * runs the real executable when `DENORT_BIN` names one (or deno has one cached); every other test runs without it.
 */
import { deepStrictEqual, match, notStrictEqual, strictEqual } from "node:assert/strict";
import { BUILD_INFO, compileArgs, INCLUDES } from "../scripts/compile.ts";
import { type BuildInfo, VERSION } from "../src/build_info.ts";
import { sha256Hex, SOURCE_LIBRARY_PATH } from "../ffi/embedded_library.ts";
import { PERMISSIONS, stageExecutableTree } from "./_executable_tree.ts";
import { DEMO_PCAP, ROOT_PATH } from "./_netpix.ts";
import { spawnUntilBanner } from "./_banner_child.ts";

const dec = new TextDecoder();
const DENO_CLI = Deno.realPathSync(Deno.execPath());
const COMPILE = `${ROOT_PATH}scripts/compile.ts`;
const TARGET = `${Deno.build.arch}-unknown-linux-gnu`;

function git(args: string[]): string {
  const out = new Deno.Command("git", { args: ["-C", ROOT_PATH, ...args], stdout: "piped", stderr: "null" })
    .outputSync();
  return out.success ? dec.decode(out.stdout).trim() : "";
}

/** Whether `deno compile` has denort cached from an earlier download. */
function denortCached(): boolean {
  const info = new Deno.Command(Deno.execPath(), { args: ["info", "--json"], stdout: "piped" }).outputSync();
  const { denoDir } = JSON.parse(dec.decode(info.stdout)) as { denoDir: string };
  try {
    Deno.statSync(`${denoDir}/dl/release/v${Deno.version.deno}/denort-${TARGET}.zip`);
    return true;
  } catch {
    return false;
  }
}

const DENORT = Deno.env.get("DENORT_BIN") || undefined;
const CAN_BUILD = DENORT !== undefined || denortCached();
if (!CAN_BUILD) {
  console.log(
    `compile_test: no denort ${Deno.version.deno} here (DENORT_BIN unset, none cached, no download possible): the ` +
      `end-to-end test of dist/netpix is skipped; everything up to the runtime step is tested.`,
  );
}

/** The environment of a child without DENORT_BIN (Deno.Command inherits the rest). */
function envWithout(name: string): Record<string, string> {
  const env = Deno.env.toObject();
  delete env[name];
  return env;
}

interface Server {
  url: string;
  pid: number;
  stop: () => Promise<{ code: number; stderr: string }>;
}

/** Spawns a netpix server command (with only `opts.env`) and resolves once it prints its URL. */
async function startServer(cmd: string, args: string[], opts: { cwd: string; env: Record<string, string> }) {
  const child = await spawnUntilBanner(cmd, args, /Netpix running on (http:\/\/\S+?:\d+)\//, {
    ...opts,
    timeoutMs: 30_000,
    failure: (stdout, stderr) => `netpix did not start: stdout=${stdout} stderr=${stderr}`,
  });
  const stop = async () => ({ code: await child.stop(), stderr: child.stderr() });
  return { url: child.match[1]!, pid: child.pid, stop } satisfies Server;
}

/** Runs scripts/compile.ts (what `deno task compile` runs after its builds) with `--output ${out}/netpix`. */
async function runCompileScript(
  out: string,
  env: Record<string, string>,
  clearEnv = false,
): Promise<Deno.CommandOutput> {
  return await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", COMPILE, "--output", `${out}/netpix`],
    cwd: ROOT_PATH,
    env,
    clearEnv,
    stdout: "piped",
    stderr: "piped",
  }).output();
}

/** The files of /proc/PID/maps that are mapped from disk. */
function mappedFiles(pid: number): Set<string> {
  return new Set(
    Deno.readTextFileSync(`/proc/${pid}/maps`).split("\n").map((l) => l.split(/\s+/)[5] ?? "").filter((p) =>
      p.startsWith("/")
    ),
  );
}

/** Fetches the UI's three files and checks them against the sources they were embedded from. */
async function assertServesUi(url: string): Promise<void> {
  for (
    const [path, file, type] of [
      ["/", "src/ui/index.html", "text/html"],
      ["/app.js", "dist/app.js", "text/javascript"],
      ["/style.css", "src/ui/style.css", "text/css"],
    ]
  ) {
    const res = await fetch(`${url}${path}`);
    strictEqual(res.status, 200, path);
    match(res.headers.get("content-type") ?? "", new RegExp(`^${type}`));
    deepStrictEqual(new Uint8Array(await res.arrayBuffer()), Deno.readFileSync(`${ROOT_PATH}${file}`), path);
  }
}

async function tempDir(prefix: string, mode = 0o700): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix });
  await Deno.chmod(dir, mode);
  return dir;
}

Deno.test("netpix --version from source prints the version in deno.json, the git commit and libpcap's version", async () => {
  const denoJson = JSON.parse(await Deno.readTextFile(`${ROOT_PATH}deno.json`)) as { version: string };
  strictEqual(VERSION, denoJson.version);
  const run = async (perms: string[]) =>
    dec.decode(
      (await new Deno.Command(Deno.execPath(), {
        args: ["run", ...perms, `${ROOT_PATH}main.ts`, "--version"],
        stdout: "piped",
        env: envWithout("NETPIX_EMBEDDED"),
        clearEnv: true,
      }).output()).stdout,
    );
  const withGit = (await run(["--allow-ffi", "--allow-read", "--allow-env", "--allow-sys", "--allow-run=git"]))
    .split("\n");
  strictEqual(withGit[0], `netpix ${denoJson.version}`);
  const head = git(["rev-parse", "--short=12", "HEAD"]);
  notStrictEqual(head, "");
  match(withGit[1]!, new RegExp(`^commit ${head}(-dirty)?$`));
  match(withGit[2]!, /^libpcap version \d+\.\d+\.\d+/);
  const withoutGit = (await run(["--allow-ffi", "--allow-read", "--allow-env", "--allow-sys"])).split("\n");
  strictEqual(withoutGit[1], "commit unknown");
});

Deno.test("the executable's contents run from a directory with no source tree: version, library, UI", async () => {
  const tree = await tempDir("netpix-exe-tree-", 0o755);
  const xdg = await tempDir("netpix-xdg-");
  const work = await tempDir("netpix-work-", 0o755);
  try {
    const files = await stageExecutableTree(tree);
    // Only modules, deno.json/lock and the included files: no Cargo project, no UI sources, no git.
    for (const absent of ["capture-rs/Cargo.toml", "capture-rs/src/lib.rs", "src/ui/main.tsx", ".git", "scripts"]) {
      strictEqual(await Deno.stat(`${tree}/${absent}`).then(() => true, () => false), false, absent);
    }
    strictEqual(files.every((f) => !f.startsWith("tests/")), true);
    const info = JSON.parse(await Deno.readTextFile(`${tree}/${BUILD_INFO}`)) as BuildInfo;
    strictEqual(info.captureLibrarySha256, sha256Hex(await Deno.readFile(`${ROOT_PATH}${SOURCE_LIBRARY_PATH}`)));
    strictEqual(info.commit.replace(/-dirty$/, ""), git(["rev-parse", "--short=12", "HEAD"]));

    const env = { NETPIX_EMBEDDED: "1", XDG_RUNTIME_DIR: xdg, PATH: "/usr/bin:/bin", HOME: Deno.env.get("HOME")! };
    const version = async () => {
      const out = await new Deno.Command(Deno.execPath(), {
        args: ["run", ...PERMISSIONS, `${tree}/main.ts`, "--version"],
        cwd: tree,
        env,
        clearEnv: true,
        stdout: "piped",
        stderr: "piped",
      }).output();
      strictEqual(out.code, 0, dec.decode(out.stderr));
      return dec.decode(out.stdout).split("\n");
    };
    const lines = await version();
    strictEqual(lines[0], `netpix ${VERSION}`);
    strictEqual(lines[1], `commit ${info.commit}`); // from the embedded build info, not git (there is none here)
    match(lines[2]!, /^libpcap version \d+\.\d+\.\d+/); // so the extracted library loaded
    const extracted = `${xdg}/netpix/${info.captureLibrarySha256}.so`;
    const first = await Deno.stat(extracted);
    strictEqual(first.mode! & 0o777, 0o500);
    strictEqual((await Deno.stat(`${xdg}/netpix`)).mode! & 0o777, 0o700);
    await version();
    strictEqual((await Deno.stat(extracted)).ino, first.ino); // reused, not rewritten

    await Deno.copyFile(DEMO_PCAP, `${work}/demo.pcap`);
    const server = await startServer(Deno.execPath(), [
      "run",
      ...PERMISSIONS,
      `${tree}/main.ts`,
      "run",
      "-f",
      "demo.pcap",
      "-p",
      "0",
    ], { cwd: work, env });
    try {
      const maps = mappedFiles(server.pid);
      strictEqual(maps.has(extracted), true, [...maps].join("\n"));
      // Nothing but the runtime itself is mapped from the source tree (.tools/ holds the pinned deno).
      const fromTree = [...maps].filter((p) => p.startsWith(ROOT_PATH) && p !== DENO_CLI);
      deepStrictEqual(fromTree, []);
      await assertServesUi(server.url);
    } finally {
      const { code, stderr } = await server.stop();
      strictEqual(code, 0, stderr);
      strictEqual(stderr.includes("UI file missing"), false, stderr);
    }
  } finally {
    await Promise.all([tree, xdg, work].map((d) => Deno.remove(d, { recursive: true })));
  }
});

Deno.test("deno compile --include embeds the UI, the capture library and the build info byte for byte", async () => {
  // The deno CLI stands in for denort only to get past the runtime download; the output is inspected, never run.
  const out = await tempDir("netpix-compile-");
  try {
    const res = await new Deno.Command(Deno.execPath(), {
      args: compileArgs(`${out}/netpix`),
      cwd: ROOT_PATH,
      env: { DENORT_BIN: DENO_CLI },
      stdout: "piped",
      stderr: "piped",
    }).output();
    strictEqual(res.code, 0, dec.decode(res.stderr));
    const exe = await Deno.readFile(`${out}/netpix`);
    const haystack = new TextDecoder("latin1").decode(exe);
    for (const file of INCLUDES) {
      const bytes = await Deno.readFile(`${ROOT_PATH}${file}`);
      strictEqual(haystack.includes(new TextDecoder("latin1").decode(bytes)), true, `${file} is not embedded`);
    }
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("deno task compile refuses a runtime that is not denort, and removes what it built", async () => {
  const out = await tempDir("netpix-compile-");
  try {
    const res = await runCompileScript(out, { DENORT_BIN: DENO_CLI });
    const err = dec.decode(res.stderr);
    strictEqual(res.code, 1, err);
    match(err, /^compile: error: .*netpix does not run as netpix \(`--version` said "deno 2\.9\.\d+/);
    match(err, /DENORT_BIN=\S+ is not denort 2\.9\.\d+ \(the deno CLI cannot stand in for it\)/);
    strictEqual(await Deno.stat(`${out}/netpix`).then(() => true, () => false), false);
    const missing = await runCompileScript(out, { DENORT_BIN: `${out}/no-such-denort` });
    strictEqual(missing.code, 1);
    match(dec.decode(missing.stderr), /^compile: error: DENORT_BIN=\S+no-such-denort does not exist/);
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test("deno task compile without DENORT_BIN says how to supply denort when it cannot download it", async () => {
  const out = await tempDir("netpix-compile-");
  try {
    const res = await runCompileScript(out, envWithout("DENORT_BIN"), true);
    const err = dec.decode(res.stderr);
    if (CAN_BUILD || res.code === 0) {
      // A machine with network (or a cached denort) builds the executable instead.
      strictEqual(res.code, 0, err);
      match(err, new RegExp(`compile: wrote \\S+ \\(netpix ${VERSION.replaceAll(".", "\\.")}, commit `));
      return;
    }
    strictEqual(res.code, 1, err);
    const lines = err.trimEnd().split("\n");
    match(
      lines[0]!,
      new RegExp(`^compile: error: deno compile could not get its runtime \\(denort 2\\.9\\.\\d+ for ${TARGET}\\): .+`),
    );
    match(lines[0]!, new RegExp(`denort-${TARGET}\\.zip`)); // the file deno tried to fetch, named
    match(err, /DENORT_BIN=\/path\/to\/denort deno task compile/);
  } finally {
    await Deno.remove(out, { recursive: true });
  }
});

Deno.test({
  name: "the compiled executable prints its build and serves the demo capture with nothing but libpcap",
  ignore: !CAN_BUILD,
  fn: async () => {
    const out = await tempDir("netpix-compile-", 0o755);
    const xdg = await tempDir("netpix-xdg-");
    try {
      const res = await runCompileScript(out, DENORT ? { DENORT_BIN: DENORT } : {});
      strictEqual(res.code, 0, dec.decode(res.stderr));
      await Deno.copyFile(DEMO_PCAP, `${out}/demo.pcap`);
      const runEnv = { XDG_RUNTIME_DIR: xdg, PATH: "/usr/bin:/bin" };
      const v = await new Deno.Command(`${out}/netpix`, {
        args: ["--version"],
        cwd: out,
        env: runEnv,
        clearEnv: true,
        stdout: "piped",
      })
        .output();
      const lines = dec.decode(v.stdout).split("\n");
      strictEqual(lines[0], `netpix ${VERSION}`);
      match(lines[1]!, new RegExp(`^commit ${git(["rev-parse", "--short=12", "HEAD"])}`));
      match(lines[2]!, /^libpcap version \d/);
      const server = await startServer(`${out}/netpix`, ["run", "-f", "demo.pcap", "-p", "0"], {
        cwd: out,
        env: runEnv,
      });
      try {
        strictEqual([...mappedFiles(server.pid)].some((p) => p.startsWith(`${xdg}/netpix/`)), true);
        await assertServesUi(server.url);
      } finally {
        strictEqual((await server.stop()).code, 0);
      }
    } finally {
      await Promise.all([out, xdg].map((d) => Deno.remove(d, { recursive: true })));
    }
  },
});
