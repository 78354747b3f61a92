/**
 * libpcap through capture-rs (`libnetpix_capture.so`): the only module that calls `Deno.dlopen`.
 *
 * Packets arrive in batches: {@linkcode Capture.read} fills a caller buffer with flat records that
 * {@linkcode RecordCursor} (./records.ts) walks. The read runs on a Deno worker thread (`nonblocking`), so a
 * live capture waiting for traffic never blocks the event loop.
 *
 * @example Count the packets of a file
 * ```ts ignore
 * import { Capture } from "./capture.ts";
 * import { RecordCursor } from "./records.ts";
 * const cap = Capture.openOffline("call.pcapng");
 * const buf = new Uint8Array(4 << 20), cur = new RecordCursor();
 * let packets = 0;
 * for (let r = await cap.read(buf, 0); r.kind === "packets"; r = await cap.read(buf, 0)) {
 *   cur.reset(buf, r.bytes, r.count);
 *   while (cur.next()) packets++;
 * }
 * await cap.close();
 * ```
 * @module
 */

export { RECORD_HEADER_BYTES, RecordCursor } from "./records.ts";
import { captureLibraryPath, LibraryExtractionError } from "./embedded_library.ts";
import { isEmbedded } from "../src/build_info.ts";

const SYMBOLS = {
  np_open_offline: { parameters: ["buffer", "buffer", "usize"], result: "pointer" },
  np_open_live: {
    parameters: ["buffer", "i32", "i32", "i32", "i32", "i32", "buffer", "usize", "buffer"],
    result: "pointer",
  },
  np_set_filter: { parameters: ["pointer", "buffer", "buffer", "usize"], result: "i32" },
  // in: handle, batch buffer, its size, wait ms, info_out (2 × u32: bytes used, bytes needed on -3)
  np_read_batch: { parameters: ["pointer", "buffer", "usize", "i32", "buffer"], result: "i32", nonblocking: true },
  np_stats: { parameters: ["pointer", "buffer"], result: "i32" },
  np_datalink: { parameters: ["pointer"], result: "i32" },
  np_snapshot: { parameters: ["pointer"], result: "i32" },
  np_last_error: { parameters: ["pointer", "buffer", "usize"], result: "usize" },
  np_close: { parameters: ["pointer"], result: "void" },
  np_list_devices: { parameters: ["buffer", "usize", "buffer", "usize"], result: "i64" },
  np_version: { parameters: ["buffer", "usize"], result: "usize" },
  np_dump_open: { parameters: ["pointer", "buffer", "buffer", "usize"], result: "pointer" },
  // in: dumper, batch, its bytes, records, size limit (0 none), info_out (2 × u64: bytes consumed, file size), errbuf
  np_dump_batch: {
    parameters: ["pointer", "buffer", "usize", "u32", "u64", "buffer", "buffer", "usize"],
    result: "i64",
  },
  np_dump_flush: { parameters: ["pointer", "buffer", "usize"], result: "i32" },
  np_dump_close: { parameters: ["pointer", "buffer", "usize"], result: "i32" },
} as const;

/** `np_read_batch` return codes (capture-rs/src/lib.rs). */
const NP_EOF = -1;
const NP_BUFFER_TOO_SMALL = -3;
/** libpcap's generic failure status, `PCAP_ERROR`. */
const PCAP_ERROR = -1;
const BUILD_HINT = "run `cargo build --release --manifest-path capture-rs/Cargo.toml` (or scripts/setup.sh)";
const EMBEDDED_HINT = "install libpcap (Debian: libpcap0.8), and if the directory is on a noexec mount set " +
  "XDG_RUNTIME_DIR to one that allows executables";

type Lib = Deno.DynamicLibrary<typeof SYMBOLS>["symbols"];
let loaded: Lib | undefined;

/** Opens the library on first use (see ./embedded_library.ts for where it comes from). */
function lib(): Lib {
  if (loaded) return loaded;
  let path: string | URL = "";
  try {
    path = captureLibraryPath();
    loaded = Deno.dlopen(path, SYMBOLS).symbols;
  } catch (e) {
    if (e instanceof LibraryExtractionError) throw new CaptureError(e.message);
    const detail = e instanceof Error ? e.message : String(e);
    const hint = isEmbedded() ? EMBEDDED_HINT : BUILD_HINT;
    throw new CaptureError(`Cannot load the capture library ${path}: ${detail}; ${hint}`);
  }
  return loaded;
}

/**
 * A capture failure reported by libpcap; `code` is its status (`PCAP_ERROR_*`) where known, else 0, and `detail`
 * libpcap's own text without our context, for callers that add their own.
 */
export class CaptureError extends Error {
  override name = "CaptureError";
  readonly detail: string;
  constructor(message: string, readonly code: number = 0, detail?: string) {
    super(message);
    this.detail = detail ?? message;
  }
}

/** `np_open_live` settings (pcap_create(3PCAP) and its setters). */
export interface LiveOptions {
  /** Bytes kept per packet (`pcap_set_snaplen`); 0 means libpcap's maximum. */
  snaplen: number;
  promisc: boolean;
  /**
   * Deliver each packet as it arrives (`pcap_set_immediate_mode`). Otherwise the kernel hands packets over in
   * blocks, within `timeoutMs`. On Linux immediate mode uses a ring of slots sized to min(snaplen, MTU), so on an
   * interface with a large MTU (`lo`: 65536) a burst overruns it unless the snaplen is small.
   */
  immediate: boolean;
  /** Kernel buffer in bytes (`pcap_set_buffer_size`); 0 keeps libpcap's default. */
  bufferSize: number;
  /** Packet buffer timeout in ms (`pcap_set_timeout`): the longest a packet waits in a partly filled block. 0 = 10. */
  timeoutMs?: number;
}

/** `pcap_stats(3PCAP)` counters since the capture opened. */
export interface CaptureStats {
  received: number;
  droppedByKernel: number;
  droppedByInterface: number;
}

export interface DeviceAddress {
  addr: string;
  netmask: string | null;
}

/** One `pcap_findalldevs(3PCAP)` entry (IPv4/IPv6 addresses only). */
export interface Device {
  name: string;
  description: string | null;
  flags: { loopback: boolean; up: boolean; running: boolean; wireless: boolean };
  addresses: DeviceAddress[];
}

/** What one {@linkcode Capture.read} delivered; errors throw {@linkcode CaptureError} instead. */
export type ReadResult = { kind: "packets"; count: number; bytes: number } | { kind: "eof" };

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const errbuf = new Uint8Array(512); // only used by synchronous calls, so one is enough
const ERRBUF_LEN = BigInt(errbuf.length); // usize parameters are bigint

function cString(s: string, what: string): Uint8Array<ArrayBuffer> {
  if (s.includes("\0")) throw new TypeError(`Cannot pass ${what} to libpcap: it contains a NUL character`);
  return encoder.encode(s + "\0");
}

function cText(buf: Uint8Array): string {
  const end = buf.indexOf(0);
  return decoder.decode(end < 0 ? buf : buf.subarray(0, end));
}

/** One libpcap capture, from a file or a live interface. Close it with {@linkcode Capture.close}. */
export class Capture {
  /** LINKTYPE of the packets (`pcap_datalink`): 1 = Ethernet, 113 = Linux cooked (`any`), ... */
  readonly linkType: number;
  /** Snapshot length: no packet has more than this many bytes captured. */
  readonly snaplen: number;
  /** True for a live interface, false for a file. */
  readonly live: boolean;

  #handle: Deno.PointerValue;
  #reading: Promise<ReadResult> | null = null;
  #closing: Promise<void> | null = null;
  readonly #info = new Uint32Array(2); // np_read_batch's info_out; one read in flight at a time
  readonly #stats = new Uint32Array(3);

  private constructor(handle: Deno.PointerObject, live: boolean) {
    this.#handle = handle;
    this.live = live;
    this.linkType = lib().np_datalink(handle);
    this.snaplen = lib().np_snapshot(handle);
  }

  /**
   * Opens a pcap or pcapng file (timestamps in nanoseconds).
   * @param path File path.
   * @returns The open capture.
   * @throws {CaptureError} With libpcap's text, e.g. "No such file or directory" or "unknown file format".
   */
  static openOffline(path: string): Capture {
    const h = lib().np_open_offline(cString(path, "the path"), errbuf, ERRBUF_LEN);
    if (h === null) {
      const detail = cText(errbuf);
      throw new CaptureError(`Cannot open capture file ${path}: ${detail}`, 0, detail);
    }
    return new Capture(h, false);
  }

  /**
   * Starts a non-blocking live capture on `device` ("lo", "eth0", "any", ...).
   * @param device Interface name, as listed by {@linkcode listDevices}.
   * @param opts Snaplen, promiscuous and immediate mode, kernel buffer size.
   * @returns The open capture.
   * @throws {CaptureError} `code` is pcap_activate's status: -5 no such device, -8 permission denied, ...
   */
  static openLive(device: string, opts: LiveOptions): Capture {
    const status = new Int32Array(1);
    const h = lib().np_open_live(
      cString(device, "the device name"),
      opts.snaplen,
      opts.promisc ? 1 : 0,
      opts.immediate ? 1 : 0,
      opts.bufferSize,
      opts.timeoutMs ?? 0,
      errbuf,
      ERRBUF_LEN,
      status,
    );
    const code = status[0] ?? PCAP_ERROR;
    if (h === null) {
      const detail = cText(errbuf);
      throw new CaptureError(`Cannot open live capture on ${device}: ${detail}`, code, detail);
    }
    return new Capture(h, true);
  }

  /**
   * Applies a pcap-filter(7) expression (compiled optimized, netmask unknown).
   * @param expr Filter, e.g. "udp and port 5004".
   * @throws {CaptureError} With libpcap's message, e.g. "syntax error".
   */
  setFilter(expr: string): void {
    const h = this.#open("set a filter on");
    if (lib().np_set_filter(h, cString(expr, "the filter"), errbuf, ERRBUF_LEN) !== 0) {
      const detail = cText(errbuf);
      throw new CaptureError(`Cannot set filter "${expr}": ${detail}`, PCAP_ERROR, detail);
    }
  }

  /**
   * Fills `buf` with packet records (walk them with `RecordCursor`). A packet that does not fit is kept for
   * the next read, never dropped. Live captures wait up to `waitMs` when nothing is buffered and then resolve
   * with `count: 0`; files resolve `{ kind: "eof" }` once every packet has been read.
   * Leave `buf` alone until the promise settles; only one read may be in flight.
   * @param buf Batch buffer; it must hold at least one record (16 bytes + snaplen is always enough).
   * @param waitMs Longest wait for live traffic, in milliseconds.
   * @returns How many records and bytes were written, or end of file.
   * @throws {RangeError} When `buf` is too small for the next packet (which stays queued).
   * @throws {CaptureError} When libpcap fails, e.g. on a truncated file.
   */
  read(buf: Uint8Array, waitMs: number): Promise<ReadResult> {
    if (this.#reading) return Promise.reject(new Error("Cannot read: another Capture.read() is still in flight"));
    const op = this.#read(buf, waitMs);
    this.#reading = op;
    return op.finally(() => this.#reading = null);
  }

  async #read(buf: Uint8Array, waitMs: number): Promise<ReadResult> {
    const h = this.#open("read from");
    const wait = Math.max(0, Math.min(0x7fff_ffff, Math.trunc(waitMs))) || 0; // i32; NaN → 0
    const n = await lib().np_read_batch(h, buf, BigInt(buf.byteLength), wait, this.#info);
    if (n >= 0) return { kind: "packets", count: n, bytes: this.#info[0] ?? 0 };
    if (n === NP_EOF) return { kind: "eof" };
    if (n === NP_BUFFER_TOO_SMALL) {
      const need = this.#info[1] ?? 0;
      throw new RangeError(
        `Cannot read packets: the next record needs ${need} bytes, the buffer has ${buf.byteLength}`,
      );
    }
    throw new CaptureError(`Cannot read packets: ${this.#lastError(h)}`, PCAP_ERROR);
  }

  /**
   * Kernel counters of a live capture.
   * @returns The counters, or null for a file (which has none).
   * @throws {CaptureError} When libpcap cannot read them.
   */
  stats(): CaptureStats | null {
    if (!this.live) return null;
    const h = this.#open("read statistics of");
    if (lib().np_stats(h, this.#stats) !== 0) {
      throw new CaptureError(`Cannot read capture statistics: ${this.#lastError(h)}`, PCAP_ERROR);
    }
    const [received = 0, droppedByKernel = 0, droppedByInterface = 0] = this.#stats;
    return { received, droppedByKernel, droppedByInterface };
  }

  /**
   * Waits for an in-flight read, then closes the handle. Calling it again returns the same promise.
   * @returns Resolves once the handle is freed.
   */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      await this.#reading?.catch(() => {});
      lib().np_close(this.#handle);
      this.#handle = null;
    })();
    return this.#closing;
  }

  /**
   * Opens a pcap savefile for this capture's packets (`pcap_dump_open`): same link type and snaplen, nanosecond
   * timestamps when the handle has them (live handles do). The file is created or truncated.
   * @param path Where to write.
   * @returns The open file; write batches with {@linkcode PcapDump.write}.
   * @throws {CaptureError} With the system's reason, e.g. "No such file or directory".
   */
  openDump(path: string): PcapDump {
    const h = this.#open("open a dump file for");
    const d = lib().np_dump_open(h, cString(path, "the path"), errbuf, ERRBUF_LEN);
    if (d === null) {
      const detail = cText(errbuf);
      throw new CaptureError(`Cannot write capture file ${path}: ${detail}`, PCAP_ERROR, detail);
    }
    return new PcapDump(d, path);
  }

  /** `await using cap = Capture.openOffline(...)` closes it at the end of the scope. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  #open(action: string): Deno.PointerObject {
    if (this.#handle === null || this.#closing) throw new Error(`Cannot ${action} a closed capture`);
    return this.#handle;
  }

  #lastError(h: Deno.PointerObject): string {
    lib().np_last_error(h, errbuf, ERRBUF_LEN);
    return cText(errbuf);
  }
}

/**
 * Lists the interfaces libpcap can capture on (`pcap_findalldevs`), including `any` on Linux.
 * @returns One entry per device, with its IPv4/IPv6 addresses.
 * @throws {CaptureError} With libpcap's text when listing fails.
 */
export function listDevices(): Device[] {
  const sym = lib();
  let buf = new Uint8Array(16 << 10);
  for (let attempt = 0; attempt < 4; attempt++) {
    const n = Number(sym.np_list_devices(buf, BigInt(buf.length), errbuf, ERRBUF_LEN));
    if (n >= 0) return JSON.parse(decoder.decode(buf.subarray(0, n))) as Device[];
    if (n === -1) throw new CaptureError(`Cannot list capture devices: ${cText(errbuf)}`, PCAP_ERROR);
    buf = new Uint8Array(-n + 4096); // too small: -n bytes needed (devices may come and go between calls)
  }
  throw new CaptureError("Cannot list capture devices: the list kept growing");
}

/**
 * The libpcap version string.
 * @returns e.g. "libpcap version 1.10.3 (with TPACKET_V3)".
 */
export function libpcapVersion(): string {
  const buf = new Uint8Array(256);
  lib().np_version(buf, BigInt(buf.length));
  return cText(buf);
}

/** What one {@linkcode PcapDump.write} did. */
export interface DumpResult {
  /** Records written. */
  records: number;
  /** Bytes of the batch they took: where the first record not written starts. */
  consumed: number;
}

/**
 * A pcap savefile being written by libpcap (`pcap_dump`), a whole batch of records per call. Single-threaded: call it
 * from the thread that owns the batch buffer, and {@linkcode PcapDump.close} it to learn about late write failures.
 */
export class PcapDump {
  #d: Deno.PointerValue;
  readonly #info = new BigUint64Array(2);
  /** Bytes in the file, buffered ones included. */
  size = 24;

  /** @internal Use {@linkcode Capture.openDump}. */
  constructor(d: Deno.PointerObject, readonly path: string) {
    this.#d = d;
  }

  /**
   * Writes up to `count` records of `buf[0..bytes)`. With `limit > 0`, stops before a packet that would take the file
   * past `limit` bytes (a file with no packet yet takes any), so the caller can rotate and write the rest.
   * @param buf A batch in the `np_read_batch` layout (a subarray works: records start at its first byte).
   * @param bytes Bytes of `buf` holding records.
   * @param count Most records to write.
   * @param limit File size limit in bytes, 0 for none.
   * @returns Records written and bytes consumed.
   * @throws {CaptureError} On a write error (e.g. "No space left on device") or a corrupt batch.
   */
  write(buf: Uint8Array, bytes: number, count: number, limit = 0): DumpResult {
    const d = this.#open();
    const n = Number(
      lib().np_dump_batch(d, buf, BigInt(bytes), count, BigInt(limit), this.#info, errbuf, ERRBUF_LEN),
    );
    this.size = Number(this.#info[1] ?? 0n);
    if (n < 0) throw new CaptureError(`Cannot write ${this.path}: ${cText(errbuf)}`, PCAP_ERROR, cText(errbuf));
    return { records: n, consumed: Number(this.#info[0] ?? 0n) };
  }

  /**
   * Pushes buffered packets to the file (`pcap_dump_flush`).
   * @throws {CaptureError} With the system's reason.
   */
  flush(): void {
    if (lib().np_dump_flush(this.#open(), errbuf, ERRBUF_LEN) !== 0) {
      throw new CaptureError(`Cannot write ${this.path}: ${cText(errbuf)}`, PCAP_ERROR, cText(errbuf));
    }
  }

  /**
   * Flushes and closes the file. Calling it again does nothing.
   * @throws {CaptureError} When the final flush fails (the file is closed anyway).
   */
  close(): void {
    const d = this.#d;
    if (d === null) return;
    this.#d = null;
    if (lib().np_dump_close(d, errbuf, ERRBUF_LEN) !== 0) {
      throw new CaptureError(`Cannot write ${this.path}: ${cText(errbuf)}`, PCAP_ERROR, cText(errbuf));
    }
  }

  #open(): Deno.PointerObject {
    if (this.#d === null) throw new Error(`Cannot write ${this.path}: it is closed`);
    return this.#d;
  }
}
