import { deepStrictEqual, strictEqual } from "node:assert/strict";
import { csvField, PCAP_NSEC_MAGIC, toCsv, toPcap } from "./export.ts";
import type { PacketRow } from "./rows.ts";

Deno.test("CSV fields with commas, quotes and line breaks are quoted as RFC 4180 says", () => {
  strictEqual(csvField("plain"), "plain");
  strictEqual(csvField('a "b", c'), '"a ""b"", c"');
  strictEqual(toCsv(["x", "y"], [["1", "a\nb"]]), 'x,y\r\n1,"a\nb"\r\n');
});

Deno.test("a pcap built from rows has the nanosecond magic, the link type and each frame with its times", () => {
  const row = (id: number, bytes: number[], tsSec: number, tsNsec: number, origlen: number) =>
    ({ id, frame: new Uint8Array(bytes), tsSec, tsNsec, origlen }) as unknown as PacketRow;
  const pcap = toPcap([row(1, [1, 2, 3], 1700000000, 123456789, 3), row(2, [4], 1700000001, 5, 60)], 1);
  const v = new DataView(pcap.buffer);
  strictEqual(v.getUint32(0, true), PCAP_NSEC_MAGIC);
  strictEqual(v.getUint32(20, true), 1);
  deepStrictEqual([v.getUint32(24, true), v.getUint32(28, true), v.getUint32(32, true)], [1700000000, 123456789, 3]);
  deepStrictEqual([...pcap.subarray(40, 43)], [1, 2, 3]);
  deepStrictEqual([v.getUint32(43 + 8, true), v.getUint32(43 + 12, true), pcap[59]], [1, 60, 4]);
  strictEqual(pcap.length, 24 + 16 + 3 + 16 + 1);
});
