//! A change of `$schema` between Draft-07 and 2020-12 matters only where the two drafts read
//! a keyword differently.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use metaaccess_account_compat::{diff, Verdict};
use serde_json::json;

#[test]
fn a_draft_change_is_unknown_only_where_the_drafts_differ() {
    let plain = |draft: &str| {
        json!({"$schema": draft, "type": "object",
               "properties": {"a": {"$ref": "#/definitions/A", "description": "a"}},
               "definitions": {"A": {"type": "string", "format": "email"}}})
    };
    let d07 = "http://json-schema.org/draft-07/schema#";
    let d20 = "https://json-schema.org/draft/2020-12/schema";
    let r = diff(&plain(d07), &plain(d20));
    assert_eq!((r.verdict, r.certain), (Verdict::Full, true), "{r:?}");

    // A tuple `items` is a tuple in Draft-07 and an error-prone schema list in 2020-12.
    let tuple = |draft: &str| json!({"$schema": draft, "items": [{"type": "string"}]});
    let r = diff(&tuple(d07), &tuple(d20));
    assert!(!r.certain && r.verdict == Verdict::None, "{r:?}");

    // Draft-07 ignores assertions beside a `$ref`; 2020-12 applies them.
    let sibling = |draft: &str| {
        json!({"$schema": draft, "properties": {"a": {"$ref": "#/definitions/A", "maxLength": 3}},
               "definitions": {"A": {"type": "string"}}})
    };
    let r = diff(&sibling(d07), &sibling(d20));
    assert!(!r.certain, "{r:?}");
}

/// `diff_with`: a forced draft reads both schemas alike; `format` may be an annotation.
#[test]
fn options_force_the_draft_and_read_format_as_an_annotation() {
    use metaaccess_account_compat::{diff_with, Breaks, Draft, Options};
    // A tuple `items` in a schema without `$schema`: 2020-12 by default, where an array-valued
    // `items` is no tuple, so a change there is unclassified; Draft-07 compares it position by
    // position.
    let old = json!({"items": [{"type": "string"}], "additionalItems": false});
    let new = json!({"items": [{"type": ["string", "null"]}], "additionalItems": false});
    let r = diff_with(&old, &new, Options::default().draft(Draft::Draft7));
    assert_eq!((r.verdict, r.certain), (Verdict::Backward, true), "{r:?}");
    let w = r.changes[0].witness.forward.clone().expect("a witness");
    let v = |s: &serde_json::Value| {
        jsonschema::options()
            .with_draft(jsonschema::Draft::Draft7)
            .build(s)
            .unwrap()
            .is_valid(&w)
    };
    assert!(v(&new) && !v(&old), "{w}");
    let old = json!({"type": "string"});
    let new = json!({"type": "string", "format": "email"});
    assert_eq!(diff(&old, &new).verdict, Verdict::Forward);
    let r = diff_with(&old, &new, Options::default().format_assertion(false));
    assert_eq!(
        (r.verdict, r.changes[0].breaks),
        (Verdict::Full, Breaks::Neither)
    );
    assert!(r.changes[0].witness.is_empty());
}
