//! Writing batch records (layout in [`crate::record`]) to a pcap savefile through libpcap's dump functions
//! (`pcap_dump_open(3PCAP)`, `pcap_dump(3PCAP)`), a whole batch per call, with size-based rotation decided per packet.
//!
//! The file takes the link type, snaplen and timestamp precision of the handle it was opened from: a live handle
//! opened by `np_open_live` asks for nanoseconds, so the file gets the nanosecond magic `0xa1b23c4d`
//! (pcap-savefile(5)) and the records' `ts_nsec` are written unchanged.

use crate::record::read_record;
use crate::sys;
use std::io;
use std::os::raw::c_long;

/// Bytes of the savefile header and of each packet header on disk (pcap-savefile(5)).
pub const FILE_HEADER_BYTES: u64 = 24;
pub const PACKET_HEADER_BYTES: u64 = 16;

/// Whether a packet of `caplen` bytes still goes into a file of `pos` bytes under a size `limit` (0 = no limit).
/// A file that holds no packet yet takes any packet, so a packet larger than the limit gets a file of its own
/// instead of stopping the capture.
pub fn fits(pos: u64, caplen: usize, limit: u64) -> bool {
    limit == 0 || pos <= FILE_HEADER_BYTES || pos + PACKET_HEADER_BYTES + caplen as u64 <= limit
}

/// What one [`Dumper::write_batch`] did.
#[derive(Debug, PartialEq, Eq)]
pub struct Written {
    pub records: u32,
    /// Bytes of the batch consumed: where the first record not written starts.
    pub consumed: usize,
    /// True when it stopped because the next packet would take the file past the limit.
    pub full: bool,
}

/// An open savefile. Dropping it closes the file (flushing what is buffered, without reporting failures; call
/// [`Dumper::close`] to hear about them).
pub struct Dumper {
    d: *mut sys::pcap_dumper_t,
    nano: bool,
    /// Bytes written so far, buffered ones included (the file size once flushed).
    pos: u64,
}

impl Dumper {
    /// Opens `path` for `p` (`pcap_dump_open`): truncates it and writes the file header.
    ///
    /// # Safety
    /// `p` is a live, activated (or offline) handle; `path` is NUL-terminated.
    pub unsafe fn open(p: *mut sys::pcap_t, path: &std::ffi::CStr, nano: bool) -> Option<Dumper> {
        // SAFETY: caller contract above.
        let d = unsafe { sys::pcap_dump_open(p, path.as_ptr()) };
        if d.is_null() {
            return None;
        }
        // SAFETY: `d` is a fresh dumper; ftell covers the header still in stdio's buffer.
        let pos = unsafe { sys::pcap_dump_ftell64(d) };
        Some(Dumper { d, nano, pos: u64::try_from(pos).unwrap_or(FILE_HEADER_BYTES) })
    }

    pub fn size(&self) -> u64 {
        self.pos
    }

    /// Writes up to `count` records from `buf` (stopping early when the next would take the file past `limit`,
    /// 0 for none). A record that runs past `buf` is an error, reported after the records before it were written.
    pub fn write_batch(&mut self, buf: &[u8], count: u32, limit: u64) -> Result<Written, String> {
        let mut written = Written { records: 0, consumed: 0, full: false };
        while written.records < count {
            let (meta, data, next) = match read_record(buf, written.consumed) {
                Some(r) => r,
                None => {
                    self.check()?;
                    return Err(format!(
                        "record {} at byte {} runs past the batch end ({} bytes)",
                        written.records,
                        written.consumed,
                        buf.len()
                    ));
                }
            };
            if !fits(self.pos, data.len(), limit) {
                written.full = true;
                break;
            }
            let frac = if self.nano { meta.ts_nsec } else { meta.ts_nsec / 1000 };
            let hdr = sys::pcap_pkthdr {
                ts: sys::timeval { tv_sec: c_long::from(meta.ts_sec), tv_usec: c_long::from(frac) },
                caplen: data.len() as u32,
                len: meta.origlen,
            };
            // SAFETY: `d` is open; pcap_dump(3PCAP) takes the dumper as its `user` argument and reads `caplen`
            // bytes of `data`, which `read_record` checked are inside `buf`.
            unsafe { sys::pcap_dump(self.d.cast(), &hdr, data.as_ptr()) };
            self.pos += PACKET_HEADER_BYTES + data.len() as u64;
            written.records += 1;
            written.consumed = next.min(buf.len());
        }
        self.check()?;
        Ok(written)
    }

    /// Pushes stdio's buffer to the file (`pcap_dump_flush`).
    pub fn flush(&mut self) -> Result<(), String> {
        // SAFETY: `d` is open.
        if unsafe { sys::pcap_dump_flush(self.d) } != 0 {
            return Err(write_error());
        }
        Ok(())
    }

    /// Flushes, then closes the file; a failed flush is returned (the file is closed either way).
    pub fn close(mut self) -> Result<(), String> {
        let flushed = self.check().and_then(|()| self.flush());
        self.release();
        flushed
    }

    /// A write error stdio has recorded on the stream since it was opened (`ferror(3)`).
    fn check(&self) -> Result<(), String> {
        // SAFETY: `d` is open, so its FILE is too.
        if unsafe { sys::ferror(sys::pcap_dump_file(self.d)) } != 0 {
            return Err(write_error());
        }
        Ok(())
    }

    fn release(&mut self) {
        if !self.d.is_null() {
            // SAFETY: `d` is open and closed exactly once, here.
            unsafe { sys::pcap_dump_close(self.d) };
            self.d = std::ptr::null_mut();
        }
    }
}

impl Drop for Dumper {
    fn drop(&mut self) {
        self.release();
    }
}

fn write_error() -> String {
    format!("cannot write the capture file: {}", io::Error::last_os_error())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_keeps_files_within_the_limit_and_gives_an_oversized_packet_its_own_file() {
        let cases = [
            (24, 1000, 0, true, "no limit"),
            (24, 5000, 100, true, "an empty file takes any packet"),
            (60, 24, 100, true, "60 + 16 + 24 = 100 is exactly the limit"),
            (60, 25, 100, false, "one byte more starts a new file"),
            (1000, 1, 100, false, "already past the limit (an oversized first packet)"),
        ];
        for (pos, caplen, limit, want, why) in cases {
            assert_eq!(fits(pos, caplen, limit), want, "{why}");
        }
    }
}
