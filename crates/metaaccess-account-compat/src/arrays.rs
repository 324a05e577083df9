//! `items`, `prefixItems` and `uniqueItems`.

use serde_json::{Map, Value};

use crate::compare::Cx;
use crate::report::{Breaks, ChangeKind};
use crate::resolve::is_true;

impl Cx<'_> {
    pub(crate) fn compare_arrays(
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
}
