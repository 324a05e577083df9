//! `#[derive(CheckOnly)]` copies serde's attributes, so the reader accepts exactly what the
//! model accepts, whatever the attributes: renamed and aliased members, `rename_all`,
//! `deny_unknown_fields`, defaults, `with` and `deserialize_with` functions, optional, nested
//! and repeated members, duplicates and missing ones.

#![allow(clippy::unwrap_used, clippy::panic)] // test code

use std::cell::Cell;

use metaaccess_account_core::{
    added_mid_life, objects_only, CheckOnly, Count, Email, LicenseKey, Timestamp,
};
use proptest::prelude::*;
use proptest::prop_assert_eq;
use serde::Deserialize;

#[derive(Deserialize, CheckOnly)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[allow(dead_code)]
struct Account {
    account_name: String,
    #[serde(alias = "mail")]
    email: Email,
    #[serde(default)]
    devices_used: Option<Count>,
    #[serde(rename = "when")]
    last_login: Timestamp,
    #[serde(default, with = "added_mid_life")]
    license_key: Option<LicenseKey>,
    #[serde(default, deserialize_with = "objects_only::vec")]
    buckets: Vec<Bucket>,
}

#[derive(Deserialize, CheckOnly)]
#[allow(dead_code)]
struct Bucket {
    n: Count,
}

const KEYS: &[&str] = &[
    "accountName",
    "account_name",
    "email",
    "mail",
    "devicesUsed",
    "when",
    "lastLogin",
    "licenseKey",
    "buckets",
    "other",
];

const VALUES: &[&str] = &[
    r#""Acme""#,
    r#""a@example.com""#,
    r#""not an email""#,
    r#""2020-01-01T00:00:00Z""#,
    r#""2020-13-01T00:00:00Z""#,
    r#""a\u0040example.com""#,
    "3",
    "-1",
    "1.5",
    "null",
    "true",
    "[]",
    r#"[{"n": 1}]"#,
    r#"[{"n": -1}]"#,
    r#"[{"m": 1}]"#,
    "[[1]]",
    "{}",
];

/// Objects with members drawn from the pools, the required ones usually there.
fn object() -> impl Strategy<Value = String> {
    let member = (0..KEYS.len(), 0..VALUES.len());
    (
        prop::collection::vec(member, 0..4),
        // The required members, usually with good values.
        prop::sample::select(&[r#""Acme""#, r#""Acme""#, r#""Acme""#, "3"][..]),
        prop::sample::select(vec![VALUES[1], VALUES[1], VALUES[5], VALUES[2]]),
        prop::sample::select(vec![VALUES[3], VALUES[3], VALUES[3], VALUES[4]]),
        prop::bool::weighted(0.8),
    )
        .prop_map(|(members, name, email, when, base)| {
            let mut parts = Vec::new();
            if base {
                parts.push(format!(r#""accountName": {name}"#));
                parts.push(format!(r#""email": {email}"#));
                parts.push(format!(r#""when": {when}"#));
            }
            for (k, v) in members {
                parts.push(format!(r#""{}": {}"#, KEYS[k], VALUES[v]));
            }
            format!("{{{}}}", parts.join(", "))
        })
}

/// On 2,048 objects drawn from the pools, both read or neither does; and both answers occur.
#[test]
fn the_reader_accepts_what_the_model_accepts() {
    let accepted = Cell::new(0u32);
    let config = proptest::test_runner::Config {
        cases: 2048,
        failure_persistence: None,
        ..Default::default()
    };
    proptest::test_runner::TestRunner::new(config)
        .run(&object(), |text| {
            let model = serde_json::from_str::<Account>(&text).is_ok();
            let check = serde_json::from_str::<<Account as CheckOnly>::Check>(&text).is_ok();
            prop_assert_eq!(check, model, "{}", text);
            accepted.set(accepted.get() + u32::from(model));
            Ok(())
        })
        .unwrap();
    assert!(
        (50..2000).contains(&accepted.get()),
        "{} of 2048 accepted",
        accepted.get()
    );
}

/// Each attribute is exercised: objects that only read through it.
#[test]
fn every_attribute_is_exercised() {
    for text in [
        // alias, and an optional member absent
        r#"{"accountName": "Acme", "mail": "a@example.com", "when": "2020-01-01T00:00:00Z"}"#,
        // null for an Option, `with`, `deserialize_with`
        r#"{"accountName": "Acme", "email": "a@example.com", "when": "2020-01-01T00:00:00Z", "devicesUsed": null, "licenseKey": "k", "buckets": [{"n": 1}]}"#,
    ] {
        assert!(serde_json::from_str::<Account>(text).is_ok(), "{text}");
        assert!(serde_json::from_str::<<Account as CheckOnly>::Check>(text).is_ok());
    }
    for text in [
        // rename_all: the field's own name is not read
        r#"{"account_name": "Acme", "email": "a@example.com", "when": "2020-01-01T00:00:00Z"}"#,
        // `with = added_mid_life`: present means a key, not null
        r#"{"accountName": "Acme", "email": "a@example.com", "when": "2020-01-01T00:00:00Z", "licenseKey": null}"#,
        // a duplicate member
        r#"{"accountName": "Acme", "email": "a@example.com", "email": "b@example.com", "when": "2020-01-01T00:00:00Z"}"#,
        // deny_unknown_fields
        r#"{"accountName": "Acme", "email": "a@example.com", "when": "2020-01-01T00:00:00Z", "x": 1}"#,
    ] {
        assert!(serde_json::from_str::<Account>(text).is_err(), "{text}");
        assert!(
            serde_json::from_str::<<Account as CheckOnly>::Check>(text).is_err(),
            "{text}"
        );
    }
}
