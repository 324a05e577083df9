//! Numeric bounds (`minimum`, `maxLength`, `minItems` ...) and `multipleOf`.

use std::cmp::Ordering;

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
                let tightened = match (a, b) {
                    (None, Some(b)) if b.is_number() => Some(true),
                    (Some(a), None) if a.is_number() => Some(false),
                    (Some(x), Some(y)) => match cmp_num(x, y) {
                        Some(Ordering::Equal) => continue, // 10 and 10.0
                        Some(o) => Some((o == Ordering::Less) == lower),
                        None => None,
                    },
                    _ => None, // present but not numbers (draft-04 booleans)
                };
                let (a, b) = (a.and_then(Value::as_f64), b.and_then(Value::as_f64));
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
        self.compare_multiple_of(o.get("multipleOf"), n.get("multipleOf"), at);
    }

    /// The multiples of `a` are among those of `b` exactly when `a` is a multiple of `b`;
    /// decided for whole numbers only.
    fn compare_multiple_of(&mut self, a: Option<&Value>, b: Option<&Value>, at: &str) {
        let p = format!("{at}/multipleOf");
        let (kind, breaks, detail) = match (a, b) {
            (None, None) => return,
            (Some(x), Some(y)) if cmp_num(x, y) == Some(Ordering::Equal) => return,
            (None, Some(y)) if y.is_number() => (
                ChangeKind::BoundTightened,
                Breaks::Backward,
                format!("multipleOf {y} added"),
            ),
            (Some(x), None) if x.is_number() => (
                ChangeKind::BoundRelaxed,
                Breaks::Forward,
                format!("multipleOf {x} removed"),
            ),
            (Some(x), Some(y)) => match (x.as_u64(), y.as_u64()) {
                (Some(x), Some(y)) if x > 0 && y > 0 && x % y == 0 => (
                    ChangeKind::BoundRelaxed,
                    Breaks::Forward,
                    format!("multipleOf relaxed: {x} -> {y}"),
                ),
                (Some(x), Some(y)) if x > 0 && y > 0 && y % x == 0 => (
                    ChangeKind::BoundTightened,
                    Breaks::Backward,
                    format!("multipleOf tightened: {x} -> {y}"),
                ),
                _ => (
                    ChangeKind::Unclassified,
                    Breaks::Unknown,
                    "multipleOf changed".into(),
                ),
            },
            _ => (
                ChangeKind::Unclassified,
                Breaks::Unknown,
                "multipleOf changed".into(),
            ),
        };
        self.push(&p, kind, breaks, detail);
    }
}

/// Compares two JSON numbers; `None` when either is not a number, or when `f64` cannot
/// tell them apart exactly (integers beyond 2^53).
pub(crate) fn cmp_num(a: &Value, b: &Value) -> Option<Ordering> {
    let int = |v: &Value| v.as_i64().map(i128::from).or(v.as_u64().map(i128::from));
    if let (Some(x), Some(y)) = (int(a), int(b)) {
        return Some(x.cmp(&y));
    }
    let exact = |v: &Value| int(v).is_none_or(|i| i.abs() <= 1 << 53);
    let (x, y) = (a.as_f64()?, b.as_f64()?);
    match x.partial_cmp(&y)? {
        Ordering::Equal if !(exact(a) && exact(b)) => None,
        o => Some(o),
    }
}

fn show(v: Option<f64>) -> String {
    v.map_or_else(|| "none".to_owned(), |x| x.to_string())
}

/// JSON equality as JSON Schema defines it: numbers equal by value (1 and 1.0), arrays item by
/// item, objects member by member.
pub(crate) fn json_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(_), Value::Number(_)) => a == b || cmp_num(a, b) == Some(Ordering::Equal),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(v, w)| json_eq(v, w))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_eq(v, w)))
        }
        _ => a == b,
    }
}
