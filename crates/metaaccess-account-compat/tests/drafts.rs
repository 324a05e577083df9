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
