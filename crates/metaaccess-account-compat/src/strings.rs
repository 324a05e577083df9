//! The `format` and `pattern` keywords.

use serde_json::{Map, Value};

use crate::compare::Cx;
use crate::numbers::both_allow;
use crate::report::{Breaks, ChangeKind};

impl Cx<'_> {
    pub(crate) fn compare_strings(
        &mut self,
        o: &Map<String, Value>,
        n: &Map<String, Value>,
        at: &str,
    ) {
        // Both assert on strings only.
        if !both_allow(o, n, "string") {
            return;
        }
        match (o.get("format"), n.get("format")) {
            (a, b) if a != b && !self.format_assertion => self.push(
                &format!("{at}/format"),
                ChangeKind::FormatChanged,
                Breaks::Neither,
                "format changed; it is an annotation here".into(),
            ),
            (None, Some(f)) => self.push(
                &format!("{at}/format"),
                ChangeKind::FormatAdded,
                Breaks::Backward,
                format!("format {f} added"),
            ),
            (Some(f), None) => self.push(
                &format!("{at}/format"),
                ChangeKind::FormatRemoved,
                Breaks::Forward,
                format!("format {f} removed"),
            ),
            (Some(a), Some(b)) if a != b => self.push(
                &format!("{at}/format"),
                ChangeKind::FormatChanged,
                Breaks::Both,
                format!("format {a} changed to {b}"),
            ),
            _ => {}
        }
        match (o.get("pattern"), n.get("pattern")) {
            (None, Some(p)) => self.push(
                &format!("{at}/pattern"),
                ChangeKind::PatternChanged,
                Breaks::Backward,
                format!("pattern {p} added"),
            ),
            (Some(p), None) => self.push(
                &format!("{at}/pattern"),
                ChangeKind::PatternChanged,
                Breaks::Forward,
                format!("pattern {p} removed"),
            ),
            (Some(a), Some(b)) if a != b => self.push(
                &format!("{at}/pattern"),
                ChangeKind::PatternChanged,
                Breaks::Unknown,
                format!("pattern {a} changed to {b}: regular languages are not compared"),
            ),
            _ => {}
        }
    }
}
