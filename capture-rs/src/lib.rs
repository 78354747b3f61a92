//! netpix_capture: libpcap behind a small C ABI, loaded by `ffi/capture.ts` with `Deno.dlopen`.
//!
//! Packets cross the boundary in batches of flat records (layout in [`record`]), never one call per packet.
//! Conventions for every exported function:
//! - handles are opaque `*mut Capture` from `np_open_*`, freed by `np_close`; null handles are reported, not
//!   dereferenced;
//! - strings in are NUL-terminated UTF-8; text out goes to a caller buffer `(buf, len)`, NUL-terminated and cut
//!   to fit;
//! - no panic crosses the boundary: bodies run inside `catch_unwind` (hence `panic = "unwind"` in Cargo.toml).
#![deny(unsafe_op_in_unsafe_fn)]
#![allow(non_camel_case_types)]

mod batch;
mod capture;
mod devices;
mod dump;
mod json;
mod record;
mod sys;
mod text;

pub use capture::{Capture, LiveOptions};
pub use dump::Dumper;

use batch::Batch;
use std::ffi::CStr;
use std::os::raw::c_char;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr;
use text::write_c_text;

/// `np_read_batch` results other than a record count.
pub const NP_EOF: i32 = -1;
pub const NP_ERROR: i32 = -2;
pub const NP_BUFFER_TOO_SMALL: i32 = -3;

/// Runs `f`, turning a panic into `fallback`.
fn guard<T>(fallback: T, f: impl FnOnce() -> T) -> T {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or(fallback)
}

/// # Safety
/// `p` is null or valid for `len` writable bytes, not aliased during the call.
unsafe fn out_bytes<'a>(p: *mut u8, len: usize) -> &'a mut [u8] {
    if p.is_null() {
        return &mut [];
    }
    // SAFETY: non-null; validity for `len` bytes is the caller contract.
    unsafe { std::slice::from_raw_parts_mut(p, len) }
}

/// # Safety
/// `p` is null or a NUL-terminated string alive during the call.
unsafe fn in_str<'a>(p: *const c_char) -> Option<&'a CStr> {
    // SAFETY: non-null and NUL-terminated per the caller contract.
    (!p.is_null()).then(|| unsafe { CStr::from_ptr(p) })
}

/// # Safety
/// `h` is null or a handle from `np_open_*` not yet passed to `np_close`.
unsafe fn handle<'a>(h: *mut Capture) -> Option<&'a Capture> {
    // SAFETY: a live handle per the caller contract; `Capture` synchronizes its own state.
    unsafe { h.as_ref() }
}

/// Writes `text` into the caller's `(buf, len)`; returns its full length.
///
/// # Safety
/// As for [`out_bytes`].
unsafe fn put_text(buf: *mut u8, len: usize, text: &str) -> usize {
    // SAFETY: forwarded caller contract.
    write_c_text(unsafe { out_bytes(buf, len) }, text)
}

/// Moves `result`'s value to the heap for the caller (who frees it with the matching close function), or writes
/// the error into `(errbuf, errlen)` and returns null.
///
/// # Safety
/// As for [`out_bytes`] on `(errbuf, errlen)`.
unsafe fn boxed_or_error<T>(result: Result<T, String>, errbuf: *mut u8, errlen: usize) -> *mut T {
    match result {
        Ok(value) => Box::into_raw(Box::new(value)),
        Err(e) => {
            // SAFETY: forwarded caller contract.
            unsafe { put_text(errbuf, errlen, &e) };
            ptr::null_mut()
        }
    }
}

/// Opens a pcap or pcapng file with nanosecond timestamps. Returns null on failure, with libpcap's text
/// (e.g. "...: No such file or directory", "unknown file format") in `errbuf`.
///
/// # Safety
/// `path` is null or NUL-terminated; `errbuf` is null or valid for `errlen` bytes.
#[no_mangle]
pub unsafe extern "C" fn np_open_offline(path: *const c_char, errbuf: *mut u8, errlen: usize) -> *mut Capture {
    guard(ptr::null_mut(), || {
        // SAFETY: caller contract above.
        let result = match unsafe { in_str(path) } {
            None => Err("path is null".to_string()),
            Some(path) => Capture::open_offline(path),
        };
        // SAFETY: caller contract above.
        unsafe { boxed_or_error(result, errbuf, errlen) }
    })
}

/// Opens `device` for live capture (`pcap_create`, options, `pcap_activate`), non-blocking.
/// `buffer_size` is in bytes, 0 for libpcap's default; `timeout_ms` is the packet buffer timeout
/// (`pcap_set_timeout`), 0 for capture-rs's default of 10 ms. `*status_out` gets the activate status: 0, a warning
/// (> 0, text in `errbuf`) or, with a null return, the error (`PCAP_ERROR_NO_SUCH_DEVICE` = -5,
/// `PCAP_ERROR_PERM_DENIED` = -8, ...; -1 for other failures) with its message in `errbuf`.
///
/// # Safety
/// `device` is null or NUL-terminated; `errbuf` is null or valid for `errlen` bytes; `status_out` is null or
/// a writable i32.
#[no_mangle]
pub unsafe extern "C" fn np_open_live(
    device: *const c_char,
    snaplen: i32,
    promisc: i32,
    immediate: i32,
    buffer_size: i32,
    timeout_ms: i32,
    errbuf: *mut u8,
    errlen: usize,
    status_out: *mut i32,
) -> *mut Capture {
    guard(ptr::null_mut(), || {
        let opts = LiveOptions { snaplen, promisc: promisc != 0, immediate: immediate != 0, buffer_size, timeout_ms };
        // SAFETY: caller contract above.
        let result = match unsafe { in_str(device) } {
            None => Err((sys::PCAP_ERROR, "device is null".to_string())),
            Some(device) => Capture::open_live(device, &opts),
        };
        let (status, text, capture) = match result {
            Ok((c, status, warning)) => (status, warning, Box::into_raw(Box::new(c))),
            Err((status, e)) => (status, e, ptr::null_mut()),
        };
        // SAFETY: caller contract above.
        unsafe {
            if !text.is_empty() {
                put_text(errbuf, errlen, &text);
            }
            if !status_out.is_null() {
                *status_out = status;
            }
        }
        capture
    })
}

/// Compiles `expr` (`pcap_compile`, optimized, netmask unknown) and applies it. 0 on success; -1 with
/// libpcap's message in `errbuf`.
///
/// # Safety
/// `h` is a live handle or null; `expr` is null or NUL-terminated; `errbuf` is null or valid for `errlen`.
#[no_mangle]
pub unsafe extern "C" fn np_set_filter(h: *mut Capture, expr: *const c_char, errbuf: *mut u8, errlen: usize) -> i32 {
    guard(-1, || {
        // SAFETY: caller contract above.
        let result = match unsafe { (handle(h), in_str(expr)) } {
            (None, _) => Err("handle is null".to_string()),
            (_, None) => Err("filter expression is null".to_string()),
            (Some(c), Some(expr)) => c.set_filter(expr),
        };
        match result {
            Ok(()) => 0,
            Err(e) => {
                // SAFETY: caller contract above.
                unsafe { put_text(errbuf, errlen, &e) };
                -1
            }
        }
    })
}

/// Reads a batch of packet records into `buf` (layout in `record.rs`). Returns the number of records (0 when a
/// live handle had nothing within `wait_ms`), `NP_EOF` (-1) once a file is exhausted and every packet has been
/// delivered, `NP_ERROR` (-2, text via `np_last_error`) or `NP_BUFFER_TOO_SMALL` (-3: the next packet's record
/// needs `info_out[1]` bytes; it stays queued). `info_out[0]` gets the bytes used.
/// A packet that does not fit is kept and leads the next batch. A live handle with nothing buffered waits in
/// `poll(2)` for at most `wait_ms` (none when `wait_ms <= 0`), then drains once more; it never busy-polls.
///
/// # Safety
/// `h` is a live handle or null, with no other `np_read_batch` on it in flight; `buf` is null or valid for
/// `cap` writable bytes; `info_out` is null or points to 2 writable u32.
#[no_mangle]
pub unsafe extern "C" fn np_read_batch(
    h: *mut Capture,
    buf: *mut u8,
    cap: usize,
    wait_ms: i32,
    info_out: *mut u32,
) -> i32 {
    guard(NP_ERROR, || {
        // SAFETY: caller contract above.
        let c = match unsafe { handle(h) } {
            Some(c) if !info_out.is_null() && (cap == 0 || !buf.is_null()) => c,
            _ => return NP_ERROR,
        };
        // SAFETY: caller contract above.
        let (result, used) = c.read_batch(unsafe { out_bytes(buf, cap) }, wait_ms);
        let (code, need) = match result {
            Batch::Records(n) => (n as i32, 0),
            Batch::Eof => (NP_EOF, 0),
            Batch::Error(_) => (NP_ERROR, 0),
            Batch::TooSmall(need) => (NP_BUFFER_TOO_SMALL, need as u32),
        };
        // SAFETY: `info_out` is non-null (checked above) and points to 2 u32 per the caller contract.
        unsafe {
            *info_out = used as u32;
            *info_out.add(1) = need;
        }
        code
    })
}

/// `pcap_stats`: `out[0]` = received, `out[1]` = dropped by the kernel, `out[2]` = dropped by the interface.
/// 0 on success; -1 (text via `np_last_error`) for files, which have no statistics.
///
/// # Safety
/// `h` is a live handle or null; `out` is null or points to 3 writable u32.
#[no_mangle]
pub unsafe extern "C" fn np_stats(h: *mut Capture, out: *mut u32) -> i32 {
    guard(-1, || {
        // SAFETY: caller contract above.
        let (c, out) = match unsafe { (handle(h), out.as_mut()) } {
            (Some(c), Some(out)) => (c, out as *mut u32),
            _ => return -1,
        };
        match c.stats() {
            Ok(s) => {
                // SAFETY: `out` points to 3 u32 per the caller contract.
                unsafe { ptr::copy_nonoverlapping(s.as_ptr(), out, 3) };
                0
            }
            Err(_) => -1,
        }
    })
}

/// `pcap_datalink`: the LINKTYPE/DLT of the handle (1 = Ethernet, 113 = Linux cooked); -1 for null.
///
/// # Safety
/// `h` is a live handle or null.
#[no_mangle]
pub unsafe extern "C" fn np_datalink(h: *mut Capture) -> i32 {
    // SAFETY: caller contract above.
    guard(-1, || unsafe { handle(h) }.map_or(-1, |c| c.datalink()))
}

/// `pcap_snapshot`: the snapshot length; -1 for null.
///
/// # Safety
/// `h` is a live handle or null.
#[no_mangle]
pub unsafe extern "C" fn np_snapshot(h: *mut Capture) -> i32 {
    // SAFETY: caller contract above.
    guard(-1, || unsafe { handle(h) }.map_or(-1, |c| c.snapshot()))
}

/// Copies the handle's last error text into `buf`; returns its full length (`>= len` means it was cut).
///
/// # Safety
/// `h` is a live handle or null; `buf` is null or valid for `len` bytes.
#[no_mangle]
pub unsafe extern "C" fn np_last_error(h: *mut Capture, buf: *mut u8, len: usize) -> usize {
    guard(0, || {
        // SAFETY: caller contract above.
        let text = unsafe { handle(h) }.map_or_else(|| "handle is null".to_string(), |c| c.last_error());
        // SAFETY: caller contract above.
        unsafe { put_text(buf, len, &text) }
    })
}

/// Closes the handle and frees it. Null is ignored.
///
/// # Safety
/// `h` is null or a handle from `np_open_*` with no call on it in flight; it must not be used afterwards.
#[no_mangle]
pub unsafe extern "C" fn np_close(h: *mut Capture) {
    guard((), || {
        if !h.is_null() {
            // SAFETY: `h` came from Box::into_raw in np_open_* and is freed once (caller contract).
            drop(unsafe { Box::from_raw(h) });
        }
    })
}

/// Writes the capture devices (`pcap_findalldevs`) as a UTF-8 JSON array (no NUL) into `buf`:
/// `[{"name","description","flags":{"loopback","up","running","wireless"},"addresses":[{"addr","netmask"}]}]`,
/// IPv4 and IPv6 addresses only. Returns the bytes written; when `cap` is too small, `-(needed bytes)` (always
/// <= -2, since the shortest answer is `[]`) and nothing is written; -1 with libpcap's text in `errbuf`.
///
/// # Safety
/// `buf` is null or valid for `cap` bytes; `errbuf` is null or valid for `errlen` bytes.
#[no_mangle]
pub unsafe extern "C" fn np_list_devices(buf: *mut u8, cap: usize, errbuf: *mut u8, errlen: usize) -> i64 {
    let cap = if buf.is_null() { 0 } else { cap };
    guard(-1, || match devices::list_json() {
        Ok(json) if json.len() > cap => -(json.len() as i64),
        Ok(json) => {
            // SAFETY: caller contract above; `json` fits in `cap`.
            let out = unsafe { out_bytes(buf, cap) };
            out[..json.len()].copy_from_slice(json.as_bytes());
            json.len() as i64
        }
        Err(e) => {
            // SAFETY: caller contract above.
            unsafe { put_text(errbuf, errlen, &e) };
            -1
        }
    })
}

/// Copies `pcap_lib_version()` into `buf`; returns its full length.
///
/// # Safety
/// `buf` is null or valid for `len` bytes.
#[no_mangle]
pub unsafe extern "C" fn np_version(buf: *mut u8, len: usize) -> usize {
    guard(0, || {
        // SAFETY: pcap_lib_version returns a static NUL-terminated string.
        let v = unsafe { text::c_str_lossy(sys::pcap_lib_version()) }.unwrap_or_default();
        // SAFETY: caller contract above.
        unsafe { put_text(buf, len, &v) }
    })
}

/// Opens `path` as a pcap savefile for the packets of `h` (`pcap_dump_open`: its link type, snaplen and timestamp
/// precision; a live handle from `np_open_live` writes nanosecond timestamps). The file is truncated. Returns null
/// with the reason in `errbuf` on failure. Free it with `np_dump_close`; it does not borrow `h`.
///
/// # Safety
/// `h` is a live handle or null; `path` is null or NUL-terminated; `errbuf` is null or valid for `errlen` bytes.
#[no_mangle]
pub unsafe extern "C" fn np_dump_open(
    h: *mut Capture,
    path: *const c_char,
    errbuf: *mut u8,
    errlen: usize,
) -> *mut Dumper {
    guard(ptr::null_mut(), || {
        // SAFETY: caller contract above.
        let result = match unsafe { (handle(h), in_str(path)) } {
            (None, _) => Err("handle is null".to_string()),
            (_, None) => Err("path is null".to_string()),
            (Some(c), Some(path)) => c.open_dump(path),
        };
        // SAFETY: caller contract above.
        unsafe { boxed_or_error(result, errbuf, errlen) }
    })
}

/// Writes up to `count` records of the batch `buf[..bytes]` (the `np_read_batch` layout) with `pcap_dump`, in one
/// call. With `limit > 0` it stops before a packet that would take the file past `limit` bytes (a file holding no
/// packet takes any packet), so the caller can rotate and call again with the rest. Returns the records written;
/// `info_out[0]` gets the bytes of `buf` consumed and `info_out[1]` the file size after the call (buffered bytes
/// included). -1 on a write error or a record that runs past `bytes`, with the reason in `errbuf` (records before
/// it were written).
///
/// # Safety
/// `d` is null or a dumper from `np_dump_open` not yet closed; `buf` is null or valid for `bytes` bytes;
/// `info_out` is null or points to 2 writable u64; `errbuf` is null or valid for `errlen` bytes.
#[no_mangle]
pub unsafe extern "C" fn np_dump_batch(
    d: *mut Dumper,
    buf: *const u8,
    bytes: usize,
    count: u32,
    limit: u64,
    info_out: *mut u64,
    errbuf: *mut u8,
    errlen: usize,
) -> i64 {
    guard(-1, || {
        // SAFETY: caller contract above; the dumper is only used from one thread at a time.
        let dumper = match unsafe { d.as_mut() } {
            Some(dumper) if !info_out.is_null() && (bytes == 0 || !buf.is_null()) => dumper,
            _ => {
                // SAFETY: caller contract above.
                unsafe { put_text(errbuf, errlen, "null dumper, batch or info_out") };
                return -1;
            }
        };
        let batch = if bytes == 0 {
            &[][..]
        } else {
            // SAFETY: non-null and valid for `bytes` per the caller contract.
            unsafe { std::slice::from_raw_parts(buf, bytes) }
        };
        let result = dumper.write_batch(batch, count, limit);
        let consumed = result.as_ref().map_or(0, |w| w.consumed);
        // SAFETY: `info_out` is non-null (checked above) and points to 2 u64 per the caller contract.
        unsafe {
            *info_out = consumed as u64;
            *info_out.add(1) = dumper.size();
        }
        match result {
            Ok(w) => i64::from(w.records),
            Err(e) => {
                // SAFETY: caller contract above.
                unsafe { put_text(errbuf, errlen, &e) };
                -1
            }
        }
    })
}

/// Pushes buffered packets to the file (`pcap_dump_flush`). 0, or -1 with the reason in `errbuf`.
///
/// # Safety
/// As for `np_dump_batch`.
#[no_mangle]
pub unsafe extern "C" fn np_dump_flush(d: *mut Dumper, errbuf: *mut u8, errlen: usize) -> i32 {
    guard(-1, || {
        // SAFETY: caller contract above.
        let result = match unsafe { d.as_mut() } {
            Some(dumper) => dumper.flush(),
            None => Err("dumper is null".to_string()),
        };
        match result {
            Ok(()) => 0,
            Err(e) => {
                // SAFETY: caller contract above.
                unsafe { put_text(errbuf, errlen, &e) };
                -1
            }
        }
    })
}

/// Flushes and closes the file, and frees the dumper (also when the flush fails). 0, or -1 with the reason in
/// `errbuf` (e.g. "No space left on device"). Null is ignored (0).
///
/// # Safety
/// `d` is null or a dumper from `np_dump_open`; it must not be used afterwards. `errbuf` as for `np_dump_batch`.
#[no_mangle]
pub unsafe extern "C" fn np_dump_close(d: *mut Dumper, errbuf: *mut u8, errlen: usize) -> i32 {
    guard(-1, || {
        if d.is_null() {
            return 0;
        }
        // SAFETY: `d` came from Box::into_raw in np_dump_open and is freed once (caller contract).
        match unsafe { Box::from_raw(d) }.close() {
            Ok(()) => 0,
            Err(e) => {
                // SAFETY: caller contract above.
                unsafe { put_text(errbuf, errlen, &e) };
                -1
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guard_turns_a_panic_into_the_fallback() {
        assert_eq!(guard(NP_ERROR, || panic!("boom")), NP_ERROR);
        assert_eq!(guard(NP_ERROR, || 3), 3);
    }
}
