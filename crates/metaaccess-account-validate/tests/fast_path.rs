//! The typed fast path gives the verdict of the full path on every document: generated valid
//! ones, mutated ones, every fixture and every hostile input, with the version given and
//! detected.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure report

use metaaccess_account::{ApiVersion, DocumentKind};
use metaaccess_account_testkit as kit;
use metaaccess_account_validate::{Options, Validator, Verdict};
use proptest::prelude::*;

fn same(bytes: &[u8]) -> Result<(), String> {
    let fast = Validator::new(Options::default().typed_fast_path(true));
    // Without models: the check-only readers decide, and only the model differs.
    let quick = Validator::new(Options::default().typed_fast_path(true).keep_models(false));
    let full = Validator::default();
    let versions = std::iter::once(None).chain(ApiVersion::ALL.into_iter().map(Some));
    for version in versions {
        let a = fast.validate(bytes, DocumentKind::Response, version);
        let b = full.validate(bytes, DocumentKind::Response, version);
        let mut c = quick.validate(bytes, DocumentKind::Response, version);
        if c.document.is_none() && c.status == metaaccess_account_validate::Status::Valid {
            // Decided by the fast path, which was asked for no model.
            if c.model.is_some() {
                return Err(format!("a model was built: {c:?}"));
            }
            c.model.clone_from(&b.model);
        }
        let key = |v: &Verdict| {
            (
                v.status,
                v.api_version,
                v.also_valid_as.clone(),
                v.errors.clone(),
                v.more_errors,
                v.note.clone(),
                v.model.clone(),
            )
        };
        if key(&a) != key(&b) || key(&c) != key(&b) {
            return Err(format!(
                "{version:?} on {}:\nfast {:?}\nquick {:?}\nfull {:?}",
                String::from_utf8_lossy(bytes),
                key(&a),
                key(&c),
                key(&b)
            ));
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn generated_and_mutated_documents_get_the_full_verdict(
        (doc, _) in kit::any_account().prop_flat_map(|a| kit::mutated(a.to_json_value()))
    ) {
        same(serde_json::to_string(&doc).unwrap().as_bytes()).map_err(TestCaseError::fail)?;
    }
}

#[test]
fn every_fixture_and_hostile_input_gets_the_full_verdict() {
    let mut checked = 0;
    for path in kit::response_inputs() {
        let bytes = std::fs::read(&path).unwrap();
        same(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        checked += 1;
    }
    // Keys written with escapes, and key names inside string values, do not fool the
    // pre-filter on required keys.
    let v31 = std::fs::read_to_string(
        kit::fixture_dir(ApiVersion::V3_1, DocumentKind::Response).join("valid/doc-example.json"),
    )
    .unwrap();
    let escaped = v31.replacen("\"name\"", "\"n\\u0061me\"", 1);
    let tricky = v31.replacen(
        "\"name\": \"",
        "\"name\": \"devices_unknown devices_uncompliant ",
        1,
    );
    assert_ne!(escaped, v31);
    same(escaped.as_bytes()).unwrap();
    same(tricky.as_bytes()).unwrap();
    for text in [
        "[-0]",
        "{\"devices_used\": -0}",
        "\u{feff}{}",
        "{} x",
        "{\"name\": \"a\", \"name\": \"b\"}",
    ] {
        same(text.as_bytes()).unwrap();
    }
    assert!(checked > 50, "{checked}");
}
