/**
 * `deno task compile`: builds `dist/netpix`, one executable with the UI and the capture library embedded.
 *
 * The task builds the UI bundle and the capture library first; this script then
 *   1. writes `dist/build-info.json` (version, git commit, the library's SHA-256);
 *   2. runs `deno compile --include` with those files (they keep their project paths inside the executable, so the
 *      code that reads them is the code that runs from source; see ffi/embedded_library.ts for the library);
 *   3. runs the result with `--version` to prove it is a netpix executable.
 *
 * `deno compile` needs denort, the Deno runtime without the CLI, of the same version as `deno`. It downloads it unless
 * `DENORT_BIN` names a local copy; without network and without `DENORT_BIN` this script says what to do.
 *
 * Why `--include` rather than a generated TypeScript module holding the bytes: the files stay files (no 2 MB base64
 * source to transpile and keep in memory as a string), the asset loader needs no second code path, and the build
 * writes nothing into src/.
 * @module
 */

import { sha256Hex } from "../ffi/embedded_library.ts";
import { SOURCE_LIBRARY_PATH } from "../ffi/embedded_library.ts";
import { type BuildInfo, gitCommit, VERSION } from "../src/build_info.ts";
import { NETPIX_PERMISSIONS } from "../src/permissions.ts";

export const ROOT = new URL("../", import.meta.url).pathname;
export const ENTRY = "main.ts";
export const OUTPUT = "dist/netpix";
export const BUILD_INFO = "dist/build-info.json";
/** What `deno compile --include` embeds besides the module graph, relative to the root. */
export const INCLUDES: readonly string[] = [
  "dist/app.js",
  "src/ui/index.html",
  "src/ui/style.css",
  SOURCE_LIBRARY_PATH,
  BUILD_INFO,
];
/** The executable's permissions (fixed at compile time): the same as netpix's from source. */
export const PERMISSIONS: readonly string[] = NETPIX_PERMISSIONS;

/** A build failure, printed as one `compile: error:` line (or a few, for what to do). */
export class CompileError extends Error {
  override name = "CompileError";
}

/**
 * Checks the inputs and writes `dist/build-info.json`.
 * @param root The project root.
 * @returns The build info written.
 * @throws {CompileError} When an input is missing (with the task that builds it).
 */
export function stageBuild(root: string = ROOT): BuildInfo {
  for (const file of INCLUDES) {
    if (file === BUILD_INFO) continue;
    try {
      Deno.statSync(`${root}/${file}`);
    } catch {
      const how = file === SOURCE_LIBRARY_PATH ? "deno task build:capture" : "deno task build:ui";
      throw new CompileError(`${file} is missing: run \`${how}\` (or \`deno task compile\`, which runs it)`);
    }
  }
  const info: BuildInfo = {
    version: VERSION,
    commit: gitCommit(root),
    captureLibrarySha256: sha256Hex(Deno.readFileSync(`${root}/${SOURCE_LIBRARY_PATH}`)),
    captureLibraryPath: SOURCE_LIBRARY_PATH,
  };
  Deno.writeTextFileSync(`${root}/${BUILD_INFO}`, JSON.stringify(info, null, 2) + "\n");
  return info;
}

/** The `deno compile` arguments for {@linkcode ENTRY} → {@linkcode OUTPUT}. */
export function compileArgs(output: string = OUTPUT): string[] {
  return [
    "compile",
    "--quiet",
    // `deno task ok` type-checks this same graph; a release build does not repeat the 30 s check.
    "--no-check",
    ...PERMISSIONS,
    ...INCLUDES.flatMap((f) => ["--include", f]),
    "--output",
    output,
    ENTRY,
  ];
}

const TARGET = `${Deno.build.arch}-unknown-linux-gnu`;

function denortHelp(reason: string): string {
  const deno = Deno.version.deno;
  return [
    `deno compile could not get its runtime (denort ${deno} for ${TARGET}): ${reason}`,
    `This machine cannot download it. Fetch denort-${TARGET}.zip of Deno v${deno} (the file named above) on a ` +
    `machine that can, unzip it here, then run:`,
    `  DENORT_BIN=/path/to/denort deno task compile`,
  ].join("\n");
}

/**
 * Checks `DENORT_BIN` when set.
 * @returns Its path, or undefined when unset.
 * @throws {CompileError} When it names no executable file.
 */
export function checkDenortBin(env: (name: string) => string | undefined = (n) => Deno.env.get(n)): string | undefined {
  const bin = env("DENORT_BIN");
  if (!bin) return undefined;
  let st: Deno.FileInfo;
  try {
    st = Deno.statSync(bin);
  } catch {
    throw new CompileError(`DENORT_BIN=${bin} does not exist; point it at the denort ${Deno.version.deno} binary`);
  }
  if (!st.isFile || st.mode === null || (st.mode & 0o111) === 0) {
    throw new CompileError(`DENORT_BIN=${bin} is not an executable file; point it at the denort binary`);
  }
  return bin;
}

/**
 * Runs `deno compile` and checks the result.
 * @param root The project root.
 * @param output Where to write the executable (relative to the root, or absolute).
 * @returns The executable's `--version` output.
 * @throws {CompileError} With what went wrong and what to do.
 */
export async function compile(root: string = ROOT, output: string = OUTPUT): Promise<string> {
  const denort = checkDenortBin();
  stageBuild(root);
  const res = await new Deno.Command(Deno.execPath(), {
    args: compileArgs(output),
    cwd: root,
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
    stdin: "null",
  }).output();
  const err = new TextDecoder().decode(res.stderr);
  if (!res.success) {
    // deno prints an anyhow chain ("Caused by: 0: … 1: error sending request for url (…denort…zip): …").
    const chain = err.split("\n").map((l) => l.match(/^\s*\d+: (.*)$/)?.[1]).filter((l) => l !== undefined);
    const reason = chain.find((l) => /denort|request for url/i.test(l)) ?? chain.at(-1) ?? `exit ${res.code}`;
    if (!denort && /denort|dns error|error sending request|connect/i.test(err)) {
      throw new CompileError(denortHelp(reason));
    }
    throw new CompileError(`deno compile failed: ${err.trim() || `exit ${res.code}`}`);
  }
  // The right runtime prints our version; the deno CLI given as DENORT_BIN would run as deno instead.
  const exe = output.startsWith("/") ? output : `${root.replace(/\/+$/, "")}/${output}`;
  const check = await new Deno.Command(exe, {
    args: ["--version"],
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
    stdin: "null",
  }).output();
  const said = new TextDecoder().decode(check.stdout) + new TextDecoder().decode(check.stderr);
  if (!said.startsWith(`netpix ${VERSION}\n`)) {
    await Deno.remove(exe).catch(() => {});
    const shown = said.split("\n")[0]?.slice(0, 120) ?? "";
    throw new CompileError(
      `${exe} does not run as netpix (\`--version\` said "${shown}"), so it was removed. ` +
        (denort
          ? `DENORT_BIN=${denort} is not denort ${Deno.version.deno} (the deno CLI cannot stand in for it).`
          : `The runtime deno compile used is not denort ${Deno.version.deno}.`),
    );
  }
  return said;
}

if (import.meta.main) {
  try {
    const [flag, path, ...extra] = Deno.args;
    if ((flag !== undefined && (flag !== "--output" || !path)) || extra.length > 0) {
      console.error("compile: error: usage: deno task compile [--output PATH]");
      Deno.exit(2);
    }
    const output = path ?? OUTPUT;
    const version = await compile(ROOT, output);
    console.error(`compile: wrote ${output} (${version.trim().replaceAll("\n", ", ")})`);
  } catch (e) {
    if (!(e instanceof CompileError)) throw e;
    e.message.split("\n").forEach((line, i) => console.error(`compile: ${i === 0 ? "error: " : ""}${line}`));
    Deno.exit(1);
  }
}
