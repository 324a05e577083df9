//! `items`, `prefixItems` and `uniqueItems`.

use serde_json::{Map, Value};

use crate::compare::Cx;
use crate::report::{Breaks, ChangeKind};
use crate::resolve::is_true;

impl Cx<'_> {
    fn compare_items(
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
            (a, b) => self.unless_same(a, b, &p),
        }
    }

    /// Position by position: each item is constrained by its tuple entry or else by the schema
    /// for the rest, so a longer tuple is compared against the other side's rest.
    fn compare_tuples(&mut self, o: &Tuple<'_>, n: &Tuple<'_>, at: &str, depth: usize) {
        let (op, np) = (o.prefix.unwrap_or(&[]), n.prefix.unwrap_or(&[]));
        for i in 0..op.len().max(np.len()) {
            let p = match np.get(i) {
                Some(_) => format!("{at}/{}/{i}", n.prefix_kw),
                None => format!("{at}/{}", n.rest_kw),
            };
            let pair = (op.get(i).or(o.rest), np.get(i).or(n.rest));
            self.compare_sub(pair, true, &p, depth);
        }
        let p = format!("{at}/{}", n.rest_kw);
        self.compare_sub((o.rest, n.rest), true, &p, depth);
    }

    /// At least `minContains` (1) and at most `maxContains` items match `contains`. Without a
    /// maximum that is monotone in the schema; with one, only the bounds are compared.
    fn compare_contains(
        &mut self,
        o: &Map<String, Value>,
        n: &Map<String, Value>,
        at: &str,
        depth: usize,
    ) {
        let p = format!("{at}/contains");
        let (a, b) = match (o.get("contains"), n.get("contains")) {
            (None, None) => return,
            (None, Some(_)) => {
                return self.push(
                    &p,
                    ChangeKind::SchemaReplaced,
                    Breaks::Backward,
                    "arrays must now contain a matching item".into(),
                )
            }
            (Some(_), None) => {
                return self.push(
                    &p,
                    ChangeKind::SchemaReplaced,
                    Breaks::Forward,
                    "arrays need no longer contain a matching item".into(),
                )
            }
            (Some(a), Some(b)) => (a, b),
        };
        let count = |m: &Map<String, Value>, k: &str, absent: f64| match m.get(k) {
            None => Some(absent),
            Some(v) => v.as_f64(),
        };
        for (k, absent, lower) in [
            ("minContains", 1.0, true),
            ("maxContains", f64::INFINITY, false),
        ] {
            let q = format!("{at}/{k}");
            match (count(o, k, absent), count(n, k, absent)) {
                (Some(x), Some(y)) if x == y => {}
                (Some(x), Some(y)) if (y > x) == lower => self.push(
                    &q,
                    ChangeKind::BoundTightened,
                    Breaks::Backward,
                    format!("{k} tightened: {x} -> {y}"),
                ),
                (Some(x), Some(y)) => self.push(
                    &q,
                    ChangeKind::BoundRelaxed,
                    Breaks::Forward,
                    format!("{k} relaxed: {x} -> {y}"),
                ),
                _ => self.unless_same(o.get(k), n.get(k), &q),
            }
        }
        if o.contains_key("maxContains") || n.contains_key("maxContains") {
            self.unless_same(Some(a), Some(b), &p);
        } else {
            self.compare(a, b, &p, depth + 1);
        }
    }

    pub(crate) fn compare_arrays(
        &mut self,
        o: &Map<String, Value>,
        n: &Map<String, Value>,
        at: &str,
        depth: usize,
    ) {
        let legacy = self.legacy.0;
        let (ot, nt) = (tuple(o, legacy), tuple(n, legacy));
        if ot.prefix.is_some() || nt.prefix.is_some() {
            self.compare_tuples(&ot, &nt, at, depth);
        } else {
            self.compare_items(o, n, at, depth);
        }
        if legacy {
            // `prefixItems` is no keyword there: said unchanged or unclassified, never guessed.
            let k = "prefixItems";
            self.unless_same(o.get(k), n.get(k), &format!("{at}/{k}"));
        }
        self.compare_contains(o, n, at, depth);
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

/// An array schema as a tuple: schemas for the first items, and one for the rest.
struct Tuple<'v> {
    prefix: Option<&'v [Value]>,
    rest: Option<&'v Value>,
    prefix_kw: &'static str,
    rest_kw: &'static str,
}

fn tuple(m: &Map<String, Value>, legacy: bool) -> Tuple<'_> {
    match (m.get("prefixItems"), m.get("items")) {
        (Some(Value::Array(p)), rest) if !legacy => Tuple {
            prefix: Some(p),
            rest,
            prefix_kw: "prefixItems",
            rest_kw: "items",
        },
        (_, Some(Value::Array(p))) => Tuple {
            prefix: Some(p),
            rest: m.get("additionalItems"),
            prefix_kw: "items",
            rest_kw: "additionalItems",
        },
        (_, rest) => Tuple {
            prefix: None,
            rest,
            prefix_kw: if legacy { "items" } else { "prefixItems" },
            rest_kw: "items",
        },
    }
}
