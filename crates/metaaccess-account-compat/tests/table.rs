//! A broad table of small schema pairs, each with its expected changes and verdict.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure report

use metaaccess_account_compat::{diff, Breaks, ChangeKind as K, Verdict};
use serde_json::{json, Value};

struct Case {
    name: &'static str,
    old: Value,
    new: Value,
    changes: Vec<(&'static str, K, Breaks)>,
    verdict: Verdict,
}

fn obj(props: Value) -> Value {
    json!({"type": "object", "properties": props})
}

fn cases() -> Vec<Case> {
    use Breaks::{Backward as B, Both, Forward as F, Neither as N, Unknown as U};
    vec![
        Case {
            name: "identical",
            old: obj(json!({"a": {"type": "string"}})),
            new: obj(json!({"a": {"type": "string"}})),
            changes: vec![],
            verdict: Verdict::Full,
        },
        Case {
            name: "description only",
            old: json!({"type": "integer", "description": "x"}),
            new: json!({"type": "integer", "description": "y", "examples": [1]}),
            changes: vec![],
            verdict: Verdict::Full,
        },
        Case {
            name: "property added to an open object",
            old: obj(json!({})),
            new: obj(json!({"a": {"type": "string"}})),
            changes: vec![("/properties/a", K::PropertyAdded, B)],
            verdict: Verdict::Forward,
        },
        Case {
            name: "property added to a closed object",
            old: json!({"type": "object", "additionalProperties": false}),
            new: json!({"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": false}),
            changes: vec![("/properties/a", K::PropertyAdded, F)],
            verdict: Verdict::Backward,
        },
        Case {
            name: "unconstrained property added",
            old: obj(json!({})),
            new: obj(json!({"a": {"description": "anything"}})),
            changes: vec![("/properties/a", K::PropertyAdded, N)],
            verdict: Verdict::Full,
        },
        Case {
            name: "property removed from a closed object",
            old: json!({"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": false}),
            new: json!({"type": "object", "additionalProperties": false}),
            changes: vec![("/properties/a", K::PropertyRemoved, B)],
            verdict: Verdict::Forward,
        },
        Case {
            name: "property removed from an open object",
            old: obj(json!({"a": {"type": "string"}})),
            new: obj(json!({})),
            changes: vec![("/properties/a", K::PropertyRemoved, F)],
            verdict: Verdict::Backward,
        },
        Case {
            name: "required added",
            old: json!({"required": []}),
            new: json!({"required": ["a"]}),
            changes: vec![("/required", K::RequiredAdded, B)],
            verdict: Verdict::Forward,
        },
        Case {
            name: "required removed",
            old: json!({"required": ["a", "b"]}),
            new: json!({"required": ["b"]}),
            changes: vec![("/required", K::RequiredRemoved, F)],
            verdict: Verdict::Backward,
        },
        Case {
            name: "type widened",
            old: json!({"type": "integer"}),
            new: json!({"type": ["integer", "string"]}),
            changes: vec![("/type", K::TypeWidened, F)],
            verdict: Verdict::Backward,
        },
        Case {
            name: "integer to number is widening",
            old: json!({"type": "integer"}),
            new: json!({"type": "number"}),
            changes: vec![("/type", K::TypeWidened, F)],
            verdict: Verdict::Backward,
        },
        Case {
            name: "type narrowed",
            old: json!({"type": ["string", "null"]}),
            new: json!({"type": "string"}),
            changes: vec![("/type", K::TypeNarrowed, B)],
            verdict: Verdict::Forward,
        },
        Case {
            name: "type changed",
            old: json!({"type": "string"}),
            new: json!({"type": "integer"}),
            changes: vec![("/type", K::TypeChanged, Both)],
            verdict: Verdict::None,
        },
        // A bound on a type the new schema no longer allows is moot: the type change says it
        // all (§6.2: `minimum` asserts on numbers only).
        Case {
            name: "integer to string lists no bound",
            old: json!({"type": "integer", "minimum": 0, "multipleOf": 2}),
            new: json!({"type": "string", "maxLength": 3, "pattern": "^a"}),
            changes: vec![("/type", K::TypeChanged, Both)],
            verdict: Verdict::None,
        },
        // `type`, `enum` and `const` folded (§6.1.1-§6.1.3): every listed value is checked
        // against the other side.
        Case {
            name: "enum to its type",
            old: json!({"enum": ["a", "b"]}),
            new: json!({"type": "string"}),
            changes: vec![("/enum", K::ValueConstraintChanged, F)],
            verdict: Verdict::Backward,
        },
        Case {
            name: "enum to another type",
            old: json!({"enum": ["a", 1]}),
            new: json!({"type": "string"}),
            changes: vec![
                ("/enum", K::ValueConstraintChanged, F),
                ("/enum", K::EnumValueRemoved, B),
            ],
            verdict: Verdict::None,
        },
        Case {
            name: "enum to const",
            old: json!({"enum": ["a", "b"]}),
            new: json!({"const": "a"}),
            changes: vec![("/enum", K::EnumValueRemoved, B)],
            verdict: Verdict::Forward,
        },
        Case {
            name: "boolean type to both booleans listed",
            old: json!({"type": "boolean"}),
            new: json!({"enum": [false, true], "description": "a flag"}),
            changes: vec![],
            verdict: Verdict::Full,
        },
        Case {
            name: "an integer range is its values",
            old: json!({"type": "integer", "minimum": 1, "maximum": 3}),
            new: json!({"enum": [3, 2, 1.0]}),
            changes: vec![],
            verdict: Verdict::Full,
        },
        Case {
            name: "enum values the new bounds reject",
            old: json!({"type": "integer", "enum": [1, 5, 9]}),
            new: json!({"type": "integer", "enum": [1, 5, 9], "maximum": 5}),
            changes: vec![("/enum", K::EnumValueRemoved, B)],
            verdict: Verdict::Forward,
        },
        Case {
            name: "type removed",
            old: json!({"type": "string"}),
            new: json!({}),
            changes: vec![("/type", K::TypeWidened, F)],
            verdict: Verdict::Backward,
        },
        Case {
            name: "enum value added",
            old: json!({"enum": ["a"]}),
            new: json!({"enum": ["a", "b"]}),
            changes: vec![("/enum", K::EnumValueAdded, F)],
            verdict: Verdict::Backward,
        },
        Case {
            name: "enum value removed",
            old: json!({"enum": ["a", "b"]}),
            new: json!({"enum": ["a"]}),
            changes: vec![("/enum", K::EnumValueRemoved, B)],
            verdict: Verdict::Forward,
        },
        Case {
            name: "enum value swapped",
            old: json!({"enum": ["a", "b"]}),
            new: json!({"enum": ["a", "c"]}),
            changes: vec![
                ("/enum", K::EnumValueAdded, F),
                ("/enum", K::EnumValueRemoved, B),
            ],
            verdict: Verdict::None,
        },
        Case {
            name: "enum added",
            old: json!({"type": "string"}),
            new: json!({"type": "string", "enum": ["a"]}),
            changes: vec![("/enum", K::ValueConstraintChanged, B)],
            verdict: Verdict::Forward,
        },
        Case {
            name: "const changed",
            old: json!({"const": 1}),
            new: json!({"const": 2}),
            changes: vec![("/const", K::ValueConstraintChanged, Both)],
            verdict: Verdict::None,
        },
        Case {
            name: "minimum tightened",
            old: json!({"minimum": 0}),
            new: json!({"minimum": 1}),
            changes: vec![("/minimum", K::BoundTightened, B)],
            verdict: Verdict::Forward,
        },
        Case {
            name: "maximum relaxed",
            old: json!({"maximum": 10}),
            new: json!({"maximum": 20}),
            changes: vec![("/maximum", K::BoundRelaxed, F)],
            verdict: Verdict::Backward,
        },
        Case {
            name: "maxLength added",
            old: json!({"type": "string"}),
            new: json!({"type": "string", "maxLength": 5}),
            changes: vec![("/maxLength", K::BoundTightened, B)],
            verdict: Verdict::Forward,
        },
        Case {
            name: "minItems removed",
            old: json!({"type": "array", "minItems": 1}),
            new: json!({"type": "array"}),
            changes: vec![("/minItems", K::BoundRelaxed, F)],
            verdict: Verdict::Backward,
        },
        Case {
            name: "format added",
            old: json!({"type": "string"}),
            new: json!({"type": "string", "format": "email"}),
            changes: vec![("/format", K::FormatAdded, B)],
            verdict: Verdict::Forward,
        },
        Case {
            name: "format changed",
            old: json!({"type": "string", "format": "date"}),
            new: json!({"type": "string", "format": "date-time"}),
            changes: vec![("/format", K::FormatChanged, Both)],
            verdict: Verdict::None,
        },
        Case {
            name: "pattern changed is uncertain",
            old: json!({"type": "string", "pattern": "^a"}),
            new: json!({"type": "string", "pattern": "^ab?"}),
            changes: vec![("/pattern", K::PatternChanged, U)],
            verdict: Verdict::None,
        },
        Case {
            name: "additionalProperties opened",
            old: json!({"type": "object", "additionalProperties": false}),
            new: json!({"type": "object"}),
            changes: vec![("/additionalProperties", K::AdditionalPropertiesOpened, F)],
            verdict: Verdict::Backward,
        },
        Case {
            name: "additionalProperties closed",
            old: json!({"type": "object"}),
            new: json!({"type": "object", "additionalProperties": false}),
            changes: vec![("/additionalProperties", K::AdditionalPropertiesClosed, B)],
            verdict: Verdict::Forward,
        },
        Case {
            name: "additionalProperties schema narrowed",
            old: json!({"additionalProperties": {"type": ["string", "integer"]}}),
            new: json!({"additionalProperties": {"type": "string"}}),
            changes: vec![("/additionalProperties/type", K::TypeNarrowed, B)],
            verdict: Verdict::Forward,
        },
        Case {
            name: "nested array item property type changed",
            old: json!({"properties": {"xs": {"type": "array", "items": {"properties": {"n": {"type": "integer"}}}}}}),
            new: json!({"properties": {"xs": {"type": "array", "items": {"properties": {"n": {"type": "string"}}}}}}),
            changes: vec![(
                "/properties/xs/items/properties/n/type",
                K::TypeChanged,
                Both,
            )],
            verdict: Verdict::None,
        },
        Case {
            name: "uniqueItems added",
            old: json!({"type": "array"}),
            new: json!({"type": "array", "uniqueItems": true}),
            changes: vec![("/uniqueItems", K::UniqueItemsChanged, B)],
            verdict: Verdict::Forward,
        },
        Case {
            name: "optional value: null allowed",
            old: json!({"properties": {"a": {"type": "integer"}}}),
            new: json!({"properties": {"a": {"anyOf": [{"type": "integer"}, {"type": "null"}]}}}),
            changes: vec![("/properties/a/anyOf", K::TypeWidened, F)],
            verdict: Verdict::Backward,
        },
        Case {
            name: "optional value: null no longer allowed",
            old: json!({"anyOf": [{"$ref": "#/$defs/N"}, {"type": "null"}], "$defs": {"N": {"type": "integer"}}}),
            new: json!({"$ref": "#/$defs/N", "$defs": {"N": {"type": "integer"}}}),
            changes: vec![("/anyOf", K::TypeNarrowed, B)],
            verdict: Verdict::Forward,
        },
        Case {
            name: "$ref into $defs (2020-12) against definitions (draft-07)",
            old: json!({"properties": {"s": {"$ref": "#/$defs/S"}}, "$defs": {"S": {"enum": ["a"]}}}),
            new: json!({"properties": {"s": {"$ref": "#/definitions/S"}}, "definitions": {"S": {"enum": ["a", "b"]}}}),
            changes: vec![("/properties/s/enum", K::EnumValueAdded, F)],
            verdict: Verdict::Backward,
        },
        Case {
            name: "identical refs to different definitions",
            old: json!({"items": {"$ref": "#/$defs/X"}, "$defs": {"X": {"type": "string"}}}),
            new: json!({"items": {"$ref": "#/$defs/X"}, "$defs": {"X": {"type": "integer"}}}),
            changes: vec![("/items/type", K::TypeChanged, Both)],
            verdict: Verdict::None,
        },
        Case {
            name: "unresolvable ref is uncertain",
            old: json!({"$ref": "other.json#/a"}),
            new: json!({"$ref": "other.json#/b"}),
            changes: vec![("", K::Unclassified, U)],
            verdict: Verdict::None,
        },
        Case {
            name: "not: the changes inside, directions swapped",
            old: json!({"not": {"type": "string"}}),
            new: json!({"not": {"type": "integer"}}),
            changes: vec![("/not/type", K::TypeChanged, Both)],
            verdict: Verdict::None,
        },
        Case {
            name: "not widened: the new schema rejects more",
            old: json!({"not": {"type": "integer"}}),
            new: json!({"not": {"type": "number"}}),
            changes: vec![("/not/type", K::TypeWidened, B)],
            verdict: Verdict::Forward,
        },
        Case {
            name: "oneOf of branches apart by type: branch by branch",
            old: json!({"oneOf": [{"type": "string"}, {"type": "integer"}]}),
            new: json!({"oneOf": [{"type": "string"}, {"type": "number"}]}),
            changes: vec![("/oneOf/1/type", K::TypeWidened, F)],
            verdict: Verdict::Backward,
        },
        Case {
            name: "oneOf of overlapping branches changed is uncertain",
            old: json!({"oneOf": [{"type": "number"}, {"type": "integer"}]}),
            new: json!({"oneOf": [{"type": "number"}, {"type": "string"}]}),
            changes: vec![("/oneOf", K::Unclassified, U)],
            verdict: Verdict::None,
        },
        Case {
            name: "anyOf branch widened",
            old: json!({"anyOf": [{"type": "string"}, {"type": "integer"}]}),
            new: json!({"anyOf": [{"type": "string"}, {"type": "number"}]}),
            changes: vec![("/anyOf/1/type", K::TypeWidened, F)],
            verdict: Verdict::Backward,
        },
        Case {
            name: "true schema constrained",
            old: json!(true),
            new: json!({"type": "string"}),
            changes: vec![("", K::SchemaReplaced, B)],
            verdict: Verdict::Forward,
        },
        Case {
            name: "false schema opened",
            old: json!(false),
            new: json!({"type": "string"}),
            changes: vec![("", K::SchemaReplaced, F)],
            verdict: Verdict::Backward,
        },
        Case {
            name: "ref siblings compared too",
            old: json!({"$ref": "#/$defs/S", "maxLength": 3, "$defs": {"S": {"type": "string"}}}),
            new: json!({"$ref": "#/$defs/S", "maxLength": 5, "$defs": {"S": {"type": "string"}}}),
            changes: vec![("/maxLength", K::BoundRelaxed, F)],
            verdict: Verdict::Backward,
        },
    ]
}

#[test]
fn every_case_gives_its_changes_and_verdict() {
    let mut failures = Vec::new();
    for case in cases() {
        let report = diff(&case.old, &case.new);
        let got: Vec<(String, K, Breaks)> = report
            .changes
            .iter()
            .map(|c| (c.pointer.clone(), c.kind, c.breaks))
            .collect();
        let want: Vec<(String, K, Breaks)> = case
            .changes
            .iter()
            .map(|(p, k, b)| ((*p).to_owned(), *k, *b))
            .collect();
        if got != want || report.verdict != case.verdict {
            failures.push(format!(
                "{}:\n  got  {got:?} {}\n  want {want:?} {}",
                case.name, report.verdict, case.verdict
            ));
        }
        let uncertain = case.changes.iter().any(|c| c.2 == Breaks::Unknown);
        assert_eq!(report.certain, !uncertain, "{}", case.name);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn swapping_old_and_new_swaps_the_verdict() {
    for case in cases()
        .into_iter()
        .filter(|c| !c.changes.iter().any(|x| x.2 == Breaks::Unknown))
    {
        let there = diff(&case.old, &case.new).verdict;
        let back = diff(&case.new, &case.old).verdict;
        let expected = match there {
            Verdict::Backward => Verdict::Forward,
            Verdict::Forward => Verdict::Backward,
            v => v,
        };
        assert_eq!(back, expected, "{}", case.name);
    }
}
