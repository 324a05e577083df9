//! Strategies for the value types that documents are made of.

use metaaccess_account::{Count, Email, LicenseKey, Timestamp};
use proptest::prelude::*;
use proptest::sample::select;

/// Counts: mostly small, as real accounts have, sometimes anywhere in range.
pub fn count() -> impl Strategy<Value = Count> {
    prop_oneof![
        4 => (0u32..2_000).prop_map(Count::new),
        1 => (0..=Count::MAX.get()).prop_map(|n| Count::try_new(n).unwrap_or(Count::MAX)),
        1 => Just(Count::MAX),
    ]
}

/// RFC 3339 timestamps between year 0 and 9999, in UTC or a whole-minute offset, sometimes
/// with fractional seconds.
pub fn timestamp() -> impl Strategy<Value = Timestamp> {
    let seconds = -62_135_596_800i64..253_402_214_400; // 0001-01-01 .. 9999-12-30
    let offset = prop_oneof![3 => Just(0i32), 1 => -23 * 60..=23 * 60i32];
    let nanos = prop_oneof![3 => Just(0u32), 1 => 0u32..1_000_000_000];
    (seconds, offset, nanos).prop_map(|(s, offset_minutes, ns)| {
        let offset = time::UtcOffset::from_whole_seconds(offset_minutes * 60).unwrap();
        let dt = time::OffsetDateTime::from_unix_timestamp(s).unwrap()
            + time::Duration::nanoseconds(i64::from(ns));
        Timestamp::new(dt.to_offset(offset)).unwrap()
    })
}

/// Plain, valid email addresses.
pub fn email() -> impl Strategy<Value = Email> {
    "[a-z][a-z0-9_]{0,10}(\\.[a-z0-9]{1,8})?@[a-z][a-z0-9]{0,10}(-[a-z0-9]{1,5})?\\.[a-z]{2,6}"
        .prop_map(|s| s.parse().expect("generated email is valid"))
}

/// License keys shaped like the documented one.
pub fn license_key() -> impl Strategy<Value = LicenseKey> {
    "[a-z0-9]{32}".prop_map(LicenseKey::new)
}

/// Account names: any string at all.
pub fn name() -> impl Strategy<Value = String> {
    prop_oneof![3 => "[A-Za-z0-9 ]{1,24}", 1 => any::<String>()]
}

/// A documented value of an open enum.
pub fn known<E: Clone + std::fmt::Debug + 'static>(
    values: &'static [E],
) -> impl Strategy<Value = E> {
    select(values)
}
