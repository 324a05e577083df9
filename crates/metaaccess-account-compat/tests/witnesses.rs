//! Counterexamples, keyword family by keyword family and in both directions: each case names
//! the verdict (argued from the spec in a comment) and every witness the report carries is
//! checked with the `jsonschema` crate: a backward witness is accepted by the old schema and
//! rejected by the new one, a forward witness the other way round. Every change that breaks a
//! direction for certain must carry a witness for it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure report

use metaaccess_account_compat::{diff, Breaks, Report};
use serde_json::{json, Value};

mod common;
use common::{swapped, valid};

/// Checks every witness of `r`; returns how many certain breaks had none.
fn check_witnesses(name: &str, old: &Value, new: &Value, r: &Report) -> usize {
    let mut missing = 0;
    for c in &r.changes {
        if let Some(w) = &c.witness.backward {
            assert!(
                valid(old, w) && !valid(new, w),
                "{name}: bad backward witness {w} for {c:?}"
            );
        }
        if let Some(w) = &c.witness.forward {
            assert!(
                valid(new, w) && !valid(old, w),
                "{name}: bad forward witness {w} for {c:?}"
            );
        }
        let certain = c.breaks != Breaks::Unknown;
        missing +=
            usize::from(certain && c.breaks.eq(&Breaks::Backward) && c.witness.backward.is_none());
        missing +=
            usize::from(certain && c.breaks == Breaks::Forward && c.witness.forward.is_none());
        missing += usize::from(
            c.breaks == Breaks::Both
                && (c.witness.backward.is_none() || c.witness.forward.is_none()),
        );
    }
    missing
}

#[path = "witnesses/cases.rs"]
mod cases;
use cases::{cases, closed};

#[test]
fn every_certain_break_has_a_verified_witness() {
    let mut total = 0;
    for (name, old, new, verdict) in cases() {
        for (old, new, verdict) in [(&old, &new, verdict), (&new, &old, swapped(verdict))] {
            let r = diff(old, new);
            assert_eq!(r.verdict, verdict, "{name}: {r:#?}");
            assert_eq!(
                check_witnesses(name, old, new, &r),
                0,
                "{name}: a certain break without a witness: {r:#?}"
            );
            total += r.changes.iter().filter(|c| !c.witness.is_empty()).count();
        }
    }
    assert!(total >= 80, "{total} witnesses");
}

#[test]
fn a_removed_enum_value_is_the_witness_in_a_minimal_document() {
    let old = closed(
        json!({"id": {"type": "integer", "minimum": 1}, "s": {"enum": ["on", "off"]}}),
        json!(["id", "s"]),
    );
    let new = closed(
        json!({"id": {"type": "integer", "minimum": 1}, "s": {"enum": ["on"]}}),
        json!(["id", "s"]),
    );
    let r = diff(&old, &new);
    assert_eq!(
        r.changes[0].witness.backward,
        Some(json!({"id": 1, "s": "off"}))
    );
    // A tightened maximum: the old maximum.
    let r = diff(
        &json!({"type": "integer", "maximum": 10}),
        &json!({"type": "integer", "maximum": 5}),
    );
    assert_eq!(r.changes[0].witness.backward, Some(json!(10)));
}
