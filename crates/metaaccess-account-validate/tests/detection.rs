//! One detection for the whole workspace: which versions' schemas accept a document, and why
//! the others reject it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure report

use metaaccess_account::{ApiVersion, DocumentKind};
use metaaccess_account_validate::{detect, Detected};
use serde_json::json;

fn load(p: &str) -> serde_json::Value {
    let (version, rest) = p.split_once('/').unwrap();
    let (_, rest) = rest.split_once('/').unwrap();
    let dir =
        metaaccess_account_testkit::fixture_dir(version.parse().unwrap(), DocumentKind::Response);
    serde_json::from_str(&std::fs::read_to_string(dir.join(rest)).unwrap()).unwrap()
}

#[test]
fn detection_distinguishes_one_several_and_none() {
    let v2 = detect(&load(
        "v2.0/response/valid/doc-example-before-2018-01-30.json",
    ));
    assert_eq!(v2.exactly_one(), Some(ApiVersion::V2_0));
    let v30 = detect(&load("v3.0/response/valid/with-license-key.json"));
    assert_eq!(v30.exactly_one(), Some(ApiVersion::V3_0));
    let v31 = detect(&load("v3.1/response/valid/doc-example.json"));
    assert_eq!(v31.accepted, [ApiVersion::V3_1, ApiVersion::V3_2]);
    assert!(v31.is_ambiguous());
    let v32 = detect(&load("v3.2/response/valid/high-and-medium-severities.json"));
    assert_eq!(v32.exactly_one(), Some(ApiVersion::V3_2));
    // 3.1 reads it apart from one undocumented severity: drift, in validate's own words.
    assert_eq!(v32.rejected.len(), 2);
    assert_eq!(v32.drift[0].version, ApiVersion::V3_1);
    assert_eq!(
        v32.drift[0].pointer,
        "/devices_by_vulnerability_severity/1/severity"
    );
    assert_eq!(v32.outcome(), "one");

    let mut bad_key = load("v3.1/response/valid/doc-example.json");
    bad_key["license_key"] = json!(123456789);
    let none = detect(&bad_key);
    assert!(none.is_none());
    assert_eq!(none.verdict(), Detected::None);
    assert_eq!(v2.verdict(), Detected::One(ApiVersion::V2_0));
    assert_eq!(none.rejected.len(), 4);
    assert_eq!(none.rejected[3].pointer, "/license_key");
    for r in &none.rejected {
        assert!(!r.message.contains("123456789"), "{}", r.message);
    }
}

/// `detect` and `validate` say one problem in the same words: detection is the verdict engine
/// run against each version.
#[test]
fn detection_gives_validates_message_for_each_version() {
    use metaaccess_account_validate::{Options, Status, Validator};
    let validator = Validator::new(Options::default().max_errors(1));
    let mut doc = load("v3.1/response/valid/doc-example.json");
    doc["devices_by_status"][0]["status"] = json!("quarantined");
    doc["devices_used"] = json!(-1);
    for value in [
        load("v3.2/response/valid/high-and-medium-severities.json"),
        doc,
    ] {
        let d = validator.detect(&value, DocumentKind::Response);
        for r in d.drift.iter().chain(&d.rejected) {
            let v =
                validator.validate_value(value.clone(), DocumentKind::Response, Some(r.version));
            assert_ne!(v.status, Status::Valid);
            assert_eq!(v.errors[0].instance_path, r.pointer, "{}", r.version);
            assert_eq!(v.errors[0].message, r.message, "{}", r.version);
        }
        assert_eq!(
            d.accepted.len() + d.drift.len() + d.rejected.len(),
            ApiVersion::ALL.len()
        );
    }
}

/// Drift only: some version reads the document apart from undocumented items, so `detect`
/// does not call it unmatched (its exit code follows `validate`'s, 0).
#[test]
fn drift_only_is_not_none() {
    let mut doc = load("v3.1/response/valid/doc-example.json");
    doc["devices_by_status"][0]["status"] = json!("quarantined");
    let d = detect(&doc);
    assert!(d.accepted.is_empty());
    assert!(!d.is_none());
    assert_eq!(d.outcome(), "drift");
    assert_eq!(d.drift[0].version, ApiVersion::V3_1, "oldest first");
}
