//! 3.0 → 3.1: the flat device counts become three arrays of buckets.

use metaaccess_account::ApiVersion;

use crate::change::{Derivation, Downgrade, Formula, Place, Rule, VersionChange};
use crate::shape::{BY_ISSUE_SEVERITY, BY_STATUS, BY_VULNERABILITY_SEVERITY, LICENSE_KEY};

const USED: Place = Place::Field("devices_used");
const UNCOMPLIANT: Place = Place::Field("devices_uncompliant");
const CRITICAL: Place = Place::Field("devices_critical");
const ISSUES: Place = Place::Field("devices_issues");
const COMPLIANT_BUCKET: Place = Place::Bucket(BY_STATUS, "compliant");
const EXEMPTED_BUCKET: Place = Place::Bucket(BY_STATUS, "exempted");
const CRITICAL_BUCKET: Place = Place::Bucket(BY_ISSUE_SEVERITY, "critical");
const WARNING_BUCKET: Place = Place::Bucket(BY_ISSUE_SEVERITY, "warning");
const NO_ISSUE_BUCKET: Place = Place::Bucket(BY_ISSUE_SEVERITY, "no_issue");

const NOT_SPLIT: &str = "versions before 3.1 do not split compliant from exempted devices";
const ISSUES_PARTITION_USED: &str =
    "issue severities partition devices_used (true in the documented 3.1 example)";

/// The change.
pub const CHANGE: VersionChange = VersionChange {
    name: "bucketed-device-counts",
    from: ApiVersion::V3_0,
    to: ApiVersion::V3_1,
    description: "3.1 replaces the flat device counts with devices_by_status, \
                  devices_by_issue_severity and devices_by_vulnerability_severity; \
                  license_key is always present",
    rules: &[
        Rule::Copied(&[
            "name",
            "email",
            "last_login",
            "date_created",
            "devices_allowed",
            "devices_used",
        ]),
        Rule::Added {
            newer: COMPLIANT_BUCKET,
            why: NOT_SPLIT,
            optional: false,
        },
        Rule::Moved {
            older: UNCOMPLIANT,
            newer: Place::Bucket(BY_STATUS, "non-compliant"),
        },
        Rule::Added {
            newer: EXEMPTED_BUCKET,
            why: NOT_SPLIT,
            optional: false,
        },
        Rule::Moved {
            older: Place::Field("devices_unknown"),
            newer: Place::Bucket(BY_STATUS, "unknown"),
        },
        Rule::NewValues {
            array: BY_STATUS,
            values: &[],
            why: "versions before 3.1 have no place for other statuses",
        },
        Rule::Total {
            newer: &[COMPLIANT_BUCKET, EXEMPTED_BUCKET],
            formula: Formula::Difference(USED, UNCOMPLIANT),
            assumption: "compliant, non-compliant and exempted partition devices_used; \
                         unknown devices have no agent and are not counted in it \
                         (true in the documented 3.1 example)",
        },
        Rule::Moved {
            older: CRITICAL,
            newer: CRITICAL_BUCKET,
        },
        Rule::Derived(Derivation {
            newer: WARNING_BUCKET,
            formula: Formula::Difference(ISSUES, CRITICAL),
            assumption: "devices_issues counts every device with an issue, critical ones \
                         included, and each device is counted once, at its worst severity",
            downgrade: Downgrade::Inverse,
        }),
        Rule::Derived(Derivation {
            newer: NO_ISSUE_BUCKET,
            formula: Formula::Difference(USED, ISSUES),
            assumption: ISSUES_PARTITION_USED,
            downgrade: Downgrade::Dropped,
        }),
        Rule::NewValues {
            array: BY_ISSUE_SEVERITY,
            values: &[],
            why: "versions before 3.1 have no place for other issue severities",
        },
        Rule::Check {
            parts: &[CRITICAL_BUCKET, WARNING_BUCKET, NO_ISSUE_BUCKET],
            total: USED,
            assumption: ISSUES_PARTITION_USED,
        },
        Rule::Added {
            newer: Place::Array(BY_VULNERABILITY_SEVERITY),
            why: "versions before 3.1 have no vulnerability data",
            optional: false,
        },
        Rule::CopiedWhenPresent {
            field: LICENSE_KEY,
            why: "3.0 responses from before 2018-11-27 lack it",
        },
    ],
};
