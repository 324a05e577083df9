//! The `enum` and `const` keywords, compared as sets of values (by [`key`], so in linear time
//! however long the lists are).

use std::collections::HashSet;

use serde_json::{Map, Value};

use crate::compare::Cx;
use crate::numbers::key;
use crate::report::{Breaks, ChangeKind};

/// Values listed one change each; past this many, one more change stands for the rest (a
/// 100,000-value enum replaced must not bring 100,000 changes, each searched for a witness).
pub(crate) const LISTED: usize = 16;

/// The values of `a` not in `b`, each once, in `a`'s order.
pub(crate) fn missing<'v>(a: &'v [Value], b: &[Value]) -> Vec<&'v Value> {
    let b: HashSet<String> = b.iter().map(key).collect();
    let mut seen = HashSet::new();
    a.iter()
        .filter(|v| {
            let k = key(v);
            !b.contains(&k) && seen.insert(k)
        })
        .collect()
}

impl Cx<'_> {
    /// One change per value, up to [`LISTED`], then one for the rest; each is hinted with
    /// its (first) value, tried first as the witness.
    pub(crate) fn push_values(
        &mut self,
        p: &str,
        (kind, breaks): (ChangeKind, Breaks),
        verb: &str,
        values: &[&Value],
    ) {
        for v in values.iter().take(LISTED) {
            self.push(p, kind, breaks, format!("value {v} {verb}"));
            self.hint(v);
        }
        if let Some(first) = values.get(LISTED) {
            let more = values.len() - LISTED;
            self.push(
                p,
                kind,
                breaks,
                format!("{more} more values {verb} (from {first})"),
            );
            self.hint(first);
        }
    }

    pub(crate) fn compare_values(
        &mut self,
        o: &Map<String, Value>,
        n: &Map<String, Value>,
        at: &str,
    ) {
        match (
            o.get("enum").and_then(Value::as_array),
            n.get("enum").and_then(Value::as_array),
        ) {
            (Some(a), Some(b)) => {
                let p = format!("{at}/enum");
                let (added, removed) = (missing(b, a), missing(a, b));
                let kinds = (ChangeKind::EnumValueAdded, Breaks::Forward);
                self.push_values(&p, kinds, "added", &added);
                let kinds = (ChangeKind::EnumValueRemoved, Breaks::Backward);
                self.push_values(&p, kinds, "removed", &removed);
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
            (Some(a), Some(b)) if key(a) != key(b) => self.push(
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
}
