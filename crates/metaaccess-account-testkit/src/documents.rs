//! Valid documents of every version and kind, generated from the version's own JSON Schema.
//!
//! The shape of each version is written once, in its models; the schema is generated from the
//! models, and these strategies walk the schema. So every version, including one just added,
//! gets generated documents with no code here.

use metaaccess_account::{AnyAccountDetails, ApiVersion, DocumentKind};
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{Map, Value};

use crate::values::{count, email, license_key, name, timestamp};

/// Valid JSON documents of `version`'s `kind` (documented fields and enum values only; optional
/// fields sometimes left out). `None` for a request kind the version does not have.
pub fn document(version: ApiVersion, kind: DocumentKind) -> Option<BoxedStrategy<Value>> {
    let schema = match kind {
        DocumentKind::Response => metaaccess_account::response_schema(version),
        DocumentKind::Request => metaaccess_account::request_schema(version)?,
    };
    Some(node(&schema, &schema))
}

/// Valid responses of `version`, as models.
pub fn account(version: ApiVersion) -> BoxedStrategy<AnyAccountDetails> {
    document(version, DocumentKind::Response)
        .unwrap_or_else(|| Just(Value::Null).boxed())
        .prop_map(move |doc| {
            AnyAccountDetails::from_json_value_strict(version, &doc)
                .unwrap_or_else(|e| panic!("generated {version} document {doc} must parse: {e}"))
        })
        .boxed()
}

/// Valid responses of every version in the version table.
pub fn any_account() -> BoxedStrategy<AnyAccountDetails> {
    proptest::sample::select(ApiVersion::ALL.to_vec())
        .prop_flat_map(account)
        .boxed()
}

fn resolve<'a>(reference: &str, root: &'a Value) -> &'a Value {
    let name = reference
        .strip_prefix("#/$defs/")
        .or_else(|| reference.strip_prefix("#/definitions/"))
        .unwrap_or_else(|| panic!("unsupported $ref {reference}"));
    root.get("$defs")
        .or_else(|| root.get("definitions"))
        .and_then(|defs| defs.get(name))
        .unwrap_or_else(|| panic!("dangling $ref {reference}"))
}

fn node(schema: &Value, root: &Value) -> BoxedStrategy<Value> {
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        return node(resolve(reference, root), root);
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        return select(values.clone()).boxed();
    }
    match schema.get("type").and_then(Value::as_str) {
        Some("object") => object(schema, root),
        Some("array") => {
            let items = node(schema.get("items").unwrap_or(&Value::Bool(true)), root);
            prop::collection::vec(items, 0..6)
                .prop_map(Value::Array)
                .boxed()
        }
        Some("integer") => {
            let max = schema
                .get("maximum")
                .and_then(Value::as_u64)
                .unwrap_or(u64::MAX);
            count()
                .prop_map(move |c| Value::from(c.get().min(max)))
                .boxed()
        }
        Some("string") => match schema.get("format").and_then(Value::as_str) {
            Some("date-time") => timestamp().prop_map(|t| Value::from(t.to_string())).boxed(),
            Some("email") => email().prop_map(|e| Value::from(e.as_str())).boxed(),
            _ => name().prop_map(Value::from).boxed(),
        },
        other => panic!("no generator for a schema of type {other:?}: {schema}"),
    }
}

fn object(schema: &Value, root: &Value) -> BoxedStrategy<Value> {
    let required: Vec<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let members: Vec<BoxedStrategy<Option<(String, Value)>>> = schema
        .get("properties")
        .and_then(Value::as_object)
        .map(|props| {
            props
                .iter()
                .map(|(key, sub)| {
                    let key = key.clone();
                    // License keys look like real ones, so a test can search text for them.
                    let value = if key == "license_key" {
                        license_key().prop_map(|k| Value::from(k.expose())).boxed()
                    } else {
                        node(sub, root)
                    };
                    if required.contains(&key.as_str()) {
                        value.prop_map(move |v| Some((key.clone(), v))).boxed()
                    } else {
                        prop_oneof![1 => Just(None), 3 => value.prop_map(move |v| Some((key.clone(), v)))]
                            .boxed()
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    members
        .prop_map(|members| Value::Object(members.into_iter().flatten().collect::<Map<_, _>>()))
        .boxed()
}
