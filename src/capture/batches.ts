/**
 * The double-buffered read loop over a capture handle, shared by live sources and `netpix analyze`: while this side
 * walks one batch, libpcap fills the other buffer on its own thread, so reading and decoding overlap on two cores.
 * @module
 */

import type { PacketReader } from "./reader.ts";

/** Bytes per batch buffer; two per loop. Large enough for ~2,500 full-size Ethernet frames per FFI call. */
export const READ_BUFFER_BYTES = 4 << 20;

/**
 * Reads `cap` until end of file or until `stop()` says so, handing each non-empty batch to `onBatch`. The buffer
 * handed over is valid until `onBatch` returns. A read error is thrown (no read is left in flight).
 * @param cap An open capture handle.
 * @param waitMs How long a live read waits for a first packet (0 for files).
 * @param onBatch Gets the buffer, the bytes used and the record count.
 * @param stop Checked after each read; true ends the loop.
 */
export async function readBatches(
  cap: PacketReader,
  waitMs: number,
  onBatch: (buf: Uint8Array, bytes: number, count: number) => void,
  stop: () => boolean = () => false,
): Promise<void> {
  const bufs = [new Uint8Array(READ_BUFFER_BYTES), new Uint8Array(READ_BUFFER_BYTES)] as const;
  let which = 0;
  let pending = cap.read(bufs[0], waitMs);
  while (true) {
    const r = await pending;
    if (r.kind === "eof" || stop()) return;
    const buf = bufs[which]!;
    which ^= 1;
    pending = cap.read(bufs[which]!, waitMs);
    try {
      if (r.count > 0) onBatch(buf, r.bytes, r.count);
    } catch (e) {
      await pending.catch(() => {}); // never leave a read in flight behind a failure
      throw e;
    }
  }
}
