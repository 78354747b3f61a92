/**
 * Turns one raw record into the packets table's cells, with the shared frame decoder.
 * @module
 */

import { describeFrame, formatAddress, FRAME_STATUS_NAMES, FrameDecoder, FrameStatus } from "../protocols/frame.ts";
import { RECORD_HEADER_BYTES } from "../wire/messages.ts";
import type { RowRef } from "./packet_list.ts";

export interface RowCells {
  no: string;
  time: string;
  source: string;
  destination: string;
  transport: string;
  length: string;
  info: string;
  issue: boolean;
}

const IP_PROTOCOL_NAMES: Record<number, string> = {
  1: "ICMP",
  2: "IGMP",
  6: "TCP",
  17: "UDP",
  58: "ICMPv6",
  132: "SCTP",
};

function endpoint(bytes: Uint8Array, addrOffset: number, version: 4 | 6, port: number): string {
  const a = formatAddress(bytes, addrOffset, version);
  if (port < 0) return a;
  return version === 6 ? `[${a}]:${port}` : `${a}:${port}`;
}

/** Seconds since the capture time `t0Sec`.`t0Nsec` of the first packet shown, with microsecond digits. */
export function relativeTime(tsSec: number, tsNsec: number, t0Sec: number, t0Nsec: number): string {
  return (tsSec - t0Sec + (tsNsec - t0Nsec) / 1e9).toFixed(6);
}

export class RowFormatter {
  readonly #decoder = new FrameDecoder();
  /** Capture time of the first packet, seconds and nanoseconds; times are shown relative to it. -1 until known. */
  t0Sec = -1;
  t0Nsec = 0;

  /** Makes `ref` (the first packet of a source) time zero. */
  setOrigin(ref: RowRef): void {
    const view = new DataView(ref.records.buffer, ref.records.byteOffset, ref.records.byteLength);
    this.t0Sec = view.getUint32(ref.offset, true);
    this.t0Nsec = view.getUint32(ref.offset + 4, true);
  }

  format(ref: RowRef): RowCells {
    const view = new DataView(ref.records.buffer, ref.records.byteOffset, ref.records.byteLength);
    const tsSec = view.getUint32(ref.offset, true);
    const tsNsec = view.getUint32(ref.offset + 4, true);
    const caplen = view.getUint32(ref.offset + 8, true);
    const origlen = view.getUint32(ref.offset + 12, true);
    const start = ref.offset + RECORD_HEADER_BYTES;
    const frame = ref.records.subarray(start, Math.min(start + caplen, ref.records.length));
    const d = this.#decoder;
    const status = d.decode(frame, ref.linkType, origlen);
    const ip = d.ipVersion === 4 || d.ipVersion === 6;
    const ipv = d.ipVersion as 4 | 6;
    return {
      no: String(ref.id),
      time: relativeTime(tsSec, tsNsec, this.t0Sec, this.t0Nsec),
      source: ip ? endpoint(frame, d.srcAddrOffset, ipv, d.srcPort) : "",
      destination: ip ? endpoint(frame, d.dstAddrOffset, ipv, d.dstPort) : "",
      transport: ip ? IP_PROTOCOL_NAMES[d.ipProtocol] ?? `proto ${d.ipProtocol}` : "",
      length: String(origlen),
      info: status === FrameStatus.Ok
        ? describeFrame(d, frame)
        : `${describeFrame(d, frame)} [${FRAME_STATUS_NAMES[status] ?? status}]`,
      issue: status !== FrameStatus.Ok,
    };
  }
}
