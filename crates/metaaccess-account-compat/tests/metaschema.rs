//! A schema its draft's metaschema rejects is an error with the pointer of the first problem,
//! never a certain verdict.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failure report

use metaaccess_account_compat::{diff, try_diff_with, Draft, Options, Side, Verdict};
use serde_json::json;

#[test]
fn invalid_schemas_are_refused_with_a_pointer() {
    let good = json!({"type": "integer"});
    for (bad, pointer) in [
        (json!({"type": 5}), "/type"),
        (json!({"minimum": "zero"}), "/minimum"),
        (
            json!({"properties": {"a": {"maxLength": -1}}}),
            "/properties/a/maxLength",
        ),
    ] {
        let e = try_diff_with(&good, &bad, Options::default()).unwrap_err();
        assert_eq!((e.side, e.pointer.as_str()), (Side::New, pointer), "{e}");
        let e = try_diff_with(&bad, &good, Options::default()).unwrap_err();
        assert_eq!((e.side, e.pointer.as_str()), (Side::Old, pointer), "{e}");
        assert!(e.to_string().contains(pointer), "{e}");
        // The infallible entry point says it could not decide, at that pointer.
        let r = diff(&bad, &bad);
        assert_eq!((r.verdict, r.certain), (Verdict::None, false), "{r:#?}");
        assert_eq!(r.changes[0].pointer, pointer);
    }
}

#[test]
fn each_draft_is_checked_with_its_own_metaschema() {
    // Draft-07 has no `prefixItems` (an unknown keyword, allowed), but its `items` may be an
    // array; a boolean `exclusiveMinimum` is Draft-04 only.
    let old = json!({"$schema": "http://json-schema.org/draft-07/schema#", "items": [{"type": "string"}]});
    assert!(try_diff_with(&old, &old, Options::default()).is_ok());
    let d4 = json!({"$schema": "http://json-schema.org/draft-04/schema#", "minimum": 1, "exclusiveMinimum": true});
    assert!(try_diff_with(&d4, &d4, Options::default()).is_ok());
    let e = try_diff_with(&d4, &d4, Options::default().draft(Draft::Draft7)).unwrap_err();
    assert_eq!(e.pointer, "/exclusiveMinimum", "{e}");
}
