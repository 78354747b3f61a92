/**
 * Test helper: wraps RTCP payloads in a classic pcap (Ethernet/IPv4/UDP, one frame per payload) and reads tshark's
 * dissection of it, so that hand-built packets are checked against Wireshark's RTCP dissector. Uses Deno APIs; tests
 * only.
 *
 * @module
 */

import { udpPcap } from "../../../tests/_pcap_writer.ts";

/** The UDP port the payloads are sent to; tshark is told `-d udp.port==5005,rtcp`. */
export const TSHARK_RTCP_PORT = 5005;

/** True when a `tshark` binary runs. */
export const hasTshark: boolean = (() => {
  try {
    return new Deno.Command("tshark", { args: ["--version"], stdout: "null", stderr: "null" }).outputSync().success;
  } catch {
    return false;
  }
})();

/** A pcap of one 127.0.0.1:40000 → 127.0.0.1:`port` UDP datagram per payload, one second apart. */
export function rtcpPcap(payloads: readonly Uint8Array[], port = TSHARK_RTCP_PORT): Uint8Array {
  return udpPcap(payloads, {
    src: [127, 0, 0, 1],
    dst: [127, 0, 0, 1],
    srcPort: 40000,
    dstPort: port,
    firstSecond: 1_800_000_000,
  });
}

async function runTshark(pcap: Uint8Array, args: string[]): Promise<string> {
  const path = await Deno.makeTempFile({ prefix: "netpix-rtcp-", suffix: ".pcap" });
  try {
    await Deno.writeFile(path, pcap);
    const out = await new Deno.Command("tshark", {
      args: ["-r", path, "-n", "-d", `udp.port==${TSHARK_RTCP_PORT},rtcp`, ...args],
      stdout: "piped",
      stderr: "piped",
    }).output();
    if (!out.success) throw new Error(`tshark failed: ${new TextDecoder().decode(out.stderr)}`);
    return new TextDecoder().decode(out.stdout);
  } finally {
    await Deno.remove(path);
  }
}

/**
 * tshark's `-T fields` output for each frame of `pcap`: one record per frame, mapping each field to all its
 * occurrences in order (an empty list when absent).
 */
export async function tsharkFields(pcap: Uint8Array, fields: readonly string[]): Promise<Record<string, string[]>[]> {
  const args = ["-T", "fields", "-E", "separator=\t", "-E", "aggregator=\u0001", "-E", "occurrence=a"];
  for (const f of fields) args.push("-e", f);
  const text = await runTshark(pcap, args);
  return text.replace(/\n$/, "").split("\n").map((line) => {
    const cells = line.split("\t");
    const row: Record<string, string[]> = {};
    fields.forEach((f, i) => row[f] = (cells[i] ?? "") === "" ? [] : cells[i]!.split("\u0001"));
    return row;
  });
}

/** tshark's `-V` tree text of every frame (for the formats `-T fields` does not expose, e.g. TWCC statuses). */
export async function tsharkVerbose(pcap: Uint8Array): Promise<string[]> {
  const text = await runTshark(pcap, ["-V", "-O", "rtcp"]);
  return text.split(/\n(?=Frame \d+:)/);
}
