//! Reading a string without copying it. serde's `Cow<'de, str>` always deserializes to an owned
//! `String` (borrowing happens only for struct fields marked `#[serde(borrow)]`), so a type
//! that only looks at its text would pay an allocation per value: fifteen per 3.1 response.

use std::fmt;

use serde::de::{self, Deserializer, Unexpected, Visitor};

/// Reads a string exactly as `String` does (`deserialize_string`; text, or bytes that are
/// UTF-8), and hands it to `f` borrowed: from the input when the format lends it, else from the
/// format's own buffer. An error of `f` becomes the format's custom error.
#[doc(hidden)]
pub fn read_str<'de, D, R, E>(
    deserializer: D,
    f: impl FnOnce(&str) -> Result<R, E>,
) -> Result<R, D::Error>
where
    D: Deserializer<'de>,
    E: fmt::Display,
{
    deserializer.deserialize_string(StrVisitor(f))
}

struct StrVisitor<F>(F);

impl<'de, F, R, E> Visitor<'de> for StrVisitor<F>
where
    F: FnOnce(&str) -> Result<R, E>,
    E: fmt::Display,
{
    type Value = R;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // What `String`'s visitor says, so that type errors read the same.
        f.write_str("a string")
    }

    fn visit_str<Er: de::Error>(self, v: &str) -> Result<R, Er> {
        (self.0)(v).map_err(Er::custom)
    }

    fn visit_string<Er: de::Error>(self, v: String) -> Result<R, Er> {
        self.visit_str(&v)
    }

    fn visit_bytes<Er: de::Error>(self, v: &[u8]) -> Result<R, Er> {
        match std::str::from_utf8(v) {
            Ok(s) => self.visit_str(s),
            Err(_) => Err(Er::invalid_value(Unexpected::Bytes(v), &self)),
        }
    }

    fn visit_byte_buf<Er: de::Error>(self, v: Vec<u8>) -> Result<R, Er> {
        self.visit_bytes(&v)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // test code

    use std::borrow::Cow;

    use serde::de::value::{BorrowedStrDeserializer, BytesDeserializer, Error, U64Deserializer};
    use serde::Deserialize;

    use super::read_str;

    /// Whatever `Cow<str>` (through `String`) reads, `read_str` reads, and the same text; what
    /// it refuses, `read_str` refuses with the same message.
    #[test]
    fn reads_what_a_string_reads() {
        let same = |cow: Result<Cow<'_, str>, Error>, ours: Result<String, Error>| {
            assert_eq!(
                cow.map(Cow::into_owned).map_err(|e| e.to_string()),
                ours.map_err(|e| e.to_string())
            );
        };
        let own = |s: &str| Ok::<_, std::convert::Infallible>(s.to_owned());
        same(
            Cow::deserialize(BorrowedStrDeserializer::<Error>::new("owner@example.com")),
            read_str(
                BorrowedStrDeserializer::<Error>::new("owner@example.com"),
                own,
            ),
        );
        same(
            Cow::deserialize(BytesDeserializer::<Error>::new(b"caf\xc3\xa9")),
            read_str(BytesDeserializer::<Error>::new(b"caf\xc3\xa9"), own),
        );
        same(
            Cow::deserialize(BytesDeserializer::<Error>::new(b"\xff")),
            read_str(BytesDeserializer::<Error>::new(b"\xff"), own),
        );
        same(
            Cow::deserialize(U64Deserializer::<Error>::new(7)),
            read_str(U64Deserializer::<Error>::new(7), own),
        );
        let json = r#""caf\u00e9""#;
        same(
            Cow::deserialize(&mut serde_json::Deserializer::from_str(json))
                .map_err(<Error as serde::de::Error>::custom),
            read_str(&mut serde_json::Deserializer::from_str(json), own)
                .map_err(<Error as serde::de::Error>::custom),
        );
    }

    /// A refusal of the function reads as `Cow<str>` followed by the same check did: the same
    /// message. (serde_json adds the position, now that of the value itself.)
    #[test]
    fn refusals_read_the_same() {
        let check = |s: &str| {
            if s.contains('@') {
                Ok(())
            } else {
                Err("no '@'")
            }
        };
        let by_cow = <Cow<'_, str>>::deserialize(BorrowedStrDeserializer::<Error>::new("x"))
            .and_then(|s| check(&s).map_err(<Error as serde::de::Error>::custom));
        let ours = read_str(BorrowedStrDeserializer::<Error>::new("x"), check);
        assert_eq!(
            by_cow.unwrap_err().to_string(),
            ours.unwrap_err().to_string()
        );
        let json = r#"{"email": "x"}"#;
        let err =
            read_str(&mut serde_json::Deserializer::from_str(&json[10..]), check).unwrap_err();
        assert_eq!(err.to_string(), "no '@' at line 1 column 3");
    }

    /// The text reaches the function without a copy when the input lends it.
    #[test]
    fn lends_the_input() {
        let json = r#""no escapes""#;
        let at = read_str(&mut serde_json::Deserializer::from_str(json), |s| {
            Ok::<_, std::convert::Infallible>(s.as_ptr())
        })
        .unwrap();
        assert_eq!(at, json[1..].as_ptr());
    }
}
