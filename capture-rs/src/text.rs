//! C string helpers: reading libpcap's strings and writing into the caller's NUL-terminated buffers.

use std::ffi::CStr;
use std::os::raw::c_char;

/// Copies a NUL-terminated C string (invalid UTF-8 replaced); `None` for null.
///
/// # Safety
/// `p` is null or points to a NUL-terminated string that stays alive during the call.
pub unsafe fn c_str_lossy(p: *const c_char) -> Option<String> {
    if p.is_null() {
        return None;
    }
    // SAFETY: non-null and NUL-terminated per the caller contract.
    Some(unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned())
}

/// Text of a libpcap errbuf (up to its first NUL).
pub fn errbuf_text(buf: &[c_char]) -> String {
    let bytes: Vec<u8> = buf.iter().take_while(|&&c| c != 0).map(|&c| c as u8).collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Writes `text` into `out` as a NUL-terminated string, cut at a UTF-8 character boundary to fit.
/// Returns the length of the whole text (excluding NUL), like `snprintf`, so `ret >= out.len()` means it was cut.
pub fn write_c_text(out: &mut [u8], text: &str) -> usize {
    if out.is_empty() {
        return text.len();
    }
    let mut n = text.len().min(out.len() - 1);
    while !text.is_char_boundary(n) {
        n -= 1;
    }
    out[..n].copy_from_slice(&text.as_bytes()[..n]);
    out[n] = 0;
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_c_text_truncates_at_a_character_boundary() {
        let cases: [(&str, usize, &[u8]); 5] = [
            ("abc", 8, b"abc\0"),
            ("abc", 3, b"ab\0"),
            ("abc", 1, b"\0"),
            ("aé", 3, b"a\0"), // 'é' is 2 bytes and only 1 is left before the NUL
            ("aé", 4, "aé\0".as_bytes()),
        ];
        for (text, cap, want) in cases {
            let mut out = vec![0xff_u8; cap];
            assert_eq!(write_c_text(&mut out, text), text.len());
            assert_eq!(&out[..want.len()], want, "{text:?} into {cap}");
        }
        assert_eq!(write_c_text(&mut [], "abc"), 3, "an empty buffer only reports the length");
    }

    #[test]
    fn errbuf_text_stops_at_the_first_nul() {
        let buf: Vec<c_char> = b"no such file\0junk".iter().map(|&b| b as c_char).collect();
        assert_eq!(errbuf_text(&buf), "no such file");
    }
}
