//! Keeping secrets out of every output: license keys and access tokens, wherever a record
//! carries them (the document, a HAR entry's URL, headers, cookies or request body).

use serde_json::Value;

pub use metaaccess_account::REDACTED;

/// Names (compared case-insensitively, `-` read as `_`) whose values are secrets.
const SECRET_NAMES: [&str; 11] = [
    "license_key",
    "access_token",
    "refresh_token",
    "id_token",
    "token",
    "authorization",
    "password",
    "secret",
    "client_secret",
    "api_key",
    "apikey",
];

/// Shorter values are not searched for in free text (they would blank out ordinary words);
/// they are still removed wherever they stand as the value of a secret field.
const MIN_SCRUB_LEN: usize = 6;

/// Whether a field, header, cookie or query parameter of this name holds a secret.
pub fn is_secret_name(name: &str) -> bool {
    let name = name.to_ascii_lowercase().replace('-', "_");
    SECRET_NAMES.contains(&name.as_str())
}

/// The secret values seen in one record, to scrub from everything printed about it.
#[derive(Clone, Debug, Default)]
pub struct Secrets {
    values: Vec<String>,
}

impl Secrets {
    /// Remembers a secret value.
    pub fn add(&mut self, value: &str) {
        let value = value.trim();
        if let Some(token) = value
            .strip_prefix("Bearer ")
            .or_else(|| value.strip_prefix("bearer "))
        {
            self.add(token);
        }
        if !value.is_empty() && !self.values.iter().any(|v| v == value) {
            self.values.push(value.to_owned());
            // Longest first, so that a secret containing another is scrubbed whole.
            self.values.sort_by_key(|v| std::cmp::Reverse(v.len()));
        }
    }

    /// Remembers every secret-named string in a JSON value, however deep.
    pub fn collect_json(&mut self, value: &Value) {
        match value {
            Value::Object(map) => {
                for (k, v) in map {
                    match v {
                        Value::String(s) if is_secret_name(k) => self.add(s),
                        _ => self.collect_json(v),
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|v| self.collect_json(v)),
            _ => {}
        }
    }

    /// Adds the secrets of another set.
    pub fn extend(&mut self, other: &Secrets) {
        for v in &other.values {
            self.add(v);
        }
    }

    /// `text` with every known secret replaced by the redaction marker.
    pub fn scrub(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for secret in self.values.iter().filter(|s| s.len() >= MIN_SCRUB_LEN) {
            if out.contains(secret.as_str()) {
                out = out.replace(secret.as_str(), REDACTED);
            }
        }
        out
    }
}

/// Replaces the value of every secret-named field of a document, however deep.
pub fn redact_json(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                if is_secret_name(k) && !v.is_null() {
                    *v = Value::from(REDACTED);
                } else {
                    redact_json(v);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact_json),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrubs_bearer_tokens_and_nested_fields() {
        let mut s = Secrets::default();
        s.add("Bearer abcdef123456");
        s.collect_json(&serde_json::json!({"a": {"License_Key": "k1k2k3k4"}}));
        let text = "token abcdef123456 and key k1k2k3k4";
        assert_eq!(s.scrub(text), "token <redacted> and key <redacted>");
        let mut doc = serde_json::json!({"license_key": "x", "nested": [{"access_token": "y"}]});
        redact_json(&mut doc);
        assert_eq!(
            doc,
            serde_json::json!({"license_key": REDACTED, "nested": [{"access_token": REDACTED}]})
        );
    }
}
