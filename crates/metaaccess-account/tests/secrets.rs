//! The license key is data on the wire and nowhere else: no model's Debug output, no parse
//! error and no drift report shows it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure report

use metaaccess_account::{v3_0, v3_1, v3_2, AnyAccountDetails, ApiVersion, Document, DocumentKind};
use metaaccess_account_testkit::{fixture_dir, leaked_piece};

const KEY: &str = "testcccd3e7201ee83e2c4b9f6dfc96c";

/// A fixture by `vX.Y/kind/split/file` path.
fn fixture(path: &str) -> String {
    let (version, rest) = path.split_once('/').unwrap();
    let (kind, rest) = rest.split_once('/').unwrap();
    let kind = match kind {
        "response" => DocumentKind::Response,
        _ => DocumentKind::Request,
    };
    std::fs::read_to_string(fixture_dir(version.parse().unwrap(), kind).join(rest)).unwrap()
}

#[test]
fn debug_output_of_every_model_hides_the_key() {
    let v30 =
        v3_0::AccountDetails::from_json_str(&fixture("v3.0/response/valid/with-license-key.json"))
            .unwrap();
    let v31 = v3_1::AccountDetails::from_json_str(&fixture("v3.1/response/valid/doc-example.json"))
        .unwrap();
    let v32 = v3_2::AccountDetails::from_json_str(&fixture(
        "v3.2/response/valid/high-and-medium-severities.json",
    ))
    .unwrap();
    let any = AnyAccountDetails::from_json_value(
        ApiVersion::V3_1,
        &serde_json::from_str(&fixture("v3.1/response/valid/doc-example.json")).unwrap(),
    )
    .unwrap();
    let shown = [
        format!("{v30:?}"),
        format!("{v31:?}"),
        format!("{v32:?}"),
        format!("{any:?}"),
        format!("{:#?}", v31.value),
        format!("{:?}", v30.value.license_key),
        v31.value.license_key.to_string(),
    ];
    for s in &shown {
        assert_eq!(leaked_piece(s, KEY), None, "{s}");
        assert!(s.contains("<redacted>"), "{s}");
    }
    // ... while serialization keeps it: it is part of the response.
    assert!(serde_json::to_string(&v31.value).unwrap().contains(KEY));
}

#[test]
fn errors_and_drift_never_quote_the_key() {
    let mut doc: serde_json::Value =
        serde_json::from_str(&fixture("v3.1/response/valid/doc-example.json")).unwrap();
    for bad in [
        serde_json::json!(123456789),
        serde_json::json!([KEY]),
        serde_json::json!({"k": KEY}),
    ] {
        doc["license_key"] = bad;
        let err = v3_1::AccountDetails::from_json_value(&doc).unwrap_err();
        let text = format!("{err} {err:?}");
        assert_eq!(leaked_piece(&text, KEY), None, "{text}");
        assert_eq!(leaked_piece(&text, "123456789"), None, "{text}");
        assert_eq!(err.pointer(), "/license_key");
    }
    doc["license_key"] = serde_json::json!(KEY);
    doc["access_token"] = serde_json::json!("TOKENVALUE123");
    let parsed = v3_1::AccountDetails::from_json_value(&doc).unwrap();
    let text = format!("{:?} {}", parsed.drift, parsed.drift[0]);
    assert_eq!(
        leaked_piece(&text, "TOKENVALUE123"),
        None,
        "unknown fields are reported by name, never by value: {text}"
    );
}
