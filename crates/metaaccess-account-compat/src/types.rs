//! The `type` keyword.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use crate::compare::Cx;
use crate::report::{Breaks, ChangeKind};

impl Cx<'_> {
    pub(crate) fn compare_types(
        &mut self,
        o: &Map<String, Value>,
        n: &Map<String, Value>,
        at: &str,
    ) {
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
}

/// The set of JSON types a schema's `type` allows (`None`: any).
pub(crate) fn types(schema: &Map<String, Value>) -> Option<BTreeSet<String>> {
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
    // Listing every type is the same as saying nothing.
    let all = ["array", "boolean", "null", "number", "object", "string"];
    if all.iter().all(|t| set.contains(*t)) {
        return None;
    }
    Some(set)
}

pub(crate) fn allows(set: &BTreeSet<String>, t: &str) -> bool {
    set.contains(t) || (t == "integer" && set.contains("number"))
}
