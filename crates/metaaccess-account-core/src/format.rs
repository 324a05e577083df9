//! The published schemas' string formats, checked here in plain Rust so that the value types
//! accept exactly what the schemas accept: `"format": "email"` ([`Email`](crate::Email)) and
//! `"format": "date-time"` ([`Timestamp`](crate::Timestamp)).
//!
//! "Exactly" means as the `jsonschema` crate (0.61) checks them, since that is what the
//! project's schema tests and command-line tool validate with; `tests/formats_agree.rs` holds
//! the two to the same verdicts on generated edge cases. Each checker is a single pass over its
//! input, linear in its length (the Punycode decoder's insertions are bounded by a label's 63
//! bytes), with no regular expressions.

mod date_time;
mod email;
mod host;

pub(crate) use date_time::{parse_date_time, DateTimeParts};
pub(crate) use email::check_email;

/// Whether `"format": "email"` accepts `s`.
// `Email` uses `check_email`, which also says why; this is the predicate the tests pin.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn is_email(s: &str) -> bool {
    check_email(s).is_ok()
}

/// Whether `"format": "date-time"` accepts `s`.
// `Timestamp` uses `parse_date_time`, which also reads the fields; this is the predicate the
// tests pin.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) fn is_date_time(s: &str) -> bool {
    parse_date_time(s).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_predicates_are_the_checks() {
        assert!(is_email("opswat_it@opswat.com"));
        assert!(!is_email("opswat_it@opswat..com"));
        assert!(is_date_time("2017-03-09T08:00:00Z"));
        assert!(!is_date_time("2017-03-09T08:00:00"));
    }
}
