//! What a conversion did beyond copying: derived, dropped and unavailable values, and source
//! data that contradicts the rules.

use std::fmt;

use serde::Serialize;

/// One reported value.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[non_exhaustive]
pub struct Entry {
    /// The change that reported it ([`VersionChange::name`](crate::VersionChange::name)).
    pub step: &'static str,
    /// What happened.
    #[serde(flatten)]
    pub kind: EntryKind,
    /// JSON pointer in the step's source document, if the value came from there.
    pub source_pointer: Option<String>,
    /// JSON pointer in the step's target document, if the value belongs there.
    pub target_pointer: Option<String>,
    /// A sentence for a person. Never contains a secret.
    pub detail: String,
}

/// The kinds of [`Entry`].
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum EntryKind {
    /// Computed by a declared formula, under an assumption.
    Derived {
        /// The formula, in wire names: `warning = devices_issues - devices_critical`.
        rule: String,
        /// What it assumes of the source.
        assumption: &'static str,
    },
    /// The source had it; the target has no place for it.
    Dropped,
    /// The target has a place for it; the source cannot supply it.
    Unavailable,
    /// The source contradicts a rule's assumption; nothing was corrected.
    Contradiction,
}

impl EntryKind {
    /// The kind's name, as serialized in the `kind` tag: `derived`, `dropped`, `unavailable`
    /// or `contradiction`.
    pub const fn name(&self) -> &'static str {
        match self {
            Self::Derived { .. } => "derived",
            Self::Dropped => "dropped",
            Self::Unavailable => "unavailable",
            Self::Contradiction => "contradiction",
        }
    }
}

/// Everything a conversion reports, in the order the changes and their rules ran.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(transparent)]
#[non_exhaustive]
pub struct Report {
    /// The entries.
    pub entries: Vec<Entry>,
}

impl Report {
    /// Whether any source value was dropped.
    pub fn dropped_anything(&self) -> bool {
        self.entries.iter().any(|e| e.kind == EntryKind::Dropped)
    }

    /// Whether the source contradicted any rule.
    pub fn has_contradictions(&self) -> bool {
        self.entries
            .iter()
            .any(|e| e.kind == EntryKind::Contradiction)
    }

    /// Whether nothing was reported: every value was copied.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl fmt::Display for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}] {}", self.step, self.kind.name())?;
        match (&self.source_pointer, &self.target_pointer) {
            (Some(s), Some(t)) => write!(f, " {s} -> {t}")?,
            (Some(s), None) => write!(f, " {s}")?,
            (None, Some(t)) => write!(f, " -> {t}")?,
            (None, None) => {}
        }
        write!(f, ": {}", self.detail)?;
        if let EntryKind::Derived { rule, assumption } = &self.kind {
            write!(f, " [rule: {rule}; assuming {assumption}]")?;
        }
        Ok(())
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for e in &self.entries {
            writeln!(f, "{e}")?;
        }
        Ok(())
    }
}
