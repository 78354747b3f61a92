//! `pcap_findalldevs(3PCAP)` rendered as the JSON array described in `ffi/capture.ts` (`Device[]`).

use crate::json::{push_opt_str, push_str};
use crate::sys;
use crate::text::{c_str_lossy, errbuf_text};
use std::os::raw::{c_char, c_int, c_void};
use std::ptr;

/// Lists capture devices as JSON, or returns libpcap's error text.
pub fn list_json() -> Result<String, String> {
    let mut errbuf = [0 as c_char; sys::PCAP_ERRBUF_SIZE];
    let mut all: *mut sys::pcap_if_t = ptr::null_mut();
    // SAFETY: `all` is a valid out-pointer and `errbuf` holds PCAP_ERRBUF_SIZE bytes.
    if unsafe { sys::pcap_findalldevs(&mut all, errbuf.as_mut_ptr()) } != 0 {
        return Err(errbuf_text(&errbuf));
    }
    let mut out = String::from("[");
    let mut dev = all;
    while !dev.is_null() {
        // SAFETY: a non-null entry of the list pcap_findalldevs returned, alive until pcap_freealldevs below.
        let d = unsafe { &*dev };
        if out.len() > 1 {
            out.push(',');
        }
        push_device(&mut out, d);
        dev = d.next;
    }
    out.push(']');
    // SAFETY: `all` came from pcap_findalldevs (null when there are no devices, which libpcap accepts).
    unsafe { sys::pcap_freealldevs(all) };
    Ok(out)
}

fn push_device(out: &mut String, d: &sys::pcap_if_t) {
    out.push_str("{\"name\":");
    // SAFETY: libpcap's name and description are NUL-terminated strings or null, alive with the list.
    push_str(out, &unsafe { c_str_lossy(d.name) }.unwrap_or_default());
    out.push_str(",\"description\":");
    push_opt_str(out, unsafe { c_str_lossy(d.description) }.as_deref());
    let flag = |bit: u32| if d.flags & bit != 0 { "true" } else { "false" };
    out.push_str(",\"flags\":{\"loopback\":");
    out.push_str(flag(sys::PCAP_IF_LOOPBACK));
    out.push_str(",\"up\":");
    out.push_str(flag(sys::PCAP_IF_UP));
    out.push_str(",\"running\":");
    out.push_str(flag(sys::PCAP_IF_RUNNING));
    out.push_str(",\"wireless\":");
    out.push_str(flag(sys::PCAP_IF_WIRELESS));
    out.push_str("},\"addresses\":[");
    let mut first = true;
    let mut a = d.addresses;
    while !a.is_null() {
        // SAFETY: a non-null pcap_addr entry of the same list.
        let addr = unsafe { &*a };
        // SAFETY: addr/netmask are null or sockaddrs sized for their family.
        if let Some(text) = unsafe { format_ip(addr.addr) } {
            if !first {
                out.push(',');
            }
            first = false;
            out.push_str("{\"addr\":");
            push_str(out, &text);
            out.push_str(",\"netmask\":");
            push_opt_str(out, unsafe { format_ip(addr.netmask) }.as_deref());
            out.push('}');
        }
        a = addr.next;
    }
    out.push_str("]}");
}

/// Formats an AF_INET or AF_INET6 sockaddr with `inet_ntop(3)` (RFC 5952 text for IPv6); `None` for other
/// families and null.
///
/// # Safety
/// `sa` is null or points to a sockaddr at least as large as its family's struct.
unsafe fn format_ip(sa: *const sys::sockaddr) -> Option<String> {
    if sa.is_null() {
        return None;
    }
    // SAFETY: non-null per the check above; sa_family is the first field of every sockaddr.
    let family = unsafe { (*sa).sa_family };
    let offset = match family {
        sys::AF_INET => sys::SIN_ADDR_OFFSET,
        sys::AF_INET6 => sys::SIN6_ADDR_OFFSET,
        _ => return None,
    };
    let mut text = [0 as c_char; 64]; // INET6_ADDRSTRLEN is 46
                                      // SAFETY: the address bytes lie at `offset` inside the family's struct (caller contract); `text` is large
                                      // enough for any address of either family.
    let ok = unsafe {
        let src = sa.cast::<u8>().add(offset).cast::<c_void>();
        sys::inet_ntop(c_int::from(family), src, text.as_mut_ptr(), text.len() as u32)
    };
    if ok.is_null() {
        return None;
    }
    Some(errbuf_text(&text))
}
