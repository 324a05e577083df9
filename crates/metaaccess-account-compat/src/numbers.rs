//! Numeric bounds (`minimum`, `maxLength`, `minItems` ...) and `multipleOf`.

use serde_json::{Map, Value};

use crate::compare::Cx;
use crate::report::{Breaks, ChangeKind};

impl Cx<'_> {
    pub(crate) fn compare_bounds(
        &mut self,
        o: &Map<String, Value>,
        n: &Map<String, Value>,
        at: &str,
    ) {
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
}

fn show(v: Option<f64>) -> String {
    v.map_or_else(|| "none".to_owned(), |x| x.to_string())
}
