//! The committed `schemas/` folder: fresh, valid Draft 2020-12, pinned by snapshot, and carrying
//! what non-Rust readers need (`$id`, title, descriptions, documented examples).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure report

use metaaccess_account::{schema_files, ApiVersion, DocumentKind};
use metaaccess_account_testkit::{committed_schema, fixture_files, repo_root, validator};
use serde_json::Value;

#[test]
fn committed_schemas_match_the_models() {
    for file in schema_files() {
        let path = repo_root().join("schemas").join(&file.path);
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == file.contents,
            "schemas/{} is stale: run `cargo xtask schemas`",
            file.path.display()
        );
    }
}

#[test]
fn schemas_are_pinned() {
    for file in schema_files() {
        let name = file
            .path
            .display()
            .to_string()
            .replace('/', "-")
            .replace(".json", "");
        let value: Value = serde_json::from_str(&file.contents).unwrap();
        insta::with_settings!({ snapshot_path => "../../../snapshots", prepend_module_to_snapshot => false }, {
            insta::assert_json_snapshot!(name, value);
        });
    }
}

fn all_committed() -> Vec<(ApiVersion, DocumentKind, Value)> {
    let mut out = Vec::new();
    for v in ApiVersion::ALL {
        out.push((
            v,
            DocumentKind::Response,
            committed_schema(v, DocumentKind::Response),
        ));
        if metaaccess_account::request_schema(v).is_some() {
            out.push((
                v,
                DocumentKind::Request,
                committed_schema(v, DocumentKind::Request),
            ));
        }
    }
    out
}

#[test]
fn schemas_are_valid_for_their_dialect() {
    for file in schema_files()
        .into_iter()
        .filter(|f| !f.path.ends_with("openapi.json"))
    {
        let schema: Value = serde_json::from_str(&file.contents).unwrap();
        let expected = if file.path.to_string_lossy().contains("draft-07") {
            "http://json-schema.org/draft-07/schema#"
        } else {
            "https://json-schema.org/draft/2020-12/schema"
        };
        assert_eq!(schema["$schema"], expected, "{}", file.path.display());
        if let Err(e) = jsonschema::meta::validate(&schema) {
            panic!(
                "{} is not a valid schema of its dialect: {e}",
                file.path.display()
            );
        }
    }
}

/// The Draft-07 rendering and the Draft 2020-12 schema give the same verdict on every fixture,
/// and that verdict is the fixture's folder.
#[test]
fn draft_07_renderings_agree_with_the_main_schemas() {
    use metaaccess_account::Dialect;
    for v in ApiVersion::ALL {
        for kind in [DocumentKind::Response, DocumentKind::Request] {
            let old = match kind {
                DocumentKind::Response => {
                    Some(metaaccess_account::response_schema_in(v, Dialect::Draft07))
                }
                DocumentKind::Request => metaaccess_account::request_schema_in(v, Dialect::Draft07),
            };
            let Some(old) = old.map(|s| validator(&s)) else {
                continue;
            };
            let main = validator(&committed_schema(v, kind));
            for split in ["valid", "invalid"] {
                for path in fixture_files(v, kind, split) {
                    let Ok(doc) =
                        serde_json::from_str::<Value>(&std::fs::read_to_string(&path).unwrap())
                    else {
                        continue;
                    };
                    assert_eq!(
                        main.is_valid(&doc),
                        old.is_valid(&doc),
                        "{}",
                        path.display()
                    );
                    assert_eq!(main.is_valid(&doc), split == "valid", "{}", path.display());
                }
            }
        }
    }
}

/// Every property, however deep, has a description, and every schema a stable `$id` and title.
#[test]
fn schemas_are_documented() {
    fn check(at: &str, value: &Value) {
        if let Some(props) = value.get("properties").and_then(Value::as_object) {
            for (name, prop) in props {
                assert!(
                    prop.get("description")
                        .and_then(Value::as_str)
                        .is_some_and(|d| !d.is_empty()),
                    "{at}/properties/{name} has no description"
                );
            }
        }
        if let Some(defs) = value.get("$defs").and_then(Value::as_object) {
            for (name, def) in defs {
                assert_eq!(def["title"], name.as_str(), "{at}/$defs/{name} title");
                check(&format!("{at}/$defs/{name}"), def);
            }
        }
    }
    let identifier = |t: &str| {
        t.starts_with(|c: char| c.is_ascii_uppercase())
            && t.chars().all(|c| c.is_ascii_alphanumeric())
    };
    let mut ids = std::collections::HashSet::new();
    for (v, kind, schema) in all_committed() {
        let id = schema["$id"].as_str().unwrap();
        assert!(
            id.starts_with("urn:metaaccess-account:") && id.contains(v.dir_name()),
            "{id}"
        );
        assert!(ids.insert(id.to_owned()), "duplicate $id {id}");
        // The title is the identifier code generators name the type after; the sentence naming
        // the document and its version opens the description.
        let expected = match kind {
            DocumentKind::Response => "AccountDetails",
            DocumentKind::Request => "AccountDetailsRequest",
        };
        assert_eq!(schema["title"], expected, "{v} {kind:?}");
        assert!(identifier(expected));
        let description = schema["description"].as_str().unwrap();
        assert!(
            description.starts_with("MetaAccess Account Details")
                && description.contains(&format!("API version {v}")),
            "{description}"
        );
        assert!(
            metaaccess_account::schema::defaults_are_optional(&schema),
            "{v} {kind:?}: a default on a required property"
        );
        check(&format!("{v} {kind:?}"), &schema);
    }
}

/// Every schema has examples: the documented ones where the docs publish some, else illustrative
/// ones from the fixtures (the description says which); the schema accepts them.
#[test]
fn documented_examples_are_embedded_and_valid() {
    for (v, kind, schema) in all_committed() {
        let examples = schema
            .get("examples")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let embedded = match kind {
            DocumentKind::Response => metaaccess_account::doc_examples(v),
            DocumentKind::Request => &[],
        };
        assert!(!examples.is_empty(), "{v} {kind:?} has no examples");
        let description = schema["description"].as_str().unwrap();
        if embedded.is_empty() {
            assert!(description.contains("illustrative"), "{v} {kind:?}");
        } else {
            assert_eq!(examples.len(), embedded.len(), "{v} {kind:?} examples");
            for (example, text) in examples.iter().zip(embedded) {
                assert_eq!(example, &serde_json::from_str::<Value>(text).unwrap());
            }
            assert!(description.contains("OPSWAT published"), "{v} {kind:?}");
        }
        let validator = validator(&schema);
        for example in &examples {
            assert!(
                validator.is_valid(example),
                "{v} example rejected by its own schema"
            );
        }
    }
}

/// Counts stop at 2^53 - 1, the largest integer every JSON parser reads exactly.
#[test]
fn counts_are_javascript_safe() {
    fn walk(value: &Value, found: &mut usize) {
        match value {
            Value::Object(map) => {
                if let Some(max) = map.get("maximum") {
                    assert_eq!(max, &Value::from(9_007_199_254_740_991u64));
                    *found += 1;
                }
                map.values().for_each(|v| walk(v, found));
            }
            Value::Array(items) => items.iter().for_each(|v| walk(v, found)),
            _ => {}
        }
    }
    for file in schema_files() {
        let value: Value = serde_json::from_str(&file.contents).unwrap();
        let mut found = 0;
        walk(&value, &mut found);
        let is_request = file.path.to_string_lossy().contains("request");
        assert!(
            is_request || found > 0,
            "{}: no bounded count",
            file.path.display()
        );
    }
}

#[test]
fn enumerations_are_listed_as_the_strict_contract() {
    let v31 = committed_schema(ApiVersion::V3_1, DocumentKind::Response);
    let v32 = committed_schema(ApiVersion::V3_2, DocumentKind::Response);
    let severities = |s: &Value| s["$defs"]["VulnerabilitySeverity"]["enum"].clone();
    assert_eq!(
        severities(&v31),
        serde_json::json!(["critical", "important", "moderate", "low", "unknown"])
    );
    assert_eq!(
        severities(&v32),
        serde_json::json!([
            "critical",
            "important",
            "moderate",
            "low",
            "unknown",
            "high",
            "medium"
        ])
    );
    let request = committed_schema(ApiVersion::V3_2, DocumentKind::Request);
    assert_eq!(
        request["properties"]["score_type"]["default"],
        "opswat_score"
    );
}
