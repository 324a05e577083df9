//! The law the checker exists for, on generated schema pairs and documents: a change classified
//! as backward compatible never makes the new schema reject a document the old one accepted,
//! and one classified as forward compatible never makes the old schema reject a document the
//! new one accepts (checked with the `jsonschema` crate).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure report

use metaaccess_account_compat::diff;
use proptest::prelude::*;
use proptest::sample::{select, subsequence};
use proptest::test_runner::{Config, TestRunner};
use serde_json::{json, Map, Value};

mod common;
use common::validator;

const NAMES: [&str; 4] = ["a", "b", "c", "d"];

fn leaf() -> impl Strategy<Value = Value> {
    let int = (
        proptest::option::of(-2i64..3),
        proptest::option::of(0i64..6),
        proptest::option::of(subsequence(vec![0, 1, 2, 3], 1..4)),
        any::<bool>(),
    )
        .prop_map(|(min, max, en, nullable)| {
            let mut s = Map::new();
            s.insert(
                "type".into(),
                if nullable {
                    json!(["integer", "null"])
                } else {
                    json!("integer")
                },
            );
            if let Some(m) = min {
                s.insert("minimum".into(), json!(m));
            }
            if let Some(m) = max {
                s.insert("maximum".into(), json!(m));
            }
            if let Some(e) = en {
                s.insert("enum".into(), json!(e));
            }
            Value::Object(s)
        });
    let string = (
        proptest::option::of(0u64..3),
        proptest::option::of(1u64..5),
        proptest::option::of(subsequence(vec!["a", "b", "abc", "2020-01-01"], 1..4)),
        proptest::option::of(select(vec!["date", "email"])),
    )
        .prop_map(|(min, max, en, format)| {
            let mut s = Map::new();
            s.insert("type".into(), json!("string"));
            if let Some(m) = min {
                s.insert("minLength".into(), json!(m));
            }
            if let Some(m) = max {
                s.insert("maxLength".into(), json!(m));
            }
            if let Some(e) = en {
                s.insert("enum".into(), json!(e));
            }
            if let Some(f) = format {
                s.insert("format".into(), json!(f));
            }
            Value::Object(s)
        });
    prop_oneof![
        3 => int,
        3 => string,
        1 => Just(json!({"type": "boolean"})),
        1 => Just(json!({"type": ["integer", "string"]})),
        1 => Just(json!({"description": "anything"})),
        1 => int_or_null_anyof(),
    ]
}

fn int_or_null_anyof() -> impl Strategy<Value = Value> {
    Just(json!({"anyOf": [{"type": "integer"}, {"type": "null"}]}))
}

fn object(depth: u32) -> BoxedStrategy<Value> {
    let prop = if depth == 0 {
        leaf().boxed()
    } else {
        prop_oneof![4 => leaf(), 1 => object(depth - 1).prop_map(|o| json!({"type": "array", "items": o}))].boxed()
    };
    (
        proptest::collection::btree_map(select(NAMES.to_vec()), prop, 0..4),
        subsequence(NAMES.to_vec(), 0..3),
        select(vec![None, Some(false), Some(true)]),
    )
        .prop_map(|(props, required, additional)| {
            let mut s = Map::new();
            s.insert("type".into(), json!("object"));
            s.insert("properties".into(), json!(props));
            s.insert("required".into(), json!(required));
            if let Some(a) = additional {
                s.insert("additionalProperties".into(), json!(a));
            }
            Value::Object(s)
        })
        .boxed()
}

/// A new schema derived from `old` by one change of the kinds a version bump makes.
fn mutate(old: Value) -> impl Strategy<Value = Value> {
    (0..7u8, select(NAMES.to_vec()), leaf(), -1i64..2).prop_map(
        move |(kind, name, replacement, delta)| {
            let mut new = old.clone();
            let s = new.as_object_mut().unwrap();
            match kind {
                0 => {
                    s["properties"]
                        .as_object_mut()
                        .unwrap()
                        .insert(name.into(), replacement);
                }
                1 => {
                    s["properties"].as_object_mut().unwrap().remove(name);
                }
                2 => {
                    let req = s["required"].as_array_mut().unwrap();
                    if let Some(i) = req.iter().position(|r| r == name) {
                        req.remove(i);
                    } else {
                        req.push(json!(name));
                    }
                }
                3 => match s.get("additionalProperties").cloned() {
                    None => {
                        s.insert("additionalProperties".into(), json!(false));
                    }
                    Some(Value::Bool(false)) => {
                        s.insert("additionalProperties".into(), json!(true));
                    }
                    Some(_) => {
                        s.remove("additionalProperties");
                    }
                },
                4 | 5 => {
                    // Nudge every bound of one property, or add/remove an enum value.
                    if let Some(Value::Object(p)) =
                        s["properties"].as_object_mut().unwrap().get_mut(name)
                    {
                        for k in ["minimum", "maximum", "minLength", "maxLength"] {
                            if let Some(v) = p.get(k).and_then(Value::as_i64) {
                                p.insert(k.into(), json!((v + delta).max(0)));
                            }
                        }
                        if let Some(Value::Array(e)) = p.get_mut("enum") {
                            if kind == 4 {
                                e.pop();
                            } else if e.iter().all(|v| v.is_number()) {
                                e.push(json!(7));
                            } else {
                                e.push(json!("zz"));
                            }
                        }
                    }
                }
                _ => {
                    if let Some(Value::Object(p)) =
                        s["properties"].as_object_mut().unwrap().get_mut(name)
                    {
                        if p.remove("format").is_none() {
                            p.insert("format".into(), json!("date"));
                        }
                    }
                }
            }
            new
        },
    )
}

fn value(depth: u32) -> BoxedStrategy<Value> {
    let scalar = prop_oneof![
        (-3i64..9).prop_map(Value::from),
        select(vec![
            "",
            "a",
            "b",
            "abc",
            "zz",
            "2020-01-01",
            "x@y.zz",
            "abcdef"
        ])
        .prop_map(Value::from),
        any::<bool>().prop_map(Value::from),
        Just(Value::Null),
        Just(json!(1.5)),
    ];
    if depth == 0 {
        scalar.boxed()
    } else {
        prop_oneof![4 => scalar, 1 => proptest::collection::vec(document(depth - 1), 0..3).prop_map(Value::from)].boxed()
    }
}

fn document(depth: u32) -> BoxedStrategy<Value> {
    proptest::collection::btree_map(select(vec!["a", "b", "c", "d", "e"]), value(depth), 0..5)
        .prop_map(|m| json!(m))
        .boxed()
}

#[test]
fn compatibility_claims_hold_for_every_document() {
    let pairs = object(1).prop_flat_map(|old| (Just(old.clone()), mutate(old)));
    let strategy = (pairs, proptest::collection::vec(document(1), 48));
    let claims = std::cell::Cell::new(0u32);
    TestRunner::new(Config { cases: 400, failure_persistence: None, ..Config::default() })
        .run(&strategy, |((old, new), docs)| {
            let report = diff(&old, &new);
            let (vo, vn) = (validator(&old), validator(&new));
            for doc in &docs {
                let (a, b) = (vo.is_valid(doc), vn.is_valid(doc));
                if report.is_backward_compatible() && a {
                    claims.set(claims.get() + 1);
                    prop_assert!(b, "claimed backward compatible, but the new schema rejects {doc}\nold {old}\nnew {new}\n{:#?}", report.changes);
                }
                if report.is_forward_compatible() && b {
                    prop_assert!(a, "claimed forward compatible, but the old schema rejects {doc}\nold {old}\nnew {new}\n{:#?}", report.changes);
                }
            }
            Ok(())
        })
        .unwrap();
    assert!(
        claims.get() > 100,
        "too few documents exercised a compatibility claim: {}",
        claims.get()
    );
}
