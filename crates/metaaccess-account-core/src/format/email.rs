//! `"format": "email"`, as `jsonschema` checks it (the `email_address` crate's RFC 5321
//! parser, then its own rules for the local part and the domain).
//!
//! An address is `local@domain`, split at the LAST `@`, optionally in display form
//! `anything <local@domain>`: when the text holds `" <"`, its last occurrence starts the
//! address, which runs to a `>` that ends the text (white space may follow it).
//!
//! - local part: 1..=64 bytes of ASCII, either dot-separated atoms (letters, digits and
//!   ``!#$%&'*+-/=?^_`{|}~``; no empty atom, so no dot at an end or two in a row), or a quoted
//!   string `"..."` of printable ASCII, space and tab, where `"` and `\` appear only escaped
//!   (`\` before any printable character). The empty quoted string `""` is accepted only
//!   outside the display form (a `jsonschema` special case).
//! - domain: an address literal `[1.2.3.4]` (an IPv4 address as Rust reads one: four
//!   decimal parts, no leading zeros) or `[IPv6:...]` (tag in any case; an IPv6 address as
//!   Rust reads one), or else a host name (see `host.rs`).

use std::net::{Ipv4Addr, Ipv6Addr};

use super::host::check_host_name;

/// Checks an email address, or says why it is not one.
pub(crate) fn check_email(s: &str) -> Result<(), &'static str> {
    // Most addresses have no '<': one byte search settles that before a substring search.
    let display = if s.as_bytes().contains(&b'<') {
        s.rsplit_once(" <")
    } else {
        None
    };
    let (address, display_form) = match display {
        None => (s, false),
        Some((_, rest)) => (
            rest.trim()
                .strip_suffix('>')
                .ok_or("the address after \" <\" does not end with '>'")?,
            true,
        ),
    };
    let (local, domain) = address
        .rsplit_once('@')
        .ok_or("there is no '@' between a local part and a domain")?;
    check_local_part(local, !display_form)?;
    check_domain(domain)
}

fn check_local_part(local: &str, empty_quotes_allowed: bool) -> Result<(), &'static str> {
    let b = local.as_bytes();
    if b.is_empty() {
        return Err("the local part (before '@') is empty");
    }
    if b.len() > 64 {
        return Err("the local part (before '@') is longer than 64 bytes");
    }
    if !local.is_ascii() {
        return Err("the local part (before '@') has a character outside ASCII");
    }
    match b {
        [b'"'] => Err("the local part is a lone '\"'"),
        [b'"', b'"'] if !empty_quotes_allowed => Err("the quoted local part is empty"),
        [b'"', quoted @ .., b'"'] => check_quoted(quoted),
        _ if is_dot_atom(b) => Ok(()),
        _ => Err("the local part is neither dot-separated atoms nor a quoted string"),
    }
}

/// The inside of a quoted local part: printable ASCII, space and tab, `"` and `\` escaped.
fn check_quoted(quoted: &[u8]) -> Result<(), &'static str> {
    let mut bytes = quoted.iter();
    while let Some(&c) = bytes.next() {
        match c {
            b'\\' if bytes.next().is_some_and(|&e| (0x21..=0x7e).contains(&e)) => {}
            b'\\' => return Err("a '\\' in the quoted local part escapes nothing printable"),
            b'"' => return Err("a '\"' inside the quoted local part is not escaped"),
            b' ' | b'\t' | 0x21..=0x7e => {}
            _ => return Err("the quoted local part has a control character"),
        }
    }
    Ok(())
}

/// Dot-separated atoms, none empty (so no dot at an end, none two in a row); one pass over
/// the bytes, as the local part of nearly every address is checked.
fn is_dot_atom(local: &[u8]) -> bool {
    // At the start, as after a dot, an atom must begin.
    let mut after_dot = true;
    for &c in local {
        if c == b'.' {
            if after_dot {
                return false;
            }
            after_dot = true;
        } else if is_atom_char(c) {
            after_dot = false;
        } else {
            return false;
        }
    }
    !after_dot
}

fn is_atom_char(c: u8) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            b'!' | b'#'
                | b'$'
                | b'%'
                | b'&'
                | b'\''
                | b'*'
                | b'+'
                | b'-'
                | b'/'
                | b'='
                | b'?'
                | b'^'
                | b'_'
                | b'`'
                | b'{'
                | b'|'
                | b'}'
                | b'~'
        )
}

fn check_domain(domain: &str) -> Result<(), &'static str> {
    let Some(literal) = domain.strip_prefix('[').and_then(|d| d.strip_suffix(']')) else {
        return check_host_name(domain);
    };
    let ok = match literal.as_bytes().get(..5) {
        Some(tag) if tag.eq_ignore_ascii_case(b"IPv6:") => literal[5..].parse::<Ipv6Addr>().is_ok(),
        _ => literal.parse::<Ipv4Addr>().is_ok(),
    };
    if ok {
        Ok(())
    } else {
        Err("the address literal is neither [IPv4 address] nor [IPv6:IPv6 address]")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_rfc5321_mailboxes() {
        for ok in [
            "opswat_it@opswat.com",
            "a.b-c+d@example.co",
            "!#$%&'*+-/=?^_`{|}~@x",
            "\"john doe\"@example.com",
            "\"a@b\\\"c\\\\\"@example.com",
            "\"\"@example.com",
            "user@[1.2.3.4]",
            "user@[IPv6:2001:db8::1]",
            "user@[ipv6:::ffff:1.2.3.4]",
            "John Doe <john@example.com>",
            " <john@example.com>  ",
            "user@xn--bcher-kva.example",
        ] {
            assert_eq!(check_email(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn rejects_the_rest() {
        for bad in [
            "",
            "plain",
            "@example.com",
            "user@",
            ".user@example.com",
            "user.@example.com",
            "us..er@example.com",
            "us er@example.com",
            "\"\"\"@example.com",
            "\"a\"b\"@example.com",
            "\"a\\\"@example.com",
            "J <\"\"@example.com>",
            "Name <user@example.com",
            "<user@example.com>",
            "üser@example.com",
            "\"ü\"@example.com",
            "user@exämple.com",
            "user@example.com.",
            "user@-example.com",
            "user@[01.2.3.4]",
            "user@[256.1.1.1]",
            "user@[::1]",
            "user@[IPv6:1.2.3.4]",
            "user@[]",
            "a@a0--a.aa",
        ] {
            assert!(check_email(bad).is_err(), "{bad}");
        }
        let long_local = format!("{}@example.com", "l".repeat(65));
        assert!(check_email(&long_local).is_err());
        assert!(check_email(&long_local[1..]).is_ok());
    }
}
