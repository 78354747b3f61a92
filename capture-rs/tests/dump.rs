//! Writing savefiles through the C ABI: records read from a hand-written pcap (pcap-savefile(5)) are dumped with
//! `np_dump_batch`, and the files written are read back with `np_open_offline`.

use netpix_capture::*;
use std::ffi::CString;
use std::path::PathBuf;
use std::ptr;

/// A path in the temp dir, its file removed when dropped.
struct TempPath(PathBuf);

impl Drop for TempPath {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn temp_path(name: &str) -> TempPath {
    TempPath(std::env::temp_dir().join(format!("netpix-dump-{}-{name}", std::process::id())))
}

fn c_path(p: &TempPath) -> CString {
    CString::new(p.0.to_str().unwrap()).unwrap()
}

fn text(err: &[u8]) -> String {
    String::from_utf8_lossy(&err[..err.iter().position(|&b| b == 0).unwrap_or(err.len())]).into_owned()
}

/// Microsecond pcap, LINKTYPE_ETHERNET, snaplen 65535: packets of `sizes` bytes, first byte = index, one second apart.
fn source_pcap(sizes: &[usize]) -> TempPath {
    let mut b = Vec::new();
    for v in [0xa1b2_c3d4_u32, 0x0004_0002, 0, 0, 65535, 1] {
        b.extend_from_slice(&v.to_le_bytes());
    }
    for (i, &len) in sizes.iter().enumerate() {
        for v in [1_700_000_000 + i as u32, 123_456 + i as u32, len as u32, len as u32 + 4] {
            b.extend_from_slice(&v.to_le_bytes());
        }
        b.extend(std::iter::repeat(i as u8).take(len));
    }
    let p = temp_path(&format!("src-{}.pcap", sizes.len()));
    std::fs::write(&p.0, b).unwrap();
    p
}

struct Handle(*mut Capture);

impl Drop for Handle {
    fn drop(&mut self) {
        unsafe { np_close(self.0) };
    }
}

fn open(p: &TempPath) -> Handle {
    let mut err = [0_u8; 256];
    let h = unsafe { np_open_offline(c_path(p).as_ptr(), err.as_mut_ptr(), err.len()) };
    assert!(!h.is_null(), "{}", text(&err));
    Handle(h)
}

/// One batch holding every record of the file.
fn read_batch(h: &Handle) -> (Vec<u8>, u32) {
    let mut buf = vec![0_u8; 1 << 16];
    let mut info = [0_u32; 2];
    let n = unsafe { np_read_batch(h.0, buf.as_mut_ptr(), buf.len(), 0, info.as_mut_ptr()) };
    assert!(n > 0, "read_batch returned {n}");
    buf.truncate(info[0] as usize);
    (buf, n as u32)
}

fn open_dump(h: &Handle, p: &TempPath) -> *mut Dumper {
    let mut err = [0_u8; 256];
    let d = unsafe { np_dump_open(h.0, c_path(p).as_ptr(), err.as_mut_ptr(), err.len()) };
    assert!(!d.is_null(), "{}", text(&err));
    d
}

fn close_dump(d: *mut Dumper) {
    let mut err = [0_u8; 256];
    assert_eq!(unsafe { np_dump_close(d, err.as_mut_ptr(), err.len()) }, 0, "{}", text(&err));
}

/// Returns (records written, [bytes consumed, file size]).
fn dump(d: *mut Dumper, batch: &[u8], count: u32, limit: u64) -> (i64, [u64; 2]) {
    let mut info = [0_u64; 2];
    let mut err = [0_u8; 256];
    let n = unsafe {
        np_dump_batch(d, batch.as_ptr(), batch.len(), count, limit, info.as_mut_ptr(), err.as_mut_ptr(), err.len())
    };
    assert!(n >= 0, "{}", text(&err));
    (n, info)
}

#[test]
fn a_dumped_batch_reads_back_identical_with_the_nanosecond_magic() {
    let src = source_pcap(&[1, 2, 60, 1514]);
    let h = open(&src);
    let (batch, count) = read_batch(&h);
    let out = temp_path("copy.pcap");
    let d = open_dump(&h, &out);
    let (n, [consumed, size]) = dump(d, &batch, count, 0);
    assert_eq!((n, consumed as usize), (4, batch.len()));
    assert_eq!(size, 24 + 4 * 16 + (1 + 2 + 60 + 1514), "header, 4 packet headers, the data");
    close_dump(d);

    let bytes = std::fs::read(&out.0).unwrap();
    assert_eq!(bytes.len() as u64, size);
    assert_eq!(u32::from_le_bytes(bytes[0..4].try_into().unwrap()), 0xa1b2_3c4d, "nanosecond magic");
    assert_eq!(u32::from_le_bytes(bytes[28..32].try_into().unwrap()), 123_456_000, "first ts in nanoseconds");
    let (again, again_count) = read_batch(&open(&out));
    assert_eq!((again, again_count), (batch, count), "same records: timestamps, lengths, bytes");
}

#[test]
fn a_size_limit_stops_before_the_packet_that_would_pass_it() {
    let src = source_pcap(&[100, 100, 100, 500, 100]);
    let h = open(&src);
    let (batch, count) = read_batch(&h);
    let limit = 24 + 2 * (16 + 100); // room for exactly two 100-byte packets
    let mut files = Vec::new();
    let mut off = 0_usize;
    let mut left = count;
    while left > 0 {
        let out = temp_path(&format!("rot-{}.pcap", files.len()));
        let d = open_dump(&h, &out);
        let (n, [consumed, size]) = dump(d, &batch[off..], left, limit);
        assert!(n >= 1, "a fresh file always takes a packet");
        assert!(size <= limit || n == 1, "only a lone oversized packet passes the limit");
        close_dump(d);
        off += consumed as usize;
        left -= n as u32;
        files.push((out, n));
    }
    let per_file: Vec<i64> = files.iter().map(|f| f.1).collect();
    assert_eq!(per_file, vec![2, 1, 1, 1], "100+100 | 100 | 500 alone | 100");
    let sizes: Vec<usize> = files.iter().map(|f| read_batch(&open(&f.0)).1 as usize).collect();
    assert_eq!(sizes, vec![2, 1, 1, 1]);
}

#[test]
fn count_limits_the_records_written() {
    let src = source_pcap(&[10, 20, 30]);
    let h = open(&src);
    let (batch, _) = read_batch(&h);
    let out = temp_path("count.pcap");
    let d = open_dump(&h, &out);
    let (n, [consumed, _]) = dump(d, &batch, 2, 0);
    assert_eq!((n, consumed), (2, 16 + 12 + 16 + 20));
    close_dump(d);
    assert_eq!(read_batch(&open(&out)).1, 2);
}

#[test]
fn a_corrupt_batch_is_an_error_not_a_read_past_its_end() {
    let src = source_pcap(&[10, 20]);
    let h = open(&src);
    let (batch, _) = read_batch(&h);
    let out = temp_path("corrupt.pcap");
    let d = open_dump(&h, &out);
    let mut info = [0_u64; 2];
    let mut err = [0_u8; 256];
    let short = &batch[..batch.len() - 4]; // the second record's data runs past the end
    let n =
        unsafe { np_dump_batch(d, short.as_ptr(), short.len(), 2, 0, info.as_mut_ptr(), err.as_mut_ptr(), err.len()) };
    assert_eq!(n, -1);
    assert!(text(&err).contains("record 1 at byte 28 runs past the batch end"), "{}", text(&err));
    close_dump(d);
    assert_eq!(read_batch(&open(&out)).1, 1, "the whole record before it was written");
}

#[test]
fn write_failures_and_bad_paths_are_reported_with_the_system_reason() {
    let src = source_pcap(&[10]);
    let h = open(&src);
    let mut err = [0_u8; 256];
    let missing = CString::new("/nonexistent-dir/x.pcap").unwrap();
    let d = unsafe { np_dump_open(h.0, missing.as_ptr(), err.as_mut_ptr(), err.len()) };
    assert!(d.is_null());
    assert!(text(&err).contains("No such file or directory"), "{}", text(&err));

    let full = CString::new("/dev/full").unwrap();
    let d = unsafe { np_dump_open(h.0, full.as_ptr(), err.as_mut_ptr(), err.len()) };
    assert!(!d.is_null(), "{}", text(&err));
    assert_eq!(unsafe { np_dump_flush(d, err.as_mut_ptr(), err.len()) }, -1);
    assert!(text(&err).contains("No space left on device"), "{}", text(&err));
    assert_eq!(unsafe { np_dump_close(d, err.as_mut_ptr(), err.len()) }, -1, "the error stays on the stream");
}

#[test]
fn null_dump_arguments_are_reported_not_dereferenced() {
    let mut err = [0_u8; 256];
    let mut info = [0_u64; 2];
    let n = unsafe { np_dump_batch(ptr::null_mut(), ptr::null(), 0, 0, 0, info.as_mut_ptr(), err.as_mut_ptr(), 256) };
    assert_eq!(n, -1);
    assert_eq!(unsafe { np_dump_flush(ptr::null_mut(), err.as_mut_ptr(), err.len()) }, -1);
    assert_eq!(unsafe { np_dump_close(ptr::null_mut(), err.as_mut_ptr(), err.len()) }, 0);
    let path = CString::new("/tmp/x.pcap").unwrap();
    assert!(unsafe { np_dump_open(ptr::null_mut(), path.as_ptr(), err.as_mut_ptr(), err.len()) }.is_null());
}
