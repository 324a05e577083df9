//! `"format": "date-time"`: RFC 3339 section 5.6 `date-time`, as `jsonschema` reads it.
//!
//! ```text
//! date-time = YYYY "-" MM "-" DD ("T" / "t") hh ":" mm ":" ss ["." 1*DIGIT] ("Z" / "z" / ("+" / "-") hh ":" mm)
//! ```
//!
//! - year `0000`..`9999`; month `01`..`12`; day `01` to the month's length (February 29th in
//!   Gregorian leap years, year `0000` included);
//! - hour `00`..`23`, minute `00`..`59`, second `00`..`60`; any number of fraction digits (at
//!   least one after a dot);
//! - offset hours `00`..`23`, minutes `00`..`59`; `-00:00` is allowed;
//! - second `60` (a leap second) only when the time, moved to UTC by its offset, is `23:59`,
//!   on any day.
//!
//! Nothing else: no space or other separator, no lowercase other than `t`/`z`, no offset
//! without a colon, no trailing text.

/// The fields of an accepted date-time, as written (no leap-second or offset arithmetic).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct DateTimeParts {
    pub(crate) year: u16,
    pub(crate) month: u8,
    pub(crate) day: u8,
    pub(crate) hour: u8,
    pub(crate) minute: u8,
    /// `0..=60`; 60 is a leap second.
    pub(crate) second: u8,
    /// The first nine fraction digits (later ones are cut off, not rounded).
    pub(crate) nanosecond: u32,
    /// The offset from UTC in minutes, `-1439..=1439` (`-00:00` reads as 0).
    pub(crate) offset_minutes: i16,
}

/// Reads `s` as a `date-time`, or says why it is not one.
pub(crate) fn parse_date_time(s: &str) -> Result<DateTimeParts, &'static str> {
    const DATE: &str = "the date is not YYYY-MM-DD";
    const TIME: &str = "the time is not hh:mm:ss";
    let b = s.as_bytes();
    let date = b
        .get(..10)
        .filter(|d| d[4] == b'-' && d[7] == b'-')
        .ok_or(DATE)?;
    let year = digits(&date[0..4]).ok_or(DATE)?;
    let month = digits(&date[5..7]).ok_or(DATE)?;
    let day = digits(&date[8..10]).ok_or(DATE)?;
    if !(1..=12).contains(&month) {
        return Err("the month is not 01..12");
    }
    if day == 0 || day > days_in_month(year, month) {
        return Err("the day is not in the month");
    }
    let t = match b.get(10..) {
        Some([b'T' | b't', time @ ..]) => time,
        _ => return Err("the date is not followed by T and a time"),
    };
    if t.len() < 8 || t[2] != b':' || t[5] != b':' {
        return Err(TIME);
    }
    let hour = digits(&t[0..2]).ok_or(TIME)?;
    let minute = digits(&t[3..5]).ok_or(TIME)?;
    let second = digits(&t[6..8]).ok_or(TIME)?;
    if hour > 23 || minute > 59 || second > 60 {
        return Err("the hour, minute or second is out of range");
    }

    let mut i = 8;
    let mut nanosecond = 0u32;
    if t.get(i) == Some(&b'.') {
        let start = i + 1;
        i = start;
        while i < t.len() && t[i].is_ascii_digit() {
            if i - start < 9 {
                nanosecond = nanosecond * 10 + u32::from(t[i] - b'0');
            }
            i += 1;
        }
        let given = i - start;
        if given == 0 {
            return Err("the fraction of a second has no digits");
        }
        for _ in given..9 {
            nanosecond *= 10;
        }
    }

    let offset_minutes = match &t[i..] {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), hh @ .., b':', m1, m2] if hh.len() == 2 => {
            let oh = digits(hh).ok_or("the offset is not Z or ±hh:mm")?;
            let om = digits(&[*m1, *m2]).ok_or("the offset is not Z or ±hh:mm")?;
            if oh > 23 || om > 59 {
                return Err("the offset is out of range (at most ±23:59)");
            }
            let minutes = (oh * 60 + om) as i16;
            if *sign == b'-' {
                -minutes
            } else {
                minutes
            }
        }
        [] => return Err("the offset (Z or ±hh:mm) is missing"),
        _ => return Err("the offset is not Z or ±hh:mm"),
    };

    if second == 60 {
        let local = i32::from(hour * 60 + minute);
        if (local - i32::from(offset_minutes)).rem_euclid(24 * 60) != 23 * 60 + 59 {
            return Err("a leap second (:60) must fall at 23:59 UTC");
        }
    }

    Ok(DateTimeParts {
        year,
        month: month as u8,
        day: day as u8,
        hour: hour as u8,
        minute: minute as u8,
        second: second as u8,
        nanosecond,
        offset_minutes,
    })
}

/// The value of a run of ASCII digits (at most four here).
fn digits(b: &[u8]) -> Option<u16> {
    b.iter().try_fold(0u16, |n, &d| {
        d.is_ascii_digit().then(|| n * 10 + u16::from(d - b'0'))
    })
}

fn days_in_month(year: u16, month: u16) -> u16 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> bool {
        parse_date_time(s).is_ok()
    }

    #[test]
    fn accepts_rfc3339_date_times() {
        for s in [
            "2017-03-09T08:00:00Z",
            "2017-03-09T08:00:00.000Z",
            "2017-03-09t08:00:00z",
            "2017-03-09T08:00:00-00:00",
            "2017-03-09T08:00:00+05:30",
            "2017-03-09T08:00:00.12345678901234567890-23:59",
            "2016-02-29T00:00:00Z",
            "2000-02-29T00:00:00Z",
            "0000-02-29T00:00:00Z",
            "9999-12-31T23:59:59Z",
            "2017-03-09T23:59:60Z",
            "2017-03-09T15:59:60-08:00",
            "2017-03-10T05:29:60+05:30",
            "2017-03-09T23:59:60.5z",
        ] {
            assert!(ok(s), "{s}");
        }
    }

    #[test]
    fn rejects_the_rest() {
        for s in [
            "",
            "2017-03-09",
            "2017-03-09 08:00:00Z",
            "2017-03-09T08:00:00",
            "2017-03-09T08:00:00.Z",
            "2017-03-09T08:00:00+0530",
            "2017-03-09T08:00:00+24:00",
            "2017-03-09T08:00:00+05:60",
            "2017-03-09T08:00:00Zz",
            "2017-13-09T08:00:00Z",
            "2017-00-09T08:00:00Z",
            "2017-02-29T08:00:00Z",
            "1900-02-29T08:00:00Z",
            "2017-04-31T08:00:00Z",
            "2017-03-09T24:00:00Z",
            "2017-03-09T08:60:00Z",
            "2017-03-09T08:00:61Z",
            "2017-03-09T23:58:60Z",
            "2017-03-09T23:59:60+00:01",
            "2017-03-09T23:59:60-08:00",
            "+2017-03-09T08:00:00Z",
            "２017-03-09T08:00:00Z",
        ] {
            assert!(!ok(s), "{s}");
        }
    }

    #[test]
    fn says_why() {
        let why = |s: &str| parse_date_time(s).unwrap_err();
        assert_eq!(why("03/09/2017 08:00"), "the date is not YYYY-MM-DD");
        assert_eq!(
            why("2017-03-09 08:00:00Z"),
            "the date is not followed by T and a time"
        );
        assert_eq!(why("2017-03-09T08:00"), "the time is not hh:mm:ss");
        assert_eq!(
            why("2017-03-09T08:00:00"),
            "the offset (Z or ±hh:mm) is missing"
        );
        assert_eq!(
            why("2017-03-09T08:00:00.Z"),
            "the fraction of a second has no digits"
        );
        assert_eq!(
            why("2017-03-09T08:00:00+0100"),
            "the offset is not Z or ±hh:mm"
        );
    }

    #[test]
    fn reads_the_fields_as_written() {
        let p = parse_date_time("2016-12-31T18:29:60.1234567899-05:30").unwrap();
        assert_eq!(
            p,
            DateTimeParts {
                year: 2016,
                month: 12,
                day: 31,
                hour: 18,
                minute: 29,
                second: 60,
                nanosecond: 123_456_789,
                offset_minutes: -330,
            }
        );
        assert_eq!(
            parse_date_time("2016-12-31T00:00:00.5Z")
                .unwrap()
                .nanosecond,
            500_000_000
        );
    }
}
