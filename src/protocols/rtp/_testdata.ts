/**
 * Test helpers that read the committed captures and ask tshark about them. Tests only: this module uses Deno APIs
 * (files, subprocesses) and is not browser compatible, unlike the decoders.
 *
 * @module
 */

import { ok } from "node:assert/strict";
import { FrameDecoder, FrameStatus } from "../frame.ts";
import { type PcapFile, readPcapFile } from "../../../tests/_pcap_reader.ts";

/** tests/testdata/, where `RtpFixture.file` paths start. */
export const TESTDATA = new URL("../../../tests/testdata/", import.meta.url);

/** A capture of real RTP and the SDP its sender used. */
export interface RtpCapture {
  /** Path under tests/testdata/. */
  file: string;
  /** SDP beside it (for ffmpeg, the one it wrote; for Chromium, the answer the sender applied). */
  sdp: string;
  /** Who sent it. */
  sender: string;
  /** Destination ports of the RTP; when absent, every datagram that {@linkcode looksLikeRtp} is taken. */
  ports?: readonly number[];
}

/** demo.pcap and every capture of tests/testdata/rtp/ (see the README there). */
export const RTP_CAPTURES: readonly RtpCapture[] = [
  // demo.pcap also holds MPEG-TS, STUN/TURN and TURN relay payloads, some of which start with a byte in 128–191.
  { file: "demo.pcap", sdp: "demo.sdp", sender: "ffmpeg 5.1 (H.264, Opus)", ports: [5004, 5006] },
  { file: "rtp/chrome-av1.pcap", sdp: "rtp/chrome-av1.sdp", sender: "Chromium 156 (AV1, Opus, one-byte)" },
  {
    file: "rtp/chrome-vp9-two-byte.pcap",
    sdp: "rtp/chrome-vp9-two-byte.sdp",
    sender: "Chromium 156 (VP9, Opus, two-byte)",
  },
  { file: "rtp/chrome-vp8.pcap", sdp: "rtp/chrome-vp8.sdp", sender: "Chromium 156 (VP8, toffset)" },
  { file: "rtp/ffmpeg-h265.pcap", sdp: "rtp/ffmpeg-h265.sdp", sender: "ffmpeg 5.1 (H.265)" },
  { file: "rtp/ffmpeg-vp8.pcap", sdp: "rtp/ffmpeg-vp8.sdp", sender: "ffmpeg 5.1 (VP8)" },
  { file: "rtp/ffmpeg-vp9.pcap", sdp: "rtp/ffmpeg-vp9.sdp", sender: "ffmpeg 5.1 (VP9)" },
  { file: "rtp/gst-csrc.pcap", sdp: "", sender: "GStreamer 1.22 translator (Opus, CSRC)" },
];

/** One UDP datagram of a capture. */
export interface Datagram {
  /** tshark's frame.number. */
  frame: number;
  /** Capture time, in microseconds since the epoch. */
  timeMicros: number;
  srcPort: number;
  dstPort: number;
  /** The UDP payload (a view into the file's bytes). */
  bytes: Uint8Array;
}

const files = new Map<string, Promise<PcapFile>>();

/** Reads a capture once per test run. */
export function readCapture(file: string): Promise<PcapFile> {
  let p = files.get(file);
  if (p === undefined) files.set(file, p = readPcapFile(new URL(file, TESTDATA)));
  return p;
}

/** Every UDP datagram of a capture, in order. */
export async function datagrams(file: string): Promise<Datagram[]> {
  const pcap = await readCapture(file);
  const d = new FrameDecoder();
  const out: Datagram[] = [];
  for (const r of pcap.records) {
    if (d.decode(r.data, pcap.linkType, r.originalLength) !== FrameStatus.Ok || d.transport !== 17) continue;
    out.push({
      frame: r.frameNumber,
      timeMicros: r.timestampSeconds * 1e6 + (pcap.nanosecond ? r.timestampFraction / 1000 : r.timestampFraction),
      srcPort: d.srcPort,
      dstPort: d.dstPort,
      bytes: r.data.subarray(d.payloadOffset, d.payloadOffset + d.payloadLength),
    });
  }
  return out;
}

/**
 * True for a datagram that RFC 7983 §7 and RFC 5761 §4 send to RTP: first byte 128–191 (version 2) and a second byte
 * outside the RTCP packet types 192–223. STUN (first byte 0–3) and RTCP on a muxed port fall out.
 */
export function looksLikeRtp(b: Uint8Array): boolean {
  return b.length >= 2 && b[0]! >= 128 && b[0]! <= 191 && !(b[1]! >= 192 && b[1]! <= 223);
}

/** The RTP datagrams of a capture of {@linkcode RTP_CAPTURES}. */
export async function rtpDatagrams(file: string): Promise<Datagram[]> {
  const ports = RTP_CAPTURES.find((c) => c.file === file)?.ports;
  return (await datagrams(file)).filter((d) => ports === undefined ? looksLikeRtp(d.bytes) : ports.includes(d.dstPort));
}

/** `a=extmap` (ID → URI) and `a=rtpmap` (PT → encoding name) of an SDP file, all media sections merged. */
export async function sdpMaps(file: string): Promise<{ extmap: Map<number, string>; rtpmap: Map<number, string> }> {
  const extmap = new Map<number, string>();
  const rtpmap = new Map<number, string>();
  if (file === "") return { extmap, rtpmap };
  for (const line of (await Deno.readTextFile(new URL(file, TESTDATA))).split(/\r?\n/)) {
    let m = /^a=extmap:(\d+)(?:\/\w+)? (\S+)/.exec(line);
    if (m) {
      const id = Number(m[1]);
      ok(extmap.get(id) === undefined || extmap.get(id) === m[2], `${file}: extmap ${id} means two URIs`);
      extmap.set(id, m[2]!);
    }
    m = /^a=rtpmap:(\d+) ([^/]+)\//.exec(line);
    if (m) rtpmap.set(Number(m[1]), m[2]!);
  }
  return { extmap, rtpmap };
}

/** Whether tshark runs here; tests that compare with it are ignored otherwise. */
export const hasTshark: boolean = (() => {
  try {
    return new Deno.Command("tshark", { args: ["--version"], stdout: "null", stderr: "null" }).outputSync().success;
  } catch {
    return false;
  }
})();

/**
 * Runs tshark on a capture and returns, per frame number, each requested field as the list of its occurrences.
 * @param file Path under tests/testdata/.
 * @param options tshark options before `-T fields` (decode-as, preferences, a display filter).
 * @param fields Field names; `frame.number` is added first.
 */
export async function tsharkFields(
  file: string,
  options: string[],
  fields: readonly string[],
): Promise<Map<number, Record<string, string[]>>> {
  const args = ["-r", new URL(file, TESTDATA).pathname, "-n", ...options, "-T", "fields", "-e", "frame.number"];
  args.push("-E", "separator=\t", "-E", "aggregator=,", "-E", "quote=n");
  for (const f of fields) args.push("-e", f);
  const out = await new Deno.Command("tshark", { args, stdout: "piped", stderr: "piped" }).output();
  ok(out.success, `tshark failed on ${file}: ${new TextDecoder().decode(out.stderr)}`);
  const rows = new Map<number, Record<string, string[]>>();
  for (const line of new TextDecoder().decode(out.stdout).split("\n")) {
    if (line === "") continue;
    const cells = line.split("\t");
    const row: Record<string, string[]> = {};
    fields.forEach((f, i) => row[f] = (cells[i + 1] ?? "") === "" ? [] : cells[i + 1]!.split(","));
    rows.set(Number(cells[0]), row);
  }
  return rows;
}

/** `-d udp.port==P,rtp` for every destination port that carries RTP in the capture (Chromium picks its own). */
export async function decodeAsRtp(file: string): Promise<string[]> {
  const ports = new Set((await rtpDatagrams(file)).map((d) => d.dstPort));
  return [...ports].flatMap((p) => ["-d", `udp.port==${p},rtp`]);
}
