//! Random schema pairs from a small generator (types, enum, const, bounds, required, properties
//! with additionalProperties false/true, items, anyOf of two; also oneOf of two and not;
//! recursion back to the root through `not`; Draft-07 `$ref` with siblings; Draft-04 boolean
//! exclusive bounds)
//! against brute force: every
//! generated document (and every witness) is validated with the `jsonschema` crate, and
//! - a compatibility the verdict claims is never refuted by any document;
//! - every witness is genuine (accepted by one schema, rejected by the other);
//! - a change called certain is proven (a witness for each direction it breaks), so a certain
//!   verdict is exactly what brute force sees;
//! - where brute force finds a break that a change classifies (not `unknown`), a witness is
//!   usually found too (counted, and held above a floor).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure report

use std::cell::Cell;

use metaaccess_account_compat::{diff, Breaks};
use proptest::prelude::*;
use proptest::sample::{select, subsequence};
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::{json, Map, Value};

mod common;
use common::validator;

fn leaf() -> BoxedStrategy<Value> {
    let values = vec![
        json!(0),
        json!(1),
        json!(2),
        json!("a"),
        json!("b"),
        Value::Null,
    ];
    prop_oneof![
        select(vec!["string", "integer", "number", "boolean", "null"])
            .prop_map(|t| json!({"type": t})),
        Just(json!({"type": ["integer", "null"]})),
        subsequence(values.clone(), 1..4).prop_map(|e| json!({"enum": e})),
        select(values.clone()).prop_map(|c| json!({"const": c})),
        // Listed values beside a type or a bound: folded into one domain per side.
        (
            select(vec!["string", "integer", "number", "boolean", "null"]),
            subsequence(values, 1..4)
        )
            .prop_map(|(t, e)| json!({"type": t, "enum": e})),
        Just(json!({"enum": [true, false]})),
        Just(json!({"enum": [1.0, 2]})),
        Just(json!({"type": "integer", "maximum": 1, "enum": [0, 1, 2]})),
        Just(json!({"type": "string", "maxLength": 0})),
        // Unions of simple schemas, folded into one domain.
        select(vec![
            json!({"oneOf": [{"const": "a"}, {"enum": ["a", "b"]}]}),
            json!({"oneOf": [{"const": "a"}, {"const": 1}]}),
            json!({"anyOf": [{"type": "string"}, {"const": 1}]}),
            json!({"anyOf": [{"type": "integer", "maximum": 0}, {"enum": [1, "a"]}]}),
            json!({"anyOf": [{"type": "integer", "minimum": 1}, {"type": "null"}]}),
            json!({"anyOf": [{"type": "number", "exclusiveMinimum": 0}, {"type": "string", "maxLength": 1}]}),
            json!({"anyOf": [{"type": ["integer", "string"]}, {"type": "boolean"}]}),
            json!({"type": ["integer", "null"], "minimum": 1}),
            json!({"type": ["number", "string"], "maxLength": 0, "maximum": 1}),
        ]),
        // Inclusive and exclusive bounds read as one.
        select(vec![
            json!({"type": "number", "minimum": 1}),
            json!({"type": "number", "exclusiveMinimum": 1}),
            json!({"type": "number", "exclusiveMinimum": 0, "minimum": 1}),
            json!({"type": "integer", "exclusiveMaximum": 2, "maximum": 1}),
            json!({"exclusiveMaximum": 1}),
        ]),
        (
            proptest::option::of(-1i64..2),
            proptest::option::of(0i64..3)
        )
            .prop_map(|(lo, hi)| {
                let mut m = Map::new();
                m.insert("type".into(), json!("integer"));
                if let Some(lo) = lo {
                    m.insert("minimum".into(), json!(lo));
                }
                if let Some(hi) = hi {
                    m.insert("maximum".into(), json!(hi));
                }
                Value::Object(m)
            }),
    ]
    .boxed()
}

fn schema(depth: u32) -> BoxedStrategy<Value> {
    if depth == 0 {
        return leaf();
    }
    let sub = schema(depth - 1);
    prop_oneof![
        3 => leaf(),
        2 => (
            proptest::option::of(sub.clone()),
            proptest::option::of(sub.clone()),
            subsequence(vec!["a", "b"], 0..3),
            select(vec![None, Some(false), Some(true)]),
        )
            .prop_map(|(a, b, req, add)| {
                let mut props = Map::new();
                props.extend(a.map(|a| ("a".to_owned(), a)));
                props.extend(b.map(|b| ("b".to_owned(), b)));
                let mut m = Map::new();
                m.insert("type".into(), json!("object"));
                m.insert("properties".into(), Value::Object(props));
                m.insert("required".into(), json!(req));
                if let Some(add) = add {
                    m.insert("additionalProperties".into(), json!(add));
                }
                Value::Object(m)
            }),
        1 => sub.clone().prop_map(|i| json!({"type": "array", "items": i})),
        1 => (sub.clone(), sub.clone()).prop_map(|(x, y)| json!({"anyOf": [x, y]})),
        // Not in the brief's list, but the precise rules for these need the same check.
        1 => (sub.clone(), sub.clone()).prop_map(|(x, y)| json!({"oneOf": [x, y]})),
        1 => sub.prop_map(|x| json!({"not": x})),
    ]
    .boxed()
}

/// The same schema with one part changed: a keyword dropped, or a sub-schema regenerated.
fn tweak(old: Value) -> BoxedStrategy<Value> {
    let keys: Vec<String> = old
        .as_object()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    let props: Vec<String> = old["properties"]
        .as_object()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    let mut options: Vec<BoxedStrategy<Value>> = vec![schema(1)];
    if !keys.is_empty() {
        let o = old.clone();
        options.push(
            select(keys)
                .prop_map(move |k| {
                    let mut v = o.clone();
                    v.as_object_mut().unwrap().remove(&k);
                    v
                })
                .boxed(),
        );
    }
    if !props.is_empty() {
        let o = old.clone();
        options.push(
            (select(props), schema(1))
                .prop_map(move |(p, s)| {
                    let mut v = o.clone();
                    v["properties"][p] = s;
                    v
                })
                .boxed(),
        );
    }
    let o = old.clone();
    options.push(Just(o).boxed());
    let o = old;
    options.push(
        select(vec!["a", "b"])
            .prop_map(move |r| {
                let mut v = o.clone();
                if let Some(Value::Array(req)) = v.get_mut("required") {
                    req.retain(|x| x != r);
                }
                v
            })
            .boxed(),
    );
    proptest::strategy::Union::new(options).boxed()
}

fn value(depth: u32) -> BoxedStrategy<Value> {
    let leaf = select(vec![
        Value::Null,
        json!(true),
        json!(false),
        json!(1.0),
        json!(0),
        json!(1),
        json!(2),
        json!(-1),
        json!(0.5),
        json!(""),
        json!("a"),
        json!("b"),
    ]);
    if depth == 0 {
        return leaf.boxed();
    }
    prop_oneof![
        2 => leaf,
        1 => proptest::collection::vec(value(depth - 1), 0..3).prop_map(Value::Array),
        2 => proptest::collection::btree_map(select(vec!["a", "b", "c"]), value(depth - 1), 0..3)
            .prop_map(|m| Value::Object(m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())),
    ]
    .boxed()
}

#[test]
fn verdicts_agree_with_brute_force_and_witnesses_are_genuine() {
    let pairs = schema(2).prop_flat_map(|old| (Just(old.clone()), tweak(old)));
    let input = (pairs, proptest::collection::vec(value(2), 60));
    let mut runner = TestRunner::new(Config {
        cases: 500,
        failure_persistence: None,
        ..Config::default()
    });
    let counts = (Cell::new(0u32), Cell::new(0u32));
    runner
        .run(&input, |(pair, docs)| check(pair, docs, &counts))
        .unwrap();
    let (broken, witnessed) = (counts.0.get(), counts.1.get());
    eprintln!(
        "breaks seen by brute force and claimed for certain: {broken}; with a witness: {witnessed}"
    );
    assert!(
        broken > 50,
        "the generator should produce breaking pairs: {broken}"
    );
    assert!(
        f64::from(witnessed) >= 0.9 * f64::from(broken),
        "{witnessed} of {broken}"
    );
}

/// Checks one pair against brute force: no claimed compatibility refuted by a document, every
/// witness genuine, every change called certain proven. Counts the breaks brute force sees
/// that a change classifies (not `Unknown`), and how many of those carry a witness.
fn check(
    (old, new): (Value, Value),
    docs: Vec<Value>,
    (broken, witnessed): &(Cell<u32>, Cell<u32>),
) -> Result<(), TestCaseError> {
    let r = diff(&old, &new);
    let (vo, vn) = (validator(&old), validator(&new));
    let mut docs = docs;
    for c in &r.changes {
        let proven = |b: bool, w: &Option<Value>| !b || w.is_some();
        prop_assert!(
            !c.certain
                || (c.breaks != Breaks::Unknown
                    && proven(
                        c.breaks.eq(&Breaks::Backward) || c.breaks == Breaks::Both,
                        &c.witness.backward
                    )
                    && proven(
                        c.breaks == Breaks::Forward || c.breaks == Breaks::Both,
                        &c.witness.forward
                    )),
            "certain but not proven: {c:?}"
        );
        if let Some(w) = &c.witness.backward {
            prop_assert!(
                vo.is_valid(w) && !vn.is_valid(w),
                "backward witness {w} of {c:?}"
            );
            docs.push(w.clone());
        }
        if let Some(w) = &c.witness.forward {
            prop_assert!(
                vn.is_valid(w) && !vo.is_valid(w),
                "forward witness {w} of {c:?}"
            );
            docs.push(w.clone());
        }
    }
    for d in &docs {
        let (a, b) = (vo.is_valid(d), vn.is_valid(d));
        prop_assert!(
            !a || b || !r.is_backward_compatible(),
            "{d} refutes {:?}: {old} -> {new}",
            r.verdict
        );
        prop_assert!(
            !b || a || !r.is_forward_compatible(),
            "{d} refutes {:?}: {old} -> {new}",
            r.verdict
        );
    }
    // Completeness of witnesses: a break brute force sees, claimed for certain by a change.
    let sees = |back: bool| {
        docs.iter().any(|d| {
            if back {
                vo.is_valid(d) && !vn.is_valid(d)
            } else {
                vn.is_valid(d) && !vo.is_valid(d)
            }
        })
    };
    // Certain + wrong never happens: a certain verdict's breaks are seen by brute force too.
    if r.certain {
        prop_assert!(r.is_backward_compatible() || sees(true), "{r:?}");
        prop_assert!(r.is_forward_compatible() || sees(false), "{r:?}");
    }
    for back in [true, false] {
        let claimed: Vec<_> = r
            .changes
            .iter()
            .filter(|c| {
                c.breaks != Breaks::Unknown
                    && if back {
                        c.breaks.eq(&Breaks::Backward) || c.breaks == Breaks::Both
                    } else {
                        c.breaks == Breaks::Forward || c.breaks == Breaks::Both
                    }
            })
            .collect();
        if sees(back) && !claimed.is_empty() {
            broken.set(broken.get() + 1);
            witnessed.set(
                witnessed.get()
                    + u32::from(claimed.iter().any(|c| {
                        if back {
                            c.witness.backward.is_some()
                        } else {
                            c.witness.forward.is_some()
                        }
                    })),
            );
        }
    }
    Ok(())
}

/// A root that refers to itself: through `not` (an odd or even number of times) or as
/// items, with bounds on the object that a tweak changes.
fn recursive() -> BoxedStrategy<Value> {
    let back = select(vec![
        json!({"not": {"$ref": "#"}}),
        json!({"not": {"not": {"$ref": "#"}}}),
        json!({"type": "array", "items": {"$ref": "#"}}),
        json!({"anyOf": [{"type": "integer"}, {"not": {"$ref": "#"}}]}),
    ]);
    (
        back,
        proptest::option::of(0u64..3),
        proptest::option::of(1u64..3),
        subsequence(vec!["a", "n"], 0..2),
        any::<bool>(),
    )
        .prop_map(|(n, max, min, req, typed)| {
            let mut m = Map::new();
            m.insert("properties".into(), json!({ "n": n }));
            if typed {
                m.insert("type".into(), json!("object"));
            }
            if let Some(x) = max {
                m.insert("maxProperties".into(), json!(x));
            }
            if let Some(x) = min {
                m.insert("minProperties".into(), json!(x));
            }
            m.insert("required".into(), json!(req));
            Value::Object(m)
        })
        .boxed()
}

/// Objects with members `a`, `b` and `n`, nested: what the recursive roots look at.
fn nested(depth: u32) -> BoxedStrategy<Value> {
    let leaf = select(vec![json!(0), json!("a"), Value::Null, json!([])]);
    if depth == 0 {
        return leaf.boxed();
    }
    prop_oneof![
        1 => leaf,
        3 => proptest::collection::btree_map(select(vec!["a", "b", "n"]), nested(depth - 1), 0..4)
            .prop_map(|m| Value::Object(m.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())),
        1 => proptest::collection::vec(nested(depth - 1), 0..3).prop_map(Value::Array),
    ]
    .boxed()
}

#[test]
fn recursion_through_not_agrees_with_brute_force() {
    let pairs = (recursive(), recursive());
    let input = (pairs, proptest::collection::vec(nested(4), 80));
    let mut runner = TestRunner::new(Config {
        cases: 300,
        failure_persistence: None,
        ..Config::default()
    });
    let counts = (Cell::new(0u32), Cell::new(0u32));
    runner
        .run(&input, |(pair, docs)| check(pair, docs, &counts))
        .unwrap();
    assert!(
        counts.0.get() > 20,
        "too few breaking pairs: {}",
        counts.0.get()
    );
}

/// A Draft-07 or 2020-12 root whose property `a` is a `$ref` with sibling keywords (ignored
/// by Draft-07, applied by 2020-12), and whose target is a leaf.
fn drafted(draft: &'static str) -> BoxedStrategy<Value> {
    // Draft-04 also writes exclusive bounds as booleans beside `minimum`/`maximum`.
    let b = if draft.contains("draft-04") {
        select(vec![
            json!({"type": "number", "minimum": 1, "exclusiveMinimum": true}),
            json!({"type": "number", "minimum": 1, "exclusiveMinimum": false}),
            json!({"type": "number", "minimum": 1}),
            json!({"maximum": 1, "exclusiveMaximum": true}),
            json!({"maximum": 1}),
        ])
        .boxed()
    } else {
        leaf()
    };
    (leaf(), proptest::option::of(leaf()), b)
        .prop_map(move |(target, sibling, b)| {
            let defs = if draft.contains("draft-0") {
                "definitions"
            } else {
                "$defs"
            };
            let mut a = sibling
                .and_then(|s| s.as_object().cloned())
                .unwrap_or_default();
            a.insert("$ref".into(), json!(format!("#/{defs}/A")));
            let mut target = target;
            if draft.contains("draft-04") {
                // Numeric exclusive bounds are Draft-06 and later: not valid Draft-04.
                drop_numeric_exclusive(&mut target);
                a.values_mut().for_each(drop_numeric_exclusive);
                a.retain(|k, v| !(k.starts_with("exclusive") && v.is_number()));
            }
            json!({"$schema": draft, "type": "object", defs: {"A": target},
               "properties": {"a": a, "b": b}})
        })
        .boxed()
}

/// `v` without numeric `exclusiveMinimum`/`exclusiveMaximum`, at any depth.
fn drop_numeric_exclusive(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.retain(|k, v| !(k.starts_with("exclusive") && v.is_number()));
            m.values_mut().for_each(drop_numeric_exclusive);
        }
        Value::Array(a) => a.iter_mut().for_each(drop_numeric_exclusive),
        _ => {}
    }
}

#[test]
fn drafts_agree_with_brute_force() {
    let d07 = "http://json-schema.org/draft-07/schema#";
    let d20 = "https://json-schema.org/draft/2020-12/schema";
    let d04 = "http://json-schema.org/draft-04/schema#";
    let pairs = prop_oneof![
        2 => (drafted(d04), drafted(d04)),
        1 => (drafted(d04), drafted(d20)),
        2 => (drafted(d07), drafted(d07)),
        2 => (drafted(d20), drafted(d20)),
        1 => (drafted(d07), drafted(d20)),
        1 => drafted(d07).prop_flat_map(|old| {
            // The same schema with the siblings of `a` dropped: FULL under Draft-07.
            let mut new = old.clone();
            if let Some(a) = new["properties"]["a"].as_object_mut() {
                a.retain(|k, _| k == "$ref");
            }
            (Just(old), Just(new))
        }),
    ];
    let input = (pairs, proptest::collection::vec(value(2), 60));
    let mut runner = TestRunner::new(Config {
        cases: 300,
        failure_persistence: None,
        ..Config::default()
    });
    let counts = (Cell::new(0u32), Cell::new(0u32));
    runner
        .run(&input, |(pair, docs)| check(pair, docs, &counts))
        .unwrap();
    assert!(
        counts.0.get() > 20,
        "too few breaking pairs: {}",
        counts.0.get()
    );
}
