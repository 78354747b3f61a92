/**
 * Writes decoded log events as packet records in the capture library's batch layout (`ffi/records.ts`): u32
 * little-endian ts_sec, ts_nsec, caplen, origlen, then the frame ({@linkcode writeRtpRecord} and friends), padded to
 * 4 bytes. Keeps what later records depend on: the log's wall-clock offset and each SSRC's extension ids.
 *
 * Timestamps: the log clock plus `utc_time_ms − timestamp_ms` of the first BeginLogEvent, so records carry wall time;
 * a log without one keeps its own clock (milliseconds since some start, shown near 1970).
 * @module
 */
// This module is browser compatible.

import { RECORD_HEADER_BYTES } from "../../ffi/records.ts";
import { EXTENSION_URIS, type ExtensionIds, type InfoEvent, type LogEvent } from "./events.ts";
import {
  DEFAULT_EXTENSION_IDS,
  eventRecord,
  MAX_RTP_RECORD_BYTES,
  rtcpRecordBytes,
  writeRtcpRecord,
  writeRtpRecord,
} from "./frame.ts";

/** Most SSRCs whose extension ids are remembered; configs beyond it are counted in `configsDropped`. */
export const MAX_CONFIGURED_SSRCS = 4096;

const KEY_BY_URI = new Map(
  Object.entries(EXTENSION_URIS).map(([k, uri]) => [uri as string, k as keyof typeof EXTENSION_URIS]),
);

/** Turns events into records; one per source. */
export class EventRecordWriter {
  /** `utc − log clock` in ms once a BeginLogEvent was seen, else null. */
  wallOffsetMs: number | null = null;
  /** Stream configs not remembered because {@linkcode MAX_CONFIGURED_SSRCS} was reached. */
  configsDropped = 0;
  readonly #ids = new Map<number, ExtensionIds>();
  #view: DataView | null = null;
  #viewOf: Uint8Array | null = null;

  /** Forgets the clock and configs (a new log file replaced the old one). */
  reset(): void {
    this.wallOffsetMs = null;
    this.#ids.clear();
  }

  /** The extension ids the writer uses for `ssrc`. */
  idsOf(ssrc: number): ExtensionIds {
    return this.#ids.get(ssrc) ?? DEFAULT_EXTENSION_IDS;
  }

  /**
   * Writes one record at `at`.
   * @returns The offset after it, or -1 when it does not fit in `buf`.
   */
  write(buf: Uint8Array, at: number, e: LogEvent): number {
    if (e.kind === "info") this.#learn(e);
    const data = at + RECORD_HEADER_BYTES;
    let caplen: number, origlen: number;
    if (e.kind === "rtp") {
      if (data + MAX_RTP_RECORD_BYTES > buf.length) return -1;
      ({ caplen, origlen } = writeRtpRecord(buf, data, e, this.idsOf(e.ssrc)));
    } else if (e.kind === "rtcp") {
      if (data + rtcpRecordBytes(e.bytes.length) > buf.length) return -1;
      ({ caplen, origlen } = writeRtcpRecord(buf, data, e.incoming, e.bytes));
    } else {
      const rec = eventRecord(e.event, e.fields);
      if (data + rec.length > buf.length) return -1;
      buf.set(rec, data);
      caplen = origlen = rec.length;
    }
    if (this.#viewOf !== buf) {
      this.#viewOf = buf;
      this.#view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    }
    const ms = Math.max(0, e.timeMs + (this.wallOffsetMs ?? 0));
    const sec = Math.floor(ms / 1000);
    const v = this.#view!;
    v.setUint32(at, sec, true);
    v.setUint32(at + 4, Math.round((ms - sec * 1000) * 1e6), true);
    v.setUint32(at + 8, caplen, true);
    v.setUint32(at + 12, origlen, true);
    const end = data + caplen;
    const padded = end + ((4 - (caplen & 3)) & 3);
    buf.fill(0, end, padded);
    return padded;
  }

  #learn(e: InfoEvent): void {
    if (e.event === "begin-log" && this.wallOffsetMs === null && typeof e.fields.utcTimeMs === "number") {
      this.wallOffsetMs = e.fields.utcTimeMs - e.timeMs;
      return;
    }
    if (!e.event.endsWith("-config") || e.event.startsWith("ice")) return;
    const extmap = e.fields.extmap;
    const ids: ExtensionIds = {};
    if (extmap && typeof extmap === "object") {
      for (const [id, uri] of Object.entries(extmap)) {
        const key = KEY_BY_URI.get(String(uri));
        if (key) ids[key] = Number(id);
      }
    }
    for (const k of ["ssrc", "remoteSsrc", "rtxSsrc"]) {
      const ssrc = e.fields[k];
      if (typeof ssrc !== "number") continue;
      if (!this.#ids.has(ssrc) && this.#ids.size >= MAX_CONFIGURED_SSRCS) this.configsDropped++;
      else this.#ids.set(ssrc, ids);
    }
  }
}
