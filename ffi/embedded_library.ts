/**
 * Where the capture library comes from. From source it is capture-rs's build output. The compiled executable carries
 * it embedded; `dlopen` needs a real file, so it is written to a private, per-user, content-addressed path first:
 *
 *   `$XDG_RUNTIME_DIR/netpix/<sha256>.so`, or `${TMPDIR:-/tmp}/netpix-<uid>/<sha256>.so` without one.
 *
 * The directory must be ours, a real directory and mode 0700 (we create it so); anything else is refused, since a
 * library another user could swap would run inside a capture process with CAP_NET_RAW. The file is written under a
 * temporary name, its SHA-256 checked against the one recorded at build time, then renamed into place; a later run
 * reuses it once its checksum matches again. Only its owner (or root) can write in the directory, so the file that was
 * checked is the file that is loaded.
 * @module
 */

import { createHash } from "node:crypto";
import { embeddedBuildInfo, isEmbedded, ROOT_URL } from "../src/build_info.ts";

/** The library in the source tree (and at the same place in the executable's embedded files). */
export const SOURCE_LIBRARY_PATH = "capture-rs/target/release/libnetpix_capture.so";

/** A library that cannot be extracted or trusted; the message says why and what to do. */
export class LibraryExtractionError extends Error {
  override name = "LibraryExtractionError";
}

function envGranted(name: string): string | undefined {
  return Deno.permissions.querySync({ name: "env", variable: name }).state === "granted"
    ? Deno.env.get(name)
    : undefined;
}

/**
 * SHA-256 of some bytes.
 * @param bytes The data.
 * @returns Lower-case hex.
 */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * The per-user directory the library is extracted to (not created here).
 * @param env Environment lookup (the process's by default).
 * @param uid The user id (the process's by default).
 * @returns `$XDG_RUNTIME_DIR/netpix`, else `${TMPDIR:-/tmp}/netpix-<uid>`.
 */
export function privateLibraryDir(
  env: (name: string) => string | undefined = envGranted,
  uid: number = Deno.uid() ?? 0,
): string {
  const runtime = env("XDG_RUNTIME_DIR");
  if (runtime && runtime.startsWith("/")) return `${runtime.replace(/\/+$/, "")}/netpix`;
  const tmp = env("TMPDIR");
  return `${tmp && tmp.startsWith("/") ? tmp.replace(/\/+$/, "") : "/tmp"}/netpix-${uid}`;
}

function lstatOrNull(path: string): Deno.FileInfo | null {
  try {
    return Deno.lstatSync(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw e;
  }
}

const octal = (mode: number) => (mode & 0o777).toString(8).padStart(4, "0");

/**
 * Creates `dir` (mode 0700) or checks that the existing one is private: a real directory, owned by `uid`, with no
 * group or other permission bits.
 * @throws {LibraryExtractionError} Naming the problem and the fix.
 */
export function ensurePrivateDir(dir: string, uid: number = Deno.uid() ?? 0): void {
  try {
    Deno.mkdirSync(dir, { mode: 0o700 });
  } catch (e) {
    if (!(e instanceof Deno.errors.AlreadyExists)) {
      throw new LibraryExtractionError(`Cannot create ${dir} for the capture library: ${(e as Error).message}`);
    }
  }
  const st = lstatOrNull(dir);
  const refuse = (why: string) =>
    new LibraryExtractionError(
      `Refusing to load the capture library from ${dir}: ${why}; remove it, or set XDG_RUNTIME_DIR (or TMPDIR) to a ` +
        `directory only you can write`,
    );
  if (st === null) throw refuse("it vanished while being created");
  if (st.isSymlink) throw refuse("it is a symbolic link");
  if (!st.isDirectory) throw refuse("it is not a directory");
  if (st.uid !== uid) throw refuse(`it is owned by uid ${st.uid}, not ${uid}`);
  if (st.mode === null || (st.mode & 0o077) !== 0) throw refuse(`its mode is ${octal(st.mode ?? 0)}, not 0700`);
}

/** Whether `path` holds exactly the library: a regular file of ours, not writable by others, with the right hash. */
function isIntact(path: string, sha256: string, uid: number): boolean {
  const st = lstatOrNull(path);
  if (st === null) return false;
  if (!st.isFile || st.uid !== uid || st.mode === null || (st.mode & 0o022) !== 0) {
    throw new LibraryExtractionError(
      `Refusing to load the capture library ${path}: it is not a regular file of uid ${uid} writable only by it; ` +
        `remove it`,
    );
  }
  return sha256Hex(Deno.readFileSync(path)) === sha256;
}

/**
 * Writes the library into `dir` under its checksum, or reuses the copy already there.
 * @param bytes The library.
 * @param sha256 Its SHA-256 recorded at build time; the bytes and the written file must both match it.
 * @param dir The private directory (see {@linkcode privateLibraryDir}).
 * @returns The path to `dlopen`.
 * @throws {LibraryExtractionError} On a checksum mismatch, an unsafe directory or a write failure.
 */
export function extractLibrary(bytes: Uint8Array, sha256: string, dir: string): string {
  const uid = Deno.uid() ?? 0;
  const actual = sha256Hex(bytes);
  if (actual !== sha256) {
    throw new LibraryExtractionError(
      `The embedded capture library is corrupt: its SHA-256 is ${actual}, the build recorded ${sha256}`,
    );
  }
  ensurePrivateDir(dir, uid);
  const path = `${dir}/${sha256}.so`;
  if (isIntact(path, sha256, uid)) return path;
  // A partial or altered copy of ours: replace it. The temporary name is unique, so concurrent starts do not collide.
  const tmp = `${dir}/.${sha256}.${Deno.pid}.${crypto.randomUUID()}.tmp`;
  try {
    Deno.writeFileSync(tmp, bytes, { createNew: true, mode: 0o500 });
    if (sha256Hex(Deno.readFileSync(tmp)) !== sha256) {
      throw new LibraryExtractionError(`The capture library written to ${tmp} does not match its checksum`);
    }
    Deno.renameSync(tmp, path);
  } catch (e) {
    try {
      Deno.removeSync(tmp);
    } catch { /* already renamed or never created */ }
    if (e instanceof LibraryExtractionError) throw e;
    throw new LibraryExtractionError(`Cannot write the capture library to ${dir}: ${(e as Error).message}`);
  }
  return path;
}

/**
 * The path to `dlopen`: `NETPIX_CAPTURE_LIB` when set; in the executable, the extracted embedded library; from
 * source, capture-rs's build output.
 * @returns A path or file URL.
 * @throws {LibraryExtractionError} When the embedded library cannot be extracted safely.
 */
export function captureLibraryPath(): string | URL {
  const fromEnv = envGranted("NETPIX_CAPTURE_LIB");
  if (fromEnv) return fromEnv;
  if (!isEmbedded()) return new URL(SOURCE_LIBRARY_PATH, ROOT_URL);
  let info, bytes;
  try {
    info = embeddedBuildInfo();
    bytes = Deno.readFileSync(new URL(info.captureLibraryPath, ROOT_URL));
  } catch (e) {
    throw new LibraryExtractionError(`This build has no embedded capture library: ${(e as Error).message}`);
  }
  return extractLibrary(bytes, info.captureLibrarySha256, privateLibraryDir());
}
