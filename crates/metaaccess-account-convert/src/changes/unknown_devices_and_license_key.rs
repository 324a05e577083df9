//! 2.0 → 3.0: `devices_unknown` and (mid-life) `license_key` are added; the two counts 2.0
//! added mid-life are always present.

use metaaccess_account::ApiVersion;

use crate::change::{Place, Rule, VersionChange};
use crate::shape::LICENSE_KEY;

/// The change.
pub const CHANGE: VersionChange = VersionChange {
    name: "unknown-devices-and-license-key",
    from: ApiVersion::V2_0,
    to: ApiVersion::V3_0,
    description: "3.0 adds devices_unknown and, from 2018-11-27, license_key; \
                  devices_critical and devices_issues are always present",
    rules: &[
        Rule::Copied(&[
            "name",
            "email",
            "last_login",
            "date_created",
            "devices_allowed",
            "devices_used",
            "devices_uncompliant",
        ]),
        Rule::CopiedWhenPresent {
            field: "devices_critical",
            why: "2.0 responses from before 2018-01-30 lack it",
        },
        Rule::CopiedWhenPresent {
            field: "devices_issues",
            why: "2.0 responses from before 2018-01-30 lack it",
        },
        Rule::Added {
            newer: Place::Field("devices_unknown"),
            why: "2.0 does not count unknown devices",
            optional: false,
        },
        Rule::Added {
            newer: Place::Field(LICENSE_KEY),
            why: "2.0 has no license key",
            optional: true,
        },
    ],
};
