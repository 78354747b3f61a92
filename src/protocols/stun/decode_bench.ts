/**
 * STUN/TURN decode throughput on the real messages of demo.pcap, stun/ice.pcap and stun/turn-ipv6.pcap:
 * `deno bench -A src/protocols/stun/`. Each bench name says how many messages one iteration handles; messages per
 * second = that count / time per iteration.
 */
import { isFailure } from "../decode_result.ts";
import { STUN_CAPTURES, type UdpDatagram, udpDatagrams } from "./_captures.ts";
import { decodeChannelData, decodeStun, iceView, looksLikeChannelData, looksLikeStun } from "./mod.ts";

const all: UdpDatagram[] = [];
for (const file of STUN_CAPTURES) all.push(...await udpDatagrams(file));
const stun = all.filter((d) => looksLikeStun(d.frameBytes, d.offset, d.length));
const channelData = all.filter((d) =>
  looksLikeChannelData(d.frameBytes, d.offset, d.length, { reservedChannels: true })
);
const demo = all.filter((d) => d.file === "demo.pcap");
const checks = stun.filter((d) => {
  const m = decodeStun(d.frameBytes, d.offset, d.length);
  return !isFailure(m) && iceView(m)?.connectivityCheck === true;
});
let sink = 0;

Deno.bench({
  name: `decodeStun(), all ${stun.length} STUN messages of the three captures`,
  group: "decode",
  baseline: true,
  fn: () => {
    for (const d of stun) {
      const m = decodeStun(d.frameBytes, d.offset, d.length);
      if (!isFailure(m)) sink += m.attributes.length;
    }
  },
});

Deno.bench({
  name: `decodeChannelData(), all ${channelData.length} ChannelData messages`,
  group: "decode",
  fn: () => {
    for (const d of channelData) {
      const c = decodeChannelData(d.frameBytes, d.offset, d.length);
      if (!isFailure(c)) sink += c.dataLength;
    }
  },
});

Deno.bench({
  name: `decodeStun() + iceView(), ${checks.length} ICE checks of ice.pcap`,
  group: "decode",
  fn: () => {
    for (const d of checks) {
      const m = decodeStun(d.frameBytes, d.offset, d.length);
      if (!isFailure(m) && iceView(m)?.useCandidate) sink++;
    }
  },
});

Deno.bench({
  name: `looksLikeStun() + looksLikeChannelData(), all ${demo.length} UDP payloads of demo.pcap (RTP, RTCP, TS, TURN)`,
  group: "classify",
  baseline: true,
  fn: () => {
    for (const d of demo) {
      if (looksLikeStun(d.frameBytes, d.offset, d.length)) sink++;
      else if (looksLikeChannelData(d.frameBytes, d.offset, d.length, { reservedChannels: true })) sink += 2;
    }
  },
});

Deno.bench({
  name: `decodeStun() alone as a classifier, all ${demo.length} UDP payloads of demo.pcap`,
  group: "classify",
  fn: () => {
    for (const d of demo) if (!isFailure(decodeStun(d.frameBytes, d.offset, d.length))) sink++;
  },
});

globalThis.addEventListener("unload", () => {
  if (sink === -1) console.log(sink);
});
