import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { Capture, RecordCursor } from "../../ffi/capture.ts";
import { readBatches } from "./batches.ts";
import { dumpFileName, RotatingDump } from "./dump_files.ts";

const DEMO = new URL("../../tests/testdata/demo.pcap", import.meta.url).pathname;

const names: { args: [base: string, iface: string | null, index: number]; want: string; why: string }[] = [
  { args: ["out.pcap", null, 0], want: "out.pcap", why: "one interface, first file" },
  { args: ["out.pcap", null, 3], want: "out.3.pcap", why: "the index goes before the extension" },
  { args: ["ci/out.pcap", "eth0", 0], want: "ci/out-eth0.pcap", why: "several interfaces: one file each" },
  { args: ["ci/out.pcap", "eth0", 1], want: "ci/out-eth0.1.pcap", why: "and each rotates" },
  { args: ["capture", null, 2], want: "capture.2", why: "no extension" },
  { args: ["dir.v2/capture", "lo", 1], want: "dir.v2/capture-lo.1", why: "a dot in a directory is no extension" },
  { args: [".pcap", null, 1], want: ".pcap.1", why: "a leading dot names the file" },
];
for (const c of names) {
  Deno.test(`dumpFileName() names ${c.want}: ${c.why}`, () => strictEqual(dumpFileName(...c.args), c.want));
}

/** (ts, origlen, bytes) of every packet of a file, as libpcap reads it. */
async function packetsOf(path: string): Promise<[number, number, number, string][]> {
  const cap = Capture.openOffline(path);
  const out: [number, number, number, string][] = [];
  const cur = new RecordCursor();
  await readBatches(cap, 0, (buf, bytes, count) => {
    cur.reset(buf, bytes, count);
    while (cur.next()) {
      const data = buf.subarray(cur.dataOffset, cur.dataOffset + cur.caplen);
      out.push([cur.tsSec, cur.tsNsec, cur.origlen, Array.from(data, (b) => b.toString(16)).join("")]);
    }
  });
  await cap.close();
  return out;
}

Deno.test("RotatingDump splits the demo capture into files within the limit that hold every packet unchanged", async () => {
  const dir = await Deno.makeTempDir({ prefix: "netpix-dump-" });
  try {
    const cap = Capture.openOffline(DEMO);
    const dump = new RotatingDump(cap, `${dir}/out.pcap`, null, 20_000);
    await readBatches(cap, 0, (buf, bytes, count) => {
      dump.write(buf, bytes, Math.max(1, count >> 1)); // half of each batch: writes stop mid-batch too
      dump.write(buf, bytes, count); // and the whole batch again: copies, counted
    });
    dump.close();
    await cap.close();
    ok(dump.files.length > 5, `several files: ${dump.files.length}`);
    deepStrictEqual(dump.files.slice(0, 3), [`${dir}/out.pcap`, `${dir}/out.1.pcap`, `${dir}/out.2.pcap`]);
    const written = [];
    for (const f of dump.files) {
      ok((await Deno.stat(f)).size <= 20_000, `${f} within the limit`);
      written.push(...await packetsOf(f));
    }
    strictEqual(written.length, dump.packets);
    const demo = await packetsOf(DEMO);
    ok(written.length > demo.length, "halves were written twice");
    const unique = new Set(written.map((p) => p.join("|")));
    deepStrictEqual(unique, new Set(demo.map((p) => p.join("|"))), "every packet, timestamps and bytes unchanged");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
