//! Candidate values for the instance location of a change, per keyword family. They are only
//! proposals: the caller keeps one only if the validators agree it is a counterexample.

use serde_json::{json, Map, Value};

use super::instance::{
    format_example, get, instance, item_schema, number, property_schema, required, TYPES,
};

/// Most candidates tried at one location.
const MAX: usize = 96;

/// One side of the comparison at the change's location.
#[derive(Clone, Copy)]
pub(crate) struct At<'v> {
    pub(crate) root: &'v Value,
    pub(crate) schema: &'v Value,
}

/// What the candidates are built from.
pub(crate) struct Probe<'v> {
    /// The side that must accept.
    pub(crate) acc: At<'v>,
    /// The side that must reject.
    pub(crate) rej: At<'v>,
    /// The value at the location in the base document.
    pub(crate) current: Option<&'v Value>,
    pub(crate) keyword: Option<&'v str>,
    pub(crate) name: Option<&'v str>,
}

#[derive(Default)]
struct Out(Vec<Value>);

impl Out {
    fn add(&mut self, v: Value) {
        if self.0.len() < MAX && !self.0.contains(&v) {
            self.0.push(v);
        }
    }
    fn extend(&mut self, vs: impl IntoIterator<Item = Value>) {
        for v in vs {
            self.add(v);
        }
    }
}

/// Values of every type that `schema` might accept, its listed values, and plain values.
fn typed(side: At<'_>, schema: &Value) -> Vec<Value> {
    let mut out: Vec<Value> = TYPES
        .iter()
        .filter_map(|t| instance(side.root, schema, Some(t)))
        .collect();
    out.extend(instance(side.root, schema, None));
    if let Some(Value::Array(e)) = get(side.root, schema, "enum") {
        out.extend(e.iter().cloned());
    }
    out.extend(get(side.root, schema, "const").cloned());
    out
}

fn generic(out: &mut Out, acc: At<'_>, acc_s: &Value, rej: At<'_>, rej_s: &Value) {
    out.extend(typed(acc, acc_s));
    out.extend(typed(rej, rej_s));
    out.extend([
        Value::Null,
        json!(true),
        json!(false),
        json!(0),
        json!(1),
        json!(-1),
        json!(0.5),
        json!(""),
        json!("a"),
        json!([]),
        json!({}),
    ]);
}

fn bounds(p: &Probe<'_>, kws: &[&str]) -> Vec<f64> {
    let mut out = Vec::new();
    for side in [p.acc, p.rej] {
        for k in kws {
            out.extend(get(side.root, side.schema, k).and_then(Value::as_f64));
        }
    }
    out
}

fn numbers(out: &mut Out, p: &Probe<'_>) {
    let kws = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"];
    for b in bounds(p, &kws) {
        for d in [0.0, -1.0, 1.0, -0.5, 0.5] {
            out.add(number(b + d));
        }
    }
    for m in bounds(p, &["multipleOf"]) {
        for k in [1.0, 2.0, 3.0, 0.5] {
            out.add(number(m * k));
        }
    }
    out.extend([1.0, 3.0, 7.0, -1.0, 0.5, 0.0].map(number));
}

/// Lengths or counts around every bound of these keywords.
fn counts(p: &Probe<'_>, kws: &[&str]) -> Vec<usize> {
    let mut out = vec![0, 1, 2];
    for b in bounds(p, kws) {
        for d in [-1.0, 0.0, 1.0] {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            out.push((b + d).clamp(0.0, 4096.0) as usize);
        }
    }
    out
}

fn strings(out: &mut Out, p: &Probe<'_>) {
    for n in counts(p, &["minLength", "maxLength"]) {
        out.add(json!("a".repeat(n)));
    }
    for side in [p.acc, p.rej] {
        let f = get(side.root, side.schema, "format").and_then(Value::as_str);
        out.extend(f.and_then(format_example).map(|e| json!(e)));
    }
    out.extend(["x", "", "0", "A", "-", " ", "a0"].map(|s| json!(s)));
    let all = [
        "date",
        "date-time",
        "time",
        "email",
        "hostname",
        "ipv4",
        "ipv6",
        "uri",
    ];
    out.extend(all.into_iter().filter_map(format_example).map(|e| json!(e)));
}

fn arrays(out: &mut Out, p: &Probe<'_>) {
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

fn objects(out: &mut Out, p: &Probe<'_>) {
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
fn overlay(p: &Probe<'_>, x: &Value) -> Option<Value> {
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

/// Candidate values for the location, the most specific first.
pub(crate) fn candidates(p: &Probe<'_>) -> Vec<Value> {
    let mut out = Out::default();
    let (acc, rej) = (p.acc, p.rej);
    match p.keyword.unwrap_or_default() {
        "enum" | "const" => {
            for side in [acc, rej] {
                if let Some(Value::Array(e)) = get(side.root, side.schema, "enum") {
                    out.extend(e.iter().cloned());
                }
                out.extend(get(side.root, side.schema, "const").cloned());
            }
        }
        "minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum" | "multipleOf" => {
            numbers(&mut out, p);
        }
        "minLength" | "maxLength" | "format" | "pattern" => strings(&mut out, p),
        "items" | "prefixItems" | "additionalItems" | "minItems" | "maxItems" | "uniqueItems"
        | "contains" | "minContains" | "maxContains" | "unevaluatedItems" => arrays(&mut out, p),
        "properties"
        | "patternProperties"
        | "additionalProperties"
        | "required"
        | "minProperties"
        | "maxProperties"
        | "dependentRequired"
        | "dependentSchemas"
        | "dependencies"
        | "unevaluatedProperties"
        | "propertyNames" => objects(&mut out, p),
        k => {
            // A sub-schema keyword (`not`, `if`, `anyOf` ...): instances of what it holds, and
            // objects with their members laid over the current one.
            let mut subs = Vec::new();
            for side in [acc, rej] {
                match get(side.root, side.schema, k) {
                    Some(Value::Array(branches)) => {
                        subs.extend(branches.iter().flat_map(|b| typed(side, b)));
                    }
                    Some(s @ (Value::Object(_) | Value::Bool(_))) => subs.extend(typed(side, s)),
                    _ => {}
                }
            }
            let overlays: Vec<Value> = subs.iter().filter_map(|x| overlay(p, x)).collect();
            out.extend(subs);
            out.extend(overlays);
        }
    }
    generic(&mut out, acc, acc.schema, rej, rej.schema);
    numbers(&mut out, p);
    strings(&mut out, p);
    out.0
}
