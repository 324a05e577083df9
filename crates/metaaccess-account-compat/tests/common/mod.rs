//! What the compatibility tests share: a real validator to check claims and witnesses against,
//! and the verdict of the same change read the other way round.

#![allow(dead_code)] // each test binary uses its own part of this module

use metaaccess_account_compat::Verdict;
use serde_json::Value;

/// A `jsonschema` validator for `schema`, formats asserted.
pub fn validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::options()
        .should_validate_formats(true)
        .build(schema)
        .unwrap_or_else(|e| panic!("{schema}: {e}"))
}

/// Whether `schema` accepts `doc`, by [`validator`].
pub fn valid(schema: &Value, doc: &Value) -> bool {
    validator(schema).is_valid(doc)
}

/// The verdict of comparing the schemas in the other order.
pub fn swapped(v: Verdict) -> Verdict {
    match v {
        Verdict::Backward => Verdict::Forward,
        Verdict::Forward => Verdict::Backward,
        other => other,
    }
}
