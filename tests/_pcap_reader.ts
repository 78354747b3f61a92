/**
 * Minimal reader of classic libpcap files, for tests only: little- or big-endian, microsecond (0xa1b2c3d4) or
 * nanosecond (0xa1b23c4d) timestamps. pcapng is not read. Unlike the decoders under test, it throws on a malformed
 * file: a broken fixture should fail loudly.
 *
 * Format: https://www.tcpdump.org/manpages/pcap-savefile.5.html and draft-ietf-opsawg-pcap §4–§5:
 * ```text
 * file header (24): magic(4) version_major(2) version_minor(2) reserved1(4) reserved2(4) snaplen(4) linktype(4)
 * record header (16): ts_sec(4) ts_usec_or_nsec(4) captured_length(4) original_length(4), then captured_length bytes
 * ```
 *
 * @module
 */

/** One packet record. `data` is a view into the file's bytes. */
export interface PcapRecord {
  /** 1-based position in the file, the same as tshark's `frame.number`. */
  frameNumber: number;
  timestampSeconds: number;
  /** Microseconds or nanoseconds, see {@linkcode PcapFile.nanosecond}. */
  timestampFraction: number;
  capturedLength: number;
  originalLength: number;
  data: Uint8Array;
}

/** A whole classic pcap file. */
export interface PcapFile {
  littleEndian: boolean;
  nanosecond: boolean;
  versionMajor: number;
  versionMinor: number;
  snapLength: number;
  /** LINKTYPE_* number (the low 28 bits of the header field; the top bits carry FCS information). */
  linkType: number;
  records: PcapRecord[];
}

/** Thrown when a file is not a classic pcap file or is cut short. */
export class PcapFormatError extends RangeError {
  override name = "PcapFormatError";
}

const MAGIC_MICRO = 0xa1b2c3d4;
const MAGIC_NANO = 0xa1b23c4d;
const MAGIC_PCAPNG = 0x0a0d0d0a; // pcapng Section Header Block type
const FILE_HEADER_LENGTH = 24;
const RECORD_HEADER_LENGTH = 16;
const LINKTYPE_MASK = 0x0fffffff;

/**
 * Parses a classic pcap file held in memory.
 * @param bytes The whole file.
 * @returns Header fields and every record.
 * @throws {PcapFormatError} On an unknown magic number or a record that runs past the end of the file.
 */
export function readPcap(bytes: Uint8Array): PcapFile {
  if (bytes.length < FILE_HEADER_LENGTH) {
    throw new PcapFormatError(`Cannot read pcap file: ${bytes.length} bytes is shorter than the 24-byte header`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magicBig = view.getUint32(0, false);
  const magicLittle = view.getUint32(0, true);
  let littleEndian: boolean;
  let nanosecond: boolean;
  if (magicLittle === MAGIC_MICRO || magicLittle === MAGIC_NANO) {
    littleEndian = true;
    nanosecond = magicLittle === MAGIC_NANO;
  } else if (magicBig === MAGIC_MICRO || magicBig === MAGIC_NANO) {
    littleEndian = false;
    nanosecond = magicBig === MAGIC_NANO;
  } else if (magicBig === MAGIC_PCAPNG) {
    throw new PcapFormatError("Cannot read pcap file: it is pcapng, which this test reader does not support");
  } else {
    throw new PcapFormatError(`Cannot read pcap file: unknown magic number 0x${magicBig.toString(16)}`);
  }
  const u16 = (o: number) => view.getUint16(o, littleEndian);
  const u32 = (o: number) => view.getUint32(o, littleEndian);
  const file: PcapFile = {
    littleEndian,
    nanosecond,
    versionMajor: u16(4),
    versionMinor: u16(6),
    snapLength: u32(16),
    linkType: u32(20) & LINKTYPE_MASK,
    records: [],
  };
  let offset = FILE_HEADER_LENGTH;
  while (offset < bytes.length) {
    if (offset + RECORD_HEADER_LENGTH > bytes.length) {
      throw new PcapFormatError(`Cannot read pcap record ${file.records.length + 1}: header cut at byte ${offset}`);
    }
    const capturedLength = u32(offset + 8);
    const start = offset + RECORD_HEADER_LENGTH;
    if (start + capturedLength > bytes.length) {
      throw new PcapFormatError(
        `Cannot read pcap record ${file.records.length + 1}: ${capturedLength} bytes announced, ${
          bytes.length - start
        } left`,
      );
    }
    file.records.push({
      frameNumber: file.records.length + 1,
      timestampSeconds: u32(offset),
      timestampFraction: u32(offset + 4),
      capturedLength,
      originalLength: u32(offset + 12),
      data: bytes.subarray(start, start + capturedLength),
    });
    offset = start + capturedLength;
  }
  return file;
}

/**
 * Reads and parses a classic pcap file from disk.
 * @param path File path or URL.
 * @returns The parsed file.
 */
export async function readPcapFile(path: string | URL): Promise<PcapFile> {
  return readPcap(await Deno.readFile(path));
}
