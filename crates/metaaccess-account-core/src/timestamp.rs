//! Timestamps (`last_login`, `date_created`): RFC 3339 date-times, kept as written.

#[cfg(feature = "schema")]
use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt::{self, Write as _};
use std::hash::{Hash, Hasher};

#[cfg(feature = "schema")]
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

use crate::format::{parse_date_time, DateTimeParts};

/// An RFC 3339 date-time such as `2017-03-09T08:00:00Z`, kept exactly as written.
///
/// The docs type these fields as "string"; every example is RFC 3339 in UTC. A string is
/// accepted exactly when the published schemas' `"format": "date-time"` accepts it (as the
/// `jsonschema` crate checks that format): `YYYY-MM-DDThh:mm:ss`, an optional fraction of
/// any length, then `Z` or `±hh:mm` (at most `±23:59`); `t` and `z` may be lowercase; second
/// `60` (a leap second) only at 23:59 UTC.
///
/// The text is kept byte for byte, so `2017-03-09T08:00:00.000Z`, `-00:00`, `+05:30`,
/// lowercase `t`/`z` and leap seconds serialize back exactly as they came.
///
/// # Equality and order
///
/// Both compare the text, byte by byte: two timestamps are equal when they are written the
/// same way. `2017-03-09T08:00:00Z` and `2017-03-09T08:00:00.000+00:00` are different values
/// for the same instant, and the order is chronological only among values written with the
/// same offset and the same fraction length. To compare instants, compare
/// [`as_offset_date_time`](Self::as_offset_date_time).
///
/// # The instant
///
/// [`as_offset_date_time`](Self::as_offset_date_time) gives the instant in the offset the
/// text used (`-00:00` reads as UTC). Fraction digits beyond nanoseconds are cut off, not
/// rounded. `OffsetDateTime` has no leap seconds, so second `60` reads as the last nanosecond
/// of second `59`, whatever fraction it had (`23:59:60.5Z` reads as `23:59:59.999999999Z`),
/// as the `time` crate's own RFC 3339 parser does.
///
/// ```
/// use metaaccess_account_core::Timestamp;
/// let t: Timestamp = "2017-03-09t08:00:00.000-00:00".parse().unwrap();
/// assert_eq!(t.to_string(), "2017-03-09t08:00:00.000-00:00");
/// assert_eq!(t.as_offset_date_time().year(), 2017);
///
/// let leap: Timestamp = "2016-12-31T23:59:60Z".parse().unwrap();
/// assert_eq!(leap.as_offset_date_time().second(), 59);
/// assert_eq!(leap.as_offset_date_time().nanosecond(), 999_999_999);
/// ```
#[derive(Clone)]
pub struct Timestamp {
    text: Box<str>,
    /// A function of `text`, so equality, order and hashing look at `text` alone.
    instant: OffsetDateTime,
}

/// The error for a string that is not an RFC 3339 date-time.
#[derive(Clone, Debug, PartialEq, Eq, Hash, thiserror::Error)]
#[error("{given:?} is not an RFC 3339 date-time (like 2017-03-09T08:00:00Z): {reason}")]
pub struct InvalidTimestamp {
    given: String,
    reason: &'static str,
}

impl Timestamp {
    /// Formats a date-time as RFC 3339, the way the `time` crate does: `T`, the fraction
    /// without trailing zeros (none when zero), `Z` for UTC. Fails when RFC 3339 cannot
    /// represent it (a year outside 0..=9999, or an offset with seconds or beyond ±23:59).
    pub fn new(dt: OffsetDateTime) -> Result<Self, InvalidTimestamp> {
        let invalid = |reason| InvalidTimestamp {
            given: dt.to_string(),
            reason,
        };
        format_rfc3339(dt).map_err(invalid)?.parse()
    }

    /// The date-time, in the offset the text used (see the type's docs for leap seconds).
    pub const fn as_offset_date_time(&self) -> OffsetDateTime {
        self.instant
    }

    /// The text as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }
}

fn format_rfc3339(dt: OffsetDateTime) -> Result<String, &'static str> {
    if !(0..=9999).contains(&dt.year()) {
        return Err("the year is outside 0000..=9999");
    }
    let (offset_hours, offset_minutes, offset_seconds) = dt.offset().as_hms();
    if offset_seconds != 0 {
        return Err("the offset has seconds");
    }
    if offset_hours.unsigned_abs() > 23 {
        return Err("the offset is beyond ±23:59");
    }
    let mut s = String::with_capacity(35);
    let month = u8::from(dt.month());
    let (hour, minute, second, nanosecond) = dt.to_hms_nano();
    // Writing to a `String` does not fail.
    let _ = write!(
        s,
        "{:04}-{month:02}-{:02}T{hour:02}:{minute:02}:{second:02}",
        dt.year(),
        dt.day()
    );
    if nanosecond != 0 {
        let fraction = format!("{nanosecond:09}");
        s.push('.');
        s.push_str(fraction.trim_end_matches('0'));
    }
    if dt.offset().is_utc() {
        s.push('Z');
    } else {
        let sign = if dt.offset().is_negative() { '-' } else { '+' };
        let _ = write!(
            s,
            "{sign}{:02}:{:02}",
            offset_hours.unsigned_abs(),
            offset_minutes.unsigned_abs()
        );
    }
    Ok(s)
}

/// The instant of accepted parts; the leap-second rule is in the type's docs.
fn instant(p: DateTimeParts) -> Result<OffsetDateTime, time::error::ComponentRange> {
    let (second, nanosecond) = match p.second {
        60 => (59, 999_999_999),
        s => (s, p.nanosecond),
    };
    let date = Date::from_calendar_date(i32::from(p.year), Month::try_from(p.month)?, p.day)?;
    let time = Time::from_hms_nano(p.hour, p.minute, second, nanosecond)?;
    let offset = UtcOffset::from_whole_seconds(i32::from(p.offset_minutes) * 60)?;
    Ok(PrimitiveDateTime::new(date, time).assume_offset(offset))
}

impl std::str::FromStr for Timestamp {
    type Err = InvalidTimestamp;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let instant = instant_of(s).map_err(|reason| InvalidTimestamp {
            given: s.to_owned(),
            reason,
        })?;
        Ok(Self {
            text: s.into(),
            instant,
        })
    }
}

/// The instant a timestamp's text stands for, or why it stands for none: what parsing one
/// checks, with nothing kept.
pub(crate) fn instant_of(s: &str) -> Result<OffsetDateTime, &'static str> {
    let parts = parse_date_time(s)?;
    // Every accepted text has an instant; this error is not expected to occur.
    instant(parts).map_err(|_| "no such date-time")
}

impl PartialEq for Timestamp {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl Eq for Timestamp {}

impl PartialOrd for Timestamp {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Timestamp {
    fn cmp(&self, other: &Self) -> Ordering {
        self.text.cmp(&other.text)
    }
}

impl Hash for Timestamp {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.text.hash(state);
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Timestamp({})", self.text)
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::borrowed::read_str(deserializer, str::parse)
    }
}

#[cfg(feature = "schema")]
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
    use proptest::prelude::*;
    use time::format_description::well_known::Rfc3339;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    /// The check-only reader checks the grammar alone (`parse_date_time`) and builds no
    /// instant; that is the model's verdict only if every accepted text has an instant.
    /// Building one can fail only in four calls (month, date, time of day, offset), each a
    /// range check on its own parts, and `assume_offset` cannot fail. So it is enough to try
    /// every year and month with the days where month lengths differ (1, 28-31), every hour
    /// and minute with the seconds 0, 59 and 60 and the longest fraction, and every offset.
    #[test]
    fn every_accepted_text_has_an_instant() {
        let mut accepted = 0;
        let mut check = |s: String| {
            if parse_date_time(&s).is_ok() {
                assert!(instant_of(&s).is_ok(), "{s}");
                accepted += 1;
            }
        };
        for year in 0..=9999 {
            for month in 1..=12 {
                for day in [1, 28, 29, 30, 31] {
                    check(format!("{year:04}-{month:02}-{day:02}T00:00:00Z"));
                }
            }
        }
        for hour in 0..=23 {
            for minute in 0..=59 {
                for second in [0, 59, 60] {
                    check(format!(
                        "2016-12-31T{hour:02}:{minute:02}:{second:02}.999999999Z"
                    ));
                }
            }
        }
        for sign in ['+', '-'] {
            for hours in 0..=23 {
                for minutes in 0..=59 {
                    check(format!("2016-12-31T23:59:59{sign}{hours:02}:{minutes:02}"));
                }
            }
        }
        // Dates: 53 of the 60 tried in a year (51 outside February, whose 29th counts in the
        // 2,425 leap years); times: two seconds of each minute and one leap second; offsets:
        // all of them.
        let (dates, times, offsets) = (10_000 * 53 + 2_425, 1_440 * 2 + 1, 2 * 1_440);
        assert_eq!(accepted, dates + times + offsets);
    }

    #[test]
    fn keeps_the_text_byte_for_byte() {
        for s in [
            "2019-01-22T10:30:00+07:00",
            "2017-03-09T08:00:00.000Z",
            "2017-03-09T08:00:00-00:00",
            "2017-03-09T08:00:00+00:00",
            "2017-03-09T13:30:00+05:30",
            "2017-03-09t08:00:00z",
            "2016-12-31T23:59:60Z",
            "2017-03-09T15:59:60.25-08:00",
            "2017-03-09T08:00:00.12345678901234567890Z",
        ] {
            let t = ts(s);
            assert_eq!(t.to_string(), s);
            assert_eq!(t.as_str(), s);
            assert_eq!(serde_json::to_string(&t).unwrap(), format!("\"{s}\""));
            assert_eq!(
                serde_json::from_str::<Timestamp>(&format!("\"{s}\"")).unwrap(),
                t
            );
        }
    }

    #[test]
    fn rejects_what_is_not_rfc3339() {
        for bad in [
            "2017-03-09",
            "2017-03-09 08:00:00",
            "2017-03-09 08:00:00Z",
            "yesterday",
            "2017-13-09T08:00:00Z",
            "2017-03-09T08:00:00+24:00",
            "2017-03-09T23:59:60+01:00",
        ] {
            let err = bad.parse::<Timestamp>().unwrap_err().to_string();
            assert!(err.contains("RFC 3339"), "{err}");
        }
        let err = "2017-02-29T08:00:00Z".parse::<Timestamp>().unwrap_err();
        assert!(err.to_string().contains("day"), "{err}");
    }

    #[test]
    fn equality_is_textual_and_the_instant_is_separate() {
        let (z, utc) = (ts("2017-03-09T08:00:00Z"), ts("2017-03-09T08:00:00+00:00"));
        assert_ne!(z, utc);
        assert_eq!(z.as_offset_date_time(), utc.as_offset_date_time());
        assert!(ts("2017-03-09T08:00:00Z") < ts("2017-03-09T09:00:00Z"));
        let minus = ts("2017-03-09T08:00:00.5-05:30").as_offset_date_time();
        assert_eq!(minus.offset().whole_minutes(), -330);
        assert_eq!(minus.nanosecond(), 500_000_000);
    }

    #[test]
    fn a_leap_second_reads_as_the_last_nanosecond_of_second_59() {
        let leap = ts("2017-03-09T15:59:60.25-08:00").as_offset_date_time();
        let expected = OffsetDateTime::parse("2017-03-09T15:59:59.999999999-08:00", &Rfc3339);
        assert_eq!(Ok(leap), expected);
        assert_eq!(leap.offset().whole_minutes(), -480);
        // Where the `time` crate reads leap seconds at all, it reads them the same way.
        let s = "2016-12-31T23:59:60.5Z";
        assert_eq!(
            OffsetDateTime::parse(s, &Rfc3339),
            Ok(ts(s).as_offset_date_time())
        );
    }

    #[test]
    fn new_fails_where_rfc3339_cannot_represent_the_value() {
        let dt = OffsetDateTime::UNIX_EPOCH;
        assert!(Timestamp::new(dt.replace_year(-1).unwrap()).is_err());
        let year_0 = dt.replace_year(0).unwrap();
        assert_eq!(
            Timestamp::new(year_0).unwrap().as_str(),
            "0000-01-01T00:00:00Z"
        );
        let west = UtcOffset::from_hms(-1, 0, 0).unwrap();
        assert!(Timestamp::new(year_0.to_offset(west)).is_err());
        let odd = UtcOffset::from_hms(1, 0, 30).unwrap();
        assert!(Timestamp::new(dt.to_offset(odd)).is_err());
        let far = UtcOffset::from_hms(-25, 0, 0).unwrap();
        assert!(Timestamp::new(dt.to_offset(far)).is_err());
    }

    proptest! {
        #[test]
        fn new_formats_as_the_time_crate_does(
            seconds in -62_167_219_200i64..253_402_300_800, // 0000-01-01 ..= 9999-12-31
            nanos in prop_oneof![Just(0u32), Just(500_000_000u32), 0u32..1_000_000_000],
            offset_minutes in prop_oneof![Just(0i32), -23 * 60 - 59..=23 * 60 + 59],
        ) {
            let offset = UtcOffset::from_whole_seconds(offset_minutes * 60).unwrap();
            let dt = (OffsetDateTime::from_unix_timestamp(seconds).unwrap()
                + time::Duration::nanoseconds(i64::from(nanos)))
                .to_offset(offset);
            let Ok(expected) = dt.format(&Rfc3339) else {
                // Moving to the offset left 0000..=9999; `new` must refuse it too.
                prop_assert!(Timestamp::new(dt).is_err());
                return Ok(());
            };
            let t = Timestamp::new(dt).unwrap();
            prop_assert_eq!(t.as_str(), expected.as_str());
            prop_assert_eq!(t.as_offset_date_time(), dt);
            prop_assert_eq!(t.as_offset_date_time().offset(), dt.offset());
        }
    }
}
