import { deepStrictEqual, strictEqual, throws } from "node:assert/strict";
import { PcapFormatError, readPcap, readPcapFile } from "./_pcap_reader.ts";

const DIR = new URL("./testdata/framing/", import.meta.url);

/** A classic pcap file header followed by records, written in either byte order. */
function pcapBytes(littleEndian: boolean, magic: number, linkType: number, records: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(24 + records.reduce((n, r) => n + 16 + r.length, 0));
  const v = new DataView(out.buffer);
  v.setUint32(0, magic, littleEndian);
  v.setUint16(4, 2, littleEndian);
  v.setUint16(6, 4, littleEndian);
  v.setUint32(16, 65535, littleEndian);
  v.setUint32(20, linkType, littleEndian);
  let o = 24;
  for (const [i, r] of records.entries()) {
    v.setUint32(o, 1_700_000_000 + i, littleEndian);
    v.setUint32(o + 4, 123, littleEndian);
    v.setUint32(o + 8, r.length, littleEndian);
    v.setUint32(o + 12, r.length + 5, littleEndian);
    out.set(r, o + 16);
    o += 16 + r.length;
  }
  return out;
}

Deno.test("readPcapFile() reads a microsecond capture written by tcpdump", async () => {
  const f = await readPcapFile(new URL("ethernet.pcap", DIR));
  deepStrictEqual([f.littleEndian, f.nanosecond, f.versionMajor, f.versionMinor, f.linkType], [true, false, 2, 4, 1]);
  strictEqual(f.snapLength, 262144);
  strictEqual(f.records[0]?.frameNumber, 1);
  strictEqual(f.records[0]?.capturedLength, f.records[0]?.data.length);
});

Deno.test("readPcapFile() reads a nanosecond capture (tcpdump --time-stamp-precision=nano)", async () => {
  const f = await readPcapFile(new URL("sll2.pcap", DIR));
  deepStrictEqual([f.nanosecond, f.linkType], [true, 276]);
  strictEqual(f.records.every((r) => r.timestampFraction < 1_000_000_000), true);
});

Deno.test("readPcapFile() reads the snap length and the original lengths of cut frames", async () => {
  const f = await readPcapFile(new URL("ethernet-snaplen80.pcap", DIR));
  strictEqual(f.snapLength, 80);
  strictEqual(f.records.some((r) => r.capturedLength === 80 && r.originalLength > 80), true);
});

Deno.test("readPcap() reads a big-endian nanosecond file", () => {
  const f = readPcap(pcapBytes(false, 0xa1b23c4d, 101, [new Uint8Array([0x45, 0]), new Uint8Array([0x60])]));
  deepStrictEqual([f.littleEndian, f.nanosecond, f.linkType, f.records.length], [false, true, 101, 2]);
  deepStrictEqual(f.records[1], {
    frameNumber: 2,
    timestampSeconds: 1_700_000_001,
    timestampFraction: 123,
    capturedLength: 1,
    originalLength: 6,
    data: new Uint8Array([0x60]),
  });
});

Deno.test("readPcap() keeps only the link type from a header field that carries FCS bits", () => {
  strictEqual(readPcap(pcapBytes(true, 0xa1b2c3d4, 0x10000001, [])).linkType, 1);
});

Deno.test("readPcap() rejects pcapng", () => {
  const ng = new Uint8Array(28);
  new DataView(ng.buffer).setUint32(0, 0x0a0d0d0a);
  throws(() => readPcap(ng), PcapFormatError);
});

Deno.test("readPcap() rejects an unknown magic number", () => {
  throws(() => readPcap(new Uint8Array(24)), /unknown magic number/);
});

Deno.test("readPcap() rejects a file shorter than its header", () => {
  throws(() => readPcap(new Uint8Array(10)), PcapFormatError);
});

Deno.test("readPcap() rejects a record that runs past the end of the file", () => {
  const whole = pcapBytes(true, 0xa1b2c3d4, 1, [new Uint8Array(20)]);
  throws(() => readPcap(whole.subarray(0, whole.length - 1)), /20 bytes announced, 19 left/);
  throws(() => readPcap(whole.subarray(0, 30)), /header cut/);
});
