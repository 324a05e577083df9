//! The comparison walk: resolves `$ref`s, handles boolean schemas and optional values, then
//! hands each keyword family to its module.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use crate::report::{Breaks, Change, ChangeKind};
use crate::resolve::{
    contains_ref, is_unconstrained, nullable_inner, ref_siblings, resolve, single_all_of, token,
    ANNOTATIONS, MAX_DEPTH,
};

/// Keywords this checker classifies.
const HANDLED: [&str; 25] = [
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
];

pub(crate) struct Cx<'a> {
    pub(crate) old_root: &'a Value,
    pub(crate) new_root: &'a Value,
    pub(crate) changes: Vec<Change>,
}

impl<'a> Cx<'a> {
    pub(crate) fn push(&mut self, pointer: &str, kind: ChangeKind, breaks: Breaks, detail: String) {
        self.changes.push(Change {
            pointer: pointer.to_owned(),
            kind,
            breaks,
            detail,
        });
    }

    pub(crate) fn compare(&mut self, old: &Value, new: &Value, at: &str, depth: usize) {
        if depth > MAX_DEPTH {
            self.push(
                at,
                ChangeKind::Unclassified,
                Breaks::Unknown,
                "nesting too deep to compare".into(),
            );
            return;
        }
        // `{"allOf": [X]}` with only annotations beside it (how Draft-07 generators wrap a
        // `$ref` that carries a description) is X.
        let (old, new) = (single_all_of(old), single_all_of(new));
        if old == new && !contains_ref(old) {
            return;
        }
        // In 2020-12 the siblings of a `$ref` apply too: compare them as well.
        let (old_siblings, new_siblings) = (ref_siblings(old), ref_siblings(new));
        if old_siblings.is_some() || new_siblings.is_some() {
            let constrained =
                |s: &Option<Map<String, Value>>| s.as_ref().is_some_and(|m| !is_unconstrained(m));
            if constrained(&old_siblings) || constrained(&new_siblings) {
                let (a, b) = (
                    Value::Object(old_siblings.unwrap_or_default()),
                    Value::Object(new_siblings.unwrap_or_default()),
                );
                self.compare(&a, &b, at, depth + 1);
            }
        }
        let (Some(old), Some(new)) = (resolve(self.old_root, old), resolve(self.new_root, new))
        else {
            self.push(
                at,
                ChangeKind::Unclassified,
                Breaks::Unknown,
                "a $ref could not be resolved locally".into(),
            );
            return;
        };
        if old == new && !contains_ref(old) {
            return;
        }
        // Boolean schemas.
        match (old, new) {
            (Value::Bool(a), Value::Bool(b)) => {
                if a != b {
                    let breaks = if *a {
                        Breaks::Backward
                    } else {
                        Breaks::Forward
                    };
                    self.push(
                        at,
                        ChangeKind::SchemaReplaced,
                        breaks,
                        format!("schema changed from {a} to {b}"),
                    );
                }
                return;
            }
            (Value::Bool(true), Value::Object(m)) if is_unconstrained(m) => return,
            (Value::Object(m), Value::Bool(true)) if is_unconstrained(m) => return,
            (Value::Bool(true), Value::Object(_)) => {
                self.push(
                    at,
                    ChangeKind::SchemaReplaced,
                    Breaks::Backward,
                    "an unconstrained schema gained constraints".into(),
                );
                return;
            }
            (Value::Object(_), Value::Bool(true)) => {
                self.push(
                    at,
                    ChangeKind::SchemaReplaced,
                    Breaks::Forward,
                    "a constrained schema became unconstrained".into(),
                );
                return;
            }
            (Value::Bool(false), _) => {
                self.push(
                    at,
                    ChangeKind::SchemaReplaced,
                    Breaks::Forward,
                    "a schema that rejected everything now accepts documents".into(),
                );
                return;
            }
            (_, Value::Bool(false)) => {
                self.push(
                    at,
                    ChangeKind::SchemaReplaced,
                    Breaks::Backward,
                    "the schema now rejects everything".into(),
                );
                return;
            }
            _ => {}
        }
        let (Some(o), Some(n)) = (old.as_object(), new.as_object()) else {
            self.push(
                at,
                ChangeKind::Unclassified,
                Breaks::Unknown,
                "not a schema".into(),
            );
            return;
        };
        // Optional values: X <-> anyOf [X, null].
        match (nullable_inner(old), nullable_inner(new)) {
            (None, Some(inner)) if !o.contains_key("anyOf") => {
                self.push(
                    &format!("{at}/anyOf"),
                    ChangeKind::TypeWidened,
                    Breaks::Forward,
                    "null is now allowed".into(),
                );
                return self.compare(old, inner, at, depth + 1);
            }
            (Some(inner), None) if !n.contains_key("anyOf") => {
                self.push(
                    &format!("{at}/anyOf"),
                    ChangeKind::TypeNarrowed,
                    Breaks::Backward,
                    "null is no longer allowed".into(),
                );
                return self.compare(inner, new, at, depth + 1);
            }
            _ => {}
        }
        self.compare_types(o, n, at);
        self.compare_values(o, n, at);
        self.compare_bounds(o, n, at);
        self.compare_strings(o, n, at);
        self.compare_objects(o, n, at, depth);
        self.compare_arrays(o, n, at, depth);
        self.compare_combinators(o, n, at, depth);
        // Anything else that differs is said to be unclassified rather than guessed.
        let keys: BTreeSet<&String> = o.keys().chain(n.keys()).collect();
        for k in keys {
            if ANNOTATIONS.contains(&k.as_str()) || HANDLED.contains(&k.as_str()) {
                continue;
            }
            if o.get(k) != n.get(k) {
                self.push(
                    &format!("{at}/{}", token(k)),
                    ChangeKind::Unclassified,
                    Breaks::Unknown,
                    format!("`{k}` changed; its effect is not classified"),
                );
            }
        }
    }
}
