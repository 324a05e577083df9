//! Converted documents list their fields, and each bucket's members, in the order the target
//! version's model serializes them: complete ones, partial ones, and partial ones completed.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure report

use metaaccess_account::{AnyAccountDetails, ApiVersion, Count, DocumentKind};
use metaaccess_account_convert::{convert_any, Outcome, Partial};
use metaaccess_account_testkit as kit;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{json, Value};

fn valid_fixtures() -> Vec<AnyAccountDetails> {
    kit::valid_responses()
        .into_iter()
        .map(|(_, doc)| doc)
        .collect()
}

/// Supplies every missing value with a valid stand-in.
fn supply_everything(p: &mut Partial<AnyAccountDetails>) {
    for m in p.missing().to_vec() {
        let field = m.pointer.trim_start_matches('/');
        match &m.bucket {
            Some(bucket) => p.supply_bucket(field, bucket, Count::new(0)).unwrap(),
            None => {
                let value = match field {
                    "license_key" => json!("k"),
                    "devices_by_vulnerability_severity" => json!([]),
                    _ => json!(0),
                };
                p.supply_field(field, value).unwrap();
            }
        }
    }
}

/// The key order of `original` converted to `to`, checked against the target's model.
fn check(original: &AnyAccountDetails, to: ApiVersion) -> Result<(), TestCaseError> {
    let c = convert_any(original, to);
    let text = serde_json::to_string(&c.outcome.document()).unwrap();
    prop_assert_eq!(
        &text,
        &serde_json::to_string(&c.outcome).unwrap(),
        "Serialize is document()"
    );
    prop_assert_eq!(
        c.outcome.to_json_value(),
        serde_json::from_str::<Value>(&text).unwrap(),
        "to_json_value holds the same values"
    );
    match c.outcome {
        Outcome::Complete(model) => {
            prop_assert_eq!(text, serde_json::to_string(&model).unwrap());
        }
        Outcome::Partial(mut p) => {
            supply_everything(&mut p);
            let supplied = serde_json::to_string(&p.document()).unwrap();
            let model = p.try_complete().expect("every stand-in is valid");
            prop_assert_eq!(supplied, serde_json::to_string(&model).unwrap());
        }
    }
    Ok(())
}

#[test]
fn converted_documents_are_in_the_models_serialization_order() {
    for original in valid_fixtures() {
        for to in ApiVersion::ALL {
            check(&original, to).unwrap();
        }
    }
    let any = kit::any_account();
    let config = Config {
        cases: 256,
        failure_persistence: None,
        ..Config::default()
    };
    TestRunner::new(config)
        .run(
            &(any, proptest::sample::select(ApiVersion::ALL.to_vec())),
            |(d, to)| check(&d, to),
        )
        .unwrap();
}

#[test]
fn a_partial_document_keeps_the_documented_order_with_its_holes() {
    let json: Value = serde_json::from_str(
        &std::fs::read_to_string(
            kit::fixture_dir(ApiVersion::V2_0, DocumentKind::Response)
                .join("valid/doc-example-before-2018-01-30.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let old = AnyAccountDetails::from_json_value_strict(ApiVersion::V2_0, &json).unwrap();
    let up = convert_any(&old, ApiVersion::V3_2);
    let keys: Vec<_> = up.outcome.document().keys().map(str::to_owned).collect();
    assert_eq!(
        keys,
        [
            "name",
            "email",
            "last_login",
            "date_created",
            "devices_allowed",
            "devices_used",
            "devices_by_status",
            "devices_by_issue_severity"
        ]
    );
}
