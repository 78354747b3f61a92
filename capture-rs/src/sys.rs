//! Hand-written declarations for the parts of libpcap (1.10, `<pcap/pcap.h>`) and libc that we call.
//!
//! There is no `libc` or `pcap-sys` crate here (crates.io is unreachable), so the types are spelled out for
//! 64-bit Linux/glibc, where `time_t` and `suseconds_t` are both `long`.

use std::os::raw::{c_char, c_int, c_long, c_short, c_uchar, c_uint, c_ulong, c_void};

/// `PCAP_ERRBUF_SIZE`: every libpcap errbuf argument must hold this many bytes.
pub const PCAP_ERRBUF_SIZE: usize = 256;
/// `pcap_set_tstamp_precision(3PCAP)`.
pub const PCAP_TSTAMP_PRECISION_NANO: c_int = 1;
/// `pcap_compile(3PCAP)`: the netmask to pass when it is not known (only matters for `ip broadcast`).
pub const PCAP_NETMASK_UNKNOWN: c_uint = 0xffff_ffff;
/// Generic failure from most pcap calls.
pub const PCAP_ERROR: c_int = -1;

/// `PCAP_IF_*` interface flags, `pcap_findalldevs(3PCAP)`.
pub const PCAP_IF_LOOPBACK: c_uint = 0x1;
pub const PCAP_IF_UP: c_uint = 0x2;
pub const PCAP_IF_RUNNING: c_uint = 0x4;
pub const PCAP_IF_WIRELESS: c_uint = 0x8;

/// Linux address families (`<bits/socket.h>`).
pub const AF_INET: u16 = 2;
pub const AF_INET6: u16 = 10;
/// `poll(2)`.
pub const POLLIN: c_short = 0x1;

/// Opaque `pcap_t`.
#[repr(C)]
pub struct pcap_t {
    _private: [u8; 0],
}

/// `struct timeval` on 64-bit Linux.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct timeval {
    pub tv_sec: c_long,
    /// Microseconds, or nanoseconds when the handle uses `PCAP_TSTAMP_PRECISION_NANO`.
    pub tv_usec: c_long,
}

/// Opaque `pcap_dumper_t` (a savefile being written).
#[repr(C)]
pub struct pcap_dumper_t {
    _private: [u8; 0],
}

/// Opaque stdio `FILE`.
#[repr(C)]
pub struct File {
    _private: [u8; 0],
}

#[repr(C)]
pub struct pcap_pkthdr {
    pub ts: timeval,
    pub caplen: c_uint,
    pub len: c_uint,
}

#[repr(C)]
#[derive(Default)]
pub struct pcap_stat {
    pub ps_recv: c_uint,
    pub ps_drop: c_uint,
    pub ps_ifdrop: c_uint,
}

#[repr(C)]
pub struct bpf_program {
    pub bf_len: c_uint,
    pub bf_insns: *mut c_void,
}

#[repr(C)]
pub struct pcap_if_t {
    pub next: *mut pcap_if_t,
    pub name: *mut c_char,
    pub description: *mut c_char,
    pub addresses: *mut pcap_addr_t,
    pub flags: c_uint,
}

#[repr(C)]
pub struct pcap_addr_t {
    pub next: *mut pcap_addr_t,
    pub addr: *mut sockaddr,
    pub netmask: *mut sockaddr,
    pub broadaddr: *mut sockaddr,
    pub dstaddr: *mut sockaddr,
}

/// Only the family is read directly; the address bytes follow at `sockaddr_in`/`sockaddr_in6` offsets.
#[repr(C)]
pub struct sockaddr {
    pub sa_family: u16,
    pub sa_data: [u8; 14],
}

/// Byte offset of `sin_addr` in `struct sockaddr_in`, and of `sin6_addr` in `struct sockaddr_in6`.
pub const SIN_ADDR_OFFSET: usize = 4;
pub const SIN6_ADDR_OFFSET: usize = 8;

#[repr(C)]
pub struct pollfd {
    pub fd: c_int,
    pub events: c_short,
    pub revents: c_short,
}

#[link(name = "pcap")]
extern "C" {
    pub fn pcap_open_offline_with_tstamp_precision(
        fname: *const c_char,
        precision: c_uint,
        errbuf: *mut c_char,
    ) -> *mut pcap_t;
    pub fn pcap_create(source: *const c_char, errbuf: *mut c_char) -> *mut pcap_t;
    pub fn pcap_set_snaplen(p: *mut pcap_t, snaplen: c_int) -> c_int;
    pub fn pcap_set_promisc(p: *mut pcap_t, promisc: c_int) -> c_int;
    pub fn pcap_set_immediate_mode(p: *mut pcap_t, immediate: c_int) -> c_int;
    pub fn pcap_set_buffer_size(p: *mut pcap_t, bytes: c_int) -> c_int;
    pub fn pcap_set_timeout(p: *mut pcap_t, to_ms: c_int) -> c_int;
    pub fn pcap_set_tstamp_precision(p: *mut pcap_t, precision: c_int) -> c_int;
    pub fn pcap_get_tstamp_precision(p: *mut pcap_t) -> c_int;
    pub fn pcap_activate(p: *mut pcap_t) -> c_int;
    pub fn pcap_setnonblock(p: *mut pcap_t, nonblock: c_int, errbuf: *mut c_char) -> c_int;
    pub fn pcap_get_selectable_fd(p: *mut pcap_t) -> c_int;
    pub fn pcap_compile(
        p: *mut pcap_t,
        fp: *mut bpf_program,
        s: *const c_char,
        optimize: c_int,
        netmask: c_uint,
    ) -> c_int;
    pub fn pcap_setfilter(p: *mut pcap_t, fp: *mut bpf_program) -> c_int;
    pub fn pcap_freecode(fp: *mut bpf_program);
    pub fn pcap_next_ex(p: *mut pcap_t, header: *mut *mut pcap_pkthdr, data: *mut *const c_uchar) -> c_int;
    pub fn pcap_stats(p: *mut pcap_t, ps: *mut pcap_stat) -> c_int;
    pub fn pcap_datalink(p: *mut pcap_t) -> c_int;
    pub fn pcap_snapshot(p: *mut pcap_t) -> c_int;
    pub fn pcap_geterr(p: *mut pcap_t) -> *mut c_char;
    pub fn pcap_statustostr(status: c_int) -> *const c_char;
    pub fn pcap_close(p: *mut pcap_t);
    pub fn pcap_findalldevs(alldevs: *mut *mut pcap_if_t, errbuf: *mut c_char) -> c_int;
    pub fn pcap_freealldevs(alldevs: *mut pcap_if_t);
    pub fn pcap_lib_version() -> *const c_char;
    pub fn pcap_dump_open(p: *mut pcap_t, fname: *const c_char) -> *mut pcap_dumper_t;
    pub fn pcap_dump(user: *mut c_uchar, h: *const pcap_pkthdr, sp: *const c_uchar);
    pub fn pcap_dump_flush(p: *mut pcap_dumper_t) -> c_int;
    pub fn pcap_dump_ftell64(p: *mut pcap_dumper_t) -> i64;
    pub fn pcap_dump_file(p: *mut pcap_dumper_t) -> *mut File;
    pub fn pcap_dump_close(p: *mut pcap_dumper_t);
}

extern "C" {
    pub fn poll(fds: *mut pollfd, nfds: c_ulong, timeout: c_int) -> c_int;
    pub fn ferror(stream: *mut File) -> c_int;
    pub fn inet_ntop(af: c_int, src: *const c_void, dst: *mut c_char, size: u32) -> *const c_char;
}
