//! Device counts: the docs say "int"; a count of devices is never negative.
//!
//! # Why counts stop at 2^53 − 1
//!
//! The docs give no upper bound. The published schemas once said `maximum: u64::MAX`, which
//! JavaScript (`JSON.parse` reads every number as a double) cannot even represent, and which
//! code generators turn into types that lose precision silently. A count of devices is never
//! near 2^53 − 1 (9 007 199 254 740 991, `Number.MAX_SAFE_INTEGER`), so the schemas say
//! `maximum: 9007199254740991` and [`Count`] holds the same bound: parsing rejects a larger
//! number with a message that names the bound, and no `Count` above it can be built. Every
//! JSON parser in common use (JavaScript, Python, Java, Go, Rust) reads such a count exactly.

#[cfg(feature = "schema")]
use std::borrow::Cow;
use std::fmt;

#[cfg(feature = "schema")]
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A number of devices: a non-negative integer.
///
/// Parsing accepts any JSON number that is a whole number in range (`5`, `5.0`, `5e0`), because
/// JSON Schema's `integer` does too; it rejects negatives and fractions with a message that
/// says so. Counts are at most [`Count::MAX`] (2^53 − 1, the largest integer every JSON
/// parser reads exactly; see the module docs), as the schemas say. It always serializes as a
/// plain integer.
///
/// ```
/// use metaaccess_account_core::Count;
/// let c: Count = serde_json::from_str("120").unwrap();
/// assert_eq!(c.get(), 120);
/// assert!(serde_json::from_str::<Count>("-1").is_err());
/// assert!(serde_json::from_str::<Count>("9007199254740991").is_ok());
/// let err = serde_json::from_str::<Count>("9007199254740992").unwrap_err();
/// assert!(err.to_string().contains("larger than 9007199254740991"));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Count(u64);

/// 2^53 − 1: the largest count, `Number.MAX_SAFE_INTEGER` in JavaScript.
pub const MAX_COUNT: u64 = (1 << 53) - 1;

impl Count {
    /// No devices.
    pub const ZERO: Count = Count(0);

    /// The largest count: 2^53 − 1 (see the module docs).
    pub const MAX: Count = Count(MAX_COUNT);

    /// A count of `n` devices (every `u32` is in range; see [`Count::try_new`] for `u64`).
    pub const fn new(n: u32) -> Self {
        Self(n as u64)
    }

    /// A count of `n` devices, or `None` above [`Count::MAX`].
    pub const fn try_new(n: u64) -> Option<Self> {
        if n <= MAX_COUNT {
            Some(Self(n))
        } else {
            None
        }
    }

    /// The number of devices.
    pub const fn get(self) -> u64 {
        self.0
    }

    /// `self + other`, or `None` above [`Count::MAX`].
    pub fn checked_add(self, other: Count) -> Option<Count> {
        self.0.checked_add(other.0).and_then(Count::try_new)
    }

    /// `self - other`, or `None` when `other` is larger.
    pub fn checked_sub(self, other: Count) -> Option<Count> {
        self.0.checked_sub(other.0).map(Count)
    }
}

impl From<u32> for Count {
    fn from(n: u32) -> Self {
        Self::new(n)
    }
}

/// The error of `Count::try_from(u64)`: the number is above [`Count::MAX`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CountOutOfRange(pub u64);

impl fmt::Display for CountOutOfRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "count {} is larger than {MAX_COUNT} (2^53 - 1, the largest count)",
            self.0
        )
    }
}

impl std::error::Error for CountOutOfRange {}

impl TryFrom<u64> for Count {
    type Error = CountOutOfRange;
    fn try_from(n: u64) -> Result<Self, CountOutOfRange> {
        Self::try_new(n).ok_or(CountOutOfRange(n))
    }
}

impl From<Count> for u64 {
    fn from(c: Count) -> Self {
        c.0
    }
}

impl fmt::Display for Count {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl Serialize for Count {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u64(self.0)
    }
}

struct CountVisitor;

fn too_large<E: de::Error>(v: impl fmt::Display) -> E {
    E::custom(format_args!(
        "count {v} is larger than {MAX_COUNT} (2^53 - 1, the largest count every JSON parser reads exactly)"
    ))
}

impl Visitor<'_> for CountVisitor {
    type Value = Count;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a non-negative integer count of devices")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Count, E> {
        Count::try_new(v).ok_or_else(|| too_large(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Count, E> {
        match u64::try_from(v) {
            Ok(v) => self.visit_u64(v),
            Err(_) => Err(E::custom(format_args!(
                "negative count {v}: counts of devices are never negative"
            ))),
        }
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Count, E> {
        // 2^53 - 1 is exact as a double, so the comparison is exact too.
        #[allow(clippy::cast_precision_loss)]
        let max = MAX_COUNT as f64;
        if v.is_finite() && v.fract() == 0.0 && (0.0..=max).contains(&v) {
            // In range and integral, so the cast is exact.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            Ok(Count(v as u64))
        } else if v.is_finite() && v.fract() == 0.0 && v > max {
            Err(too_large(v))
        } else if v < 0.0 {
            Err(E::custom(format_args!(
                "negative count {v}: counts of devices are never negative"
            )))
        } else {
            Err(E::custom(format_args!("{v} is not a whole number in range: expected a non-negative integer count of devices")))
        }
    }
}

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_u64(CountVisitor)
    }
}

#[cfg(feature = "schema")]
impl JsonSchema for Count {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "Count".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "integer",
            "minimum": 0,
            "maximum": MAX_COUNT,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_integral_numbers_and_rejects_the_rest() {
        assert_eq!(serde_json::from_str::<Count>("5.0").ok(), Some(Count(5)));
        assert_eq!(serde_json::from_str::<Count>("1e2").ok(), Some(Count(100)));
        for bad in [
            "-1",
            "-0.5",
            "1.5",
            "\"5\"",
            "null",
            "1e20",
            "18446744073709551616",
            "9007199254740992",
            "9007199254740992.0",
            "18446744073709551615",
        ] {
            assert!(
                serde_json::from_str::<Count>(bad).is_err(),
                "{bad} must be rejected"
            );
        }
        let err = serde_json::from_str::<Count>("-3").unwrap_err().to_string();
        assert!(err.contains("never negative"), "{err}");
        for big in ["9007199254740992", "9007199254740992.0", "1e20"] {
            let err = serde_json::from_str::<Count>(big).unwrap_err().to_string();
            assert!(err.contains("larger than 9007199254740991"), "{big}: {err}");
        }
        assert_eq!(
            serde_json::from_str::<Count>("9007199254740991").ok(),
            Some(Count::MAX)
        );
        assert_eq!(Count::MAX.checked_add(Count::new(1)), None);
        assert!(Count::try_from(MAX_COUNT + 1).is_err());
    }

    proptest! {
        #[test]
        fn serializes_as_the_integer_it_holds(n in 0..=MAX_COUNT) {
            let json = serde_json::to_string(&Count(n)).unwrap();
            prop_assert_eq!(&json, &n.to_string());
            prop_assert_eq!(serde_json::from_str::<Count>(&json).unwrap(), Count(n));
        }
    }
}
