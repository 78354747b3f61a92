/**
 * Test helper (uses Deno file APIs; not part of the browser-compatible decoders): the MPEG-TS datagrams of the
 * committed captures, as the capture pipeline would hand them over (UDP payload, or RTP payload for payload type 33).
 *
 * @module
 */

import { FrameDecoder } from "../frame.ts";
import { readPcapFile } from "../../../tests/_pcap_reader.ts";

/** Where the test data lives. */
export const TESTDATA = new URL("../../../tests/testdata/", import.meta.url);

/** One datagram's TS packets. */
export interface TsDatagramRecord {
  /** tshark's frame.number. */
  readonly frame: number;
  /** The captured frame. */
  readonly bytes: Uint8Array;
  /** Start of the TS packets in `bytes` (UDP payload, after the RTP header for RTP). */
  readonly offset: number;
  /** Bytes of TS packets. */
  readonly length: number;
}

/**
 * Reads the UDP datagrams sent to `port` in a capture under tests/testdata/.
 * @param file Path under tests/testdata/.
 * @param port UDP destination port of the TS sender.
 * @param rtp Strip an RTP header (RFC 3550 §5.1: 12 bytes + CSRCs + extension; padding at the end).
 * @returns The datagrams, in capture order.
 */
export async function readTsDatagrams(file: string, port: number, rtp: boolean): Promise<TsDatagramRecord[]> {
  const pcap = await readPcapFile(new URL(file, TESTDATA));
  const d = new FrameDecoder();
  const out: TsDatagramRecord[] = [];
  for (const rec of pcap.records) {
    d.decode(rec.data, pcap.linkType, rec.originalLength);
    if (d.transport !== 17 || d.dstPort !== port) continue;
    let offset = d.payloadOffset;
    let length = d.payloadLength;
    if (rtp) {
      const b0 = rec.data[offset]!;
      let header = 12 + 4 * (b0 & 0x0f);
      if (b0 & 0x10) header += 4 + 4 * ((rec.data[offset + header + 2]! << 8) | rec.data[offset + header + 3]!);
      const padding = b0 & 0x20 ? rec.data[offset + length - 1]! : 0;
      offset += header;
      length -= header + padding;
    }
    out.push({ frame: rec.frameNumber, bytes: rec.data, offset, length });
  }
  return out;
}
