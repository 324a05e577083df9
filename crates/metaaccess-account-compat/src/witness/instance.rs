//! A small generator of minimal instances: required properties, the first `enum` value, the
//! lowest value in a range, a fixed example for each `format`. It only proposes: every
//! document built from it is checked with a validator before it is reported.

use serde_json::{json, Map, Value};

/// How deep the generator follows sub-schemas and `$ref`s.
const DEPTH: usize = 12;

/// The seven JSON types (`integer` before `number`, so that a number probe can be a fraction).
pub(crate) const TYPES: [&str; 7] = [
    "object", "array", "string", "integer", "number", "boolean", "null",
];

/// A keyword of `s`, looked for in `s`, then through its `$ref` and its `allOf` branches.
pub(crate) fn get<'v>(root: &'v Value, s: &'v Value, kw: &str) -> Option<&'v Value> {
    get_in(root, s, kw, 0)
}

fn get_in<'v>(root: &'v Value, s: &'v Value, kw: &str, depth: usize) -> Option<&'v Value> {
    let m = s.as_object()?;
    if depth > DEPTH {
        return None;
    }
    if let Some(v) = m.get(kw) {
        return Some(v);
    }
    if let Some(t) = target(root, s) {
        if let Some(v) = get_in(root, t, kw, depth + 1) {
            return Some(v);
        }
    }
    m.get("allOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .find_map(|b| get_in(root, b, kw, depth + 1))
}

/// The target of a local `$ref`.
pub(crate) fn target<'v>(root: &'v Value, s: &'v Value) -> Option<&'v Value> {
    let r = s.get("$ref")?.as_str()?;
    root.pointer(r.strip_prefix('#')?)
}

/// A fixed valid example for the formats validators check.
pub(crate) fn format_example(f: &str) -> Option<&'static str> {
    Some(match f {
        "date" => "2020-01-01",
        "date-time" => "2020-01-01T00:00:00Z",
        "time" => "00:00:00Z",
        "email" | "idn-email" => "a@example.com",
        "hostname" | "idn-hostname" => "example.com",
        "ipv4" => "127.0.0.1",
        "ipv6" => "::1",
        "uri" | "iri" => "https://example.com/",
        "uri-reference" | "iri-reference" | "json-pointer" => "/a",
        "uuid" => "00000000-0000-0000-0000-000000000000",
        "relative-json-pointer" => "0",
        "duration" => "P1D",
        "regex" => "a",
        "uri-template" => "/a",
        _ => return None,
    })
}

/// A JSON number from an `f64`: an integer where it is one.
pub(crate) fn number(x: f64) -> Value {
    #[allow(clippy::cast_possible_truncation)]
    let int = x as i64;
    if x.fract() == 0.0 && x.abs() < 9.0e15 {
        json!(int)
    } else {
        json!(x)
    }
}

fn num(root: &Value, s: &Value, kw: &str) -> Option<f64> {
    get(root, s, kw).and_then(Value::as_f64)
}

/// The types `s` allows, in `TYPES` order (`None`: not said).
pub(crate) fn types_of(root: &Value, s: &Value) -> Option<Vec<&'static str>> {
    let listed: Vec<&str> = match get(root, s, "type")? {
        Value::String(t) => vec![t.as_str()],
        Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
        _ => return None,
    };
    Some(
        TYPES
            .into_iter()
            .filter(|t| listed.contains(t) || (*t == "integer" && listed.contains(&"number")))
            .collect(),
    )
}

/// The type an instance of `s` is most likely to need, from `type` or from its keywords.
fn guess_type(root: &Value, s: &Value) -> &'static str {
    if let Some(t) = types_of(root, s) {
        return t
            .iter()
            .find(|t| **t != "null")
            .or(t.first())
            .unwrap_or(&"null");
    }
    let has = |k: &[&str]| k.iter().any(|k| get(root, s, k).is_some());
    if has(&[
        "properties",
        "required",
        "additionalProperties",
        "minProperties",
    ]) {
        "object"
    } else if has(&["items", "prefixItems", "minItems", "contains"]) {
        "array"
    } else if has(&["minLength", "maxLength", "pattern", "format"]) {
        "string"
    } else if has(&[
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "multipleOf",
    ]) {
        "number"
    } else {
        "null"
    }
}

/// A minimal instance of `s` (of type `ty` when given), or `None` for `false`.
pub(crate) fn instance(root: &Value, s: &Value, ty: Option<&str>) -> Option<Value> {
    inst(root, s, ty, 0)
}

fn inst(root: &Value, s: &Value, ty: Option<&str>, depth: usize) -> Option<Value> {
    if depth > DEPTH {
        return None;
    }
    match s {
        Value::Bool(false) => return None,
        Value::Bool(true) => return Some(plain(ty.unwrap_or("null"))),
        Value::Object(_) => {}
        _ => return None,
    }
    let fits = |v: &Value| ty.is_none_or(|t| type_name(v) == t || (t == "number" && v.is_i64()));
    if let Some(c) = get(root, s, "const") {
        return fits(c).then(|| c.clone());
    }
    if let Some(Value::Array(e)) = get(root, s, "enum") {
        return e
            .iter()
            .filter(|v| fits(v))
            .min_by_key(|v| v.is_null())
            .cloned();
    }
    if get(root, s, "type").is_none() {
        for k in ["anyOf", "oneOf"] {
            if let Some(Value::Array(b)) = get(root, s, k) {
                return b
                    .iter()
                    .filter_map(|b| inst(root, b, ty, depth + 1))
                    .min_by_key(Value::is_null);
            }
        }
    }
    let t = match ty {
        Some(t) if types_of(root, s).is_none_or(|a| a.contains(&t)) => t,
        Some(_) => return None,
        None => guess_type(root, s),
    };
    Some(match t {
        "object" => object(root, s, depth),
        "array" => array(root, s, depth),
        "string" => string(root, s),
        "integer" | "number" => numeric(root, s, t == "integer"),
        other => plain(other),
    })
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_f64() => "number",
        Value::Number(_) => "integer",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// The simplest value of a type.
pub(crate) fn plain(ty: &str) -> Value {
    match ty {
        "object" => json!({}),
        "array" => json!([]),
        "string" => json!(""),
        "integer" => json!(0),
        "number" => json!(0.5),
        "boolean" => json!(false),
        _ => Value::Null,
    }
}

/// The schema for property `name` of `s`: `properties`, else `additionalProperties`.
pub(crate) fn property_schema<'v>(root: &'v Value, s: &'v Value, name: &str) -> &'v Value {
    get(root, s, "properties")
        .and_then(|p| p.get(name))
        .or_else(|| get(root, s, "additionalProperties"))
        .unwrap_or(&Value::Bool(true))
}

/// The names in `required`.
pub(crate) fn required<'v>(root: &'v Value, s: &'v Value) -> Vec<&'v str> {
    get(root, s, "required")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

fn object(root: &Value, s: &Value, depth: usize) -> Value {
    let mut m = Map::new();
    for name in required(root, s) {
        let v = inst(root, property_schema(root, s, name), None, depth + 1);
        m.insert(name.to_owned(), v.unwrap_or(Value::Null));
    }
    let min = num(root, s, "minProperties").unwrap_or(0.0);
    let declared = get(root, s, "properties").and_then(Value::as_object);
    for (name, sub) in declared.into_iter().flatten() {
        if (m.len() as f64) >= min {
            break;
        }
        if let Some(v) = inst(root, sub, None, depth + 1) {
            m.entry(name.clone()).or_insert(v);
        }
    }
    Value::Object(m)
}

/// The schema for item `i` of an array schema: its tuple entry, else the one for the rest.
pub(crate) fn item_schema<'v>(root: &'v Value, s: &'v Value, i: usize) -> &'v Value {
    let tuple =
        get(root, s, "prefixItems").or_else(|| get(root, s, "items").filter(|v| v.is_array()));
    if let Some(Value::Array(p)) = tuple {
        if let Some(x) = p.get(i) {
            return x;
        }
        let rest = if get(root, s, "prefixItems").is_some() {
            "items"
        } else {
            "additionalItems"
        };
        return get(root, s, rest).unwrap_or(&Value::Bool(true));
    }
    get(root, s, "items").unwrap_or(&Value::Bool(true))
}

fn array(root: &Value, s: &Value, depth: usize) -> Value {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let min = num(root, s, "minItems").unwrap_or(0.0).clamp(0.0, 64.0) as usize;
    let mut items: Vec<Value> = (0..min)
        .map(|i| inst(root, item_schema(root, s, i), None, depth + 1).unwrap_or(Value::Null))
        .collect();
    if items.is_empty() {
        if let Some(c) = get(root, s, "contains") {
            items.extend(inst(root, c, None, depth + 1));
        }
    }
    Value::Array(items)
}

fn string(root: &Value, s: &Value) -> Value {
    if let Some(f) = get(root, s, "format")
        .and_then(Value::as_str)
        .and_then(format_example)
    {
        return json!(f);
    }
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let len = num(root, s, "minLength").unwrap_or(0.0).clamp(0.0, 4096.0) as usize;
    json!("a".repeat(len))
}

fn numeric(root: &Value, s: &Value, integer: bool) -> Value {
    let step = if integer { 1.0 } else { 0.5 };
    let lo = num(root, s, "minimum").or(num(root, s, "exclusiveMinimum").map(|x| x + step));
    let hi = num(root, s, "maximum").or(num(root, s, "exclusiveMaximum").map(|x| x - step));
    let mut x = match (lo, hi) {
        (Some(lo), _) => lo,
        (None, Some(hi)) if hi < 0.0 => hi,
        _ if integer => 0.0,
        _ => 0.5,
    };
    if let Some(m) = num(root, s, "multipleOf").filter(|m| *m > 0.0) {
        x = (x / m).ceil() * m;
    }
    if integer {
        x = x.ceil();
    }
    number(x)
}
