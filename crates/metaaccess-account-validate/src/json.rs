//! Parsing untrusted JSON: a `serde_json::Value`, plus the things two parsers can read
//! differently, which a validator must report rather than silently resolve one way.
//!
//! - duplicate object keys (the JSON spec leaves the winner undefined; `serde_json` keeps the
//!   last, other parsers the first or both);
//! - `-0` (read as the integer 0 by some parsers, as a negative float by others);
//! - a number that is a whole number as a double but not as a decimal (`0.99999999999999999`,
//!   `1e-400`): read as an integer (1, 0) by parsers that use doubles, as a fraction by
//!   decimal parsers, so a count may be valid for one and invalid for the other;
//! - a byte order mark (the JSON spec forbids emitting one);
//! - nesting deeper than a limit (protects every later step, and the stack).
//!
//! The common case pays almost nothing: the `Value` is built in one pass that only raises a
//! flag; a second pass that names the JSON pointers runs only when a flag is up.

use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::fmt;

use metaaccess_account::escape_pointer_token;
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// Something in a document that parsers disagree on.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Hazard {
    /// JSON pointer of the value concerned.
    pub pointer: String,
    /// What and why, for a person.
    pub message: String,
}

/// Why bytes are not a usable JSON document.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct NotJson {
    /// For a person: what, and where (line and column within the record).
    pub message: String,
}

const DUPLICATE: u8 = 1;
const NEGATIVE_ZERO: u8 = 2;
/// A number written with a fraction or exponent whose double is a whole number: the second
/// pass reads its text to see whether the decimal is one too.
const WHOLE_DOUBLE: u8 = 4;

/// Parses one JSON document.
pub fn parse(bytes: &[u8], max_depth: usize) -> Result<(Value, Vec<Hazard>), NotJson> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Err(NotJson {
            message: "the record starts with a byte order mark (U+FEFF), which JSON forbids; some parsers skip it, others fail".into(),
        });
    }
    let flags = Cell::new(0u8);
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = Build {
        flags: &flags,
        depth: 0,
        max_depth,
    }
    .deserialize(&mut de)
    .and_then(|v| de.end().map(|()| v))
    .map_err(|e| not_json(&e))?;
    let hazards = if flags.get() == 0 {
        Vec::new()
    } else {
        locate(bytes)
    };
    Ok((value, hazards))
}

fn not_json(e: &serde_json::Error) -> NotJson {
    let what = match e.classify() {
        serde_json::error::Category::Eof => "truncated JSON",
        _ => "not valid JSON",
    };
    let text = e.to_string();
    let location = format!(" at line {} column {}", e.line(), e.column());
    let reason = text.strip_suffix(&location).unwrap_or(&text);
    NotJson {
        message: format!(
            "{what}: {reason} (line {}, column {} of the record)",
            e.line(),
            e.column()
        ),
    }
}

/// Builds a `Value` like `serde_json` does, raising flags for hazards and refusing depth.
struct Build<'a> {
    flags: &'a Cell<u8>,
    depth: usize,
    max_depth: usize,
}

impl Build<'_> {
    fn deeper(&self) -> Self {
        Build {
            flags: self.flags,
            depth: self.depth + 1,
            max_depth: self.max_depth,
        }
    }

    fn check_depth<E: de::Error>(&self) -> Result<(), E> {
        if self.depth >= self.max_depth {
            Err(E::custom(format_args!(
                "nesting deeper than {} levels (--max-depth)",
                self.max_depth
            )))
        } else {
            Ok(())
        }
    }
}

impl<'de> DeserializeSeed<'de> for Build<'_> {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Build<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        if v == 0.0 && v.is_sign_negative() {
            self.flags.set(self.flags.get() | NEGATIVE_ZERO);
        } else if v.is_finite() && v.fract() == 0.0 {
            self.flags.set(self.flags.get() | WHOLE_DOUBLE);
        }
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        self.check_depth()?;
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(v) = seq.next_element_seed(self.deeper())? {
            items.push(v);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        self.check_depth()?;
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(self.deeper())?;
            if out.insert(key, value).is_some() {
                self.flags.set(self.flags.get() | DUPLICATE);
            }
        }
        Ok(Value::Object(out))
    }
}

/// The slow second pass: names every hazard by its JSON pointer.
fn locate(bytes: &[u8]) -> Vec<Hazard> {
    let path = RefCell::new(Vec::new());
    let found = RefCell::new(Vec::new());
    // The numbers serde_json reads as doubles, in document order: their texts say which whole
    // doubles are fractions as decimals.
    let texts = double_texts(bytes);
    let next = Cell::new(0);
    let mut de = serde_json::Deserializer::from_slice(bytes);
    // The first pass succeeded on the same bytes, so this one does too.
    let _ = Scan {
        path: &path,
        found: &found,
        texts: &texts,
        next: &next,
    }
    .deserialize(&mut de);
    found.into_inner()
}

fn whole_double(pointer: String, text: &str, v: f64) -> Hazard {
    Hazard {
        pointer,
        message: format!(
            "{text}: parsers disagree on this number: read as the whole number {v} by parsers that use doubles, as a fraction by decimal parsers; a count is written as an integer"
        ),
    }
}

/// The texts of the numbers that serde_json reads as doubles (with a fraction or exponent, an
/// integer beyond 64 bits, `-0`), in document order, from a text that is valid JSON.
fn double_texts(bytes: &[u8]) -> Vec<&str> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => {
                i += 1;
                while let Some(&c) = bytes.get(i) {
                    i += if c == b'\\' { 2 } else { 1 };
                    if c == b'"' {
                        break;
                    }
                }
            }
            b'-' | b'0'..=b'9' => {
                let start = i;
                while bytes
                    .get(i)
                    .is_some_and(|c| matches!(c, b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9'))
                {
                    i += 1;
                }
                let text =
                    std::str::from_utf8(bytes.get(start..i).unwrap_or_default()).unwrap_or("");
                let integer = !text.contains(['.', 'e', 'E']);
                let as_integer = match text.strip_prefix('-') {
                    // serde_json reads -N as an i64 when 0 < N <= 2^63, else as a double.
                    Some(digits) => digits.parse::<u64>().is_ok_and(|n| n > 0 && n <= 1 << 63),
                    None => text.parse::<u64>().is_ok(),
                };
                if !(integer && as_integer) {
                    out.push(text);
                }
            }
            _ => i += 1,
        }
    }
    out
}

/// Whether a JSON number's text is a whole number as a decimal (`1.0`, `100e-2`: yes;
/// `0.99999999999999999`, `1e-400`: no).
fn decimal_is_whole(text: &str) -> bool {
    let text = text.trim_start_matches('-');
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(at) => (&text[..at], &text[at + 1..]),
        None => (text, "0"),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = format!("{int}{frac}");
    let significant = digits.trim_start_matches('0');
    if significant.is_empty() {
        return true; // zero
    }
    let trailing = significant.len() - significant.trim_end_matches('0').len();
    // An exponent too long for i64 is far beyond any fraction (JSON allows it; doubles do not).
    let exponent: i64 = exponent.parse().unwrap_or(if exponent.starts_with('-') {
        i64::MIN / 2
    } else {
        i64::MAX / 2
    });
    let frac = i64::try_from(frac.len()).unwrap_or(i64::MAX / 2);
    let trailing = i64::try_from(trailing).unwrap_or(0);
    exponent.saturating_sub(frac).saturating_add(trailing) >= 0
}

struct Scan<'a> {
    path: &'a RefCell<Vec<String>>,
    found: &'a RefCell<Vec<Hazard>>,
    /// The texts of the numbers read as doubles ([`double_texts`]), and which is next.
    texts: &'a [&'a str],
    next: &'a Cell<usize>,
}

impl Scan<'_> {
    fn pointer(&self) -> String {
        self.path
            .borrow()
            .iter()
            .map(|t| format!("/{}", escape_pointer_token(t)))
            .collect()
    }

    fn again(&self) -> Self {
        Scan {
            path: self.path,
            found: self.found,
            texts: self.texts,
            next: self.next,
        }
    }
}

impl<'de> DeserializeSeed<'de> for Scan<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Scan<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E>(self, v: f64) -> Result<(), E> {
        let index = self.next.get();
        self.next.set(index + 1);
        // Never expected: a double the text scan did not find. Judged as a fraction, to be safe.
        let text = self.texts.get(index).copied().unwrap_or("a number");
        let negative_zero = v == 0.0 && v.is_sign_negative();
        if v.is_finite() && v.fract() == 0.0 && !negative_zero && !decimal_is_whole(text) {
            self.found
                .borrow_mut()
                .push(whole_double(self.pointer(), text, v));
        }
        if v == 0.0 && v.is_sign_negative() {
            self.found.borrow_mut().push(Hazard {
                pointer: self.pointer(),
                message: "-0: parsers disagree on negative zero (the integer 0, or the float -0.0); a count is written 0".into(),
            });
        }
        Ok(())
    }

    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        for i in 0.. {
            self.path.borrow_mut().push(i.to_string());
            let more = seq.next_element_seed(self.again())?.is_some();
            self.path.borrow_mut().pop();
            if !more {
                break;
            }
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key.clone()) {
                let mut pointer = self.pointer();
                pointer.push('/');
                pointer.push_str(&escape_pointer_token(&key));
                self.found.borrow_mut().push(Hazard {
                    pointer,
                    message: format!(
                        "duplicate key {key:?}: parsers disagree on which value wins (this tool keeps the last)"
                    ),
                });
            }
            self.path.borrow_mut().push(key);
            map.next_value_seed(self.again())?;
            self.path.borrow_mut().pop();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hazards_are_named_by_pointer() {
        let (v, h) = parse(br#"{"a": {"b": 1, "b": 2}, "c": [0, -0]}"#, 64).unwrap();
        assert_eq!(v["a"]["b"], 2);
        let pointers: Vec<_> = h.iter().map(|h| h.pointer.as_str()).collect();
        assert_eq!(pointers, ["/a/b", "/c/1"]);
        assert!(parse(br#"{"a": 1}"#, 64).unwrap().1.is_empty());
    }

    #[test]
    fn whole_doubles_that_are_decimal_fractions_are_hazards() {
        let (v, h) = parse(
            br#"{"a": 0.99999999999999999, "b": [1.0, 100e-2, 5, 2.5, -0, 1e-400], "c": "0.99999999999999999"}"#,
            64,
        )
        .unwrap();
        assert_eq!(v["a"], 1.0, "serde_json reads a double");
        let pointers: Vec<_> = h.iter().map(|h| h.pointer.as_str()).collect();
        assert_eq!(pointers, ["/a", "/b/4", "/b/5"]);
        assert!(
            h[0].message.contains("0.99999999999999999"),
            "{}",
            h[0].message
        );
        assert!(
            h[0].message.contains("parsers disagree"),
            "{}",
            h[0].message
        );
        assert!(h[1].message.starts_with("-0"), "{}", h[1].message);
        // Whole numbers as decimals, and fractions as doubles, are no hazard.
        for fine in [
            &b"[1.0, 100e-2, 2.5, 1E2, 18446744073709551616, -12]"[..],
            b"[0.5e1]",
        ] {
            assert!(
                parse(fine, 64).unwrap().1.is_empty(),
                "{}",
                String::from_utf8_lossy(fine)
            );
        }
        assert!(decimal_is_whole("120.000"));
        assert!(decimal_is_whole("1.5e1"));
        assert!(!decimal_is_whole("1.55e1"));
        assert!(!decimal_is_whole("9007199254740993.5"));
        assert!(decimal_is_whole("0e-99999999999999999999"));
        assert!(!decimal_is_whole("1e-99999999999999999999"));
    }

    #[test]
    fn refuses_what_parsers_read_differently_or_cannot_bound() {
        assert!(parse(b"\xEF\xBB\xBF{}", 64)
            .unwrap_err()
            .message
            .contains("byte order mark"));
        assert!(parse(b"[[[1]]]", 2)
            .unwrap_err()
            .message
            .contains("--max-depth"));
        assert!(parse(b"{} x", 64)
            .unwrap_err()
            .message
            .contains("trailing characters"));
        assert!(parse(b"[NaN]", 64).is_err());
        assert!(parse(b"1e400", 64)
            .unwrap_err()
            .message
            .contains("out of range"));
        assert!(parse(b"\"\xff\"", 64).is_err());
        assert!(parse(&vec![b'['; 10_000], 64).is_err());
    }
}
