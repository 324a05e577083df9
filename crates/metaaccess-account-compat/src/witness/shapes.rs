//! Candidate arrays and objects: items placed at the index a change is about, members
//! added, removed or given other values.

use serde_json::{json, Map, Value};

use super::instance::{get, instance, item_schema, property_schema, required};
use super::probes::{counts, generic, typed, Out, Probe};

pub(super) fn arrays(out: &mut Out, p: &Probe<'_>) {
    let (acc, rej) = (p.acc, p.rej);
    let index = match (p.keyword, p.name.and_then(|n| n.parse::<usize>().ok())) {
        (Some("prefixItems"), Some(i)) => Some(i),
        (Some("items" | "additionalItems" | "unevaluatedItems"), _) => Some(
            [acc, rej]
                .iter()
                .filter_map(|s| {
                    get(s.root, s.schema, "prefixItems").or(get(s.root, s.schema, "items"))
                })
                .filter_map(|v| v.as_array().map(Vec::len))
                .max()
                .unwrap_or(0),
        ),
        (Some("contains"), _) => Some(0),
        _ => None,
    };
    let fill = |i: usize| instance(acc.root, item_schema(acc.root, acc.schema, i), None);
    if let Some(i) = index {
        let mut items = Out::default();
        let (a, r) = (
            item_schema(acc.root, acc.schema, i),
            item_schema(rej.root, rej.schema, i),
        );
        generic(&mut items, acc, a, rej, r);
        if p.keyword == Some("contains") {
            for side in [acc, rej] {
                items.extend(
                    get(side.root, side.schema, "contains")
                        .map(|c| typed(side, c))
                        .unwrap_or_default(),
                );
            }
        }
        let prefix: Vec<Value> = (0..i).map(|j| fill(j).unwrap_or(Value::Null)).collect();
        for v in items.0 {
            let mut a = prefix.clone();
            a.push(v);
            out.add(Value::Array(a));
        }
    }
    let x = fill(0).unwrap_or(json!(0));
    for n in counts(p, &["minItems", "maxItems", "minContains", "maxContains"]) {
        out.add(Value::Array(vec![x.clone(); n.min(256)]));
        let tuple: Vec<Value> = (0..n.min(256))
            .map(|j| fill(j).unwrap_or(Value::Null))
            .collect();
        out.add(Value::Array(tuple));
    }
}

fn fresh(p: &Probe<'_>) -> String {
    let taken = |n: &str| {
        [p.acc, p.rej]
            .iter()
            .any(|s| get(s.root, s.schema, "properties").is_some_and(|m| m.get(n).is_some()))
    };
    (0..)
        .map(|i| {
            if i == 0 {
                "extra".to_owned()
            } else {
                format!("extra{i}")
            }
        })
        .find(|n| !taken(n))
        .unwrap_or_default()
}

/// A property name that a simple `patternProperties` pattern (letters and digits, maybe
/// anchored) matches.
fn name_for(pattern: &str) -> Option<String> {
    let p = pattern.trim_start_matches('^').trim_end_matches('$');
    p.chars().all(char::is_alphanumeric).then(|| p.to_owned())
}

pub(super) fn objects(out: &mut Out, p: &Probe<'_>) {
    let (acc, rej) = (p.acc, p.rej);
    let base: Map<String, Value> = match p.current {
        Some(Value::Object(m)) => m.clone(),
        _ => match instance(acc.root, acc.schema, Some("object")) {
            Some(Value::Object(m)) => m,
            _ => Map::new(),
        },
    };
    let with = |k: &str, v: Option<Value>| {
        let mut m = base.clone();
        match v {
            Some(v) => m.insert(k.to_owned(), v),
            None => m.remove(k),
        };
        Value::Object(m)
    };
    let key = match (p.keyword, p.name) {
        (Some("patternProperties"), Some(pat)) => name_for(pat),
        (
            Some("properties" | "dependentSchemas" | "dependentRequired" | "dependencies"),
            Some(n),
        ) => Some(n.to_owned()),
        (Some("additionalProperties" | "unevaluatedProperties" | "propertyNames"), _) => {
            Some(fresh(p))
        }
        _ => None,
    };
    if let Some(k) = key {
        let mut values = Out::default();
        let (a, r) = (
            property_schema(acc.root, acc.schema, &k),
            property_schema(rej.root, rej.schema, &k),
        );
        generic(&mut values, acc, a, rej, r);
        out.add(with(&k, None));
        for v in values.0 {
            out.add(with(&k, Some(v.clone())));
            let Some(Value::Array(deps)) = p
                .name
                .and_then(|n| get(acc.root, acc.schema, p.keyword?)?.get(n))
                .or_else(|| {
                    p.name
                        .and_then(|n| get(rej.root, rej.schema, p.keyword?)?.get(n))
                })
            else {
                continue;
            };
            if let Value::Object(mut m) = with(&k, Some(v)) {
                for d in deps.iter().filter_map(Value::as_str) {
                    m.remove(d);
                }
                out.add(Value::Object(m));
            }
        }
    }
    for name in required(rej.root, rej.schema) {
        out.add(with(name, None));
    }
    let extra = instance(
        acc.root,
        property_schema(acc.root, acc.schema, &fresh(p)),
        None,
    );
    for n in counts(p, &["minProperties", "maxProperties"]) {
        let mut m = base.clone();
        for i in 0..n.min(64) {
            m.insert(format!("p{i}"), extra.clone().unwrap_or(Value::Null));
        }
        out.add(Value::Object(m));
    }
}

/// The current object with the members of `x`, each given a value the location's schema accepts.
pub(super) fn overlay(p: &Probe<'_>, x: &Value) -> Option<Value> {
    let x = x.as_object()?;
    let mut m = match p.current {
        Some(Value::Object(m)) => m.clone(),
        _ => Map::new(),
    };
    for (k, v) in x {
        let own = instance(
            p.acc.root,
            property_schema(p.acc.root, p.acc.schema, k),
            None,
        );
        m.insert(k.clone(), own.unwrap_or_else(|| v.clone()));
    }
    Some(Value::Object(m))
}
