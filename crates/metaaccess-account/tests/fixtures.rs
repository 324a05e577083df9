//! Fixture folders per version and document kind, split into `valid/` and `invalid/`: every
//! valid fixture parses strictly, passes the committed schema and has its canonical form
//! pinned; every invalid one is rejected by both, with the error pinned.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure report

use std::fmt::Write as _;
use std::path::Path;

use metaaccess_account::{v3_1, ApiVersion, Document, DocumentKind};
use metaaccess_account_testkit::{committed_schema, fixture_dir, fixture_files, validator};

fn snapshot_name(version: ApiVersion, kind: DocumentKind, split: &str, file: &Path) -> String {
    let stem = file.file_stem().unwrap().to_string_lossy();
    format!("{}-{}-{split}-{stem}", version.dir_name(), kind.as_str())
}

fn check_valid<T: Document + std::fmt::Debug + PartialEq>() {
    let schema = validator(&committed_schema(T::VERSION, T::KIND));
    for file in fixture_files(T::VERSION, T::KIND, "valid") {
        let text = std::fs::read_to_string(&file).unwrap();
        let value = T::from_json_str_strict(&text)
            .unwrap_or_else(|e| panic!("{} must parse strictly: {e}", file.display()));
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        let errors: Vec<String> = schema.iter_errors(&json).map(|e| e.to_string()).collect();
        assert!(
            errors.is_empty(),
            "{} rejected by schema: {errors:?}",
            file.display()
        );
        let canonical = serde_json::to_string_pretty(&value).unwrap();
        assert_eq!(
            T::from_json_str_strict(&canonical).unwrap(),
            value,
            "canonical form round-trips"
        );
        insta::with_settings!({ snapshot_path => "../../../snapshots", prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!(snapshot_name(T::VERSION, T::KIND, "valid", &file), canonical);
        });
    }
}

fn check_invalid<T: Document + std::fmt::Debug>() {
    let schema = validator(&committed_schema(T::VERSION, T::KIND));
    for file in fixture_files(T::VERSION, T::KIND, "invalid") {
        let text = std::fs::read_to_string(&file).unwrap();
        let strict = T::from_json_str_strict(&text)
            .err()
            .unwrap_or_else(|| panic!("{} must be rejected by strict parsing", file.display()));
        let mut report = format!(
            "strict: {:?} at {:?}: {}\n",
            strict.kind(),
            strict.pointer(),
            strict.message()
        );
        match T::from_json_str(&text) {
            Ok(parsed) => {
                assert!(
                    !parsed.drift.is_empty(),
                    "lenient success on an invalid fixture must report drift"
                );
                for d in &parsed.drift {
                    writeln!(report, "lenient drift: {d}").unwrap();
                }
            }
            Err(e) => writeln!(report, "lenient: {e}").unwrap(),
        }
        match serde_json::from_str::<serde_json::Value>(&text) {
            Ok(json) => {
                let errors: Vec<_> = schema.iter_errors(&json).collect();
                assert!(
                    !errors.is_empty(),
                    "{} accepted by the schema",
                    file.display()
                );
                for e in errors {
                    writeln!(report, "schema: {:?}: {}", e.instance_path().as_str(), e).unwrap();
                }
            }
            Err(_) => report.push_str("schema: not JSON\n"),
        }
        insta::with_settings!({ snapshot_path => "../../../snapshots", prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!(snapshot_name(T::VERSION, T::KIND, "invalid", &file), report);
        });
    }
}

/// One test per version, generated from the version table: its responses, and its request
/// bodies where it has them.
macro_rules! fixture_tests {
    ($(
        $(#[$doc:meta])*
        $V:ident = $number:literal, $module:ident, $krate:ident $(, request $Req:ident)?;
    )+) => {$(
        #[test]
        fn $module() {
            use metaaccess_account::$module as v;
            check_valid::<v::AccountDetails>();
            check_invalid::<v::AccountDetails>();
            documented_examples_are_fixtures::<v::AccountDetails>();
            $(
                check_valid::<v::$Req>();
                check_invalid::<v::$Req>();
            )?
        }
    )+};
}

metaaccess_account::api_versions!(fixture_tests);

/// The documented examples a model embeds in its schema are valid fixtures too, so the two
/// copies cannot drift apart.
fn documented_examples_are_fixtures<T: Document>() {
    let fixtures: Vec<String> = fixture_files(T::VERSION, T::KIND, "valid")
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    for example in T::DOC_EXAMPLES {
        assert!(
            fixtures.iter().any(|f| f == example),
            "{} {:?}: a documented example is not among the valid fixtures",
            T::VERSION,
            T::KIND
        );
    }
}

#[test]
fn unknown_values_survive_lenient_parsing_unchanged() {
    let text = std::fs::read_to_string(
        fixture_dir(ApiVersion::V3_1, DocumentKind::Response)
            .join("invalid/unknown-enum-value.json"),
    )
    .unwrap();
    let parsed = v3_1::AccountDetails::from_json_str(&text).unwrap();
    assert_eq!(parsed.drift.len(), 1);
    assert_eq!(parsed.drift[0].pointer, "/devices_by_status/3/status");
    let back = serde_json::to_value(&parsed.value).unwrap();
    assert_eq!(
        back,
        serde_json::from_str::<serde_json::Value>(&text).unwrap()
    );
}
