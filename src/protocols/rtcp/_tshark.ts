/**
 * Test helper: wraps RTCP payloads in a classic pcap (Ethernet/IPv4/UDP, one frame per payload) and reads tshark's
 * dissection of it, so that hand-built packets are checked against Wireshark's RTCP dissector. Uses Deno APIs; tests
 * only.
 *
 * @module
 */

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

/**
 * A classic pcap (microsecond, LINKTYPE_ETHERNET) with one Ethernet/IPv4/UDP frame per payload, 127.0.0.1:40000 →
 * 127.0.0.1:`port`, one second apart.
 */
export function rtcpPcap(payloads: readonly Uint8Array[], port = TSHARK_RTCP_PORT): Uint8Array {
  const frames = payloads.map((p) => 16 + 14 + 20 + 8 + p.length);
  const out = new Uint8Array(24 + frames.reduce((a, b) => a + b, 0));
  const view = new DataView(out.buffer);
  view.setUint32(0, 0xa1b2c3d4, true);
  view.setUint16(4, 2, true);
  view.setUint16(6, 4, true);
  view.setUint32(16, 65535, true);
  view.setUint32(20, 1, true); // LINKTYPE_ETHERNET
  let o = 24;
  payloads.forEach((payload, i) => {
    const frameLength = 14 + 20 + 8 + payload.length;
    view.setUint32(o, 1_800_000_000 + i, true);
    view.setUint32(o + 8, frameLength, true);
    view.setUint32(o + 12, frameLength, true);
    o += 16;
    view.setUint16(o + 12, 0x0800); // Ethernet: zero MACs, IPv4
    o += 14;
    out.set([0x45, 0, 0, 0, 0, 0, 0x40, 0, 64, 17, 0, 0, 127, 0, 0, 1, 127, 0, 0, 1], o);
    view.setUint16(o + 2, 20 + 8 + payload.length);
    let sum = 0;
    for (let k = 0; k < 20; k += 2) sum += view.getUint16(o + k);
    while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
    view.setUint16(o + 10, ~sum & 0xffff);
    o += 20;
    view.setUint16(o, 40000);
    view.setUint16(o + 2, port);
    view.setUint16(o + 4, 8 + payload.length); // checksum 0: none
    o += 8;
    out.set(payload, o);
    o += payload.length;
  });
  return out;
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
