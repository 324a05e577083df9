//! Tests of the declarations and the engine, with a corpus of documents shared between them.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure report

mod declarations;
mod exercised;
mod sentences;
mod synthetic;

use metaaccess_account::{AnyAccountDetails, ApiVersion};
use proptest::prelude::*;
use serde_json::{json, Value};

/// Every valid fixture, parsed, with its file name.
fn fixtures() -> Vec<(String, AnyAccountDetails)> {
    metaaccess_account_testkit::valid_responses()
        .into_iter()
        .map(|(file, doc)| (file.display().to_string(), doc))
        .collect()
}

fn lenient(version: ApiVersion, json: &Value) -> AnyAccountDetails {
    AnyAccountDetails::from_json_value(version, json)
        .unwrap()
        .value
}

fn v3_0(critical: u64, issues: u64, uncompliant: u64) -> AnyAccountDetails {
    lenient(
        ApiVersion::V3_0,
        &json!({
            "name": "n", "email": "a@b.co",
            "last_login": "2017-03-09T08:00:00Z", "date_created": "2013-10-04T08:00:00Z",
            "devices_allowed": 500, "devices_used": 120, "devices_uncompliant": uncompliant,
            "devices_critical": critical, "devices_issues": issues, "devices_unknown": 25,
            "license_key": "testcccd3e7201ee83e2c4b9f6dfc96c"
        }),
    )
}

fn v3_1(status: Value, issue: Value) -> AnyAccountDetails {
    lenient(
        ApiVersion::V3_1,
        &json!({
            "name": "n", "email": "a@b.co",
            "last_login": "2017-03-09T08:00:00Z", "date_created": "2013-10-04T08:00:00Z",
            "devices_allowed": 500, "devices_used": 120,
            "devices_by_status": status, "devices_by_issue_severity": issue,
            "devices_by_vulnerability_severity": [], "license_key": "testcccd3e7201ee83e2c4b9f6dfc96c"
        }),
    )
}

/// Documents that contradict the rules, repeat buckets or use undocumented values.
fn edge_documents() -> Vec<AnyAccountDetails> {
    let bucket = |key: &str, value: &str, n: u64| json!({ key: value, "number_of_devices": n });
    vec![
        v3_0(60, 52, 5),
        v3_0(2, 200, 130),
        v3_1(
            json!([
                bucket("status", "quarantined", 7),
                bucket("status", "unknown", 1),
                bucket("status", "unknown", 2)
            ]),
            json!([
                bucket("severity", "no_issues", 3),
                bucket("severity", "warning", 3),
                bucket("severity", "warning", 4)
            ]),
        ),
        v3_1(
            json!([bucket("status", "non-compliant", 5)]),
            json!([
                bucket("severity", "critical", 9_007_199_254_740_991),
                bucket("severity", "warning", 1),
                bucket("severity", "no_issue", 4)
            ]),
        ),
    ]
}

/// Fixtures and edge documents.
fn corpus() -> Vec<AnyAccountDetails> {
    fixtures()
        .into_iter()
        .map(|(_, d)| d)
        .chain(edge_documents())
        .collect()
}

/// Generated valid documents of every version.
fn any_document() -> impl Strategy<Value = AnyAccountDetails> {
    use metaaccess_account_testkit as kit;
    kit::any_account()
}

fn proptest_config() -> proptest::test_runner::Config {
    proptest::test_runner::Config {
        cases: 256,
        failure_persistence: None,
        ..Default::default()
    }
}
