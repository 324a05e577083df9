//! `allOf`, `anyOf` and `oneOf`.

use serde_json::{Map, Value};

use crate::compare::Cx;
use crate::numbers::key;
use crate::report::{Breaks, ChangeKind};
use crate::resolve::MAX_DEPTH;
use crate::types::allows;

impl Cx<'_> {
    /// `anyOf`/`allOf` of the same length are compared branch by branch (which may report a
    /// break that another branch makes good: never the other way round), and so is `oneOf`
    /// when no document can match two of its branches, before and after (then it is an
    /// `anyOf`); anything else that differs is unclassified.
    pub(crate) fn compare_combinators(
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
                (Some(a), Some(b)) if self.same(a, b) => {}
                (Some(Value::Array(a)), Some(Value::Array(b)))
                    if a.len() == b.len()
                        && (k != "oneOf"
                            || (self.exclusive(
                                self.old_root,
                                (self.legacy.0, self.pre6.0),
                                a,
                            ) && self.exclusive(
                                self.new_root,
                                (self.legacy.1, self.pre6.1),
                                b,
                            ))) =>
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

impl Cx<'_> {
    /// Whether no document matches two of these branches: each pair has no type in common,
    /// or no value in common for a `const`/`enum`, or a required property whose `const`/`enum`
    /// values have none in common. Read from what a branch says directly or through its
    /// `$ref`s and `allOf`s (each a constraint it adds, so anything said there holds).
    fn exclusive<'v>(
        &self,
        root: &'v Value,
        (legacy, pre6): (bool, bool),
        branches: &'v [Value],
    ) -> bool {
        let look = |s: &'v Value, k: &str| lookup(root, legacy, s, k, 0);
        let values = |s: &'v Value| -> Option<Vec<Value>> {
            // Draft-04 has no `const`: its validators ignore it.
            let constant = if pre6 { None } else { look(s, "const") };
            match (constant, look(s, "enum")) {
                (Some(c), _) => Some(vec![c.clone()]),
                (None, Some(Value::Array(e))) => Some(e.clone()),
                _ => None,
            }
        };
        let apart = |x: &'v Value, y: &'v Value| {
            if let (Some(a), Some(b)) = (types(look(x, "type")), types(look(y, "type"))) {
                if !a
                    .iter()
                    .any(|t| allows(&b, t) || (t == "number" && b.contains("integer")))
                {
                    return true;
                }
            }
            let none_shared = |a: &[Value], b: &[Value]| {
                let b: std::collections::HashSet<String> = b.iter().map(key).collect();
                !a.iter().any(|v| b.contains(&key(v)))
            };
            if let (Some(a), Some(b)) = (values(x), values(y)) {
                if none_shared(&a, &b) {
                    return true;
                }
            }
            let required = |s: &'v Value| {
                look(s, "required")
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default()
            };
            required(x)
                .iter()
                .filter(|p| required(y).contains(p))
                .filter_map(Value::as_str)
                .any(|p| {
                    let prop = |s: &'v Value| {
                        look(s, "properties")
                            .and_then(|m| m.get(p))
                            .and_then(&values)
                    };
                    matches!((prop(x), prop(y)), (Some(a), Some(b)) if none_shared(&a, &b))
                })
        };
        branches.iter().enumerate().all(|(i, x)| {
            x == &Value::Bool(false)
                || branches[i + 1..]
                    .iter()
                    .all(|y| y == &Value::Bool(false) || apart(x, y))
        })
    }
}

fn types(v: Option<&Value>) -> Option<std::collections::BTreeSet<String>> {
    match v? {
        Value::String(t) => Some(std::iter::once(t.clone()).collect()),
        Value::Array(a) => a.iter().map(|t| t.as_str().map(str::to_owned)).collect(),
        _ => None,
    }
}

/// A keyword said by `s` itself (not beside a `$ref` in Draft-07, where siblings are ignored),
/// by its `$ref`'s target or by one of its `allOf` branches.
fn lookup<'v>(
    root: &'v Value,
    legacy: bool,
    s: &'v Value,
    k: &str,
    depth: usize,
) -> Option<&'v Value> {
    let m = s.as_object()?;
    if depth > MAX_DEPTH {
        return None;
    }
    let reference = m.get("$ref").and_then(Value::as_str);
    if !(legacy && reference.is_some()) {
        if let Some(v) = m.get(k) {
            return Some(v);
        }
    }
    if let Some(t) = reference.and_then(|r| root.pointer(r.strip_prefix('#')?)) {
        return lookup(root, legacy, t, k, depth + 1);
    }
    if legacy && reference.is_some() {
        return None;
    }
    m.get("allOf")?
        .as_array()?
        .iter()
        .find_map(|b| lookup(root, legacy, b, k, depth + 1))
}
