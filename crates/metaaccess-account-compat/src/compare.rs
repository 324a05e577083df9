//! The comparison walk: resolves `$ref`s, handles boolean schemas and optional values, then
//! hands each keyword family to its module.

use std::collections::{BTreeSet, HashMap};

use serde_json::{Map, Value};

use crate::applicators::as_additional;
use crate::draft4::later_form;
use crate::options::Options;
use crate::report::{Breaks, Change, ChangeKind};
use crate::resolve::{
    hop, is_unconstrained, nullable_inner, ref_siblings, same, single_all_of, token, ANNOTATIONS,
    HANDLED, MAX_DEPTH,
};

pub(crate) struct Cx<'a> {
    pub(crate) old_root: &'a Value,
    pub(crate) new_root: &'a Value,
    pub(crate) changes: Vec<Change>,
    /// Whether each schema is read as Draft-07 or older (old, new).
    pub(crate) legacy: (bool, bool),
    /// Whether each schema is read as Draft-04 or older (where `1.0` is no integer).
    pub(crate) pre6: (bool, bool),
    /// Whether `format` is an assertion.
    pub(crate) format_assertion: bool,
    /// For some changes (by index), the value the change is about: tried first as a witness.
    pub(crate) hints: HashMap<usize, Value>,
    /// Pairs of schemas (by address) being compared, to stop on recursive references, each
    /// with the number of `not`s above it (odd or even).
    stack: HashMap<(usize, usize), bool>,
    /// Whether the comparison is under an odd number of `not`s (directions swapped).
    pub(crate) negated: bool,
    /// Where a recursive reference came back to a pair under the other parity of `not`s.
    pub(crate) flipped: Vec<String>,
}

fn bare_any_of(m: &Map<String, Value>) -> bool {
    m.keys()
        .all(|k| k == "anyOf" || ANNOTATIONS.contains(&k.as_str()))
}

impl<'a> Cx<'a> {
    pub(crate) fn new(old_root: &'a Value, new_root: &'a Value, options: &Options) -> Self {
        Self {
            old_root,
            new_root,
            changes: Vec::new(),
            legacy: (options.legacy(old_root), options.legacy(new_root)),
            pre6: (options.pre6(old_root), options.pre6(new_root)),
            format_assertion: options.format_assertion,
            hints: HashMap::new(),
            stack: HashMap::new(),
            negated: false,
            flipped: Vec::new(),
        }
    }

    pub(crate) fn push(&mut self, pointer: &str, kind: ChangeKind, breaks: Breaks, detail: String) {
        let mut c = Change::undecided(pointer, detail);
        (c.kind, c.breaks) = (kind, breaks);
        self.changes.push(c);
    }

    /// Remembers the value the last change is about.
    pub(crate) fn hint(&mut self, v: &Value) {
        if let Some(i) = self.changes.len().checked_sub(1) {
            self.hints.insert(i, v.clone());
        }
    }

    /// Compares two optional sub-schemas; an absent one stands for `absent`.
    pub(crate) fn compare_sub(
        &mut self,
        (old, new): (Option<&Value>, Option<&Value>),
        absent: bool,
        at: &str,
        depth: usize,
    ) {
        let absent = Value::Bool(absent);
        if old.is_some() || new.is_some() {
            let (a, b) = (old.unwrap_or(&absent), new.unwrap_or(&absent));
            self.compare(a, b, at, depth + 1);
        }
    }

    pub(crate) fn same(&self, old: &Value, new: &Value) -> bool {
        same((self.old_root, self.new_root), old, new)
    }

    /// Reports a change this checker cannot classify unless both sides are the same.
    pub(crate) fn unless_same(&mut self, old: Option<&Value>, new: Option<&Value>, at: &str) {
        let same = match (old, new) {
            (None, None) => true,
            (Some(a), Some(b)) => self.same(a, b),
            _ => false,
        };
        if !same {
            let k = at.rsplit('/').next().unwrap_or_default().to_owned();
            self.push(
                at,
                ChangeKind::Unclassified,
                Breaks::Unknown,
                format!("`{k}` changed; its effect is not classified"),
            );
        }
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
        if self.same(old, new) {
            return;
        }
        // A pair already being compared further up (a recursive schema) adds nothing new:
        // the instance is smaller there, so what holds of the pair holds by induction. Not
        // when a `not` lies between: that assumes the opposite direction (see `flipped`).
        let key = (
            std::ptr::from_ref(old) as usize,
            std::ptr::from_ref(new) as usize,
        );
        if let Some(negated) = self.stack.get(&key) {
            if *negated != self.negated {
                self.flipped.push(at.to_owned());
            }
            return;
        }
        self.stack.insert(key, self.negated);
        self.compare_resolved(old, new, at, depth);
        self.stack.remove(&key);
    }

    fn compare_resolved(&mut self, old: &Value, new: &Value, at: &str, depth: usize) {
        let (o2, n2) = (
            old.as_object()
                .and_then(|m| as_additional(m, self.legacy.0)),
            new.as_object()
                .and_then(|m| as_additional(m, self.legacy.1)),
        );
        if o2.is_some() || n2.is_some() {
            let (a, b) = (o2.as_ref().unwrap_or(old), n2.as_ref().unwrap_or(new));
            return self.compare_resolved(a, b, at, depth + 1);
        }
        let (o4, n4) = (
            old.as_object().and_then(|m| later_form(m, self.pre6.0)),
            new.as_object().and_then(|m| later_form(m, self.pre6.1)),
        );
        if o4.is_some() || n4.is_some() {
            let (a, b) = (o4.as_ref().unwrap_or(old), n4.as_ref().unwrap_or(new));
            return self.compare_resolved(a, b, at, depth + 1);
        }
        if let (Some(o), Some(n)) = (old.as_object(), new.as_object()) {
            self.compare_unevaluated(o, n, at, depth);
        }
        // In 2019-09 and later the siblings of a `$ref` apply too: compare them as well.
        // Draft-07 ignores them (§8.3 of its core spec): compared as nothing.
        let siblings =
            |v: &Value, legacy: bool| ref_siblings(v).map(|m| if legacy { Map::new() } else { m });
        let (old_siblings, new_siblings) =
            (siblings(old, self.legacy.0), siblings(new, self.legacy.1));
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
            // One hop at a time, so that the siblings along a chain of `$ref`s are seen.
            let (Some(old), Some(new)) = (hop(self.old_root, old), hop(self.new_root, new)) else {
                self.push(
                    at,
                    ChangeKind::Unclassified,
                    Breaks::Unknown,
                    "a $ref could not be resolved locally".into(),
                );
                return;
            };
            return self.compare(old, new, at, depth + 1);
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
            // Only when nothing but annotations sits beside that `anyOf`.
            (None, Some(inner)) if !o.contains_key("anyOf") && bare_any_of(n) => {
                self.push(
                    &format!("{at}/anyOf"),
                    ChangeKind::TypeWidened,
                    Breaks::Forward,
                    "null is now allowed".into(),
                );
                return self.compare(old, inner, at, depth + 1);
            }
            (Some(inner), None) if !n.contains_key("anyOf") && bare_any_of(o) => {
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
        if self.compare_folded(o, n, at) {
            return;
        }
        self.compare_types(o, n, at);
        self.compare_values(o, n, at);
        self.compare_bounds(o, n, at);
        self.compare_strings(o, n, at);
        self.compare_objects(o, n, at, depth);
        self.compare_arrays(o, n, at, depth);
        self.compare_combinators(o, n, at, depth);
        self.compare_applicators(o, n, at, depth);
        // Anything else that differs is said to be unclassified rather than guessed.
        let keys: BTreeSet<&String> = o.keys().chain(n.keys()).collect();
        for k in keys {
            if ANNOTATIONS.contains(&k.as_str()) || HANDLED.contains(&k.as_str()) {
                continue;
            }
            // Compared through every `$ref` inside: a changed target is a change.
            self.unless_same(o.get(k), n.get(k), &format!("{at}/{}", token(k)));
        }
    }
}
