import { deepStrictEqual, ok, strictEqual, throws } from "node:assert/strict";
import { RtpStreamStats, staticPayloadClockRate } from "./rtp_stream.ts";
import {
  type AnalysedStream,
  analysePcap,
  hasTshark,
  loadRtpCapture,
  type RtpCapture,
  type RtpPacket,
  runTsharkRtpStreams,
  seededRandom,
  seqOf,
  setPayloadType,
  setSsrc,
  setTimestamp,
  timestampOf,
  toPcap,
  type TsharkStreamRow,
  withSdpSignalling,
} from "./_rtp_capture.ts";
import {
  chain,
  clearMarkers,
  delayJitter,
  delaySpike,
  dropBurst,
  dropRandom,
  duplicateRandom,
  type Impairment,
  lateDuplicates,
  move,
  payloadTypeRun,
  renumber,
  retimestamp,
  seqJump,
  setMarkersRandom,
  swapNeighbours,
  unimpaired,
} from "./_impair.ts";

// ---------------------------------------------------------------------------------------------------------------------
// Synthetic streams: one behaviour per row

/**
 * `[seq, timestamp, arrival ms, payload type?, marker?]`. Arrivals start at 0 rather than at a Unix time, where a double
 * only resolves 0.24 µs, so that exact expectations hold.
 */
type P = [number, number, number, number?, boolean?];

function run(packets: readonly P[], clockRate: number | null = 8000): RtpStreamStats {
  const stats = new RtpStreamStats(clockRate);
  for (const [seq, ts, ms, pt = 0, m = false] of packets) stats.observe(seq, ts, ms / 1000, pt, m, 200, 160);
  return stats;
}

/** A regular 20 ms G.711 stream: n packets from `seq`, timestamps from `ts`, arrivals `ms` apart. */
function regular(n: number, seq = 1000, ts = 80_000, ms = 20): P[] {
  return Array.from({ length: n }, (_, i): P => [(seq + i) & 0xffff, (ts + 160 * i) >>> 0, i * ms]);
}

const sequenceCases: { name: string; packets: P[]; want: Record<string, number> }[] = [
  {
    name: "counts an unimpaired stream",
    packets: regular(5),
    want: { packets: 5, expected: 5, lost: 0, duplicates: 0, outOfOrder: 0, firstSeq: 1000, lastSeq: 1004 },
  },
  {
    name: "counts a gap as lost",
    packets: [[1, 160, 0], [2, 320, 20], [5, 800, 80], [6, 960, 100]],
    want: { expected: 6, lost: 2, cumulativeLost: 2, sequenceErrors: 1, outOfOrder: 0 },
  },
  {
    name: "extends sequence numbers over the wrap",
    packets: regular(10, 65530),
    want: { expected: 10, lost: 0, seqCycles: 1, firstSeq: 65530, lastSeq: 65539, sequenceErrors: 0 },
  },
  {
    name: "counts a loss across the wrap once",
    packets: [[65534, 0, 0], [65535, 160, 20], [1, 480, 60], [2, 640, 80]],
    want: { expected: 5, lost: 1, seqCycles: 1, lastSeq: 65538, sequenceErrors: 1 },
  },
  {
    name: "counts a duplicate of the highest packet and keeps lost at 0",
    packets: [[1, 160, 0], [2, 320, 20], [2, 320, 20.1], [3, 480, 40]],
    want: { packets: 4, expected: 3, lost: 0, cumulativeLost: -1, duplicates: 1, uniquePackets: 3 },
  },
  {
    name: "counts a late duplicate inside the 100-packet window",
    packets: [...regular(50, 1), [10, 80_000 + 160 * 9, 1000]],
    want: { duplicates: 1, outOfOrder: 0, lost: 0, cumulativeLost: -1 },
  },
  {
    name: "counts a swapped pair as one late packet and two sequence errors",
    packets: [[1, 160, 0], [3, 480, 40], [2, 320, 41], [4, 640, 60]],
    want: { expected: 4, lost: 0, outOfOrder: 1, duplicates: 0, sequenceErrors: 2 },
  },
  {
    name: "lowers the first sequence number when an earlier packet comes late",
    packets: [[10, 1600, 0], [11, 1760, 20], [9, 1440, 21], [12, 1920, 40]],
    want: { firstSeq: 9, expected: 4, lost: 0, outOfOrder: 1, wrongTimestamps: 1 },
  },
  {
    name: "treats a lone jump of 3000 or more as a stray (RFC 3550 A.1)",
    packets: [[1, 160, 0], [2, 320, 20], [9000, 480, 40], [3, 480, 41], [4, 640, 60]],
    want: { packets: 5, expected: 4, lost: 0, outOfWindow: 1, seqRestarts: 0 },
  },
  {
    name: "restarts the sequence after two sequential packets past a jump (RFC 3550 A.1)",
    packets: [[1, 160, 0], [2, 320, 20], [9000, 480, 40], [9001, 640, 60], [9003, 960, 100]],
    want: { expected: 2 + 4, lost: 1, outOfWindow: 0, seqRestarts: 1, firstSeq: 9000, lastSeq: 9003 },
  },
  {
    name: "treats a packet more than 100 behind as a stray",
    packets: [...regular(200, 1), [50, 50 * 160, 4000]],
    want: { packets: 201, expected: 200, lost: 0, outOfWindow: 1, duplicates: 0, outOfOrder: 0 },
  },
];

for (const c of sequenceCases) {
  Deno.test(`RtpStreamStats ${c.name}`, () => {
    const s = run(c.packets).snapshot();
    const got = Object.fromEntries(Object.keys(c.want).map((k) => [k, s[k as keyof typeof s]]));
    deepStrictEqual(got, c.want);
    strictEqual(s.lost + s.uniquePackets, s.expected);
    strictEqual(s.uniquePackets + s.duplicates + s.outOfWindow, s.packets);
  });
}

Deno.test("RtpStreamStats reports null figures before a second packet", () => {
  const s = run([[7, 0, 0]]).snapshot();
  deepStrictEqual(
    [s.packets, s.expected, s.minDeltaMs, s.maxJitterMs, s.jitterMs, s.ipBitrateKbps, s.packetRate, s.problems],
    [1, 1, null, null, 0, null, null, false],
  );
  deepStrictEqual(new RtpStreamStats(null).snapshot().payloadTypes, []);
});

Deno.test("RtpStreamStats computes RFC 3550 jitter in timestamp units and reports ms", () => {
  // arrivals 0, 20, 45, 60 ms for 20 ms of timestamps each: |D| = 0, 5, 5 ms
  const s = run([[1, 0, 0], [2, 160, 20], [3, 320, 45], [4, 480, 60]]).snapshot();
  const j2 = 0, j3 = j2 + (5 - j2) / 16, j4 = j3 + (5 - j3) / 16;
  ok(Math.abs(s.jitterMs! - j4) < 1e-9);
  ok(Math.abs(s.maxJitterMs! - j4) < 1e-9);
  strictEqual(s.minJitterMs, 0);
  ok(Math.abs(s.meanJitterMs! - (j2 + j3 + j4) / 3) < 1e-9);
  deepStrictEqual([s.minDeltaMs, s.maxDeltaMs].map((x) => x!.toFixed(6)), ["15.000000", "25.000000"]);
  ok(Math.abs(s.meanDeltaMs! - 20) < 1e-9);
});

Deno.test("RtpStreamStats leaves marker, comfort-noise and wrong-timestamp packets out of min/mean/max", () => {
  const base = regular(6);
  base[2] = [1002, 80_320, 50, 0, true]; // marker: its 30 ms delta is not a maximum
  const s = run(base).snapshot();
  deepStrictEqual([s.minDeltaMs!.toFixed(3), s.maxDeltaMs!.toFixed(3), s.markers], ["10.000", "20.000", 1]);
  // tshark's running mean counts the left-out packet as the mean so far: deltas 20, (20), 10, 20, 20 over 5
  strictEqual(s.meanDeltaMs!.toFixed(3), "18.000");
  const cn = regular(6);
  cn[2] = [1002, 80_320, 40, 13]; // comfort noise, then the packet after it, are not regular
  cn[3] = [1003, 80_480, 100];
  strictEqual(run(cn).snapshot().maxDeltaMs!.toFixed(3), "20.000");
  deepStrictEqual(run(cn).snapshot().payloadTypes, [0, 13]);
  const late = [...regular(3), [999, 80_000 - 160, 50] as P, [1003, 80_480, 70] as P];
  const l = run(late).snapshot();
  // the packet after it is measured against the last in-time packet: 70 − 40 ms
  deepStrictEqual([l.wrongTimestamps, l.problems, l.maxDeltaMs!.toFixed(3)], [1, true, "30.000"]);
});

Deno.test("RtpStreamStats keeps min and max delta right when capture timestamps step back", () => {
  const s = run([[1, 0, 100], [2, 160, 90], [3, 320, 95]]).snapshot();
  deepStrictEqual([s.minDeltaMs!.toFixed(3), s.maxDeltaMs!.toFixed(3)], ["-10.000", "5.000"]);
});

Deno.test("RtpStreamStats handles the 32-bit RTP timestamp wrap", () => {
  const s = run(regular(20, 1, 4294967296 - 160 * 5)).snapshot();
  deepStrictEqual([s.wrongTimestamps, s.problems], [0, false]);
  ok(s.maxJitterMs! < 1e-9);
  ok(Math.abs(s.timestampRateHz! - 8000) < 1e-6);
});

Deno.test("RtpStreamStats measures sender clock drift in ppm and ms", () => {
  // the sender's clock runs 100 ppm fast: 160 ticks every 19.998 ms of receiver time
  const packets = Array.from({ length: 3001 }, (_, i): P => [i & 0xffff, 160 * i, i * 20 / 1.0001]);
  const s = run(packets).snapshot();
  ok(Math.abs(s.clockDriftPpm! - 100) < 1e-3, `${s.clockDriftPpm}`);
  ok(Math.abs(s.clockDriftMs! - 100e-6 * 60000 / 1.0001) < 1e-3, `${s.clockDriftMs}`);
  ok(Math.abs(s.maxSkewMs! - 60000 * (1 - 1 / 1.0001)) < 1e-6, `${s.maxSkewMs}`);
});

Deno.test("RtpStreamStats reports bitrates, packet rate and payload types", () => {
  const s = run([...regular(51).slice(0, 50), [1050, 80_000 + 160 * 50, 1000, 8]]).snapshot();
  deepStrictEqual([s.durationS, s.packetRate, s.ipBitrateKbps, s.payloadBitrateKbps], [1, 51, 81.6, 65.28]);
  deepStrictEqual(s.payloadTypes, [0, 8]);
});

Deno.test("RtpStreamStats.setClockRate() starts jitter again and keeps the rest", () => {
  const packets = regular(10).map(([seq, ts, ms], i): P => [seq, ts, ms + (i % 2) * 3]);
  const unknown = new RtpStreamStats(null);
  const known = new RtpStreamStats(8000);
  packets.slice(0, 6).forEach(([seq, ts, ms]) => unknown.observe(seq, ts, ms / 1000, 0, false, 200, 160));
  packets.forEach(([seq, ts, ms]) => known.observe(seq, ts, ms / 1000, 0, false, 200, 160));
  strictEqual(unknown.snapshot().maxJitterMs, null);
  strictEqual(unknown.snapshot().clockDriftPpm, null);
  unknown.setClockRate(8000);
  ok(unknown.snapshot().clockDriftPpm !== null, "drift is known at once");
  unknown.setClockRate(8000); // same rate: no reset
  packets.slice(6).forEach(([seq, ts, ms]) => unknown.observe(seq, ts, ms / 1000, 0, false, 200, 160));
  const a = unknown.snapshot(), b = known.snapshot();
  deepStrictEqual([a.lost, a.maxDeltaMs, a.meanDeltaMs, a.clockDriftPpm], [
    b.lost,
    b.maxDeltaMs,
    b.meanDeltaMs,
    b.clockDriftPpm,
  ]);
  ok(a.maxJitterMs! < b.maxJitterMs!, "jitter started from 0 at packet 7");
  throws(() => unknown.setClockRate(0), RangeError);
  throws(() => new RtpStreamStats(Number.NaN), RangeError);
});

Deno.test("staticPayloadClockRate() follows RFC 3551 tables 4 and 5", () => {
  deepStrictEqual([0, 8, 9, 10, 13, 14, 26, 33, 34, 35, 96, 127].map(staticPayloadClockRate), [
    8000,
    8000,
    8000,
    44100,
    8000,
    90000,
    90000,
    90000,
    90000,
    null,
    null,
    null,
  ]);
});

// ---------------------------------------------------------------------------------------------------------------------
// Property: random impairments of a real capture against the ground truth of what was sent and what arrived

Deno.test("RtpStreamStats keeps lost + unique = expected under seeded random impairments", async () => {
  const capture = await loadRtpCapture(new URL("../../tests/testdata/rtp-analysis/pcmu.pcap", import.meta.url), [5010]);
  const sent = capture.packets.map((p) => ({ seq: seqOf(p), ts: timestampOf(p) }));
  for (let seed = 1; seed <= 300; seed++) {
    const random = seededRandom(seed * 7919);
    const firstSeq = Math.floor(random() * 65536);
    // each sent packet: dropped, or received 1–3 times at a position shuffled by at most 40 places
    const arrivals: { i: number; at: number }[] = [];
    sent.forEach((_, i) => {
      if (random() < 0.1) return;
      const copies = random() < 0.05 ? 2 + Math.floor(random() * 2) : 1;
      for (let c = 0; c < copies; c++) arrivals.push({ i, at: i + (random() < 0.2 ? random() * 40 : 0) + c * 0.01 });
    });
    arrivals.sort((a, b) => a.at - b.at);
    const stats = new RtpStreamStats(8000);
    arrivals.forEach(({ i }, k) =>
      stats.observe((firstSeq + i) & 0xffff, sent[i]!.ts, 1_700_000_000 + k * 0.02, 0, false, 200, 160)
    );
    const s = stats.snapshot();
    const indices = arrivals.map((a) => a.i);
    const distinct = new Set(indices);
    const truthExpected = Math.max(...indices) - Math.min(...indices) + 1;
    const where = `seed ${seed}`;
    strictEqual(s.lost + s.uniquePackets, s.expected, where);
    strictEqual(s.expected, truthExpected, where);
    strictEqual(s.uniquePackets, distinct.size, where);
    strictEqual(s.lost, truthExpected - distinct.size, where);
    strictEqual(s.duplicates, arrivals.length - distinct.size, where);
    strictEqual(s.packets, arrivals.length, where);
    strictEqual(s.outOfWindow, 0, where);
    strictEqual(s.cumulativeLost, s.lost - s.duplicates, where);
  }
});

// ---------------------------------------------------------------------------------------------------------------------
// Real captures, impaired, against tshark

interface Row {
  name: string;
  impair: Impairment;
  /**
   * tshark's expected count minus ours where tshark miscounts (see RTP_METRICS.md), beyond the difference every row
   * gets: tshark's expected ends at the last packet in capture order, ours at the highest sequence number.
   */
  tsharkExpectedExtra?: number;
  /** Impair the capture as recorded, without the fixture's `base` step. */
  raw?: boolean;
}

interface Fixture {
  file: string;
  port: number;
  payloadType: number;
  /** SDP rtpmap for a dynamic payload type; tshark needs it to know the clock rate. */
  rtpmap?: string;
  clockRate: number;
  /** Applied before every row (ffmpeg sets M on every Opus packet, which leaves tshark nothing to measure). */
  base?: Impairment;
  rows: Row[];
}

function commonRows(n: number, firstLateExtra = -1): Row[] {
  return [
    { name: "as captured", impair: unimpaired },
    { name: "5 % random loss", impair: dropRandom(0.05) },
    { name: "burst loss of 12 packets", impair: dropBurst(60, 12) },
    { name: "3 % duplicates", impair: duplicateRandom(0.03) },
    { name: "5 late duplicates 10 packets later", impair: lateDuplicates(40, 5, 10) },
    { name: "4 swapped neighbours", impair: swapNeighbours(4) },
    { name: "one packet 7 places late", impair: move(50, 7) },
    { name: "one packet 30 places early", impair: move(120, -30) },
    // from packet 10 on: a late first packet is its own row
    { name: "random delay 0-30 ms (reorders)", impair: delayJitter(30, 10) },
    { name: "200 ms stall then burst", impair: delaySpike(80, 200) },
    { name: "sequence wrap", impair: renumber(65500) },
    { name: "sequence wrap with 3 lost at the wrap", impair: chain(renumber(65500), dropBurst(34, 3)) },
    {
      // 65533 arrives after 1: tshark counts the wrap twice (its "under" flag resets on the late packet)
      name: "sequence wrap with a packet from before the wrap arriving after it",
      impair: chain(renumber(65500), dropBurst(34, 3), move(33, 1)),
      tsharkExpectedExtra: 65536,
    },
    { name: "RTP timestamp wrap", impair: retimestamp(4294967296 - 1000) },
    {
      name: "loss, duplicates, swaps and delay together",
      impair: chain(dropRandom(0.03), duplicateRandom(0.03), swapNeighbours(3), delayJitter(10, 10)),
    },
    { name: "first packet 3 places late", impair: move(0, 3), tsharkExpectedExtra: firstLateExtra },
    { name: "highest packet 3 places early", impair: move(n - 1, -3) },
    { name: "sequence restart (jump of 10000)", impair: seqJump(100, 10000), tsharkExpectedExtra: 10000 },
  ];
}

const FIXTURES: Fixture[] = [
  {
    file: "pcmu.pcap",
    port: 5010,
    payloadType: 0,
    clockRate: 8000,
    rows: [
      ...commonRows(200),
      { name: "10 % random markers", impair: setMarkersRandom(0.1) },
      { name: "switch to PCMA for 50 packets", impair: payloadTypeRun(100, 50, 8) },
      { name: "comfort noise for 10 packets", impair: payloadTypeRun(100, 10, 13) },
    ],
  },
  {
    file: "opus.pcap",
    port: 5012,
    payloadType: 111,
    rtpmap: "opus/48000/2",
    clockRate: 48000,
    base: clearMarkers,
    rows: [...commonRows(201), { name: "M on every packet, as ffmpeg sends it", impair: unimpaired, raw: true }],
  },
  {
    file: "h264.pcap",
    port: 5014,
    payloadType: 96,
    rtpmap: "H264/90000",
    clockRate: 90000,
    // its first frame's packets share one timestamp, so tshark takes the late first packet for a sequence wrap
    rows: commonRows(195, 65536 - 1),
  },
];

const DELTA_TOLERANCE_MS = 0.01;
/** Relative jitter tolerance; tshark prints 3 decimals, so 0.0005 ms of rounding is allowed as well. */
const JITTER_TOLERANCE = 0.01;
const PRINT_ROUNDING_MS = 0.0005 + 1e-9;

/** Largest disagreement seen per figure, for the report (`NETPIX_RTP_REPORT=1`). */
const worst: Record<string, number> = {};
/** How many compared figures print the same as tshark's (3 decimals, 6 for times), per time base. */
const printed = { epoch: { same: 0, total: 0 }, capture: { same: 0, total: 0 } };
function within(name: string, figure: string, ours: number, theirs: number, tolerance: number, exact: boolean): void {
  const diff = Math.abs(ours - theirs);
  const key = exact ? `${figure}, capture time base` : figure;
  worst[key] = Math.max(worst[key] ?? 0, diff);
  const digits = figure.endsWith("(s)") ? 6 : 3;
  const count = exact ? printed.capture : printed.epoch;
  count.total++;
  if (ours.toFixed(digits) === theirs.toFixed(digits)) count.same++;
  ok(diff <= tolerance, `${name}: ${figure} ours ${ours} vs tshark ${theirs} (diff ${diff} > ${tolerance})`);
}

/**
 * @param lastSeq Sequence number of the stream's last packet in capture order.
 * @param extra See {@linkcode Row.tsharkExpectedExtra}.
 */
function compare(
  name: string,
  ours: AnalysedStream,
  theirs: TsharkStreamRow,
  lastSeq: number,
  extra: number,
  exact = false,
): void {
  const s = ours.snapshot;
  // exact: arrivals counted from the capture's first second, as tshark does; only tshark's printing rounds then
  const deltaTolerance = exact ? PRINT_ROUNDING_MS : DELTA_TOLERANCE_MS;
  const timeTolerance = exact ? 0.5e-6 + 1e-9 : 1e-6;
  const jitterTolerance = (b: number) =>
    exact ? PRINT_ROUNDING_MS : Math.max(JITTER_TOLERANCE * Math.abs(b), PRINT_ROUNDING_MS);
  name = exact ? `${name} (capture time base)` : name;
  strictEqual(s.packets, theirs.packets, `${name}: packets`);
  const short = (s.lastSeq - lastSeq) & 0xffff; // tshark stops counting at the last packet, not the highest
  strictEqual(
    s.cumulativeLost - short + extra,
    theirs.lost,
    `${name}: tshark Lost = cumulativeLost − ${short} + ${extra}`,
  );
  strictEqual(s.lost, s.cumulativeLost + s.duplicates + s.outOfWindow, `${name}: lost vs cumulativeLost`);
  strictEqual(s.problems, theirs.problems, `${name}: Problems?`);
  within(name, "start time (s)", ours.startS, theirs.startS, timeTolerance, exact);
  within(name, "end time (s)", ours.endS, theirs.endS, timeTolerance, exact);
  if (theirs.minDeltaMs === -1) {
    deepStrictEqual([s.minDeltaMs, s.meanDeltaMs, s.maxDeltaMs], [null, null, null], `${name}: no regular packet`);
  } else {
    within(name, "min delta (ms)", s.minDeltaMs!, theirs.minDeltaMs, deltaTolerance, exact);
    within(name, "mean delta (ms)", s.meanDeltaMs!, theirs.meanDeltaMs, deltaTolerance, exact);
    within(name, "max delta (ms)", s.maxDeltaMs!, theirs.maxDeltaMs, deltaTolerance, exact);
  }
  if (theirs.minJitterMs === -1) {
    deepStrictEqual([s.minJitterMs, s.meanJitterMs, s.maxJitterMs], [null, null, null], `${name}: no jitter`);
  } else {
    for (
      const [figure, a, b] of [
        ["min jitter (ms)", s.minJitterMs!, theirs.minJitterMs],
        ["mean jitter (ms)", s.meanJitterMs!, theirs.meanJitterMs],
        ["max jitter (ms)", s.maxJitterMs!, theirs.maxJitterMs],
      ] as const
    ) {
      within(name, figure, a, b, jitterTolerance(b), exact);
      const key = `${figure} relative${exact ? ", capture time base" : ""}`;
      worst[key] = Math.max(worst[key] ?? 0, b > 0.05 ? Math.abs(a - b) / b : 0);
    }
  }
}

const ROW_SSRC_BASE = 0x4e500000;

for (const fx of FIXTURES) {
  Deno.test({
    name: `RtpStreamStats agrees with tshark -z rtp,streams on impaired copies of ${fx.file}`,
    ignore: !hasTshark(),
    async fn(t) {
      const capture = await loadRtpCapture(
        new URL(`../../tests/testdata/rtp-analysis/${fx.file}`, import.meta.url),
        [fx.port],
      );
      const base = fx.base ? fx.base(capture.packets, { random: seededRandom(1), nanosecond: false }) : capture.packets;
      // every row becomes its own stream (SSRC = base + row) in one file, so tshark runs once per fixture
      const merged: RtpPacket[] = [];
      const lastSeqs: number[] = [];
      fx.rows.forEach((row, i) => {
        const input = row.raw ? capture.packets : base;
        const packets = row.impair(input, { random: seededRandom(0x5eed + i), nanosecond: capture.header.nanosecond });
        for (const p of packets) setSsrc(p, ROW_SSRC_BASE + i);
        merged.push(...packets);
        lastSeqs.push(seqOf(packets[packets.length - 1]!));
      });
      let file: RtpCapture = { header: capture.header, packets: merged };
      if (fx.rtpmap) file = withSdpSignalling(file, fx.port, fx.payloadType, fx.rtpmap);
      const bytes = toPcap(file);
      const theirs = await runTsharkRtpStreams(bytes, fx.rtpmap ? [] : [fx.port]);
      const ours = analysePcap(bytes, [fx.port], () => fx.clockRate);
      const oursExact = analysePcap(bytes, [fx.port], () => fx.clockRate, "capture");
      strictEqual(ours.length, fx.rows.length, "our stream count");
      strictEqual(theirs.length, fx.rows.length, "tshark's stream count");
      for (const [i, row] of fx.rows.entries()) {
        await t.step(row.name, () => {
          const ssrc = ROW_SSRC_BASE + i;
          const a = ours.find((s) => s.key.ssrc === ssrc);
          const exact = oursExact.find((s) => s.key.ssrc === ssrc);
          const b = theirs.find((s) => s.ssrc === ssrc);
          ok(a && exact && b, `${row.name}: stream 0x${ssrc.toString(16)} missing`);
          compare(`${fx.file} ${row.name}`, a, b, lastSeqs[i]!, row.tsharkExpectedExtra ?? 0);
          compare(`${fx.file} ${row.name}`, exact, b, lastSeqs[i]!, row.tsharkExpectedExtra ?? 0, true);
        });
      }
    },
  });
}

Deno.test({
  name: "RtpStreamStats agrees with tshark on tests/testdata/demo.pcap (dynamic PTs, no SDP: delta only)",
  ignore: !hasTshark(),
  async fn() {
    const bytes = await Deno.readFile(new URL("../../tests/testdata/demo.pcap", import.meta.url));
    const theirs = await runTsharkRtpStreams(bytes, [5004, 5006]);
    for (const origin of ["epoch", "capture"] as const) {
      const ours = analysePcap(bytes, [5004, 5006], () => null, origin);
      strictEqual(ours.length, 2);
      strictEqual(theirs.length, 2);
      for (const b of theirs) {
        const a = ours.find((s) => s.key.ssrc === b.ssrc && s.key.src === b.src && s.key.dst === b.dst);
        ok(a, `stream 0x${b.ssrc.toString(16)}`);
        compare(`demo.pcap 0x${b.ssrc.toString(16)}`, a, b, a.snapshot.lastSeq & 0xffff, 0, origin === "capture");
        strictEqual(a.snapshot.maxJitterMs, null);
      }
    }
  },
});

Deno.test({
  name: "RtpStreamStats agreement report (set NETPIX_RTP_REPORT=1 to print the largest differences)",
  fn() {
    if (Deno.env.get("NETPIX_RTP_REPORT")) console.log({ worst, printed });
  },
});

// ---------------------------------------------------------------------------------------------------------------------
// Allocation: a child V8 with --trace-gc must not collect garbage while observe() runs a million times

Deno.test("RtpStreamStats.observe() allocates nothing (no GC in 1M calls under --trace-gc)", async () => {
  // Arguments stay in V8's small-integer range: a double or an integer ≥ 2^30 passed to a function that is not inlined
  // is boxed by the caller, which would be counted here although observe() itself allocates nothing (see README.md).
  const script = `
    import { RtpStreamStats } from ${JSON.stringify(new URL("./rtp_stream.ts", import.meta.url).href)};
    const run = (stats, from, count) => {
      for (let i = from; i < from + count; i++) {
        const seq = i % 50 === 7 ? i + 3 : i % 97 === 0 ? i - 2 : i; // gaps, late packets and duplicates
        const pt = i % 40 === 0 ? 13 : 0;
        stats.observe(seq & 0xffff, (i * 160) & 0x3fffffff, i * 20 + (i % 7), pt, i % 31 === 0, 200, 160);
      }
    };
    const stats = new RtpStreamStats(8000);
    run(stats, 0, 300000);
    console.log("START");
    run(stats, 300000, 1000000);
    console.log("END");
    const s = stats.snapshot();
    if (!(s.duplicates > 0 && s.outOfOrder > 0 && s.lost > 0 && s.maxJitterMs > 0)) throw new Error("branches not run");
  `;
  const path = await Deno.makeTempFile({ suffix: ".js" });
  try {
    await Deno.writeTextFile(path, script);
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--no-config", "--allow-read", "--v8-flags=--trace-gc", path],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = new TextDecoder().decode(out.stdout);
    ok(out.success, new TextDecoder().decode(out.stderr));
    const during = text.slice(text.indexOf("START"), text.indexOf("END"));
    ok(text.includes("END"), text);
    deepStrictEqual(during.split("\n").filter((l) => /Scavenge|Mark-Compact|Mark-sweep/.test(l)), []);
  } finally {
    await Deno.remove(path);
  }
});

Deno.test({
  name: "RtpStreamStats uses the exact 44.1 kHz clock where tshark divides by 44 (L16, PT 11)",
  ignore: !hasTshark(),
  async fn() {
    // the real G.711 stream re-stamped at 44.1 kHz and labelled L16 mono: tshark converts ticks to ms with the integer
    // clock_rate / 1000, i.e. 44, so its jitter is exactly ours at 44000 Hz and not ours at 44100 Hz
    const capture = await loadRtpCapture(new URL("../../tests/testdata/rtp-analysis/pcmu.pcap", import.meta.url), [
      5010,
    ]);
    const first = timestampOf(capture.packets[0]!);
    for (const p of capture.packets) {
      setTimestamp(p, Math.round((timestampOf(p) - first) * 44100 / 8000));
      setPayloadType(p, 11);
    }
    const bytes = toPcap(capture);
    const [theirs] = await runTsharkRtpStreams(bytes, [5010]);
    const at = (hz: number) => analysePcap(bytes, [5010], () => hz, "capture")[0]!.snapshot;
    const exact = at(44100), integer = at(44000);
    ok(theirs);
    for (const [a, b] of [[integer.meanJitterMs!, theirs.meanJitterMs], [integer.maxJitterMs!, theirs.maxJitterMs]]) {
      ok(Math.abs(a! - b!) <= PRINT_ROUNDING_MS, `${a} vs ${b}`);
    }
    ok(Math.abs(exact.meanJitterMs! - theirs.meanJitterMs) > 0.01, "the 0.23 % clock error shows in the jitter");
  },
});

Deno.test("RtpStreamStats.jitterMs equals the snapshot's jitter after every packet", () => {
  const s = new RtpStreamStats(8000);
  strictEqual(s.jitterMs, null);
  const arrivals = [0, 0.021, 0.039, 0.062, 0.08, 0.1015];
  arrivals.forEach((t, i) => {
    s.observe(100 + i, 1000 + i * 160, t, 0, false, 200, 160);
    strictEqual(s.jitterMs, s.snapshot().jitterMs);
  });
  ok(s.jitterMs! > 0);
});
