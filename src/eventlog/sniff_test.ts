import { strictEqual } from "node:assert/strict";
import { sniffFileKind } from "./sniff.ts";
import { makeSampleLog } from "./_sample.ts";

const cases: { name: string; head: number[]; want: string }[] = [
  { name: "a little-endian µs pcap", head: [0xd4, 0xc3, 0xb2, 0xa1], want: "pcap" },
  { name: "a big-endian ns pcap", head: [0xa1, 0xb2, 0x3c, 0x4d], want: "pcap" },
  { name: "a pcapng (Section Header Block)", head: [0x0a, 0x0d, 0x0d, 0x0a], want: "pcapng" },
  { name: "a legacy v1 log (field 1, length-delimited)", head: [0x0a, 0x10, 0x08], want: "event-log-v1" },
  { name: "a v2 log starting with its BeginLogEvent (field 16)", head: [0x82, 0x01, 0x0d], want: "event-log" },
  { name: "an empty file", head: [], want: "empty" },
  { name: "text (first tag of wire type 6)", head: [...new TextEncoder().encode("not a capture")], want: "unknown" },
  { name: "a varint field first (wire type 0)", head: [0x08, 0x01], want: "unknown" },
  { name: "field number 0", head: [0x02, 0x00], want: "unknown" },
  { name: "an unterminated tag varint", head: [0xff, 0xff, 0xff, 0xff, 0xff], want: "unknown" },
];
for (const c of cases) {
  Deno.test(`sniffFileKind() recognises ${c.name}`, () => strictEqual(sniffFileKind(Uint8Array.from(c.head)), c.want));
}

Deno.test("sniffFileKind() takes the sample log for a v2 event log", () => {
  strictEqual(sniffFileKind(makeSampleLog(1).bytes.subarray(0, 16)), "event-log");
});
