//! Strategies for valid documents of every version (documented enum values only).

use metaaccess_account::{v2_0, v3_0, v3_1, v3_2, Count, Email, LicenseKey, Timestamp};
use proptest::prelude::*;
use proptest::sample::select;

/// Counts: mostly small, as real accounts have, sometimes anywhere in range.
pub fn count() -> impl Strategy<Value = Count> {
    prop_oneof![
        4 => (0u64..2_000).prop_map(Count::new),
        1 => any::<u64>().prop_map(Count::new),
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

fn optional<T: std::fmt::Debug + Clone>(
    s: impl Strategy<Value = T>,
) -> impl Strategy<Value = Option<T>> {
    prop_oneof![1 => Just(None), 3 => s.prop_map(Some)]
}

/// A documented value of an open enum.
pub fn known<E: Clone + std::fmt::Debug + 'static>(
    values: &'static [E],
) -> impl Strategy<Value = E> {
    select(values)
}

/// Version 2.0 responses, with and without the fields added mid-life.
pub fn v2_0_account() -> impl Strategy<Value = v2_0::AccountDetails> {
    (
        (name(), email(), timestamp(), timestamp()),
        (
            count(),
            count(),
            count(),
            optional(count()),
            optional(count()),
        ),
    )
        .prop_map(
            |((name, email, last_login, date_created), c)| v2_0::AccountDetails {
                name,
                email,
                last_login,
                date_created,
                devices_allowed: c.0,
                devices_used: c.1,
                devices_uncompliant: c.2,
                devices_critical: c.3,
                devices_issues: c.4,
            },
        )
}

/// Version 3.0 responses, with and without the license key.
pub fn v3_0_account() -> impl Strategy<Value = v3_0::AccountDetails> {
    (
        (
            name(),
            email(),
            timestamp(),
            timestamp(),
            optional(license_key()),
        ),
        (count(), count(), count(), count(), count(), count()),
    )
        .prop_map(
            |((name, email, last_login, date_created, license_key), c)| v3_0::AccountDetails {
                name,
                email,
                last_login,
                date_created,
                devices_allowed: c.0,
                devices_used: c.1,
                devices_uncompliant: c.2,
                devices_critical: c.3,
                devices_issues: c.4,
                devices_unknown: c.5,
                license_key,
            },
        )
}

macro_rules! v3_account {
    ($fn_name:ident, $v:ident) => {
        #[doc = concat!("Version ", stringify!($v), " responses with documented enum values.")]
        pub fn $fn_name() -> impl Strategy<Value = $v::AccountDetails> {
            let by_status = prop::collection::vec(
                (known($v::DeviceStatus::KNOWN), count()).prop_map(
                    |(status, number_of_devices)| $v::DevicesByStatus {
                        status,
                        number_of_devices,
                    },
                ),
                0..6,
            );
            let by_issue = prop::collection::vec(
                (known($v::IssueSeverity::KNOWN), count()).prop_map(
                    |(severity, number_of_devices)| $v::DevicesByIssueSeverity {
                        severity,
                        number_of_devices,
                    },
                ),
                0..5,
            );
            let by_vulnerability = prop::collection::vec(
                (known($v::VulnerabilitySeverity::KNOWN), count()).prop_map(
                    |(severity, number_of_devices)| $v::DevicesByVulnerabilitySeverity {
                        severity,
                        number_of_devices,
                    },
                ),
                0..8,
            );
            (
                (name(), email(), timestamp(), timestamp(), license_key()),
                (count(), count(), by_status, by_issue, by_vulnerability),
            )
                .prop_map(
                    |((name, email, last_login, date_created, license_key), c)| {
                        $v::AccountDetails {
                            name,
                            email,
                            last_login,
                            date_created,
                            devices_allowed: c.0,
                            devices_used: c.1,
                            devices_by_status: c.2,
                            devices_by_issue_severity: c.3,
                            devices_by_vulnerability_severity: c.4,
                            license_key,
                        }
                    },
                )
        }
    };
}

v3_account!(v3_1_account, v3_1);
v3_account!(v3_2_account, v3_2);

/// Version 3.2 request bodies.
pub fn v3_2_request() -> impl Strategy<Value = v3_2::AccountDetailsRequest> {
    known(v3_2::ScoreType::KNOWN).prop_map(|score_type| v3_2::AccountDetailsRequest { score_type })
}
