/**
 * What a packet source reads from: a libpcap handle ({@linkcode Capture}) or anything else that fills a caller
 * buffer with records in the capture library's batch layout (`ffi/records.ts`), such as a decoded event log.
 * @module
 */

import type { CaptureStats, ReadResult } from "../../ffi/capture.ts";

export type { CaptureStats, ReadResult };

export interface PacketReader {
  /** LINKTYPE of every record's bytes. */
  readonly linkType: number;
  /** True for sources that keep producing (interfaces, a tailed log); counters then come from {@linkcode stats}. */
  readonly live: boolean;
  /**
   * Fills `buf` with as many whole records as fit. Resolves `eof` at the end of a finite input; a live reader waits up
   * to `waitMs` for a first record and may resolve with `count: 0`. Failures reject.
   */
  read(buf: Uint8Array, waitMs: number): Promise<ReadResult>;
  /** Kernel-side counters, or null where there are none. */
  stats(): CaptureStats | null;
  close(): Promise<void>;
}
