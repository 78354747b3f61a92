/**
 * Minimal writer of classic libpcap files, for tests only: the counterpart of `_pcap_reader.ts`. Tests use it to write
 * impaired copies of real captures (packets dropped, duplicated, reordered, delayed, rewritten) and hand them to
 * tshark. Always writes little-endian, version 2.4, with microsecond (0xa1b2c3d4) or nanosecond (0xa1b23c4d)
 * timestamps; `captured_length` is the length of `data`.
 *
 * Format: https://www.tcpdump.org/manpages/pcap-savefile.5.html and draft-ietf-opsawg-pcap §4–§5.
 *
 * @module
 */

/** What a written record needs; a {@linkcode import("./_pcap_reader.ts").PcapRecord} fits. */
export interface PcapWriteRecord {
  timestampSeconds: number;
  /** Microseconds or nanoseconds, as the file's `nanosecond` says; must be below 1e6 or 1e9. */
  timestampFraction: number;
  /** Length on the wire; at least `data.length`. */
  originalLength: number;
  data: Uint8Array;
}

/** File header fields of the written file. */
export interface PcapWriteHeader {
  nanosecond: boolean;
  snapLength: number;
  linkType: number;
}

const MAGIC_MICRO = 0xa1b2c3d4;
const MAGIC_NANO = 0xa1b23c4d;
const FILE_HEADER_LENGTH = 24;
const RECORD_HEADER_LENGTH = 16;

/**
 * Serialises records into a classic pcap file.
 * @param header Timestamp precision, snapshot length and link type.
 * @param records Records in file order.
 * @returns The whole file.
 * @throws {RangeError} On a timestamp fraction out of range or a record longer than its original length.
 */
export function writePcap(header: PcapWriteHeader, records: readonly PcapWriteRecord[]): Uint8Array {
  let size = FILE_HEADER_LENGTH;
  for (const r of records) size += RECORD_HEADER_LENGTH + r.data.length;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, header.nanosecond ? MAGIC_NANO : MAGIC_MICRO, true);
  view.setUint16(4, 2, true);
  view.setUint16(6, 4, true);
  view.setUint32(16, header.snapLength, true);
  view.setUint32(20, header.linkType, true);
  const fractionLimit = header.nanosecond ? 1e9 : 1e6;
  let offset = FILE_HEADER_LENGTH;
  for (const [i, r] of records.entries()) {
    if (!(r.timestampFraction >= 0 && r.timestampFraction < fractionLimit) || !Number.isInteger(r.timestampFraction)) {
      throw new RangeError(`Cannot write pcap record ${i + 1}: timestamp fraction ${r.timestampFraction} is invalid`);
    }
    if (r.originalLength < r.data.length) {
      throw new RangeError(
        `Cannot write pcap record ${i + 1}: original length ${r.originalLength} < ${r.data.length} captured`,
      );
    }
    view.setUint32(offset, r.timestampSeconds, true);
    view.setUint32(offset + 4, r.timestampFraction, true);
    view.setUint32(offset + 8, r.data.length, true);
    view.setUint32(offset + 12, r.originalLength, true);
    out.set(r.data, offset + RECORD_HEADER_LENGTH);
    offset += RECORD_HEADER_LENGTH + r.data.length;
  }
  return out;
}

/** Where {@linkcode udpPcap}'s datagrams go. */
export interface UdpPcapOptions {
  src: readonly [number, number, number, number];
  dst: readonly [number, number, number, number];
  srcPort: number;
  dstPort: number;
  /** Unix second of the first record; records are one second apart. */
  firstSecond: number;
}

/**
 * A classic pcap (microsecond, LINKTYPE_ETHERNET) of one Ethernet/IPv4/UDP frame per payload, so tshark can dissect
 * bytes a test built. The IPv4 header checksum is computed; the UDP checksum is 0 ("none", RFC 768).
 */
export function udpPcap(payloads: readonly Uint8Array[], o: UdpPcapOptions): Uint8Array {
  const records = payloads.map((payload, i): PcapWriteRecord => {
    const frame = new Uint8Array(14 + 20 + 8 + payload.length);
    const v = new DataView(frame.buffer);
    frame.set([0x02, 0, 0, 0, 0, 2, 0x02, 0, 0, 0, 0, 1], 0); // dst, src MAC (locally administered)
    v.setUint16(12, 0x0800);
    frame.set([0x45, 0, 0, 0, 0, 0, 0x40, 0, 64, 17], 14); // IPv4, DF, TTL 64, UDP
    v.setUint16(16, 20 + 8 + payload.length);
    frame.set(o.src, 26);
    frame.set(o.dst, 30);
    let sum = 0;
    for (let k = 14; k < 34; k += 2) sum += v.getUint16(k);
    while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
    v.setUint16(24, ~sum & 0xffff);
    v.setUint16(34, o.srcPort);
    v.setUint16(36, o.dstPort);
    v.setUint16(38, 8 + payload.length);
    frame.set(payload, 42);
    return { timestampSeconds: o.firstSecond + i, timestampFraction: 0, originalLength: frame.length, data: frame };
  });
  return writePcap({ nanosecond: false, snapLength: 65535, linkType: 1 }, records);
}
