/**
 * Writing one interface's packets to pcap files through libpcap's dump functions ({@linkcode PcapDump}), rotating to a
 * new file before one passes a size limit.
 *
 * File names: `out.pcap` with one interface, `out-<iface>.pcap` with several; rotation inserts the file's index
 * before the extension: `out.pcap`, `out.1.pcap`, `out.2.pcap`, … (`out`, `out.1`, … without an extension).
 * @module
 */

import type { Capture, PcapDump } from "../../ffi/capture.ts";

/**
 * The name of a capture file.
 * @param base The `-w` argument.
 * @param iface The interface, when several are captured at once (null with one).
 * @param index The rotation index: 0 for the first file.
 * @returns e.g. `out.pcap`, `out-eth0.pcap`, `out.1.pcap`, `dir/out-lo.2.pcap`.
 * @example
 * ```ts
 * import { dumpFileName } from "./dump_files.ts";
 * import { deepStrictEqual } from "node:assert/strict";
 * deepStrictEqual(dumpFileName("ci/out.pcap", "lo", 2), "ci/out-lo.2.pcap");
 * ```
 */
export function dumpFileName(base: string, iface: string | null, index: number): string {
  const slash = base.lastIndexOf("/");
  const dot = base.lastIndexOf(".");
  const hasExt = dot > slash + 1; // a leading dot (".pcap", "dir/.x") names the file, it is no extension
  const stem = hasExt ? base.slice(0, dot) : base;
  const ext = hasExt ? base.slice(dot) : "";
  return `${stem}${iface === null ? "" : `-${iface.replaceAll("/", "_")}`}${index > 0 ? `.${index}` : ""}${ext}`;
}

/** An interface's capture files: the current one, rotated on size, and every name written so far. */
export class RotatingDump {
  /** Every file opened, in order. */
  readonly files: string[] = [];
  /** Packets written over all files. */
  packets = 0;
  #dump: PcapDump;

  /**
   * Opens the first file.
   * @param cap The capture whose link type, snaplen and timestamp precision the files take.
   * @param base The `-w` argument.
   * @param iface Interface name for the file name, or null (one interface).
   * @param maxBytes Rotate before a file passes this many bytes; 0 for never.
   * @throws {CaptureError} When the file cannot be created.
   */
  constructor(readonly cap: Capture, readonly base: string, readonly iface: string | null, readonly maxBytes: number) {
    this.#dump = this.#open();
  }

  #open(): PcapDump {
    const name = dumpFileName(this.base, this.iface, this.files.length);
    const d = this.cap.openDump(name);
    this.files.push(name);
    return d;
  }

  /**
   * Writes the first `count` records of a batch, starting new files as the size limit requires.
   * @param buf The batch buffer.
   * @param bytes Bytes of it holding records.
   * @param count Records to write (the batch may hold more).
   * @throws {CaptureError} On a write failure.
   */
  write(buf: Uint8Array, bytes: number, count: number): void {
    let at = 0;
    let left = count;
    while (left > 0) {
      const r = this.#dump.write(buf.subarray(at), bytes - at, left, this.maxBytes);
      at += r.consumed;
      left -= r.records;
      this.packets += r.records;
      if (left > 0) {
        this.#dump.close();
        this.#dump = this.#open();
      }
    }
  }

  /** Pushes buffered packets to the current file. */
  flush(): void {
    this.#dump.flush();
  }

  /** Flushes and closes the current file. */
  close(): void {
    this.#dump.close();
  }
}
