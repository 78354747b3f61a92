/**
 * Tests of `mpegts_flow.ts` against tshark 4.0 on the real captures under tests/testdata/ and on impaired copies of
 * them: the continuity-counter drops (`mp2t.cc.drop`, with their skips) and the TS packets per PID must be identical;
 * the TR 101 290 counters must fire where each impairment says.
 *
 * @module
 */

import { deepStrictEqual, ok, strictEqual } from "node:assert/strict";
import { type MpegTsFlowSnapshot, MpegTsFlowStats, MpegTsFlowTable } from "./mpegts_flow.ts";
import { formatAddress, FrameDecoder } from "../protocols/frame.ts";
import { type PcapFile, readPcapFile } from "../../tests/_pcap_reader.ts";
import { writePcap } from "../../tests/_pcap_writer.ts";

const TESTDATA = new URL("../../tests/testdata/", import.meta.url);

/** A datagram of a capture: a private copy of the frame and where its TS packets are. */
interface Datagram {
  seconds: number;
  fraction: number;
  data: Uint8Array;
  ts: number;
  tsLength: number;
  key: string;
}

interface Capture {
  file: string;
  port: number;
  rtp: boolean;
  pcap: PcapFile;
  datagrams: Datagram[];
}

async function load(file: string, port: number, rtp: boolean): Promise<Capture> {
  const pcap = await readPcapFile(new URL(file, TESTDATA));
  const d = new FrameDecoder();
  const datagrams: Datagram[] = [];
  for (const rec of pcap.records) {
    d.decode(rec.data, pcap.linkType, rec.originalLength);
    if (d.transport !== 17 || d.dstPort !== port || d.ipVersion === 0) continue;
    let ts = d.payloadOffset;
    let tsLength = d.payloadLength;
    if (rtp) { // RFC 3550 §5.1 fixed header + CSRCs (no extension in these captures)
      const header = 12 + 4 * (rec.data[ts]! & 0x0f);
      ts += header;
      tsLength -= header;
    }
    const key = `${formatAddress(rec.data, d.srcAddrOffset, d.ipVersion)}:${d.srcPort} → ${
      formatAddress(rec.data, d.dstAddrOffset, d.ipVersion)
    }:${d.dstPort}`;
    datagrams.push({
      seconds: rec.timestampSeconds,
      fraction: rec.timestampFraction,
      data: rec.data.slice(),
      ts,
      tsLength,
      key,
    });
  }
  return { file, port, rtp, pcap, datagrams };
}

function analyse(c: Capture, datagrams: readonly Datagram[]): MpegTsFlowSnapshot {
  const table = new MpegTsFlowTable(4);
  const scale = c.pcap.nanosecond ? 1e9 : 1e6;
  const origin = datagrams[0]?.seconds ?? 0;
  for (const g of datagrams) table.observe(g.key, g.data, g.ts, g.tsLength, g.seconds - origin + g.fraction / scale);
  strictEqual(table.flows.size, 1);
  return [...table.flows.values()][0]!.snapshot();
}

interface TsharkCounts {
  /** TS packets per PID. */
  pids: Map<number, number>;
  /** Packets flagged mp2t.cc.drop, total and per PID. */
  drops: number;
  dropsByPid: Map<number, number>;
  /** Σ mp2t.analysis.skips. */
  skips: number;
  /** Frames matching `-Y mp2t.cc.drop`. */
  dropFrames: number;
}

async function tshark(c: Capture, datagrams: readonly Datagram[]): Promise<TsharkCounts> {
  const path = await Deno.makeTempFile({ suffix: ".pcap" });
  try {
    await Deno.writeFile(
      path,
      writePcap(
        { nanosecond: c.pcap.nanosecond, snapLength: c.pcap.snapLength, linkType: c.pcap.linkType },
        datagrams.map((g) => ({
          timestampSeconds: g.seconds,
          timestampFraction: g.fraction,
          originalLength: g.data.length,
          data: g.data,
        })),
      ),
    );
    const decodeAs = ["-d", `udp.port==${c.port},${c.rtp ? "rtp" : "mp2t"}`];
    const run = async (args: string[]) => {
      const out = await new Deno.Command("tshark", { args: ["-r", path, ...decodeAs, ...args], stderr: "null" })
        .output();
      return new TextDecoder().decode(out.stdout);
    };
    const [verbose, frames] = await Promise.all([
      run(["-V", "-O", "mp2t"]),
      run(["-Y", "mp2t.cc.drop", "-T", "fields", "-e", "frame.number", "-e", "mp2t.pid"]),
    ]);
    const counts: TsharkCounts = { pids: new Map(), drops: 0, dropsByPid: new Map(), skips: 0, dropFrames: 0 };
    for (const m of verbose.matchAll(/^ISO\/IEC 13818-1 PID=0x([0-9a-f]+) CC=\d+(?: skips=(\d+))?/gm)) {
      const pid = parseInt(m[1]!, 16);
      counts.pids.set(pid, (counts.pids.get(pid) ?? 0) + 1);
      if (m[2] !== undefined) {
        counts.drops++;
        counts.skips += Number(m[2]);
        counts.dropsByPid.set(pid, (counts.dropsByPid.get(pid) ?? 0) + 1);
      }
    }
    counts.dropFrames = frames.split("\n").filter((l) => l.trim() !== "").length;
    return counts;
  } finally {
    await Deno.remove(path);
  }
}

function assertMatchesTshark(ours: MpegTsFlowSnapshot, theirs: TsharkCounts): void {
  const pids = new Map(ours.pids.map((p) => [p.pid, p.packets]));
  deepStrictEqual(pids, theirs.pids, "TS packets per PID");
  strictEqual(ours.ccErrors, theirs.drops, "mp2t.cc.drop");
  strictEqual(ours.ccSkips, theirs.skips, "mp2t.analysis.skips");
  const dropsByPid = new Map(ours.pids.filter((p) => p.ccErrors > 0).map((p) => [p.pid, p.ccErrors]));
  deepStrictEqual(dropsByPid, theirs.dropsByPid, "mp2t.cc.drop per PID");
  ok(theirs.dropFrames <= theirs.drops);
}

const CAPTURES = [
  { file: "demo.pcap", port: 1234, rtp: false },
  { file: "mpegts/mpeg2-multilang.pcap", port: 1240, rtp: false },
  { file: "mpegts/h264-ac3-dvb.pcap", port: 1242, rtp: false },
  { file: "mpegts/hevc-atsc.pcap", port: 1244, rtp: false },
  { file: "mpegts/rtp-mpegts.pcap", port: 5010, rtp: true },
];

const TR_COUNTS = (s: MpegTsFlowSnapshot) =>
  Object.fromEntries(Object.entries(s.tr101290).map(([k, v]) => [k, v.count])) as Record<
    keyof MpegTsFlowSnapshot["tr101290"],
    number
  >;

for (const c of CAPTURES) {
  Deno.test(`MpegTsFlowStats matches tshark on ${c.file}`, async () => {
    const cap = await load(c.file, c.port, c.rtp);
    const ours = analyse(cap, cap.datagrams);
    assertMatchesTshark(ours, await tshark(cap, cap.datagrams));
    strictEqual(ours.ccErrors, 0);
    strictEqual(ours.badDatagrams, 0);
    ok(ours.programs.length >= 1 && ours.programs.every((p) => p.pmtVersion !== null && p.streams.length > 0));
    const tr = TR_COUNTS(ours);
    for (
      const k of ["tsSyncLoss", "syncByteError", "continuityCountError", "transportError", "crcError"] as const
    ) strictEqual(tr[k], 0, k);
    strictEqual(tr.pcrDiscontinuityIndicatorError, 0);
  });
}

Deno.test("MpegTsFlowStats reads the PSI of demo.pcap and h264-ac3-dvb.pcap", async () => {
  const demo = analyse(await load("demo.pcap", 1234, false), (await load("demo.pcap", 1234, false)).datagrams);
  deepStrictEqual(demo.programs, [{
    programNumber: 1,
    pmtPid: 0x1000,
    pmtVersion: 0,
    pcrPid: 0x100,
    streams: [
      { pid: 0x100, streamType: 0x1b, streamTypeName: demo.programs[0]!.streams[0]!.streamTypeName },
      { pid: 0x101, streamType: 0x0f, streamTypeName: demo.programs[0]!.streams[1]!.streamTypeName },
    ],
  }]);
  const tr = TR_COUNTS(demo);
  deepStrictEqual([tr.patError, tr.pmtError, tr.pidError], [0, 0, 0]);
  const pcr = demo.pids.find((p) => p.pid === 0x100)!.pcr!;
  ok(pcr.pcrs > 100 && pcr.maxPcrStepMs! < 100);
  ok(Math.abs(pcr.driftPpm!) < 5000, `drift ${pcr.driftPpm} ppm`);

  const dvbCap = await load("mpegts/h264-ac3-dvb.pcap", 1242, false);
  const dvb = analyse(dvbCap, dvbCap.datagrams);
  deepStrictEqual(dvb.programs.map((p) => [p.programNumber, p.pmtPid, p.pmtVersion]), [[7, 0x200, 3]]);
  strictEqual(dvb.patVersion, 3);
  // CBR 900 kbit/s mux: PCR_AC is measurable and within ±500 ns
  const dvbPcr = dvb.pids.find((p) => p.pid === dvb.programs[0]!.pcrPid)!.pcr!;
  strictEqual(dvbPcr.accuracyErrors, 0);
  ok(Math.abs(dvbPcr.pcrBitrateBps! - 900_000) < 2_000, `fitted TS rate ${dvbPcr.pcrBitrateBps}`);
});

// ---------------------------------------------------------------------------------------------------------- impair

type Impair = (gs: Datagram[], t0: number, scale: number) => Datagram[];

const clone = (g: Datagram): Datagram => ({ ...g, data: g.data.slice() });
const timeOf = (g: Datagram, t0: number, scale: number) => g.seconds - t0 + g.fraction / scale;
/** Calls `f` with the offset of every TS packet of the datagram. */
function eachPacket(g: Datagram, f: (p: number) => void): void {
  for (let p = g.ts; p + 188 <= g.ts + g.tsLength; p += 188) f(p);
}
const pidAt = (g: Datagram, p: number) => ((g.data[p + 1]! & 0x1f) << 8) | g.data[p + 2]!;
function shift(g: Datagram, seconds: number, scale: number): Datagram {
  const total = g.seconds * scale + g.fraction + Math.round(seconds * scale);
  return { ...g, seconds: Math.floor(total / scale), fraction: total % scale };
}

interface ImpairCase {
  name: string;
  impair: Impair;
  /** TR 101 290 counters expected on the impaired demo.pcap (the others must equal the clean run's). */
  want: Partial<Record<keyof MpegTsFlowSnapshot["tr101290"], number | ((n: number, clean: number) => boolean)>>;
  /** ccErrors must be > 0. */
  ccDrops: boolean;
  /** Further checks on the snapshot. */
  more?: (s: MpegTsFlowSnapshot) => void;
}

const IMPAIRMENTS: ImpairCase[] = [
  {
    name: "drops 5 datagrams",
    impair: (gs) => gs.filter((_, i) => ![50, 100, 150, 200, 250].includes(i)),
    want: { continuityCountError: (n) => n >= 5, pcrRepetitionError: () => true }, // a lost PCR joins two steps
    ccDrops: true,
  },
  {
    name: "duplicates 3 datagrams",
    impair: (gs) => gs.flatMap((g, i) => (i === 50 || i === 200 || i === 201 ? [g, clone(g)] : [g])),
    // a datagram holds several packets of a PID (A0 B0 A1), so its copy steps A's CC back (A1 → A0): tshark flags it
    want: { continuityCountError: (n) => n > 0 },
    ccDrops: true,
  },
  {
    name: "swaps 4 pairs of neighbouring datagrams",
    impair: (gs) => {
      const out = gs.slice();
      for (const i of [60, 150, 300, 450]) [out[i], out[i + 1]] = [out[i + 1]!, out[i]!];
      return out;
    },
    // a PCR datagram moved behind its successor steps the PCR back: 2.3b fires for the swaps that carry a PCR
    want: {
      continuityCountError: (n) => n > 0,
      pcrRepetitionError: () => true,
      pcrDiscontinuityIndicatorError: (n) => n > 0,
    },
    ccDrops: true,
  },
  {
    name: "corrupts one CC nibble",
    impair: (gs) =>
      gs.map((g, i) => {
        if (i !== 300) return g;
        const c = clone(g);
        const p = c.ts + 2 * 188;
        c.data[p + 3] = (c.data[p + 3]! & 0xf0) | ((c.data[p + 3]! + 5) & 0x0f);
        return c;
      }),
    want: { continuityCountError: (n) => n === 2 }, // the bad packet and the one after it
    ccDrops: true,
  },
  {
    name: "flips 3 consecutive sync bytes and 1 isolated one",
    impair: (gs) =>
      gs.map((g, i) => {
        if (i !== 250 && i !== 400) return g;
        const c = clone(g);
        for (let k = 0; k < (i === 250 ? 3 : 1); k++) c.data[c.ts + k * 188] = 0x00;
        return c;
      }),
    want: { syncByteError: 4, tsSyncLoss: 1 },
    ccDrops: false,
  },
  {
    name: "removes PAT packets for 1.2 s (turned into null packets)",
    impair: (gs, t0, scale) =>
      gs.map((g) => {
        const t = timeOf(g, t0, scale);
        if (t < 3 || t > 4.2) return g;
        const c = clone(g);
        eachPacket(c, (p) => {
          if (pidAt(c, p) === 0) c.data.set([0x1f, 0xff], p + 1);
        });
        return c;
      }),
    want: { patError: 1 },
    ccDrops: true, // PID 0's CC jumps over the removed packets
  },
  {
    name: "removes the audio PID for 6 s (turned into null packets)",
    impair: (gs, t0, scale) =>
      gs.map((g) => {
        const t = timeOf(g, t0, scale);
        if (t < 4 || t > 10.3) return g;
        const c = clone(g);
        eachPacket(c, (p) => {
          if (pidAt(c, p) === 0x101) c.data.set([0x1f, 0xff], p + 1);
        });
        return c;
      }),
    want: { pidError: 1 },
    ccDrops: true,
  },
  {
    name: "stalls the network 150 ms before datagram 200 (PCRs arrive late)",
    impair: (gs, _t0, scale) => gs.map((g, i) => (i >= 200 ? shift(g, 0.15, scale) : g)),
    // 2.3a is judged on PCR values, which a network stall leaves alone; the stall shows in the PCR overall jitter
    want: {},
    ccDrops: false,
    more: (s) => ok(s.pids.find((p) => p.pid === 0x100)!.pcr!.maxIntervalMs! >= 150), // arrival interval
  },
  {
    name: "withholds the PCRs of PID 0x100 for 100 ms (PCR flag cleared)",
    impair: (gs, t0, scale) =>
      gs.map((g) => {
        const t = timeOf(g, t0, scale);
        if (t < 5 || t > 5.1) return g;
        const c = clone(g);
        eachPacket(c, (p) => {
          if (pidAt(c, p) === 0x100 && (c.data[p + 3]! & 0x20) !== 0 && c.data[p + 4]! > 0) c.data[p + 5]! &= ~0x10;
        });
        return c;
      }),
    want: { pcrRepetitionError: 1 },
    ccDrops: false,
  },
  {
    name: "moves one PCR value 150 ms ahead",
    impair: (gs) => {
      let done = false;
      return gs.map((g, i) => {
        if (done || i < 200) return g;
        const c = clone(g);
        eachPacket(c, (p) => {
          const afc = (c.data[p + 3]! >> 4) & 3;
          if (done || (afc & 2) === 0 || c.data[p + 4]! < 7 || (c.data[p + 5]! & 0x10) === 0) return;
          // PCR base is 33 bits at byte p+6; add 13500 ticks of 90 kHz (150 ms) to its top 32 bits' low part
          const at = p + 6;
          let base = (c.data[at]! * 2 ** 25) + (c.data[at + 1]! << 17) + (c.data[at + 2]! << 9) +
            (c.data[at + 3]! << 1) + (c.data[at + 4]! >> 7);
          base = (base + 13500) % 2 ** 33;
          c.data[at] = Math.floor(base / 2 ** 25) & 0xff;
          c.data[at + 1] = (base >>> 17) & 0xff;
          c.data[at + 2] = (base >>> 9) & 0xff;
          c.data[at + 3] = (base >>> 1) & 0xff;
          c.data[at + 4] = (c.data[at + 4]! & 0x7f) | ((base & 1) << 7);
          done = true;
        });
        return c;
      });
    },
    want: { pcrDiscontinuityIndicatorError: 2, pcrRepetitionError: 1 }, // +150 ms (also a 2.3a step), then back
    ccDrops: false,
  },
  {
    name: "sets transport_error_indicator on 2 packets",
    impair: (gs) =>
      gs.map((g, i) => {
        if (i !== 150 && i !== 300) return g;
        const c = clone(g);
        c.data[c.ts + 188 + 1]! |= 0x80;
        return c;
      }),
    want: { transportError: 2 },
    ccDrops: false,
  },
];

const demo = await load("demo.pcap", 1234, false);
const clean = TR_COUNTS(analyse(demo, demo.datagrams));

for (const c of IMPAIRMENTS) {
  Deno.test(`MpegTsFlowStats on demo.pcap ${c.name}: CC drops equal tshark's, TR 101 290 fires`, async () => {
    const scale = demo.pcap.nanosecond ? 1e9 : 1e6;
    const impaired = c.impair(demo.datagrams.slice(), demo.datagrams[0]!.seconds, scale);
    const ours = analyse(demo, impaired);
    assertMatchesTshark(ours, await tshark(demo, impaired));
    strictEqual(ours.ccErrors > 0, c.ccDrops, `ccErrors ${ours.ccErrors}`);
    const tr = TR_COUNTS(ours);
    for (const k of Object.keys(tr) as (keyof typeof tr)[]) {
      const want = c.want[k];
      if (want === undefined) {
        if (k !== "continuityCountError" && k !== "pcrAccuracyError") strictEqual(tr[k], clean[k], k);
      } else if (typeof want === "number") strictEqual(tr[k], want, k);
      else ok(want(tr[k], clean[k]), `${k} = ${tr[k]} (clean ${clean[k]})`);
      if (tr[k] > 0) ok(ours.tr101290[k].firstSeen !== null);
    }
    c.more?.(ours);
  });
}

// ---------------------------------------------------------------------------------------------------------- units

function packet(pid: number, cc: number, flags: { af?: boolean; payload?: boolean; di?: boolean } = {}): Uint8Array {
  const p = new Uint8Array(188).fill(0xff);
  const payload = flags.payload ?? true;
  const afc = !payload ? 2 : flags.af || flags.di ? 3 : 1;
  p.set([0x47, pid >> 8, pid & 0xff, (afc << 4) | cc]);
  if (afc !== 1) p.set([payload ? 1 : 183, flags.di ? 0x80 : 0], 4);
  return p;
}

const ccCases: { name: string; packets: Uint8Array[]; tshark: number; tr: number }[] = [
  { name: "counts a gap", packets: [packet(0x100, 0), packet(0x100, 2)], tshark: 1, tr: 1 },
  { name: "wraps 15 → 0", packets: [packet(0x100, 15), packet(0x100, 0)], tshark: 0, tr: 0 },
  {
    name: "allows any repeat (tshark) but one duplicate (1.4)",
    packets: [packet(0x100, 3), packet(0x100, 3), packet(0x100, 3)],
    tshark: 0,
    tr: 1,
  },
  {
    name: "checks adaptation-only packets (tshark) but not in 1.4",
    packets: [packet(0x100, 4), packet(0x100, 9, { payload: false }), packet(0x100, 5)],
    tshark: 2,
    tr: 0,
  },
  {
    name: "ignores discontinuity_indicator (tshark) but not in 1.4",
    packets: [packet(0x100, 4), packet(0x100, 9, { di: true })],
    tshark: 1,
    tr: 0,
  },
  { name: "skips the null PID", packets: [packet(0x1fff, 4), packet(0x1fff, 9)], tshark: 0, tr: 0 },
  { name: "starts each PID fresh", packets: [packet(0x100, 4), packet(0x101, 9)], tshark: 0, tr: 0 },
];
for (const c of ccCases) {
  Deno.test(`MpegTsFlowStats CC ${c.name}`, () => {
    const flow = new MpegTsFlowStats();
    c.packets.forEach((p, i) => flow.observe(p, 0, 188, i * 0.001));
    const s = flow.snapshot();
    strictEqual(s.ccErrors, c.tshark);
    strictEqual(s.tr101290.continuityCountError.count, c.tr);
  });
}

Deno.test("MpegTsFlowStats bounds PIDs and flows", () => {
  const flow = new MpegTsFlowStats({ maxPids: 2 });
  for (const pid of [0x100, 0x101, 0x102, 0x102]) flow.observe(packet(pid, 0), 0, 188, 1);
  flow.observe(packet(0x102, 5), 0, 188, 1);
  const s = flow.snapshot();
  deepStrictEqual([s.pids.length, s.pidsSeen, s.untrackedPackets, s.ccErrors], [2, 3, 3, 1]);
  flow.observe(new Uint8Array(100), 0, 100, 2);
  strictEqual(flow.snapshot().badDatagrams, 1);
  const table = new MpegTsFlowTable(1);
  ok(table.observe("a", packet(0x100, 0), 0, 188, 1));
  ok(!table.observe("b", packet(0x100, 0), 0, 188, 1));
  strictEqual(table.droppedDatagrams, 1);
});
