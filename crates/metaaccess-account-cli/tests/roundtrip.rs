//! Conversion through pipes is faithful: for any valid document of an older version, with or
//! without optional fields, with values only that version can express (carried values) and
//! with drift (undocumented members and enum values), `upgrade | downgrade --to OLD` through
//! the binary prints a document equal to the original.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure report

use metaaccess_account::ApiVersion;
use proptest::prelude::*;
use serde_json::{json, Value};

mod common;

use common::run_bytes as cli;

/// `upgrade --to 3.2 | downgrade --to OLD`, the way a shell pipes them.
fn round_trip(doc: &Value, old: ApiVersion) -> Value {
    let text = doc.to_string();
    let (code, upgraded, err) = cli(&["upgrade", "--to", "3.2", "-"], text.as_bytes());
    assert_eq!(code, 0, "upgrade of {text}: {err}");
    let old = old.to_string();
    let (code, back, err) = cli(&["downgrade", "--to", &old, "-"], &upgraded);
    assert_eq!(
        code,
        0,
        "downgrade of {}: {err}",
        String::from_utf8_lossy(&upgraded)
    );
    let lines: Vec<&[u8]> = back
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(lines.len(), 1, "one document back");
    serde_json::from_slice(lines[0]).unwrap()
}

/// Drift a document the way real traffic drifts: an undocumented top-level member, an
/// undocumented member in a bucket, an undocumented enum value.
fn drifted(mut doc: Value, extra: Option<u8>, bucket_extra: bool, odd_enum: bool) -> Value {
    let obj = doc.as_object_mut().unwrap();
    if let Some(n) = extra {
        obj.insert(format!("x_undocumented_{n}"), json!({"n": n, "s": "kept"}));
    }
    for array in ["devices_by_status", "devices_by_issue_severity"] {
        if let Some(first) = obj
            .get_mut(array)
            .and_then(Value::as_array_mut)
            .and_then(|a| a.first_mut())
        {
            if bucket_extra {
                first["x_note"] = json!("bucket drift");
            }
            if odd_enum {
                let key = if array == "devices_by_status" {
                    "status"
                } else {
                    "severity"
                };
                first[key] = json!("out_of_license_usage");
            }
        }
    }
    doc
}

fn older() -> impl Strategy<Value = ApiVersion> {
    proptest::sample::select(
        ApiVersion::ALL
            .iter()
            .copied()
            .filter(|v| *v < ApiVersion::LATEST)
            .collect::<Vec<_>>(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn upgrade_then_downgrade_through_the_binary_is_the_identity(
        (version, doc) in older().prop_flat_map(|v| {
            (Just(v), metaaccess_account_testkit::document(v, metaaccess_account::DocumentKind::Response).unwrap())
        }),
        extra in proptest::option::of(any::<u8>()),
        bucket_extra in any::<bool>(),
        odd_enum in any::<bool>(),
    ) {
        let doc = drifted(doc, extra, bucket_extra, odd_enum);
        let back = round_trip(&doc, version);
        prop_assert_eq!(back, doc);
    }
}

#[test]
fn carried_values_and_missing_optional_fields_survive_the_pipe() {
    // devices_critical > devices_issues: the split cannot be made, the values are carried.
    let v30 = json!({
        "name": "n", "email": "a@b.co",
        "last_login": "2017-03-09T08:00:00.5+01:00", "date_created": "2013-10-04T08:00:00Z",
        "devices_allowed": 5, "devices_used": 1, "devices_uncompliant": 0,
        "devices_critical": 9, "devices_issues": 2, "devices_unknown": 0
    });
    assert_eq!(round_trip(&v30, ApiVersion::V3_0), v30);
    // No optional fields at all.
    let v20 = json!({
        "name": "n", "email": "a@b.co",
        "last_login": "2017-03-09T08:00:00Z", "date_created": "2013-10-04T08:00:00Z",
        "devices_allowed": 5, "devices_used": 1, "devices_uncompliant": 0
    });
    assert_eq!(round_trip(&v20, ApiVersion::V2_0), v20);
}

#[test]
fn timestamps_keep_their_text_through_the_cli() {
    let doc = r#"{"name": "n", "email": "a@b.co", "last_login": "2017-03-09t08:00:00.120000-00:00",
        "date_created": "2016-12-31T23:59:60Z", "devices_allowed": 5, "devices_used": 1,
        "devices_uncompliant": 0}"#;
    let (code, out, err) = cli(&["upgrade", "-"], doc.as_bytes());
    assert_eq!(code, 0, "{err}");
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains(r#""last_login":"2017-03-09t08:00:00.120000-00:00""#),
        "{out}"
    );
    assert!(
        out.contains(r#""date_created":"2016-12-31T23:59:60Z""#),
        "{out}"
    );
}

#[test]
fn plain_output_leaves_the_annotation_out_and_the_report_lists_it() {
    let doc = json!({
        "name": "n", "email": "a@b.co",
        "last_login": "2017-03-09T08:00:00Z", "date_created": "2013-10-04T08:00:00Z",
        "devices_allowed": 5, "devices_used": 1, "devices_uncompliant": 0,
        "x_extra": 1
    });
    let (code, out, err) = cli(&["upgrade", "--plain", "-"], doc.to_string().as_bytes());
    assert_eq!(code, 0, "{err}");
    let out: Value = serde_json::from_slice(&out).unwrap();
    assert!(out.get("$conversion").is_none(), "{out}");
    assert_eq!(out["x_extra"], 1, "undocumented members are kept: {out}");
    assert!(err.contains("missing /license_key"), "{err}");
    // An undocumented member that has no place in the target travels in the annotation.
    let mut v31: Value = serde_json::from_str(
        &std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../samples/responses/v3.1-doc-example.json"),
        )
        .unwrap(),
    )
    .unwrap();
    v31["devices_by_status"][0]["x_note"] = json!(1);
    let (code, out, err) = cli(
        &["downgrade", "--to", "3.0", "--plain", "-"],
        v31.to_string().as_bytes(),
    );
    assert_eq!(code, 0, "{err}");
    assert!(!String::from_utf8_lossy(&out).contains("x_note"));
    assert!(
        err.contains("/devices_by_status/0/x_note: not documented in 3."),
        "{err}"
    );
}

#[test]
fn converting_the_wrong_way_is_refused_with_exit_2() {
    let v32 = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../metaaccess-account-v3_2/fixtures/response/valid")
            .read_dir()
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path(),
    )
    .unwrap();
    let (code, out, err) = cli(&["upgrade", "--to", "3.0", "-"], &v32);
    assert_eq!(code, 2, "{err}");
    assert!(
        out.is_empty() && err.contains("use downgrade --to 3.0"),
        "{err}"
    );
    let v20 = br#"{"name": "n", "email": "a@b.co", "last_login": "2017-03-09T08:00:00Z",
        "date_created": "2013-10-04T08:00:00Z", "devices_allowed": 5, "devices_used": 1,
        "devices_uncompliant": 0}"#;
    let (code, _, err) = cli(&["downgrade", "--to", "3.1", "-"], v20);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("use upgrade --to 3.1"), "{err}");
}
