//! The published schemas' own format checks, so that the value types accept exactly what the
//! schemas accept (`"format": "email"`, `"format": "date-time"`, as the `jsonschema` crate
//! checks them).

use std::sync::OnceLock;

/// A string format used by the schemas.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    Email,
    DateTime,
}

/// Whether the `jsonschema` crate's check of `format` accepts `s`.
pub(crate) fn accepts(format: Format, s: &str) -> bool {
    static CHECKS: [OnceLock<Option<jsonschema::Validator>>; 2] =
        [OnceLock::new(), OnceLock::new()];
    let (slot, name) = match format {
        Format::Email => (&CHECKS[0], "email"),
        Format::DateTime => (&CHECKS[1], "date-time"),
    };
    slot.get_or_init(|| {
        jsonschema::options()
            .should_validate_formats(true)
            .build(&serde_json::json!({ "type": "string", "format": name }))
            .ok()
    })
    .as_ref()
    .is_some_and(|v| v.is_valid(&serde_json::Value::from(s)))
}
