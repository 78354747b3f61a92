/**
 * Test helper: lays out in a temporary directory exactly what `dist/netpix` carries (the module graph of main.ts,
 * deno.json and the `--include` files, at their project paths) and nothing else, so the executable's code paths can
 * run from a directory with no source tree (`NETPIX_EMBEDDED=1`), without denort.
 * @module
 */

import { INCLUDES, PERMISSIONS, stageBuild } from "../scripts/compile.ts";
import { ROOT_PATH } from "./_netpix.ts";

export { PERMISSIONS };

interface DenoInfo {
  modules: { specifier: string }[];
  npmPackages?: Record<string, unknown>;
}

async function denoJson<T>(args: string[]): Promise<T> {
  const out = await new Deno.Command(Deno.execPath(), { args, cwd: ROOT_PATH, stdout: "piped", stderr: "piped" })
    .output();
  if (!out.success) throw new Error(`deno ${args.join(" ")}: ${new TextDecoder().decode(out.stderr)}`);
  return JSON.parse(new TextDecoder().decode(out.stdout)) as T;
}

/**
 * Copies the executable's contents into `dest` (after writing dist/build-info.json as the build does).
 * @returns The project-relative paths copied.
 */
export async function stageExecutableTree(dest: string): Promise<string[]> {
  stageBuild(ROOT_PATH);
  const info = await denoJson<DenoInfo>(["info", "--json", "main.ts"]);
  const rootUrl = new URL(`file://${ROOT_PATH}`).href;
  const modules = info.modules.map((m) => m.specifier).filter((s) => s.startsWith(rootUrl))
    .map((s) => decodeURIComponent(s.slice(rootUrl.length)));
  const files = [...new Set([...modules, "deno.json", "deno.lock", ...INCLUDES])];
  for (const rel of files) {
    const to = `${dest}/${rel}`;
    await Deno.mkdir(to.slice(0, to.lastIndexOf("/")), { recursive: true });
    await Deno.copyFile(`${ROOT_PATH}${rel}`, to);
  }
  return files;
}

/**
 * Makes a DENO_DIR holding only the npm packages main.ts needs, copied from this user's cache, so that another
 * user (or no network) can run the staged tree.
 * @returns The npm package ids copied (name@version).
 */
export async function stageNpmCache(denoDir: string): Promise<string[]> {
  const { npmCache } = await denoJson<{ npmCache: string }>(["info", "--json"]);
  const info = await denoJson<DenoInfo>(["info", "--json", "main.ts"]);
  const ids = Object.keys(info.npmPackages ?? {});
  for (const id of ids) {
    // "name@version", or "name@version_peer@version" for a package resolved against a peer dependency.
    const at = id.indexOf("@", 1); // a scoped name starts with "@"
    const [name, version] = [id.slice(0, at), id.slice(at + 1).split("_")[0]!];
    const from = `${npmCache}/registry.npmjs.org/${name}`;
    const to = `${denoDir}/npm/registry.npmjs.org/${name}`;
    await Deno.mkdir(to, { recursive: true });
    const cp = await new Deno.Command("cp", { args: ["-a", `${from}/${version}`, `${from}/registry.json`, to] })
      .output();
    if (!cp.success) throw new Error(`cannot copy ${id} from the npm cache: ${new TextDecoder().decode(cp.stderr)}`);
  }
  return ids;
}
