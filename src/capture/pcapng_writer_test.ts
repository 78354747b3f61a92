import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { PcapngWriter } from "./pcapng_writer.ts";

/** IPv4 + UDP 10.0.0.1:1000 → 10.0.0.2:2000 with `payload` bytes, of which `captured` are present. */
function udp(payload: number, captured: number): Uint8Array {
  const total = 28 + payload;
  const b = new Uint8Array(28 + captured);
  b.set([0x45, 0, total >> 8, total & 255, 0, 0, 0x40, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2]);
  b.set([0x03, 0xe8, 0x07, 0xd0, (total - 20) >> 8, (total - 20) & 255, 0, 0], 20);
  return b;
}

Deno.test("PcapngWriter writes interfaces, times, lengths and comments that tshark reads back", async () => {
  const blocks: Uint8Array[] = [];
  const w = new PcapngWriter((b) => blocks.push(b), "netpix test");
  const a = w.addInterface(228, "incoming");
  const b = w.addInterface(228, "outgoing");
  strictEqual(b, 1);
  w.writePacket(a, 1_767_225_600_123_456, udp(5, 5), 33, "first, héllo"); // odd length: padded
  w.writePacket(b, 1_767_225_601_000_000, udp(100, 4), 128);
  w.writePacket(a, 1_767_225_602_000_001, udp(0, 0), 28, "x".repeat(300));
  for (const blk of blocks) strictEqual(blk.length % 4, 0, "every block is 32-bit aligned");
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/w.pcapng`;
    await Deno.writeFile(path, new Uint8Array(blocks.flatMap((x) => [...x])));
    const out = await new Deno.Command("tshark", {
      args: [
        "-r",
        path,
        "-T",
        "fields",
        "-E",
        "separator=|",
        "-e",
        "frame.interface_name",
        "-e",
        "frame.time_epoch",
        "-e",
        "frame.len",
        "-e",
        "frame.cap_len",
        "-e",
        "udp.dstport",
        "-e",
        "frame.comment",
      ],
      stdout: "piped",
      stderr: "piped",
    }).output();
    strictEqual(out.code, 0, new TextDecoder().decode(out.stderr));
    const rows = new TextDecoder().decode(out.stdout).trim().split("\n").map((l) => l.split("|"));
    deepStrictEqual(rows, [
      ["incoming", "1767225600.123456000", "33", "33", "2000", "first, héllo"],
      ["outgoing", "1767225601.000000000", "128", "32", "2000", ""],
      ["incoming", "1767225602.000001000", "28", "28", "2000", "x".repeat(300)],
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
