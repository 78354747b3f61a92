//! The C ABI end to end on capture files written by hand (pcap: pcap-savefile(5); pcapng: RFC draft
//! draft-ietf-opsawg-pcapng, §4.1 SHB, §4.2 IDB, §4.3 EPB).

use netpix_capture::*;
use std::ffi::CString;
use std::path::{Path, PathBuf};
use std::ptr;

/// (ts_sec, ts_usec, data) of the packets in every test file: sizes 1..=5 and 60, first byte = index.
fn packets() -> Vec<(u32, u32, Vec<u8>)> {
    [1_usize, 2, 3, 4, 5, 60]
        .iter()
        .enumerate()
        .map(|(i, &len)| (1_700_000_000 + i as u32, 1000 * i as u32 + 7, vec![i as u8; len]))
        .collect()
}

/// A file in the temp dir, removed when dropped (also when the test fails).
struct TempFile(PathBuf);

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

impl std::ops::Deref for TempFile {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

fn temp_file(name: &str, bytes: &[u8]) -> TempFile {
    let path = std::env::temp_dir().join(format!("netpix-capture-{}-{name}", std::process::id()));
    std::fs::write(&path, bytes).unwrap();
    TempFile(path)
}

/// Classic pcap, microsecond magic, LINKTYPE_ETHERNET, snaplen 65535.
fn pcap_bytes(pkts: &[(u32, u32, Vec<u8>)]) -> Vec<u8> {
    let mut b = Vec::new();
    for v in [0xa1b2_c3d4_u32, 0x0004_0002, 0, 0, 65535, 1] {
        b.extend_from_slice(&v.to_le_bytes()); // magic, version 2.4 (as two u16), thiszone, sigfigs, snaplen, network
    }
    for (sec, usec, data) in pkts {
        for v in [*sec, *usec, data.len() as u32, data.len() as u32 + 100] {
            b.extend_from_slice(&v.to_le_bytes()); // origlen says 100 bytes were cut off
        }
        b.extend_from_slice(data);
    }
    b
}

fn pcapng_bytes(pkts: &[(u32, u32, Vec<u8>)]) -> Vec<u8> {
    fn block(out: &mut Vec<u8>, kind: u32, body: &[u8]) {
        let len = 12 + body.len() as u32;
        out.extend_from_slice(&kind.to_le_bytes());
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(&len.to_le_bytes());
    }
    let mut b = Vec::new();
    let mut shb = vec![];
    shb.extend_from_slice(&0x1a2b_3c4d_u32.to_le_bytes()); // byte-order magic
    shb.extend_from_slice(&[1, 0, 0, 0]); // version 1.0
    shb.extend_from_slice(&(-1_i64).to_le_bytes()); // section length unknown
    block(&mut b, 0x0a0d_0d0a, &shb);
    block(&mut b, 1, &[1, 0, 0, 0, 0xff, 0xff, 0, 0]); // IDB: LINKTYPE_ETHERNET, snaplen 65535, µs resolution
    for (sec, usec, data) in pkts {
        let ts = u64::from(*sec) * 1_000_000 + u64::from(*usec);
        let mut epb = vec![];
        for v in [0, (ts >> 32) as u32, ts as u32, data.len() as u32, data.len() as u32 + 100] {
            epb.extend_from_slice(&v.to_le_bytes()); // interface 0, ts high, ts low, caplen, origlen
        }
        epb.extend_from_slice(data);
        epb.resize((epb.len() + 3) & !3, 0);
        block(&mut b, 6, &epb);
    }
    b
}

struct Handle(*mut Capture);

impl Drop for Handle {
    fn drop(&mut self) {
        unsafe { np_close(self.0) };
    }
}

fn open(path: &Path) -> Result<Handle, String> {
    let c = CString::new(path.to_str().unwrap()).unwrap();
    let mut err = [0_u8; 256];
    let h = unsafe { np_open_offline(c.as_ptr(), err.as_mut_ptr(), err.len()) };
    if h.is_null() {
        Err(String::from_utf8_lossy(&err[..err.iter().position(|&b| b == 0).unwrap()]).into_owned())
    } else {
        Ok(Handle(h))
    }
}

fn u32_at(b: &[u8], off: usize) -> u32 {
    u32::from_le_bytes(b[off..off + 4].try_into().unwrap())
}

/// Reads until EOF with a buffer of `cap` bytes; returns (ts_sec, ts_nsec, origlen, data) per record.
fn read_all(h: &Handle, cap: usize) -> Vec<(u32, u32, u32, Vec<u8>)> {
    let mut buf = vec![0_u8; cap];
    let mut info = [0_u32; 2];
    let mut out = Vec::new();
    loop {
        let n = unsafe { np_read_batch(h.0, buf.as_mut_ptr(), cap, 0, info.as_mut_ptr()) };
        if n == NP_EOF {
            return out;
        }
        assert!(n > 0, "read_batch returned {n}");
        let mut off = 0;
        for _ in 0..n {
            let caplen = u32_at(&buf, off + 8) as usize;
            let data = buf[off + 16..off + 16 + caplen].to_vec();
            out.push((u32_at(&buf, off), u32_at(&buf, off + 4), u32_at(&buf, off + 12), data));
            off += 16 + ((caplen + 3) & !3);
        }
        assert_eq!(off, info[0] as usize, "info_out[0] is the bytes used");
    }
}

fn expected() -> Vec<(u32, u32, u32, Vec<u8>)> {
    packets().into_iter().map(|(s, us, d)| (s, us * 1000, d.len() as u32 + 100, d)).collect()
}

#[test]
fn reads_every_packet_of_a_pcap_whatever_the_buffer_size() {
    let path = temp_file("all.pcap", &pcap_bytes(&packets()));
    for cap in [76, 80, 100, 4096] {
        // 76 bytes = the 60-byte packet's record, the largest
        let h = open(&path).unwrap();
        assert_eq!(read_all(&h, cap), expected(), "cap {cap}");
        let mut info = [0_u32; 2];
        let again = unsafe { np_read_batch(h.0, ptr::null_mut(), 0, 0, info.as_mut_ptr()) };
        assert_eq!(again, NP_EOF, "EOF stays EOF");
    }
    let h = open(&path).unwrap();
    assert_eq!(unsafe { (np_datalink(h.0), np_snapshot(h.0)) }, (1, 65535));
}

#[test]
fn reads_a_pcapng_with_nanosecond_timestamps() {
    let path = temp_file("all.pcapng", &pcapng_bytes(&packets()));
    assert_eq!(read_all(&open(&path).unwrap(), 100), expected());
}

#[test]
fn a_buffer_smaller_than_a_record_returns_too_small_and_keeps_the_packet() {
    let path = temp_file("small.pcap", &pcap_bytes(&packets()[5..]));
    let h = open(&path).unwrap();
    let mut buf = vec![0_u8; 256];
    let mut info = [0_u32; 2];
    assert_eq!(unsafe { np_read_batch(h.0, buf.as_mut_ptr(), 75, 0, info.as_mut_ptr()) }, NP_BUFFER_TOO_SMALL);
    assert_eq!(info, [0, 76], "info_out[1] is the record size needed");
    assert_eq!(unsafe { np_read_batch(h.0, buf.as_mut_ptr(), 76, 0, info.as_mut_ptr()) }, 1);
    assert_eq!((info[0], buf[16]), (76, 5));
    assert_eq!(unsafe { np_read_batch(h.0, buf.as_mut_ptr(), 76, 0, info.as_mut_ptr()) }, NP_EOF);
}

#[test]
fn a_truncated_file_delivers_its_whole_packets_then_an_error() {
    let mut bytes = pcap_bytes(&packets());
    bytes.truncate(bytes.len() - 10);
    let path = temp_file("cut.pcap", &bytes);
    let h = open(&path).unwrap();
    let mut buf = vec![0_u8; 4096];
    let mut info = [0_u32; 2];
    assert_eq!(unsafe { np_read_batch(h.0, buf.as_mut_ptr(), buf.len(), 0, info.as_mut_ptr()) }, 5);
    assert_eq!(unsafe { np_read_batch(h.0, buf.as_mut_ptr(), buf.len(), 0, info.as_mut_ptr()) }, NP_ERROR);
    let mut err = [0_u8; 256];
    let len = unsafe { np_last_error(h.0, err.as_mut_ptr(), err.len()) };
    let text = String::from_utf8_lossy(&err[..len]);
    assert!(text.contains("truncated"), "{text}");
}

#[test]
fn open_errors_carry_libpcap_text() {
    let missing = std::env::temp_dir().join("netpix-capture-does-not-exist.pcap");
    assert!(open(&missing).err().unwrap().contains("No such file or directory"));
    let text = temp_file("notes.txt", b"these are not the packets you are looking for\n");
    assert!(open(&text).err().unwrap().contains("unknown file format"));
}

#[test]
fn filters_apply_offline_and_bad_ones_report_libpcap_message() {
    let path = temp_file("filter.pcap", &pcap_bytes(&packets()));
    let h = open(&path).unwrap();
    let mut err = [0_u8; 256];
    let bad = CString::new("udp port").unwrap();
    assert_eq!(unsafe { np_set_filter(h.0, bad.as_ptr(), err.as_mut_ptr(), err.len()) }, -1);
    assert!(String::from_utf8_lossy(&err).contains("syntax error"));
    let good = CString::new("greater 105").unwrap(); // pcap-filter(7): the wire length (origlen) >= 105
    assert_eq!(unsafe { np_set_filter(h.0, good.as_ptr(), err.as_mut_ptr(), err.len()) }, 0);
    let sizes: Vec<usize> = read_all(&h, 4096).iter().map(|r| r.3.len()).collect();
    assert_eq!(sizes, [5, 60]);
}

#[test]
fn stats_are_unavailable_offline() {
    let path = temp_file("stats.pcap", &pcap_bytes(&packets()));
    let h = open(&path).unwrap();
    let mut out = [0_u32; 3];
    assert_eq!(unsafe { np_stats(h.0, out.as_mut_ptr()) }, -1);
    let mut err = [0_u8; 256];
    let len = unsafe { np_last_error(h.0, err.as_mut_ptr(), err.len()) };
    assert!(len > 0, "libpcap explains why");
}

#[test]
fn null_arguments_are_reported_not_dereferenced() {
    let mut info = [0_u32; 2];
    let mut err = [0_u8; 64];
    unsafe {
        np_close(ptr::null_mut());
        assert!(np_open_offline(ptr::null(), err.as_mut_ptr(), err.len()).is_null());
        assert_eq!(np_read_batch(ptr::null_mut(), ptr::null_mut(), 0, 0, info.as_mut_ptr()), NP_ERROR);
        assert_eq!(np_stats(ptr::null_mut(), ptr::null_mut()), -1);
        assert_eq!(np_datalink(ptr::null_mut()), -1);
        assert_eq!(np_set_filter(ptr::null_mut(), ptr::null(), ptr::null_mut(), 0), -1);
        assert_eq!(np_last_error(ptr::null_mut(), err.as_mut_ptr(), err.len()), "handle is null".len());
    }
}

#[test]
fn version_and_devices_are_text() {
    let mut buf = vec![0_u8; 256];
    let len = unsafe { np_version(buf.as_mut_ptr(), buf.len()) };
    assert!(String::from_utf8_lossy(&buf[..len]).starts_with("libpcap version"));

    let mut err = [0_u8; 256];
    let need = unsafe { np_list_devices(ptr::null_mut(), 0, err.as_mut_ptr(), err.len()) };
    assert!(need <= -2, "a size query returns -(needed bytes), got {need}");
    let mut json = vec![0_u8; (-need) as usize + 1024]; // devices may appear between the two calls
    let len = unsafe { np_list_devices(json.as_mut_ptr(), json.len(), err.as_mut_ptr(), err.len()) };
    let text = std::str::from_utf8(&json[..len as usize]).unwrap();
    assert!(text.starts_with('[') && text.ends_with(']'), "{text}");
    assert!(text.contains(r#"{"name":"lo","#), "{text}");
}
