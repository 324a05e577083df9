//! `not`, `if`/`then`/`else`, `dependentSchemas`/`dependentRequired`/`dependencies`,
//! `propertyNames` and `unevaluatedProperties`/`unevaluatedItems`.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use crate::compare::Cx;
use crate::report::{Breaks, ChangeKind};
use crate::resolve::{is_true, token, without};

impl Cx<'_> {
    pub(crate) fn compare_applicators(
        &mut self,
        o: &Map<String, Value>,
        n: &Map<String, Value>,
        at: &str,
        depth: usize,
    ) {
        self.compare_not(o.get("not"), n.get("not"), &format!("{at}/not"), depth);
        // Applies to every property name, like `items` to every item: monotone.
        let k = "propertyNames";
        self.compare_sub((o.get(k), n.get(k)), true, &format!("{at}/{k}"), depth);
        self.compare_conditional(o, n, at, depth);
        for k in ["dependentSchemas", "dependentRequired", "dependencies"] {
            self.compare_dependencies(o, n, k, &format!("{at}/{k}"), depth);
        }
    }

    /// `not A` accepts what `A` rejects: the changes from `A` to `B` hold with their directions
    /// swapped (an absent `not` is `not: false`).
    fn compare_not(&mut self, a: Option<&Value>, b: Option<&Value>, at: &str, depth: usize) {
        if a.is_none() && b.is_none() {
            return;
        }
        let never = Value::Bool(false);
        let start = self.changes.len();
        self.negated = !self.negated;
        self.compare(a.unwrap_or(&never), b.unwrap_or(&never), at, depth + 1);
        self.negated = !self.negated;
        for c in &mut self.changes[start..] {
            c.breaks = match c.breaks {
                Breaks::Backward => Breaks::Forward,
                Breaks::Forward => Breaks::Backward,
                other => other,
            };
            c.detail = format!("under `not` (directions swap): {}", c.detail);
        }
    }

    /// `(if ∧ then) ∨ (¬if ∧ else)`: with the same `if`, `then` and `else` are monotone; a whole
    /// conditional added is one more constraint. Without `if`, `then` and `else` do nothing.
    fn compare_conditional(
        &mut self,
        o: &Map<String, Value>,
        n: &Map<String, Value>,
        at: &str,
        depth: usize,
    ) {
        let trivial = |m: &Map<String, Value>| {
            ["then", "else"]
                .iter()
                .all(|k| m.get(*k).is_none_or(is_true))
        };
        let p = format!("{at}/if");
        match (o.get("if"), n.get("if")) {
            (None, None) => {}
            (Some(a), Some(b)) if self.same(a, b) => {
                for k in ["then", "else"] {
                    self.compare_sub((o.get(k), n.get(k)), true, &format!("{at}/{k}"), depth);
                }
            }
            (None, Some(_)) if !trivial(n) => self.push(
                &p,
                ChangeKind::SchemaReplaced,
                Breaks::Backward,
                "a conditional constraint was added".into(),
            ),
            (Some(_), None) if !trivial(o) => self.push(
                &p,
                ChangeKind::SchemaReplaced,
                Breaks::Forward,
                "a conditional constraint was removed".into(),
            ),
            (None, Some(_)) | (Some(_), None) => {}
            (Some(_), Some(_)) => self.push(
                &p,
                ChangeKind::Unclassified,
                Breaks::Unknown,
                "`if` changed; its effect is not classified".into(),
            ),
        }
    }

    /// Each entry applies when its property is present: a schema entry is monotone (absent:
    /// `true`), a list entry is like `required` (absent: empty).
    fn compare_dependencies(
        &mut self,
        o: &Map<String, Value>,
        n: &Map<String, Value>,
        k: &str,
        p: &str,
        depth: usize,
    ) {
        let empty = Map::new();
        let (a, b) = match (o.get(k), n.get(k)) {
            (None, None) => return,
            (a @ (None | Some(Value::Object(_))), b @ (None | Some(Value::Object(_)))) => (
                a.and_then(Value::as_object).unwrap_or(&empty),
                b.and_then(Value::as_object).unwrap_or(&empty),
            ),
            (a, b) => return self.unless_same(a, b, p),
        };
        let names: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
        for name in names {
            let at = format!("{p}/{}", token(name));
            let (x, y) = (a.get(name), b.get(name));
            let is_list = |v: Option<&Value>| v.is_some_and(Value::is_array);
            if k == "dependentSchemas" || (k == "dependencies" && !is_list(x) && !is_list(y)) {
                self.compare_sub((x, y), true, &at, depth);
                continue;
            }
            let (Some(l), Some(m)) = (name_list(x), name_list(y)) else {
                self.unless_same(x, y, &at);
                continue;
            };
            for r in m.difference(&l) {
                self.push(
                    &at,
                    ChangeKind::RequiredAdded,
                    Breaks::Backward,
                    format!("{r:?} is now required when {name:?} is present"),
                );
            }
            for r in l.difference(&m) {
                self.push(
                    &at,
                    ChangeKind::RequiredRemoved,
                    Breaks::Forward,
                    format!("{r:?} is no longer required when {name:?} is present"),
                );
            }
        }
    }

    /// Which properties or items count as unevaluated depends on every other keyword beside
    /// them (and on the schemas those reach): the keyword is compared only when all of that is
    /// the same, and is otherwise unclassified.
    pub(crate) fn compare_unevaluated(
        &mut self,
        o: &Map<String, Value>,
        n: &Map<String, Value>,
        at: &str,
        depth: usize,
    ) {
        for k in ["unevaluatedProperties", "unevaluatedItems"] {
            let (a, b) = (o.get(k), n.get(k));
            if a.is_none_or(is_true) && b.is_none_or(is_true) {
                continue;
            }
            let p = format!("{at}/{k}");
            if self.same(&without(o, k), &without(n, k)) {
                self.compare_sub((a, b), true, &p, depth);
            } else {
                self.push(
                    &p,
                    ChangeKind::Unclassified,
                    Breaks::Unknown,
                    format!("`{k}` depends on keywords that changed; not classified"),
                );
            }
        }
    }
}

/// The names in a list entry (absent: none); `None` when it is not a list of names.
fn name_list(v: Option<&Value>) -> Option<BTreeSet<&str>> {
    match v {
        None => Some(BTreeSet::new()),
        Some(Value::Array(l)) => l.iter().map(Value::as_str).collect(),
        Some(_) => None,
    }
}

/// Keywords that evaluate properties in place (their annotations reach `unevaluatedProperties`).
const IN_PLACE: [&str; 12] = [
    "allOf",
    "anyOf",
    "oneOf",
    "not",
    "if",
    "then",
    "else",
    "$ref",
    "$dynamicRef",
    "$recursiveRef",
    "dependentSchemas",
    "dependencies",
];

/// In 2019-09 and later, `unevaluatedProperties` with no in-place applicator and no
/// `additionalProperties` beside it applies to exactly the properties `additionalProperties`
/// would: the schema with it renamed so.
pub(crate) fn as_additional(m: &Map<String, Value>, legacy: bool) -> Option<Value> {
    let k = "unevaluatedProperties";
    if legacy
        || !m.contains_key(k)
        || m.contains_key("additionalProperties")
        || IN_PLACE.iter().any(|a| m.contains_key(*a))
    {
        return None;
    }
    Some(Value::Object(
        m.iter()
            .map(|(key, v)| {
                let key = if key == k {
                    "additionalProperties"
                } else {
                    key
                };
                (key.to_owned(), v.clone())
            })
            .collect(),
    ))
}
