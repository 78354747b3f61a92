/**
 * `netpix convert LOG -w OUT.pcapng`: writes the RTP and RTCP packets of a WebRTC event log as a pcapng that
 * tshark and Wireshark open. One interface per direction (`incoming`, `outgoing`), raw IPv4 (LINKTYPE_IPV4) with the
 * synthetic addresses of src/eventlog/frame.ts, and a comment on each packet saying what was logged. RTP payloads
 * are not in the log: each RTP packet holds its headers only, its original length is the logged size.
 * @module
 */

import { RecordCursor } from "../../ffi/records.ts";
import { readBatches } from "../capture/batches.ts";
import { openEventLogFile } from "../capture/open.ts";
import { PcapngWriter } from "../capture/pcapng_writer.ts";
import { LinkType } from "../protocols/link/linktype.ts";
import { decodeEventLogFrame, PACKET_PREFIX_BYTES, RecordType } from "../eventlog/frame.ts";
import { UsageError } from "./args.ts";
import { VERSION } from "../version.ts";

export interface ConvertOptions {
  log: string;
  out: string;
}

export const CONVERT_HELP =
  `Convert a WebRTC event log (v2) to pcapng: its RTP headers and RTCP packets, one interface per direction.

Usage: netpix convert LOG -w OUT.pcapng

Addresses are synthetic: Local 192.0.2.1, Remote 198.51.100.1, UDP port 5004 on both sides. RTP payloads are not
logged, so RTP packets hold their headers and keep their logged length as the original length.

Options:
  -w, --write FILE   the pcapng to write (overwritten)
  -h, --help         print this help

Exit codes: 0 converted, 1 the log is damaged (packets before the damage are written), 2 bad input.`;

/** Parses the arguments after `convert`. */
export function parseConvertArgs(args: string[]): ConvertOptions {
  let log: string | undefined, out: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "-w" || a === "--write") {
      out = args[++i];
      if (out === undefined || out === "") throw new UsageError(`option '${a}' needs a file`);
    } else if (a.startsWith("--write=")) out = a.slice(8);
    else if (a.startsWith("-")) throw new UsageError(`unknown option '${a}' for 'convert'`);
    else if (log === undefined) log = a;
    else throw new UsageError(`convert takes one log file, got '${log}' and '${a}'`);
  }
  if (log === undefined) throw new UsageError("convert needs an event log file");
  if (out === undefined || out === "") throw new UsageError("convert needs -w OUT.pcapng");
  return { log, out };
}

function hex(v: number): string {
  return `0x${v.toString(16).padStart(8, "0")}`;
}

/** What was logged about one packet, from its rebuilt bytes (UDP payload at `p`). */
function commentOf(frame: Uint8Array, origlen: number): string {
  const p = PACKET_PREFIX_BYTES;
  const dir = frame[0] === RecordType.Incoming ? "incoming" : "outgoing";
  const b1 = frame[p + 1] ?? 0;
  if (b1 >= 192 && b1 <= 223) return `${dir} RTCP, ${origlen - p} bytes as logged`; // RFC 5761 §4
  const v = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  if (frame.length < p + 12) return `${dir} RTP, header cut`;
  const header = frame.length - p;
  return `${dir} RTP ssrc=${hex(v.getUint32(p + 8))} seq=${v.getUint16(p + 2)} pt=${b1 & 0x7f} ` +
    `marker=${b1 >> 7} header=${header} payload+padding=${origlen - p - header} (payload not logged)`;
}

/** Runs `netpix convert`; returns the exit code. */
export async function runConvert(o: ConvertOptions): Promise<number> {
  const reader = openEventLogFile(o.log, false);
  let file: Deno.FsFile;
  try {
    file = await Deno.open(o.out, { write: true, create: true, truncate: true });
  } catch (e) {
    await reader.close();
    throw new UsageError(`cannot write ${o.out}: ${(e as Error).message}`);
  }
  const pending: Uint8Array[] = [];
  const pcap = new PcapngWriter((b) => pending.push(b), `netpix ${VERSION}`);
  const incoming = pcap.addInterface(LinkType.Ipv4, "incoming");
  const outgoing = pcap.addInterface(LinkType.Ipv4, "outgoing");
  const counts = { rtp: 0, rtcp: 0, other: 0 };
  const others = new Map<string, number>();
  const cursor = new RecordCursor();
  let failed: string | null = null;
  try {
    await readBatches(reader, 0, (buf, bytes, count) => {
      cursor.reset(buf, bytes, count);
      while (cursor.next()) {
        const frame = buf.subarray(cursor.dataOffset, cursor.dataOffset + cursor.caplen);
        const what = decodeEventLogFrame(frame);
        if (what.kind !== "packet") {
          counts.other++;
          const name = what.kind === "event" ? what.event : "invalid";
          others.set(name, (others.get(name) ?? 0) + 1);
          continue;
        }
        const comment = commentOf(frame, cursor.origlen);
        if (comment.includes("RTCP")) counts.rtcp++;
        else counts.rtp++;
        const timeUs = cursor.tsSec * 1e6 + Math.round(cursor.tsNsec / 1000);
        const iface = what.direction === "incoming" ? incoming : outgoing;
        pcap.writePacket(iface, timeUs, frame.subarray(1), cursor.origlen - 1, comment);
      }
    });
    while (pending.length > 0) {
      const blocks = pending.splice(0);
      for (const b of blocks) await writeAll(file, b);
    }
  } catch (e) {
    failed = (e as Error).message;
  } finally {
    for (const b of pending.splice(0)) await writeAll(file, b);
    file.close();
    await reader.close();
  }
  const notes = [...others].map(([k, n]) => `${n} ${k}`).join(", ");
  console.error(
    `netpix: wrote ${counts.rtp} RTP and ${counts.rtcp} RTCP packets to ${o.out}` +
      (counts.other > 0 ? `; not packets, so not written: ${notes}` : ""),
  );
  if (failed !== null) {
    console.error(`netpix: error: ${failed}`);
    return 1;
  }
  return 0;
}

async function writeAll(f: Deno.FsFile, b: Uint8Array): Promise<void> {
  let at = 0;
  while (at < b.length) at += await f.write(b.subarray(at));
}
