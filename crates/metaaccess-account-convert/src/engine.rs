//! The conversion steps themselves, on JSON documents that may have holes.
//!
//! Every step reads a document of one version and writes one of the adjacent version. Values a
//! step cannot fill are left out of the document and listed as [`Missing`]; source values the
//! target shape cannot hold, but that a later downgrade needs, are kept as [`Carried`].

use std::fmt;

use metaaccess_account::{ApiVersion, REDACTED};
use serde::Serialize;
use serde_json::{json, Map, Value};

use crate::report::{Entry, EntryKind, Report};
use crate::steps::{
    step_up_from, Derivation, COMPLIANT_OR_EXEMPTED_FROM_COUNTS, ISSUES_FROM_BUCKETS,
    NO_ISSUE_FROM_COUNTS, WARNING_FROM_COUNTS,
};

/// A value the target version requires and the conversion could not supply.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Missing {
    /// JSON pointer of the field, or of the array the bucket belongs in.
    pub pointer: String,
    /// For a missing bucket of a 3.1/3.2 array: its `status`/`severity` value.
    pub bucket: Option<String>,
    /// Why it is missing.
    pub reason: String,
}

impl fmt::Display for Missing {
    /// `/devices_by_status [compliant]: 3.0 does not split compliant from exempted devices`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.pointer)?;
        if let Some(bucket) = &self.bucket {
            write!(f, " [{bucket}]")?;
        }
        write!(f, ": {}", self.reason)
    }
}

/// A source value the target shape cannot hold, kept so that converting back restores it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Carried {
    /// The version whose document the value belongs to.
    pub version: ApiVersion,
    /// Its JSON pointer in that version's document.
    pub pointer: String,
    /// The value (never a secret: only counts are carried).
    pub value: Value,
    /// Why it had to be carried.
    pub reason: String,
}

/// A document under conversion (public only so the sealed `Source` trait can name it).
#[derive(Clone, PartialEq)]
#[doc(hidden)]
pub struct Work {
    pub(crate) version: ApiVersion,
    pub(crate) doc: Map<String, Value>,
    pub(crate) missing: Vec<Missing>,
    pub(crate) carried: Vec<Carried>,
}

impl fmt::Debug for Work {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut doc = self.doc.clone();
        if let Some(key) = doc.get_mut("license_key") {
            *key = Value::from(REDACTED);
        }
        f.debug_struct("Work")
            .field("version", &self.version)
            .field("doc", &doc)
            .field("missing", &self.missing)
            .field("carried", &self.carried)
            .finish()
    }
}

/// Fields every version has, copied by every step.
const COMMON: [&str; 6] = [
    "name",
    "email",
    "last_login",
    "date_created",
    "devices_allowed",
    "devices_used",
];

const BY_STATUS: &str = "devices_by_status";
const BY_ISSUE: &str = "devices_by_issue_severity";
const BY_VULNERABILITY: &str = "devices_by_vulnerability_severity";

/// Runs the steps from `work.version` to `to`, one adjacent version at a time.
pub(crate) fn run(mut work: Work, to: ApiVersion, report: &mut Report) -> Work {
    while work.version != to {
        let before = work.version;
        work = if work.version < to {
            up(work, report)
        } else {
            down(work, report)
        };
        if work.version == before {
            break; // no step in that direction: cannot happen with the versions listed
        }
    }
    work
}

fn step_name(older: ApiVersion) -> &'static str {
    step_up_from(older).map_or("unknown-step", |s| s.name)
}

fn up(w: Work, report: &mut Report) -> Work {
    let mut rec = Rec::new(step_name(w.version), report);
    match w.version {
        ApiVersion::V2_0 => up_from_2_0(w, &mut rec),
        ApiVersion::V3_0 => up_from_3_0(w, &mut rec),
        ApiVersion::V3_1 => Work {
            version: ApiVersion::V3_2,
            ..w
        },
        ApiVersion::V3_2 => w,
    }
}

fn down(w: Work, report: &mut Report) -> Work {
    let Some(older) = w.version.previous() else {
        return w;
    };
    let mut rec = Rec::new(step_name(older), report);
    match w.version {
        ApiVersion::V2_0 => w,
        ApiVersion::V3_0 => down_to_2_0(w, &mut rec),
        ApiVersion::V3_1 => down_to_3_0(w, &mut rec),
        ApiVersion::V3_2 => down_to_3_1(w, &mut rec),
    }
}

/// Appends entries for one step.
struct Rec<'a> {
    step: &'static str,
    report: &'a mut Report,
}

impl<'a> Rec<'a> {
    fn new(step: &'static str, report: &'a mut Report) -> Self {
        Self { step, report }
    }

    fn push(
        &mut self,
        kind: EntryKind,
        source: Option<&str>,
        target: Option<&str>,
        detail: String,
    ) {
        self.report.entries.push(Entry {
            step: self.step,
            kind,
            source_pointer: source.map(str::to_owned),
            target_pointer: target.map(str::to_owned),
            detail,
        });
    }

    fn derived(&mut self, d: Derivation, source: &str, target: &str, detail: String) {
        self.push(d.into(), Some(source), Some(target), detail);
    }

    fn dropped(&mut self, source: &str, detail: String) {
        self.push(EntryKind::Dropped, Some(source), None, detail);
    }

    fn unavailable(&mut self, target: &str, detail: String) {
        self.push(EntryKind::Unavailable, None, Some(target), detail);
    }

    fn contradiction(&mut self, source: &str, detail: String) {
        self.push(EntryKind::Contradiction, Some(source), None, detail);
    }
}

fn ptr(field: &str) -> String {
    format!("/{field}")
}

/// A top-level field the target requires and the step cannot fill: reported as unavailable
/// and listed as missing.
fn field_hole(rec: &mut Rec<'_>, missing: &mut Vec<Missing>, field: &str, reason: String) {
    rec.unavailable(&ptr(field), reason.clone());
    missing.push(Missing {
        pointer: ptr(field),
        bucket: None,
        reason,
    });
}

fn count(doc: &Map<String, Value>, field: &str) -> Option<u64> {
    doc.get(field).and_then(Value::as_u64)
}

fn key_of(array: &str) -> &'static str {
    if array == BY_STATUS {
        "status"
    } else {
        "severity"
    }
}

fn bucket_value(array: &str, value: &str, n: u64) -> Value {
    json!({ key_of(array): value, "number_of_devices": n })
}

/// The common fields of `src`, and the missing entries that concern them.
fn common(src: &Map<String, Value>, missing: &[Missing]) -> (Map<String, Value>, Vec<Missing>) {
    let doc = COMMON
        .iter()
        .filter_map(|f| src.get(*f).map(|v| ((*f).to_owned(), v.clone())))
        .collect();
    let missing = missing
        .iter()
        .filter(|m| COMMON.iter().any(|f| m.pointer == ptr(f)))
        .cloned()
        .collect();
    (doc, missing)
}

fn up_from_2_0(w: Work, rec: &mut Rec<'_>) -> Work {
    let Work {
        doc,
        mut missing,
        carried,
        ..
    } = w;
    for field in ["devices_critical", "devices_issues"] {
        if !doc.contains_key(field) {
            let reason = format!(
                "the 2.0 response has no {field} (2.0 responses from before 2018-01-30 lack it)"
            );
            field_hole(rec, &mut missing, field, reason);
        }
    }
    field_hole(
        rec,
        &mut missing,
        "devices_unknown",
        "2.0 does not count unknown devices".to_owned(),
    );
    rec.unavailable(
        "/license_key",
        "2.0 has no license key; it is optional in 3.0, so it is left out".into(),
    );
    Work {
        version: ApiVersion::V3_0,
        doc,
        missing,
        carried,
    }
}

fn down_to_2_0(w: Work, rec: &mut Rec<'_>) -> Work {
    let Work {
        mut doc,
        mut missing,
        carried,
        ..
    } = w;
    if let Some(v) = doc.remove("devices_unknown") {
        rec.dropped(
            "/devices_unknown",
            format!("2.0 does not count unknown devices ({v})"),
        );
    }
    if doc.remove("license_key").is_some() {
        rec.dropped(
            "/license_key",
            "2.0 has no license key (value not shown)".into(),
        );
    }
    // 2.0 has no devices_unknown or license_key, and may omit the two mid-life counts.
    missing.retain(|m| {
        ![
            "/devices_unknown",
            "/license_key",
            "/devices_critical",
            "/devices_issues",
        ]
        .contains(&m.pointer.as_str())
    });
    Work {
        version: ApiVersion::V2_0,
        doc,
        missing,
        carried,
    }
}

/// Builds a 3.1 bucket array in documented order, noting holes.
struct Buckets<'m> {
    array: &'static str,
    items: Vec<Value>,
    missing: &'m mut Vec<Missing>,
}

impl Buckets<'_> {
    fn push(&mut self, value: &str, n: u64) -> String {
        self.items.push(bucket_value(self.array, value, n));
        format!("/{}/{}", self.array, self.items.len() - 1)
    }

    fn hole(&mut self, rec: &mut Rec<'_>, value: &str, reason: String) {
        rec.unavailable(&ptr(self.array), format!("{value}: {reason}"));
        self.missing.push(Missing {
            pointer: ptr(self.array),
            bucket: Some(value.to_owned()),
            reason,
        });
    }

    /// A bucket copied from a 3.0 count, or a hole where the count is unavailable.
    fn copied(&mut self, rec: &mut Rec<'_>, value: &str, source: Option<u64>, field: &str) {
        match source {
            Some(n) => {
                self.push(value, n);
            }
            None => self.hole(rec, value, format!("the 3.0 document has no {field}")),
        }
    }
}

fn up_from_3_0(w: Work, rec: &mut Rec<'_>) -> Work {
    let src = w.doc;
    let (mut doc, mut missing) = common(&src, &w.missing);
    let mut carried = w.carried;
    let used = count(&src, "devices_used");

    // Status: non-compliant and unknown are copied; compliant and exempted are not split in 3.0.
    let uncompliant = count(&src, "devices_uncompliant");
    let mut status = Buckets {
        array: BY_STATUS,
        items: Vec::new(),
        missing: &mut missing,
    };
    let split = "3.0 does not split compliant from exempted devices".to_owned();
    status.hole(rec, "compliant", split.clone());
    status.copied(rec, "non-compliant", uncompliant, "devices_uncompliant");
    status.hole(rec, "exempted", split);
    status.copied(
        rec,
        "unknown",
        count(&src, "devices_unknown"),
        "devices_unknown",
    );
    let status = status.items;
    match (used, uncompliant) {
        (Some(n), Some(u)) if u <= n => rec.derived(
            COMPLIANT_OR_EXEMPTED_FROM_COUNTS,
            "/devices_uncompliant",
            "/devices_by_status",
            format!("compliant + exempted = {} (the split is unavailable)", n - u),
        ),
        (Some(n), Some(u)) => rec.contradiction(
            "/devices_uncompliant",
            format!("devices_uncompliant ({u}) exceeds devices_used ({n}); compliant + exempted cannot be derived"),
        ),
        _ => {}
    }

    // Issue severities.
    let critical = count(&src, "devices_critical");
    let issues = count(&src, "devices_issues");
    let mut issue = Buckets {
        array: BY_ISSUE,
        items: Vec::new(),
        missing: &mut missing,
    };
    issue.copied(rec, "critical", critical, "devices_critical");
    let warning = match (issues, critical) {
        (Some(i), Some(c)) if c <= i => {
            let at = issue.push("warning", i - c);
            rec.derived(
                WARNING_FROM_COUNTS,
                "/devices_issues",
                &at,
                format!("warning = {i} - {c} = {}", i - c),
            );
            true
        }
        (Some(i), Some(c)) => {
            rec.contradiction(
                "/devices_critical",
                format!("devices_critical ({c}) exceeds devices_issues ({i}); warning cannot be derived"),
            );
            issue.hole(
                rec,
                "warning",
                "devices_critical exceeds devices_issues".into(),
            );
            false
        }
        _ => {
            issue.hole(
                rec,
                "warning",
                "needs both devices_issues and devices_critical".into(),
            );
            false
        }
    };
    if let (false, Some(i)) = (warning, issues) {
        carried.push(Carried {
            version: ApiVersion::V3_0,
            pointer: "/devices_issues".into(),
            value: Value::from(i),
            reason: "warning could not be derived; kept so that a 3.0 document can be restored"
                .into(),
        });
    }
    match (used, issues) {
        (Some(n), Some(i)) if i <= n => {
            let at = issue.push("no_issue", n - i);
            rec.derived(
                NO_ISSUE_FROM_COUNTS,
                "/devices_issues",
                &at,
                format!("no_issue = {n} - {i} = {}", n - i),
            );
        }
        (Some(n), Some(i)) => {
            rec.contradiction(
                "/devices_issues",
                format!(
                    "devices_issues ({i}) exceeds devices_used ({n}); no_issue cannot be derived"
                ),
            );
            issue.hole(
                rec,
                "no_issue",
                "devices_issues exceeds devices_used".into(),
            );
        }
        _ => issue.hole(
            rec,
            "no_issue",
            "needs both devices_used and devices_issues".into(),
        ),
    }
    let issue = issue.items;

    doc.insert(BY_STATUS.into(), Value::Array(status));
    doc.insert(BY_ISSUE.into(), Value::Array(issue));
    field_hole(
        rec,
        &mut missing,
        BY_VULNERABILITY,
        "3.0 has no vulnerability data".to_owned(),
    );
    match src.get("license_key") {
        Some(key) => {
            doc.insert("license_key".into(), key.clone());
        }
        None => {
            let reason = "the 3.0 document has no license_key (3.0 responses from before 2018-11-27 lack it)".to_owned();
            field_hole(rec, &mut missing, "license_key", reason);
        }
    }
    Work {
        version: ApiVersion::V3_1,
        doc,
        missing,
        carried,
    }
}

/// Where a bucket is in a 3.1/3.2 array.
enum Lookup {
    Found(u64),
    Absent,
    Duplicate,
}

fn items<'a>(doc: &'a Map<String, Value>, array: &str) -> &'a [Value] {
    doc.get(array)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

fn bucket_key<'a>(array: &str, item: &'a Value) -> Option<&'a str> {
    item.get(key_of(array)).and_then(Value::as_str)
}

fn lookup(doc: &Map<String, Value>, array: &str, value: &str) -> Lookup {
    let mut found = items(doc, array)
        .iter()
        .filter(|b| bucket_key(array, b) == Some(value))
        .filter_map(|b| b.get("number_of_devices").and_then(Value::as_u64));
    match (found.next(), found.next()) {
        (Some(n), None) => Lookup::Found(n),
        (None, _) => Lookup::Absent,
        (Some(_), Some(_)) => Lookup::Duplicate,
    }
}

fn down_to_3_0(w: Work, rec: &mut Rec<'_>) -> Work {
    let src = w.doc;
    let (mut doc, mut missing) = common(&src, &w.missing);
    let mut carried = w.carried;

    let mut copy =
        |doc: &mut Map<String, Value>, field: &str, array: &str, value: &str| -> Option<u64> {
            let reason = match lookup(&src, array, value) {
                Lookup::Found(n) => {
                    doc.insert(field.into(), Value::from(n));
                    return Some(n);
                }
                Lookup::Absent => format!("the 3.1 document has no {value} bucket in {array}"),
                Lookup::Duplicate => {
                    rec.contradiction(
                        &ptr(array),
                        format!("the {value} bucket appears more than once"),
                    );
                    format!("the {value} bucket appears more than once in {array}")
                }
            };
            field_hole(rec, &mut missing, field, reason);
            None
        };
    copy(&mut doc, "devices_uncompliant", BY_STATUS, "non-compliant");
    let critical = copy(&mut doc, "devices_critical", BY_ISSUE, "critical");
    copy(&mut doc, "devices_unknown", BY_STATUS, "unknown");

    let restored = carried
        .iter()
        .find(|c| c.version == ApiVersion::V3_0 && c.pointer == "/devices_issues")
        .map(|c| c.value.clone());
    let warning = match lookup(&src, BY_ISSUE, "warning") {
        Lookup::Found(n) => Some(n),
        _ => None,
    };
    match (critical.zip(warning), restored) {
        (Some((c, wn)), _) if c.checked_add(wn).is_some() => {
            let sum = c + wn;
            doc.insert("devices_issues".into(), Value::from(sum));
            rec.derived(
                ISSUES_FROM_BUCKETS,
                &ptr(BY_ISSUE),
                "/devices_issues",
                format!("devices_issues = {c} + {wn} = {sum}"),
            );
        }
        (_, Some(original)) => {
            doc.insert("devices_issues".into(), original);
        }
        (sum, None) => {
            let reason = if sum.is_some() {
                rec.contradiction(
                    &ptr(BY_ISSUE),
                    "critical + warning does not fit in a count".into(),
                );
                "critical + warning does not fit in a count"
            } else {
                "needs both the critical and the warning bucket"
            };
            field_hole(rec, &mut missing, "devices_issues", reason.into());
        }
    }
    carried.retain(|c| c.version != ApiVersion::V3_0);

    // Consistency check only: issue severities are assumed to partition devices_used.
    let sum = ["critical", "warning", "no_issue"]
        .iter()
        .map(|v| match lookup(&src, BY_ISSUE, v) {
            Lookup::Found(n) => Some(n),
            _ => None,
        })
        .try_fold(0u64, |acc, n| n.and_then(|n| acc.checked_add(n)));
    if let (Some(sum), Some(used)) = (sum, count(&src, "devices_used")) {
        if sum != used {
            rec.contradiction(
                &ptr(BY_ISSUE),
                format!("issue severities sum to {sum} but devices_used is {used}"),
            );
        }
    }

    // What 3.0 has no place for.
    for (array, kept) in [
        (BY_STATUS, &["non-compliant", "unknown"][..]),
        (BY_ISSUE, &["critical", "warning"][..]),
    ] {
        for (i, b) in items(&src, array).iter().enumerate() {
            let value = bucket_key(array, b).unwrap_or_default();
            if !kept.contains(&value) {
                let n = b.get("number_of_devices").cloned().unwrap_or(Value::Null);
                rec.dropped(
                    &format!("/{array}/{i}"),
                    format!("3.0 has no place for the {value:?} bucket ({n} devices)"),
                );
            }
        }
    }
    if let Some(v) = src.get(BY_VULNERABILITY).and_then(Value::as_array) {
        rec.dropped(
            &ptr(BY_VULNERABILITY),
            format!("3.0 has no vulnerability data ({} buckets)", v.len()),
        );
    }
    if let Some(key) = src.get("license_key") {
        doc.insert("license_key".into(), key.clone());
    }
    Work {
        version: ApiVersion::V3_0,
        doc,
        missing,
        carried,
    }
}

fn down_to_3_1(w: Work, rec: &mut Rec<'_>) -> Work {
    let mut doc = w.doc;
    if let Some(Value::Array(buckets)) = doc.get_mut(BY_VULNERABILITY) {
        let mut i = 0;
        buckets.retain(|b| {
            let value = bucket_key(BY_VULNERABILITY, b).unwrap_or_default();
            let keep = !matches!(value, "high" | "medium");
            if !keep {
                let n = b.get("number_of_devices").cloned().unwrap_or(Value::Null);
                rec.dropped(
                    &format!("/{BY_VULNERABILITY}/{i}"),
                    format!("3.1 has no {value:?} vulnerability severity ({n} devices)"),
                );
            }
            i += 1;
            keep
        });
    }
    Work {
        version: ApiVersion::V3_1,
        doc,
        missing: w.missing,
        carried: w.carried,
    }
}

/// Inserts a supplied bucket into `array` at its documented position.
pub(crate) fn insert_bucket(
    doc: &mut Map<String, Value>,
    array: &str,
    order: &[&str],
    value: &str,
    n: u64,
) {
    let rank = |v: &str| order.iter().position(|o| *o == v).unwrap_or(order.len());
    let entry = doc
        .entry(array.to_owned())
        .or_insert_with(|| Value::Array(Vec::new()));
    if let Value::Array(items) = entry {
        let at = items
            .iter()
            .position(|b| rank(bucket_key(array, b).unwrap_or_default()) > rank(value))
            .unwrap_or(items.len());
        items.insert(at, bucket_value(array, value, n));
    }
}
