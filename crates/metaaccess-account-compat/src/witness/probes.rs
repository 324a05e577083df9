//! Candidate values for the instance location of a change, per keyword family. They are only
//! proposals: the caller keeps one only if the validators agree it is a counterexample.

use serde_json::{json, Value};

use super::instance::{format_example, get, instance, number, TYPES};
use super::shapes::{arrays, objects, overlay};

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
pub(super) struct Out(pub(super) Vec<Value>);

impl Out {
    pub(super) fn add(&mut self, v: Value) {
        if self.0.len() < MAX && !self.0.contains(&v) {
            self.0.push(v);
        }
    }
    pub(super) fn extend(&mut self, vs: impl IntoIterator<Item = Value>) {
        for v in vs {
            self.add(v);
        }
    }
}

/// Values of every type that `schema` might accept, its listed values, and plain values.
pub(super) fn typed(side: At<'_>, schema: &Value) -> Vec<Value> {
    let mut out: Vec<Value> = TYPES
        .iter()
        .filter_map(|t| instance(side.root, schema, Some(t)))
        .collect();
    out.extend(instance(side.root, schema, None));
    if let Some(Value::Array(e)) = get(side.root, schema, "enum") {
        out.extend(e.iter().take(MAX).cloned()); // a long enum: its first values will do
    }
    out.extend(get(side.root, schema, "const").cloned());
    out
}

pub(super) fn generic(out: &mut Out, acc: At<'_>, acc_s: &Value, rej: At<'_>, rej_s: &Value) {
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
pub(super) fn counts(p: &Probe<'_>, kws: &[&str]) -> Vec<usize> {
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

/// Candidate values for the location, the most specific first.
pub(crate) fn candidates(p: &Probe<'_>) -> Vec<Value> {
    let mut out = Out::default();
    let (acc, rej) = (p.acc, p.rej);
    match p.keyword.unwrap_or_default() {
        "enum" | "const" => {
            for side in [acc, rej] {
                if let Some(Value::Array(e)) = get(side.root, side.schema, "enum") {
                    out.extend(e.iter().take(MAX).cloned());
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
