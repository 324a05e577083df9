//! Timestamps (`last_login`, `date_created`): RFC 3339 date-times.

use std::borrow::Cow;
use std::fmt;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// An RFC 3339 date-time such as `2017-03-09T08:00:00Z`.
///
/// The docs type these fields as "string"; every example is RFC 3339 in UTC. The offset the
/// document used is kept, so a value serializes back to the same instant in the same offset.
///
/// ```
/// use metaaccess_account_core::Timestamp;
/// let t: Timestamp = "2017-03-09T08:00:00Z".parse().unwrap();
/// assert_eq!(t.to_string(), "2017-03-09T08:00:00Z");
/// assert_eq!(t.as_offset_date_time().year(), 2017);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(OffsetDateTime);

/// The error for a string that is not an RFC 3339 date-time.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{given:?} is not an RFC 3339 date-time (like 2017-03-09T08:00:00Z): {reason}")]
pub struct InvalidTimestamp {
    given: String,
    reason: String,
}

impl Timestamp {
    /// Wraps a date-time. Fails when RFC 3339 cannot represent it (a year outside 0..=9999,
    /// or an offset with seconds).
    pub fn new(dt: OffsetDateTime) -> Result<Self, InvalidTimestamp> {
        dt.format(&Rfc3339)
            .map(|_| Self(dt))
            .map_err(|e| InvalidTimestamp {
                given: dt.to_string(),
                reason: e.to_string(),
            })
    }

    /// The date-time.
    pub const fn as_offset_date_time(&self) -> OffsetDateTime {
        self.0
    }
}

impl std::str::FromStr for Timestamp {
    type Err = InvalidTimestamp;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let parsed = OffsetDateTime::parse(s, &Rfc3339).map_err(|e| InvalidTimestamp {
            given: s.to_owned(),
            reason: e.to_string(),
        })?;
        // `time` allows offsets up to ±25:59; RFC 3339 and the schemas' `date-time` stop at 23.
        if !crate::format::is_date_time(s) {
            return Err(InvalidTimestamp {
                given: s.to_owned(),
                reason: "not a date-time by RFC 3339's grammar".to_owned(),
            });
        }
        Self::new(parsed)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `new` proved the value formats, so this cannot fail.
        match self.0.format(&Rfc3339) {
            Ok(s) => f.write_str(&s),
            Err(_) => Err(fmt::Error),
        }
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Timestamp({self})")
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = <Cow<'de, str>>::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for Timestamp {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "Timestamp".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "format": "date-time" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_offset_it_was_given() {
        let t: Timestamp = "2019-01-22T10:30:00+07:00".parse().unwrap();
        assert_eq!(
            serde_json::to_string(&t).unwrap(),
            "\"2019-01-22T10:30:00+07:00\""
        );
    }

    #[test]
    fn rejects_what_is_not_rfc3339() {
        for bad in [
            "2017-03-09",
            "2017-03-09 08:00:00",
            "yesterday",
            "2017-13-09T08:00:00Z",
        ] {
            let err = bad.parse::<Timestamp>().unwrap_err().to_string();
            assert!(err.contains("RFC 3339"), "{err}");
        }
    }
}
