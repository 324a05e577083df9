//! `properties`, `required`, `additionalProperties` and `patternProperties`.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use crate::compare::Cx;
use crate::report::{Breaks, ChangeKind};
use crate::resolve::{contains_ref, is_true, token};

/// Whether `additionalProperties` constrains and `patternProperties` may take some names
/// away from it (which names is not worked out: regular expressions are not evaluated).
fn closed_with_patterns(m: &Map<String, Value>) -> bool {
    !matches!(
        m.get("additionalProperties"),
        None | Some(Value::Bool(true))
    ) && m
        .get("patternProperties")
        .and_then(Value::as_object)
        .is_none_or(|p| !p.is_empty())
        && m.contains_key("patternProperties")
}

impl Cx<'_> {
    fn unknown_name(&mut self, p: &str, name: &str, side: &str) {
        self.push(
            p,
            ChangeKind::Unclassified,
            Breaks::Unknown,
            format!("property {name:?}: whether the {side} schema's patternProperties or additionalProperties applied is not worked out"),
        );
    }

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
                (None, Some(_)) if closed_with_patterns(o) => {
                    self.unknown_name(&p, name, "old");
                }
                (Some(_), None) if closed_with_patterns(n) => {
                    self.unknown_name(&p, name, "new");
                }
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
            (a, b) if a == b && !a.is_some_and(contains_ref) => {}
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
        self.compare_patterns(o, n, at, depth);
    }

    /// Same patterns: each schema is compared. Other patterns also change which properties
    /// `additionalProperties` covers, so they are classified only where it allows anything.
    fn compare_patterns(
        &mut self,
        o: &Map<String, Value>,
        n: &Map<String, Value>,
        at: &str,
        depth: usize,
    ) {
        let k = "patternProperties";
        let p = format!("{at}/{k}");
        let empty = Map::new();
        let (a, b) = match (o.get(k), n.get(k)) {
            (None, None) => return,
            (a @ (None | Some(Value::Object(_))), b @ (None | Some(Value::Object(_)))) => (
                a.and_then(Value::as_object).unwrap_or(&empty),
                b.and_then(Value::as_object).unwrap_or(&empty),
            ),
            (a, b) => return self.unless_same(a, b, &p),
        };
        let open = |m: &Map<String, Value>| {
            matches!(
                m.get("additionalProperties"),
                None | Some(Value::Bool(true))
            )
        };
        if a.keys().ne(b.keys()) && !(open(o) && open(n)) {
            return self.unless_same(o.get(k), n.get(k), &p);
        }
        let patterns: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
        for pattern in patterns {
            let at = format!("{p}/{}", token(pattern));
            self.compare_sub((a.get(pattern), b.get(pattern)), true, &at, depth);
        }
    }
}
