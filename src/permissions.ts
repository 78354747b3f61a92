/**
 * The Deno permissions netpix needs, one list for both ways it runs: `deno run … main.ts` (tests, benchmarks) and
 * the executable `deno compile` builds (where they are fixed at compile time).
 * @module
 */

/**
 * FFI for libpcap, read for captures and the embedded files, write for the extracted library and for reports, net to
 * serve, env for NETPIX_* and XDG_RUNTIME_DIR, sys for the uid and interface list.
 */
export const NETPIX_PERMISSIONS: readonly string[] = [
  "--allow-ffi",
  "--allow-read",
  "--allow-write",
  "--allow-net",
  "--allow-env",
  "--allow-sys",
];
