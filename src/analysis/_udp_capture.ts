/**
 * Test helpers for the RTCP and ICE statistics (tests only; uses Deno APIs and runs tshark): the UDP datagrams of a
 * capture with their addresses, found with the project's own frame decoder, and tshark's `-T fields` output.
 *
 * @module
 */

import { readPcap, readPcapFile } from "../../tests/_pcap_reader.ts";
import { formatAddress, FrameDecoder, FrameStatus } from "../protocols/frame.ts";

/** One UDP datagram of a capture. */
export interface Datagram {
  /** tshark's frame.number. */
  frame: number;
  /** Capture time, Unix seconds (`ts_sec + ts_frac / 1e6` or `/ 1e9`). */
  time: number;
  /** `"ip:port"`, IPv6 as `"[addr]:port"`. */
  src: string;
  dst: string;
  payload: Uint8Array;
}

/**
 * Every UDP datagram of a capture, in frame order.
 * @param source A path/URL or the file's bytes.
 * @returns The datagrams.
 */
export async function udpDatagrams(source: string | URL | Uint8Array): Promise<Datagram[]> {
  const pcap = source instanceof Uint8Array ? readPcap(source) : await readPcapFile(source);
  const d = new FrameDecoder();
  const out: Datagram[] = [];
  const div = pcap.nanosecond ? 1e9 : 1e6;
  for (const r of pcap.records) {
    if (d.decode(r.data, pcap.linkType, r.originalLength) !== FrameStatus.Ok || d.transport !== 17) continue;
    const v = d.ipVersion === 6 ? 6 : 4;
    const addr = (off: number, port: number) => {
      const a = formatAddress(r.data, off, v);
      return v === 6 ? `[${a}]:${port}` : `${a}:${port}`;
    };
    out.push({
      frame: r.frameNumber,
      time: r.timestampSeconds + r.timestampFraction / div,
      src: addr(d.srcAddrOffset, d.srcPort),
      dst: addr(d.dstAddrOffset, d.dstPort),
      payload: r.data.subarray(d.payloadOffset, d.payloadOffset + d.payloadLength),
    });
  }
  return out;
}

/** True when `tshark` runs. */
export function hasTshark(): boolean {
  try {
    return new Deno.Command("tshark", { args: ["--version"], stdout: "null", stderr: "null" }).outputSync().success;
  } catch {
    return false;
  }
}

/**
 * Runs `tshark -r file -T fields -e …` and splits its lines.
 * @param file Capture path.
 * @param fields Field names.
 * @param args Extra arguments (`-Y filter`, `-o pref`, `-d …`).
 * @returns One array of field values per frame; multi-valued fields keep tshark's `,` separator.
 */
export async function tsharkFields(file: string, fields: readonly string[], args: readonly string[] = []) {
  const out = await new Deno.Command("tshark", {
    args: ["-r", file, ...args, "-T", "fields", ...fields.flatMap((f) => ["-e", f])],
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!out.success) throw new Error(`tshark failed: ${new TextDecoder().decode(out.stderr)}`);
  return new TextDecoder().decode(out.stdout).split("\n").filter((l) => l !== "").map((l) => l.split("\t"));
}
