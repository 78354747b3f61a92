import { strictEqual } from "node:assert/strict";
import { ntpMiddle32, ntpToSeconds, ntpToUnixSeconds, shortNtpToSeconds } from "./ntp.ts";

const iso = (unixSeconds: number) => new Date(unixSeconds * 1000).toISOString();

const unixCases: { name: string; seconds: number; fraction: number; want: string }[] = [
  // tshark: "Nov 27, 2026 04:30:17.614999999 UTC" for rtcp.timestamp.ntp of demo.pcap frame 8
  {
    name: "converts demo.pcap frame 8's SR timestamp",
    seconds: 4004742617,
    fraction: 2641404887,
    want: "2026-11-27T04:30:17.615Z",
  },
  {
    name: "maps the NTP epoch of era 0's top half to 1968",
    seconds: 0x8000_0000,
    fraction: 0,
    want: "1968-01-20T03:14:08.000Z",
  },
  { name: "maps 2208988800 to the Unix epoch", seconds: 2_208_988_800, fraction: 0, want: "1970-01-01T00:00:00.000Z" },
  {
    name: "reads a clear top bit as era 1 (after 2036-02-07)",
    seconds: 0,
    fraction: 0,
    want: "2036-02-07T06:28:16.000Z",
  },
  { name: "keeps reading era 1 up to 2104", seconds: 0x7fff_ffff, fraction: 0, want: "2104-02-26T09:42:23.000Z" },
  { name: "adds the fraction", seconds: 2_208_988_800, fraction: 0x4000_0000, want: "1970-01-01T00:00:00.250Z" },
];
for (const c of unixCases) {
  Deno.test(`ntpToUnixSeconds() ${c.name}`, () => strictEqual(iso(ntpToUnixSeconds(c.seconds, c.fraction)), c.want));
}

Deno.test("ntpToSeconds() adds the fraction as 1/2³² s", () => {
  strictEqual(ntpToSeconds(4004742617, 2641404887), 4004742617 + 2641404887 / 2 ** 32);
  strictEqual(ntpToSeconds(1, 0xffff_ffff) < 2, true);
});

Deno.test("ntpMiddle32() gives the LSR a receiver echoes for demo.pcap frame 8's SR", () => {
  strictEqual(ntpMiddle32(0xeeb385d9, 0x9d70a3d7), 0x85d99d70);
  strictEqual(ntpMiddle32(0xffffffff, 0xffffffff), 0xffffffff);
});

Deno.test("shortNtpToSeconds() reads 16.16 fixed point", () => {
  strictEqual(shortNtpToSeconds(0x18000), 1.5);
  strictEqual(shortNtpToSeconds(0), 0);
});
