//! `$ref` resolution and small helpers shared by every keyword family.

use std::collections::HashSet;

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

/// Keywords this checker classifies.
pub(crate) const HANDLED: [&str; 41] = [
    "$ref",
    "type",
    "enum",
    "const",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "minProperties",
    "maxProperties",
    "format",
    "pattern",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "uniqueItems",
    "anyOf",
    "oneOf",
    "allOf",
    "prefixItems",
    "additionalItems",
    "multipleOf",
    "patternProperties",
    "propertyNames",
    "contains",
    "minContains",
    "maxContains",
    "if",
    "then",
    "else",
    "dependentSchemas",
    "dependentRequired",
    "dependencies",
    "unevaluatedProperties",
    "unevaluatedItems",
    "not",
];

/// How deep `$ref`s and nesting are followed before giving up (and saying so).
pub(crate) const MAX_DEPTH: usize = 64;

pub(crate) fn token(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}

/// Follows one local `$ref` (`#/...`); a schema without one is its own target. Siblings of
/// each `$ref` on a chain are compared by the caller, hop by hop.
pub(crate) fn hop<'v>(root: &'v Value, schema: &'v Value) -> Option<&'v Value> {
    match schema.get("$ref") {
        None => Some(schema),
        Some(Value::String(r)) => root.pointer(r.strip_prefix('#')?),
        Some(_) => None,
    }
}

/// Whether the document says it is Draft-07 or older, where keywords such as `prefixItems`,
/// `dependentSchemas` or `unevaluatedProperties` do not exist and `items` may be a tuple.
pub(crate) fn legacy_draft(root: &Value) -> bool {
    root.get("$schema")
        .and_then(Value::as_str)
        .is_some_and(|s| s.contains("draft-0"))
}

/// Keywords that mean different things in Draft-07 and in 2019-09/2020-12.
const DRAFT_SPECIFIC: [&str; 9] = [
    "additionalItems",
    "prefixItems",
    "dependencies",
    "dependentSchemas",
    "dependentRequired",
    "unevaluatedProperties",
    "unevaluatedItems",
    "$recursiveRef",
    "$dynamicRef",
];

/// Whether a document uses anything whose meaning depends on the draft: a keyword that
/// changed meaning, a tuple `items`, or a `$ref` with assertions beside it (ignored by
/// Draft-07, applied by later drafts).
pub(crate) fn draft_sensitive(v: &Value) -> bool {
    match v {
        Value::Object(map) => {
            map.keys().any(|k| DRAFT_SPECIFIC.contains(&k.as_str()))
                || map.get("items").is_some_and(Value::is_array)
                || (map.contains_key("$ref")
                    && map
                        .keys()
                        .any(|k| k != "$ref" && !ANNOTATIONS.contains(&k.as_str())))
                || map
                    .iter()
                    .any(|(k, v)| !DATA.contains(&k.as_str()) && draft_sensitive(v))
        }
        Value::Array(items) => items.iter().any(draft_sensitive),
        _ => false,
    }
}

/// Keywords whose values are data, not schemas: an object with `$ref` in them is not a reference.
const DATA: [&str; 4] = ["enum", "const", "default", "examples"];

/// Whether `a` (in the old document) and `b` (in the new one) are written the same, following
/// every `$ref` in its own document: then they accept the same documents. A pair met again
/// while being compared is taken as the same (a recursive schema compared with itself).
pub(crate) fn same(roots: (&Value, &Value), a: &Value, b: &Value) -> bool {
    if a == b && !contains_ref(a) {
        return true;
    }
    same_in(roots, a, b, &mut HashSet::new(), 0)
}

fn same_in(
    roots: (&Value, &Value),
    a: &Value,
    b: &Value,
    seen: &mut HashSet<(usize, usize)>,
    depth: usize,
) -> bool {
    if depth > MAX_DEPTH {
        return false;
    }
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            if [x, y]
                .iter()
                .any(|m| DYNAMIC.iter().any(|k| m.contains_key(*k)))
            {
                return false; // resolved at validation time: not followed
            }
            match (
                x.get("$ref").and_then(Value::as_str),
                y.get("$ref").and_then(Value::as_str),
            ) {
                (None, None) => {}
                (Some(_), Some(_)) => {
                    let (Some(t), Some(u)) = (hop(roots.0, a), hop(roots.1, b)) else {
                        return false;
                    };
                    let key = (
                        std::ptr::from_ref(t) as usize,
                        std::ptr::from_ref(u) as usize,
                    );
                    if seen.insert(key) && !same_in(roots, t, u, seen, depth + 1) {
                        return false;
                    }
                }
                _ => return false,
            }
            x.len() == y.len()
                && x.iter().all(|(k, v)| {
                    y.get(k).is_some_and(|w| {
                        if DATA.contains(&k.as_str()) {
                            v == w
                        } else if k == "$ref" && v.is_string() {
                            true // followed above
                        } else {
                            same_in(roots, v, w, seen, depth + 1)
                        }
                    })
                })
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|(v, w)| same_in(roots, v, w, seen, depth + 1))
        }
        _ => a == b,
    }
}

/// References resolved at validation time, against the dynamic scope.
const DYNAMIC: [&str; 2] = ["$dynamicRef", "$recursiveRef"];

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
        Value::Object(m) => {
            m.contains_key("$ref")
                || DYNAMIC.iter().any(|k| m.contains_key(*k))
                || m.values().any(contains_ref)
        }
        Value::Array(a) => a.iter().any(contains_ref),
        _ => false,
    }
}

/// The keywords beside a `$ref`, if the schema has one (but `unevaluated*`, which depend on
/// the reference too and are compared before it is followed).
pub(crate) fn ref_siblings(v: &Value) -> Option<Map<String, Value>> {
    let m = v.as_object()?;
    m.contains_key("$ref").then(|| {
        m.iter()
            .filter(|(k, _)| {
                !["$ref", "unevaluatedProperties", "unevaluatedItems"].contains(&k.as_str())
            })
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

/// `m` without the keyword `k`.
pub(crate) fn without(m: &Map<String, Value>, k: &str) -> Value {
    Value::Object(
        m.iter()
            .filter(|(key, _)| *key != k)
            .map(|(key, v)| (key.clone(), v.clone()))
            .collect(),
    )
}

/// Whether an `$id` sits below the root (which would move the base of the `$ref`s under it).
pub(crate) fn embedded_id(v: &Value, depth: usize) -> bool {
    match v {
        Value::Object(m) => {
            (depth > 0 && m.get("$id").is_some_and(Value::is_string))
                || m.iter()
                    .any(|(k, v)| !DATA.contains(&k.as_str()) && embedded_id(v, depth + 1))
        }
        Value::Array(a) => a.iter().any(|v| embedded_id(v, depth + 1)),
        _ => false,
    }
}
