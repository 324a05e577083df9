//! Whether every value one simple schema accepts, another accepts too: a sufficient check,
//! keyword by keyword (each keyword of the wider schema is met by one at least as tight in
//! the narrower), used to compare unions of simple schemas branch by branch.

use std::cmp::Ordering;

use serde_json::{Map, Value};

use crate::numbers::cmp_num;
use crate::range::bound;
use crate::resolve::ANNOTATIONS;
use crate::types::{allows, types};

/// Whether `b` (narrower) implies `c` (wider); `false` when that is not shown. Neither may
/// list values (the caller checks listed values one by one).
pub(crate) fn implies(
    b: &Map<String, Value>,
    c: &Map<String, Value>,
    format_assertion: bool,
) -> bool {
    let tb = types(b);
    if let Some(tc) = types(c) {
        match &tb {
            Some(tb) if tb.iter().all(|t| allows(&tc, t)) => {}
            _ => return false,
        }
    }
    let may = |t: &str| {
        tb.as_ref()
            .is_none_or(|s| s.contains(t) || (t == "number" && s.contains("integer")))
    };
    let at_least =
        |k: &str, lower: bool| match (b.get(k).and_then(Value::as_u64), c.get(k)?.as_u64()) {
            (Some(x), Some(y)) => Some(if lower { x >= y } else { x <= y }),
            _ => Some(false),
        };
    c.iter().all(|(k, x)| match k.as_str() {
        "type" => true,
        k if ANNOTATIONS.contains(&k) => true,
        "minimum" | "exclusiveMinimum" => !may("number") || tighter(b, c, true),
        "maximum" | "exclusiveMaximum" => !may("number") || tighter(b, c, false),
        "multipleOf" => {
            !may("number")
                || matches!((b.get(k).and_then(Value::as_u64), x.as_u64()),
                    (Some(p), Some(q)) if p > 0 && q > 0 && p % q == 0)
        }
        "minLength" | "maxLength" => !may("string") || at_least(k, k == "minLength") == Some(true),
        "minItems" | "maxItems" => !may("array") || at_least(k, k == "minItems") == Some(true),
        "minProperties" | "maxProperties" => {
            !may("object") || at_least(k, k == "minProperties") == Some(true)
        }
        "uniqueItems" => !may("array") || x == &Value::Bool(false) || b.get(k) == Some(x),
        "required" => {
            let names = |m: &Map<String, Value>| m.get("required").and_then(Value::as_array).cloned();
            !may("object")
                || matches!((names(b), x.as_array()), (Some(nb), Some(nc)) if nc.iter().all(|n| nb.contains(n)))
        }
        "format" if !format_assertion => true,
        "format" | "pattern" => !may("string") || b.get(k) == Some(x),
        _ => false,
    })
}

/// Whether `b`'s lower (or upper) numeric bound is at least as tight as `c`'s.
fn tighter(b: &Map<String, Value>, c: &Map<String, Value>, lower: bool) -> bool {
    let pair = if lower {
        ("minimum", "exclusiveMinimum")
    } else {
        ("maximum", "exclusiveMaximum")
    };
    match (bound(b, pair, lower), bound(c, pair, lower)) {
        (Ok(_), Ok(None)) => true,
        (Ok(Some(x)), Ok(Some(y))) => match cmp_num(x.value, y.value) {
            Some(Ordering::Equal) => x.exclusive || !y.exclusive,
            Some(o) => (o == Ordering::Greater) == lower,
            None => false,
        },
        _ => false,
    }
}
