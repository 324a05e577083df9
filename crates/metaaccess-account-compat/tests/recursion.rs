//! Recursive schemas: a `$ref` met again while its pair is being compared is assumed to hold
//! (the instance is smaller there), but through `not` that assumption is the opposite
//! direction, so a break anywhere makes it undecided instead of a certain, wrong answer.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure report

use metaaccess_account_compat::{diff, Verdict};
use serde_json::{json, Value};

mod common;
use common::valid;

/// No claim of `diff(old, new)` is refuted by any of `docs`.
fn claims_hold(old: &Value, new: &Value, docs: &[Value]) {
    let r = diff(old, new);
    for d in docs {
        let (a, b) = (valid(old, d), valid(new, d));
        assert!(
            !(a && !b && r.is_backward_compatible()),
            "{d} refutes {r:#?}"
        );
        assert!(
            !(b && !a && r.is_forward_compatible()),
            "{d} refutes {r:#?}"
        );
    }
}

#[test]
fn recursion_through_not_is_not_called_compatible() {
    // S = {n: ¬S}; T = {n: ¬T, maxProperties: 3}. {a,b,c,d} is in S, not in T (backward
    // broken); {"n": {a,b,c,d}} is in T (its n is not in T) and not in S (its n is in S):
    // forward broken too. The old checker called this FORWARD, certain.
    let old = json!({"properties": {"n": {"not": {"$ref": "#"}}}});
    let new = json!({"properties": {"n": {"not": {"$ref": "#"}}}, "maxProperties": 3});
    let x = json!({"a": 1, "b": 1, "c": 1, "d": 1});
    let docs = [x.clone(), json!({ "n": x })];
    assert!(valid(&old, &docs[0]) && !valid(&new, &docs[0]));
    assert!(valid(&new, &docs[1]) && !valid(&old, &docs[1]));
    for (o, n) in [(&old, &new), (&new, &old)] {
        let r = diff(o, n);
        assert_eq!(r.verdict, Verdict::None, "{r:#?}");
        assert!(!r.certain, "{r:#?}");
        assert!(
            r.undecided().any(|c| c.pointer == "/properties/n/not"),
            "{r:#?}"
        );
        claims_hold(o, n, &docs);
    }
}

#[test]
fn recursion_through_not_with_nothing_broken_stays_full() {
    // Only an annotation differs, so the schemas are equal, and equality survives `not`.
    let old = json!({"title": "a", "properties": {"n": {"not": {"$ref": "#"}}}});
    let new = json!({"title": "b", "properties": {"n": {"not": {"$ref": "#"}}}});
    let r = diff(&old, &new);
    assert_eq!((r.verdict, r.certain), (Verdict::Full, true), "{r:#?}");
}

#[test]
fn recursion_without_not_is_still_decided() {
    // A tree whose nodes gain a bound: every node of a new tree is a node of an old one.
    let old = json!({"type": "object", "properties": {"kids": {"type": "array", "items": {"$ref": "#"}}}});
    let new = json!({"type": "object", "maxProperties": 3,
                     "properties": {"kids": {"type": "array", "items": {"$ref": "#"}}}});
    let r = diff(&old, &new);
    assert_eq!((r.verdict, r.certain), (Verdict::Forward, true), "{r:#?}");
    // Two `not`s between the pair and its return: the same parity, the same assumption.
    let old = json!({"properties": {"n": {"not": {"not": {"$ref": "#"}}}}});
    let new = json!({"properties": {"n": {"not": {"not": {"$ref": "#"}}}}, "maxProperties": 3});
    let r = diff(&old, &new);
    assert_eq!((r.verdict, r.certain), (Verdict::Forward, true), "{r:#?}");
}
