//! The batch record format shared with `ffi/records.ts`, and the packet that did not fit in the last batch.
//!
//! ```text
//!  0               4               8               12              16
//! |    ts_sec     |    ts_nsec    |    caplen     |    origlen    | caplen bytes, zero-padded to 4 |
//! ```
//! All fields are u32 little-endian; every record starts 4-byte aligned.

/// Bytes before the packet data in each record.
pub const HEADER_BYTES: usize = 16;

/// One packet's metadata, already in record units (nanosecond timestamp).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Meta {
    pub ts_sec: u32,
    pub ts_nsec: u32,
    pub origlen: u32,
}

/// Size of the record for a packet of `caplen` bytes.
pub fn record_len(caplen: usize) -> usize {
    HEADER_BYTES + ((caplen + 3) & !3)
}

/// Reads the record at `off` of a batch filled by [`Writer`] (or handed back by the caller, so untrusted): its meta,
/// its packet bytes and the offset of the next record. `None` when the header or the data would run past `buf`.
pub fn read_record(buf: &[u8], off: usize) -> Option<(Meta, &[u8], usize)> {
    let header = buf.get(off..off.checked_add(HEADER_BYTES)?)?;
    let field = |i: usize| u32::from_le_bytes([header[i], header[i + 1], header[i + 2], header[i + 3]]);
    let caplen = field(8) as usize;
    let start = off + HEADER_BYTES;
    let data = buf.get(start..start.checked_add(caplen)?)?;
    let next = off.checked_add(record_len(caplen))?;
    Some((Meta { ts_sec: field(0), ts_nsec: field(4), origlen: field(12) }, data, next))
}

/// Appends records to the caller's batch buffer.
pub struct Writer<'a> {
    buf: &'a mut [u8],
    used: usize,
    count: u32,
}

impl<'a> Writer<'a> {
    /// Records are never longer than `u32::MAX` total, so the byte count fits `info_out[0]`.
    pub fn new(buf: &'a mut [u8]) -> Self {
        let cap = buf.len().min(u32::MAX as usize);
        Writer { buf: &mut buf[..cap], used: 0, count: 0 }
    }

    pub fn used(&self) -> usize {
        self.used
    }

    pub fn count(&self) -> u32 {
        self.count
    }

    /// Writes one record, or returns false (writing nothing) when it does not fit.
    pub fn push(&mut self, meta: Meta, data: &[u8]) -> bool {
        let len = record_len(data.len());
        if len > self.buf.len() - self.used {
            return false;
        }
        let rec = &mut self.buf[self.used..self.used + len];
        rec[0..4].copy_from_slice(&meta.ts_sec.to_le_bytes());
        rec[4..8].copy_from_slice(&meta.ts_nsec.to_le_bytes());
        rec[8..12].copy_from_slice(&(data.len() as u32).to_le_bytes());
        rec[12..16].copy_from_slice(&meta.origlen.to_le_bytes());
        let (body, pad) = rec[HEADER_BYTES..].split_at_mut(data.len());
        body.copy_from_slice(data);
        pad.fill(0);
        self.used += len;
        self.count += 1;
        true
    }
}

/// A packet copied out of libpcap because the batch it arrived in was full; it leads the next batch.
#[derive(Default)]
pub struct Pending {
    meta: Meta,
    data: Vec<u8>,
    present: bool,
}

impl Pending {
    /// Record size the next batch needs for this packet (0 when there is none).
    pub fn record_len(&self) -> usize {
        if self.present {
            record_len(self.data.len())
        } else {
            0
        }
    }

    /// Copies the packet; the allocation is reused from one overflow to the next.
    pub fn keep(&mut self, meta: Meta, data: &[u8]) {
        self.meta = meta;
        self.data.clear();
        self.data.extend_from_slice(data);
        self.present = true;
    }

    /// Moves the packet into `w`; false (and still kept) when it does not fit.
    pub fn flush_into(&mut self, w: &mut Writer<'_>) -> bool {
        if !self.present {
            return true;
        }
        if !w.push(self.meta, &self.data) {
            return false;
        }
        self.present = false;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u32_at(b: &[u8], off: usize) -> u32 {
        u32::from_le_bytes([b[off], b[off + 1], b[off + 2], b[off + 3]])
    }

    #[test]
    fn record_len_pads_to_four_bytes() {
        let cases = [(0, 16), (1, 20), (3, 20), (4, 20), (5, 24), (1514, 1532)];
        for (caplen, want) in cases {
            assert_eq!(record_len(caplen), want, "caplen {caplen}");
        }
    }

    #[test]
    fn push_writes_header_data_and_zero_padding() {
        let mut buf = [0xaa_u8; 64];
        let mut w = Writer::new(&mut buf);
        assert!(w.push(Meta { ts_sec: 1_700_000_000, ts_nsec: 123_456_789, origlen: 1500 }, &[1, 2, 3, 4, 5]));
        assert!(w.push(Meta { ts_sec: 7, ts_nsec: 8, origlen: 0 }, &[]));
        assert_eq!((w.used(), w.count()), (24 + 16, 2));
        assert_eq!(u32_at(&buf, 0), 1_700_000_000);
        assert_eq!(u32_at(&buf, 4), 123_456_789);
        assert_eq!(u32_at(&buf, 8), 5); // caplen from the data
        assert_eq!(u32_at(&buf, 12), 1500);
        assert_eq!(&buf[16..24], &[1, 2, 3, 4, 5, 0, 0, 0]);
        assert_eq!((u32_at(&buf, 24), u32_at(&buf, 32)), (7, 0));
        assert_eq!(buf[40], 0xaa, "bytes past the last record are untouched");
    }

    #[test]
    fn push_refuses_a_record_that_does_not_fit() {
        let mut buf = [0_u8; 40];
        let mut w = Writer::new(&mut buf);
        assert!(w.push(Meta::default(), &[0; 8])); // 24 bytes
        assert!(!w.push(Meta::default(), &[0; 1])); // 20 > 16 left
        assert!(w.push(Meta::default(), &[])); // exactly 16 left
        assert_eq!((w.used(), w.count()), (40, 2));
    }

    #[test]
    fn read_record_walks_what_push_wrote_and_refuses_to_run_past_the_end() {
        let mut buf = [0_u8; 64];
        let mut w = Writer::new(&mut buf);
        assert!(w.push(Meta { ts_sec: 5, ts_nsec: 999_999_999, origlen: 70 }, &[1, 2, 3, 4, 5]));
        assert!(w.push(Meta { ts_sec: 6, ts_nsec: 1, origlen: 0 }, &[]));
        let used = w.used();
        let (m, data, next) = read_record(&buf[..used], 0).unwrap();
        assert_eq!((m, data, next), (Meta { ts_sec: 5, ts_nsec: 999_999_999, origlen: 70 }, &[1, 2, 3, 4, 5][..], 24));
        let (m, data, next) = read_record(&buf[..used], next).unwrap();
        assert_eq!((m.ts_sec, data.len(), next), (6, 0, 40));
        assert!(read_record(&buf[..used], next).is_none(), "no header left");
        assert!(read_record(&buf[..20], 0).is_none(), "caplen 5 runs past a 20-byte batch");
        assert!(read_record(&buf[..used], usize::MAX - 3).is_none(), "offsets near usize::MAX do not wrap");
        buf[8..12].copy_from_slice(&u32::MAX.to_le_bytes());
        assert!(read_record(&buf, 0).is_none(), "a huge caplen is refused");
    }

    #[test]
    fn pending_packet_leads_the_next_batch() {
        let mut pending = Pending::default();
        assert_eq!(pending.record_len(), 0, "nothing kept yet");
        pending.keep(Meta { ts_sec: 1, ts_nsec: 2, origlen: 9 }, &[9; 9]);
        assert_eq!(pending.record_len(), 28);

        let mut small = [0_u8; 27];
        assert!(!pending.flush_into(&mut Writer::new(&mut small)));
        assert_eq!(pending.record_len(), 28, "too small: still kept");

        let mut buf = [0_u8; 64];
        let mut w = Writer::new(&mut buf);
        assert!(pending.flush_into(&mut w));
        assert_eq!(pending.record_len(), 0);
        assert_eq!((w.count(), w.used()), (1, 28));
        assert!(pending.flush_into(&mut w), "nothing pending is a no-op");
        assert_eq!((u32_at(&buf, 0), u32_at(&buf, 8), u32_at(&buf, 12)), (1, 9, 9));
    }
}
