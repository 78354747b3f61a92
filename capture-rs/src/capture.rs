//! One libpcap handle: opening (offline or live), filtering, batch reads and statistics.
//!
//! Reads run on a Deno worker thread while `stats`, `set_filter` and friends run on the JS thread, so the
//! handle sits behind a mutex; `read_batch` releases it while it waits in `poll(2)`.
//!
//! `pcap_next_ex` rather than `pcap_dispatch` + callback: on 2,000,000 60-byte packets read offline both ran at
//! 13-14.6 Mpps (within run-to-run noise), and `pcap_next_ex` needs no `pcap_breakloop` when the batch fills.

use crate::batch::{Batch, BatchState, Next, Source};
use crate::dump::Dumper;
use crate::record::{Meta, Writer};
use crate::sys;
use crate::text::{c_str_lossy, errbuf_text};
use std::ffi::CStr;
use std::os::raw::{c_char, c_int, c_uchar};
use std::ptr;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

/// Packet buffer timeout (`pcap_set_timeout(3PCAP)`) used when the caller passes 0: how long the kernel holds a
/// partly filled TPACKET_V3 block before handing it over. With libpcap's own default 0, Linux 6.18 never handed
/// over a lone packet on `lo` (waited 3 s); with 10 ms it arrived after 8-10 ms, with 100 ms after 85-100 ms.
/// Immediate mode ignores it.
const DEFAULT_BLOCK_TIMEOUT_MS: c_int = 10;

/// `np_open_live` arguments.
pub struct LiveOptions {
    pub snaplen: c_int,
    pub promisc: bool,
    pub immediate: bool,
    /// Kernel buffer in bytes; 0 keeps libpcap's default.
    pub buffer_size: c_int,
    /// Packet buffer timeout in ms (TPACKET_V3 block retire time); 0 for [`DEFAULT_BLOCK_TIMEOUT_MS`].
    pub timeout_ms: c_int,
}

/// Owns a `pcap_t`; closing it on drop makes every early return in `open_live` clean up.
struct PcapSource {
    p: *mut sys::pcap_t,
    /// Multiplier from the handle's timestamp fraction to nanoseconds (1, or 1000 when nano is unsupported).
    nsec_scale: u32,
}

struct Handle {
    src: PcapSource,
    state: BatchState,
    last_error: String,
}

pub struct Capture {
    handle: Mutex<Handle>,
    /// `pcap_get_selectable_fd` of a live handle, -1 offline or when the platform has none.
    fd: c_int,
}

// SAFETY: a pcap_t may be used from any thread as long as calls on it are serialized (pcap(3PCAP) makes no
// thread-affinity demands); every use of `p` goes through `handle`'s mutex. `fd` is only polled, and stays open
// until the Capture is dropped.
unsafe impl Send for Capture {}
unsafe impl Sync for Capture {}

impl Drop for PcapSource {
    fn drop(&mut self) {
        // SAFETY: `p` came from pcap_create/pcap_open_* and is closed exactly once, here.
        unsafe { sys::pcap_close(self.p) };
    }
}

impl Source for PcapSource {
    fn next_packet(&mut self) -> Next<'_> {
        let mut hdr: *mut sys::pcap_pkthdr = ptr::null_mut();
        let mut data: *const c_uchar = ptr::null();
        // SAFETY: `p` is a live handle; both out-pointers are valid.
        match unsafe { sys::pcap_next_ex(self.p, &mut hdr, &mut data) } {
            1 => {
                // SAFETY: on 1, pcap_next_ex(3PCAP) sets `hdr` and `data` (caplen bytes), valid until the next call.
                let h = unsafe { &*hdr };
                let bytes = if data.is_null() || h.caplen == 0 {
                    &[][..]
                } else {
                    // SAFETY: see above.
                    unsafe { std::slice::from_raw_parts(data, h.caplen as usize) }
                };
                let meta = Meta {
                    ts_sec: h.ts.tv_sec as u32,
                    ts_nsec: (h.ts.tv_usec as u32).wrapping_mul(self.nsec_scale),
                    origlen: h.len,
                };
                Next::Packet(meta, bytes)
            }
            0 => Next::Idle, // live, non-blocking: nothing buffered
            -2 => Next::Eof, // PCAP_ERROR_BREAK: end of a savefile (we never call pcap_breakloop)
            _ => Next::Error(geterr(self.p)),
        }
    }
}

fn geterr(p: *mut sys::pcap_t) -> String {
    // SAFETY: `p` is live; pcap_geterr(3PCAP) returns its NUL-terminated error buffer.
    unsafe { c_str_lossy(sys::pcap_geterr(p)) }.unwrap_or_default()
}

fn status_text(status: c_int) -> String {
    // SAFETY: pcap_statustostr(3PCAP) returns a static string (or a static buffer for unknown codes).
    unsafe { c_str_lossy(sys::pcap_statustostr(status)) }.unwrap_or_default()
}

impl Capture {
    fn new(src: PcapSource, fd: c_int) -> Capture {
        let handle = Handle { src, state: BatchState::default(), last_error: String::new() };
        Capture { handle: Mutex::new(handle), fd }
    }

    /// `pcap_open_offline_with_tstamp_precision(3PCAP)`: pcap or pcapng, timestamps in nanoseconds.
    pub fn open_offline(path: &CStr) -> Result<Capture, String> {
        let mut errbuf = [0 as c_char; sys::PCAP_ERRBUF_SIZE];
        // SAFETY: `path` is NUL-terminated and `errbuf` holds PCAP_ERRBUF_SIZE bytes.
        let p = unsafe {
            sys::pcap_open_offline_with_tstamp_precision(
                path.as_ptr(),
                sys::PCAP_TSTAMP_PRECISION_NANO as u32,
                errbuf.as_mut_ptr(),
            )
        };
        if p.is_null() {
            return Err(errbuf_text(&errbuf));
        }
        Ok(Capture::new(PcapSource { p, nsec_scale: 1 }, -1))
    }

    /// `pcap_create` + options + `pcap_activate(3PCAP)`, then non-blocking mode. Returns the handle with the
    /// activate status (0, or a `PCAP_WARNING*` code with its text); on failure the negative status
    /// (`PCAP_ERROR_NO_SUCH_DEVICE`, `PCAP_ERROR_PERM_DENIED`, ...) and libpcap's message.
    pub fn open_live(device: &CStr, opts: &LiveOptions) -> Result<(Capture, c_int, String), (c_int, String)> {
        let mut errbuf = [0 as c_char; sys::PCAP_ERRBUF_SIZE];
        // SAFETY: `device` is NUL-terminated and `errbuf` holds PCAP_ERRBUF_SIZE bytes.
        let p = unsafe { sys::pcap_create(device.as_ptr(), errbuf.as_mut_ptr()) };
        if p.is_null() {
            return Err((sys::PCAP_ERROR, errbuf_text(&errbuf)));
        }
        // `src` closes `p` on every early return from here.
        let mut src = PcapSource { p, nsec_scale: 1 };
        // SAFETY: `p` is a created, not yet activated handle. The setters only fail with PCAP_ERROR_ACTIVATED,
        // which cannot happen before pcap_activate; an unsupported nano precision is checked after activation.
        let status = unsafe {
            sys::pcap_set_snaplen(p, opts.snaplen);
            sys::pcap_set_promisc(p, c_int::from(opts.promisc));
            sys::pcap_set_immediate_mode(p, c_int::from(opts.immediate));
            let timeout = if opts.timeout_ms > 0 { opts.timeout_ms } else { DEFAULT_BLOCK_TIMEOUT_MS };
            sys::pcap_set_timeout(p, timeout);
            if opts.buffer_size > 0 {
                sys::pcap_set_buffer_size(p, opts.buffer_size);
            }
            sys::pcap_set_tstamp_precision(p, sys::PCAP_TSTAMP_PRECISION_NANO);
            sys::pcap_activate(p)
        };
        let msg = if status != 0 { geterr(p) } else { String::new() };
        if status < 0 {
            return Err((status, if msg.is_empty() { status_text(status) } else { msg }));
        }
        // SAFETY: `p` is activated; `errbuf` holds PCAP_ERRBUF_SIZE bytes.
        if unsafe { sys::pcap_setnonblock(p, 1, errbuf.as_mut_ptr()) } != 0 {
            return Err((sys::PCAP_ERROR, errbuf_text(&errbuf)));
        }
        // SAFETY: `p` is activated.
        let (precision, fd) = unsafe { (sys::pcap_get_tstamp_precision(p), sys::pcap_get_selectable_fd(p)) };
        src.nsec_scale = if precision == sys::PCAP_TSTAMP_PRECISION_NANO { 1 } else { 1000 };
        Ok((Capture::new(src, fd), status, msg))
    }

    fn lock(&self) -> MutexGuard<'_, Handle> {
        // A panic while locked (caught at the FFI edge) leaves the handle itself consistent.
        self.handle.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// `pcap_compile(3PCAP)` (optimized, netmask unknown) + `pcap_setfilter`.
    pub fn set_filter(&self, expr: &CStr) -> Result<(), String> {
        let mut h = self.lock();
        let mut prog = sys::bpf_program { bf_len: 0, bf_insns: ptr::null_mut() };
        // SAFETY: the handle is live, `prog` is a valid out-struct and `expr` is NUL-terminated.
        let compiled = unsafe { sys::pcap_compile(h.src.p, &mut prog, expr.as_ptr(), 1, sys::PCAP_NETMASK_UNKNOWN) };
        if compiled != 0 {
            return Err(h.fail());
        }
        // SAFETY: `prog` was filled by pcap_compile; pcap_setfilter copies it, so it is freed right after.
        let set = unsafe {
            let set = sys::pcap_setfilter(h.src.p, &mut prog);
            sys::pcap_freecode(&mut prog);
            set
        };
        if set != 0 {
            return Err(h.fail());
        }
        Ok(())
    }

    /// Fills `buf` with records; for a live handle that has nothing buffered, waits up to `wait_ms` in
    /// `poll(2)` (with the lock released) and drains once more.
    pub fn read_batch(&self, buf: &mut [u8], wait_ms: c_int) -> (Batch, usize) {
        let mut w = Writer::new(buf);
        let mut first = true;
        let result = loop {
            let mut guard = self.lock();
            let h = &mut *guard;
            match h.state.fill(&mut h.src, &mut w) {
                Some(done) => break done,
                None if first && wait_ms > 0 => {
                    drop(guard);
                    self.wait_readable(wait_ms);
                    first = false;
                }
                None => break Batch::Records(0),
            }
        };
        if let Batch::Error(e) = &result {
            self.lock().last_error = e.clone();
        }
        (result, w.used())
    }

    fn wait_readable(&self, wait_ms: c_int) {
        if self.fd < 0 {
            std::thread::sleep(Duration::from_millis(wait_ms as u64));
            return;
        }
        let mut pfd = sys::pollfd { fd: self.fd, events: sys::POLLIN, revents: 0 };
        // SAFETY: one valid pollfd. EINTR or any other failure just ends the wait early: the caller reads again.
        unsafe { sys::poll(&mut pfd, 1, wait_ms) };
    }

    /// `pcap_stats(3PCAP)`: received, dropped by the kernel, dropped by the interface.
    pub fn stats(&self) -> Result<[u32; 3], String> {
        let mut h = self.lock();
        let mut s = sys::pcap_stat::default();
        // SAFETY: the handle is live and `s` is a valid out-struct.
        if unsafe { sys::pcap_stats(h.src.p, &mut s) } != 0 {
            return Err(h.fail());
        }
        Ok([s.ps_recv, s.ps_drop, s.ps_ifdrop])
    }

    /// Opens a savefile taking this handle's link type, snaplen and timestamp precision (`pcap_dump_open(3PCAP)`).
    pub fn open_dump(&self, path: &CStr) -> Result<Dumper, String> {
        let mut h = self.lock();
        let nano = h.src.nsec_scale == 1;
        // SAFETY: the handle is live (activated when live) and `path` is NUL-terminated.
        match unsafe { Dumper::open(h.src.p, path, nano) } {
            Some(d) => Ok(d),
            None => Err(h.fail()),
        }
    }

    pub fn datalink(&self) -> c_int {
        // SAFETY: the handle is live (and activated, when live).
        unsafe { sys::pcap_datalink(self.lock().src.p) }
    }

    pub fn snapshot(&self) -> c_int {
        // SAFETY: as for datalink.
        unsafe { sys::pcap_snapshot(self.lock().src.p) }
    }

    pub fn last_error(&self) -> String {
        self.lock().last_error.clone()
    }
}

impl Handle {
    /// Takes libpcap's error text, remembering it for `np_last_error`.
    fn fail(&mut self) -> String {
        self.last_error = geterr(self.src.p);
        self.last_error.clone()
    }
}
