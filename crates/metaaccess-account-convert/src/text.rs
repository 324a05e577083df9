//! Every sentence a conversion reports, rendered from the rule that reports it.
//!
//! The engine calls these with values from the document; a test enumerates every sentence each
//! declared rule can produce and checks every reported one against them.

use std::fmt::Display;

use metaaccess_account::ApiVersion;
use serde_json::Value;

use crate::change::{Derivation, Formula, Place};

/// A place as the rules table names it: `devices_by_status[compliant]`.
pub(crate) fn place(p: Place) -> String {
    match p {
        Place::Field(f) => f.to_owned(),
        Place::Array(a) => a.name.to_owned(),
        Place::Bucket(a, v) => format!("{}[{v}]", a.name),
    }
}

/// A formula operand: a field, or a bucket by its value.
pub(crate) fn operand(p: Place) -> &'static str {
    match p {
        Place::Field(f) => f,
        Place::Array(a) => a.name,
        Place::Bucket(_, v) => v,
    }
}

fn joined(places: &[Place], sep: &str) -> String {
    places
        .iter()
        .map(|p| operand(*p))
        .collect::<Vec<_>>()
        .join(sep)
}

/// `the 3.1 document has no non-compliant bucket in devices_by_status`
pub(crate) fn lacks(version: ApiVersion, p: Place) -> String {
    match p {
        Place::Bucket(a, v) => lacks_named(version, &format!("{v} bucket in {}", a.name)),
        other => lacks_named(version, operand(other)),
    }
}

fn lacks_named(version: ApiVersion, what: &str) -> String {
    format!("the {version} document has no {what}")
}

/// `the 2.0 document has no devices_critical (2.0 responses from before 2018-01-30 lack it)`
pub(crate) fn lacks_because(version: ApiVersion, field: &str, why: &str) -> String {
    format!("{} ({why})", lacks_named(version, field))
}

/// Why a value the target version may lack is left out.
pub(crate) fn unavailable(why: &str, optional_in: Option<ApiVersion>) -> String {
    match optional_in {
        Some(v) => format!("{why}; it is optional in {v}, so it is left out"),
        None => why.to_owned(),
    }
}

/// The detail of an unavailable entry: a bucket is named, as its pointer is its array's.
pub(crate) fn unavailable_detail(p: Place, reason: &str) -> String {
    match p.bucket() {
        Some(v) => format!("{v}: {reason}"),
        None => reason.to_owned(),
    }
}

/// A dropped value as a report shows it: a count, a number of buckets, never a string (a
/// license key is a string).
pub(crate) fn shown(value: &Value) -> String {
    match value {
        Value::Number(n) => n.to_string(),
        Value::Array(items) => format!("{} buckets", items.len()),
        _ => "value not shown".to_owned(),
    }
}

/// `2.0 does not count unknown devices (25)`; `the "high" bucket (50 devices): why`
pub(crate) fn dropped(bucket: Option<&str>, value: &Value, why: &str) -> String {
    match (bucket, value) {
        (Some(v), Value::Number(n)) => format!("the \"{v}\" bucket ({n} devices): {why}"),
        (Some(v), other) => format!("the \"{v}\" bucket ({}): {why}", shown(other)),
        (None, other) => format!("{why} ({})", shown(other)),
    }
}

/// Why a derived value the older version has no place for is dropped.
pub(crate) fn derived_dropped(older: ApiVersion, d: &Derivation) -> String {
    format!(
        "{older} and older versions have no place for it; upgrading derives {}",
        formula(&[d.newer], d.formula)
    )
}

/// `warning = devices_issues - devices_critical`
pub(crate) fn formula(newer: &[Place], f: Formula) -> String {
    let Formula::Difference(a, b) = f;
    format!("{} = {} - {}", joined(newer, " + "), operand(a), operand(b))
}

/// `devices_issues = critical + warning`: the inverse of a difference, over newer places.
pub(crate) fn inverse(a: Place, b_newer: Place, derived: Place) -> String {
    format!(
        "{} = {} + {}",
        operand(a),
        operand(b_newer),
        operand(derived)
    )
}

/// `warning = 52 - 2 = 50`
pub(crate) fn difference(
    newer: &[Place],
    a: impl Display,
    b: impl Display,
    r: impl Display,
) -> String {
    let total = if newer.len() > 1 {
        " (reported only: no single place holds it)"
    } else {
        ""
    };
    format!("{} = {a} - {b} = {r}{total}", joined(newer, " + "))
}

/// `devices_issues = 2 + 50 = 52`
pub(crate) fn sum(a: Place, x: impl Display, y: impl Display, s: impl Display) -> String {
    format!("{} = {x} + {y} = {s}", operand(a))
}

/// `devices_critical (60) exceeds devices_issues (52); warning cannot be derived`
pub(crate) fn exceeds(newer: &[Place], f: Formula, va: impl Display, vb: impl Display) -> String {
    let Formula::Difference(a, b) = f;
    format!(
        "{} ({vb}) exceeds {} ({va}); {} cannot be derived",
        operand(b),
        operand(a),
        joined(newer, " + ")
    )
}

/// Why a difference whose operands contradict it is unavailable.
pub(crate) fn exceeds_hole(f: Formula) -> String {
    let Formula::Difference(a, b) = f;
    format!("{} exceeds {}", operand(b), operand(a))
}

/// Why a formula is unavailable when an operand is.
pub(crate) fn needs(x: Place, y: Place) -> String {
    format!("needs both {} and {}", operand(x), operand(y))
}

/// Why a sum is unavailable when it does not fit in a count (above 2^53 - 1).
pub(crate) fn overflow(x: Place, y: Place) -> String {
    format!("{} + {} does not fit in a count", operand(x), operand(y))
}

/// A bucket named twice in its array.
pub(crate) fn duplicate(p: Place) -> String {
    format!("the {} bucket appears more than once", operand(p))
}

/// Why a value read from a bucket named twice is unavailable.
pub(crate) fn duplicate_hole(p: Place) -> String {
    format!("{} in {}", duplicate(p), p.field())
}

/// Why a source value is carried.
pub(crate) fn carried(derived: Place, older: ApiVersion) -> String {
    format!(
        "{} could not be derived; kept so that a {older} document can be restored",
        operand(derived)
    )
}

/// `critical + warning + no_issue = 9, but devices_used is 120`
pub(crate) fn check_failed(
    parts: &[Place],
    total: Place,
    s: impl Display,
    t: impl Display,
) -> String {
    format!(
        "{} = {s}, but {} is {t}",
        joined(parts, " + "),
        operand(total)
    )
}

/// `critical + warning + no_issue = devices_used`
pub(crate) fn check(parts: &[Place], total: Place) -> String {
    format!("{} = {}", joined(parts, " + "), operand(total))
}
