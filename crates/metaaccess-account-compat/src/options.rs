//! How a comparison reads the two schemas.

use serde_json::Value;

use crate::resolve::legacy_draft;

/// Which JSON Schema draft the schemas are read with.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Draft {
    /// Each schema's own `$schema` (Draft 2020-12 when it has none).
    #[default]
    Auto,
    /// Draft-07 (`items` may be a tuple, `dependencies`, no `unevaluated*`).
    Draft7,
    /// Draft 2019-09.
    Draft201909,
    /// Draft 2020-12.
    Draft202012,
}

/// Options of [`crate::diff_with`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Options {
    /// The draft both schemas are read with.
    pub draft: Draft,
    /// Whether `format` is an assertion (validators with format checking on) or only an
    /// annotation (the 2019-09/2020-12 default, where a changed `format` changes nothing).
    pub format_assertion: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            draft: Draft::Auto,
            format_assertion: true,
        }
    }
}

impl Options {
    /// These options with `draft`.
    #[must_use]
    pub fn draft(mut self, draft: Draft) -> Self {
        self.draft = draft;
        self
    }

    /// These options with `format` an assertion or not.
    #[must_use]
    pub fn format_assertion(mut self, yes: bool) -> Self {
        self.format_assertion = yes;
        self
    }

    /// Whether `root` is read as Draft-04 or older.
    pub(crate) fn pre6(&self, root: &Value) -> bool {
        let old = |s: &str| ["draft-03", "draft-04"].iter().any(|d| s.contains(d));
        self.draft == Draft::Auto && root.get("$schema").and_then(Value::as_str).is_some_and(old)
    }

    /// Whether `root` is read as Draft-07 or older.
    pub(crate) fn legacy(&self, root: &Value) -> bool {
        match self.draft {
            Draft::Auto => legacy_draft(root),
            Draft::Draft7 => true,
            Draft::Draft201909 | Draft::Draft202012 => false,
        }
    }
}
