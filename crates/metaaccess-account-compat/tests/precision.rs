//! Changes that are classified for certain rather than left unclassified: `not` (directions
//! swap), `oneOf` whose branches exclude each other (then it is an `anyOf`), numbers equal as
//! numbers in `enum`/`const` (1 and 1.0), and `unevaluatedProperties` with no in-place
//! applicator beside it (then it is `additionalProperties`). And the cases that must stay
//! unclassified. Every verdict is checked in both directions, every witness with `jsonschema`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure report

use metaaccess_account_compat::{diff, Verdict};
use serde_json::{json, Value};

mod common;
use common::{swapped, valid};

fn tagged(tag: &str, x: &str) -> Value {
    json!({"type": "object", "required": ["kind"],
           "properties": {"kind": {"const": tag}, "x": {"type": x}}})
}

/// (name, old, new, verdict): classified for certain.
fn certain() -> Vec<(&'static str, Value, Value, Verdict)> {
    use Verdict::{Backward, Forward, Full};
    let s = json!({"type": "string"});
    let closed_ev = |props: Value| {
        json!({"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
               "properties": props, "unevaluatedProperties": false})
    };
    vec![
        // `not`: ¬A ⊆ ¬B exactly when B ⊆ A (§10.2.1.4).
        (
            "not widened",
            json!({"not": s}),
            json!({"not": {"type": ["string", "integer"]}}),
            Forward,
        ),
        (
            "not enum grew",
            json!({"not": {"enum": ["a"]}}),
            json!({"not": {"enum": ["a", "b"]}}),
            Forward,
        ),
        (
            "not under a property",
            json!({"properties": {"p": {"not": {"type": "integer", "minimum": 5}}}}),
            json!({"properties": {"p": {"not": {"type": "integer", "minimum": 3}}}}),
            Forward,
        ),
        // `oneOf` of branches no document matches twice is `anyOf` (§10.2.1.3).
        (
            "oneOf disjoint by type",
            json!({"oneOf": [{"type": "string", "maxLength": 3}, {"type": "integer"}]}),
            json!({"oneOf": [{"type": "string", "maxLength": 5}, {"type": "integer"}]}),
            Backward,
        ),
        (
            "oneOf disjoint by const tag",
            json!({"oneOf": [tagged("a", "integer"), tagged("b", "string")]}),
            json!({"oneOf": [tagged("a", "number"), tagged("b", "string")]}),
            Backward,
        ),
        (
            "oneOf disjoint through refs",
            json!({"oneOf": [{"$ref": "#/$defs/S"}, {"type": "null"}], "$defs": {"S": {"type": "string"}}}),
            json!({"oneOf": [{"$ref": "#/$defs/S"}, {"type": "null"}], "$defs": {"S": {"type": "string", "minLength": 1}}}),
            Forward,
        ),
        // `enum` and `const` compare numbers as numbers (§4.2.2: 1 and 1.0 are equal).
        (
            "enum 1 vs 1.0",
            json!({"enum": [1, 2]}),
            json!({"enum": [1.0, 2]}),
            Full,
        ),
        (
            "const 1 vs 1.0",
            json!({"const": 1}),
            json!({"const": 1.0}),
            Full,
        ),
        (
            "enum 1.0 removed as 1",
            json!({"enum": [1.0, 2]}),
            json!({"enum": [2]}),
            Forward,
        ),
        // `type`, `enum` and `const` folded into one domain (§6.1): the listed values are
        // checked one by one against the other side; a side that lists none accepts
        // infinitely many values, so the list is a break the other way.
        (
            "enum to its type",
            json!({"enum": ["a", "b"]}),
            json!({"type": "string"}),
            Backward,
        ),
        (
            "enum to const",
            json!({"enum": ["a", "b"]}),
            json!({"const": "a"}),
            Forward,
        ),
        (
            "const to a bounded type",
            json!({"const": 5}),
            json!({"type": "integer", "minimum": 0}),
            Backward,
        ),
        (
            "enum with null to nullable type",
            json!({"enum": ["a", null]}),
            json!({"type": ["string", "null"]}),
            Backward,
        ),
        (
            "type null to enum with null",
            json!({"type": "null"}),
            json!({"enum": [null, "a"]}),
            Backward,
        ),
        (
            "enum of lengths to maxLength",
            json!({"enum": ["", "ab"]}),
            json!({"type": "string", "maxLength": 2}),
            Backward,
        ),
        (
            "boolean to its values",
            json!({"type": "boolean"}),
            json!({"enum": [true, false]}),
            Full,
        ),
        // `minimum`/`exclusiveMinimum` read as one bound (§6.2.2-§6.2.5): the same value,
        // now excluded, is one tightening.
        (
            "minimum to exclusiveMinimum at the same value",
            json!({"type": "number", "minimum": 5}),
            json!({"type": "number", "exclusiveMinimum": 5}),
            Forward,
        ),
        (
            "exclusiveMaximum below a maximum",
            json!({"type": "number", "maximum": 5, "exclusiveMaximum": 7}),
            json!({"type": "number", "exclusiveMaximum": 5}),
            Forward,
        ),
        // Draft-04 writes an exclusive bound as a boolean beside it (Draft-04 validation
        // §5.1.2-§5.1.3): read as the later form.
        (
            "Draft-04 boolean exclusiveMinimum added",
            json!({"$schema": "http://json-schema.org/draft-04/schema#", "type": "number", "minimum": 5}),
            json!({"$schema": "http://json-schema.org/draft-04/schema#", "type": "number", "minimum": 5, "exclusiveMinimum": true}),
            Forward,
        ),
        (
            "Draft-04 boolean exclusiveMaximum is 2020-12's number",
            json!({"$schema": "http://json-schema.org/draft-04/schema#", "maximum": 5, "exclusiveMaximum": true}),
            json!({"exclusiveMaximum": 5}),
            Full,
        ),
        // An `anyOf`/`oneOf` of simple schemas is one domain too (§10.2.1.2-§10.2.1.3): the
        // `oneOf` of `const`s that generators write for documented enums is its `enum`, and a
        // value two `oneOf` branches share is rejected.
        (
            "oneOf of consts is its enum",
            json!({"oneOf": [{"const": "a", "title": "A"}, {"const": "b", "title": "B"}]}),
            json!({"enum": ["a", "b"]}),
            Full,
        ),
        (
            "anyOf of a type and a const to an enum",
            json!({"anyOf": [{"type": "integer"}, {"const": "x"}]}),
            json!({"enum": [1, "x"]}),
            Forward,
        ),
        (
            "oneOf rejects the value its branches share",
            json!({"oneOf": [{"enum": ["a", "b"]}, {"enum": ["b", "c"]}]}),
            json!({"enum": ["a", "c"]}),
            Full,
        ),
        // Without listed values, an `anyOf` is compared branch within branch, a branch of
        // several types as one branch per type (§6.1.1 and §10.2.1.2).
        (
            "anyOf of two types is the type list",
            json!({"anyOf": [{"type": "string"}, {"type": "integer"}]}),
            json!({"type": ["string", "integer"]}),
            Full,
        ),
        (
            "anyOf of bounded branches within a type list",
            json!({"anyOf": [{"type": "integer", "minimum": 0}, {"type": "string", "maxLength": 3}]}),
            json!({"type": ["integer", "string"], "description": "either"}),
            Backward,
        ),
        (
            "anyOf gains a branch",
            json!({"anyOf": [{"type": "integer", "minimum": 1}, {"type": "null"}]}),
            json!({"anyOf": [{"type": "integer", "exclusiveMinimum": 0.5}, {"type": "null"}, {"type": "boolean"}]}),
            Backward,
        ),
        // Draft-04 has no `const` (added in Draft-06): its validators ignore it, so the old
        // schema accepts everything.
        (
            "Draft-04 const is no keyword",
            json!({"$schema": "http://json-schema.org/draft-04/schema#", "const": 1}),
            json!({"$schema": "http://json-schema.org/draft-04/schema#", "enum": [1, 2]}),
            Forward,
        ),
        // Draft-07 ignores every keyword beside `$ref` (Draft-07 core §8.3): a sibling added
        // there changes nothing.
        (
            "Draft-07 $ref sibling added",
            json!({"$schema": "http://json-schema.org/draft-07/schema#",
                   "properties": {"a": {"$ref": "#/definitions/A"}},
                   "definitions": {"A": {"type": "string"}}}),
            json!({"$schema": "http://json-schema.org/draft-07/schema#",
                   "properties": {"a": {"$ref": "#/definitions/A", "maxLength": 3, "type": "integer"}},
                   "definitions": {"A": {"type": "string"}}}),
            Full,
        ),
        // The same in 2020-12 applies the sibling (§8.2.3.1): a tightening.
        (
            "2020-12 $ref sibling added",
            json!({"properties": {"a": {"$ref": "#/$defs/A"}}, "$defs": {"A": {"type": "string"}}}),
            json!({"properties": {"a": {"$ref": "#/$defs/A", "maxLength": 3}}, "$defs": {"A": {"type": "string"}}}),
            Forward,
        ),
        // `unevaluatedProperties` with only `properties` beside it is `additionalProperties`.
        (
            "unevaluatedProperties false: property added",
            closed_ev(json!({"a": s})),
            closed_ev(json!({"a": s, "b": s})),
            Backward,
        ),
        (
            "unevaluatedProperties false removed",
            closed_ev(json!({"a": s})),
            json!({"type": "object", "properties": {"a": s}}),
            Backward,
        ),
        (
            "unevaluatedProperties false: property narrowed",
            closed_ev(json!({"a": {"type": ["string", "null"]}})),
            closed_ev(json!({"a": s})),
            Forward,
        ),
    ]
}

/// Changes that must stay unclassified: the shortcut would not be sound.
fn uncertain() -> Vec<(&'static str, Value, Value)> {
    vec![
        // Branches that overlap: a document matching both is rejected; widening one may add overlap.
        (
            "oneOf overlapping",
            json!({"oneOf": [{"type": "integer"}, {"minimum": 5}]}),
            json!({"oneOf": [{"type": "integer"}, {"minimum": 3}]}),
        ),
        (
            "oneOf integer and number",
            json!({"oneOf": [{"type": "integer"}, {"type": "number", "maximum": 1}]}),
            json!({"oneOf": [{"type": "integer"}, {"type": "number", "maximum": 2}]}),
        ),
        // A listed value against a `pattern`: regular expressions are not evaluated.
        (
            "enum against a pattern",
            json!({"enum": ["a", "b"]}),
            json!({"type": "string", "pattern": "^a"}),
        ),
        // Draft-04 ignores `const`, so these branches may overlap: not an `anyOf`.
        (
            "Draft-04 oneOf tagged by const",
            json!({"$schema": "http://json-schema.org/draft-04/schema#",
                   "oneOf": [{"const": 1, "maximum": 3}, {"const": 2}]}),
            json!({"$schema": "http://json-schema.org/draft-04/schema#",
                   "oneOf": [{"const": 1, "maximum": 5}, {"const": 2}]}),
        ),
        // An in-place applicator may evaluate properties: not the same as additionalProperties.
        (
            "unevaluatedProperties beside allOf",
            json!({"allOf": [{"properties": {"a": true}}], "unevaluatedProperties": false}),
            json!({"allOf": [{"properties": {"a": true, "b": true}}], "unevaluatedProperties": false}),
        ),
    ]
}

#[test]
fn precise_where_it_is_sound() {
    for (name, old, new, verdict) in certain() {
        for (old, new, verdict) in [(&old, &new, verdict), (&new, &old, swapped(verdict))] {
            let r = diff(old, new);
            assert_eq!((r.verdict, r.certain), (verdict, true), "{name}: {r:#?}");
            for c in &r.changes {
                if let Some(w) = &c.witness.backward {
                    assert!(valid(old, w) && !valid(new, w), "{name}: {w}");
                }
                if let Some(w) = &c.witness.forward {
                    assert!(valid(new, w) && !valid(old, w), "{name}: {w}");
                }
            }
            let needs = |b: bool| !b || r.changes.iter().any(|c| !c.witness.is_empty());
            assert!(
                needs(verdict != Verdict::Full),
                "{name}: no witness: {r:#?}"
            );
        }
    }
}

#[test]
fn unclassified_where_it_is_not() {
    for (name, old, new) in uncertain() {
        for (old, new) in [(&old, &new), (&new, &old)] {
            let r = diff(old, new);
            assert!(!r.certain && r.verdict == Verdict::None, "{name}: {r:#?}");
        }
    }
}

#[test]
fn count_unclassified_changes() {
    let n: usize = certain()
        .iter()
        .flat_map(|(_, o, n, _)| [diff(o, n), diff(n, o)])
        .map(|r| {
            r.changes
                .iter()
                .filter(|c| c.kind == metaaccess_account_compat::ChangeKind::Unclassified)
                .count()
        })
        .sum();
    eprintln!("unclassified changes over the corpus: {n}");
}
