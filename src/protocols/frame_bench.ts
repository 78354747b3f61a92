/**
 * Decode throughput on the real frames of tests/testdata/framing/: `deno bench -A src/protocols/`. Each bench name
 * says how many frames one iteration decodes; frames per second = that count / time per iteration.
 */
import { FrameDecoder, FrameStatusCounters } from "./frame.ts";
import { readPcapFile } from "../../tests/_pcap_reader.ts";
import * as F from "./_fixtures.ts";

const DIR = new URL("../../tests/testdata/framing/", import.meta.url);
const FILES = F.FRAMING_CAPTURES;

const frames: { bytes: Uint8Array; linkType: number; originalLength: number }[] = [];
for (const file of FILES) {
  const pcap = await readPcapFile(new URL(file, DIR));
  for (const r of pcap.records) {
    frames.push({ bytes: r.data, linkType: pcap.linkType, originalLength: r.originalLength });
  }
}

const decoder = new FrameDecoder();
const counters = new FrameStatusCounters();
let sink = 0;

Deno.bench({
  name: `FrameDecoder.decode(), one reused decoder, all ${frames.length} fixture frames`,
  group: "all",
  baseline: true,
  fn: () => {
    for (const f of frames) counters.add(decoder.decode(f.bytes, f.linkType, f.originalLength));
  },
});

Deno.bench({
  name: `a new FrameDecoder per frame, all ${frames.length} fixture frames`,
  group: "all",
  fn: () => {
    for (const f of frames) sink += new FrameDecoder().decode(f.bytes, f.linkType, f.originalLength);
  },
});

function repeat(fixture: F.Fixture, times: number) {
  return () => {
    for (let i = 0; i < times; i++) sink += decoder.decode(fixture.bytes, fixture.linkType, fixture.originalLength);
  };
}

Deno.bench({ name: "1000 × Ethernet/IPv4/UDP", group: "per frame", fn: repeat(F.ETHERNET_UDP4, 1000) });
Deno.bench({ name: "1000 × QinQ/IPv4/UDP", group: "per frame", fn: repeat(F.QINQ_UDP4, 1000) });
Deno.bench({ name: "1000 × SLL2/IPv6/TCP", group: "per frame", fn: repeat(F.SLL2_TCP6_SYN, 1000) });
Deno.bench({ name: "1000 × raw IPv4/UDP", group: "per frame", fn: repeat(F.RAW_UDP4, 1000) });
Deno.bench({
  name: "1000 × Ethernet/IPv6 hop-by-hop+dest-opts+fragment/UDP",
  group: "per frame",
  fn: repeat(F.IPV6_HOP_BY_HOP_DEST_OPTS_FIRST_FRAGMENT, 1000),
});

Deno.bench({
  name: "FrameStatusCounters.toJSON() after the runs (keeps the results observable)",
  group: "bookkeeping",
  fn: () => {
    sink += counters.toJSON()["ok"] ?? 0;
  },
});
