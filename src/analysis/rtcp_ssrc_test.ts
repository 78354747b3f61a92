import { deepStrictEqual, ok, strictEqual, throws } from "node:assert/strict";
import { decodeRtcpCompound, ntpMiddle32 } from "../protocols/rtcp/mod.ts";
import { readPcap, readPcapFile } from "../../tests/_pcap_reader.ts";
import { udpPcap, writePcap } from "../../tests/_pcap_writer.ts";
import { MIN_SR_INTERVAL_S, RtcpSsrcStats, rttFromReportBlock, type SrFields, unixToNtpMiddle32 } from "./rtcp_ssrc.ts";
import { type Datagram, hasTshark, tsharkFields, udpDatagrams } from "./_udp_capture.ts";

const DEMO = new URL("../../tests/testdata/demo.pcap", import.meta.url);
const demoPath = DEMO.pathname;
const TSHARK = hasTshark();

function isRtcp(d: Datagram): boolean {
  return d.payload.length >= 8 && d.payload[0]! >> 6 === 2 && d.payload[1]! >= 200 && d.payload[1]! <= 207;
}

function analyse(datagrams: readonly Datagram[], stats = new RtcpSsrcStats()): RtcpSsrcStats {
  for (const d of datagrams) {
    if (!isRtcp(d)) continue;
    const { packets, failure } = decodeRtcpCompound(d.payload);
    strictEqual(failure, null, `frame ${d.frame}`);
    stats.observe(packets, d.time);
  }
  return stats;
}

function sr(ntpSeconds: number, ntpFraction: number, rtp: number, packets: number, octets: number): SrFields {
  return {
    type: "sr",
    ssrc: 1,
    ntpSeconds,
    ntpFraction,
    rtpTimestamp: rtp,
    packetCount: packets,
    octetCount: octets,
    reports: [],
  };
}

Deno.test("rttFromReportBlock() follows RFC 3550 §6.4.1's worked example and handles the 16-bit wrap", () => {
  strictEqual(rttFromReportBlock(0xb7108000, 0xb7052000, 0x00054000), 6.125);
  strictEqual(rttFromReportBlock(0x00000800, 0xffff0000, 0x00000000), (0x10000 + 0x800) / 65536); // A wrapped
  strictEqual(rttFromReportBlock(0xb7000000, 0xb7010000, 0), -1); // A before LSR: clocks not in sync
  strictEqual(rttFromReportBlock(0xb7000000, 0, 0), null); // LSR 0: no SR received yet
});

Deno.test("unixToNtpMiddle32() matches ntpMiddle32() of the same instant", () => {
  // demo.pcap frame 8: NTP 4004742617.2641404887 = Unix 1795753817 + 2641404887 / 2³²
  const unix = 4004742617 - 2208988800 + 2641404887 / 2 ** 32;
  strictEqual(unixToNtpMiddle32(unix), ntpMiddle32(4004742617, 2641404887));
});

Deno.test("RtcpSsrcStats skips SR intervals of 50 ms or less, keeping the older SR as the baseline", () => {
  const stats = new RtcpSsrcStats();
  const base = 3_900_000_000;
  stats.observe([sr(base, 0, 0, 0, 0)], 0);
  stats.observe([sr(base, 0x0800_0000, 4500, 1, 1200)], 0.03); // 31 ms later: skipped
  let s = stats.snapshot()[0]!;
  strictEqual(s.skippedSrIntervals, 1);
  strictEqual(s.senderBitrateBps, null);
  stats.observe([sr(base + 1, 0, 90000, 100, 100_000)], 1);
  s = stats.snapshot()[0]!;
  strictEqual(s.senderBitrateBps, 800_000); // against the SR at `base`, not the skipped one
  strictEqual(s.senderPacketRate, 100);
  strictEqual(s.clockRateEstimateHz, 90000);
  strictEqual(s.srCount, 3);
  ok(MIN_SR_INTERVAL_S === 0.05);
});

Deno.test("RtcpSsrcStats handles octet-count wrap and restarts on a packet-count reset", () => {
  const stats = new RtcpSsrcStats();
  stats.observe([sr(100, 0, 0xffff_ff00, 10, 0xffff_fff0)], 0);
  stats.observe([sr(101, 0, 0x0000_0100, 20, 0x10)], 1); // RTP and octets wrapped
  let s = stats.snapshot()[0]!;
  strictEqual(s.senderBitrateBps, 0x20 * 8);
  strictEqual(s.clockRateEstimateHz, 0x200);
  stats.observe([sr(102, 0, 0, 0, 0)], 2); // counts went down: sender restarted
  s = stats.snapshot()[0]!;
  strictEqual(s.counterResets, 1);
  stats.observe([sr(103, 0, 8000, 50, 16000)], 3);
  s = stats.snapshot()[0]!;
  strictEqual(s.senderBitrateBps, 128_000);
  strictEqual(s.clockRateOverallHz, 8000); // baseline restarted at the reset
});

Deno.test("RtcpSsrcStats stays within maxSsrcs and maxReportersPerSource and counts the rest", () => {
  const stats = new RtcpSsrcStats({ maxSsrcs: 2, maxReportersPerSource: 1 });
  const block = (ssrc: number) => ({
    ssrc,
    fractionLost: 0,
    cumulativeLost: 0,
    extendedHighestSequence: 0,
    jitter: 0,
    lastSenderReport: 0,
    delaySinceLastSenderReport: 0,
  });
  stats.observe([{ ...sr(1, 0, 0, 0, 0), ssrc: 10, reports: [block(20)] }], 0); // tracks 10 and 20
  stats.observe([{ ...sr(1, 0, 0, 0, 0), ssrc: 30, reports: [block(20)] }], 0); // 30 dropped; second reporter of 20
  strictEqual(stats.snapshot().length, 2);
  strictEqual(stats.droppedSsrcs, 1);
  strictEqual(stats.droppedReports, 1);
  throws(() => stats.setClockRate(10, 0), RangeError);
});

Deno.test("RtcpSsrcStats reads ffmpeg's SRs in demo.pcap as tshark does", { ignore: !TSHARK }, async () => {
  const stats = analyse(await udpDatagrams(DEMO));
  const rows = await tsharkFields(demoPath, [
    "frame.time_epoch",
    "rtcp.senderssrc",
    "rtcp.timestamp.ntp.msw",
    "rtcp.timestamp.ntp.lsw",
    "rtcp.timestamp.rtp",
    "rtcp.sender.packetcount",
    "rtcp.sender.octetcount",
    "rtcp.sdes.text",
  ], ["-Y", "rtcp.pt == 200"]);
  strictEqual(rows.length, 6);
  const snaps = stats.snapshot();
  deepStrictEqual(snaps.map((s) => s.ssrc), [0x11223344, 0x55667788]);
  for (const s of snaps) {
    const mine = rows.filter((r) => parseInt(r[1]!, 16) === s.ssrc).map((r) => r.slice(2, 7).map(Number));
    strictEqual(s.srCount, mine.length);
    const [first, last] = [mine[0]!, mine.at(-1)!];
    const [prev] = mine.slice(-2);
    const ntp = (r: number[]) => r[0]! + r[1]! / 2 ** 32;
    strictEqual(s.lastSrNtp, ntp(last));
    strictEqual(s.lastSrRtp, last[2]);
    strictEqual(s.senderPackets, last[3]);
    strictEqual(s.senderOctets, last[4]);
    const dt = ntp(last) - ntp(prev!);
    strictEqual(s.senderBitrateBps, (last[4]! - prev![4]!) * 8 / dt);
    strictEqual(s.senderPacketRate, (last[3]! - prev![3]!) / dt);
    strictEqual(s.clockRateOverallHz, (last[2]! - first[2]!) / (ntp(last) - ntp(first)));
    strictEqual(s.cname, "netpix-demo@127.0.0.1");
    strictEqual(s.bye, false);
    strictEqual(s.skippedSrIntervals, 0);
  }
  // ffmpeg stamps its RTP clock from the same wallclock: video is 90 kHz, audio (0x55667788) 48 kHz Opus.
  const [video, audio] = snaps;
  ok(Math.abs(video!.clockRateOverallHz! - 90000) < 90, `${video!.clockRateOverallHz}`);
  ok(Math.abs(audio!.clockRateOverallHz! - 48000) < 48, `${audio!.clockRateOverallHz}`);
  // ffmpeg's 2nd → 3rd video SR: 80703 octets in 5.053 s
  strictEqual(
    Math.round(video!.senderBitrateBps!),
    Math.round((303308 - 140605) * 8 / (5 + (3053721747 - 2826088480) / 2 ** 32)),
  );
});

// ---- Receiver reports built per RFC 3550 §6.4.2 (no sender in our captures writes them) about demo.pcap's SR ----

/** demo.pcap frame 762: ffmpeg's SR for SSRC 0x11223344, sent 127.0.0.1:48203 → 127.0.0.1:5005. */
const SR_FRAME = 762;
const REPORTER = 0xaabbccdd;
const MEDIA = 0x11223344;

/**
 * An RR compound (RFC 3550 §6.4.2 figure) with one report block, then SDES CNAME (§6.5), then optionally a BYE (§6.6).
 */
function rrCompound(block: {
  fraction: number;
  cumulative: number;
  highest: number;
  jitter: number;
  lsr: number;
  dlsr: number;
}, bye = false): Uint8Array {
  const cname = new TextEncoder().encode("rx@127.0.0.1"); // 12 bytes: 2 + 12 + 1 NUL + 1 pad = 16 → SDES length 4+16
  const sdesLen = 4 + 4 + 2 + cname.length + 2; // header, SSRC, type+len, text, NUL + pad to 4
  const bytes = new Uint8Array(32 + sdesLen + (bye ? 8 : 0));
  const v = new DataView(bytes.buffer);
  v.setUint8(0, 0x81); // V=2 P=0 RC=1
  v.setUint8(1, 201); // PT=RR
  v.setUint16(2, 7); // length: 32 bytes / 4 − 1
  v.setUint32(4, REPORTER); // SSRC of packet sender
  v.setUint32(8, MEDIA); // SSRC_1 (SSRC of first source)
  v.setUint32(12, ((block.fraction & 0xff) << 24 | (block.cumulative & 0xffffff)) >>> 0); // fraction lost | cumulative
  v.setUint32(16, block.highest); // extended highest sequence number received
  v.setUint32(20, block.jitter); // interarrival jitter
  v.setUint32(24, block.lsr); // last SR (LSR)
  v.setUint32(28, block.dlsr); // delay since last SR (DLSR)
  v.setUint8(32, 0x81); // V=2 SC=1
  v.setUint8(33, 202); // PT=SDES
  v.setUint16(34, sdesLen / 4 - 1);
  v.setUint32(36, REPORTER);
  v.setUint8(40, 1); // CNAME
  v.setUint8(41, cname.length);
  bytes.set(cname, 42); // then NUL (end of list) and one pad byte, already 0
  if (bye) {
    const o = 32 + sdesLen;
    v.setUint8(o, 0x81); // V=2 SC=1
    v.setUint8(o + 1, 203); // PT=BYE
    v.setUint16(o + 2, 1);
    v.setUint32(o + 4, REPORTER);
  }
  return bytes;
}

Deno.test("RtcpSsrcStats reads hand-built RRs about demo.pcap's SR: loss, jitter, LSR/DLSR RTT; tshark agrees", {
  ignore: !TSHARK,
}, async () => {
  const demo = await readPcapFile(DEMO);
  const srRecord = demo.records[SR_FRAME - 1]!;
  const srTime = srRecord.timestampSeconds + srRecord.timestampFraction / 1e6;
  const srDatagram = (await udpDatagrams(DEMO)).find((d) => d.frame === SR_FRAME)!;
  const srPacket = decodeRtcpCompound(srDatagram.payload).packets[0]!;
  if (srPacket.type !== "sr") throw new Error("frame 762 is not an SR");
  const lsr = ntpMiddle32(srPacket.ntpSeconds, srPacket.ntpFraction);

  // Three RRs from the receiver (127.0.0.1:5005 → :48203): after 0.25 s hold + 30 ms network, 1 s later, then LSR 0.
  const rrs = [
    rrCompound({ fraction: 64, cumulative: 7, highest: 0x0001_00de, jitter: 450, lsr, dlsr: 0.25 * 65536 }),
    rrCompound({ fraction: 13, cumulative: 9, highest: 0x0001_0120, jitter: 900, lsr, dlsr: 1.25 * 65536 }),
    rrCompound({ fraction: 0, cumulative: 0xfffffe, highest: 0x0001_0130, jitter: 90, lsr: 0, dlsr: 0 }, true),
  ];
  const rrTimes = [srTime + 0.28, srTime + 1.28, srTime + 2];
  const rrPcap = readPcap(
    udpPcap(rrs, { src: [127, 0, 0, 1], dst: [127, 0, 0, 1], srcPort: 5005, dstPort: 48203, firstSecond: 0 }),
  );
  const file = await Deno.makeTempFile({ suffix: ".pcap" });
  try {
    await Deno.writeFile(
      file,
      writePcap({ nanosecond: false, snapLength: 65535, linkType: demo.linkType }, [
        { ...srRecord },
        ...rrPcap.records.map((r, i) => ({
          timestampSeconds: Math.floor(rrTimes[i]!),
          timestampFraction: Math.round((rrTimes[i]! % 1) * 1e6),
          originalLength: r.originalLength,
          data: r.data,
        })),
      ]),
    );
    const datagrams = await udpDatagrams(file);
    const stats = new RtcpSsrcStats();
    analyse(datagrams.slice(0, 2), stats);
    stats.setClockRate(MEDIA, 90000); // set between blocks: the stored jitter is converted too
    analyse(datagrams.slice(2), stats);
    const snaps = stats.snapshot();
    deepStrictEqual(snaps.map((s) => s.ssrc), [MEDIA, REPORTER]);
    const [media, reporter] = snaps;
    strictEqual(reporter!.rrCount, 3);
    strictEqual(reporter!.cname, "rx@127.0.0.1");
    strictEqual(reporter!.bye, true);
    strictEqual(reporter!.byeReason, null);
    const r = media!.reportedBy[0]!;
    strictEqual(r.reporterSsrc, REPORTER);
    strictEqual(r.blocks, 3);
    strictEqual(r.fractionLostPct, 0);
    strictEqual(r.maxFractionLostPct, 25); // 64 / 256
    strictEqual(r.cumulativeLost, -2); // 0xfffffe as signed 24-bit
    strictEqual(r.extendedHighestSeq, 0x0001_0130);
    strictEqual(r.jitter, 90);
    strictEqual(r.jitterMs, 1); // 90 / 90 kHz
    strictEqual(r.lsr, 0);
    strictEqual(r.rttSamples, 2);

    // RTT = A − LSR − DLSR with A from the capture clock. The SR's NTP time is 0.62 ms before its own capture time,
    // so the RTT is the 30 ms put in plus that offset, within one 1/65536 s step each for A and LSR.
    const offsetMs = (srTime - (srPacket.ntpSeconds - 2208988800 + srPacket.ntpFraction / 2 ** 32)) * 1000;
    ok(offsetMs > 0.5 && offsetMs < 0.7, `${offsetMs}`);
    const step = 1000 / 65536;
    ok(Math.abs(r.minRttMs! - (30 + offsetMs)) <= 2 * step, `${r.minRttMs}`);
    ok(Math.abs(r.maxRttMs! - (30 + offsetMs)) <= 2 * step, `${r.maxRttMs}`);
    strictEqual(r.rttMs, r.maxRttMs); // the LSR-0 block gives no RTT and leaves the latest one
    strictEqual(r.negativeRtts, 0);

    // tshark: the same fields, and its own round-trip delay (RR capture time − SR capture time − DLSR, in ms).
    const rows = await tsharkFields(file, [
      "rtcp.ssrc.fraction",
      "rtcp.ssrc.cum_nr",
      "rtcp.ssrc.ext_high",
      "rtcp.ssrc.jitter",
      "rtcp.ssrc.lsr",
      "rtcp.ssrc.dlsr",
      "rtcp.roundtrip-delay",
      "rtcp.sdes.text",
      "rtcp.pt",
    ], [
      "-d",
      "udp.port==5005,rtcp",
      "-o",
      "rtcp.show_roundtrip_calculation:TRUE",
      "-o",
      "rtcp.roundtrip_min_threshhold:0",
      "-Y",
      "rtcp.pt == 201",
    ]);
    deepStrictEqual(rows.map((row) => row.slice(0, 4)), [
      ["64", "7", "65758", "450"],
      ["13", "9", "65824", "900"],
      ["0", "-2", "65840", "90"],
    ]);
    deepStrictEqual(rows.map((row) => Number(row[4])), [lsr, lsr, 0]);
    deepStrictEqual(rows.map((row) => row[5]), ["16384", "81920", "0"]); // tshark prints DLSR in 1/65536 s units
    deepStrictEqual(rows.map((row) => row[6]), ["30", "30", ""]); // tshark rounds to whole ms
    deepStrictEqual(rows.map((row) => row[7]), ["rx@127.0.0.1", "rx@127.0.0.1", "rx@127.0.0.1"]);
  } finally {
    await Deno.remove(file);
  }
});
