/**
 * Test and bench helper (uses Deno APIs; no module code imports it): the UDP payloads of the committed captures that
 * hold STUN, TURN and ICE traffic, found with the project's own frame decoder.
 *
 * @module
 */

import { FrameDecoder, FrameStatus } from "../frame.ts";
import { readPcapFile } from "../../../tests/_pcap_reader.ts";

/** tests/testdata/, where the capture names below live. */
export const TESTDATA = new URL("../../../tests/testdata/", import.meta.url);

/** The captures with STUN/TURN traffic, relative to {@linkcode TESTDATA}. */
export const STUN_CAPTURES: readonly string[] = ["demo.pcap", "stun/ice.pcap", "stun/turn-ipv6.pcap"];

/** One UDP datagram of a capture. */
export interface UdpDatagram {
  /** Capture file, relative to tests/testdata/. */
  readonly file: string;
  /** tshark's frame.number. */
  readonly frame: number;
  /** The whole captured frame. */
  readonly frameBytes: Uint8Array;
  /** Index of the UDP payload in `frameBytes`. */
  readonly offset: number;
  /** UDP payload length. */
  readonly length: number;
  readonly srcPort: number;
  readonly dstPort: number;
  /** The payload as its own array (a subarray of `frameBytes`). */
  readonly payload: Uint8Array;
}

/**
 * Every UDP datagram of a capture, in frame order.
 * @param file Capture file relative to tests/testdata/.
 * @returns The datagrams.
 */
export async function udpDatagrams(file: string): Promise<UdpDatagram[]> {
  const pcap = await readPcapFile(new URL(file, TESTDATA));
  const d = new FrameDecoder();
  const out: UdpDatagram[] = [];
  for (const r of pcap.records) {
    if (d.decode(r.data, pcap.linkType, r.originalLength) !== FrameStatus.Ok || d.transport !== 17) continue;
    out.push({
      file,
      frame: r.frameNumber,
      frameBytes: r.data,
      offset: d.payloadOffset,
      length: d.payloadLength,
      srcPort: d.srcPort,
      dstPort: d.dstPort,
      payload: r.data.subarray(d.payloadOffset, d.payloadOffset + d.payloadLength),
    });
  }
  return out;
}

/** True when tshark runs here; tests that compare with it are skipped otherwise. */
export const hasTshark: boolean = (() => {
  try {
    return new Deno.Command("tshark", { args: ["--version"], stdout: "null", stderr: "null" }).outputSync().success;
  } catch {
    return false;
  }
})();

/**
 * Runs tshark over a capture and returns one row per frame matching `filter`, each field as its list of occurrences.
 * @param file Capture file relative to tests/testdata/, or an absolute path.
 * @param filter Display filter, e.g. "stun".
 * @param fields Field names.
 * @returns Rows in frame order.
 */
export async function tsharkFields<F extends string>(
  file: string,
  filter: string,
  fields: readonly F[],
): Promise<Record<F, string[]>[]> {
  const path = file.startsWith("/") ? file : new URL(file, TESTDATA).pathname;
  const args = ["-r", path, "-n", "-Y", filter, "-T", "fields"];
  args.push("-E", "separator=\t", "-E", "aggregator=\u001f", "-E", "quote=n", "-E", "occurrence=a");
  for (const f of fields) args.push("-e", f);
  const out = await new Deno.Command("tshark", { args, stdout: "piped", stderr: "null" }).output();
  if (!out.success) throw new Error(`tshark failed on ${file}`);
  const text = new TextDecoder().decode(out.stdout).replace(/\n$/, "");
  if (text === "") return [];
  return text.split("\n").map((line) => {
    const cells = line.split("\t");
    const row = {} as Record<F, string[]>;
    fields.forEach((f, i) => row[f] = (cells[i] ?? "") === "" ? [] : cells[i]!.split("\u001f"));
    return row;
  });
}

/**
 * A classic pcap (linktype Ethernet) of IPv4/UDP datagrams 192.0.2.1:50000 → 192.0.2.2:3478 (RFC 5737 addresses),
 * one per payload, so that tshark can dissect bytes a test built. IP and UDP checksums are left 0 ("none").
 * @param payloads UDP payloads.
 * @returns The file's bytes.
 */
export function syntheticPcap(payloads: readonly Uint8Array[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const header = new DataView(new ArrayBuffer(24));
  header.setUint32(0, 0xa1b2c3d4, true); // microsecond pcap, little-endian
  header.setUint16(4, 2, true);
  header.setUint16(6, 4, true);
  header.setUint32(16, 65535, true); // snaplen
  header.setUint32(20, 1, true); // LINKTYPE_ETHERNET
  parts.push(new Uint8Array(header.buffer));
  payloads.forEach((payload, i) => {
    const frame = new Uint8Array(14 + 20 + 8 + payload.length);
    const v = new DataView(frame.buffer);
    frame.set([0x02, 0, 0, 0, 0, 2, 0x02, 0, 0, 0, 0, 1], 0); // dst, src MAC (locally administered)
    v.setUint16(12, 0x0800);
    v.setUint8(14, 0x45);
    v.setUint16(16, 20 + 8 + payload.length);
    v.setUint8(22, 64); // TTL
    v.setUint8(23, 17); // UDP
    frame.set([192, 0, 2, 1, 192, 0, 2, 2], 26);
    v.setUint16(34, 50000);
    v.setUint16(36, 3478);
    v.setUint16(38, 8 + payload.length);
    frame.set(payload, 42);
    const record = new DataView(new ArrayBuffer(16));
    record.setUint32(0, 1_700_000_000 + i, true);
    record.setUint32(8, frame.length, true);
    record.setUint32(12, frame.length, true);
    parts.push(new Uint8Array(record.buffer), frame);
  });
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
