/**
 * Opens the sources named on the command line, failing with one clear message per problem: a missing or unreadable
 * file, a file that is not a capture, an unknown interface, missing permission, an invalid BPF filter.
 * @module
 */

import { Capture, CaptureError } from "../../ffi/capture.ts";
import { CaptureSource, type SourceOptions } from "./source.ts";
import { liveFilter } from "./filters.ts";
import { EventLogReader } from "../eventlog/reader.ts";
import { sniffFile } from "../eventlog/sniff.ts";
import { log } from "../log.ts";

/** libpcap's pcap_activate() status codes (pcap/pcap.h). */
const PCAP_ERROR_NO_SUCH_DEVICE = -5;
const PCAP_ERROR_PERM_DENIED = -8;
const PCAP_ERROR_PROMISC_PERM_DENIED = -11;
const PCAP_ERROR_IFACE_NOT_UP = -9;

/**
 * Snap length on live interfaces: a whole IP datagram (at most 65,535 bytes) fits. libpcap sizes its TPACKET_V3
 * blocks from it, so 65,535 gives 128 KiB blocks where 262,144 gave 512 KiB: four times the blocks for the same
 * kernel memory, and blocks are what absorb a stall (each is handed over after at most LIVE_BLOCK_TIMEOUT_MS).
 */
export const LIVE_SNAPLEN = 65535;
/**
 * Kernel capture buffer for live interfaces: 128 blocks, a quarter-second of stall at 2 ms per block; 0 loss at
 * 100k packets/s on loopback (BENCHMARKS.md). It is resident memory, so no larger than that.
 */
export const LIVE_KERNEL_BUFFER_BYTES = 16 << 20;
/**
 * Live interfaces hand packets over in TPACKET_V3 blocks retired after at most this long. Not immediate mode: on
 * Linux that uses one ring slot per packet sized to the MTU, which on `lo` (MTU 65536) held ~1,000 packets and lost
 * 17 % at 100k packets/s (BENCHMARKS.md); blocks pack packets densely and lost none, for a few ms of latency.
 */
export const LIVE_BLOCK_TIMEOUT_MS = 2;

/** A problem with what the user asked for; the CLI prints `message` and exits non-zero. */
export class SourceError extends Error {
  override name = "SourceError";
}

export interface SourceRequest {
  files: string[];
  interfaces: string[];
  logFiles: string[];
  filter: string;
  options: SourceOptions;
}

function checkReadableFile(path: string, what: string): void {
  let info: Deno.FileInfo;
  try {
    info = Deno.statSync(path);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) throw new SourceError(`${what} not found: ${path}`);
    if (e instanceof Deno.errors.PermissionDenied) {
      throw new SourceError(`${what} is not readable: ${path}: permission denied`);
    }
    throw new SourceError(`cannot access ${what} ${path}: ${(e as Error).message}`);
  }
  if (info.isDirectory) throw new SourceError(`${what} is a directory, not a file: ${path}`);
  try {
    Deno.openSync(path, { read: true }).close();
  } catch (e) {
    const why = e instanceof Deno.errors.PermissionDenied ? "permission denied" : (e as Error).message;
    throw new SourceError(`${what} is not readable: ${path}: ${why}`);
  }
}

/** libpcap's own words for a failure, without the FFI layer's context. */
function detailOf(e: unknown): string {
  return e instanceof CaptureError ? e.detail : (e as Error).message;
}

/** Sets `expr` on `cap`; a failure names the user's own filter (`user`) and quotes libpcap's message. */
export function applyFilter(cap: Capture, expr: string, user: string, where: string): void {
  if (expr.trim() === "") return;
  try {
    cap.setFilter(expr);
  } catch (e) {
    void cap.close();
    const shown = user.trim() === "" ? expr : user;
    throw new SourceError(`invalid capture filter "${shown}" (on ${where}): ${detailOf(e)}`);
  }
}

/** Opens a pcap/pcapng file, or throws a {@linkcode SourceError} saying why not. */
export function openCaptureFile(path: string): Capture {
  checkReadableFile(path, "capture file");
  try {
    return Capture.openOffline(path);
  } catch (e) {
    throw new SourceError(`cannot read capture file ${path}: ${detailOf(e)}`);
  }
}

/**
 * Opens a WebRTC event log (src/eventlog/reader.ts), or throws a {@linkcode SourceError}: missing, unreadable, a
 * pcap given as a log, a legacy v1 log. Truncation, rotation and damage found later are logged as warnings.
 * @param follow Keep reading as the file grows (`netpix run`), or stop at its end (`analyze`, `convert`).
 */
export function openEventLogFile(path: string, follow: boolean): EventLogReader {
  checkReadableFile(path, "event log");
  const kind = sniffFile(path);
  if (kind === "pcap" || kind === "pcapng") {
    throw new SourceError(`${path} is a ${kind} capture, not an event log: give it with -f/--files`);
  }
  if (kind === "unknown") {
    throw new SourceError(`${path} is not an rtc_event_log: its first bytes are not a protobuf EventStream field`);
  }
  if (kind === "event-log-v1") {
    throw new SourceError(
      `${path} is a legacy v1 rtc_event_log (webrtc.rtclog); netpix reads the v2 format (webrtc.rtclog2)`,
    );
  }
  try {
    return EventLogReader.open(path, { follow, onNotice: (m) => log.warn(m) });
  } catch (e) {
    throw new SourceError(`cannot read event log ${path}: ${(e as Error).message}`);
  }
}

/**
 * Opens a live interface with the settings above, or throws a {@linkcode SourceError} that names the problem (and how
 * to grant capture permission).
 */
export function openInterface(
  name: string,
  promisc: boolean,
  snaplen = LIVE_SNAPLEN,
  blockTimeoutMs = LIVE_BLOCK_TIMEOUT_MS,
): Capture {
  try {
    return Capture.openLive(name, {
      snaplen,
      promisc,
      immediate: false,
      bufferSize: LIVE_KERNEL_BUFFER_BYTES,
      timeoutMs: blockTimeoutMs,
    });
  } catch (e) {
    const code = e instanceof CaptureError ? e.code : 0;
    const detail = detailOf(e);
    if (code === PCAP_ERROR_NO_SUCH_DEVICE) {
      throw new SourceError(`unknown interface ${name} (see \`netpix list\`): ${detail}`);
    }
    if (code === PCAP_ERROR_PERM_DENIED || code === PCAP_ERROR_PROMISC_PERM_DENIED) {
      throw new SourceError(
        `no permission to capture on ${name}: run as root or grant CAP_NET_RAW and CAP_NET_ADMIN: ${detail}`,
      );
    }
    if (code === PCAP_ERROR_IFACE_NOT_UP) throw new SourceError(`interface ${name} is not up: ${detail}`);
    throw new SourceError(`cannot capture on interface ${name}: ${detail}`);
  }
}

/** Sorts and de-duplicates each list, as the original did, so a source named twice is opened once. */
function unique(list: string[]): string[] {
  return [...new Set(list)].sort();
}

/**
 * Sets the filter of every live interface to the user's filter ANDed with one that leaves out the server's own
 * traffic. Called once the server listens, when its real port is known (`-p 0` picks one).
 */
export function excludeOwnTraffic(sources: CaptureSource[], address: string, port: number, user: string): void {
  const filter = liveFilter(address, port, user);
  for (const s of sources) {
    if (s.kind === "interface" && s.capture instanceof Capture) {
      applyFilter(s.capture, filter, user, `interface ${s.name}`);
    }
  }
}

/**
 * Opens every requested source, or throws a {@linkcode SourceError} for the first that cannot be opened, after
 * closing the ones already open. The user's filter is set everywhere, so a bad one fails here; interfaces get their
 * final filter from {@linkcode excludeOwnTraffic}. Event logs are opened to be followed as they grow.
 */
export function openSources(req: SourceRequest): CaptureSource[] {
  const files = unique(req.files);
  const interfaces = unique(req.interfaces);
  const logs = unique(req.logFiles);
  if (files.length + interfaces.length + logs.length === 0) {
    throw new SourceError("no sources: give at least one of -f/--files, -i/--interfaces or -l/--log-files");
  }
  if (req.options.promisc && interfaces.length === 0 && files.length > 0) {
    throw new SourceError("promiscuous mode (-P) applies to interfaces, but only files were given");
  }
  const opened: CaptureSource[] = [];
  try {
    for (const path of files) {
      const cap = openCaptureFile(path);
      opened.push(new CaptureSource(opened.length, "file", path, cap, req.options));
      applyFilter(cap, req.filter, req.filter, `file ${path}`);
    }
    for (const name of interfaces) {
      const cap = openInterface(name, req.options.promisc);
      opened.push(new CaptureSource(opened.length, "interface", name, cap, req.options));
      applyFilter(cap, req.filter, req.filter, `interface ${name}`);
    }
    for (const path of logs) {
      opened.push(new CaptureSource(opened.length, "event-log", path, openEventLogFile(path, true), req.options));
    }
  } catch (e) {
    for (const s of opened) void s.capture?.close();
    throw e;
  }
  return opened;
}
