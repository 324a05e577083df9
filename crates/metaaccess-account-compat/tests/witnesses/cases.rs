//! The cases of `witnesses.rs`, by keyword family, with the spec's reason for each verdict.

use metaaccess_account_compat::Verdict;
use serde_json::{json, Value};

fn obj(props: Value) -> Value {
    json!({"type": "object", "properties": props})
}

pub fn closed(props: Value, required: Value) -> Value {
    json!({"type": "object", "properties": props, "required": required, "additionalProperties": false})
}

/// (name, old, new, verdict). Each is also run swapped, where BACKWARD and FORWARD trade places.
pub fn cases() -> Vec<(&'static str, Value, Value, Verdict)> {
    use Verdict::{Backward, Forward, Full, None};
    let s = json!({"type": "string"});
    vec![
        // types: the set of accepted JSON types grows (integer ⊂ number, spec §6.1.1).
        (
            "type widened",
            json!({"type": "integer"}),
            json!({"type": "number"}),
            Backward,
        ),
        (
            "type changed",
            json!({"type": "string"}),
            json!({"type": "boolean"}),
            None,
        ),
        (
            "type list narrowed",
            json!({"type": ["string", "null"]}),
            s.clone(),
            Forward,
        ),
        (
            "type at a property",
            obj(json!({"a": {"type": "integer"}})),
            obj(json!({"a": s})),
            None,
        ),
        // enum / const (§6.1.2-3): a value removed is rejected by the new schema.
        (
            "enum value removed",
            json!({"enum": ["a", "b"]}),
            json!({"enum": ["a"]}),
            Forward,
        ),
        (
            "enum in a required property",
            closed(json!({"s": {"enum": [1, 2, 3]}}), json!(["s"])),
            closed(json!({"s": {"enum": [1, 2]}}), json!(["s"])),
            Forward,
        ),
        (
            "const changed",
            json!({"const": "x"}),
            json!({"const": "y"}),
            None,
        ),
        (
            "const added",
            json!({"type": "string"}),
            json!({"type": "string", "const": "x"}),
            Forward,
        ),
        (
            "enum added",
            json!({"type": "integer"}),
            json!({"type": "integer", "enum": [1]}),
            Forward,
        ),
        // numbers (§6.2): the old maximum is beyond a tightened one.
        (
            "maximum tightened",
            json!({"type": "integer", "maximum": 10}),
            json!({"type": "integer", "maximum": 5}),
            Forward,
        ),
        (
            "minimum added",
            json!({"type": "number"}),
            json!({"type": "number", "minimum": 0}),
            Forward,
        ),
        (
            "exclusiveMaximum tightened",
            json!({"type": "number", "exclusiveMaximum": 3}),
            json!({"type": "number", "exclusiveMaximum": 2}),
            Forward,
        ),
        (
            "multipleOf tightened",
            json!({"type": "integer", "multipleOf": 2}),
            json!({"type": "integer", "multipleOf": 4}),
            Forward,
        ),
        (
            "multipleOf added",
            json!({"type": "integer", "minimum": 1}),
            json!({"type": "integer", "minimum": 1, "multipleOf": 3}),
            Forward,
        ),
        // strings (§6.3, §7): lengths, format as an assertion, pattern.
        (
            "maxLength tightened",
            json!({"type": "string", "maxLength": 5}),
            json!({"type": "string", "maxLength": 2}),
            Forward,
        ),
        (
            "minLength added",
            s.clone(),
            json!({"type": "string", "minLength": 3}),
            Forward,
        ),
        (
            "format added",
            s.clone(),
            json!({"type": "string", "format": "date"}),
            Forward,
        ),
        (
            "format changed",
            json!({"type": "string", "format": "date"}),
            json!({"type": "string", "format": "email"}),
            None,
        ),
        (
            "pattern added",
            s.clone(),
            json!({"type": "string", "pattern": "^[0-9]+$"}),
            Forward,
        ),
        // objects (§10.3.2, §6.5): required, additionalProperties false, property schemas.
        (
            "required added",
            obj(json!({"a": s})),
            json!({"type": "object", "properties": {"a": s}, "required": ["a"]}),
            Forward,
        ),
        (
            "property added to a closed object",
            closed(json!({}), json!([])),
            closed(json!({"a": s}), json!([])),
            Backward,
        ),
        (
            "property removed from a closed object",
            closed(json!({"a": s, "b": s}), json!([])),
            closed(json!({"b": s}), json!([])),
            Forward,
        ),
        (
            "property constrained in an open object",
            obj(json!({})),
            obj(json!({"a": s})),
            Forward,
        ),
        (
            "additionalProperties closed",
            obj(json!({"a": s})),
            closed(json!({"a": s}), json!([])),
            Forward,
        ),
        (
            "additionalProperties narrowed",
            json!({"type": "object", "additionalProperties": {"type": ["string", "integer"]}}),
            json!({"type": "object", "additionalProperties": s}),
            Forward,
        ),
        (
            "maxProperties added",
            json!({"type": "object"}),
            json!({"type": "object", "maxProperties": 1}),
            Forward,
        ),
        (
            "minProperties added",
            json!({"type": "object"}),
            json!({"type": "object", "minProperties": 1}),
            Forward,
        ),
        (
            "dependentRequired added",
            obj(json!({"a": s, "b": s})),
            json!({"type": "object", "properties": {"a": s, "b": s}, "dependentRequired": {"a": ["b"]}}),
            Forward,
        ),
        (
            "nested property narrowed",
            obj(json!({"o": obj(json!({"x": {"type": ["integer", "null"]}}))})),
            obj(json!({"o": obj(json!({"x": {"type": "integer"}}))})),
            Forward,
        ),
        // arrays (§10.3.1, §6.4).
        (
            "items narrowed",
            json!({"type": "array", "items": {"type": ["string", "integer"]}}),
            json!({"type": "array", "items": s}),
            Forward,
        ),
        (
            "maxItems tightened",
            json!({"type": "array", "maxItems": 3}),
            json!({"type": "array", "maxItems": 1}),
            Forward,
        ),
        (
            "minItems added",
            json!({"type": "array"}),
            json!({"type": "array", "minItems": 2}),
            Forward,
        ),
        (
            "uniqueItems added",
            json!({"type": "array"}),
            json!({"type": "array", "uniqueItems": true}),
            Forward,
        ),
        (
            "prefixItems entry narrowed",
            json!({"prefixItems": [s, {"type": ["integer", "string"]}]}),
            json!({"prefixItems": [s, {"type": "integer"}]}),
            Forward,
        ),
        (
            "contains added",
            json!({"type": "array"}),
            json!({"type": "array", "contains": {"const": 1}}),
            Forward,
        ),
        // combinators and applicators (§10.2).
        (
            "nullable: null no longer allowed",
            json!({"anyOf": [s, {"type": "null"}]}),
            s.clone(),
            Forward,
        ),
        (
            "anyOf branch narrowed",
            json!({"anyOf": [{"type": "integer", "maximum": 9}, s]}),
            json!({"anyOf": [{"type": "integer", "maximum": 5}, s]}),
            Forward,
        ),
        (
            "allOf branch narrowed",
            json!({"allOf": [{"type": "integer"}, {"maximum": 9}]}),
            json!({"allOf": [{"type": "integer"}, {"maximum": 5}]}),
            Forward,
        ),
        (
            "conditional added",
            obj(json!({"a": s, "b": s})),
            json!({"type": "object", "properties": {"a": s, "b": s}, "if": {"required": ["a"]}, "then": {"required": ["b"]}}),
            Forward,
        ),
        (
            "schema became false",
            obj(json!({"a": s})),
            obj(json!({"a": false})),
            Forward,
        ),
        (
            "ref target narrowed",
            json!({"$ref": "#/$defs/A", "$defs": {"A": {"type": ["string", "integer"]}}}),
            json!({"$ref": "#/$defs/A", "$defs": {"A": {"type": "string"}}}),
            Forward,
        ),
        // same contract written differently: nothing to witness.
        (
            "maximum 10 vs 10.0",
            json!({"maximum": 10}),
            json!({"maximum": 10.0}),
            Full,
        ),
    ]
}
