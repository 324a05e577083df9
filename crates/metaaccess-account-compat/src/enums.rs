//! The `enum` and `const` keywords.

use serde_json::{Map, Value};

use crate::compare::Cx;
use crate::numbers::json_eq;
use crate::report::{Breaks, ChangeKind};

impl Cx<'_> {
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
                for v in b.iter().filter(|v| !a.iter().any(|w| json_eq(v, w))) {
                    self.push(
                        &p,
                        ChangeKind::EnumValueAdded,
                        Breaks::Forward,
                        format!("value {v} added"),
                    );
                    self.hint(v);
                }
                for v in a.iter().filter(|v| !b.iter().any(|w| json_eq(v, w))) {
                    self.push(
                        &p,
                        ChangeKind::EnumValueRemoved,
                        Breaks::Backward,
                        format!("value {v} removed"),
                    );
                    self.hint(v);
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
            (Some(a), Some(b)) if !json_eq(a, b) => self.push(
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
