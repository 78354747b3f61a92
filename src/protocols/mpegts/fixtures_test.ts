import { deepStrictEqual, ok } from "node:assert/strict";
import * as F from "./_fixtures.ts";
import { concat } from "../_fixtures.ts";
import { readTsDatagrams } from "./_captures.ts";

const fixtures = Object.entries(F).filter((e): e is [string, F.TsFixture] =>
  typeof e[1] === "object" && e[1] !== null && "frame" in e[1]
);

Deno.test("every TS fixture equals its packet in the committed capture", async () => {
  ok(fixtures.length >= 14);
  for (const [name, f] of fixtures) {
    const capture = F.MPEGTS_CAPTURES.find((c) => c.file === f.file);
    ok(capture !== undefined, `${name}: ${f.file} is not a listed capture`);
    const datagram = (await readTsDatagrams(f.file, capture.port, capture.rtp)).find((d) => d.frame === f.frame);
    ok(datagram !== undefined, `${name}: no datagram in frame ${f.frame}`);
    const at = datagram.offset + 188 * f.index;
    deepStrictEqual(f.bytes, datagram.bytes.slice(at, at + 188), `${name} differs from ${f.file} frame ${f.frame}`);
  }
});

Deno.test("the fixtures of demo.pcap frame 1 make up its whole datagram", async () => {
  const [first] = await readTsDatagrams("demo.pcap", 1234, false);
  const whole = concat(F.DEMO_SDT.bytes, F.DEMO_PAT.bytes, F.DEMO_PMT.bytes, F.DEMO_PCR_ONLY.bytes, F.DEMO_NULL.bytes);
  deepStrictEqual(
    concat(whole, F.DEMO_NULL.bytes, F.DEMO_VIDEO_PES_START.bytes),
    first!.bytes.slice(first!.offset, first!.offset + first!.length),
  );
});

Deno.test("RTP_MPEGTS_HEADER equals the RTP header of rtp-mpegts.pcap frame 1", async () => {
  const [first] = await readTsDatagrams("mpegts/rtp-mpegts.pcap", 5010, true);
  deepStrictEqual(F.RTP_MPEGTS_HEADER, first!.bytes.slice(first!.offset - 12, first!.offset));
});
