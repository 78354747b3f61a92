/**
 * `netpix --version`: the version, the commit it was built from and the libpcap it runs with, one per line.
 * @module
 */

import { runningCommit, VERSION } from "../build_info.ts";
import { libpcapVersion } from "../../ffi/capture.ts";

/**
 * The text `--version` prints. The libpcap line says why when the capture library cannot be loaded, so the version
 * and commit still print on a host without libpcap.
 * @returns Three lines: `netpix X.Y.Z`, `commit C`, `libpcap …`.
 */
export function versionText(): string {
  let libpcap: string;
  try {
    libpcap = libpcapVersion();
  } catch (e) {
    libpcap = `libpcap unavailable: ${(e as Error).message}`;
  }
  return `netpix ${VERSION}\ncommit ${runningCommit()}\n${libpcap}`;
}
