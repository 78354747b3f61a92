//! The little JSON writing `np_list_devices` needs (RFC 8259 §7 string escaping).

use std::fmt::Write;

/// Appends `s` as a JSON string literal.
pub fn push_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32); // writing to a String cannot fail
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Appends a string literal, or `null`.
pub fn push_opt_str(out: &mut String, s: Option<&str>) {
    match s {
        Some(s) => push_str(out, s),
        None => out.push_str("null"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn push_str_escapes_quotes_backslashes_and_control_characters() {
        let cases = [
            ("lo", r#""lo""#),
            ("", r#""""#),
            (r#"say "hi""#, r#""say \"hi\"""#),
            (r"\Device\NPF_{1}", r#""\\Device\\NPF_{1}""#),
            ("a\nb\tc\rd", r#""a\nb\tc\rd""#),
            ("\u{0}\u{1f}\u{7f}", "\"\\u0000\\u001f\u{7f}\""), // DEL needs no escape
            ("Ethernet – ü ✓", "\"Ethernet – ü ✓\""),
        ];
        for (input, want) in cases {
            let mut out = String::new();
            push_str(&mut out, input);
            assert_eq!(out, want, "input {input:?}");
        }
    }

    #[test]
    fn push_opt_str_writes_null_for_none() {
        let mut out = String::new();
        push_opt_str(&mut out, None);
        out.push(',');
        push_opt_str(&mut out, Some("x"));
        assert_eq!(out, r#"null,"x""#);
    }
}
