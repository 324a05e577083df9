//! `allOf`, `anyOf` and `oneOf`.

use serde_json::{Map, Value};

use crate::compare::Cx;
use crate::report::{Breaks, ChangeKind};

impl Cx<'_> {
    /// `anyOf`/`allOf` of the same length are compared branch by branch (which may report a
    /// break that another branch makes good: never the other way round); anything else that
    /// differs, and any change under `oneOf`, is unclassified.
    pub(crate) fn compare_combinators(
        &mut self,
        o: &Map<String, Value>,
        n: &Map<String, Value>,
        at: &str,
        depth: usize,
    ) {
        for k in ["anyOf", "oneOf", "allOf"] {
            let p = format!("{at}/{k}");
            match (o.get(k), n.get(k)) {
                (None, None) => {}
                (Some(a), Some(b)) if self.same(a, b) => {}
                (Some(Value::Array(a)), Some(Value::Array(b)))
                    if a.len() == b.len() && k != "oneOf" =>
                {
                    for (i, (x, y)) in a.iter().zip(b).enumerate() {
                        self.compare(x, y, &format!("{p}/{i}"), depth + 1);
                    }
                }
                _ => self.push(
                    &p,
                    ChangeKind::Unclassified,
                    Breaks::Unknown,
                    format!("{k} changed; its effect is not classified"),
                ),
            }
        }
    }
}
