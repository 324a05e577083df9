//! Describing a value without quoting it.

use serde_json::Value;

use super::{Secrets, REDACTED};

/// A short description of a value for a diagnostic, never the whole value: its type, and for
/// scalars a prefix of at most 32 characters, masked against `secrets` before it is cut. A value
/// that is exactly a secret, however short, is not shown at all.
///
/// ```
/// use metaaccess_account_validate::secrets::{describe, Secrets};
/// let s = Secrets::default();
/// assert_eq!(describe(&serde_json::json!({"a": 1}), &s), "an object (1 members)");
/// assert_eq!(describe(&serde_json::json!("0123456789abcdefghijklmnopqrstuvwxyz"), &s),
///            "a string \"0123456789abcdefghijklmnopqrstuv…\"");
/// ```
pub fn describe(value: &Value, secrets: &Secrets) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Number(n) if secrets.contains(&n.to_string()) => format!("the number {REDACTED}"),
        Value::String(s) if secrets.contains(s) => format!("a string \"{REDACTED}\""),
        Value::Number(n) => {
            let text = prefix(&secrets.mask_or_withhold(&n.to_string()));
            format!("the number {text}")
        }
        Value::String(s) => {
            let masked = prefix(&secrets.mask_or_withhold(s));
            let quoted = serde_json::to_string(&masked).unwrap_or_default();
            format!("a string {quoted}")
        }
        Value::Array(items) => format!("an array ({} items)", items.len()),
        Value::Object(map) => format!("an object ({} members)", map.len()),
    }
}

fn prefix(s: &str) -> String {
    const SHOWN: usize = 32;
    match s.char_indices().nth(SHOWN) {
        Some((cut, _)) => format!("{}…", &s[..cut]),
        None => s.to_owned(),
    }
}
