import { deepStrictEqual, throws } from "node:assert/strict";
import { readPcap, readPcapFile } from "./_pcap_reader.ts";
import { writePcap } from "./_pcap_writer.ts";

Deno.test("writePcap() round-trips a real capture through readPcap() byte for byte", async () => {
  const path = new URL("./testdata/rtp-analysis/pcmu.pcap", import.meta.url);
  const original = await Deno.readFile(path);
  const f = await readPcapFile(path);
  const written = writePcap({ nanosecond: f.nanosecond, snapLength: f.snapLength, linkType: f.linkType }, f.records);
  deepStrictEqual(written, original); // tcpdump wrote it little-endian, version 2.4, with zero reserved fields
});

Deno.test("writePcap() writes nanosecond files and rejects bad records", () => {
  const data = new Uint8Array([1, 2, 3]);
  const bytes = writePcap({ nanosecond: true, snapLength: 65535, linkType: 101 }, [
    { timestampSeconds: 1, timestampFraction: 999_999_999, originalLength: 5, data },
  ]);
  const f = readPcap(bytes);
  deepStrictEqual([f.nanosecond, f.linkType, f.records[0]?.timestampFraction, f.records[0]?.originalLength], [
    true,
    101,
    999_999_999,
    5,
  ]);
  const header = { nanosecond: false, snapLength: 65535, linkType: 1 };
  throws(
    () => writePcap(header, [{ timestampSeconds: 0, timestampFraction: 1e6, originalLength: 3, data }]),
    RangeError,
  );
  throws(() => writePcap(header, [{ timestampSeconds: 0, timestampFraction: 0, originalLength: 2, data }]), RangeError);
});
