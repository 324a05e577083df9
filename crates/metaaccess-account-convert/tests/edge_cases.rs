//! Contradictory, incomplete and undocumented source data; completing a partial result;
//! and secrets.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure report

use metaaccess_account::{v3_0, v3_1, v3_2, ApiVersion, Count, Document};
use metaaccess_account_convert::{downgrade, upgrade, EntryKind, Outcome, Report};
use serde_json::json;

const KEY: &str = "testcccd3e7201ee83e2c4b9f6dfc96c";

fn v3_0(critical: u64, issues: u64, uncompliant: u64) -> v3_0::AccountDetails {
    v3_0::AccountDetails::from_json_value_strict(&json!({
        "name": "n", "email": "a@b.co",
        "last_login": "2017-03-09T08:00:00Z", "date_created": "2013-10-04T08:00:00Z",
        "devices_allowed": 500, "devices_used": 120, "devices_uncompliant": uncompliant,
        "devices_critical": critical, "devices_issues": issues, "devices_unknown": 25,
        "license_key": KEY
    }))
    .unwrap()
}

fn v3_1(status: serde_json::Value, issue: serde_json::Value) -> v3_1::AccountDetails {
    v3_1::AccountDetails::from_json_value(&json!({
        "name": "n", "email": "a@b.co",
        "last_login": "2017-03-09T08:00:00Z", "date_created": "2013-10-04T08:00:00Z",
        "devices_allowed": 500, "devices_used": 120,
        "devices_by_status": status, "devices_by_issue_severity": issue,
        "devices_by_vulnerability_severity": [], "license_key": KEY
    }))
    .unwrap()
    .value
}

fn kinds(report: &Report) -> Vec<(&'static str, String)> {
    report
        .entries
        .iter()
        .map(|e| {
            let kind = e.kind.name();
            (
                kind,
                e.source_pointer
                    .clone()
                    .or(e.target_pointer.clone())
                    .unwrap_or_default(),
            )
        })
        .collect()
}

#[test]
fn critical_above_issues_is_reported_not_corrected() {
    let doc = v3_0(60, 52, 5);
    let up = upgrade(&doc);
    assert!(kinds(&up.report).contains(&("contradiction", "/devices_critical".into())));
    let Outcome::Partial(p) = &up.outcome else {
        panic!()
    };
    assert!(p
        .missing()
        .iter()
        .any(|m| m.bucket.as_deref() == Some("warning")));
    // No negative or clamped warning bucket was written.
    let issues = p.document()["devices_by_issue_severity"].clone();
    assert_eq!(
        issues,
        json!([{"severity": "critical", "number_of_devices": 60}, {"severity": "no_issue", "number_of_devices": 68}])
    );
    // devices_issues is carried, so nothing is lost on the way back.
    assert_eq!(p.carried()[0].pointer, "/devices_issues");
    assert_eq!(
        downgrade::<v3_0::AccountDetails>(&up.outcome)
            .outcome
            .complete(),
        Some(doc)
    );
}

#[test]
fn counts_above_devices_used_are_contradictions() {
    let up = upgrade(&v3_0(2, 200, 130));
    let k = kinds(&up.report);
    assert!(
        k.contains(&("contradiction", "/devices_issues".into())),
        "{k:?}"
    );
    assert!(
        k.contains(&("contradiction", "/devices_uncompliant".into())),
        "{k:?}"
    );
    assert!(!k
        .iter()
        .any(|(kind, at)| *kind == "derived" && at.contains("no_issue")));
}

#[test]
fn missing_and_duplicate_buckets_make_the_downgrade_partial() {
    let doc = v3_1(
        json!([{"status": "unknown", "number_of_devices": 1}, {"status": "unknown", "number_of_devices": 2}]),
        json!([{"severity": "critical", "number_of_devices": 2}]),
    );
    let down = downgrade::<v3_0::AccountDetails>(&doc);
    let Outcome::Partial(p) = &down.outcome else {
        panic!("must be partial")
    };
    let missing: Vec<_> = p.missing().iter().map(|m| m.pointer.as_str()).collect();
    assert_eq!(
        missing,
        [
            "/devices_uncompliant",
            "/devices_issues",
            "/devices_unknown"
        ],
        "in 3.0's documented order"
    );
    assert!(kinds(&down.report).contains(&("contradiction", "/devices_by_status".into())));
}

#[test]
fn issue_buckets_that_do_not_sum_to_devices_used_are_flagged() {
    let doc = v3_1(
        json!([{"status": "non-compliant", "number_of_devices": 5}, {"status": "unknown", "number_of_devices": 1}]),
        json!([{"severity": "critical", "number_of_devices": 2}, {"severity": "warning", "number_of_devices": 3}, {"severity": "no_issue", "number_of_devices": 4}]),
    );
    let down = downgrade::<v3_0::AccountDetails>(&doc);
    assert!(down.outcome.is_complete());
    assert!(down.report.has_contradictions());
    assert!(down
        .report
        .entries
        .iter()
        .any(|e| e.detail == "critical + warning + no_issue = 9, but devices_used is 120"));
}

#[test]
fn undocumented_buckets_are_kept_upward_and_dropped_downward() {
    let doc = v3_1(
        json!([{"status": "quarantined", "number_of_devices": 7}, {"status": "non-compliant", "number_of_devices": 5}, {"status": "unknown", "number_of_devices": 1}]),
        json!([{"severity": "critical", "number_of_devices": 2}, {"severity": "warning", "number_of_devices": 3}]),
    );
    let up = upgrade(&doc)
        .outcome
        .complete()
        .expect("3.1 upgrades completely");
    assert_eq!(up.devices_by_status[0].status.as_str(), "quarantined");
    let down = downgrade::<v3_0::AccountDetails>(&doc);
    assert!(down
        .report
        .entries
        .iter()
        .any(|e| e.kind == EntryKind::Dropped && e.detail.contains("quarantined")));
}

#[test]
fn high_and_medium_are_dropped_going_to_3_1() {
    let text = std::fs::read_to_string(metaaccess_account_testkit::repo_root().join(
        "crates/metaaccess-account-v3_2/fixtures/response/valid/high-and-medium-severities.json",
    ))
    .unwrap();
    let doc = v3_2::AccountDetails::from_json_str_strict(&text).unwrap();
    let down = downgrade::<v3_1::AccountDetails>(&doc);
    let dropped: Vec<_> = down
        .report
        .entries
        .iter()
        .filter(|e| e.kind == EntryKind::Dropped)
        .map(|e| e.source_pointer.clone().unwrap())
        .collect();
    assert_eq!(
        dropped,
        [
            "/devices_by_vulnerability_severity/1",
            "/devices_by_vulnerability_severity/2"
        ]
    );
    assert_eq!(
        down.outcome
            .complete()
            .unwrap()
            .devices_by_vulnerability_severity
            .len(),
        3
    );
}

#[test]
fn a_partial_upgrade_completes_once_the_caller_supplies_what_is_missing() {
    let Outcome::Partial(mut p) = upgrade(&v3_0(2, 52, 5)).outcome else {
        panic!()
    };
    assert!(
        p.clone().try_complete().is_err(),
        "incomplete documents do not complete"
    );
    p.supply_bucket("devices_by_status", "compliant", Count::new(110))
        .unwrap();
    p.supply_bucket("devices_by_status", "exempted", Count::new(5))
        .unwrap();
    assert!(
        p.supply_bucket("devices_by_status", "exempted", Count::new(5))
            .is_err(),
        "supplied twice"
    );
    p.supply_field("devices_by_vulnerability_severity", json!([]))
        .unwrap();
    let done = p.try_complete().expect("complete now");
    let statuses: Vec<_> = done
        .devices_by_status
        .iter()
        .map(|b| b.status.as_str().to_owned())
        .collect();
    assert_eq!(
        statuses,
        ["compliant", "non-compliant", "exempted", "unknown"],
        "documented order"
    );
}

#[test]
fn an_invalid_supplied_value_keeps_the_result_partial() {
    let Outcome::Partial(mut p) = upgrade(&v3_0(2, 52, 5)).outcome else {
        panic!()
    };
    p.supply_bucket("devices_by_status", "compliant", Count::new(110))
        .unwrap();
    p.supply_bucket("devices_by_status", "exempted", Count::new(5))
        .unwrap();
    p.supply_field("devices_by_vulnerability_severity", json!("none"))
        .unwrap();
    assert!(p.try_complete().is_err());
}

#[test]
fn secrets_stay_out_of_reports_and_debug_output() {
    let doc = v3_0(2, 52, 5);
    for to in ApiVersion::ALL {
        let c = metaaccess_account_convert::convert_any(&doc, to);
        assert!(!c.report.to_string().contains(KEY), "report to {to}");
        assert!(
            !serde_json::to_string(&c.report).unwrap().contains(KEY),
            "JSON report to {to}"
        );
        assert!(
            !format!("{:?}", c.outcome).contains(KEY),
            "Debug of the outcome to {to}"
        );
        let document = c.outcome.document();
        assert!(
            !format!("{document:?}").contains(KEY),
            "Debug of the document to {to}"
        );
        if to != ApiVersion::V2_0 {
            assert!(
                document.to_string().contains(KEY),
                "the document itself keeps the user's key ({to})"
            );
        }
    }
}
