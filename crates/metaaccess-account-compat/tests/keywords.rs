//! Keyword by keyword, in both directions: the verdict, argued from the JSON Schema spec in a
//! comment, and documents that the `jsonschema` crate checks. `back` documents are accepted by
//! the old schema and rejected by the new one (they prove backward compatibility broken),
//! `fwd` documents the other way round, `both` documents are accepted by both. Each case is
//! also run with old and new swapped, where `back` and `fwd` trade places.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure report

use metaaccess_account_compat::{diff, Verdict};
use serde_json::{json, Value};

mod common;
use common::{swapped, validator};

struct Case {
    name: &'static str,
    old: Value,
    new: Value,
    verdict: Verdict,
    back: Vec<Value>,
    fwd: Vec<Value>,
    both: Vec<Value>,
}

fn case(name: &'static str, old: Value, new: Value, verdict: Verdict) -> Case {
    Case {
        name,
        old,
        new,
        verdict,
        back: vec![],
        fwd: vec![],
        both: vec![],
    }
}

impl Case {
    fn back(mut self, docs: Vec<Value>) -> Self {
        self.back = docs;
        self
    }
    fn fwd(mut self, docs: Vec<Value>) -> Self {
        self.fwd = docs;
        self
    }
    fn both(mut self, docs: Vec<Value>) -> Self {
        self.both = docs;
        self
    }
}

/// `{"$defs": {"D": d}}` merged into `schema`.
fn with_d(mut schema: Value, d: Value) -> Value {
    schema["$defs"] = json!({ "D": d });
    schema
}

const D: &str = "#/$defs/D";
const DRAFT7: &str = "http://json-schema.org/draft-07/schema#";

fn refs_through_every_keyword() -> Vec<Case> {
    use Verdict::{Backward, Forward, None};
    let (s, i) = (json!({"type": "string"}), json!({"type": "integer"}));
    let changed = |name, at: Value, back: Vec<Value>, fwd: Vec<Value>| {
        // The same reference, its target changed from string to integer: both directions break.
        case(
            name,
            with_d(at.clone(), s.clone()),
            with_d(at, i.clone()),
            None,
        )
        .back(back)
        .fwd(fwd)
    };
    vec![
        changed(
            "ref under prefixItems",
            json!({"prefixItems": [{"$ref": D}]}),
            vec![json!(["a"])],
            vec![json!([1])],
        ),
        changed(
            "ref under a schema-valued additionalProperties",
            json!({"additionalProperties": {"$ref": D}}),
            vec![json!({"x": "a"})],
            vec![json!({"x": 1})],
        ),
        changed(
            "ref under contains",
            json!({"contains": {"$ref": D}}),
            vec![json!(["a"])],
            vec![json!([1])],
        ),
        changed(
            "ref under unevaluatedProperties",
            json!({"unevaluatedProperties": {"$ref": D}}),
            vec![json!({"x": "a"})],
            vec![json!({"x": 1})],
        ),
        changed(
            "ref under unevaluatedItems",
            json!({"unevaluatedItems": {"$ref": D}}),
            vec![json!(["a"])],
            vec![json!([1])],
        ),
        changed(
            "ref under dependentSchemas",
            json!({"dependentSchemas": {"a": {"properties": {"b": {"$ref": D}}}}}),
            vec![json!({"a": 0, "b": "x"})],
            vec![json!({"a": 0, "b": 1})],
        ),
        changed(
            "ref under oneOf (unclassified, not silent)",
            json!({"oneOf": [{"$ref": D}, {"type": "null"}]}),
            vec![json!("a")],
            vec![json!(1)],
        ),
        changed(
            "ref under not (unclassified, not silent)",
            json!({"not": {"$ref": D}}),
            vec![json!(1)],
            vec![json!("a")],
        ),
        // `patternProperties` entries apply to every matching name: the entry widening from
        // string to string-or-null widens the schema, and only that.
        case(
            "ref under patternProperties",
            with_d(json!({"patternProperties": {"^x": {"$ref": D}}}), s.clone()),
            with_d(json!({"patternProperties": {"^x": {"$ref": D}}}), json!({"type": ["string", "null"]})),
            Backward,
        )
        .fwd(vec![json!({"x": null})])
        .both(vec![json!({"x": "a"}), json!({"y": 1})]),
        // `propertyNames` applies to every name: a shorter maxLength rejects more.
        case(
            "ref under propertyNames",
            with_d(json!({"propertyNames": {"$ref": D}}), json!({"maxLength": 3})),
            with_d(json!({"propertyNames": {"$ref": D}}), json!({"maxLength": 2})),
            Forward,
        )
        .back(vec![json!({"abc": 1})])
        .both(vec![json!({"ab": 1})]),
        // With the same `if`, `then` is monotone: a higher minimum in `then` rejects more.
        case(
            "ref under then",
            with_d(json!({"if": {"type": "integer"}, "then": {"$ref": D}}), json!({"minimum": 0})),
            with_d(json!({"if": {"type": "integer"}, "then": {"$ref": D}}), json!({"minimum": 1})),
            Forward,
        )
        .back(vec![json!(0)])
        .both(vec![json!(1), json!(-0.5)]),
        // `else` likewise, for documents that fail `if`.
        case(
            "ref under else",
            with_d(json!({"if": {"type": "integer"}, "else": {"$ref": D}}), json!({"maxLength": 1})),
            with_d(json!({"if": {"type": "integer"}, "else": {"$ref": D}}), json!({"maxLength": 2})),
            Backward,
        )
        .fwd(vec![json!("ab")])
        .both(vec![json!(123), json!("a")]),
        // A changed `if` moves documents between `then` and `else`: not classified.
        case(
            "ref under if",
            with_d(json!({"if": {"$ref": D}, "then": {"minimum": 0}}), i.clone()),
            with_d(json!({"if": {"$ref": D}, "then": {"minimum": 0}}), json!({"type": "number"})),
            None,
        )
        .back(vec![json!(-0.5)]),
        // Draft-07 tuple `items` and `additionalItems`, position by position.
        case(
            "ref under draft-07 tuple items",
            json!({"$schema": DRAFT7, "items": [{"$ref": "#/definitions/D"}], "definitions": {"D": s}}),
            json!({"$schema": DRAFT7, "items": [{"$ref": "#/definitions/D"}], "definitions": {"D": i}}),
            None,
        )
        .back(vec![json!(["a"])])
        .fwd(vec![json!([1])]),
        case(
            "ref under draft-07 additionalItems",
            json!({"$schema": DRAFT7, "items": [{}], "additionalItems": {"$ref": "#/definitions/D"}, "definitions": {"D": s}}),
            json!({"$schema": DRAFT7, "items": [{}], "additionalItems": {"$ref": "#/definitions/D"}, "definitions": {"D": i}}),
            None,
        )
        .back(vec![json!([0, "a"])])
        .fwd(vec![json!([0, 1])]),
        // Draft-07 `dependencies`, schema form: one more required name rejects more.
        case(
            "ref under draft-07 dependencies",
            json!({"$schema": DRAFT7, "dependencies": {"a": {"$ref": "#/definitions/D"}}, "definitions": {"D": {"required": ["b"]}}}),
            json!({"$schema": DRAFT7, "dependencies": {"a": {"$ref": "#/definitions/D"}}, "definitions": {"D": {"required": ["b", "c"]}}}),
            Forward,
        )
        .back(vec![json!({"a": 1, "b": 1})])
        .both(vec![json!({"b": 1}), json!({"a": 1, "b": 1, "c": 1})]),
    ]
}

fn unevaluated() -> Vec<Case> {
    use Verdict::{Backward, Forward, None};
    vec![
        // `unevaluatedProperties: false` rejects "b" in the old schema; the new one declares it:
        // new accepts {"b": "x"}, old does not. With no in-place applicator beside it, the
        // evaluated names are those of `properties`: it is `additionalProperties: false`.
        case(
            "unevaluatedProperties false, property added",
            json!({"properties": {"a": {}}, "unevaluatedProperties": false}),
            json!({"properties": {"a": {}, "b": {"type": "string"}}, "unevaluatedProperties": false}),
            Backward,
        )
        .fwd(vec![json!({"b": "x"})])
        .both(vec![json!({"a": 1})]),
        // The same through an in-place applicator: `allOf` annotations count as evaluated.
        case(
            "unevaluatedProperties false, property added inside allOf",
            json!({"allOf": [{"properties": {"a": {}}}], "unevaluatedProperties": false}),
            json!({"allOf": [{"properties": {"a": {}, "b": {}}}], "unevaluatedProperties": false}),
            None,
        )
        .fwd(vec![json!({"b": 1})]),
        // And through a `$ref` beside it, whose target changed.
        case(
            "unevaluatedProperties false beside a changed ref",
            with_d(json!({"$ref": D, "unevaluatedProperties": false}), json!({"properties": {"a": {}}})),
            with_d(json!({"$ref": D, "unevaluatedProperties": false}), json!({"properties": {"a": {}, "b": {}}})),
            None,
        )
        .fwd(vec![json!({"b": 1})]),
        // Everything else the same: `false` is a narrower schema than none.
        case(
            "unevaluatedProperties false added",
            json!({"properties": {"a": {}}}),
            json!({"properties": {"a": {}}, "unevaluatedProperties": false}),
            Forward,
        )
        .back(vec![json!({"z": 1})])
        .both(vec![json!({"a": 1})]),
        case(
            "unevaluatedItems false, prefix grew",
            json!({"prefixItems": [{}], "unevaluatedItems": false}),
            json!({"prefixItems": [{}, {}], "unevaluatedItems": false}),
            None,
        )
        .fwd(vec![json!([1, 2])]),
    ]
}

fn objects_arrays_combinators() -> Vec<Case> {
    use Verdict::{Backward, Forward, Full, None};
    vec![
        // "a" matches the pattern, so the old additionalProperties never applied to it: the
        // new integer constraint rejects {"a": "s"}. Regular expressions are not evaluated.
        case(
            "property added where a pattern may apply",
            json!({"patternProperties": {"^a": {}}, "additionalProperties": {"type": "integer"}}),
            json!({"properties": {"a": {"type": "integer"}}, "patternProperties": {"^a": {}}, "additionalProperties": {"type": "integer"}}),
            None,
        )
        .back(vec![json!({"a": "s"})]),
        // With additionalProperties open, a new pattern is one more constraint.
        case(
            "pattern added to an open object",
            json!({"type": "object"}),
            json!({"type": "object", "patternProperties": {"^a": {"type": "string"}}}),
            Forward,
        )
        .back(vec![json!({"a": 1})])
        .both(vec![json!({"a": "s", "b": 1})]),
        // Position 1 was unconstrained (no rest schema): now it must be an integer.
        case(
            "prefixItems grew",
            json!({"prefixItems": [{"type": "string"}]}),
            json!({"prefixItems": [{"type": "string"}, {"type": "integer"}]}),
            Forward,
        )
        .back(vec![json!(["a", "b"])])
        .both(vec![json!(["a", 1]), json!(["a"])]),
        // Position 1 was rejected by `items: false`: now an integer is allowed there.
        case(
            "prefixItems grew into items false",
            json!({"prefixItems": [{"type": "string"}], "items": false}),
            json!({"prefixItems": [{"type": "string"}, {"type": "integer"}], "items": false}),
            Backward,
        )
        .fwd(vec![json!(["a", 1])])
        .both(vec![json!(["a"])]),
        // With maxContains, more matching items can reject: a wider `contains` is unclassified.
        case(
            "contains widened under maxContains",
            json!({"contains": {"type": "integer"}, "maxContains": 1}),
            json!({"contains": {"type": "number"}, "maxContains": 1}),
            None,
        )
        .back(vec![json!([1.5, 1])]),
        // minContains 0 accepts arrays with no matching item (the default is 1).
        case(
            "minContains 0 added",
            json!({"contains": {"type": "integer"}}),
            json!({"contains": {"type": "integer"}, "minContains": 0}),
            Backward,
        )
        .fwd(vec![json!(["a"])])
        .both(vec![json!([1])]),
        case(
            "dependentRequired name dropped",
            json!({"dependentRequired": {"a": ["b"]}}),
            json!({"dependentRequired": {"a": []}}),
            Backward,
        )
        .fwd(vec![json!({"a": 1})])
        .both(vec![json!({"a": 1, "b": 1})]),
        // `minimum` beside the anyOf applies to numbers: 3 is rejected now.
        case(
            "nullable anyOf with a constraint beside it",
            json!({"type": "integer"}),
            json!({"anyOf": [{"type": "integer"}, {"type": "null"}], "minimum": 5}),
            None,
        )
        .back(vec![json!(3)])
        .fwd(vec![json!(null)]),
        // The validator follows `$ref` at every step; a pair met again adds nothing.
        case(
            "recursive schema unchanged",
            with_d(json!({"$ref": D}), json!({"type": "object", "properties": {"kids": {"type": "array", "items": {"$ref": D}}}})),
            with_d(json!({"$ref": D}), json!({"type": "object", "properties": {"kids": {"type": "array", "items": {"$ref": D}}}})),
            Full,
        )
        .both(vec![json!({"kids": [{"kids": []}]})]),
        case(
            "recursive schema widened",
            with_d(json!({"$ref": D}), json!({"properties": {"v": {"type": "string"}, "kids": {"items": {"$ref": D}}}})),
            with_d(json!({"$ref": D}), json!({"properties": {"v": {"type": ["string", "integer"]}, "kids": {"items": {"$ref": D}}}})),
            Backward,
        )
        .fwd(vec![json!({"kids": [{"v": 1}]})])
        .both(vec![json!({"kids": [{"v": "a"}]})]),
        // Siblings of a `$ref` in the middle of a chain apply too (2020-12).
        case(
            "sibling on a ref chain tightened",
            json!({"$ref": "#/$defs/A", "$defs": {"A": {"$ref": "#/$defs/B", "maxLength": 3}, "B": {"type": "string"}}}),
            json!({"$ref": "#/$defs/A", "$defs": {"A": {"$ref": "#/$defs/B", "maxLength": 2}, "B": {"type": "string"}}}),
            Forward,
        )
        .back(vec![json!("abc")])
        .both(vec![json!("ab")]),
        // Draft-07 ignores `prefixItems`; 2020-12 applies it.
        case(
            "draft changed",
            json!({"$schema": DRAFT7, "prefixItems": [{"type": "string"}]}),
            json!({"$schema": "https://json-schema.org/draft/2020-12/schema", "prefixItems": [{"type": "string"}]}),
            None,
        )
        .back(vec![json!([1])]),
    ]
}

fn numbers_and_types() -> Vec<Case> {
    use Verdict::{Backward, Full, None};
    vec![
        // 10.0 and 10 are the same number (JSON Schema compares numbers by value).
        case(
            "maximum 10.0 and 10",
            json!({"maximum": 10.0}),
            json!({"maximum": 10}),
            Full,
        )
        .both(vec![json!(10), json!(9.5)]),
        // Every multiple of 4 is a multiple of 2.
        case(
            "multipleOf 4 to 2",
            json!({"multipleOf": 4}),
            json!({"multipleOf": 2}),
            Backward,
        )
        .fwd(vec![json!(2)])
        .both(vec![json!(8)]),
        case(
            "multipleOf 4 to 6",
            json!({"multipleOf": 4}),
            json!({"multipleOf": 6}),
            None,
        )
        .back(vec![json!(4)])
        .fwd(vec![json!(6)])
        .both(vec![json!(12)]),
        // A `type` listing all seven types allows any instance, like no `type`.
        case(
            "every type listed",
            json!({"type": ["null", "boolean", "object", "array", "number", "string", "integer"]}),
            json!({}),
            Full,
        )
        .both(vec![
            json!(null),
            json!(true),
            json!({}),
            json!([]),
            json!(1.5),
            json!("a"),
            json!(1),
        ]),
    ]
}

#[test]
fn every_keyword_family_in_both_directions() {
    let cases = [
        refs_through_every_keyword(),
        unevaluated(),
        objects_arrays_combinators(),
        numbers_and_types(),
    ];
    let mut failures = Vec::new();
    for c in cases.into_iter().flatten() {
        let (vo, vn) = (validator(&c.old), validator(&c.new));
        for (old, new, back, fwd, verdict, dir) in [
            (&c.old, &c.new, &c.back, &c.fwd, c.verdict, "old -> new"),
            (
                &c.new,
                &c.old,
                &c.fwd,
                &c.back,
                swapped(c.verdict),
                "new -> old",
            ),
        ] {
            let report = diff(old, new);
            if report.verdict != verdict {
                failures.push(format!(
                    "{} ({dir}): got {} want {verdict}\n{:#?}",
                    c.name, report.verdict, report.changes
                ));
            }
            // The verdict must not claim what a witness disproves.
            if !back.is_empty() && report.is_backward_compatible() {
                failures.push(format!("{} ({dir}): claims backward compatible", c.name));
            }
            if !fwd.is_empty() && report.is_forward_compatible() {
                failures.push(format!("{} ({dir}): claims forward compatible", c.name));
            }
        }
        // The witnesses are what they say, per the validator.
        for (docs, want, what) in [
            (&c.back, (true, false), "back"),
            (&c.fwd, (false, true), "fwd"),
            (&c.both, (true, true), "both"),
        ] {
            for doc in docs {
                let got = (vo.is_valid(doc), vn.is_valid(doc));
                if got != want {
                    failures.push(format!(
                        "{}: {what} document {doc}: old/new accept {got:?}",
                        c.name
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
