//! Differential law: for generated documents of every version (valid ones, mutated ones, and
//! ones with format edge values and extreme numbers), the committed schema's verdict (formats
//! on) and the version model's strict parse agree; and the verdict library is consistent with
//! both.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure report

use metaaccess_account::{AnyAccountDetails, ApiVersion, DocumentKind};
use metaaccess_account_testkit as kit;
use metaaccess_account_validate::{Status, Validator};
use proptest::prelude::*;
use serde_json::{json, Value};

/// Valid responses of every version in the version table.
fn any_account() -> impl Strategy<Value = AnyAccountDetails> {
    proptest::sample::select(ApiVersion::ALL.to_vec()).prop_flat_map(kit::account)
}

const TIMESTAMPS: [&str; 12] = [
    "2016-12-31T23:59:60Z",
    "2017-03-09T08:00:00-00:00",
    "2017-03-09T08:00:00+05:30",
    "2017-03-09T08:00:00+24:00",
    "2017-03-09T08:00:00.123456789012345678Z",
    "2017-03-09t08:00:00z",
    "2017-02-30T00:00:00Z",
    "2017-03-09T08:00:00",
    "2017-03-09 08:00:00Z",
    "0000-01-01T00:00:00Z",
    "2017-03-09T24:00:00Z",
    "2017-03-09T08:00:00+23:59",
];

const EMAILS: [&str; 10] = [
    "\"odd local\"@example.com",
    "\"a\\\"b\"@example.com",
    "user@[192.168.0.1]",
    "user@[IPv6:2001:db8::1]",
    "a..b@example.com",
    "user+tag@example.co",
    "üser@example.com",
    "user@localhost",
    ".user@example.com",
    "user@-example.com",
];

fn numbers() -> Vec<Value> {
    vec![
        json!(u64::MAX),
        json!(9_007_199_254_740_991u64),
        json!(9_007_199_254_740_992u64),
        json!(9_007_199_254_740_992.0f64),
        json!(9_007_199_254_740_991.0f64),
        json!(i64::MIN),
        json!(-1),
        json!(1e300),
        json!(1.0),
        json!(1.5),
        json!(18446744073709551616.0f64),
    ]
}

/// An edge value placed somewhere: a timestamp, an email, or a number in a count.
fn edge() -> impl Strategy<Value = Option<(&'static str, Value)>> {
    let ts = proptest::sample::select(&TIMESTAMPS[..]);
    let field = proptest::sample::select(&["last_login", "date_created"][..]);
    let count = proptest::sample::select(&["devices_allowed", "devices_used"][..]);
    prop_oneof![
        2 => Just(None),
        1 => (field, ts).prop_map(|(f, t)| Some((f, json!(t)))),
        1 => proptest::sample::select(&EMAILS[..]).prop_map(|e| Some(("email", json!(e)))),
        1 => (count, proptest::sample::select(numbers())).prop_map(|(f, n)| Some((f, n))),
    ]
}

fn documents() -> impl Strategy<Value = (ApiVersion, Value, String)> {
    (any_account(), edge()).prop_flat_map(|(account, edge)| {
        let version = account.version();
        let mut doc = account.to_json_value();
        if let Some((field, value)) = &edge {
            doc[*field] = value.clone();
        }
        let label = format!("{edge:?}");
        kit::mutated(doc).prop_map(move |(doc, m)| (version, doc, format!("{label} {m:?}")))
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn schema_and_strict_model_agree((version, doc, how) in documents()) {
        for v in ApiVersion::ALL {
            let schema = kit::validator(&metaaccess_account::response_schema(v));
            let by_schema = schema.is_valid(&doc);
            let by_model = AnyAccountDetails::from_json_value_strict(v, &doc).is_ok();
            prop_assert_eq!(
                by_schema, by_model,
                "{} (generated as {}, {}): schema {} model {}\n{}",
                v, version, how, by_schema, by_model, doc
            );
            let verdict = Validator::default().validate_value(doc.clone(), DocumentKind::Response, Some(v));
            prop_assert_eq!(verdict.status == Status::Valid, by_schema && by_model);
            prop_assert!(!verdict.is_accepted() || verdict.model.is_some());
        }
    }
}
