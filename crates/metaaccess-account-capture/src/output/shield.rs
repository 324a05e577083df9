//! The one gate every diagnostic passes: secrets masked (fail closed) and, for text, control
//! characters escaped; then, before a line is written, the last check ([`Shield::guard`]): a
//! line that still holds a piece of a secret is not written.

use std::borrow::Cow;
use std::fmt::Write as _;

use metaaccess_account_validate::secrets::{MaskError, Secrets};
use serde_json::{Map, Value};

/// What is printed instead of text that could not be masked.
pub const WITHHELD: &str = "<withheld: could not be masked>";

/// What is printed instead of a line that still held a piece of a secret after masking.
pub const LEAK_WITHHELD: &str =
    "withheld: this line held a piece of a secret after masking, so it is not shown";

/// The members of the tool's JSON records whose strings the tool generates itself (statuses,
/// versions, kinds, outcomes, JSON pointers, locators): never masked.
pub const TOOL_FIELDS: [&str; 13] = [
    "status",
    "kind",
    "api_version",
    "also_valid_as",
    "locator",
    "instance_path",
    "pointer",
    "outcome",
    "accepted",
    "version",
    "from",
    "to",
    "bucket",
];

/// Masks and escapes what is printed about one record.
#[derive(Debug)]
pub struct Shield {
    secrets: Result<Secrets, MaskError>,
    show_secrets: bool,
}

impl Shield {
    /// A shield over these secrets; `show_secrets` leaves them in (escaping still applies).
    pub fn new(secrets: Secrets, show_secrets: bool) -> Self {
        Self {
            secrets: Ok(secrets),
            show_secrets,
        }
    }

    /// A shield that knows no secrets (for text about no record, such as an unreadable path).
    pub fn plain() -> Self {
        Self::new(Secrets::default(), false)
    }

    /// A shield whose masking fails: everything it passes becomes [`WITHHELD`]. For tests of
    /// the fail-closed path.
    pub fn broken() -> Self {
        Self {
            secrets: Err(MaskError("broken on purpose".into())),
            show_secrets: false,
        }
    }

    fn mask<'a>(&self, text: &'a str) -> Result<Cow<'a, str>, MaskError> {
        if self.show_secrets {
            return Ok(Cow::Borrowed(text));
        }
        match &self.secrets {
            Ok(s) if s.is_empty() => Ok(Cow::Borrowed(text)),
            Ok(s) => s.mask(text).map(Cow::Owned),
            Err(e) => Err(e.clone()),
        }
    }

    /// The last check before a line is written: `line` as it is, unless it holds a piece of
    /// [`MIN_SECRET_IN_TEXT`](metaaccess_account_validate::secrets::MIN_SECRET_IN_TEXT) or more characters of a secret of its record (in any spelling,
    /// see [`Secrets::leaks`]); then `withheld()`, a notice built from the tool's own text.
    /// This catches what the structural masking missed, whatever the reason.
    pub fn guard(&self, line: String, withheld: impl FnOnce() -> String) -> String {
        if self.show_secrets {
            return line;
        }
        match &self.secrets {
            Ok(s) if s.leaks(&line) => withheld(),
            // A broken shield has already put placeholders in place of every text.
            _ => line,
        }
    }

    /// A JSON value with every string masked except those of the tool's own fields
    /// ([`TOOL_FIELDS`]: statuses, versions, kinds, pointers, locators): what the tool
    /// generates is never changed by masking.
    pub fn record_value(&self, value: Value) -> Value {
        match value {
            Value::Object(map) => Value::Object(
                map.into_iter()
                    .map(|(k, v)| {
                        if TOOL_FIELDS.contains(&k.as_str()) {
                            (k, v)
                        } else {
                            (k, self.record_value(v))
                        }
                    })
                    .collect::<Map<_, _>>(),
            ),
            Value::Array(items) => {
                Value::Array(items.into_iter().map(|v| self.record_value(v)).collect())
            }
            Value::String(s) => Value::String(self.masked_string(&s)),
            other => other,
        }
    }

    /// Text for a human-readable line: masked, then escaped so that it stays on its line.
    pub fn text(&self, text: &str) -> String {
        match self.mask(text) {
            Ok(masked) => escape(&masked).into_owned(),
            Err(_) => WITHHELD.to_owned(),
        }
    }

    /// A JSON value with every string (and key) masked; strings that cannot be masked become
    /// [`WITHHELD`].
    pub fn value(&self, value: Value) -> Value {
        match value {
            Value::String(s) => Value::String(self.masked_string(&s)),
            Value::Array(items) => Value::Array(items.into_iter().map(|v| self.value(v)).collect()),
            Value::Object(map) => Value::Object(
                map.into_iter()
                    .map(|(k, v)| (self.masked_string(&k), self.value(v)))
                    .collect::<Map<_, _>>(),
            ),
            other => other,
        }
    }

    fn masked_string(&self, s: &str) -> String {
        self.mask(s)
            .map_or_else(|_| WITHHELD.to_owned(), Cow::into_owned)
    }

    /// One NDJSON line of a masked value.
    pub fn line(&self, value: Value) -> String {
        serde_json::to_string(&self.value(value))
            .unwrap_or_else(|_| format!("{{\"error\":\"{WITHHELD}\"}}"))
    }
}

/// `text` with control characters (C0, DEL, C1, including newlines and ESC), line and paragraph
/// separators and bidirectional overrides written as `\u{…}`, so that one record's text can
/// never look like another line of output.
///
/// ```
/// use metaaccess_account_capture::output::escape;
/// assert_eq!(escape("a\nvalid   x\u{1b}[2J"), "a\\u{a}valid   x\\u{1b}[2J");
/// assert_eq!(escape("plain"), "plain");
/// ```
pub fn escape(text: &str) -> Cow<'_, str> {
    let hostile = |c: char| {
        c.is_control()
            || matches!(
                c,
                '\u{2028}' | '\u{2029}' | '\u{200e}' | '\u{200f}' | '\u{061c}'
            )
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    };
    if !text.chars().any(hostile) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if hostile(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_broken_shield_prints_only_placeholders() {
        let s = Shield::broken();
        assert_eq!(s.text("SECRET"), WITHHELD);
        let line = s.line(serde_json::json!({"message": "SECRET", "n": 1}));
        assert!(!line.contains("SECRET"), "{line}");
        assert!(line.contains(WITHHELD));
    }

    #[test]
    fn masks_then_escapes() {
        let mut secrets = Secrets::default();
        secrets.add("k3y-0123456");
        let s = Shield::new(secrets, false);
        assert_eq!(s.text("a k3y-0123456\nb"), "a <redacted>\\u{a}b");
        let shown = Shield::new(Secrets::default(), true);
        assert_eq!(shown.text("k3y-0123456"), "k3y-0123456");
    }

    #[test]
    fn a_short_secret_masks_nothing_else() {
        let mut secrets = Secrets::default();
        secrets.add("a");
        secrets.add("3");
        let s = Shield::new(secrets, false);
        assert_eq!(
            s.text("drift samples/a.json (3.2)"),
            "drift samples/a.json (3.2)"
        );
    }

    #[test]
    fn the_last_check_withholds_a_line_holding_a_piece() {
        let mut secrets = Secrets::default();
        secrets.add("0123456789abcdefghij");
        let s = Shield::new(secrets, false);
        // A piece the masking cannot see (the secret was cut before it was masked).
        let cut = "a string \"0123456789ab…\"".to_owned();
        assert_eq!(s.guard(cut, || "withheld".into()), "withheld");
        let fine = "a string \"0123456\"".to_owned();
        assert_eq!(s.guard(fine.clone(), || "withheld".into()), fine);
    }
}
