/**
 * Test and bench helper (uses Deno APIs; no module code imports it): the UDP payloads of the committed captures that
 * hold STUN, TURN and ICE traffic, found with the project's own frame decoder.
 *
 * @module
 */

import { udpPcap } from "../../../tests/_pcap_writer.ts";
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
 * one per payload, so that tshark can dissect bytes a test built.
 * @param payloads UDP payloads.
 * @returns The file's bytes.
 */
export function syntheticPcap(payloads: readonly Uint8Array[]): Uint8Array {
  return udpPcap(payloads, {
    src: [192, 0, 2, 1],
    dst: [192, 0, 2, 2],
    srcPort: 50000,
    dstPort: 3478,
    firstSecond: 1_700_000_000,
  });
}
