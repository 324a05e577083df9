//! Test support shared by the workspace's test suites: proptest strategies that generate valid
//! documents of every version, and mutations that break them in the ways captured traffic does.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod documents;
pub mod http_server;
mod leak;
mod mutation;
mod values;

pub use documents::{account, any_account, document};
pub use leak::{json_escaped, leaked_piece, percent_encoded, spellings, Pieces, LEAK_PIECE};
pub use mutation::{mutated, Mutation};
pub use values::*;

use std::path::PathBuf;

/// The repository root (where `schemas/`, `fixtures/` and `snapshots/` live).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The fixture folder of one version and document kind, holding `valid/` and `invalid/`
/// (for example `crates/metaaccess-account-v3_1/fixtures/response`). Fixtures live in their
/// version's crate, so a new version copied from an old one starts with its fixtures. Every
/// test finds per-version fixtures through this one function.
pub fn fixture_dir(
    version: metaaccess_account::ApiVersion,
    kind: metaaccess_account::DocumentKind,
) -> PathBuf {
    repo_root()
        .join("crates")
        .join(format!("metaaccess-account-{}", version.module_name()))
        .join("fixtures")
        .join(kind.as_str())
}

/// The `.json` fixtures of one version, kind and split (`"valid"` or `"invalid"`), sorted by
/// name; a folder without any is a failure, not an empty loop.
pub fn fixture_files(
    version: metaaccess_account::ApiVersion,
    kind: metaaccess_account::DocumentKind,
    split: &str,
) -> Vec<PathBuf> {
    let dir = fixture_dir(version, kind).join(split);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no fixtures in {}", dir.display());
    files
}

/// Every response fixture of every version (valid and invalid), then every hostile input of
/// `fixtures/bad-input`: the paths of the documents a response reader must judge.
pub fn response_inputs() -> Vec<PathBuf> {
    use metaaccess_account::{ApiVersion, DocumentKind};
    let fixtures = ApiVersion::ALL.into_iter().flat_map(|version| {
        ["valid", "invalid"]
            .into_iter()
            .flat_map(move |split| fixture_files(version, DocumentKind::Response, split))
    });
    let bad = repo_root().join("fixtures/bad-input");
    let mut hostile: Vec<PathBuf> = std::fs::read_dir(&bad)
        .unwrap_or_else(|e| panic!("{}: {e}", bad.display()))
        .map(|e| e.unwrap().path())
        .collect();
    hostile.sort();
    assert!(!hostile.is_empty(), "no files in {}", bad.display());
    fixtures.chain(hostile).collect()
}

/// Every valid response fixture of every version, read strictly, with its path.
pub fn valid_responses() -> Vec<(PathBuf, metaaccess_account::AnyAccountDetails)> {
    use metaaccess_account::{AnyAccountDetails, ApiVersion, DocumentKind};
    ApiVersion::ALL
        .into_iter()
        .flat_map(|version| {
            fixture_files(version, DocumentKind::Response, "valid")
                .into_iter()
                .map(move |file| {
                    let text = std::fs::read_to_string(&file).unwrap();
                    let doc = AnyAccountDetails::from_json_str(version, &text)
                        .and_then(metaaccess_account::Parsed::into_strict)
                        .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
                    (file, doc)
                })
        })
        .collect()
}

/// A validator for a committed schema, with format validation on (as the published contract
/// intends); nothing is ever fetched: the `jsonschema` crate is built without remote resolving.
pub fn validator(schema: &serde_json::Value) -> jsonschema::Validator {
    jsonschema::options()
        .should_validate_formats(true)
        .build(schema)
        .expect("committed schema compiles")
}

/// A committed schema file, read from `schemas/`.
pub fn committed_schema(
    version: metaaccess_account::ApiVersion,
    kind: metaaccess_account::DocumentKind,
) -> serde_json::Value {
    let path = repo_root()
        .join("schemas")
        .join(version.dir_name())
        .join(metaaccess_account::schema::schema_file_name(kind));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).expect("committed schema is JSON")
}
