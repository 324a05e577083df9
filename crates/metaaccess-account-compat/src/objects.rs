//! `properties`, `required`, `additionalProperties` and `patternProperties`.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use crate::compare::Cx;
use crate::report::{Breaks, ChangeKind};
use crate::resolve::{is_true, token};

impl Cx<'_> {
    pub(crate) fn compare_objects(
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
}
