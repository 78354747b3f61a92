import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { decodeStun, looksLikeStun } from "../protocols/stun/mod.ts";
import { isFailure } from "../protocols/decode_result.ts";
import { IcePairs, type IcePairSnapshot } from "./ice_pairs.ts";
import { type Datagram, hasTshark, tsharkFields, udpDatagrams } from "./_udp_capture.ts";

const TSHARK = hasTshark();
const ICE = new URL("../../tests/testdata/stun/ice.pcap", import.meta.url);
const DEMO = new URL("../../tests/testdata/demo.pcap", import.meta.url);

/** Feeds every top-level STUN Binding message (not the ones inside ChannelData) and reports other UDP as media. */
function analyse(datagrams: readonly Datagram[], pairs = new IcePairs()): IcePairs {
  for (const d of datagrams) {
    if (looksLikeStun(d.payload)) {
      const m = decodeStun(d.payload);
      if (!isFailure(m)) pairs.observeStun(m, d.src, d.dst, d.time);
    } else pairs.observeMedia(d.src, d.dst);
  }
  return pairs;
}

function byKey(snaps: IcePairSnapshot[]): Map<string, IcePairSnapshot> {
  return new Map(snaps.map((s) => [`${s.local} > ${s.remote}`, s]));
}

Deno.test("IcePairs derives states from checks, responses, nominations, timeouts and media", () => {
  const pairs = new IcePairs({ timeoutMs: 500 });
  const A = "10.0.0.1:5000", B = "10.0.0.2:6000", C = "10.0.0.3:7000";
  const req = (id: string, useCandidate = false) => ({ class: "request" as const, transactionId: id, useCandidate });
  pairs.observe({ ...req("n1", true), role: "controlling" }, A, B, 0);
  pairs.observe({ ...req("n1", true), role: "controlling" }, A, B, 0.1); // retransmission
  pairs.observe(req("c1"), A, C, 0.1);
  pairs.observe({ class: "success", transactionId: "n1", useCandidate: false }, B, A, 0.15);
  pairs.observe({ class: "error", transactionId: "x9", useCandidate: false, errorCode: 487 }, C, A, 0.2); // unmatched
  let s = byKey(pairs.snapshot());
  strictEqual(s.get(`${A} > ${B}`)!.state, "nominated");
  strictEqual(s.get(`${A} > ${B}`)!.retransmissions, 1);
  strictEqual(s.get(`${A} > ${B}`)!.rttSamples, 0); // Karn: retransmitted, so no RTT
  strictEqual(s.get(`${A} > ${C}`)!.state, "in-progress"); // an error, but c1 still outstanding
  pairs.expire(0.61); // c1 last sent at 0.1 → 0.51 s without a response
  s = byKey(pairs.snapshot());
  const ac = s.get(`${A} > ${C}`)!;
  strictEqual(ac.state, "failed");
  strictEqual(ac.timeouts, 1);
  strictEqual(ac.failures, 2);
  deepStrictEqual(ac.errorCodes, [487]);
  strictEqual(ac.unmatchedResponses, 1);
  pairs.observeMedia(B, A);
  strictEqual(byKey(pairs.snapshot()).get(`${A} > ${B}`)!.state, "sending-media");
  pairs.observe(req("s1"), C, A, 1);
  pairs.observe({ class: "success", transactionId: "s1", useCandidate: false }, A, C, 1.002);
  const ca = byKey(pairs.snapshot()).get(`${C} > ${A}`)!;
  strictEqual(ca.state, "succeeded");
  strictEqual(ca.meanRttMs!.toFixed(3), "2.000");
});

Deno.test("IcePairs stays within maxPairs and maxOutstanding and counts the rest", () => {
  const pairs = new IcePairs({ maxPairs: 1, maxOutstanding: 2 });
  const req = (id: string) => ({ class: "request" as const, transactionId: id, useCandidate: false });
  for (const id of ["1", "2", "3"]) pairs.observe(req(id), "a:1", "b:2", 0);
  pairs.observe(req("4"), "a:1", "c:3", 0);
  strictEqual(pairs.droppedPairs, 1);
  strictEqual(pairs.evictedTransactions, 1);
  strictEqual(pairs.snapshot()[0]!.outstanding, 2);
  pairs.observe({ class: "success", transactionId: "1", useCandidate: false }, "b:2", "a:1", 0.01);
  strictEqual(pairs.snapshot()[0]!.unmatchedResponses, 1); // "1" was evicted
});

Deno.test("IcePairs on aioice's checks in ice.pcap agrees with tshark's counts and stun.time", {
  ignore: !TSHARK,
}, async () => {
  const datagrams = await udpDatagrams(ICE);
  const pairs = analyse(datagrams);
  const end = datagrams.at(-1)!.time;
  pairs.expire(end + 10); // end of capture: whatever is left has timed out
  const s = byKey(pairs.snapshot());
  const a4 = "198.51.100.1:44485", b4 = "198.51.100.1:49280", turn = "198.51.100.10:3478";
  const a6 = "[2001:db8::1]:56379", b6 = "[2001:db8::1]:43464";
  const aRelayed = "198.51.100.1:37484", relay = "198.51.100.10:49182";

  // Session 1: a (controlling) nominates with USE-CANDIDATE; b (controlled) checks back; 18 bytes of data after.
  const ab = s.get(`${a4} > ${b4}`)!;
  strictEqual(ab.state, "sending-media");
  deepStrictEqual(ab.roles, ["controlling"]);
  strictEqual(ab.nominations, 1);
  strictEqual(ab.nominationSuccesses, 1);
  strictEqual(ab.mediaPackets, 1);
  ok(ab.localUfrag !== null && ab.remoteUfrag !== null);
  const ba = s.get(`${b4} > ${a4}`)!;
  deepStrictEqual(ba.roles, ["controlled"]);
  strictEqual(ba.nominations, 0);
  strictEqual(ba.state, "sending-media"); // media flows on the 5-tuple; b's own check succeeded, not nominated
  strictEqual(ba.nominationSuccesses, 0);
  // Server-reflexive gathering: a plain Binding to coturn, no ICE attributes.
  const gather = s.get(`${a4} > ${turn}`)!;
  strictEqual(gather.connectivityChecks, 0);
  strictEqual(gather.state, "succeeded");
  // Session 2: IPv6.
  strictEqual(s.get(`${a6} > ${b6}`)!.state, "sending-media");
  strictEqual(s.get(`${b6} > ${a6}`)!.state, "sending-media");
  // Session 3: a's check to b's relayed candidate is retransmitted (frames 19, 27) and answered (30);
  // b's check from the relay (43321 > relay) is never answered.
  const viaRelay = s.get(`${aRelayed} > ${relay}`)!;
  strictEqual(viaRelay.requests, 2);
  strictEqual(viaRelay.retransmissions, 1);
  strictEqual(viaRelay.successes, 1);
  strictEqual(viaRelay.rttSamples, 0);
  strictEqual(viaRelay.state, "sending-media"); // frame 32: the relay forwards data to a
  const unanswered = s.get(`198.51.100.10:43321 > ${relay}`)!;
  strictEqual(unanswered.timeouts, 1);
  strictEqual(unanswered.state, "failed");

  // tshark: Binding requests / success responses per direction, and stun.time for every answered transaction.
  const rows = await tsharkFields(ICE.pathname, [
    "ip.src",
    "ipv6.src",
    "udp.srcport",
    "ip.dst",
    "ipv6.dst",
    "udp.dstport",
    "stun.type",
    "stun.time",
    "stun.response-to",
  ], ["-Y", "stun.type.method == 0x001"]);
  const addr = (v4: string, v6: string, port: string) => v4 !== "" ? `${v4}:${port}` : `[${v6}]:${port}`;
  const tsharkRequests = new Map<string, number>();
  const tsharkSuccesses = new Map<string, number>();
  const tsharkTimes = new Map<string, number[]>();
  for (const r of rows) {
    const src = addr(r[0]!, r[1]!, r[2]!), dst = addr(r[3]!, r[4]!, r[5]!);
    if (r[6] === "0x0001") tsharkRequests.set(`${src} > ${dst}`, (tsharkRequests.get(`${src} > ${dst}`) ?? 0) + 1);
    if (r[6] === "0x0101") {
      const key = `${dst} > ${src}`;
      tsharkSuccesses.set(key, (tsharkSuccesses.get(key) ?? 0) + 1);
      tsharkTimes.set(key, [...(tsharkTimes.get(key) ?? []), Number(r[7]) * 1000]);
    }
  }
  // Our pairs hold every top-level Binding; tshark also sees none inside ChannelData, so the counts must match.
  const ours = [...s.values()];
  deepStrictEqual(
    new Map(ours.filter((p) => p.requests > 0).map((p) => [`${p.local} > ${p.remote}`, p.requests])),
    tsharkRequests,
  );
  deepStrictEqual(
    new Map(ours.filter((p) => p.successes > 0).map((p) => [`${p.local} > ${p.remote}`, p.successes])),
    tsharkSuccesses,
  );
  let compared = 0;
  for (const p of ours) {
    const times = tsharkTimes.get(`${p.local} > ${p.remote}`);
    if (times === undefined) continue;
    if (p.retransmissions > 0) {
      // tshark times from the first transmission (502 ms here); Karn's rule gives us no sample.
      strictEqual(p.rttSamples, 0);
      ok(times[0]! > 500);
      continue;
    }
    strictEqual(p.rttSamples, times.length);
    // One sample per pair here, so min = mean = max = stun.time (capture times are in µs: agree within 1 µs).
    ok(Math.abs(p.meanRttMs! - times[0]!) < 0.001, `${p.local} > ${p.remote}: ${p.meanRttMs} vs ${times[0]}`);
    ok(Math.abs(p.minRttMs! - p.maxRttMs!) < 1e-9);
    compared++;
  }
  strictEqual(compared, 7); // frames 3, 4, 7, 8, 12, 13, 24 (30 answers the retransmitted 19/27)
});

Deno.test("IcePairs on demo.pcap's Bindings to coturn matches tshark's stun.time", { ignore: !TSHARK }, async () => {
  const snaps = analyse(await udpDatagrams(DEMO)).snapshot();
  const rows = await tsharkFields(DEMO.pathname, ["udp.dstport", "stun.time"], ["-Y", "stun.type == 0x0101"]);
  strictEqual(snaps.length, 2); // frames 119/120 and 1797/1798
  strictEqual(rows.length, 2);
  for (const [i, p] of snaps.entries()) {
    strictEqual(p.remote, "127.0.0.1:3478");
    strictEqual(p.local, `127.0.0.1:${rows[i]![0]}`);
    strictEqual(p.requests, 1);
    strictEqual(p.successes, 1);
    strictEqual(p.state, "succeeded");
    ok(Math.abs(p.meanRttMs! - Number(rows[i]![1]) * 1000) < 0.001);
  }
});
