//! Length and count bounds (`maxLength`, `minItems` ...), `multipleOf`, and numbers compared
//! as JSON Schema compares them. `minimum` and friends: `range.rs`.

use std::cmp::Ordering;

use serde_json::{Map, Value};

use crate::compare::Cx;
use crate::report::{Breaks, ChangeKind};
use crate::types::types;

impl Cx<'_> {
    pub(crate) fn compare_bounds(
        &mut self,
        o: &Map<String, Value>,
        n: &Map<String, Value>,
        at: &str,
    ) {
        if both_allow(o, n, "number") {
            self.compare_ranges(o, n, at);
        }
        const LOWER: [&str; 3] = ["minLength", "minItems", "minProperties"];
        const UPPER: [&str; 3] = ["maxLength", "maxItems", "maxProperties"];
        for (keys, lower) in [(LOWER, true), (UPPER, false)] {
            for k in keys.iter().filter(|k| both_allow(o, n, family(k))) {
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
        if both_allow(o, n, "number") {
            self.compare_multiple_of(o.get("multipleOf"), n.get("multipleOf"), at);
        }
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

/// The type a bound constrains.
fn family(k: &str) -> &'static str {
    if k.ends_with("Length") {
        "string"
    } else if k.ends_with("Items") {
        "array"
    } else if k.ends_with("Properties") {
        "object"
    } else {
        "number"
    }
}

/// Whether both sides allow values of type `t` (`number` takes in `integer`). Where one
/// does not, a bound on that type changes nothing that the change of `type` does not
/// already report: `integer` → `string` has no "minimum relaxed".
pub(crate) fn both_allow(o: &Map<String, Value>, n: &Map<String, Value>, t: &str) -> bool {
    [o, n]
        .iter()
        .all(|m| types(m).is_none_or(|s| s.contains(t) || (t == "number" && s.contains("integer"))))
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

/// A string that two JSON values share exactly when JSON Schema calls them equal: numbers by value (`1`
/// and `1.0` alike, an integer beyond 2^53 apart from every float, as `f64` cannot tell them apart exactly),
/// object members in key order. Sets of these keys compare `enum`s in linear time.
pub(crate) fn key(v: &Value) -> String {
    let mut out = String::new();
    write_key(v, &mut out);
    out
}

fn write_key(v: &Value, out: &mut String) {
    match v {
        Value::Number(n) => {
            let int = n.as_i64().map(i128::from).or(n.as_u64().map(i128::from));
            match (int, n.as_f64()) {
                (Some(i), _) if i.abs() <= 1 << 53 => out.push_str(&format!("n{i}")),
                (Some(i), _) => out.push_str(&format!("N{i}")),
                (None, Some(x)) if x.fract() == 0.0 && x.abs() <= 9_007_199_254_740_992.0 => {
                    #[allow(clippy::cast_possible_truncation)]
                    let i = x as i64;
                    out.push_str(&format!("n{i}"));
                }
                (None, Some(x)) => out.push_str(&format!("f{x:e}")),
                (None, None) => out.push_str(&format!("?{n}")),
            }
        }
        Value::Array(a) => {
            out.push('[');
            for x in a {
                write_key(x, out);
                out.push(',');
            }
            out.push(']');
        }
        Value::Object(m) => {
            let mut members: Vec<(&String, &Value)> = m.iter().collect();
            members.sort_by(|a, b| a.0.cmp(b.0));
            out.push('{');
            for (k, x) in members {
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                write_key(x, out);
                out.push(',');
            }
            out.push('}');
        }
        other => out.push_str(&other.to_string()),
    }
}
