//! The JSON records the output layer writes (`--format json`): one type per record shape.
//! [`verdict_json`](super::verdict_json), [`detection_json`](super::detection_json), the
//! summary, the conversion report and the withheld-line notice are built from these types, and
//! the JSON Schemas under `schemas/cli/` are generated from them (feature `schema`, `cargo
//! xtask schemas`), so the two cannot diverge. Fields of types from other crates carry, for the
//! schema, a mirror of their wire shape (checked against real output by the CLI's tests).
//! How these shapes may change is in `docs/SEMVER.md`; each is described in `docs/OUTPUT.md`.

use metaaccess_account::ApiVersion;
use metaaccess_account_convert::{Carried, Missing, Report};
use metaaccess_account_validate::{Problem, Status};
use serde::Serialize;
use serde_json::Value;

#[cfg(feature = "schema")]
use wire::{CarriedWire, EntryWire, MissingWire, ProblemWire, StatusWire, Version};

/// `validate`: one checked record.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(title = "validate: one verdict"))]
pub struct VerdictRecord {
    /// The input the record was read from (`-` for standard input, or `--source-name`).
    pub source: String,
    /// Where in it: `document`, `line N` (NDJSON) or `entry N response|request` (HAR).
    pub locator: String,
    /// What the record is.
    pub kind: RecordKind,
    /// The version it was checked against; `null` when none applies (not JSON, no version
    /// accepts it, skipped).
    #[cfg_attr(feature = "schema", schemars(with = "Option<Version>"))]
    pub api_version: Option<ApiVersion>,
    /// Other versions that accept it too.
    #[cfg_attr(feature = "schema", schemars(with = "Vec<Version>"))]
    pub also_valid_as: Vec<ApiVersion>,
    /// The verdict.
    #[cfg_attr(feature = "schema", schemars(with = "StatusWire"))]
    pub status: Status,
    /// The problems found, at most `--max-errors` of them.
    #[cfg_attr(feature = "schema", schemars(with = "Vec<ProblemWire>"))]
    pub errors: Vec<Problem>,
    /// How many more problems there were than `errors` lists.
    pub more_errors: u64,
    /// A sentence about the verdict (how the version was chosen, why it was skipped), or
    /// `null`.
    pub note: Option<String>,
}

/// What a record is: an account response, or a request body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum RecordKind {
    /// An Account Details response.
    Response,
    /// A request body.
    Request,
}

impl From<metaaccess_account::DocumentKind> for RecordKind {
    fn from(kind: metaaccess_account::DocumentKind) -> Self {
        match kind {
            metaaccess_account::DocumentKind::Request => Self::Request,
            _ => Self::Response,
        }
    }
}

/// `validate`: the last line, `{"summary": {...}}`.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(title = "validate: the summary"))]
pub struct SummaryRecord {
    /// The counts.
    pub summary: SummaryCounts,
}

/// The counts of a `validate` run.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SummaryCounts {
    /// Records checked.
    pub records: u64,
    /// Valid ones.
    pub valid: u64,
    /// Invalid ones.
    pub invalid: u64,
    /// Drifting ones.
    pub drift: u64,
    /// Skipped ones.
    pub skipped: u64,
    /// Paths that could not be read.
    pub io_errors: u64,
    /// Bytes of record payloads.
    pub bytes: u64,
    /// Wall-clock time of the run, in seconds, to the millisecond (machine-dependent).
    pub elapsed_seconds: f64,
    /// Records per second, rounded (machine-dependent).
    pub records_per_second: u64,
}

/// `detect`: one record, tried against every version.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(title = "detect: one detection"))]
pub struct DetectionRecord {
    /// The input the record was read from.
    pub source: String,
    /// Where in it.
    pub locator: String,
    /// What the record is.
    pub kind: RecordKind,
    /// `one`, `several` (versions accept it), `drift` (only apart from undocumented items),
    /// `none`, or `skipped` (not a document to try).
    pub outcome: DetectionOutcome,
    /// The versions that accept it, oldest first.
    #[cfg_attr(feature = "schema", schemars(with = "Vec<Version>"))]
    pub accepted: Vec<ApiVersion>,
    /// The versions that read it apart from undocumented items, and the first such item.
    pub drift: Vec<VersionReason>,
    /// The versions that reject it, and their first reason.
    pub rejected: Vec<VersionReason>,
    /// For a record that could not be tried at all: why.
    #[cfg_attr(feature = "schema", schemars(with = "Vec<ProblemWire>"))]
    pub errors: Vec<Problem>,
    /// A sentence about a record that could not be tried, or `null`.
    pub note: Option<String>,
}

/// How many versions accept a record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum DetectionOutcome {
    /// Exactly one version.
    One,
    /// More than one.
    Several,
    /// None, but some apart from undocumented items.
    Drift,
    /// None.
    None,
    /// Not tried: not a document to check.
    Skipped,
}

impl DetectionOutcome {
    /// From the verdict library's outcome word (`one`, `several`, `drift`, `none`).
    pub fn from_word(word: &str) -> Self {
        match word {
            "one" => Self::One,
            "several" => Self::Several,
            "drift" => Self::Drift,
            "skipped" => Self::Skipped,
            _ => Self::None,
        }
    }
}

/// A version and its first problem with a record.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct VersionReason {
    /// The version.
    #[cfg_attr(feature = "schema", schemars(with = "Version"))]
    pub version: ApiVersion,
    /// JSON pointer of the offending value (`""` for the whole document).
    pub instance_path: String,
    /// What is wrong, in `validate`'s words.
    pub message: String,
}

/// The full report of one converted record, every entry with its sentence (what the Python
/// package's `Conversion.report` holds); the command-line tool writes the compact
/// [`ConversionReportLine`] instead.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(
    feature = "schema",
    schemars(title = "upgrade/downgrade: one conversion report")
)]
pub struct ConversionRecord {
    /// The input the record was read from.
    pub source: String,
    /// Where in it.
    pub locator: String,
    /// The version it was read as.
    #[cfg_attr(feature = "schema", schemars(with = "Version"))]
    pub from: ApiVersion,
    /// The version it was converted to.
    #[cfg_attr(feature = "schema", schemars(with = "Version"))]
    pub to: ApiVersion,
    /// `complete`, or `partial` when the target requires values the source cannot supply.
    pub outcome: ConversionOutcome,
    /// Values the target requires and the conversion could not supply.
    #[cfg_attr(feature = "schema", schemars(with = "Vec<MissingWire>"))]
    pub missing: Vec<Missing>,
    /// Source values the target shape cannot hold, carried in the `$conversion` member.
    #[cfg_attr(feature = "schema", schemars(with = "Vec<CarriedWire>"))]
    pub carried: Vec<Carried>,
    /// Members the source version does not document, carried for converting back.
    pub unknown: Vec<UnknownMember>,
    /// Everything the conversion did beyond copying, step by step.
    #[cfg_attr(feature = "schema", schemars(with = "Vec<EntryWire>"))]
    pub report: Report,
}

/// `upgrade`/`downgrade`: the report of one converted record, each line of `--report` (and of
/// standard error with `--format json`): the rules that reported something, by name
/// (`STEP:KIND:POINTER`), and the pointers of what is missing or carried (their values travel
/// in the document's `$conversion` member).
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(
    feature = "schema",
    schemars(title = "upgrade/downgrade: one conversion report")
)]
pub struct ConversionReportLine {
    /// The input the record was read from.
    pub source: String,
    /// Where in it.
    pub locator: String,
    /// The version it was read as.
    #[cfg_attr(feature = "schema", schemars(with = "Version"))]
    pub from: ApiVersion,
    /// The version it was converted to.
    #[cfg_attr(feature = "schema", schemars(with = "Version"))]
    pub to: ApiVersion,
    /// `complete`, or `partial` when the target requires values the source cannot supply.
    pub outcome: ConversionOutcome,
    /// The rules that reported something, by name, in the order they ran.
    pub rules: Vec<String>,
    /// What the target requires and the conversion could not supply, one sentence each.
    pub missing: Vec<String>,
    /// The pointers of the source values carried in the `$conversion` member.
    pub carried: Vec<String>,
    /// The pointers of the undocumented members carried in the `$conversion` member.
    pub unknown: Vec<String>,
}

/// `upgrade`/`downgrade --format json`: the last line on standard error, what the run did.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(
    feature = "schema",
    schemars(title = "upgrade/downgrade: the conversion summary")
)]
pub struct ConversionSummaryRecord {
    /// The summary.
    pub conversion_summary: ConversionSummary,
}

/// What a conversion run did, counted.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ConversionSummary {
    /// Records converted, by versions and outcome.
    pub conversions: Vec<ConversionCount>,
    /// Each rule that reported something, with how many records it applied to.
    pub rules: Vec<RuleCount>,
    /// Missing and carried values, said once each, with how many records.
    pub values: Vec<ValueCount>,
}

/// Records converted from one version to another with one outcome.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ConversionCount {
    /// The source version.
    #[cfg_attr(feature = "schema", schemars(with = "Version"))]
    pub from: ApiVersion,
    /// The target version.
    #[cfg_attr(feature = "schema", schemars(with = "Version"))]
    pub to: ApiVersion,
    /// `complete` or `partial`.
    pub outcome: ConversionOutcome,
    /// How many records.
    pub records: u64,
}

/// A rule that reported something.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RuleCount {
    /// Its name, `STEP:KIND:POINTER`.
    pub rule: String,
    /// How many records it applied to.
    pub records: u64,
    /// What it does.
    pub text: String,
    /// What it said of the first record it applied to (masked).
    pub example: String,
}

/// A missing or carried value, said once.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ValueCount {
    /// The sentence (masked).
    pub text: String,
    /// How many records.
    pub records: u64,
}

/// Whether a conversion supplied everything the target requires.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum ConversionOutcome {
    /// Everything.
    Complete,
    /// Not everything (see `missing`).
    Partial,
}

/// A member the source version does not document (its value is in the document or the
/// `$conversion` member, never in the report).
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct UnknownMember {
    /// The version whose document it belongs to.
    #[cfg_attr(feature = "schema", schemars(with = "Version"))]
    pub version: ApiVersion,
    /// Its JSON pointer there.
    pub pointer: String,
    /// Why it had to be carried.
    pub reason: String,
}

/// Written instead of a JSON line when the last check found a piece of a secret in it.
#[derive(Clone, Debug, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(
    feature = "schema",
    schemars(title = "any subcommand: a withheld line")
)]
pub struct WithheldRecord {
    /// Where the record was, as in the line withheld.
    pub locator: String,
    /// The line's status (`validate`), or `null` for lines that have none.
    #[cfg_attr(feature = "schema", schemars(with = "Option<StatusWire>"))]
    pub status: Value,
    /// Why the line was withheld.
    pub withheld: String,
}

/// Mirrors of the wire shapes of other crates' types, for the schemas only.
#[cfg(feature = "schema")]
mod wire {
    use std::borrow::Cow;

    use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
    use serde_json::Value;

    /// An API version, `MAJOR.MINOR`.
    pub struct Version;

    impl JsonSchema for Version {
        fn schema_name() -> Cow<'static, str> {
            "Version".into()
        }

        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "description": "An API version, MAJOR.MINOR (for example \"3.1\"); new versions may appear.",
                "type": "string",
                "pattern": "^[0-9]+\\.[0-9]+$"
            })
        }
    }

    /// A verdict.
    #[derive(JsonSchema)]
    #[schemars(rename = "Status")]
    #[serde(rename_all = "lowercase")]
    #[allow(dead_code)]
    pub enum StatusWire {
        /// Accepted by the version's schema and model.
        Valid,
        /// Rejected.
        Invalid,
        /// Accepted apart from undocumented fields or enum values.
        Drift,
        /// Not a document to check (a HAR entry with a non-2xx status).
        Skipped,
    }

    /// One problem, located by a JSON pointer.
    #[derive(JsonSchema)]
    #[schemars(rename = "Problem")]
    #[allow(dead_code)]
    pub struct ProblemWire {
        /// JSON pointer of the offending value (`""` for the whole document).
        instance_path: String,
        /// What is wrong (values described, never quoted whole; secrets masked).
        message: String,
    }

    /// A value the target requires and the conversion could not supply.
    #[derive(JsonSchema)]
    #[schemars(rename = "Missing")]
    #[allow(dead_code)]
    pub struct MissingWire {
        /// JSON pointer of the field, or of the array the bucket belongs in.
        pointer: String,
        /// For a missing bucket of an array: its `status`/`severity` value, else `null`.
        bucket: Option<String>,
        /// Why it is missing.
        reason: String,
    }

    /// A source value the target shape cannot hold.
    #[derive(JsonSchema)]
    #[schemars(rename = "Carried")]
    #[allow(dead_code)]
    pub struct CarriedWire {
        /// The version whose document the value belongs to.
        version: Version,
        /// Its JSON pointer in that version's document.
        pointer: String,
        /// The value (a count).
        value: Value,
        /// Why it had to be carried.
        reason: String,
    }

    /// What one conversion step did beyond copying a value.
    #[derive(JsonSchema)]
    #[schemars(rename = "Entry")]
    #[allow(dead_code)]
    pub struct EntryWire {
        /// The change that reported it.
        step: String,
        /// What happened.
        kind: EntryKindWire,
        /// JSON pointer in the step's source document, or `null`.
        source_pointer: Option<String>,
        /// JSON pointer in the step's target document, or `null`.
        target_pointer: Option<String>,
        /// A sentence for a person.
        detail: String,
        /// `derived` only: the formula, in wire names.
        #[serde(default)]
        rule: String,
        /// `derived` only: what the formula assumes of the source.
        #[serde(default)]
        assumption: String,
    }

    /// The kinds of conversion report entries.
    #[derive(JsonSchema)]
    #[schemars(rename = "EntryKind")]
    #[serde(rename_all = "snake_case")]
    #[allow(dead_code)]
    pub enum EntryKindWire {
        /// Computed by a declared formula, under an assumption.
        Derived,
        /// The source had it; the target has no place for it.
        Dropped,
        /// The target has a place for it; the source cannot supply it.
        Unavailable,
        /// The source contradicts a rule's assumption; nothing was corrected.
        Contradiction,
    }
}

/// Every member that may be `null` is still always written: the schemas require it.
#[cfg(feature = "schema")]
fn require_nullable(value: &mut Value) {
    fn nullable(schema: &Value) -> bool {
        let null =
            |t: &Value| t == "null" || t.as_array().is_some_and(|a| a.iter().any(|t| t == "null"));
        schema.get("type").is_some_and(null)
            || ["anyOf", "oneOf"].iter().any(|k| {
                schema
                    .get(*k)
                    .and_then(Value::as_array)
                    .is_some_and(|list| list.iter().any(|s| s.get("type").is_some_and(null)))
            })
    }
    match value {
        Value::Object(object) => {
            let always: Vec<Value> = object
                .get("properties")
                .and_then(Value::as_object)
                .map(|p| {
                    p.iter()
                        .filter(|(_, s)| nullable(s))
                        .map(|(k, _)| Value::from(k.as_str()))
                        .collect()
                })
                .unwrap_or_default();
            if !always.is_empty() {
                let required = object
                    .entry("required")
                    .or_insert_with(|| Value::Array(Vec::new()));
                if let Some(list) = required.as_array_mut() {
                    for name in always {
                        if !list.contains(&name) {
                            list.push(name);
                        }
                    }
                }
            }
            object.values_mut().for_each(require_nullable);
        }
        Value::Array(items) => items.iter_mut().for_each(require_nullable),
        _ => {}
    }
}

/// Every record type and its schema file under `schemas/cli/`: what `cargo xtask schemas`
/// writes.
#[cfg(feature = "schema")]
pub fn schemas() -> Vec<(&'static str, Value)> {
    fn schema<T: schemars::JsonSchema>(id: &str) -> Value {
        let mut value = schemars::schema_for!(T).to_value();
        require_nullable(&mut value);
        if let Some(object) = value.as_object_mut() {
            object.insert("$id".to_owned(), Value::from(id));
        }
        value
    }
    [
        (
            "validate.verdict.schema.json",
            schema::<VerdictRecord> as fn(&str) -> Value,
        ),
        ("validate.summary.schema.json", schema::<SummaryRecord>),
        ("detect.detection.schema.json", schema::<DetectionRecord>),
        ("convert.report.schema.json", schema::<ConversionReportLine>),
        (
            "convert.summary.schema.json",
            schema::<ConversionSummaryRecord>,
        ),
        ("withheld.schema.json", schema::<WithheldRecord>),
    ]
    .into_iter()
    .map(|(name, make)| {
        let id = format!(
            "urn:metaaccess-account:cli:{}",
            name.trim_end_matches(".schema.json")
        );
        (name, make(&id))
    })
    .collect()
}
