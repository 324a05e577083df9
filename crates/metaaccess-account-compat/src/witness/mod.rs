//! Counterexamples: for each change that breaks a direction, a small document that one schema
//! accepts and the other rejects. The change's pointer gives the instance location (`properties/x`
//! is the member `x`, `items` an item ...); candidates for that location are placed in a minimal
//! valid document, and a candidate is kept only if the two validators disagree as claimed.

mod instance;
mod probes;
mod shapes;

use std::collections::HashMap;

use jsonschema::Validator;
use serde_json::Value;

use crate::options::{Draft, Options};
use crate::report::Change;
use instance::{get, instance, item_schema};
use probes::{candidates, At, Probe};

static TRUE: Value = Value::Bool(true);

/// One step into a document, with what to put there when the base document has nothing.
enum Step {
    Key(String, Value),
    /// An item, with the items before it when the array is shorter.
    Index(usize, Vec<Value>, Value),
}

/// Where a change is: the path into documents, the schema there on each side, and the keyword.
struct Spot<'v> {
    path: Vec<Step>,
    acc: &'v Value,
    rej: &'v Value,
    keyword: Option<String>,
    name: Option<String>,
}

fn validator(root: &Value, options: &Options) -> Option<Validator> {
    let mut o = jsonschema::options().should_validate_formats(options.format_assertion);
    o = match options.draft {
        Draft::Auto => o,
        Draft::Draft7 => o.with_draft(jsonschema::Draft::Draft7),
        Draft::Draft201909 => o.with_draft(jsonschema::Draft::Draft201909),
        Draft::Draft202012 => o.with_draft(jsonschema::Draft::Draft202012),
    };
    o.build(root).ok()
}

/// How many JSON nodes the witnesses of one report may hold together. Each witness is a whole
/// document (every required member of the root included), so 3,000 changed properties of a
/// 3,000-property object would otherwise keep millions of members; past this, the remaining
/// breaks are left without a witness, and so undecided.
const KEPT_NODES: usize = 1_000_000;

/// How many JSON nodes may be validated in search of witnesses, all changes together: the
/// time bound that goes with [`KEPT_NODES`].
const SEARCHED_NODES: usize = 20_000_000;

/// What is left of the bounds on one report's witness search.
struct Budget {
    kept: usize,
    searched: usize,
}

/// Fills in the witnesses of every change that breaks a direction (or may: unclassified),
/// within the bounds above.
pub(crate) fn attach(
    changes: &mut [Change],
    hints: &HashMap<usize, Value>,
    old: &Value,
    new: &Value,
    options: &Options,
) {
    let (Some(vo), Some(vn)) = (validator(old, options), validator(new, options)) else {
        return;
    };
    // The minimal documents of each schema, built once: the same for every change.
    let mut bases: Vec<Value> = Vec::new();
    for root in [old, new] {
        if let Some(b) = instance(root, root, None) {
            if !bases.contains(&b) {
                bases.push(b);
            }
        }
    }
    let ordered = |acc: &Validator| {
        let mut b: Vec<(&Value, usize)> = bases.iter().map(|b| (b, nodes(b))).collect();
        b.sort_by_key(|(b, _)| !acc.is_valid(b));
        b
    };
    let (back, fwd) = (ordered(&vo), ordered(&vn));
    let mut budget = Budget {
        kept: KEPT_NODES,
        searched: SEARCHED_NODES,
    };
    let smallest = back.iter().map(|(_, n)| *n).min().unwrap_or(1);
    for (i, c) in changes.iter_mut().enumerate() {
        if budget.kept.min(budget.searched) < smallest {
            break; // spent: the rest stay without a witness
        }
        let hint = hints.get(&i);
        if c.breaks.backward() {
            let sides = ((old, &vo), (new, &vn));
            c.witness.backward = find(&c.pointer, hint, sides, &back, &mut budget);
        }
        if c.breaks.forward() {
            let sides = ((new, &vn), (old, &vo));
            c.witness.forward = find(&c.pointer, hint, sides, &fwd, &mut budget);
        }
    }
}

/// The number of JSON nodes in `v`.
fn nodes(v: &Value) -> usize {
    1 + match v {
        Value::Array(a) => a.iter().map(nodes).sum(),
        Value::Object(m) => m.values().map(nodes).sum(),
        _ => 0,
    }
}

/// A document that `acc` accepts and `rej` rejects, built around the change at `pointer`
/// from one of `bases` (with their sizes).
fn find(
    pointer: &str,
    hint: Option<&Value>,
    (acc, rej): ((&Value, &Validator), (&Value, &Validator)),
    bases: &[(&Value, usize)],
    budget: &mut Budget,
) -> Option<Value> {
    let spot = locate(pointer, acc.0, rej.0)?;
    for (base, size) in bases {
        let current = at(base, &spot.path);
        let probe = Probe {
            acc: At {
                root: acc.0,
                schema: spot.acc,
            },
            rej: At {
                root: rej.0,
                schema: spot.rej,
            },
            current,
            keyword: spot.keyword.as_deref(),
            name: spot.name.as_deref(),
        };
        for v in hint.cloned().into_iter().chain(candidates(&probe)) {
            // Checked before the base is copied: at most this many nodes.
            let cost = size + nodes(&v);
            if budget.searched < cost || budget.kept < cost {
                return None;
            }
            budget.searched -= cost;
            let doc = place(base, &spot.path, v);
            if acc.1.is_valid(&doc) && !rej.1.is_valid(&doc) {
                budget.kept -= nodes(&doc).min(budget.kept);
                return Some(doc);
            }
        }
    }
    None
}

fn at<'v>(doc: &'v Value, path: &[Step]) -> Option<&'v Value> {
    path.iter().try_fold(doc, |v, s| match s {
        Step::Key(k, _) => v.get(k),
        Step::Index(i, _, _) => v.get(i),
    })
}

fn place(base: &Value, path: &[Step], v: Value) -> Value {
    let mut doc = base.clone();
    let mut cur = &mut doc;
    for s in path {
        cur = match s {
            Step::Key(k, default) => {
                if !cur.is_object() {
                    *cur = Value::Object(serde_json::Map::new());
                }
                match cur {
                    Value::Object(m) => m.entry(k.clone()).or_insert_with(|| default.clone()),
                    _ => return doc,
                }
            }
            Step::Index(i, fill, default) => {
                if !cur.is_array() {
                    *cur = Value::Array(Vec::new());
                }
                let Value::Array(a) = cur else { return doc };
                while a.len() < *i {
                    a.push(fill.get(a.len()).cloned().unwrap_or(Value::Null));
                }
                if a.len() == *i {
                    a.push(default.clone());
                }
                &mut a[*i]
            }
        };
    }
    *cur = v;
    doc
}

/// A keyword of `s` (through `$ref`, `allOf` and then any `anyOf`/`oneOf` branch that has it).
fn find_kw<'v>(root: &'v Value, s: &'v Value, kw: &str) -> Option<&'v Value> {
    get(root, s, kw).or_else(|| {
        ["anyOf", "oneOf"].iter().find_map(|k| {
            get(root, s, k)?
                .as_array()?
                .iter()
                .find_map(|b| get(root, b, kw))
        })
    })
}

/// The `anyOf`/`oneOf` branch of `s` that holds `kw`, when `s` itself does not.
fn narrow<'v>(root: &'v Value, s: &'v Value, kw: &str) -> &'v Value {
    if get(root, s, kw).is_some() {
        return s;
    }
    ["anyOf", "oneOf"]
        .iter()
        .find_map(|k| {
            get(root, s, k)?
                .as_array()?
                .iter()
                .find(|b| get(root, b, kw).is_some())
        })
        .unwrap_or(s)
}

fn unescape(t: &str) -> String {
    t.replace("~1", "/").replace("~0", "~")
}

/// Keywords followed by a name or an index.
const NAMED: [&str; 10] = [
    "properties",
    "patternProperties",
    "prefixItems",
    "anyOf",
    "oneOf",
    "allOf",
    "dependentSchemas",
    "dependentRequired",
    "dependencies",
    "items",
];

fn locate<'v>(pointer: &str, acc_root: &'v Value, rej_root: &'v Value) -> Option<Spot<'v>> {
    let tokens: Vec<String> = pointer.split('/').skip(1).map(unescape).collect();
    let mut spot = Spot {
        path: Vec::new(),
        acc: acc_root,
        rej: rej_root,
        keyword: None,
        name: None,
    };
    let mut i = 0;
    while i < tokens.len() {
        let kw = tokens[i].as_str();
        let arg = tokens.get(i + 1).map(String::as_str);
        let tuple = kw == "items"
            && arg.is_some_and(|a| a.parse::<usize>().is_ok())
            && [(acc_root, spot.acc), (rej_root, spot.rej)]
                .iter()
                .any(|(r, s)| find_kw(r, s, "items").is_some_and(Value::is_array));
        let named = NAMED.contains(&kw) && (kw != "items" || tuple) && arg.is_some();
        let last = i + if named { 2 } else { 1 } == tokens.len();
        let in_place = ["anyOf", "oneOf", "allOf", "not", "if", "then", "else"].contains(&kw)
            || (named && ["dependentSchemas", "dependencies"].contains(&kw));
        if last && !(named && ["anyOf", "oneOf", "allOf"].contains(&kw)) {
            spot.acc = narrow(acc_root, spot.acc, kw);
            spot.rej = narrow(rej_root, spot.rej, kw);
            spot.keyword = Some(if tuple { "prefixItems" } else { kw }.to_owned());
            spot.name = named.then(|| arg.unwrap_or_default().to_owned());
            return Some(spot);
        }
        let step = match kw {
            _ if in_place => None,
            "properties" => Some(Step::Key(arg?.to_owned(), Value::Null)),
            "prefixItems" | "items" if named => Some(index(arg?.parse().ok()?, &spot, acc_root)),
            "additionalProperties" | "unevaluatedProperties" => {
                Some(Step::Key(fresh(&spot, acc_root, rej_root), Value::Null))
            }
            "items" | "additionalItems" => {
                let n = [(acc_root, spot.acc), (rej_root, spot.rej)]
                    .iter()
                    .filter_map(|(r, s)| find_kw(r, s, "prefixItems").or(find_kw(r, s, "items")))
                    .filter_map(|v| v.as_array().map(Vec::len))
                    .max()
                    .unwrap_or(0);
                Some(index(n, &spot, acc_root))
            }
            "contains" => Some(index(0, &spot, acc_root)),
            _ => return None, // `propertyNames`, `unevaluatedItems`, `$defs` ...: no single place
        };
        let sub = |root: &'v Value, s: &'v Value| -> &'v Value {
            let v = find_kw(root, s, kw);
            match (named, v) {
                (true, Some(Value::Array(a))) => arg
                    .and_then(|x| x.parse::<usize>().ok())
                    .and_then(|x| a.get(x)),
                (true, Some(v)) => arg.and_then(|x| v.get(x)),
                (true, None) => None,
                (false, v) => v,
            }
            .unwrap_or(&TRUE)
        };
        (spot.acc, spot.rej) = (sub(acc_root, spot.acc), sub(rej_root, spot.rej));
        let default = instance(acc_root, spot.acc, None).unwrap_or(Value::Null);
        spot.path.extend(step.map(|s| match s {
            Step::Key(k, _) => Step::Key(k, default),
            Step::Index(i, f, _) => Step::Index(i, f, default),
        }));
        i += if named { 2 } else { 1 };
    }
    Some(spot)
}

fn index(i: usize, spot: &Spot<'_>, root: &Value) -> Step {
    let fill = (0..i)
        .map(|j| instance(root, item_schema(root, spot.acc, j), None).unwrap_or(Value::Null))
        .collect();
    Step::Index(i, fill, Value::Null)
}

fn fresh(spot: &Spot<'_>, acc_root: &Value, rej_root: &Value) -> String {
    let taken = |n: &str| {
        [(acc_root, spot.acc), (rej_root, spot.rej)]
            .iter()
            .any(|(r, s)| find_kw(r, s, "properties").is_some_and(|m| m.get(n).is_some()))
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
