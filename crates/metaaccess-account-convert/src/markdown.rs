//! The README's rules table and `schemas/CHANGELOG.md`, rendered from the version changes with
//! the same sentences the reports use.

use metaaccess_account::ApiVersion;

use crate::change::{Downgrade, Formula, Place, Rule, VersionChange};
use crate::changes::CHANGES;
use crate::text::{self, operand, place};

const LEGEND: &str = "Copied and moved values are not reported. A value a rule needs and the \
source lacks is reported as unavailable (\"the 3.0 document has no devices_unknown\") and listed \
as missing, unless an earlier change already listed it: then it keeps that change's reason. \
Derived values are reported with their formula and assumption; operands that contradict a \
formula (a negative difference) are reported as a contradiction, and the value is unavailable; \
the operand its inverse would restore is then carried, so that converting back stays exact. \
Dropped values are reported with their count, never with a string such as a license key.\n\n";

/// The conversion rules as a Markdown table per change (for the README).
pub fn rules_markdown() -> String {
    let mut out = String::from(LEGEND);
    for c in CHANGES {
        out.push_str(&format!(
            "#### {} ↔ {} (`{}`)\n\n{}.\n\n| {} | {} | upgrade | downgrade |\n|---|---|---|---|\n",
            c.from, c.to, c.name, c.description, c.from, c.to
        ));
        for rule in c.rules {
            out.push_str(&format!("| {} |\n", row(c, rule).join(" | ")));
        }
        out.push('\n');
    }
    out
}

fn quoted(sentence: &str) -> String {
    format!("\"{sentence}\"")
}

fn places(ps: &[Place], sep: &str) -> String {
    ps.iter().map(|p| place(*p)).collect::<Vec<_>>().join(sep)
}

/// One rule as a table row: older place, newer place, upgrade, downgrade.
fn row(c: &VersionChange, rule: &Rule) -> [String; 4] {
    let none = || "-".to_owned();
    let nothing = || "—".to_owned();
    match *rule {
        Rule::Copied(fields) => [
            fields.join(", "),
            "(same)".into(),
            "copied".into(),
            "copied".into(),
        ],
        Rule::EveryFieldCopied => [
            "every field and bucket".into(),
            "(same)".into(),
            "copied".into(),
            "copied".into(),
        ],
        Rule::CopiedWhenPresent { field, why } => [
            field.into(),
            "(same)".into(),
            format!(
                "copied; unavailable when absent: {}",
                quoted(&text::lacks_because(c.from, field, why))
            ),
            "copied when present".into(),
        ],
        Rule::Moved { older, newer } => {
            [place(older), place(newer), "moved".into(), "moved".into()]
        }
        Rule::Added {
            newer,
            why,
            optional,
        } => [
            none(),
            place(newer),
            format!(
                "unavailable: {}",
                quoted(&text::unavailable(why, optional.then_some(c.to)))
            ),
            format!("dropped: {}", quoted(why)),
        ],
        Rule::Removed { older, why } => [
            place(older),
            none(),
            format!("dropped: {}", quoted(why)),
            format!("unavailable: {}", quoted(why)),
        ],
        Rule::NewValues { array, values, why } => [
            none(),
            if values.is_empty() {
                format!("other {} buckets", array.name)
            } else {
                values
                    .iter()
                    .map(|v| place(Place::Bucket(array, v)))
                    .collect::<Vec<_>>()
                    .join(", ")
            },
            nothing(),
            format!("dropped: {}", quoted(why)),
        ],
        Rule::Derived(d) => {
            let Formula::Difference(a, b) = d.formula;
            let (older, down) = match d.downgrade {
                Downgrade::Inverse => (
                    operand(a).to_owned(),
                    format!(
                        "derived: `{}`",
                        text::inverse(a, c.newer_place_of(b), d.newer)
                    ),
                ),
                Downgrade::Dropped => (
                    none(),
                    format!("dropped: {}", quoted(&text::derived_dropped(c.from, &d))),
                ),
            };
            let up = format!(
                "derived: `{}` (assuming {})",
                text::formula(&[d.newer], d.formula),
                d.assumption
            );
            [older, place(d.newer), up, down]
        }
        Rule::Total {
            newer,
            formula,
            assumption,
        } => [
            none(),
            places(newer, " + "),
            format!(
                "total derived, reported only: `{}` (assuming {})",
                text::formula(newer, formula),
                assumption
            ),
            nothing(),
        ],
        Rule::Check {
            parts,
            total,
            assumption,
        } => [
            none(),
            places(parts, ", "),
            nothing(),
            format!(
                "checked: `{}` (assuming {}); a contradiction when not",
                text::check(parts, total),
                assumption
            ),
        ],
    }
}

/// A human changelog of the API, newest first (for `schemas/CHANGELOG.md`).
pub fn changelog_markdown() -> String {
    let mut out = String::from(
        "# Account Details API changelog\n\n\
         Generated from the version changes (`metaaccess_account_convert::CHANGES`); do not edit.\n\n\
         | version | endpoint | doc updated | change |\n|---|---|---|---|\n",
    );
    for v in ApiVersion::ALL.iter().rev() {
        let e = metaaccess_account::endpoint(*v);
        let change = CHANGES
            .iter()
            .find(|c| c.to == *v)
            .map_or_else(|| e.change_note.to_owned(), |c| c.description.to_owned());
        out.push_str(&format!(
            "| {v} | `{} {}` | {} | {change} |\n",
            e.method.as_str(),
            e.path(),
            e.doc_last_updated
        ));
    }
    out
}
