//! Compares two JSON Schemas and lists every change, with the compatibility it breaks.
//!
//! - A change **breaks backward compatibility** when the new schema rejects a document the old
//!   one accepted (documents written for the old contract stop validating).
//! - A change **breaks forward compatibility** when the old schema rejects a document the new
//!   one accepts (consumers still on the old contract cannot read new documents).
//!
//! The overall [`Verdict`] is `FULL` (neither is broken), `BACKWARD` (backward compatible:
//! only forward compatibility is broken), `FORWARD` (forward compatible) or `NONE`.
//! For API *responses*, forward compatibility is the one that protects old clients: a client
//! validating with the old schema must accept what the new server sends.
//!
//! Where a change cannot be classified with certainty (a changed `pattern`, a reshaped `anyOf`,
//! an unknown keyword ...), it is reported as [`Breaks::Unknown`] and counted as breaking both
//! directions: the verdict never claims more compatibility than it can prove, and
//! [`Report::certain`] says whether it had to assume.
//!
//! Handles `$ref` into `$defs`/`definitions` (local references only), `anyOf` for optional
//! values, nested arrays of objects, Draft 2020-12 and Draft-07. `format` is treated as an
//! assertion (as validators do with format checking on).
//!
//! ```
//! use metaaccess_account_compat::{diff, Verdict};
//! use serde_json::json;
//!
//! let old = json!({"type": "object", "properties": {"s": {"enum": ["a", "b"]}}});
//! let new = json!({"type": "object", "properties": {"s": {"enum": ["a", "b", "c"]}}});
//! let report = diff(&old, &new);
//! assert_eq!(report.verdict, Verdict::Backward); // old documents stay valid; old readers may see "c"
//! assert_eq!(report.changes[0].pointer, "/properties/s/enum");
//! ```

use std::collections::BTreeSet;
use std::fmt;

use serde::Serialize;
use serde_json::{Map, Value};

/// Which compatibility a change breaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Breaks {
    /// Neither: the change accepts and rejects the same documents (or only annotations changed).
    Neither,
    /// The new schema rejects some documents the old one accepted.
    Backward,
    /// The old schema rejects some documents the new one accepts.
    Forward,
    /// Both.
    Both,
    /// Could not be classified with certainty; counted as both.
    Unknown,
}

impl Breaks {
    fn backward(self) -> bool {
        matches!(self, Self::Backward | Self::Both | Self::Unknown)
    }

    fn forward(self) -> bool {
        matches!(self, Self::Forward | Self::Both | Self::Unknown)
    }
}

/// What changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// A property was added to `properties`.
    PropertyAdded,
    /// A property was removed from `properties`.
    PropertyRemoved,
    /// A name was added to `required`.
    RequiredAdded,
    /// A name was removed from `required`.
    RequiredRemoved,
    /// `type` allows more.
    TypeWidened,
    /// `type` allows less.
    TypeNarrowed,
    /// `type` allows other things.
    TypeChanged,
    /// A value was added to `enum`.
    EnumValueAdded,
    /// A value was removed from `enum`.
    EnumValueRemoved,
    /// `enum` or `const` appeared, disappeared or changed.
    ValueConstraintChanged,
    /// A bound (`minimum`, `maxLength`, `minItems` ...) now allows less.
    BoundTightened,
    /// A bound now allows more.
    BoundRelaxed,
    /// `format` appeared.
    FormatAdded,
    /// `format` disappeared.
    FormatRemoved,
    /// `format` changed.
    FormatChanged,
    /// `pattern` appeared, disappeared or changed.
    PatternChanged,
    /// `additionalProperties` now allows more.
    AdditionalPropertiesOpened,
    /// `additionalProperties` now allows less.
    AdditionalPropertiesClosed,
    /// `uniqueItems` changed.
    UniqueItemsChanged,
    /// A whole subschema became `true`/`false`, or appeared where there was none.
    SchemaReplaced,
    /// A keyword this checker does not classify changed.
    Unclassified,
}

/// One change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    /// JSON pointer into the new schema (into the old one for removals).
    pub pointer: String,
    /// What changed.
    pub kind: ChangeKind,
    /// Which compatibility it breaks.
    pub breaks: Breaks,
    /// A sentence for a person.
    pub detail: String,
}

/// The overall verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Verdict {
    /// Backward and forward compatible.
    Full,
    /// Backward compatible only: every document the old schema accepted, the new one accepts.
    Backward,
    /// Forward compatible only: every document the new schema accepts, the old one accepted.
    Forward,
    /// Neither.
    None,
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Full => "FULL",
            Self::Backward => "BACKWARD",
            Self::Forward => "FORWARD",
            Self::None => "NONE",
        })
    }
}

/// The result of a comparison.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The overall verdict.
    pub verdict: Verdict,
    /// Whether every change could be classified with certainty.
    pub certain: bool,
    /// Every change, in schema order.
    pub changes: Vec<Change>,
}

impl Report {
    /// Whether the new schema accepts every document the old one accepted.
    pub fn is_backward_compatible(&self) -> bool {
        matches!(self.verdict, Verdict::Full | Verdict::Backward)
    }

    /// Whether the old schema accepts every document the new one accepts.
    pub fn is_forward_compatible(&self) -> bool {
        matches!(self.verdict, Verdict::Full | Verdict::Forward)
    }
}

/// Compares `old` with `new`.
pub fn diff(old: &Value, new: &Value) -> Report {
    let mut cx = Cx {
        old_root: old,
        new_root: new,
        changes: Vec::new(),
    };
    cx.compare(old, new, "", 0);
    let backward = cx.changes.iter().any(|c| c.breaks.backward());
    let forward = cx.changes.iter().any(|c| c.breaks.forward());
    let verdict = match (backward, forward) {
        (false, false) => Verdict::Full,
        (false, true) => Verdict::Backward,
        (true, false) => Verdict::Forward,
        (true, true) => Verdict::None,
    };
    Report {
        verdict,
        certain: cx.changes.iter().all(|c| c.breaks != Breaks::Unknown),
        changes: cx.changes,
    }
}

/// Keywords that do not change which documents validate.
const ANNOTATIONS: [&str; 14] = [
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

/// How deep `$ref`s and nesting are followed before giving up (and saying so).
const MAX_DEPTH: usize = 64;

struct Cx<'a> {
    old_root: &'a Value,
    new_root: &'a Value,
    changes: Vec<Change>,
}

fn token(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}

/// Follows local `$ref`s (`#/...`) until a schema without one.
fn resolve<'v>(root: &'v Value, mut schema: &'v Value) -> Option<&'v Value> {
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

/// The set of JSON types a schema's `type` allows (`None`: any).
fn types(schema: &Map<String, Value>) -> Option<BTreeSet<String>> {
    let mut set: BTreeSet<String> = match schema.get("type")? {
        Value::String(s) => std::iter::once(s.clone()).collect(),
        Value::Array(a) => a
            .iter()
            .filter_map(|t| t.as_str().map(str::to_owned))
            .collect(),
        _ => return None,
    };
    if set.contains("number") {
        set.remove("integer");
    }
    Some(set)
}

fn allows(set: &BTreeSet<String>, t: &str) -> bool {
    set.contains(t) || (t == "integer" && set.contains("number"))
}

/// `anyOf: [X, {"type": "null"}]` (an optional value): returns X.
fn nullable_inner(schema: &Value) -> Option<&Value> {
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

impl<'a> Cx<'a> {
    fn push(&mut self, pointer: &str, kind: ChangeKind, breaks: Breaks, detail: String) {
        self.changes.push(Change {
            pointer: pointer.to_owned(),
            kind,
            breaks,
            detail,
        });
    }

    fn compare(&mut self, old: &Value, new: &Value, at: &str, depth: usize) {
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

    fn compare_types(&mut self, o: &Map<String, Value>, n: &Map<String, Value>, at: &str) {
        let (ot, nt) = (types(o), types(n));
        let p = format!("{at}/type");
        match (ot, nt) {
            (None, None) => {}
            (Some(t), None) => self.push(
                &p,
                ChangeKind::TypeWidened,
                Breaks::Forward,
                format!("type {t:?} removed: any type allowed"),
            ),
            (None, Some(t)) => self.push(
                &p,
                ChangeKind::TypeNarrowed,
                Breaks::Backward,
                format!("type restricted to {t:?}"),
            ),
            (Some(a), Some(b)) => {
                let widened = a.iter().all(|t| allows(&b, t));
                let narrowed = b.iter().all(|t| allows(&a, t));
                match (widened, narrowed) {
                    (true, true) => {}
                    (true, false) => self.push(
                        &p,
                        ChangeKind::TypeWidened,
                        Breaks::Forward,
                        format!("type {a:?} widened to {b:?}"),
                    ),
                    (false, true) => self.push(
                        &p,
                        ChangeKind::TypeNarrowed,
                        Breaks::Backward,
                        format!("type {a:?} narrowed to {b:?}"),
                    ),
                    (false, false) => self.push(
                        &p,
                        ChangeKind::TypeChanged,
                        Breaks::Both,
                        format!("type {a:?} changed to {b:?}"),
                    ),
                }
            }
        }
    }

    fn compare_values(&mut self, o: &Map<String, Value>, n: &Map<String, Value>, at: &str) {
        match (
            o.get("enum").and_then(Value::as_array),
            n.get("enum").and_then(Value::as_array),
        ) {
            (Some(a), Some(b)) => {
                let p = format!("{at}/enum");
                for v in b.iter().filter(|v| !a.contains(v)) {
                    self.push(
                        &p,
                        ChangeKind::EnumValueAdded,
                        Breaks::Forward,
                        format!("value {v} added"),
                    );
                }
                for v in a.iter().filter(|v| !b.contains(v)) {
                    self.push(
                        &p,
                        ChangeKind::EnumValueRemoved,
                        Breaks::Backward,
                        format!("value {v} removed"),
                    );
                }
            }
            (Some(_), None) => self.push(
                &format!("{at}/enum"),
                ChangeKind::ValueConstraintChanged,
                Breaks::Forward,
                "enum removed: any value allowed".into(),
            ),
            (None, Some(_)) => self.push(
                &format!("{at}/enum"),
                ChangeKind::ValueConstraintChanged,
                Breaks::Backward,
                "enum added: only the listed values allowed".into(),
            ),
            (None, None) => {}
        }
        match (o.get("const"), n.get("const")) {
            (Some(a), Some(b)) if a != b => self.push(
                &format!("{at}/const"),
                ChangeKind::ValueConstraintChanged,
                Breaks::Both,
                format!("const {a} changed to {b}"),
            ),
            (Some(_), None) => self.push(
                &format!("{at}/const"),
                ChangeKind::ValueConstraintChanged,
                Breaks::Forward,
                "const removed".into(),
            ),
            (None, Some(_)) => self.push(
                &format!("{at}/const"),
                ChangeKind::ValueConstraintChanged,
                Breaks::Backward,
                "const added".into(),
            ),
            _ => {}
        }
    }

    fn compare_bounds(&mut self, o: &Map<String, Value>, n: &Map<String, Value>, at: &str) {
        const LOWER: [&str; 6] = [
            "minimum",
            "exclusiveMinimum",
            "minLength",
            "minItems",
            "minProperties",
            "",
        ];
        const UPPER: [&str; 6] = [
            "maximum",
            "exclusiveMaximum",
            "maxLength",
            "maxItems",
            "maxProperties",
            "",
        ];
        for (keys, lower) in [(LOWER, true), (UPPER, false)] {
            for k in keys.iter().filter(|k| !k.is_empty()) {
                let (a, b) = (o.get(*k), n.get(*k));
                if a == b {
                    continue;
                }
                let p = format!("{at}/{k}");
                let (a, b) = (a.and_then(Value::as_f64), b.and_then(Value::as_f64));
                let tightened = match (a, b) {
                    (None, Some(_)) => Some(true),
                    (Some(_), None) => Some(false),
                    (Some(x), Some(y)) if lower => Some(y > x),
                    (Some(x), Some(y)) => Some(y < x),
                    (None, None) => None, // present but not numbers (draft-04 booleans)
                };
                match tightened {
                    Some(true) => self.push(
                        &p,
                        ChangeKind::BoundTightened,
                        Breaks::Backward,
                        format!("{k} tightened: {} -> {}", show(a), show(b)),
                    ),
                    Some(false) => self.push(
                        &p,
                        ChangeKind::BoundRelaxed,
                        Breaks::Forward,
                        format!("{k} relaxed: {} -> {}", show(a), show(b)),
                    ),
                    None => self.push(
                        &p,
                        ChangeKind::Unclassified,
                        Breaks::Unknown,
                        format!("{k} changed to a non-number"),
                    ),
                }
            }
        }
        if o.get("multipleOf") != n.get("multipleOf") {
            self.push(
                &format!("{at}/multipleOf"),
                ChangeKind::Unclassified,
                Breaks::Unknown,
                "multipleOf changed".into(),
            );
        }
    }

    fn compare_strings(&mut self, o: &Map<String, Value>, n: &Map<String, Value>, at: &str) {
        match (o.get("format"), n.get("format")) {
            (None, Some(f)) => self.push(
                &format!("{at}/format"),
                ChangeKind::FormatAdded,
                Breaks::Backward,
                format!("format {f} added"),
            ),
            (Some(f), None) => self.push(
                &format!("{at}/format"),
                ChangeKind::FormatRemoved,
                Breaks::Forward,
                format!("format {f} removed"),
            ),
            (Some(a), Some(b)) if a != b => self.push(
                &format!("{at}/format"),
                ChangeKind::FormatChanged,
                Breaks::Both,
                format!("format {a} changed to {b}"),
            ),
            _ => {}
        }
        match (o.get("pattern"), n.get("pattern")) {
            (None, Some(p)) => self.push(
                &format!("{at}/pattern"),
                ChangeKind::PatternChanged,
                Breaks::Backward,
                format!("pattern {p} added"),
            ),
            (Some(p), None) => self.push(
                &format!("{at}/pattern"),
                ChangeKind::PatternChanged,
                Breaks::Forward,
                format!("pattern {p} removed"),
            ),
            (Some(a), Some(b)) if a != b => self.push(
                &format!("{at}/pattern"),
                ChangeKind::PatternChanged,
                Breaks::Unknown,
                format!("pattern {a} changed to {b}: regular languages are not compared"),
            ),
            _ => {}
        }
    }

    fn compare_objects(
        &mut self,
        o: &Map<String, Value>,
        n: &Map<String, Value>,
        at: &str,
        depth: usize,
    ) {
        let empty = Map::new();
        let op = o
            .get("properties")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        let np = n
            .get("properties")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        let o_add = o.get("additionalProperties");
        let n_add = n.get("additionalProperties");
        let names: BTreeSet<&String> = op.keys().chain(np.keys()).collect();
        for name in names {
            let p = format!("{at}/properties/{}", token(name));
            match (op.get(name), np.get(name)) {
                (Some(a), Some(b)) => self.compare(a, b, &p, depth + 1),
                (None, Some(b)) => {
                    // What did the old schema say about this name? Its additionalProperties.
                    match o_add {
                        Some(Value::Bool(false)) => self.push(
                            &p,
                            ChangeKind::PropertyAdded,
                            Breaks::Forward,
                            format!("property {name:?} added (the old schema rejected it)"),
                        ),
                        None | Some(Value::Bool(true)) => {
                            let breaks = if is_true(b) {
                                Breaks::Neither
                            } else {
                                Breaks::Backward
                            };
                            self.push(&p, ChangeKind::PropertyAdded, breaks, format!("property {name:?} added (the old schema allowed any value there)"));
                        }
                        Some(schema) => {
                            self.push(&p, ChangeKind::PropertyAdded, Breaks::Neither, format!("property {name:?} added (the old schema's additionalProperties applied)"));
                            self.compare(schema, b, &p, depth + 1);
                        }
                    }
                }
                (Some(a), None) => {
                    match n_add {
                        Some(Value::Bool(false)) => self.push(
                            &p,
                            ChangeKind::PropertyRemoved,
                            Breaks::Backward,
                            format!("property {name:?} removed (the new schema rejects it)"),
                        ),
                        None | Some(Value::Bool(true)) => {
                            let breaks = if is_true(a) {
                                Breaks::Neither
                            } else {
                                Breaks::Forward
                            };
                            self.push(&p, ChangeKind::PropertyRemoved, breaks, format!("property {name:?} removed (the new schema allows any value there)"));
                        }
                        Some(schema) => {
                            self.push(&p, ChangeKind::PropertyRemoved, Breaks::Neither, format!("property {name:?} removed (the new schema's additionalProperties applies)"));
                            self.compare(a, schema, &p, depth + 1);
                        }
                    }
                }
                (None, None) => {}
            }
        }
        let req = |m: &Map<String, Value>| -> BTreeSet<String> {
            m.get("required")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default()
        };
        let (or, nr) = (req(o), req(n));
        for name in nr.difference(&or) {
            self.push(
                &format!("{at}/required"),
                ChangeKind::RequiredAdded,
                Breaks::Backward,
                format!("{name:?} is now required"),
            );
        }
        for name in or.difference(&nr) {
            self.push(
                &format!("{at}/required"),
                ChangeKind::RequiredRemoved,
                Breaks::Forward,
                format!("{name:?} is no longer required"),
            );
        }
        let p = format!("{at}/additionalProperties");
        let open = |v: Option<&Value>| matches!(v, None | Some(Value::Bool(true)));
        match (o_add, n_add) {
            (a, b) if a == b => {}
            (a, b) if open(a) && open(b) => {}
            (Some(Value::Bool(false)), b) if open(b) => self.push(
                &p,
                ChangeKind::AdditionalPropertiesOpened,
                Breaks::Forward,
                "undeclared properties are now allowed".into(),
            ),
            (a, Some(Value::Bool(false))) if open(a) => self.push(
                &p,
                ChangeKind::AdditionalPropertiesClosed,
                Breaks::Backward,
                "undeclared properties are no longer allowed".into(),
            ),
            (Some(Value::Bool(false)), Some(_)) => self.push(
                &p,
                ChangeKind::AdditionalPropertiesOpened,
                Breaks::Forward,
                "undeclared properties are now allowed if they match a schema".into(),
            ),
            (Some(_), Some(Value::Bool(false))) => self.push(
                &p,
                ChangeKind::AdditionalPropertiesClosed,
                Breaks::Backward,
                "undeclared properties are no longer allowed".into(),
            ),
            (a, Some(b)) if open(a) => {
                let _ = b;
                self.push(
                    &p,
                    ChangeKind::AdditionalPropertiesClosed,
                    Breaks::Backward,
                    "undeclared properties must now match a schema".into(),
                );
            }
            (Some(_), b) if open(b) => self.push(
                &p,
                ChangeKind::AdditionalPropertiesOpened,
                Breaks::Forward,
                "undeclared properties may now be anything".into(),
            ),
            (Some(a), Some(b)) => self.compare(a, b, &p, depth + 1),
            _ => {}
        }
        if o.get("patternProperties") != n.get("patternProperties") {
            self.push(
                &format!("{at}/patternProperties"),
                ChangeKind::Unclassified,
                Breaks::Unknown,
                "patternProperties changed".into(),
            );
        }
    }

    fn compare_arrays(
        &mut self,
        o: &Map<String, Value>,
        n: &Map<String, Value>,
        at: &str,
        depth: usize,
    ) {
        let p = format!("{at}/items");
        match (o.get("items"), n.get("items")) {
            (
                Some(a @ (Value::Object(_) | Value::Bool(_))),
                Some(b @ (Value::Object(_) | Value::Bool(_))),
            ) => self.compare(a, b, &p, depth + 1),
            (None, Some(b)) if !is_true(b) => self.push(
                &p,
                ChangeKind::SchemaReplaced,
                Breaks::Backward,
                "array items are now constrained".into(),
            ),
            (Some(a), None) if !is_true(a) => self.push(
                &p,
                ChangeKind::SchemaReplaced,
                Breaks::Forward,
                "array items are no longer constrained".into(),
            ),
            (a, b) if a != b => self.push(
                &p,
                ChangeKind::Unclassified,
                Breaks::Unknown,
                "tuple-form items changed".into(),
            ),
            _ => {}
        }
        if o.get("prefixItems") != n.get("prefixItems") {
            self.push(
                &format!("{at}/prefixItems"),
                ChangeKind::Unclassified,
                Breaks::Unknown,
                "prefixItems changed".into(),
            );
        }
        let unique = |m: &Map<String, Value>| {
            m.get("uniqueItems")
                .and_then(Value::as_bool)
                .unwrap_or(false)
        };
        match (unique(o), unique(n)) {
            (false, true) => self.push(
                &format!("{at}/uniqueItems"),
                ChangeKind::UniqueItemsChanged,
                Breaks::Backward,
                "items must now be unique".into(),
            ),
            (true, false) => self.push(
                &format!("{at}/uniqueItems"),
                ChangeKind::UniqueItemsChanged,
                Breaks::Forward,
                "items need no longer be unique".into(),
            ),
            _ => {}
        }
    }

    /// `anyOf`/`allOf` of the same length are compared branch by branch (which may report a
    /// break that another branch makes good: never the other way round); anything else that
    /// differs, and any change under `oneOf`, is unclassified.
    fn compare_combinators(
        &mut self,
        o: &Map<String, Value>,
        n: &Map<String, Value>,
        at: &str,
        depth: usize,
    ) {
        for k in ["anyOf", "oneOf", "allOf"] {
            let p = format!("{at}/{k}");
            match (o.get(k), n.get(k)) {
                (None, None) => {}
                (Some(a), Some(b)) if a == b && !contains_ref(a) => {}
                (Some(Value::Array(a)), Some(Value::Array(b)))
                    if a.len() == b.len() && k != "oneOf" =>
                {
                    for (i, (x, y)) in a.iter().zip(b).enumerate() {
                        self.compare(x, y, &format!("{p}/{i}"), depth + 1);
                    }
                }
                _ => self.push(
                    &p,
                    ChangeKind::Unclassified,
                    Breaks::Unknown,
                    format!("{k} changed; its effect is not classified"),
                ),
            }
        }
    }
}

fn single_all_of(v: &Value) -> &Value {
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

fn contains_ref(v: &Value) -> bool {
    match v {
        Value::Object(m) => m.contains_key("$ref") || m.values().any(contains_ref),
        Value::Array(a) => a.iter().any(contains_ref),
        _ => false,
    }
}

/// The keywords beside a `$ref`, if the schema has one.
fn ref_siblings(v: &Value) -> Option<Map<String, Value>> {
    let m = v.as_object()?;
    m.contains_key("$ref").then(|| {
        m.iter()
            .filter(|(k, _)| *k != "$ref")
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    })
}

fn show(v: Option<f64>) -> String {
    v.map_or_else(|| "none".to_owned(), |x| x.to_string())
}

fn is_unconstrained(m: &Map<String, Value>) -> bool {
    m.keys().all(|k| ANNOTATIONS.contains(&k.as_str()))
}

fn is_true(v: &Value) -> bool {
    match v {
        Value::Bool(b) => *b,
        Value::Object(m) => is_unconstrained(m),
        _ => false,
    }
}
