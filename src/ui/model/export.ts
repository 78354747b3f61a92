/**
 * Exports built in the page: CSV of any table (RFC 4180), the analysis report as JSON, and a classic pcap of raw
 * frames (nanosecond magic 0xa1b23c4d, the source's link type), so tshark and Wireshark open exactly what was shown.
 * @module
 */

import type { PacketRow } from "./rows.ts";

/** RFC 4180 §2: a field with a comma, quote or line break is quoted, and quotes inside are doubled. */
export function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

/** A CSV document: the header line, then one line per row, CRLF-terminated as RFC 4180 says. */
export function toCsv(header: readonly string[], rows: Iterable<readonly string[]>): string {
  const lines = [header.map(csvField).join(",")];
  for (const r of rows) lines.push(r.map(csvField).join(","));
  return lines.join("\r\n") + "\r\n";
}

/** pcap global header magic for nanosecond timestamps (libpcap's PCAP_NSEC_MAGIC). */
export const PCAP_NSEC_MAGIC = 0xa1b23c4d;
const PCAP_GLOBAL_HEADER = 24;
const PCAP_RECORD_HEADER = 16;
/** The snaplen netpix captures with. */
const SNAPLEN = 262144;

/** A classic pcap file (little-endian, version 2.4) of `packets`, in the order given. */
export function toPcap(packets: readonly PacketRow[], linkType: number): Uint8Array<ArrayBuffer> {
  let size = PCAP_GLOBAL_HEADER;
  for (const p of packets) size += PCAP_RECORD_HEADER + p.frame.length;
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  v.setUint32(0, PCAP_NSEC_MAGIC, true);
  v.setUint16(4, 2, true);
  v.setUint16(6, 4, true);
  v.setInt32(8, 0, true); // thiszone
  v.setUint32(12, 0, true); // sigfigs
  v.setUint32(16, SNAPLEN, true);
  v.setUint32(20, linkType, true);
  let at = PCAP_GLOBAL_HEADER;
  for (const p of packets) {
    v.setUint32(at, p.tsSec, true);
    v.setUint32(at + 4, p.tsNsec, true);
    v.setUint32(at + 8, p.frame.length, true);
    v.setUint32(at + 12, p.origlen, true);
    out.set(p.frame, at + PCAP_RECORD_HEADER);
    at += PCAP_RECORD_HEADER + p.frame.length;
  }
  return out;
}

/** Offers `data` as a download named `name`. */
export function download(name: string, data: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
