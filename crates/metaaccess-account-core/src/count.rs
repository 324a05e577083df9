//! Device counts: the docs say "int"; a count of devices is never negative.

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
/// says so. It always serializes as a plain integer.
///
/// ```
/// use metaaccess_account_core::Count;
/// let c: Count = serde_json::from_str("120").unwrap();
/// assert_eq!(c.get(), 120);
/// assert!(serde_json::from_str::<Count>("-1").is_err());
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Count(u64);

impl Count {
    /// No devices.
    pub const ZERO: Count = Count(0);

    /// A count of `n` devices.
    pub const fn new(n: u64) -> Self {
        Self(n)
    }

    /// The number of devices.
    pub const fn get(self) -> u64 {
        self.0
    }

    /// `self + other`, or `None` on overflow.
    pub fn checked_add(self, other: Count) -> Option<Count> {
        self.0.checked_add(other.0).map(Count)
    }

    /// `self - other`, or `None` when `other` is larger.
    pub fn checked_sub(self, other: Count) -> Option<Count> {
        self.0.checked_sub(other.0).map(Count)
    }
}

impl From<u64> for Count {
    fn from(n: u64) -> Self {
        Self(n)
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

/// 2^64 as a float: the first value past `u64::MAX`.
const TWO_POW_64: f64 = 18_446_744_073_709_551_616.0;

impl Visitor<'_> for CountVisitor {
    type Value = Count;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a non-negative integer count of devices")
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Count, E> {
        Ok(Count(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Count, E> {
        u64::try_from(v).map(Count).map_err(|_| {
            E::custom(format_args!(
                "negative count {v}: counts of devices are never negative"
            ))
        })
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Count, E> {
        if v.is_finite() && v.fract() == 0.0 && (0.0..TWO_POW_64).contains(&v) {
            // In range and integral, so the cast is exact.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            Ok(Count(v as u64))
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
            "maximum": u64::MAX,
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
        ] {
            assert!(
                serde_json::from_str::<Count>(bad).is_err(),
                "{bad} must be rejected"
            );
        }
        let err = serde_json::from_str::<Count>("-3").unwrap_err().to_string();
        assert!(err.contains("never negative"), "{err}");
    }

    proptest! {
        #[test]
        fn serializes_as_the_integer_it_holds(n in any::<u64>()) {
            let json = serde_json::to_string(&Count(n)).unwrap();
            prop_assert_eq!(&json, &n.to_string());
            prop_assert_eq!(serde_json::from_str::<Count>(&json).unwrap(), Count(n));
        }
    }
}
