//! `$ref` resolution and small helpers shared by every keyword family.

use serde_json::{Map, Value};

/// Keywords that do not change which documents validate.
pub(crate) const ANNOTATIONS: [&str; 14] = [
    "title",
    "description",
    "examples",
    "default",
    "$comment",
    "deprecated",
    "readOnly",
    "writeOnly",
    "$id",
    "$schema",
    "$anchor",
    "$defs",
    "definitions",
    "contentMediaType",
];

/// How deep `$ref`s and nesting are followed before giving up (and saying so).
pub(crate) const MAX_DEPTH: usize = 64;

pub(crate) fn token(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}

/// Follows local `$ref`s (`#/...`) until a schema without one.
pub(crate) fn resolve<'v>(root: &'v Value, mut schema: &'v Value) -> Option<&'v Value> {
    for _ in 0..MAX_DEPTH {
        let Some(r) = schema.get("$ref").and_then(Value::as_str) else {
            return Some(schema);
        };
        let pointer = r.strip_prefix('#')?;
        let target = root.pointer(pointer)?;
        // A `$ref` with siblings: the siblings are annotations in our schemas (descriptions).
        schema = target;
    }
    None
}

/// `anyOf: [X, {"type": "null"}]` (an optional value): returns X.
pub(crate) fn nullable_inner(schema: &Value) -> Option<&Value> {
    let any = schema.get("anyOf")?.as_array()?;
    match any.as_slice() {
        [x, n] | [n, x]
            if n.get("type").and_then(Value::as_str) == Some("null")
                && n.as_object().is_some_and(|m| m.len() == 1) =>
        {
            Some(x)
        }
        _ => None,
    }
}

pub(crate) fn single_all_of(v: &Value) -> &Value {
    let Some(m) = v.as_object() else {
        return v;
    };
    match m.get("allOf").and_then(Value::as_array).map(Vec::as_slice) {
        Some([only])
            if m.keys()
                .all(|k| k == "allOf" || ANNOTATIONS.contains(&k.as_str())) =>
        {
            single_all_of(only)
        }
        _ => v,
    }
}

pub(crate) fn contains_ref(v: &Value) -> bool {
    match v {
        Value::Object(m) => m.contains_key("$ref") || m.values().any(contains_ref),
        Value::Array(a) => a.iter().any(contains_ref),
        _ => false,
    }
}

/// The keywords beside a `$ref`, if the schema has one.
pub(crate) fn ref_siblings(v: &Value) -> Option<Map<String, Value>> {
    let m = v.as_object()?;
    m.contains_key("$ref").then(|| {
        m.iter()
            .filter(|(k, _)| *k != "$ref")
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    })
}

pub(crate) fn is_unconstrained(m: &Map<String, Value>) -> bool {
    m.keys().all(|k| ANNOTATIONS.contains(&k.as_str()))
}

pub(crate) fn is_true(v: &Value) -> bool {
    match v {
        Value::Bool(b) => *b,
        Value::Object(m) => is_unconstrained(m),
        _ => false,
    }
}
