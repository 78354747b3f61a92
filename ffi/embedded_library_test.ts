import { deepStrictEqual, match, notStrictEqual, strictEqual, throws } from "node:assert/strict";
import {
  ensurePrivateDir,
  extractLibrary,
  LibraryExtractionError,
  privateLibraryDir,
  sha256Hex,
  SOURCE_LIBRARY_PATH,
} from "./embedded_library.ts";

const LIB = Deno.readFileSync(new URL(`../${SOURCE_LIBRARY_PATH}`, import.meta.url));
const LIB_SHA = sha256Hex(LIB);
const NOBODY = 65534;

function tempParent(): string {
  return Deno.makeTempDirSync({ prefix: "netpix-extract-test-" });
}

Deno.test("sha256Hex() gives the digest sha256sum prints", () => {
  const file = Deno.makeTempFileSync();
  Deno.writeFileSync(file, LIB);
  const out = new Deno.Command("sha256sum", { args: [file], stdout: "piped" }).outputSync();
  strictEqual(sha256Hex(LIB), new TextDecoder().decode(out.stdout).split(" ")[0]);
  Deno.removeSync(file);
});

Deno.test("privateLibraryDir() prefers XDG_RUNTIME_DIR, then TMPDIR, then /tmp, per user", () => {
  const env = (vars: Record<string, string>) => (name: string) => vars[name];
  strictEqual(
    privateLibraryDir(env({ XDG_RUNTIME_DIR: "/run/user/1000/", TMPDIR: "/var/tmp" }), 1000),
    "/run/user/1000/netpix",
  );
  strictEqual(privateLibraryDir(env({ TMPDIR: "/var/tmp/" }), 1000), "/var/tmp/netpix-1000");
  strictEqual(privateLibraryDir(env({}), 0), "/tmp/netpix-0");
  strictEqual(privateLibraryDir(env({ XDG_RUNTIME_DIR: "relative" }), 7), "/tmp/netpix-7"); // not absolute: ignored
});

Deno.test("extractLibrary() writes a 0500 file named by its checksum in a new 0700 directory", () => {
  const parent = tempParent();
  const dir = `${parent}/netpix`;
  const path = extractLibrary(LIB, LIB_SHA, dir);
  strictEqual(path, `${dir}/${LIB_SHA}.so`);
  strictEqual(Deno.statSync(dir).mode! & 0o777, 0o700);
  strictEqual(Deno.statSync(path).mode! & 0o777, 0o500);
  strictEqual(sha256Hex(Deno.readFileSync(path)), LIB_SHA);
  deepStrictEqual([...Deno.readDirSync(dir)].map((e) => e.name), [`${LIB_SHA}.so`]); // no temporary file left
  Deno.removeSync(parent, { recursive: true });
});

Deno.test("extractLibrary() reuses an intact copy across runs", () => {
  const parent = tempParent();
  const dir = `${parent}/netpix`;
  const first = Deno.statSync(extractLibrary(LIB, LIB_SHA, dir));
  const second = Deno.statSync(extractLibrary(LIB, LIB_SHA, dir));
  strictEqual(second.ino, first.ino);
  deepStrictEqual(second.mtime, first.mtime);
  Deno.removeSync(parent, { recursive: true });
});

Deno.test("extractLibrary() replaces a copy whose bytes no longer match", () => {
  const parent = tempParent();
  const dir = `${parent}/netpix`;
  const path = extractLibrary(LIB, LIB_SHA, dir);
  Deno.chmodSync(path, 0o700);
  const f = Deno.openSync(path, { write: true });
  f.writeSync(new Uint8Array([0, 0, 0, 0])); // clobber the ELF magic
  f.close();
  notStrictEqual(sha256Hex(Deno.readFileSync(path)), LIB_SHA);
  strictEqual(extractLibrary(LIB, LIB_SHA, dir), path);
  strictEqual(sha256Hex(Deno.readFileSync(path)), LIB_SHA);
  Deno.removeSync(parent, { recursive: true });
});

Deno.test("extractLibrary() refuses bytes that do not match the recorded checksum", () => {
  const parent = tempParent();
  const corrupt = LIB.slice();
  corrupt[100] = corrupt[100]! ^ 0xff;
  throws(() => extractLibrary(corrupt, LIB_SHA, `${parent}/netpix`), (e: Error) => {
    strictEqual(e instanceof LibraryExtractionError, true);
    match(e.message, /embedded capture library is corrupt: its SHA-256 is [0-9a-f]{64}, the build recorded/);
    return true;
  });
  throws(() => Deno.statSync(`${parent}/netpix`), Deno.errors.NotFound); // nothing written
  Deno.removeSync(parent, { recursive: true });
});

Deno.test("ensurePrivateDir() refuses a directory with group or other permissions", () => {
  const parent = tempParent();
  const dir = `${parent}/netpix`;
  Deno.mkdirSync(dir);
  Deno.chmodSync(dir, 0o755);
  throws(
    () => extractLibrary(LIB, LIB_SHA, dir),
    /Refusing .*: its mode is 0755, not 0700; remove it, or set XDG_RUNTIME_DIR/,
  );
  throws(() => Deno.statSync(`${dir}/${LIB_SHA}.so`), Deno.errors.NotFound);
  Deno.removeSync(parent, { recursive: true });
});

Deno.test("ensurePrivateDir() refuses a directory owned by another user", { ignore: Deno.uid() !== 0 }, () => {
  const parent = tempParent();
  const dir = `${parent}/netpix`;
  Deno.mkdirSync(dir, { mode: 0o700 });
  Deno.chownSync(dir, NOBODY, NOBODY);
  throws(() => ensurePrivateDir(dir, 0), new RegExp(`it is owned by uid ${NOBODY}, not 0`));
  Deno.removeSync(parent, { recursive: true });
});

Deno.test("ensurePrivateDir() refuses a symbolic link in place of the directory", () => {
  const parent = tempParent();
  Deno.mkdirSync(`${parent}/elsewhere`, { mode: 0o700 });
  Deno.symlinkSync(`${parent}/elsewhere`, `${parent}/netpix`);
  throws(() => extractLibrary(LIB, LIB_SHA, `${parent}/netpix`), /it is a symbolic link/);
  strictEqual([...Deno.readDirSync(`${parent}/elsewhere`)].length, 0);
  Deno.removeSync(parent, { recursive: true });
});

Deno.test("extractLibrary() refuses a library file of another user in its place", { ignore: Deno.uid() !== 0 }, () => {
  const parent = tempParent();
  const dir = `${parent}/netpix`;
  const path = extractLibrary(LIB, LIB_SHA, dir);
  Deno.chownSync(path, NOBODY, NOBODY);
  throws(() => extractLibrary(LIB, LIB_SHA, dir), /not a regular file of uid 0 writable only by it; remove it/);
  Deno.removeSync(parent, { recursive: true });
});

Deno.test("the extracted library loads and reports libpcap's version", async () => {
  const parent = tempParent();
  const path = extractLibrary(LIB, LIB_SHA, `${parent}/netpix`);
  const code = `import { libpcapVersion } from ${JSON.stringify(new URL("./capture.ts", import.meta.url).href)};
    console.log(libpcapVersion());`;
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["eval", code],
    env: { NETPIX_CAPTURE_LIB: path },
    stdout: "piped",
    stderr: "piped",
  }).output();
  strictEqual(out.code, 0, new TextDecoder().decode(out.stderr));
  match(new TextDecoder().decode(out.stdout), /^libpcap version \d+\.\d+/);
  Deno.removeSync(parent, { recursive: true });
});
