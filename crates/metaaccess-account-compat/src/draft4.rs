//! Draft-04 and older, read in the later form: exclusive bounds were booleans beside
//! `minimum`/`maximum`, and keywords added in Draft-06 and -07 were no keywords (a validator
//! ignores them, so `{"const": 1}` accepts everything there).

use serde_json::{Map, Value};

/// Keywords Draft-04 does not have, which its validators ignore.
const LATER: [&str; 6] = ["const", "contains", "propertyNames", "if", "then", "else"];

/// `m` in the later form (`{"minimum": 5, "exclusiveMinimum": true}` is
/// `{"exclusiveMinimum": 5}`, later keywords dropped), or `None` when nothing changes.
pub(crate) fn later_form(m: &Map<String, Value>, pre6: bool) -> Option<Value> {
    let pairs = [
        ("minimum", "exclusiveMinimum"),
        ("maximum", "exclusiveMaximum"),
    ];
    let boolean = pairs
        .iter()
        .any(|(_, e)| m.get(*e).is_some_and(Value::is_boolean));
    if !pre6 || !(boolean || LATER.iter().any(|k| m.contains_key(*k))) {
        return None;
    }
    let mut out = m.clone();
    out.retain(|k, _| !LATER.contains(&k.as_str()));
    for (bound, exclusive) in pairs {
        match (out.get(exclusive).and_then(Value::as_bool), out.get(bound)) {
            (Some(true), Some(b)) => {
                let b = b.clone();
                out.remove(bound);
                out.insert(exclusive.to_owned(), b);
            }
            // `true` without its bound means nothing; `false` is the default.
            (Some(_), _) => {
                out.remove(exclusive);
            }
            (None, _) => {}
        }
    }
    Some(Value::Object(out))
}
